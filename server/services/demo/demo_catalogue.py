"""The demo school's curriculum catalogue: a few subjects in Skolverket's format.

The files (server/samples/curriculum/demo-*.json) are demo data: their
names say so, their `source` is "Demodata i Skolverkets format, inte
kursplanens text", and every paragraph says it is not the syllabus's text.
They go through the real import (server.services.curriculum), so the demo
shows what an imported catalogue looks like without pretending to be one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Connection

from server.services.curriculum.catalogue_import import CatalogueReport, import_catalogue_files

DEMO_CATALOGUE = Path(__file__).resolve().parents[2] / "samples" / "curriculum"
DEMO_SOURCE = "Demodata i Skolverkets format, inte kursplanens text"


def demo_catalogue_files() -> list[Path]:
    return sorted(DEMO_CATALOGUE.glob("demo-*.json"))


def write_demo_catalogue(conn: Connection, today: dt.date) -> CatalogueReport:
    """Import the demo catalogue, as retrieved on the demo's `today`."""
    retrieved = dt.datetime.combine(today, dt.time(7, 0), tzinfo=dt.UTC)
    return import_catalogue_files(conn, demo_catalogue_files(), retrieved_at=retrieved)

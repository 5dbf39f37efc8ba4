"""Catalogue rows for a cache test: test files read by the server's own reader
and turned into the rows its import writes, then synced in as pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from server.services.curriculum.catalogue_import import item_rows, subject_row
from server.services.curriculum.syllabus_file import parse_catalogue
from tests.local_db.records import RecordBuilder

RETRIEVED = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def add_subject(data: RecordBuilder, file: dict[str, Any]) -> None:
    """Add one test file's subject version and items to a page being built."""
    subject = parse_catalogue(file, origin="test.json")
    row = subject_row(subject, RETRIEVED)
    data.add("curriculum_subject", row.pop("id"), **row)
    for item in item_rows(subject):
        data.add("curriculum_item", item.pop("id"), **item)

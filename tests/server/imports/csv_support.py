"""Helpers of the CSV import tests: the sample school, running an import,
snapshots of what the database holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from server.db import current_seq, write_transaction
from server.services.imports.csv_existing import IMPORTED_KINDS
from server.services.imports.csv_import import CsvImportRejected, ImportReport, import_csv_directory
from server.tables import synced

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "server" / "samples" / "csv"
BAD = ROOT / "tests" / "data" / "csv_bad"

#: What server/samples/csv holds.
SAMPLE_COUNTS = {
    "school": 1,
    "person": 23,
    "group": 3,
    "group_membership": 13,
    "guardian_relation": 12,
    "activity": 5,
    "activity_group": 5,
    "activity_teacher": 6,
    "lesson": 103,  # 6 weekly rows x 17 weeks + 1 single lesson
}
#: Two marked pupils and their guardians.
SAMPLE_PROTECTED = {"P-003", "P-006", "G-004", "G-005", "G-008"}


def run_import(engine: Engine, directory: Path, **options: Any) -> ImportReport:
    with write_transaction(engine) as conn:
        return import_csv_directory(conn, directory, **options)


def rejected(engine: Engine, directory: Path, **options: Any) -> list[str]:
    with pytest.raises(CsvImportRejected) as caught:
        run_import(engine, directory, **options)
    return [str(problem) for problem in caught.value.problems]


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every imported row, all columns, and the sequence counter."""
    with engine.connect() as conn:
        rows = {
            kind: sorted(
                (tuple(row) for row in conn.execute(select(synced[kind]))), key=lambda r: str(r[0])
            )
            for kind in IMPORTED_KINDS
        }
        return {"rows": rows, "counter": current_seq(conn)}


def live_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            kind: conn.execute(
                select(func.count())
                .select_from(synced[kind])
                .where(synced[kind].c.deleted.is_(False))
            ).scalar_one()
            for kind in IMPORTED_KINDS
        }


def by_external_id(engine: Engine, kind: str) -> dict[str, Any]:
    table = synced[kind]
    with engine.connect() as conn:
        return {row.external_id: row for row in conn.execute(select(table))}


def drop_line(path: Path, start: str) -> None:
    """Remove the one line that starts with `start`."""
    lines = path.read_text("utf-8-sig").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"{start!r} in {path.name}"
    path.write_text("".join(kept), "utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8-sig")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), "utf-8")

"""Import a school's roster and timetable from a directory of CSV files.

The format is described in docs/csv_import.md. In short: every file is
optional, rows carry the school's own ids (external ids), and re-importing
updates rows instead of duplicating them. The import is all or nothing:
every problem in every file is collected and reported with file and line,
and when there is any, nothing is written. Changes are written in one
transaction, published as change-sets of about 1000 rows so clients can
page through a large import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from server.db import hold_counter
from server.services.imports.csv_existing import (
    StoredRows,
    load_stored_rows,
)
from server.services.imports.csv_files import CsvTable, FileSpec, Problem, Problems, read_table
from server.services.imports.csv_lessons import LESSONS, TIMETABLE, read_lessons, read_timetable
from server.services.imports.csv_plan import ImportPlan, PlanBuilder
from server.services.imports.csv_records import (
    ACTIVITIES,
    GROUPS,
    GUARDIANS,
    MEMBERSHIPS,
    PERSONS,
    SCHOOLS,
    read_activities,
    read_groups,
    read_guardians,
    read_memberships,
    read_persons,
    read_schools,
)
from server.services.imports.plan_apply import KindCounts, diff, write_changes

#: Files in the order they are read (a file refers only to earlier ones).
FILES: tuple[FileSpec, ...] = (
    SCHOOLS,
    PERSONS,
    GROUPS,
    MEMBERSHIPS,
    GUARDIANS,
    ACTIVITIES,
    TIMETABLE,
    LESSONS,
)
_KIND_OF_FILE = {
    SCHOOLS.name: "school",
    PERSONS.name: "person",
    GROUPS.name: "group",
    MEMBERSHIPS.name: "group_membership",
    GUARDIANS.name: "guardian_relation",
    ACTIVITIES.name: "activity",
    TIMETABLE.name: "lesson",
    LESSONS.name: "lesson",
}


class CsvImportRejected(Exception):
    """The files have problems; nothing was imported. `problems` lists them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the import files")


@dataclass(frozen=True)
class ImportReport:
    dry_run: bool
    files: tuple[str, ...]
    counts: Mapping[str, KindCounts]
    #: Sequence numbers of the change-sets written (empty: nothing changed).
    change_sets: tuple[int, ...] = ()
    #: Persons whose contact protection was switched on or off.
    protection_changes: int = 0

    @property
    def changed_rows(self) -> int:
        return sum(c.created + c.updated + c.deleted for c in self.counts.values())


def _read_directory(directory: Path, problems: Problems) -> dict[str, CsvTable | None]:
    """The known files present (by name); unknown CSV files are a problem (a typo?)."""
    if not directory.is_dir():
        problems.add(str(directory), None, "is not a directory")
        return {}
    specs = {spec.name: spec for spec in FILES}
    present: dict[str, Path] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix.casefold() != ".csv" or not path.is_file():
            continue
        name = path.name.casefold()
        if name not in specs:
            problems.add(path.name, None, f"unknown file; the import reads {', '.join(specs)}")
        else:
            present[name] = path
    if not present and not problems:
        problems.add(str(directory), None, f"has none of the import files ({', '.join(specs)})")
    return {name: read_table(path, specs[name], problems) for name, path in present.items()}


def _build_plan(
    tables: Mapping[str, CsvTable | None],
    stored: StoredRows,
    problems: Problems,
    *,
    sync_deletes: bool,
    today: dt.date,
) -> ImportPlan:
    builder = PlanBuilder(stored, problems, sync_deletes=sync_deletes)
    builder.plan.complete_kinds.update(_KIND_OF_FILE[name] for name in tables)
    builder.unreadable_kinds.update(
        _KIND_OF_FILE[name] for name, table in tables.items() if table is None
    )
    read_schools(tables.get(SCHOOLS.name), builder)
    read_persons(tables.get(PERSONS.name), builder, today)
    read_groups(tables.get(GROUPS.name), builder)
    read_memberships(tables.get(MEMBERSHIPS.name), builder)
    read_guardians(tables.get(GUARDIANS.name), builder)
    read_activities(tables.get(ACTIVITIES.name), builder)
    generated = read_timetable(tables.get(TIMETABLE.name), builder)
    read_lessons(tables.get(LESSONS.name), builder, generated)
    return builder.plan


def import_csv_directory(
    conn: Connection,
    directory: Path,
    *,
    dry_run: bool = False,
    sync_deletes: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Validate the files and, unless `dry_run`, write the changes on `conn`.

    Raises CsvImportRejected with every problem found; the caller's
    transaction must then be rolled back (nothing has been written: files are
    validated completely before the first write). `today` dates short
    personnummer (YYMMDD-NNNN) to their century.
    """
    problems = Problems()
    tables = _read_directory(directory, problems)
    if not dry_run:
        # Hold the sequence counter from the first read to the commit, so no
        # other writer (a teacher's roll call, a second import) changes rows
        # between the comparison and the write. SQLite's BEGIN IMMEDIATE
        # already does this; PostgreSQL needs the row lock.
        hold_counter(conn)
    stored = load_stored_rows(conn)
    plan = _build_plan(
        tables, stored, problems, sync_deletes=sync_deletes, today=today or dt.date.today()
    )
    if problems:
        order = {spec.name: index for index, spec in enumerate(FILES)}
        raise CsvImportRejected(
            sorted(problems.items, key=lambda p: (order.get(p.file, -1), p.line or 0))
        )
    changes = diff(plan, stored, sync_deletes=sync_deletes)
    counts = {kind: change.counts() for kind, change in changes.items()}
    files = tuple(name for name in (spec.name for spec in FILES) if name in tables)
    if dry_run:
        return ImportReport(True, files, counts)
    applied = write_changes(conn, changes)
    return ImportReport(False, files, counts, applied.change_sets, applied.protection_changes)

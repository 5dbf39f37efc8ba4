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
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from server.db import allocate_seq, hold_counter
from server.services.access.protection import refresh_contact_protection
from server.services.imports.csv_existing import (
    IMPORTED_KINDS,
    LINK_KEYS,
    StoredRow,
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
from server.services.sync.change_sets import ChangeSetWriter

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

#: With --sync-deletes, tombstoning a row also tombstones the rows that hang
#: on it: child kind -> (reference column, parent kind).
_HANGS_ON: Mapping[str, tuple[tuple[str, str], ...]] = {
    "group": (("school_id", "school"),),
    "group_membership": (("group_id", "group"), ("person_id", "person")),
    "guardian_relation": (("pupil_id", "person"), ("guardian_id", "person")),
    "activity": (("school_id", "school"),),
    "activity_group": (("activity_id", "activity"), ("group_id", "group")),
    "activity_teacher": (("activity_id", "activity"), ("teacher_id", "person")),
    "lesson": (("activity_id", "activity"),),
}


class CsvImportRejected(Exception):
    """The files have problems; nothing was imported. `problems` lists them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the import files")


@dataclass(frozen=True)
class KindCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    #: Lessons --sync-deletes would remove but which have a roll call.
    kept: int = 0


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


@dataclass
class _Changes:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    #: (stored row, changed columns)
    updates: list[tuple[StoredRow, dict[str, Any]]] = field(default_factory=list)
    tombstones: list[StoredRow] = field(default_factory=list)
    unchanged: int = 0
    kept: int = 0

    def counts(self) -> KindCounts:
        return KindCounts(
            len(self.inserts), len(self.updates), self.unchanged, len(self.tombstones), self.kept
        )


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


def _is_dropped(
    kind: str, row: StoredRow, plan: ImportPlan, *, sync_deletes: bool, imported: set[uuid.UUID]
) -> bool:
    """Whether a live stored row the files do not list is to be tombstoned.

    `imported` holds the ids of persons an import made (they have an external
    id): --sync-deletes never touches rows made another way.
    """
    if kind in LINK_KEYS:
        parent = row.values[LINK_KEYS[kind][0]]
        # The files list all of an activity's groups and teachers, and all
        # of a pupil's guardians: a link they leave out has ended.
        if parent in plan.link_parents[kind]:
            return True
        return (
            sync_deletes
            and kind == "guardian_relation"
            and kind in plan.complete_kinds
            and parent in imported
        )
    return sync_deletes and kind in plan.complete_kinds and bool(row.values["external_id"])


def _diff(plan: ImportPlan, stored: StoredRows, *, sync_deletes: bool) -> dict[str, _Changes]:
    changes: dict[str, _Changes] = {}
    dropped: dict[str, set[uuid.UUID]] = {}
    imported = {row.id for row in stored.by_external_id["person"].values()}
    for kind in IMPORTED_KINDS:
        found = changes[kind] = _Changes()
        by_id = {row.id: row for row in stored.by_kind[kind]}
        wanted = plan.rows[kind]
        for row in wanted.values():
            old = by_id.get(row.id)
            if old is None:
                found.inserts.append({"id": row.id, **row.new_row_defaults, **row.values})
                continue
            changed = {name: v for name, v in row.values.items() if old.values[name] != v}
            if old.deleted:
                changed["deleted"] = False
            if changed:
                found.updates.append((old, changed))
            else:
                found.unchanged += 1
        wanted_ids = {row.id for row in wanted.values()}
        gone: dict[uuid.UUID, StoredRow] = {}
        for old in stored.by_kind[kind]:
            if old.deleted or old.id in wanted_ids:
                continue
            hangs_on_dropped = sync_deletes and any(
                old.values[column] in dropped.get(parent, ())
                for column, parent in _HANGS_ON.get(kind, ())
            )
            if hangs_on_dropped or _is_dropped(
                kind, old, plan, sync_deletes=sync_deletes, imported=imported
            ):
                if kind == "lesson" and old.id in stored.lessons_with_roll_call:
                    found.kept += 1
                else:
                    gone[old.id] = old
        found.tombstones = [gone[row_id] for row_id in sorted(gone)]
        dropped[kind] = set(gone)
    return changes


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
    changes = _diff(plan, stored, sync_deletes=sync_deletes)
    counts = {kind: change.counts() for kind, change in changes.items()}
    files = tuple(name for name in (spec.name for spec in FILES) if name in tables)
    if dry_run:
        return ImportReport(True, files, counts)
    writer = ChangeSetWriter(conn)
    for kind in IMPORTED_KINDS:
        change = changes[kind]
        for row in change.inserts:
            writer.insert(kind, row)
        for old, values in change.updates:
            writer.update(kind, old.id, values, old_seq=old.seq, old_field_seqs=old.field_seqs)
        for old in change.tombstones:
            writer.update(
                kind, old.id, {"deleted": True}, old_seq=old.seq, old_field_seqs=old.field_seqs
            )
    writer.flush()
    protection_changes = refresh_contact_protection(conn)
    seqs = list(writer.seqs)
    if protection_changes and not seqs:
        seqs.append(allocate_seq(conn))  # the one the refresh used
    return ImportReport(False, files, counts, tuple(seqs), protection_changes)

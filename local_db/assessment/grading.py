"""Writing results and term grades, and undoing them.

Every write goes through local_db.edits.save_record, or for many records
local_db.batch_edits.save_records, in the caller's write transaction, so
it is saved at once and queued for the server. Undo is one more edit (the
values before), sent like any other: a colleague who synced the value
meanwhile sees it change back, never an outbox op taken away.

    with cache.begin() as conn:
        step = write_entries(conn, book, [(pupil, column, "C")], actor=me)
    ...
    with cache.begin() as conn:
        undo(conn, step, actor=me)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from local_db.assessment.entry import (
    EntryProblem,
    EntryRefused,
    result_changes,
    term_grade_changes,
)
from local_db.assessment.views import AssessmentColumn, Gradebook
from local_db.batch_edits import save_records
from local_db.edits import save_record
from local_db.schema import synced
from sync_protocol import ids
from sync_protocol.assessment_documents import dump_levels

#: A typed value: (pupil, assessment column or None for the term grade, text).
Entry = tuple[uuid.UUID, AssessmentColumn | None, str]


@dataclass(frozen=True)
class Before:
    """A record's changed fields as they were; None: the record was not there."""

    kind: str
    record_id: uuid.UUID
    values: dict[str, Any] | None


@dataclass(frozen=True)
class UndoStep:
    """One teacher action (a typed value, a paste, a cleared block) to undo in one go."""

    befores: tuple[Before, ...]

    def __bool__(self) -> bool:
        return bool(self.befores)


def _before(conn: Connection, kind: str, record_id: uuid.UUID, names: Iterable[str]) -> Before:
    table = synced[kind]
    row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None or row["deleted"]:
        return Before(kind, record_id, None)
    return Before(kind, record_id, {name: row[name] for name in names})


def _check_pupil(book: Gradebook, pupil_id: uuid.UUID) -> None:
    if all(p.id != pupil_id for p in book.pupils):
        raise EntryRefused(EntryProblem.NOT_IN_GROUP)


def _save(
    conn: Connection,
    kind: str,
    record_id: uuid.UUID,
    create: Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    actor: uuid.UUID | None,
) -> Before | None:
    """Save changes (with the create fields when the record is new); the before, or None
    when nothing would change."""
    before = _before(conn, kind, record_id, changes)
    if before.values is None:
        if all(value in (None, "") for value in changes.values()):
            return None  # clearing an empty cell
        save_record(conn, kind, record_id, {**create, **changes}, actor=actor)
        return before
    if all(before.values[name] == value for name, value in changes.items()):
        return None
    save_record(conn, kind, record_id, changes, actor=actor)
    return before


def write_result_fields(
    conn: Connection,
    book: Gradebook,
    pupil_id: uuid.UUID,
    column: AssessmentColumn,
    changes: Mapping[str, Any],
    *,
    actor: uuid.UUID | None,
) -> Before | None:
    _check_pupil(book, pupil_id)
    record = ids.assessment_result_id(column.id, pupil_id)
    create = {"assessment_id": column.id, "pupil_id": pupil_id, "activity_id": book.activity.id}
    return _save(conn, "assessment_result", record, create, changes, actor=actor)


def write_levels(
    conn: Connection,
    book: Gradebook,
    pupil_id: uuid.UUID,
    column: AssessmentColumn,
    levels: Mapping[str, str],
    *,
    actor: uuid.UUID | None,
) -> UndoStep:
    """A matrix result's level per criterion (criteria without a level are left out)."""
    known = {row.id for row in book.matrices.get(column.matrix_id or uuid.UUID(int=0), ())}
    kept = {key: level for key, level in levels.items() if key in known and level}
    changes: dict[str, Any] = {"levels": dump_levels(kept) if kept else ""}
    if kept:
        changes["marker"] = None
    before = write_result_fields(conn, book, pupil_id, column, changes, actor=actor)
    return UndoStep(() if before is None else (before,))


def write_comment(
    conn: Connection,
    book: Gradebook,
    pupil_id: uuid.UUID,
    column: AssessmentColumn,
    comment: str,
    *,
    actor: uuid.UUID | None,
) -> UndoStep:
    before = write_result_fields(
        conn, book, pupil_id, column, {"comment": comment.strip()}, actor=actor
    )
    return UndoStep(() if before is None else (before,))


def write_entries(
    conn: Connection, book: Gradebook, entries: Iterable[Entry], *, actor: uuid.UUID | None
) -> UndoStep:
    """Results and term grades typed or pasted together, one undo step. Every
    text is read against its column first: one that does not fit raises
    EntryRefused before anything is written. Written in bulk
    (local_db.batch_edits): a pasted block of 3,000 cells is one handful of
    statements, not 3,000 saves."""
    planned = [
        (
            pupil,
            column,
            term_grade_changes(text) if column is None else result_changes(column, text),
        )
        for pupil, column, text in entries
    ]
    listed = {p.id for p in book.pupils}
    if any(pupil not in listed for pupil, _, _ in planned):
        raise EntryRefused(EntryProblem.NOT_IN_GROUP)
    wanted: dict[str, list[tuple[uuid.UUID, dict[str, Any], dict[str, Any]]]] = {
        "assessment_result": [],
        "term_grade": [],
    }
    for pupil, column, changes in planned:
        if column is None:
            record = ids.term_grade_id(book.activity.id, pupil, book.term)
            create = {"pupil_id": pupil, "activity_id": book.activity.id, "term": book.term}
            wanted["term_grade"].append((record, create, changes))
        else:
            record = ids.assessment_result_id(column.id, pupil)
            create = {
                "assessment_id": column.id,
                "pupil_id": pupil,
                "activity_id": book.activity.id,
            }
            wanted["assessment_result"].append((record, create, changes))
    befores = []
    for kind, rows in wanted.items():
        names = sorted({name for _, _, changes in rows for name in changes})
        now = _current(conn, kind, [record for record, _, _ in rows], names)
        items = []
        for record, create, changes in rows:
            row = now.get(record)
            if row is None:
                if all(value in (None, "") for value in changes.values()):
                    continue  # clearing an empty cell
                items.append((record, {**create, **changes}))
                befores.append(Before(kind, record, None))
            elif any(row[name] != value for name, value in changes.items()):
                items.append((record, changes))
                befores.append(Before(kind, record, {name: row[name] for name in changes}))
        save_records(conn, kind, items, actor=actor)
    return UndoStep(tuple(befores))


def _current(
    conn: Connection, kind: str, record_ids: list[uuid.UUID], names: list[str]
) -> dict[uuid.UUID, Any]:
    """The named fields of the live rows among record_ids (a deleted one
    counts as not there)."""
    table = synced[kind]
    columns = [table.c.id, table.c.deleted, *(table.c[name] for name in names)]
    found = {}
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        for row in conn.execute(select(*columns).where(table.c.id.in_(chunk))).mappings():
            if not row["deleted"]:
                found[row["id"]] = row
    return found


def undo(conn: Connection, step: UndoStep, *, actor: uuid.UUID | None) -> UndoStep:
    """Put back the values before `step` (a record the step made is emptied, not
    deleted: a delete of a result would ask colleagues to review it); returns
    the step that redoes it. Written in bulk, as write_entries."""
    redo = []
    for kind, empty in _EMPTY.items():
        befores = [b for b in reversed(step.befores) if b.kind == kind]
        names = sorted({n for b in befores for n in (b.values or empty)})
        now = _current(conn, kind, [b.record_id for b in befores], names)
        items = []
        for before in befores:
            target = before.values if before.values is not None else empty
            current = now.get(before.record_id)
            if current is None:
                continue  # deleted meanwhile (the assessment was deleted): nothing to put back
            changes = {name: value for name, value in target.items() if current[name] != value}
            if changes:
                items.append((before.record_id, changes))
                redo.append(Before(kind, before.record_id, {n: current[n] for n in changes}))
        save_records(conn, kind, items, actor=actor)
    return UndoStep(tuple(redo))


#: A record's values when it holds nothing.
_EMPTY: dict[str, dict[str, Any]] = {
    "term_grade": {"grade": None, "no_basis_reason": None},
    "assessment_result": {
        "grade": None,
        "points": None,
        "pass_fail": None,
        "levels": "",
        "marker": None,
        "comment": "",
    },
}

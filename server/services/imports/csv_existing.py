"""What the database already holds, loaded once for an import to compare against.

An import matches file rows to stored rows by external id (the school's own
id), a person also by civic number, and link rows (guardian relations, an
activity's groups and teachers) by the pair of ids they join. Loading the
reference kinds whole is cheap next to a school's timetable and lets the
import decide every insert, update and tombstone in memory.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from server.tables import synced
from sync_protocol.entities import REGISTRY

#: The kinds an import writes, in pull order.
IMPORTED_KINDS: tuple[str, ...] = (
    "school",
    "person",
    "group",
    "group_membership",
    "guardian_relation",
    "activity",
    "activity_group",
    "activity_teacher",
    "lesson",
)

#: Link kinds: no external id; a row is the pair (parent, other).
LINK_KEYS: Mapping[str, tuple[str, str]] = {
    "guardian_relation": ("pupil_id", "guardian_id"),
    "activity_group": ("activity_id", "group_id"),
    "activity_teacher": ("activity_id", "teacher_id"),
}

#: Server-only columns an import also sets and compares.
_EXTRA_COLUMNS: Mapping[str, tuple[str, ...]] = {"person": ("civic_no",)}


def compared_columns(kind: str) -> tuple[str, ...]:
    """The columns whose stored value an import compares with the file's."""
    extras = ("external_id",) if kind not in LINK_KEYS else ()
    return (*REGISTRY[kind].field_names, *extras, *_EXTRA_COLUMNS.get(kind, ()))


@dataclass(frozen=True)
class StoredRow:
    id: uuid.UUID
    values: Mapping[str, Any]
    deleted: bool
    seq: int
    field_seqs: Mapping[str, int] | None


@dataclass
class StoredRows:
    by_kind: dict[str, list[StoredRow]] = field(default_factory=dict)
    by_external_id: dict[str, dict[str, StoredRow]] = field(default_factory=dict)
    by_pair: dict[str, dict[tuple[uuid.UUID, uuid.UUID], StoredRow]] = field(default_factory=dict)
    person_by_civic_no: dict[str, StoredRow] = field(default_factory=dict)
    #: Lessons with a roll call taken: never tombstoned by an import, or the
    #: attendance teachers registered would vanish from their screens.
    lessons_with_roll_call: set[uuid.UUID] = field(default_factory=set)

    def live(self, kind: str, external_id: str) -> StoredRow | None:
        """The stored, non-deleted row with this external id."""
        row = self.by_external_id[kind].get(external_id)
        return row if row is not None and not row.deleted else None


def load_stored_rows(conn: Connection) -> StoredRows:
    stored = StoredRows()
    for kind in IMPORTED_KINDS:
        table = synced[kind]
        columns = compared_columns(kind)
        query = select(
            table.c.id,
            table.c.deleted,
            table.c.seq,
            table.c.field_seqs,
            *(table.c[name] for name in columns),
        )
        rows = [
            StoredRow(
                row.id,
                {name: row._mapping[name] for name in columns},
                bool(row.deleted),
                int(row.seq),
                row.field_seqs,
            )
            for row in conn.execute(query.order_by(table.c.id))
        ]
        stored.by_kind[kind] = rows
        if kind in LINK_KEYS:
            first, second = LINK_KEYS[kind]
            pairs: dict[tuple[uuid.UUID, uuid.UUID], StoredRow] = {}
            for row in rows:
                pair = (row.values[first], row.values[second])
                # Should a pair be stored twice, match the live one.
                if pair not in pairs or pairs[pair].deleted:
                    pairs[pair] = row
            stored.by_pair[kind] = pairs
        else:
            stored.by_external_id[kind] = {
                row.values["external_id"]: row for row in rows if row.values["external_id"]
            }
    stored.person_by_civic_no = {
        row.values["civic_no"]: row for row in stored.by_kind["person"] if row.values["civic_no"]
    }
    for kind in ("attendance", "lesson_registration"):
        table = synced[kind]
        query = select(table.c.lesson_id).where(table.c.deleted.is_(False)).distinct()
        stored.lessons_with_roll_call.update(conn.execute(query).scalars())
    return stored

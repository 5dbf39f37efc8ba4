"""Compare an import's plan with the stored rows, and write the difference.

Shared by the CSV import (csv_import) and the SS 12000 import
(server/services/ss12000_import): both read their source into an ImportPlan
(csv_plan), then this module decides every insert, update and tombstone in
memory and writes them as change-sets, so clients pull the changes as they
pull a teacher's. The caller holds the sequence counter (hold_counter) from
its first read of the stored rows to the commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from server.db import allocate_seq
from server.services.access.protection import refresh_contact_protection
from server.services.imports.csv_existing import IMPORTED_KINDS, LINK_KEYS, StoredRow, StoredRows
from server.services.imports.csv_plan import ImportPlan
from server.services.sync.change_sets import ChangeSetWriter

#: Tombstoning a row (with --sync-deletes, or a deletion the source reports)
#: also tombstones the rows that hang on it: child kind -> (reference column,
#: parent kind).
HANGS_ON: Mapping[str, tuple[tuple[str, str], ...]] = {
    "group": (("school_id", "school"),),
    "group_membership": (("group_id", "group"), ("person_id", "person")),
    "guardian_relation": (("pupil_id", "person"), ("guardian_id", "person")),
    "activity": (("school_id", "school"),),
    "activity_group": (("activity_id", "activity"), ("group_id", "group")),
    "activity_teacher": (("activity_id", "activity"), ("teacher_id", "person")),
    "lesson": (("activity_id", "activity"),),
}


@dataclass(frozen=True)
class KindCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    #: Lessons an import would remove but which have a roll call.
    kept: int = 0


@dataclass
class Changes:
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


@dataclass(frozen=True)
class Applied:
    #: Sequence numbers of the change-sets written (empty: nothing changed).
    change_sets: tuple[int, ...]
    #: Persons whose contact protection was switched on or off.
    protection_changes: int


def _is_dropped(
    kind: str, row: StoredRow, plan: ImportPlan, *, sync_deletes: bool, imported: set[uuid.UUID]
) -> bool:
    """Whether a live stored row the source does not list is to be tombstoned.

    `imported` holds the ids of persons an import made (they have an external
    id): --sync-deletes never touches rows made another way.
    """
    if row.id in plan.deleted[kind]:
        return True
    if kind in LINK_KEYS:
        parent = row.values[LINK_KEYS[kind][0]]
        # The source lists all of an activity's groups and teachers, and all
        # of a pupil's guardians: a link it leaves out has ended.
        if parent in plan.link_parents[kind]:
            return True
        return (
            sync_deletes
            and kind == "guardian_relation"
            and kind in plan.complete_kinds
            and parent in imported
        )
    return sync_deletes and kind in plan.complete_kinds and bool(row.values["external_id"])


def diff(plan: ImportPlan, stored: StoredRows, *, sync_deletes: bool) -> dict[str, Changes]:
    """Every kind's inserts, updates and tombstones, in pull order."""
    changes: dict[str, Changes] = {}
    dropped: dict[str, set[uuid.UUID]] = {}
    imported = {row.id for row in stored.by_external_id["person"].values()}
    # Deletions the source reports take what hangs on them along, as
    # --sync-deletes does; without either, nothing cascades.
    cascade = sync_deletes or any(plan.deleted.values())
    for kind in IMPORTED_KINDS:
        found = changes[kind] = Changes()
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
            hangs_on_dropped = cascade and any(
                old.values[column] in dropped.get(parent, ())
                for column, parent in HANGS_ON.get(kind, ())
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


def write_changes(conn: Connection, changes: Mapping[str, Changes]) -> Applied:
    """Write the changes as change-sets and refresh contact protection."""
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
    return Applied(tuple(seqs), protection_changes)

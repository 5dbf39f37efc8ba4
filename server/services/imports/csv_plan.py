"""The rows an import wants stored, and how file ids become database ids.

Shared by the file readers (csv_records, csv_lessons): each registers the
rows of its file here, resolving the school's ids (external ids) against the
files read before it and the rows already stored.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

from server.services.imports.csv_existing import IMPORTED_KINDS, StoredRows
from server.services.imports.csv_files import Problems, RowReader

EXTERNAL_ID_MAX = 100

#: The file each kind with an external id comes from (for messages).
FILE_OF_KIND = {
    "school": "schools.csv",
    "person": "persons.csv",
    "group": "groups.csv",
    "group_membership": "memberships.csv",
    "activity": "activities.csv",
    "lesson": "lessons.csv",
}


def derived_external_id(*parts: str) -> str:
    """An external id for a row the file gives no id of its own (a membership, a lesson).

    Readable when it fits the column; otherwise a hash of the same parts, so
    that the same row gets the same id on every import.
    """
    text = "|".join(parts)
    if len(text) <= EXTERNAL_ID_MAX:
        return text
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:64]


@dataclass
class WantedRow:
    id: uuid.UUID
    file: str
    line: int
    #: Columns the file sets; an optional column the file lacks is absent
    #: here and left as stored.
    values: dict[str, Any]
    #: Values for columns the file lacks, used only when the row is new.
    new_row_defaults: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportPlan:
    #: kind -> key (external id, or the pair of a link kind) -> row
    rows: dict[str, dict[Any, WantedRow]] = field(
        default_factory=lambda: {kind: {} for kind in IMPORTED_KINDS}
    )
    #: Kinds whose file is part of the import (what --sync-deletes may tombstone).
    complete_kinds: set[str] = field(default_factory=set)
    #: Link kind -> parent ids whose full set of links the files list
    #: (an activity's groups and teachers, a pupil's guardians): stored links
    #: of these parents that the files do not list are tombstoned.
    link_parents: dict[str, set[uuid.UUID]] = field(
        default_factory=lambda: {
            "guardian_relation": set(),
            "activity_group": set(),
            "activity_teacher": set(),
        }
    )
    #: kind -> ids of stored rows the source says are deleted (SS 12000's
    #: /deletedEntities); tombstoned with what hangs on them.
    deleted: dict[str, set[uuid.UUID]] = field(
        default_factory=lambda: {kind: set() for kind in IMPORTED_KINDS}
    )


class PlanBuilder:
    """Registers file rows and resolves references, recording problems."""

    def __init__(self, stored: StoredRows, problems: Problems, *, sync_deletes: bool) -> None:
        self.stored = stored
        self.problems = problems
        self.sync_deletes = sync_deletes
        self.plan = ImportPlan()
        #: kind -> external id -> (id, line) of the rows the files hold
        self._claimed: dict[str, dict[str, tuple[uuid.UUID, int]]] = {
            kind: {} for kind in FILE_OF_KIND
        }
        #: kind -> database id -> line that claimed it
        self._lines_of_id: dict[str, dict[uuid.UUID, int]] = {kind: {} for kind in FILE_OF_KIND}
        #: person external id -> roles given in persons.csv
        self.roles: dict[str, frozenset[str]] = {}
        #: Kinds whose file could not be read at all (already a problem):
        #: references to them are not reported again, row by row.
        self.unreadable_kinds: set[str] = set()

    def claim(
        self, reader: RowReader, kind: str, column: str, *, stored_id: uuid.UUID | None = None
    ) -> tuple[str, uuid.UUID] | None:
        """The row's own id: its external id and the database id it gets (or has)."""
        external_id = reader.text(column, required=True, max_length=EXTERNAL_ID_MAX)
        if external_id is None:
            return None
        return self.claim_value(reader, kind, column, external_id, stored_id=stored_id)

    def claim_value(
        self,
        reader: RowReader,
        kind: str,
        column: str,
        external_id: str,
        *,
        stored_id: uuid.UUID | None = None,
    ) -> tuple[str, uuid.UUID] | None:
        earlier = self._claimed[kind].get(external_id)
        if earlier is not None:
            reader.fail(f"duplicate {column} '{external_id}' (first on line {earlier[1]})")
            return None
        stored = self.stored.by_external_id[kind].get(external_id)
        row_id = stored.id if stored is not None else stored_id or uuid.uuid4()
        taken_on = self._lines_of_id[kind].get(row_id)
        if taken_on is not None:
            # A renumbered person (matched by personnummer) took this stored
            # row on another line, and this line still uses its old id.
            reader.fail(
                f"{column} '{external_id}' is the person line {taken_on} renumbered "
                "(same civic_no); one person cannot have two ids"
            )
            return None
        self._claimed[kind][external_id] = (row_id, reader.line)
        self._lines_of_id[kind][row_id] = reader.line
        return external_id, row_id

    def claimed(self, kind: str, external_id: str) -> uuid.UUID | None:
        found = self._claimed[kind].get(external_id)
        return found[0] if found is not None else None

    def claimed_on_line(self, kind: str, external_id: str) -> int | None:
        found = self._claimed[kind].get(external_id)
        return found[1] if found is not None else None

    def resolve(
        self, reader: RowReader, kind: str, column: str, external_id: str, *, role: str = ""
    ) -> uuid.UUID | None:
        """The id of a referenced row, from the files or, failing that, the database.

        With --sync-deletes a kind whose file is present is complete: a stored
        row missing from it is about to be tombstoned, so it cannot be
        referenced either.
        """
        claimed = self._claimed[kind].get(external_id)
        if claimed is not None:
            roles = self.roles.get(external_id) if kind == "person" else None
            if role and roles is not None and role not in roles:
                reader.fail(
                    f"{column} '{external_id}' is not a {_ROLE_NAMES[role]} in persons.csv "
                    f"(roles there: {', '.join(sorted(_ROLE_NAMES[r] for r in roles))})"
                )
                return None
            return claimed[0]
        if kind in self.unreadable_kinds:
            return uuid.uuid4()  # the import is refused anyway
        file = FILE_OF_KIND[kind]
        if not (self.sync_deletes and kind in self.plan.complete_kinds):
            stored = self.stored.live(kind, external_id)
            if stored is not None:
                return stored.id
            reader.fail(f"unknown {column} '{external_id}': not in {file} nor in the database")
        else:
            reader.fail(f"unknown {column} '{external_id}': not in {file}")
        return None

    def want(self, kind: str, key: Any, row: WantedRow) -> None:
        self.plan.rows[kind][key] = row


_ROLE_NAMES = {
    "pupil": "pupil (elev)",
    "teacher": "teacher (lärare)",
    "guardian": "guardian (vårdnadshavare)",
}

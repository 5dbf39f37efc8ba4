"""SS 12000 object references ({id, displayName?}) for published objects.

`displayName` only with expandReferenceNames=true, as the standard says, and
never a protected pupil's (sekretessmarkering, skyddad folkbokföring) nor a
guardian's of one: a reference names the pupil by id alone. Contact data is
never published at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from server.tables import synced

_PERSON = synced["person"]
_SCHOOL = synced["school"]
_ACTIVITY = synced["activity"]
_CHUNK = 500

Reference = dict[str, Any]


def _chunks(ids: Iterable[uuid.UUID]) -> list[list[uuid.UUID]]:
    unique = sorted(set(ids), key=str)
    return [unique[i : i + _CHUNK] for i in range(0, len(unique), _CHUNK)]


def bare(row_id: uuid.UUID) -> Reference:
    return {"id": str(row_id)}


def person_names(conn: Connection, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Display names of the persons whose names may be published."""
    names: dict[uuid.UUID, str] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            select(
                _PERSON.c.id,
                _PERSON.c.given_name,
                _PERSON.c.family_name,
                _PERSON.c.security_marking,
                _PERSON.c.contact_protected,
            ).where(_PERSON.c.id.in_(chunk))
        )
        for row in rows:
            if row.security_marking != "none" or row.contact_protected:
                continue  # protected identity: the id only
            names[row.id] = f"{row.given_name} {row.family_name}".strip()
    return names


def _names(conn: Connection, table: Any, column: Any, ids: Iterable[uuid.UUID]) -> dict[Any, str]:
    names: dict[uuid.UUID, str] = {}
    for chunk in _chunks(ids):
        for row_id, name in conn.execute(select(table.c.id, column).where(table.c.id.in_(chunk))):
            names[row_id] = name
    return names


class References:
    """Builds references for one page; looks names up only when asked to expand."""

    def __init__(self, conn: Connection, expand: bool) -> None:
        self._conn = conn
        self.expand = expand
        self._people: dict[uuid.UUID, str] = {}
        self._schools: dict[uuid.UUID, str] = {}
        self._activities: dict[uuid.UUID, str] = {}

    def load(
        self,
        *,
        people: Iterable[uuid.UUID] = (),
        schools: Iterable[uuid.UUID] = (),
        activities: Iterable[uuid.UUID] = (),
    ) -> None:
        if not self.expand:
            return
        self._people.update(person_names(self._conn, people))
        self._schools.update(_names(self._conn, _SCHOOL, _SCHOOL.c.name, schools))
        self._activities.update(_names(self._conn, _ACTIVITY, _ACTIVITY.c.display_name, activities))

    def _ref(self, row_id: uuid.UUID, names: dict[uuid.UUID, str]) -> Reference:
        ref = bare(row_id)
        if self.expand and row_id in names:
            ref["displayName"] = names[row_id]
        return ref

    def person(self, row_id: uuid.UUID) -> Reference:
        return self._ref(row_id, self._people)

    def school(self, row_id: uuid.UUID) -> Reference:
        return self._ref(row_id, self._schools)

    def activity(self, row_id: uuid.UUID) -> Reference:
        return self._ref(row_id, self._activities)

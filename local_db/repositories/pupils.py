"""Pupils: a group's list on a day, one pupil's details, search."""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, exists, select

from local_db.collation import name_sort_key
from local_db.repositories._common import (
    group,
    guardian_relation,
    is_protected,
    live,
    membership,
    person,
    valid_on,
)
from local_db.views import GuardianView, MembershipView, PupilDetail, PupilView

_PUPIL_COLUMNS = (
    person.c.id,
    person.c.given_name,
    person.c.family_name,
    person.c.security_marking,
)


def _pupil(row: Any) -> PupilView:
    return PupilView(
        id=row.id,
        given_name=row.given_name,
        family_name=row.family_name,
        protected=is_protected(row.security_marking),
    )


def _sorted(pupils: Iterable[PupilView]) -> list[PupilView]:
    return sorted(pupils, key=lambda p: (*name_sort_key(p.family_name, p.given_name), str(p.id)))


def pupils_in_group(conn: Connection, group_id: uuid.UUID, on_date: dt.date) -> list[PupilView]:
    """Members of the group on `on_date` (membership dates inclusive): a
    pupil who left before the day is not listed, one who joined by it is.
    Swedish order by family name, then given name."""
    query = (
        select(*_PUPIL_COLUMNS)
        .distinct()
        .select_from(membership.join(person, person.c.id == membership.c.person_id))
        .where(
            membership.c.group_id == group_id,
            live(membership),
            valid_on(membership, on_date),
            live(person),
        )
    )
    return _sorted(_pupil(row) for row in conn.execute(query))


def pupil_detail(conn: Connection, pupil_id: uuid.UUID) -> PupilDetail | None:
    """A pupil's page. A protected pupil's guardians are shown without
    contact data even if some ever reached the cache."""
    row = conn.execute(
        select(*_PUPIL_COLUMNS, person.c.birth_date).where(person.c.id == pupil_id, live(person))
    ).first()
    if row is None:
        return None
    pupil = _pupil(row)
    memberships = tuple(
        MembershipView(
            group_id=m.group_id,
            group_name=m.display_name,
            start_date=m.start_date,
            end_date=m.end_date,
        )
        for m in conn.execute(
            select(
                membership.c.group_id,
                group.c.display_name,
                membership.c.start_date,
                membership.c.end_date,
            )
            .select_from(membership.join(group, group.c.id == membership.c.group_id))
            .where(membership.c.person_id == pupil_id, live(membership), live(group))
            .order_by(membership.c.start_date.desc(), group.c.display_name)
        )
    )
    guardian = person.alias("guardian")
    guardian_rows = conn.execute(
        select(
            guardian.c.id,
            guardian.c.given_name,
            guardian.c.family_name,
            guardian.c.email,
            guardian.c.phone,
            guardian_relation.c.relation_type,
        )
        .select_from(
            guardian_relation.join(guardian, guardian.c.id == guardian_relation.c.guardian_id)
        )
        .where(guardian_relation.c.pupil_id == pupil_id, live(guardian_relation), live(guardian))
    ).all()
    guardians = tuple(
        sorted(
            (
                GuardianView(
                    id=g.id,
                    given_name=g.given_name,
                    family_name=g.family_name,
                    relation_type=g.relation_type,
                    email=None if pupil.protected else g.email,
                    phone=None if pupil.protected else g.phone,
                )
                for g in guardian_rows
            ),
            key=lambda g: name_sort_key(g.family_name, g.given_name),
        )
    )
    return PupilDetail(
        pupil=pupil,
        birth_date=row.birth_date,
        memberships=memberships,
        guardians=guardians,
        contact_data_available=not pupil.protected,
    )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def search_pupils(conn: Connection, text: str, limit: int = 50) -> list[PupilView]:
    """Pupils whose name contains every word typed (any case), in Swedish
    name order. Only persons with a membership are pupils; guardians and
    teachers are not found here."""
    words = _fold(text).split()
    if not words or limit <= 0:
        return []
    is_member = exists().where(membership.c.person_id == person.c.id, live(membership))
    # SQLite's LIKE folds only ASCII case ("å" would not find "Å"), and a
    # teacher's scope holds a few thousand pupils: match in Python.
    found = [
        _pupil(row)
        for row in conn.execute(select(*_PUPIL_COLUMNS).where(live(person), is_member))
        if all(word in _fold(f"{row.given_name} {row.family_name}") for word in words)
    ]
    return _sorted(found)[:limit]

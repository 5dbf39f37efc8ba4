"""Keeps person.contact_protected in step with security markings.

A pupil with protected identity (sekretessmarkering, skyddad folkbokföring)
must not have address or contact data leave the server, and neither may the
pupil's guardians: their address is usually the pupil's. The change feed
reads the stored flag instead of joining guardian relations for every page,
so every writer of markings or guardian relations (imports, the demo seed)
calls `refresh_contact_protection` before it commits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, exists, not_, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from server.db import allocate_seq
from server.services.sync.change_sets import kept_field_versions
from server.tables import synced
from sync_protocol.entities import entity

_PERSON = synced["person"]
_GUARDIAN_RELATION = synced["guardian_relation"]

#: Ids per SELECT ... WHERE id IN (...): far below every backend's limit on
#: bound parameters.
_CHUNK = 500
_CONTACT_FIELDS = tuple(spec.name for spec in entity("person").fields if spec.contact)


def _must_be_protected() -> ColumnElement[bool]:
    """True for a person whose contact data must stay on the server.

    A marking counts even on a tombstoned pupil: erring towards protection
    costs a teacher a phone number, erring the other way can cost a family
    its safety. A deleted guardian relation no longer counts.
    """
    pupil = _PERSON.alias("protected_pupil")
    guardian_of_marked_pupil = exists(
        select(_GUARDIAN_RELATION.c.id)
        .join(pupil, pupil.c.id == _GUARDIAN_RELATION.c.pupil_id)
        .where(
            _GUARDIAN_RELATION.c.guardian_id == _PERSON.c.id,
            _GUARDIAN_RELATION.c.deleted.is_(False),
            pupil.c.security_marking != "none",
        )
    )
    return or_(_PERSON.c.security_marking != "none", guardian_of_marked_pupil)


def refresh_contact_protection(
    conn: Connection, person_ids: Iterable[uuid.UUID] | None = None
) -> int:
    """Recompute contact_protected; returns how many persons changed.

    With `person_ids`, only those persons are looked at (pass the pupils and
    guardians a change touched, including the guardians of a pupil whose
    marking changed); without, everyone. Changed rows get this transaction's
    sequence number so clients receive them again, now with contact fields
    blanked (or restored). Nothing is written when nothing changed, so a
    repeated import allocates no sequence number here.
    """
    wanted = _must_be_protected()
    stale = or_(
        and_(_PERSON.c.contact_protected.is_(False), wanted),
        and_(_PERSON.c.contact_protected.is_(True), not_(wanted)),
    )
    query = select(
        _PERSON.c.id, _PERSON.c.contact_protected, _PERSON.c.seq, _PERSON.c.field_seqs
    ).where(stale)
    changed: list[Row[Any]] = []
    if person_ids is None:
        changed = list(conn.execute(query))
    else:
        ids = sorted(set(person_ids))
        for start in range(0, len(ids), _CHUNK):
            changed.extend(conn.execute(query.where(_PERSON.c.id.in_(ids[start : start + _CHUNK]))))
    if not changed:
        return 0
    seq = allocate_seq(conn)
    now = dt.datetime.now(dt.UTC)
    # What clients see of the contact fields changes (blanked or restored);
    # every other field keeps its version.
    conn.execute(
        update(_PERSON)
        .where(_PERSON.c.id == bindparam("b_id"))
        .values(
            contact_protected=bindparam("b_protected"),
            field_seqs=bindparam("b_field_seqs"),
            seq=seq,
            modified_at=now,
        ),
        [
            {
                "b_id": row.id,
                "b_protected": not row.contact_protected,
                "b_field_seqs": kept_field_versions(
                    "person", _CONTACT_FIELDS, row.seq, row.field_seqs, new_seq=seq
                ),
            }
            for row in changed
        ],
    )
    return len(changed)

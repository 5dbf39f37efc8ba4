"""The administrator's view of absence notices (`klassbok-server list-notices`).

Addresses are included only for guardians whose contact data may be shown
(person.contact_protected is false); a protected family's address stays in
the database, where the notice is still sent to it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, select

from server.tables import notice_delivery, synced

_NOTICE = synced["absence_notice"]
_PERSON = synced["person"]
_DELIVERY = notice_delivery


@dataclass(frozen=True)
class DeliveryLine:
    guardian_name: str
    state: str
    attempts: int
    sent_at: dt.datetime | None
    last_error: str | None
    #: None when the guardian's contact data is protected.
    email: str | None


@dataclass(frozen=True)
class NoticeLine:
    notice_id: uuid.UUID
    pupil_name: str
    notice_date: dt.date
    state: str
    attempts: int
    sent_at: dt.datetime | None
    last_error: str | None
    deliveries: tuple[DeliveryLine, ...]


def list_notices(
    conn: Connection, *, day: dt.date | None = None, state: str | None = None
) -> list[NoticeLine]:
    """Notices (newest day first, then by pupil), optionally of one day and state."""
    pupil = _PERSON.alias("pupil")
    query = (
        select(_NOTICE, pupil.c.given_name, pupil.c.family_name)
        .join(pupil, pupil.c.id == _NOTICE.c.pupil_id)
        .where(_NOTICE.c.deleted.is_(False))
        .order_by(
            _NOTICE.c.notice_date.desc(), pupil.c.family_name, pupil.c.given_name, _NOTICE.c.id
        )
    )
    if day is not None:
        query = query.where(_NOTICE.c.notice_date == day)
    if state is not None:
        query = query.where(_NOTICE.c.state == state)
    notices = list(conn.execute(query).mappings())
    by_notice: dict[uuid.UUID, list[DeliveryLine]] = defaultdict(list)
    ids = [row["id"] for row in notices]
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(
                _DELIVERY,
                _PERSON.c.given_name,
                _PERSON.c.family_name,
                _PERSON.c.contact_protected,
            )
            .join(_PERSON, _PERSON.c.id == _DELIVERY.c.guardian_id)
            .where(_DELIVERY.c.notice_id.in_(ids[start : start + 500]))
            .order_by(_PERSON.c.family_name, _PERSON.c.given_name, _DELIVERY.c.id)
        ).mappings()
        for row in rows:
            by_notice[row["notice_id"]].append(
                DeliveryLine(
                    guardian_name=f"{row['given_name']} {row['family_name']}",
                    state=row["state"],
                    attempts=int(row["attempts"]),
                    sent_at=row["sent_at"],
                    last_error=row["last_error"],
                    email=None if row["contact_protected"] else row["email"],
                )
            )
    return [
        NoticeLine(
            notice_id=row["id"],
            pupil_name=f"{row['given_name']} {row['family_name']}",
            notice_date=row["notice_date"],
            state=row["state"],
            attempts=int(row["attempts"]),
            sent_at=row["sent_at"],
            last_error=row["last_error"],
            deliveries=tuple(by_notice.get(row["id"], ())),
        )
        for row in notices
    ]

"""A notice's deliveries: one per guardian e-mail address, and the notice's
state worked out from them.

Deliveries, with the addresses, never leave the server; the synced
absence_notice row shows teachers the state (server.services.notices.absence_notices).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, insert, select, update

from server.services.notices.notice_mailer import scrub_contact_data
from server.services.sync.change_sets import kept_field_versions
from server.tables import notice_delivery, synced
from sync_protocol import ids

_NOTICE = synced["absence_notice"]
_GUARDIAN_RELATION = synced["guardian_relation"]
_PERSON = synced["person"]
_DELIVERY = notice_delivery

# Delivery states. A notice's state follows from its deliveries' (_aggregate).
QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
CANCELLED = "cancelled"

NO_ADDRESS_ERROR = (
    "No guardian has a usable e-mail address in the school's register: "
    "tell the guardians another way."
)
UNCERTAIN_ERROR = (
    "Delivery uncertain — the server stopped while sending and will not send it "
    "again: check with the guardian."
)
_MAX_ERROR = 500
# A plain address: one @, no spaces, nothing a header could be broken with.
_ADDRESS_PART = r"[^@\s<>,;:\"()\[\]\\]+"
_USABLE_ADDRESS = re.compile(rf"^{_ADDRESS_PART}@{_ADDRESS_PART}\.{_ADDRESS_PART}$")


def notice_row(conn: Connection, notice_id: uuid.UUID) -> RowMapping | None:
    return conn.execute(select(_NOTICE).where(_NOTICE.c.id == notice_id)).mappings().first()


def guardian_addresses(conn: Connection, pupil_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """(guardian id, address) for each guardian (vårdnadshavare) with a usable e-mail.

    One per distinct address: two guardians sharing one mailbox get one e-mail.
    """
    rows = conn.execute(
        select(_PERSON.c.id, _PERSON.c.email)
        .join(_GUARDIAN_RELATION, _GUARDIAN_RELATION.c.guardian_id == _PERSON.c.id)
        .where(
            _GUARDIAN_RELATION.c.pupil_id == pupil_id,
            _GUARDIAN_RELATION.c.deleted.is_(False),
            _GUARDIAN_RELATION.c.relation_type == "guardian",
            _PERSON.c.deleted.is_(False),
        )
        .order_by(_PERSON.c.id)
    )
    found: dict[str, tuple[uuid.UUID, str]] = {}
    for guardian_id, email in rows:
        address = (email or "").strip()
        if len(address) <= 200 and _USABLE_ADDRESS.match(address):
            found.setdefault(address.casefold(), (guardian_id, address))
    return list(found.values())


def add_deliveries(
    conn: Connection, notice_id: uuid.UUID, pupil_id: uuid.UUID, now: dt.datetime
) -> None:
    existing = {
        (guardian, email.casefold())
        for guardian, email in conn.execute(
            select(_DELIVERY.c.guardian_id, _DELIVERY.c.email).where(
                _DELIVERY.c.notice_id == notice_id
            )
        )
    }
    known_guardians = {guardian for guardian, _ in existing}
    known_addresses = {address for _, address in existing}
    for guardian_id, address in guardian_addresses(conn, pupil_id):
        if guardian_id in known_guardians or address.casefold() in known_addresses:
            continue
        conn.execute(
            insert(_DELIVERY).values(
                # One delivery per notice and guardian, even if two writers race.
                id=ids.natural_id("notice_delivery", notice_id, guardian_id),
                notice_id=notice_id,
                guardian_id=guardian_id,
                email=address,
                state=QUEUED,
                attempts=0,
                next_attempt_at=now,
                sent_at=None,
                message_id=None,
                last_error=None,
            )
        )


# --- the notice's state, from its deliveries -----------------------------------------


def deliveries_of(conn: Connection, notice_id: uuid.UUID) -> list[RowMapping]:
    return list(
        conn.execute(
            select(_DELIVERY).where(_DELIVERY.c.notice_id == notice_id).order_by(_DELIVERY.c.id)
        ).mappings()
    )


def _aggregate(deliveries: list[RowMapping]) -> dict[str, Any]:
    states = [d["state"] for d in deliveries]
    failed = [d for d in deliveries if d["state"] == FAILED]
    uncertain = [d for d in failed if d["last_error"] == UNCERTAIN_ERROR]
    sent_times = [d["sent_at"] for d in deliveries if d["state"] == SENT and d["sent_at"]]
    total = len(deliveries)
    error: str | None = None
    if QUEUED in states or SENDING in states:
        state = QUEUED
        retrying = [d["last_error"] for d in deliveries if d["state"] == QUEUED and d["last_error"]]
        error = f"Will try again: {retrying[0]}" if retrying else None
    elif SENT in states:
        state = SENT
        if failed:
            reason = failed[0]["last_error"]
            error = f"Not delivered to {len(failed)} of {total} guardians: {reason}"
    elif uncertain:
        state, error = FAILED, UNCERTAIN_ERROR
    elif CANCELLED in states:
        state = CANCELLED
    else:
        state = FAILED
        reason = failed[0]["last_error"] if failed else "not delivered"
        error = reason if total == 1 else f"Not delivered to any of {total} guardians: {reason}"
    if error is not None:
        # The reasons were scrubbed when they were stored; this is the last guard
        # before a synced row.
        error = scrub_contact_data(error)[:_MAX_ERROR]
    return {
        "state": state,
        "attempts": max((int(d["attempts"]) for d in deliveries), default=0),
        "sent_at": min(sent_times) if sent_times else None,
        "last_error": error,
    }


def refresh_notice(conn: Connection, notice_id: uuid.UUID, *, seq: int, now: dt.datetime) -> str:
    """Write the notice's state, attempts, sent_at and last_error from its deliveries.

    A notice without deliveries says nobody has an address (unless cancelled).
    Returns the state.
    """
    notice = notice_row(conn, notice_id)
    if notice is None:
        raise LookupError(f"no absence notice {notice_id}")
    deliveries = deliveries_of(conn, notice_id)
    if deliveries:
        values = _aggregate(deliveries)
    elif notice["state"] == CANCELLED:
        values = {"state": CANCELLED, "last_error": None}
    else:
        values = {"state": FAILED, "last_error": NO_ADDRESS_ERROR}
    write_notice(conn, notice, values, seq=seq, now=now)
    return str(values["state"])


def write_notice(
    conn: Connection, notice: RowMapping, values: Mapping[str, Any], *, seq: int, now: dt.datetime
) -> bool:
    """Changed fields only, at the transaction's seq, keeping the others' versions."""
    changed = {name: value for name, value in values.items() if notice[name] != value}
    if not changed:
        return False
    field_seqs = kept_field_versions(
        "absence_notice", changed, int(notice["seq"]), notice["field_seqs"], new_seq=seq
    )
    conn.execute(
        update(_NOTICE)
        .where(_NOTICE.c.id == notice["id"])
        .values(**changed, seq=seq, field_seqs=field_seqs, modified_at=now, modified_by=None)
    )
    return True


def due_condition(now: dt.datetime) -> Any:
    """Deliveries the sender may take now."""
    return and_(
        _DELIVERY.c.state == QUEUED,
        (_DELIVERY.c.next_attempt_at.is_(None)) | (_DELIVERY.c.next_attempt_at <= now),
    )

"""Same-day notices to guardians of an invalid absence (skollagen 7 kap. 17 §).

An invalid absence is an attendance row with status "absent" for a lesson no
guardian's absence report (or granted leave) covers. For each pupil and
school day with at least one, there is one absence_notice (id =
sync_protocol.ids.absence_notice_id(pupil, day)) and one notice_delivery per
guardian e-mail address. The synced notice row shows teachers the state;
deliveries, with the addresses, never leave the server.

Everything here runs inside the caller's transaction with the caller's seq,
and decides from the database as it is now, not from the change that
triggered it: a repeated push, a correction, a late report or a withdrawn
one all come down to "is there still an invalid absence that day?".

    queued     deliveries wait for the sender (server.services.notices.notice_sender)
    sent       at least one guardian got the e-mail; stays sent whatever follows
    failed     nobody could be reached (or the outcome is uncertain); an
               administrator follows up (`klassbok-server list-notices`)
    cancelled  the absence was corrected, or reported, before anything went out
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, RowMapping, exists, insert, select, update

from server.services.notices.notice_deliveries import (
    CANCELLED,
    FAILED,
    NO_ADDRESS_ERROR,
    QUEUED,
    SENDING,
    SENT,
    UNCERTAIN_ERROR,
    add_deliveries,
    deliveries_of,
    due_condition,
    guardian_addresses,
    notice_row,
    refresh_notice,
    write_notice,
)
from server.services.roster.school_time import SCHOOL_TIME_ZONE
from server.services.sync.feed_sql import by_value_only
from server.tables import notice_delivery, synced
from sync_protocol import ids

_NOTICE = synced["absence_notice"]
_ATTENDANCE = synced["attendance"]
_LESSON = synced["lesson"]
_REPORT = synced["absence_report"]
_DELIVERY = notice_delivery

#: Absences on days longer ago than this queue no notice: a teacher who
#: corrects last month's roll call must not make the school e-mail
#: guardians about it now. Yesterday still counts (a roll call synced late).
LOOKBACK_DAYS = 1


@dataclass
class NoticeChanges:
    """What one call changed: the sender is worth waking when anything was queued."""

    queued: list[uuid.UUID] = field(default_factory=list)
    cancelled: list[uuid.UUID] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.queued or self.cancelled)


# --- school days --------------------------------------------------------------


def school_day(instant: dt.datetime) -> dt.date:
    """The date at school (Swedish time) of a UTC instant."""
    return instant.astimezone(SCHOOL_TIME_ZONE).date()


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a school day as UTC instants (23 or 25 hours on DST days)."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=SCHOOL_TIME_ZONE)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=SCHOOL_TIME_ZONE)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _may_queue(day: dt.date, now: dt.datetime) -> bool:
    today = school_day(now)
    return today - dt.timedelta(days=LOOKBACK_DAYS) <= day <= today


# --- the hook the push calls ---------------------------------------------------


def queue_for_attendance(
    conn: Connection,
    attendance_rows: Iterable[Mapping[str, Any]],
    *,
    seq: int,
    now: dt.datetime,
) -> NoticeChanges:
    """Queue or cancel notices after attendance rows were written in this transaction.

    Pass every attendance row the transaction wrote, whatever its status: a
    correction to present/late/valid absence cancels a notice not yet sent.
    Each row needs "lesson_id" and "pupil_id", or just "id" (they are then
    read from the table). `seq` is the transaction's (server.db.allocate_seq),
    `now` an aware datetime. Calling it again for the same rows changes
    nothing, so a retried push sends nothing more.
    """
    changes = NoticeChanges()
    pupil_days = sorted(_pupil_days(conn, attendance_rows))
    if not pupil_days:
        return changes
    # Two queries for a whole roll call rather than two per pupil: this runs
    # inside every push that carries attendance.
    notices = _notices(conn, [ids.absence_notice_id(p, d) for p, d in pupil_days])
    invalid = _invalid_absence_days(conn, pupil_days)
    for pupil_id, day in pupil_days:
        _settle_day(
            conn,
            pupil_id,
            day,
            notice=notices.get(ids.absence_notice_id(pupil_id, day)),
            invalid=(pupil_id, day) in invalid,
            seq=seq,
            now=now,
            changes=changes,
        )
    return changes


def reevaluate_period(
    conn: Connection,
    pupil_id: uuid.UUID,
    start: dt.datetime,
    end: dt.datetime,
    *,
    seq: int,
    now: dt.datetime,
) -> NoticeChanges:
    """After an absence report for [start, end) was written or withdrawn."""
    first, last = school_day(start), school_day(end - dt.timedelta(microseconds=1))
    today = school_day(now)
    days = {
        first + dt.timedelta(days=offset)
        for offset in range((last - first).days + 1)
        if _may_queue(first + dt.timedelta(days=offset), now)
    }
    # Notices outside the window can still be cancelled by a report.
    days.update(
        conn.execute(
            select(_NOTICE.c.notice_date).where(
                _NOTICE.c.pupil_id == pupil_id,
                _NOTICE.c.notice_date >= first,
                _NOTICE.c.notice_date <= min(last, today),
                _NOTICE.c.deleted.is_(False),
            )
        ).scalars()
    )
    changes = NoticeChanges()
    for day in sorted(days):
        reevaluate_day(conn, pupil_id, day, seq=seq, now=now, changes=changes)
    return changes


def _uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _pupil_days(
    conn: Connection, rows: Iterable[Mapping[str, Any]]
) -> set[tuple[uuid.UUID, dt.date]]:
    pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()  # (pupil, lesson)
    lookup: list[uuid.UUID] = []
    for row in rows:
        if row.get("lesson_id") is not None and row.get("pupil_id") is not None:
            pairs.add((_uuid(row["pupil_id"]), _uuid(row["lesson_id"])))
        elif row.get("id") is not None:
            lookup.append(_uuid(row["id"]))
    for start in range(0, len(lookup), 500):
        chunk = lookup[start : start + 500]
        found = conn.execute(
            select(_ATTENDANCE.c.pupil_id, _ATTENDANCE.c.lesson_id).where(
                _ATTENDANCE.c.id.in_(chunk)
            )
        )
        pairs.update((pupil, lesson) for pupil, lesson in found)
    lesson_ids = sorted({lesson for _, lesson in pairs})
    starts: dict[uuid.UUID, dt.datetime] = {}
    for start in range(0, len(lesson_ids), 500):
        chunk = lesson_ids[start : start + 500]
        found_starts = conn.execute(
            select(_LESSON.c.id, _LESSON.c.start_time).where(_LESSON.c.id.in_(chunk))
        )
        starts.update((lesson_id, start_time) for lesson_id, start_time in found_starts)
    return {(pupil, school_day(starts[lesson])) for pupil, lesson in pairs if lesson in starts}


# --- deciding one pupil's day ----------------------------------------------------


def has_invalid_absence(conn: Connection, pupil_id: uuid.UUID, day: dt.date) -> bool:
    """Absent from a lesson that day that no (non-withdrawn) report covers?"""
    return (pupil_id, day) in _invalid_absence_days(conn, [(pupil_id, day)])


def _invalid_absence_days(
    conn: Connection, pupil_days: Sequence[tuple[uuid.UUID, dt.date]]
) -> set[tuple[uuid.UUID, dt.date]]:
    """Which of the (pupil, school day) pairs have an absence no report covers.

    Day by day, through the day's lessons (ix_lesson_start_time), not
    through each pupil's marks of the whole year: a roll call is one day.
    """
    by_day: dict[dt.date, set[uuid.UUID]] = {}
    for pupil, day in pupil_days:
        by_day.setdefault(day, set()).add(pupil)
    covered = exists(
        select(_REPORT.c.id).where(
            _REPORT.c.pupil_id == _ATTENDANCE.c.pupil_id,
            _REPORT.c.deleted.is_(False),
            _REPORT.c.start_time < _LESSON.c.end_time,
            _REPORT.c.end_time > _LESSON.c.start_time,
        )
    )
    found: set[tuple[uuid.UUID, dt.date]] = set()
    for day, day_pupils in sorted(by_day.items()):
        low, high = day_bounds(day)
        pupils = sorted(day_pupils)
        for start in range(0, len(pupils), 500):
            query = (
                select(_ATTENDANCE.c.pupil_id)
                .join(_LESSON, _LESSON.c.id == _ATTENDANCE.c.lesson_id)
                .where(
                    by_value_only(_ATTENDANCE.c.pupil_id).in_(pupils[start : start + 500]),
                    _ATTENDANCE.c.deleted.is_(False),
                    _ATTENDANCE.c.status == "absent",
                    _LESSON.c.deleted.is_(False),
                    _LESSON.c.cancelled.is_(False),
                    _LESSON.c.start_time >= low,
                    _LESSON.c.start_time < high,
                    ~covered,
                )
            )
            found.update((pupil, day) for pupil in conn.execute(query).scalars())
    return found


def reevaluate_day(
    conn: Connection,
    pupil_id: uuid.UUID,
    day: dt.date,
    *,
    seq: int,
    now: dt.datetime,
    changes: NoticeChanges | None = None,
) -> None:
    """Bring the pupil's notice for the day in line with the attendance now stored."""
    _settle_day(
        conn,
        pupil_id,
        day,
        notice=notice_row(conn, ids.absence_notice_id(pupil_id, day)),
        invalid=has_invalid_absence(conn, pupil_id, day),
        seq=seq,
        now=now,
        changes=changes if changes is not None else NoticeChanges(),
    )


def _settle_day(
    conn: Connection,
    pupil_id: uuid.UUID,
    day: dt.date,
    *,
    notice: RowMapping | None,
    invalid: bool,
    seq: int,
    now: dt.datetime,
    changes: NoticeChanges,
) -> None:
    notice_id = ids.absence_notice_id(pupil_id, day)
    if invalid:
        if notice is None and _may_queue(day, now):
            _create(conn, notice_id, pupil_id, day, seq=seq, now=now)
            changes.queued.append(notice_id)
        elif notice is not None and notice["state"] == CANCELLED and _may_queue(day, now):
            _requeue(conn, notice, seq=seq, now=now)
            changes.queued.append(notice_id)
    elif (
        notice is not None
        and notice["state"] in (QUEUED, FAILED)
        and _cancel(conn, notice, seq=seq, now=now)
    ):
        changes.cancelled.append(notice_id)


def _notices(conn: Connection, notice_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, RowMapping]:
    found: dict[uuid.UUID, RowMapping] = {}
    for start in range(0, len(notice_ids), 500):
        rows = conn.execute(
            select(_NOTICE).where(_NOTICE.c.id.in_(notice_ids[start : start + 500]))
        ).mappings()
        found.update((row["id"], row) for row in rows)
    return found


def _create(
    conn: Connection,
    notice_id: uuid.UUID,
    pupil_id: uuid.UUID,
    day: dt.date,
    *,
    seq: int,
    now: dt.datetime,
) -> None:
    conn.execute(
        insert(_NOTICE).values(
            id=notice_id,
            created_at=now,
            created_by=None,
            modified_at=now,
            modified_by=None,
            seq=seq,
            deleted=False,
            field_seqs=None,
            pupil_id=pupil_id,
            notice_date=day,
            state=QUEUED,
            attempts=0,
            sent_at=None,
            last_error=None,
        )
    )
    add_deliveries(conn, notice_id, pupil_id, now)
    refresh_notice(conn, notice_id, seq=seq, now=now)


def _requeue(conn: Connection, notice: RowMapping, *, seq: int, now: dt.datetime) -> None:
    """The teacher marked the pupil absent again after a correction cancelled the notice."""
    conn.execute(
        update(_DELIVERY)
        .where(_DELIVERY.c.notice_id == notice["id"], _DELIVERY.c.state == CANCELLED)
        .values(state=QUEUED, next_attempt_at=now, last_error=None)
    )
    add_deliveries(conn, notice["id"], notice["pupil_id"], now)
    write_notice(conn, notice, {"state": QUEUED, "last_error": None}, seq=seq, now=now)
    refresh_notice(conn, notice["id"], seq=seq, now=now)


def _cancel(conn: Connection, notice: RowMapping, *, seq: int, now: dt.datetime) -> bool:
    """Cancel what has not gone out; True when the notice ends up cancelled.

    Only queued deliveries are touched: one being sent right now finishes,
    and if it succeeds the notice is sent (it happened).
    """
    conn.execute(
        update(_DELIVERY)
        .where(_DELIVERY.c.notice_id == notice["id"], _DELIVERY.c.state == QUEUED)
        .values(state=CANCELLED, next_attempt_at=None)
    )
    if not deliveries_of(conn, notice["id"]):
        write_notice(conn, notice, {"state": CANCELLED, "last_error": None}, seq=seq, now=now)
        return True
    return refresh_notice(conn, notice["id"], seq=seq, now=now) == CANCELLED


__all__ = [
    "CANCELLED",
    "FAILED",
    "NO_ADDRESS_ERROR",
    "QUEUED",
    "SENDING",
    "SENT",
    "UNCERTAIN_ERROR",
    "NoticeChanges",
    "day_bounds",
    "due_condition",
    "guardian_addresses",
    "has_invalid_absence",
    "queue_for_attendance",
    "reevaluate_day",
    "reevaluate_period",
    "refresh_notice",
    "school_day",
]

"""Guardians' absence reports (anmäld frånvaro) and granted leave (beviljad ledighet).

They come from a guardian-facing system signed in as an `absence_reporter`
account tied to one school, or from the school office through
`klassbok-server report-absence`. A report is a synced absence_report row
(SS 12000 Absence): it reaches the teachers' roll call, which offers it as
valid absence for every lesson overlapping its interval. Writing or
withdrawing one also settles the pupil's same-day notices for those days
(server.services.notices.absence_notices): a report that arrives before the notice
went out cancels it.

Idempotency: a report sent with an Idempotency-Key gets the id
uuid5(account, key), so a retry finds the first one instead of making a
second.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, RowMapping, insert, or_, select, update

from server.db import allocate_seq, hold_counter, read_transaction, write_transaction
from server.services.notices import absence_notices
from server.services.notices.absence_notices import NoticeChanges, school_day
from server.tables import synced
from sync_protocol.entities import ABSENCE_TYPES
from sync_protocol.terms import term_for

_REPORT = synced["absence_report"]
_PERSON = synced["person"]
_MEMBERSHIP = synced["group_membership"]
_GROUP = synced["group"]

#: Longer absences (a long illness, a term abroad) are the school's to record.
MAX_SPAN = dt.timedelta(days=31)
#: Reports are about this school year: further away is a typo in the year.
MAX_DISTANCE = dt.timedelta(days=366)
_KEY_SHAPE = re.compile(r"^[\x21-\x7e]{1,200}$")
_IDEMPOTENCY_NAMESPACE = uuid.UUID("c0b5c3f2-7a0e-4a59-9e43-2d1f0c6b8e71")

NOT_AT_SCHOOL = "No pupil with that id at this school."


class InvalidReport(ValueError):
    """A report that cannot be stored as sent; the message says why (422)."""


class PupilNotAtSchool(LookupError):
    """The pupil is unknown, or not at the reporting system's school (404)."""


class IdempotencyConflict(ValueError):
    """The Idempotency-Key was used before for a different report (409)."""


@dataclass(frozen=True)
class ReportValues:
    pupil_id: uuid.UUID
    absence_type: str
    start_time: dt.datetime
    end_time: dt.datetime
    reported_by_name: str | None


@dataclass(frozen=True)
class StoredReport:
    id: uuid.UUID
    pupil_id: uuid.UUID
    absence_type: str
    start_time: dt.datetime
    end_time: dt.datetime
    reported_by_name: str | None
    reported_at: dt.datetime
    withdrawn: bool

    @property
    def values(self) -> ReportValues:
        return ReportValues(
            self.pupil_id, self.absence_type, self.start_time, self.end_time, self.reported_by_name
        )


def _stored(row: RowMapping) -> StoredReport:
    return StoredReport(
        id=row["id"],
        pupil_id=row["pupil_id"],
        absence_type=row["absence_type"],
        start_time=row["start_time"],
        end_time=row["end_time"],
        reported_by_name=row["reported_by_name"],
        reported_at=row["reported_at"],
        withdrawn=bool(row["deleted"]),
    )


# --- checks -----------------------------------------------------------------


def check_report(values: ReportValues, *, now: dt.datetime) -> ReportValues:
    """The report normalised (UTC, trimmed name), or InvalidReport saying what is wrong."""
    if values.absence_type not in ABSENCE_TYPES:
        raise InvalidReport(f"absence_type must be one of {', '.join(ABSENCE_TYPES)}.")
    if values.start_time.tzinfo is None or values.end_time.tzinfo is None:
        raise InvalidReport(
            "start_time and end_time need a time zone, e.g. 2026-11-30T08:00:00+01:00 "
            "or 2026-11-30T07:00:00Z."
        )
    start = values.start_time.astimezone(dt.UTC)
    end = values.end_time.astimezone(dt.UTC)
    if end <= start:
        raise InvalidReport("end_time must be after start_time.")
    if end - start > MAX_SPAN:
        raise InvalidReport(
            f"A report covers at most {MAX_SPAN.days} days; for a longer absence "
            "send one report per month, or contact the school."
        )
    if start > now + MAX_DISTANCE or end < now - MAX_DISTANCE:
        raise InvalidReport("A report must be about a day within a year from today.")
    name = values.reported_by_name
    if name is not None:
        if "\n" in name or "\r" in name or "\x00" in name:
            raise InvalidReport("reported_by_name must be a single line.")
        name = " ".join(name.split()) or None
    return ReportValues(values.pupil_id, values.absence_type, start, end, name)


def check_idempotency_key(key: str) -> None:
    if not _KEY_SHAPE.match(key):
        raise InvalidReport(
            "The Idempotency-Key header must be 1 to 200 visible ASCII characters, e.g. a UUID."
        )


def report_id_for_key(account_id: uuid.UUID, key: str) -> uuid.UUID:
    """The id a report sent with this key gets: a retry lands on the same row."""
    return uuid.uuid5(_IDEMPOTENCY_NAMESPACE, f"{account_id}/{key}")


def pupil_at_school(
    conn: Connection,
    pupil_id: uuid.UUID,
    school_id: uuid.UUID,
    first_day: dt.date,
    last_day: dt.date,
) -> bool:
    """A pupil with a membership of one of the school's groups on some day in the range."""
    found = conn.execute(
        select(_MEMBERSHIP.c.id)
        .join(_GROUP, _GROUP.c.id == _MEMBERSHIP.c.group_id)
        .join(_PERSON, _PERSON.c.id == _MEMBERSHIP.c.person_id)
        .where(
            _MEMBERSHIP.c.person_id == pupil_id,
            _MEMBERSHIP.c.deleted.is_(False),
            _MEMBERSHIP.c.start_date <= last_day,
            or_(_MEMBERSHIP.c.end_date.is_(None), _MEMBERSHIP.c.end_date >= first_day),
            _GROUP.c.school_id == school_id,
            _GROUP.c.deleted.is_(False),
            _PERSON.c.deleted.is_(False),
        )
        .limit(1)
    ).first()
    return found is not None


def _report_days(values: ReportValues) -> tuple[dt.date, dt.date]:
    return school_day(values.start_time), school_day(values.end_time - dt.timedelta(microseconds=1))


# --- writing ----------------------------------------------------------------


def record_report(
    conn: Connection,
    values: ReportValues,
    *,
    report_id: uuid.UUID,
    account_id: uuid.UUID | None,
    now: dt.datetime,
) -> tuple[StoredReport, NoticeChanges]:
    """Insert a checked report in the caller's transaction and settle the day's notices."""
    seq = allocate_seq(conn)
    conn.execute(
        insert(_REPORT).values(
            id=report_id,
            created_at=now,
            created_by=None,
            modified_at=now,
            modified_by=None,
            seq=seq,
            deleted=False,
            field_seqs=None,
            pupil_id=values.pupil_id,
            absence_type=values.absence_type,
            start_time=values.start_time,
            end_time=values.end_time,
            reported_by_name=values.reported_by_name,
            reported_at=now,
            reporter_account_id=account_id,
        )
    )
    changes = absence_notices.reevaluate_period(
        conn, values.pupil_id, values.start_time, values.end_time, seq=seq, now=now
    )
    row = conn.execute(select(_REPORT).where(_REPORT.c.id == report_id)).mappings().one()
    return _stored(row), changes


def create_report(
    engine: Engine,
    values: ReportValues,
    *,
    account_id: uuid.UUID,
    school_id: uuid.UUID,
    idempotency_key: str | None,
    now: dt.datetime,
) -> tuple[StoredReport, bool]:
    """Store a report from a guardian-facing system; (report, newly created).

    Raises InvalidReport, PupilNotAtSchool or IdempotencyConflict.
    """
    checked = check_report(values, now=now)
    if idempotency_key is not None:
        check_idempotency_key(idempotency_key)
        report_id = report_id_for_key(account_id, idempotency_key)
    else:
        report_id = uuid.uuid4()
    first, last = _report_days(checked)
    with write_transaction(engine) as conn:
        # The counter's lock first: a retry racing the original waits for it
        # to commit. Only a new report takes a sequence number (record_report),
        # so a replayed one writes nothing.
        hold_counter(conn)
        existing = (
            conn.execute(
                select(_REPORT).where(
                    _REPORT.c.id == report_id, _REPORT.c.reporter_account_id == account_id
                )
            )
            .mappings()
            .first()
        )
        if existing is not None:
            stored = _stored(existing)
            if stored.values != checked:
                raise IdempotencyConflict(
                    "This Idempotency-Key was already used for a different report. "
                    "Use a new key for a new report."
                )
            return stored, False
        if not pupil_at_school(conn, checked.pupil_id, school_id, first, last):
            raise PupilNotAtSchool(NOT_AT_SCHOOL)
        stored, _ = record_report(
            conn, checked, report_id=report_id, account_id=account_id, now=now
        )
        return stored, True


def withdraw_report(
    engine: Engine, report_id: uuid.UUID, *, account_id: uuid.UUID, now: dt.datetime
) -> StoredReport | None:
    """Tombstone one of this system's reports; None when it has no such report.

    Withdrawing twice is fine. The day's notices are settled again: an
    absence the report covered may now be invalid.
    """
    with write_transaction(engine) as conn:
        # A withdrawal racing this one waits here, then finds it withdrawn.
        hold_counter(conn)
        row = (
            conn.execute(
                select(_REPORT).where(
                    _REPORT.c.id == report_id, _REPORT.c.reporter_account_id == account_id
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None  # nothing written: not even a sequence number is used
        if not row["deleted"]:
            seq = allocate_seq(conn)
            conn.execute(
                update(_REPORT)
                .where(_REPORT.c.id == report_id)
                .values(deleted=True, seq=seq, modified_at=now, modified_by=None)
            )
            absence_notices.reevaluate_period(
                conn, row["pupil_id"], row["start_time"], row["end_time"], seq=seq, now=now
            )
        row = conn.execute(select(_REPORT).where(_REPORT.c.id == report_id)).mappings().one()
        return _stored(row)


# --- reading ----------------------------------------------------------------


def get_report(
    engine: Engine, report_id: uuid.UUID, *, account_id: uuid.UUID
) -> StoredReport | None:
    with read_transaction(engine) as conn:
        row = (
            conn.execute(
                select(_REPORT).where(
                    _REPORT.c.id == report_id, _REPORT.c.reporter_account_id == account_id
                )
            )
            .mappings()
            .first()
        )
        return None if row is None else _stored(row)


def list_reports(
    engine: Engine,
    pupil_id: uuid.UUID,
    *,
    account_id: uuid.UUID,
    school_id: uuid.UUID,
    today: dt.date,
) -> list[StoredReport] | None:
    """This system's reports about a pupil, oldest first; None when the pupil is not
    at the school this term and the system has reported nothing about them."""
    term = term_for(today)
    with read_transaction(engine) as conn:
        rows = list(
            conn.execute(
                select(_REPORT)
                .where(_REPORT.c.pupil_id == pupil_id, _REPORT.c.reporter_account_id == account_id)
                .order_by(_REPORT.c.start_time, _REPORT.c.id)
            ).mappings()
        )
        if not rows and not pupil_at_school(conn, pupil_id, school_id, term.start, term.end):
            return None
        return [_stored(row) for row in rows]

"""SS 12000 AggregatedAttendance: one pupil's minutes in one activity over a
period of days (startDate to endDate, both inclusive, Swedish days).

Counted as the app's attendance statistics count them (local_db.attendance.
statistics, with the shared rules of sync_protocol.attendance_minutes): a
pupil is offered the activity's lessons, not cancelled, on the days they were
a member of one of its groups; reported are the offered minutes of lessons
whose roll call was taken. One object per (activity, pupil) with at least one
lesson offered.

The standard gives AggregatedAttendance no id (it is a sum, not a record):
the pair of activity and student identifies one, and pages are ordered by
that pair, so the same question gives the same pages in every run.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from server.services.notices.absence_notices import school_day
from server.services.roster.school_time import local_to_utc
from server.services.ss12000_api.attendances import reports_of
from server.services.ss12000_api.paging import (
    BadRequest,
    ListRequest,
    encode_token,
    parse_bool,
    parse_date,
    parse_uuid,
)
from server.services.ss12000_api.references import References
from server.tables import synced
from sync_protocol.attendance_minutes import lesson_figures

KIND = "aggregatedAttendance"
SUPPORTED = ("startDate", "endDate", "student", "expandReferenceNames")
NOT_SUPPORTED = ("organisation", "schoolType", "expand")
#: The longest period one question may cover: a school year and a margin.
MAX_DAYS = 400

_LESSON = synced["lesson"]
_REGISTRATION = synced["lesson_registration"]
_ACTIVITY_GROUP = synced["activity_group"]
_MEMBERSHIP = synced["group_membership"]
_ATTENDANCE = synced["attendance"]

Key = tuple[str, str]  # (activity id, pupil id) as text: the order of the pages


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start 00:00, end+1 00:00) in Swedish time, as UTC."""
        midnight = dt.time()
        return local_to_utc(self.start, midnight), local_to_utc(
            self.end + dt.timedelta(days=1), midnight
        )


def read_period(filters: dict[str, Any]) -> Period:
    if "startDate" not in filters or "endDate" not in filters:
        raise BadRequest("aggregatedAttendance needs startDate and endDate (YYYY-MM-DD).")
    period = Period(
        parse_date("startDate", filters["startDate"]), parse_date("endDate", filters["endDate"])
    )
    if period.end < period.start:
        raise BadRequest("endDate is before startDate.")
    if (period.end - period.start).days >= MAX_DAYS:
        raise BadRequest(f"A period may cover at most {MAX_DAYS} days; ask for less at a time.")
    return period


def _lessons(conn: Connection, period: Period) -> list[Any]:
    low, high = period.bounds
    registered = (
        select(_REGISTRATION.c.registered)
        .where(_REGISTRATION.c.lesson_id == _LESSON.c.id, _REGISTRATION.c.deleted.is_(False))
        .limit(1)
        .scalar_subquery()
    )
    return list(
        conn.execute(
            select(
                _LESSON.c.id,
                _LESSON.c.activity_id,
                _LESSON.c.start_time,
                _LESSON.c.end_time,
                registered.label("registered"),
            ).where(
                _LESSON.c.start_time >= low,
                _LESSON.c.start_time < high,
                _LESSON.c.cancelled.is_(False),
                _LESSON.c.deleted.is_(False),
            )
        ).all()
    )


def _members(conn: Connection, period: Period) -> dict[uuid.UUID, list[Any]]:
    """activity -> memberships (pupil, from, to) of its groups overlapping the period."""
    rows = conn.execute(
        select(
            _ACTIVITY_GROUP.c.activity_id,
            _MEMBERSHIP.c.person_id,
            _MEMBERSHIP.c.start_date,
            _MEMBERSHIP.c.end_date,
        )
        .select_from(
            _ACTIVITY_GROUP.join(_MEMBERSHIP, _MEMBERSHIP.c.group_id == _ACTIVITY_GROUP.c.group_id)
        )
        .where(
            _ACTIVITY_GROUP.c.deleted.is_(False),
            _MEMBERSHIP.c.deleted.is_(False),
            _MEMBERSHIP.c.start_date <= period.end,
            (_MEMBERSHIP.c.end_date.is_(None)) | (_MEMBERSHIP.c.end_date >= period.start),
        )
    )
    found: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in rows:
        found[row.activity_id].append(row)
    return found


def _marks(conn: Connection, period: Period) -> dict[tuple[uuid.UUID, uuid.UUID], Any]:
    low, high = period.bounds
    rows = conn.execute(
        select(
            _ATTENDANCE.c.lesson_id,
            _ATTENDANCE.c.pupil_id,
            _ATTENDANCE.c.status,
            _ATTENDANCE.c.late_minutes,
            _ATTENDANCE.c.left_early_minutes,
        )
        .select_from(_ATTENDANCE.join(_LESSON, _LESSON.c.id == _ATTENDANCE.c.lesson_id))
        .where(
            _LESSON.c.start_time >= low,
            _LESSON.c.start_time < high,
            _ATTENDANCE.c.deleted.is_(False),
        )
    )
    return {(row.lesson_id, row.pupil_id): row for row in rows}


def aggregate(
    conn: Connection, period: Period, students: set[uuid.UUID] | None = None
) -> dict[tuple[uuid.UUID, uuid.UUID], list[int]]:
    """(activity, pupil) -> the seven figures of sync_protocol.attendance_minutes."""
    lessons = _lessons(conn, period)
    members = _members(conn, period)
    marks = _marks(conn, period)
    pupils = {m.person_id for rows in members.values() for m in rows}
    if students is not None:
        pupils &= students
    low, high = period.bounds
    reports = reports_of(conn, pupils, low, high)
    sums: dict[tuple[uuid.UUID, uuid.UUID], list[int]] = {}
    for lesson in lessons:
        day = school_day(lesson.start_time)
        offered = {
            m.person_id
            for m in members.get(lesson.activity_id, ())
            if m.person_id in pupils
            and m.start_date <= day
            and (m.end_date is None or day <= m.end_date)
        }
        for pupil in offered:
            mark = marks.get((lesson.id, pupil))
            figures = lesson_figures(
                start=lesson.start_time,
                end=lesson.end_time,
                registered=bool(lesson.registered),
                status=None if mark is None else mark.status,
                late_minutes=None if mark is None else mark.late_minutes,
                left_early_minutes=None if mark is None else mark.left_early_minutes,
                reports=reports.get(pupil, ()),
            )
            total = sums.setdefault((lesson.activity_id, pupil), [0] * 7)
            for index, value in enumerate(figures):
                total[index] += value
    return sums


def _after(request: ListRequest) -> Key | None:
    if request.after is None:
        return None
    if len(request.after) != 2 or not all(isinstance(part, str) for part in request.after):
        raise BadRequest("The pageToken is not one this server gave.")
    return (request.after[0], request.after[1])


def _publish(
    refs: References, period: Period, key: tuple[uuid.UUID, uuid.UUID], figures: Sequence[int]
) -> dict[str, Any]:
    activity, pupil = key
    offered, reported, attended, valid, invalid, other, _late = figures
    return {
        "activity": refs.activity(activity),
        "student": refs.person(pupil),
        "startDate": period.start.isoformat(),
        "endDate": period.end.isoformat(),
        "attendanceSum": attended,
        "validAbsenceSum": valid,
        "invalidAbsenceSum": invalid,
        "otherAttendanceSum": other,
        "reportedSum": reported,
        "offeredSum": offered,
    }


def list_aggregated(
    conn: Connection, request: ListRequest
) -> tuple[list[dict[str, Any]], str | None]:
    filters = request.filters
    period = read_period(filters)
    raw_students = filters.get("student")
    students = None
    if raw_students is not None:
        values = raw_students if isinstance(raw_students, list) else [raw_students]
        students = {parse_uuid("student", str(value)) for value in values}
    expand = parse_bool("expandReferenceNames", filters.get("expandReferenceNames", "false"))
    after = _after(request)
    sums = aggregate(conn, period, students)
    ordered = sorted(sums, key=lambda key: (str(key[0]), str(key[1])))
    if after is not None:
        ordered = [key for key in ordered if (str(key[0]), str(key[1])) > after]
    page = ordered[: request.limit]
    token = None
    if len(ordered) > request.limit:
        last = page[-1]
        token = encode_token(KIND, filters, [str(last[0]), str(last[1])])
    refs = References(conn, expand)
    refs.load(people=[pupil for _, pupil in page], activities=[activity for activity, _ in page])
    return [_publish(refs, period, key, sums[key]) for key in page], token

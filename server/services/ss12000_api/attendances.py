"""SS 12000 Attendance: one pupil's attendance at one lesson, in minutes.

Published for every roll-call mark (Klassbok's attendance row; its id is the
name-based id of lesson and pupil, so it is the same in every run and on
every computer). The minutes follow the app's own rules
(sync_protocol.attendance_minutes): a guardian's report or granted leave
makes the minutes it covers of a late arrival valid absence. A cancelled
lesson's mark counts no minutes, as in the app's statistics.

calendarEvent is the lesson, student the pupil, reporter the teacher who set
the mark last, reportedTimestamp when; isReported whether the lesson's roll
call was taken. The teacher's comment is not published (it may say why a
pupil was away, which the school should not record as health data).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, select

from server.services.ss12000_api.paging import (
    META_FILTERS,
    ListRequest,
    meta,
    meta_conditions,
    page_of,
    parse_bool,
    parse_uuid,
    seq_after,
    timestamp,
)
from server.services.ss12000_api.references import References
from server.tables import synced
from sync_protocol.attendance_minutes import Interval, lesson_figures

KIND = "attendances"
SUPPORTED = ("student", "calendarEvent", *META_FILTERS, "expandReferenceNames")
NOT_SUPPORTED = ("organisation",)

_ATTENDANCE = synced["attendance"]
_LESSON = synced["lesson"]
_REGISTRATION = synced["lesson_registration"]
_REPORT = synced["absence_report"]


def _query() -> Any:
    registered = (
        select(_REGISTRATION.c.registered)
        .where(_REGISTRATION.c.lesson_id == _LESSON.c.id, _REGISTRATION.c.deleted.is_(False))
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            _ATTENDANCE.c.id,
            _ATTENDANCE.c.seq,
            _ATTENDANCE.c.created_at,
            _ATTENDANCE.c.modified_at,
            _ATTENDANCE.c.created_by,
            _ATTENDANCE.c.modified_by,
            _ATTENDANCE.c.lesson_id,
            _ATTENDANCE.c.pupil_id,
            _ATTENDANCE.c.status,
            _ATTENDANCE.c.late_minutes,
            _ATTENDANCE.c.left_early_minutes,
            _LESSON.c.start_time,
            _LESSON.c.end_time,
            _LESSON.c.cancelled,
            registered.label("registered"),
        )
        .select_from(_ATTENDANCE.join(_LESSON, _LESSON.c.id == _ATTENDANCE.c.lesson_id))
        .where(_ATTENDANCE.c.deleted.is_(False), _LESSON.c.deleted.is_(False))
    )


def reports_of(
    conn: Connection, pupils: Iterable[uuid.UUID], low: dt.datetime, high: dt.datetime
) -> dict[uuid.UUID, list[Interval]]:
    """Each pupil's reports and granted leave overlapping [low, high)."""
    found: dict[uuid.UUID, list[Interval]] = defaultdict(list)
    unique = sorted(set(pupils), key=str)
    for start in range(0, len(unique), 500):
        rows = conn.execute(
            select(_REPORT.c.pupil_id, _REPORT.c.start_time, _REPORT.c.end_time).where(
                _REPORT.c.pupil_id.in_(unique[start : start + 500]),
                _REPORT.c.start_time < high,
                _REPORT.c.end_time > low,
                _REPORT.c.deleted.is_(False),
            )
        )
        for pupil_id, begins, ends in rows:
            found[pupil_id].append((begins, ends))
    return found


def _minutes(row: Row[Any], reports: Sequence[Interval]) -> dict[str, int]:
    if row.cancelled:
        figures: tuple[int, ...] = (0, 0, 0, 0, 0, 0, 0)
    else:
        figures = lesson_figures(
            start=row.start_time,
            end=row.end_time,
            registered=bool(row.registered),
            status=row.status,
            late_minutes=row.late_minutes,
            left_early_minutes=row.left_early_minutes,
            reports=reports,
        )
    return {
        "attendanceMinutes": figures[2],
        "validAbsenceMinutes": figures[3],
        "invalidAbsenceMinutes": figures[4],
        "otherAttendanceMinutes": figures[5],
    }


def _publish(conn: Connection, rows: Sequence[Row[Any]], expand: bool) -> list[dict[str, Any]]:
    if not rows:
        return []
    low = min(row.start_time for row in rows)
    high = max(row.end_time for row in rows)
    reports = reports_of(conn, (row.pupil_id for row in rows), low, high)
    refs = References(conn, expand)
    reporters = {row.modified_by or row.created_by for row in rows} - {None}
    refs.load(people=[*(row.pupil_id for row in rows), *reporters])
    published = []
    for row in rows:
        item: dict[str, Any] = {
            "id": str(row.id),
            "meta": meta(row.created_at, row.modified_at),
            "calendarEvent": {"id": str(row.lesson_id)},
            "student": refs.person(row.pupil_id),
            "isReported": bool(row.registered),
            **_minutes(row, reports.get(row.pupil_id, ())),
        }
        reporter = row.modified_by or row.created_by
        if reporter is not None:
            item["reporter"] = refs.person(reporter)
        if row.modified_at is not None:
            item["reportedTimestamp"] = timestamp(row.modified_at)
        published.append(item)
    return published


def list_attendances(
    conn: Connection, request: ListRequest
) -> tuple[list[dict[str, Any]], str | None]:
    filters = request.filters
    query = _query().where(
        *meta_conditions(_ATTENDANCE, filters), *seq_after(_ATTENDANCE, request.after)
    )
    if "student" in filters:
        query = query.where(_ATTENDANCE.c.pupil_id == parse_uuid("student", filters["student"]))
    if "calendarEvent" in filters:
        lesson_id = parse_uuid("calendarEvent", filters["calendarEvent"])
        query = query.where(_ATTENDANCE.c.lesson_id == lesson_id)
    expand = parse_bool("expandReferenceNames", filters.get("expandReferenceNames", "false"))
    rows = conn.execute(
        query.order_by(_ATTENDANCE.c.seq, _ATTENDANCE.c.id).limit(request.limit + 1)
    ).all()
    kept, token = page_of(KIND, request, rows, lambda row: [row.seq, str(row.id)])
    return _publish(conn, kept, expand), token


def get_attendance(
    conn: Connection, attendance_id: uuid.UUID, *, expand: bool
) -> dict[str, Any] | None:
    row = conn.execute(_query().where(_ATTENDANCE.c.id == attendance_id)).first()
    return None if row is None else _publish(conn, [row], expand)[0]

"""Reading a lesson's roll call, and the lessons whose roll call is missing."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from local_db.attendance.school_time import school_day
from local_db.attendance.views import (
    AbsenceReportView,
    AttendanceMark,
    RollCall,
    RollCallEntry,
)
from local_db.collation import name_sort_key
from local_db.repositories import lessons_between, pupils_in_group
from local_db.repositories._common import activity_group, is_protected, live, person
from local_db.schema import synced
from local_db.views import LessonView, PupilView

lesson = synced["lesson"]
attendance = synced["attendance"]
absence_report = synced["absence_report"]


@dataclass(frozen=True)
class LessonFacts:
    """What marking needs to know about a lesson (read in the write's transaction)."""

    id: uuid.UUID
    activity_id: uuid.UUID
    start_time: dt.datetime
    end_time: dt.datetime
    cancelled: bool
    day: dt.date
    members: dict[uuid.UUID, PupilView]
    #: pupil id -> the latest report overlapping the lesson.
    reports: dict[uuid.UUID, AbsenceReportView]

    @property
    def minutes(self) -> int:
        return int((self.end_time - self.start_time).total_seconds() // 60)


def lesson_facts(conn: Connection, lesson_id: uuid.UUID) -> LessonFacts | None:
    row = conn.execute(
        select(
            lesson.c.id,
            lesson.c.activity_id,
            lesson.c.start_time,
            lesson.c.end_time,
            lesson.c.cancelled,
        ).where(lesson.c.id == lesson_id, live(lesson))
    ).first()
    if row is None:
        return None
    day = school_day(row.start_time)
    members = _members(conn, row.activity_id, day)
    return LessonFacts(
        id=row.id,
        activity_id=row.activity_id,
        start_time=row.start_time,
        end_time=row.end_time,
        cancelled=bool(row.cancelled),
        day=day,
        members={pupil.id: pupil for pupil in members},
        reports=_reports(conn, [p.id for p in members], row.start_time, row.end_time),
    )


def _members(conn: Connection, activity_id: uuid.UUID, day: dt.date) -> list[PupilView]:
    """Pupils of every group of the activity on the day (membership dates kept)."""
    group_ids = conn.scalars(
        select(activity_group.c.group_id).where(
            activity_group.c.activity_id == activity_id, live(activity_group)
        )
    ).all()
    found: dict[uuid.UUID, PupilView] = {}
    for group_id in group_ids:
        for pupil in pupils_in_group(conn, group_id, day):
            found.setdefault(pupil.id, pupil)
    return sorted(found.values(), key=_order)


def _reports(
    conn: Connection, pupil_ids: list[uuid.UUID], start: dt.datetime, end: dt.datetime
) -> dict[uuid.UUID, AbsenceReportView]:
    """The latest report of each pupil that overlaps [start, end)."""
    if not pupil_ids:
        return {}
    rows = conn.execute(
        select(absence_report)
        .where(
            absence_report.c.pupil_id.in_(pupil_ids),
            absence_report.c.start_time < end,
            absence_report.c.end_time > start,
            live(absence_report),
        )
        .order_by(absence_report.c.reported_at, absence_report.c.id)
    ).mappings()
    latest: dict[uuid.UUID, AbsenceReportView] = {}
    for found in rows:
        latest[found["pupil_id"]] = report_view(found)
    return latest


def report_view(row: Any) -> AbsenceReportView:
    return AbsenceReportView(
        id=row["id"],
        pupil_id=row["pupil_id"],
        absence_type=row["absence_type"],
        start_time=row["start_time"],
        end_time=row["end_time"],
        reported_by_name=row["reported_by_name"],
        reported_at=row["reported_at"],
    )


def marks_of_lesson(conn: Connection, lesson_id: uuid.UUID) -> dict[uuid.UUID, AttendanceMark]:
    marker = person.alias("marker")
    rows = conn.execute(
        select(
            attendance.c.pupil_id,
            attendance.c.status,
            attendance.c.late_minutes,
            attendance.c.left_early_minutes,
            attendance.c.comment,
            attendance.c.absence_report_id,
            attendance.c.modified_by,
            marker.c.given_name,
            marker.c.family_name,
        )
        .select_from(attendance.outerjoin(marker, marker.c.id == attendance.c.modified_by))
        .where(attendance.c.lesson_id == lesson_id, live(attendance))
    )
    marks: dict[uuid.UUID, AttendanceMark] = {}
    for row in rows:
        name = f"{row.given_name} {row.family_name}" if row.given_name else None
        marks[row.pupil_id] = AttendanceMark(
            status=row.status,
            late_minutes=row.late_minutes,
            left_early_minutes=row.left_early_minutes,
            comment=row.comment,
            absence_report_id=row.absence_report_id,
            marked_by=row.modified_by,
            marked_by_name=name,
        )
    return marks


def _lesson_view(
    conn: Connection, lesson_id: uuid.UUID, start: dt.datetime, teacher_id: uuid.UUID | None
) -> LessonView | None:
    # lessons_between gives group and teacher names and the registration;
    # a window of one microsecond holds exactly the lessons starting then.
    viewer = teacher_id or uuid.UUID(int=0)
    window = lessons_between(conn, start, start + dt.timedelta(microseconds=1), viewer, False)
    return next((view for view in window if view.id == lesson_id), None)


def load_roll_call(
    conn: Connection, lesson_id: uuid.UUID, teacher_id: uuid.UUID | None
) -> RollCall | None:
    """A lesson's roll call: its pupils on the lesson's day with their
    marks and reports, then marks of pupils no longer in its groups.
    None when the lesson is not in the cache (deleted, out of scope)."""
    facts = lesson_facts(conn, lesson_id)
    if facts is None:
        return None
    view = _lesson_view(conn, lesson_id, facts.start_time, teacher_id)
    if view is None:
        return None
    marks = marks_of_lesson(conn, lesson_id)
    entries = [
        RollCallEntry(pupil=pupil, mark=marks.get(pupil.id), report=facts.reports.get(pupil.id))
        for pupil in facts.members.values()
    ]
    stale_ids = [pupil_id for pupil_id in marks if pupil_id not in facts.members]
    if stale_ids:
        stale_reports = _reports(conn, stale_ids, facts.start_time, facts.end_time)
        stale = [
            RollCallEntry(
                pupil=pupil,
                mark=marks[pupil.id],
                report=stale_reports.get(pupil.id),
                member=False,
            )
            for pupil in _pupils(conn, stale_ids)
        ]
        entries.extend(sorted(stale, key=lambda entry: _order(entry.pupil)))
    return RollCall(lesson=view, day=facts.day, entries=tuple(entries))


def _order(pupil: PupilView) -> tuple[str, ...]:
    return (*name_sort_key(pupil.family_name, pupil.given_name), str(pupil.id))


def _pupils(conn: Connection, pupil_ids: list[uuid.UUID]) -> list[PupilView]:
    rows = {
        row.id: row
        for row in conn.execute(
            select(
                person.c.id, person.c.given_name, person.c.family_name, person.c.security_marking
            ).where(person.c.id.in_(pupil_ids))
        )
    }
    pupils = []
    for pupil_id in pupil_ids:
        row = rows.get(pupil_id)
        if row is None:
            # The mark reached the cache, the person did not (outside the
            # teacher's scope now): still show that a mark exists.
            pupils.append(PupilView(pupil_id, "?", "?", protected=False))
        else:
            pupils.append(
                PupilView(
                    row.id,
                    row.given_name,
                    row.family_name,
                    protected=is_protected(row.security_marking),
                )
            )
    return pupils


def lessons_without_roll_call(
    conn: Connection, teacher_id: uuid.UUID, start: dt.datetime, end: dt.datetime
) -> list[LessonView]:
    """The teacher's own lessons that started in [start, end) (UTC-aware),
    were not cancelled and have no roll call yet: most recent first."""
    lessons = lessons_between(conn, start, end, teacher_id, True)
    missing = [view for view in lessons if not view.cancelled and not view.registered]
    return sorted(missing, key=lambda view: view.start_time, reverse=True)

"""Attendance statistics from the local cache (works offline).

Per pupil and per group over a period of days (a term, or dates the teacher
chooses): minutes offered, reported, attended, valid and invalid absence,
other attendance, lateness (SS 12000 AggregatedAttendance; see minutes.py
for how each state counts). A pupil is offered the lessons, not cancelled,
of the activities of their groups, on days they were a member.

Five queries whatever the period, then arithmetic in Python: a group's
term is a few hundred lessons and some thousands of marks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, and_, or_, select, type_coerce

from local_db.attendance.minutes import Interval, lesson_figures, whole_lesson_figures
from local_db.attendance.school_time import period_bounds_utc, school_day
from local_db.attendance.views import (
    STATES_WITH_MINUTES,
    AbsenceNoticeView,
    AttendanceSums,
    GroupStatistics,
    PupilAttendance,
    PupilSums,
    WeekAbsence,
)
from local_db.collation import name_sort_key
from local_db.repositories._common import (
    activity,
    activity_group,
    group,
    is_protected,
    lesson,
    lesson_registration,
    live,
    membership,
    person,
)
from local_db.schema import synced
from local_db.views import PupilView

attendance = synced["attendance"]
absence_report = synced["absence_report"]
absence_notice = synced["absence_notice"]
school = synced["school"]


#: Ids as the cache stores them (hex text): the statistics key thousands of
#: marks by lesson and pupil, and turning each into a uuid.UUID would cost
#: more than everything else together.
Key = str


def _raw(column: ColumnElement[Any]) -> ColumnElement[str]:
    return type_coerce(column, String())


@dataclass(frozen=True)
class _Membership:
    group_key: Key
    pupil_key: Key
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class _Lesson:
    key: Key
    activity_key: Key
    start: dt.datetime
    end: dt.datetime
    day: dt.date
    registered: bool
    minutes: int

    @property
    def monday(self) -> dt.date:
        return self.day - dt.timedelta(days=self.day.weekday())


def _overlapping(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    return and_(
        membership.c.start_date <= end,
        or_(membership.c.end_date.is_(None), membership.c.end_date >= start),
    )


def _activity_groups(conn: Connection, group_keys: Iterable[Key]) -> dict[Key, set[Key]]:
    """activity -> its groups, for the activities with one of the groups."""
    group_ids = [uuid.UUID(hex=key) for key in group_keys]
    rows = conn.execute(
        select(_raw(activity_group.c.activity_id), _raw(activity_group.c.group_id))
        .select_from(activity_group.join(activity, activity.c.id == activity_group.c.activity_id))
        .where(activity_group.c.group_id.in_(group_ids), live(activity_group), live(activity))
    )
    groups: dict[Key, set[Key]] = defaultdict(set)
    for activity_key, group_key in rows:
        groups[activity_key].add(group_key)
    return groups


def _activity_filter(activity_keys: Sequence[Key]) -> ColumnElement[bool]:
    return lesson.c.activity_id.in_([uuid.UUID(hex=key) for key in activity_keys])


def _lessons(
    conn: Connection, activity_keys: Sequence[Key], start: dt.date, end: dt.date
) -> list[_Lesson]:
    """Lessons of the activities in the period that took place (not cancelled)."""
    if not activity_keys:
        return []
    low, high = period_bounds_utc(start, end)
    registered = (
        select(lesson_registration.c.registered)
        .where(lesson_registration.c.lesson_id == lesson.c.id, live(lesson_registration))
        .limit(1)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(
            _raw(lesson.c.id),
            _raw(lesson.c.activity_id),
            lesson.c.start_time,
            lesson.c.end_time,
            registered,
        ).where(
            _activity_filter(activity_keys),
            lesson.c.start_time >= low,
            lesson.c.start_time < high,
            lesson.c.cancelled.is_(False),
            live(lesson),
        )
    )
    return [
        _Lesson(
            key,
            activity_key,
            begins,
            ends,
            school_day(begins),
            bool(done),
            int((ends - begins).total_seconds() // 60),
        )
        for key, activity_key, begins, ends, done in rows
    ]


Mark = tuple[str | None, int | None, int | None]


def _marks(
    conn: Connection,
    activity_keys: Sequence[Key],
    pupil_keys: Sequence[Key],
    start: dt.date,
    end: dt.date,
) -> dict[tuple[Key, Key], Mark]:
    """(lesson, pupil) -> (status, late minutes, left-early minutes)."""
    if not activity_keys or not pupil_keys:
        return {}
    low, high = period_bounds_utc(start, end)
    rows = conn.execute(
        select(
            _raw(attendance.c.lesson_id),
            _raw(attendance.c.pupil_id),
            attendance.c.status,
            attendance.c.late_minutes,
            attendance.c.left_early_minutes,
        )
        .select_from(attendance.join(lesson, lesson.c.id == attendance.c.lesson_id))
        .where(
            _activity_filter(activity_keys),
            lesson.c.start_time >= low,
            lesson.c.start_time < high,
            attendance.c.pupil_id.in_([uuid.UUID(hex=key) for key in pupil_keys]),
            live(attendance),
        )
    )
    return {(row[0], row[1]): (row[2], row[3], row[4]) for row in rows}


def _reports(
    conn: Connection, pupil_keys: Sequence[Key], start: dt.date, end: dt.date
) -> dict[Key, list[Interval]]:
    if not pupil_keys:
        return {}
    low, high = period_bounds_utc(start, end)
    rows = conn.execute(
        select(
            _raw(absence_report.c.pupil_id), absence_report.c.start_time, absence_report.c.end_time
        ).where(
            absence_report.c.pupil_id.in_([uuid.UUID(hex=key) for key in pupil_keys]),
            absence_report.c.start_time < high,
            absence_report.c.end_time > low,
            live(absence_report),
        )
    )
    reports: dict[Key, list[Interval]] = defaultdict(list)
    for pupil_key, begins, ends in rows:
        reports[pupil_key].append((begins, ends))
    return reports


Bucket = Hashable


def _tally(
    conn: Connection,
    memberships: Sequence[_Membership],
    start: dt.date,
    end: dt.date,
    bucket: Callable[[Key, _Lesson], Bucket],
    *,
    only_activity: Key | None = None,
) -> tuple[dict[Bucket, AttendanceSums], list[_Lesson]]:
    """Sum each pupil's figures over the lessons they were offered, into
    buckets (a pupil, a week); only one activity's lessons when it is given.
    Also returns the lessons."""
    members_of: dict[Key, list[_Membership]] = defaultdict(list)
    for member in memberships:
        members_of[member.group_key].append(member)
    groups_of = _activity_groups(conn, members_of)
    activity_keys = sorted(k for k in groups_of if only_activity in (None, k))
    lessons = _lessons(conn, activity_keys, start, end)
    pupil_keys = sorted({m.pupil_key for m in memberships})
    marks = _marks(conn, activity_keys, pupil_keys, start, end)
    reports = _reports(conn, pupil_keys, start, end)
    # Whole-lesson states are counted by (bucket, length, registered, state)
    # and multiplied out at the end; late, left early and unmarked pupils with
    # a report (the part it covers is valid) are summed as they come.
    counted: Counter[tuple[Bucket, int, bool, str | None]] = Counter()
    exact: dict[Bucket, list[int]] = defaultdict(lambda: [0] * 7)
    no_mark: Mark = (None, None, None)
    for item in lessons:
        offered: set[Key] = set()
        for group_key in groups_of[item.activity_key]:
            for member in members_of[group_key]:
                if member.start <= item.day and (member.end is None or item.day <= member.end):
                    offered.add(member.pupil_key)
        for pupil_key in offered:
            status, late, left = marks.get((item.key, pupil_key), no_mark)
            place = bucket(pupil_key, item)
            pupil_reports = reports.get(pupil_key, ())
            if status not in STATES_WITH_MINUTES and (status is not None or not pupil_reports):
                counted[(place, item.minutes, item.registered, status)] += 1
                continue
            figures = lesson_figures(
                start=item.start,
                end=item.end,
                registered=item.registered,
                status=status,
                late_minutes=late,
                left_early_minutes=left,
                reports=pupil_reports,
            )
            total = exact[place]
            for index, value in enumerate(figures):
                total[index] += value
    for (place, minutes, registered, status), times in counted.items():
        figures = whole_lesson_figures(minutes, registered, status)
        total = exact[place]
        for index, value in enumerate(figures):
            total[index] += value * times
    return {place: AttendanceSums(*values) for place, values in exact.items()}, lessons


def _order(pupil: PupilView) -> tuple[str, ...]:
    return (*name_sort_key(pupil.family_name, pupil.given_name), str(pupil.id))


def group_statistics(
    conn: Connection, group_id: uuid.UUID, start: dt.date, end: dt.date
) -> GroupStatistics | None:
    """Each pupil who was in the group some day of [start, end] (inclusive),
    counted over the lessons of the group's activities on their member days.
    None when the group is not in the cache."""
    found = conn.execute(
        select(group.c.display_name, school.c.name)
        .select_from(group.outerjoin(school, school.c.id == group.c.school_id))
        .where(group.c.id == group_id, live(group))
    ).first()
    if found is None:
        return None
    rows = conn.execute(
        select(
            _raw(membership.c.person_id),
            membership.c.start_date,
            membership.c.end_date,
            person.c.id,
            person.c.given_name,
            person.c.family_name,
            person.c.security_marking,
        )
        .select_from(membership.join(person, person.c.id == membership.c.person_id))
        .where(
            membership.c.group_id == group_id,
            live(membership),
            live(person),
            _overlapping(start, end),
        )
    ).all()
    group_key = group_id.hex
    memberships = [_Membership(group_key, r[0], r.start_date, r.end_date) for r in rows]
    pupils = {
        r[0]: PupilView(r.id, r.given_name, r.family_name, is_protected(r.security_marking))
        for r in rows
    }
    sums, lessons = _tally(conn, memberships, start, end, lambda pupil_key, _lesson: pupil_key)
    table = [PupilSums(pupil, sums.get(key, AttendanceSums())) for key, pupil in pupils.items()]
    table.sort(key=lambda row: _order(row.pupil))
    return GroupStatistics(
        group_id=group_id,
        group_name=found.display_name,
        school_name=found.name,
        start=start,
        end=end,
        pupils=tuple(table),
        lesson_count=len(lessons),
        registered_count=sum(1 for item in lessons if item.registered),
    )


def activity_attendance(
    conn: Connection, activity_id: uuid.UUID, start: dt.date, end: dt.date
) -> dict[uuid.UUID, AttendanceSums]:
    """Each pupil's sums over one activity's lessons (one subject, e.g. for the
    term grade's evidence: a term grade states the invalid absence)."""
    groups = conn.scalars(
        select(_raw(activity_group.c.group_id)).where(
            activity_group.c.activity_id == activity_id, live(activity_group)
        )
    ).all()
    rows = conn.execute(
        select(
            _raw(membership.c.group_id),
            _raw(membership.c.person_id),
            membership.c.start_date,
            membership.c.end_date,
            membership.c.person_id,
        ).where(_raw(membership.c.group_id).in_(groups), live(membership), _overlapping(start, end))
    ).all()
    memberships = [_Membership(r[0], r[1], r.start_date, r.end_date) for r in rows]
    ids = {r[1]: uuid.UUID(r[1]) for r in rows}  # the raw keys are 32 hex digits
    sums, _ = _tally(
        conn,
        memberships,
        start,
        end,
        lambda pupil_key, _lesson: pupil_key,
        only_activity=activity_id.hex,
    )
    return {ids[key]: value for key, value in sums.items()}


def pupil_attendance(
    conn: Connection, pupil_id: uuid.UUID, start: dt.date, end: dt.date
) -> PupilAttendance:
    """A pupil's sums over all their groups, week by week, and the guardian
    notices of the period."""
    rows = conn.execute(
        select(_raw(membership.c.group_id), membership.c.start_date, membership.c.end_date).where(
            membership.c.person_id == pupil_id, live(membership), _overlapping(start, end)
        )
    ).all()
    pupil_key = pupil_id.hex
    memberships = [_Membership(r[0], pupil_key, r.start_date, r.end_date) for r in rows]
    by_week: dict[Bucket, AttendanceSums] = {}
    if memberships:
        by_week, _lessons = _tally(conn, memberships, start, end, lambda _key, item: item.monday)
    total = AttendanceSums()
    for sums in by_week.values():
        total = total + sums
    return PupilAttendance(
        pupil_id=pupil_id,
        start=start,
        end=end,
        sums=total,
        weeks=_weeks(
            {monday: sums for monday, sums in by_week.items() if isinstance(monday, dt.date)}
        ),
        notices=_notices(conn, pupil_id, start, end),
    )


def _weeks(by_week: dict[dt.date, AttendanceSums]) -> tuple[WeekAbsence, ...]:
    """Every week from the first lesson to the last (a week without lessons
    shows as empty, not skipped: gaps are holidays a teacher recognises)."""
    if not by_week:
        return ()
    first, last = min(by_week), max(by_week)
    weeks = []
    monday = first
    while monday <= last:
        sums = by_week.get(monday, AttendanceSums())
        weeks.append(
            WeekAbsence(
                monday=monday,
                week=monday.isocalendar().week,
                reported=sums.reported,
                valid_absence=sums.valid_absence,
                invalid_absence=sums.invalid_absence,
            )
        )
        monday += dt.timedelta(days=7)
    return tuple(weeks)


def _notices(
    conn: Connection, pupil_id: uuid.UUID, start: dt.date, end: dt.date
) -> tuple[AbsenceNoticeView, ...]:
    rows = conn.execute(
        select(absence_notice)
        .where(
            absence_notice.c.pupil_id == pupil_id,
            absence_notice.c.notice_date >= start,
            absence_notice.c.notice_date <= end,
            live(absence_notice),
        )
        .order_by(absence_notice.c.notice_date.desc())
    ).mappings()
    return tuple(
        AbsenceNoticeView(
            id=row["id"],
            notice_date=row["notice_date"],
            state=row["state"],
            attempts=row["attempts"],
            sent_at=row["sent_at"],
            last_error=row["last_error"],
        )
        for row in rows
    )

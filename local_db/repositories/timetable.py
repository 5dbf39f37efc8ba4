"""Lessons of a period: the week view and the day's list."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import BindParameter, Connection, Uuid, bindparam, exists, func, select

from local_db.collation import swedish_key
from local_db.repositories._common import (
    activity,
    activity_group,
    activity_teacher,
    group,
    lesson,
    lesson_registration,
    live,
    person,
    require_utc,
)
from local_db.views import LessonView
from sync_protocol.sql_columns import UtcDateTime

# Statements are built once: the week view runs on every page change, and
# building a statement costs as much as running it on a week of lessons.
_MINE = exists().where(
    activity_teacher.c.activity_id == lesson.c.activity_id,
    activity_teacher.c.teacher_id == bindparam("teacher_id", type_=Uuid()),
    live(activity_teacher),
)
_REGISTERED = (
    select(func.max(lesson_registration.c.registered))
    .where(lesson_registration.c.lesson_id == lesson.c.id, live(lesson_registration))
    .scalar_subquery()
)
_LESSONS = (
    select(
        lesson.c.id,
        lesson.c.activity_id,
        lesson.c.start_time,
        lesson.c.end_time,
        lesson.c.room,
        lesson.c.cancelled,
        activity.c.display_name,
        activity.c.subject_name,
        _MINE.label("mine"),
        _REGISTERED.label("registered"),
    )
    .select_from(lesson.join(activity, activity.c.id == lesson.c.activity_id))
    .where(
        lesson.c.start_time >= bindparam("start", type_=UtcDateTime()),
        lesson.c.start_time < bindparam("end", type_=UtcDateTime()),
        live(lesson),
        live(activity),
    )
    .order_by(lesson.c.start_time, activity.c.display_name, lesson.c.id)
)
_MY_LESSONS = _LESSONS.where(_MINE)
_ACTIVITY_IDS: BindParameter[uuid.UUID] = bindparam("activity_ids", expanding=True)
_GROUP_NAMES = (
    select(activity_group.c.activity_id, group.c.display_name)
    .select_from(activity_group.join(group, group.c.id == activity_group.c.group_id))
    .where(activity_group.c.activity_id.in_(_ACTIVITY_IDS), live(activity_group), live(group))
)
_TEACHER_NAMES = (
    select(activity_teacher.c.activity_id, person.c.given_name, person.c.family_name)
    .select_from(activity_teacher.join(person, person.c.id == activity_teacher.c.teacher_id))
    .where(activity_teacher.c.activity_id.in_(_ACTIVITY_IDS), live(activity_teacher), live(person))
)


def lessons_between(
    conn: Connection,
    start: dt.datetime,
    end: dt.datetime,
    teacher_id: uuid.UUID,
    only_mine: bool,
) -> list[LessonView]:
    """Lessons that start in [start, end) (UTC-aware bounds), by start time.

    Cancelled lessons are included (the page shows them struck through).
    `mine`: the teacher is one of the activity's teachers; `only_mine`
    leaves out the other lessons of the teacher's groups.
    """
    require_utc(start, "start")
    require_utc(end, "end")
    rows = conn.execute(
        _MY_LESSONS if only_mine else _LESSONS,
        {"start": start, "end": end, "teacher_id": teacher_id},
    ).all()
    activity_ids = list({row[1] for row in rows})
    groups: dict[uuid.UUID, tuple[str, ...]] = {}
    teachers: dict[uuid.UUID, tuple[str, ...]] = {}
    if activity_ids:
        ids = {"activity_ids": activity_ids}
        groups = _by_activity(
            (r.activity_id, r.display_name) for r in conn.execute(_GROUP_NAMES, ids)
        )
        teachers = _by_activity(
            (r.activity_id, f"{r.given_name} {r.family_name}")
            for r in conn.execute(_TEACHER_NAMES, ids)
        )
    return [
        LessonView(
            id=row.id,
            activity_id=row.activity_id,
            activity_name=row.display_name,
            subject_name=row.subject_name,
            group_names=groups.get(row.activity_id, ()),
            start_time=row.start_time,
            end_time=row.end_time,
            room=row.room,
            cancelled=bool(row.cancelled),
            mine=bool(row.mine),
            teacher_names=teachers.get(row.activity_id, ()),
            registered=bool(row.registered),
        )
        for row in rows
    ]


def _by_activity(pairs: Iterable[tuple[uuid.UUID, str]]) -> dict[uuid.UUID, tuple[str, ...]]:
    names: dict[uuid.UUID, set[str]] = defaultdict(set)
    for activity_id, name in pairs:
        names[activity_id].add(name)
    return {key: tuple(sorted(value, key=swedish_key)) for key, value in names.items()}

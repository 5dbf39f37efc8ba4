"""The group list."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Connection, and_, exists, func, select

from local_db.collation import swedish_key
from local_db.repositories._common import (
    activity,
    activity_group,
    activity_teacher,
    group,
    live,
    membership,
    person,
    valid_on,
)
from local_db.views import GroupView


def groups_for_teacher(
    conn: Connection, teacher_id: uuid.UUID, on_date: dt.date
) -> list[GroupView]:
    """Groups in the cache that exist on `on_date`, with their size that day.

    The cache holds the groups the teacher's scope covers; `taught_by_me`
    tells those the teacher teaches through an activity of their own from
    those that reach them through co-teaching. Own groups first, then by
    school year and Swedish name order.
    """
    members = (
        select(func.count(func.distinct(membership.c.person_id)))
        .select_from(membership.join(person, person.c.id == membership.c.person_id))
        .where(
            membership.c.group_id == group.c.id,
            live(membership),
            valid_on(membership, on_date),
            live(person),
        )
        .scalar_subquery()
    )
    taught = exists().where(
        activity_group.c.group_id == group.c.id,
        live(activity_group),
        activity_teacher.c.activity_id == activity_group.c.activity_id,
        activity_teacher.c.teacher_id == teacher_id,
        live(activity_teacher),
        activity.c.id == activity_group.c.activity_id,
        live(activity),
    )
    query = select(
        group.c.id,
        group.c.display_name,
        group.c.group_type,
        group.c.school_year,
        members.label("pupil_count"),
        taught.label("taught_by_me"),
    ).where(and_(live(group), valid_on(group, on_date)))
    views = [
        GroupView(
            id=row.id,
            display_name=row.display_name,
            group_type=row.group_type,
            school_year=row.school_year,
            pupil_count=int(row.pupil_count or 0),
            taught_by_me=bool(row.taught_by_me),
        )
        for row in conn.execute(query)
    ]
    views.sort(
        key=lambda g: (
            not g.taught_by_me,
            g.school_year is None,
            g.school_year or 0,
            swedish_key(g.display_name),
            g.display_name,
        )
    )
    return views

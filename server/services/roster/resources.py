"""Scoped reads behind the resource endpoints (groups, members, lessons, persons).

Each function computes the caller's scope and reads in the same snapshot,
and answers None (the route says 404) for anything outside it, so a foreign
id looks exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, RowMapping, or_, select

from server.db import read_transaction
from server.services.access.scope import TeacherScope, compute_scope
from server.tables import synced
from sync_protocol.entities import REGISTRY

Row = dict[str, Any]


@dataclass(frozen=True)
class Caller:
    role: str
    person_id: uuid.UUID | None
    today: dt.date


def _registry_values(kind: str, row: RowMapping) -> Row:
    """The id and registry fields only: server-only columns never leave."""
    values: Row = {"id": row["id"]}
    protected = kind == "person" and bool(row.get("contact_protected"))
    for spec in REGISTRY[kind].fields:
        values[spec.name] = None if protected and spec.contact else row[spec.name]
    if kind == "person":
        values["protected"] = row["security_marking"] != "none"
        values["contact_withheld"] = protected
    return values


def _scope(conn: Any, caller: Caller) -> TeacherScope:
    return compute_scope(conn, role=caller.role, person_id=caller.person_id, today=caller.today)


def list_groups(engine: Engine, caller: Caller) -> list[Row]:
    group = synced["group"]
    with read_transaction(engine) as conn:
        scope = _scope(conn, caller)
        if not scope.groups:
            return []
        rows = conn.execute(
            select(group)
            .where(group.c.id.in_(sorted(scope.groups)), group.c.deleted.is_(False))
            .order_by(group.c.display_name, group.c.id)
        ).mappings()
        return [_registry_values("group", row) for row in rows]


def get_group(engine: Engine, caller: Caller, group_id: uuid.UUID) -> Row | None:
    group = synced["group"]
    with read_transaction(engine) as conn:
        scope = _scope(conn, caller)
        if group_id not in scope.groups:
            return None
        row = (
            conn.execute(select(group).where(group.c.id == group_id, group.c.deleted.is_(False)))
            .mappings()
            .first()
        )
        return None if row is None else _registry_values("group", row)


def group_members(
    engine: Engine, caller: Caller, group_id: uuid.UUID, on: dt.date
) -> list[Row] | None:
    """Pupils of a group on a day (membership dates inclusive); None if not in scope.

    Only pupils in P are listed, even for a day outside the current term:
    a teacher sees this term's pupils, not everyone who ever was in the group.
    """
    membership = synced["group_membership"]
    person = synced["person"]
    with read_transaction(engine) as conn:
        scope = _scope(conn, caller)
        if group_id not in scope.groups or not scope.pupils:
            return None if group_id not in scope.groups else []
        rows = conn.execute(
            select(
                membership.c.id.label("membership_id"),
                membership.c.start_date.label("membership_start"),
                membership.c.end_date.label("membership_end"),
                person,
            )
            .join(person, person.c.id == membership.c.person_id)
            .where(
                membership.c.group_id == group_id,
                membership.c.deleted.is_(False),
                membership.c.person_id.in_(sorted(scope.pupils)),
                membership.c.start_date <= on,
                or_(membership.c.end_date.is_(None), membership.c.end_date >= on),
                person.c.deleted.is_(False),
            )
            .order_by(person.c.family_name, person.c.given_name, person.c.id)
        ).mappings()
        return [
            {
                "membership_id": row["membership_id"],
                "start_date": row["membership_start"],
                "end_date": row["membership_end"],
                "pupil": _registry_values("person", row),
            }
            for row in rows
        ]


def lessons_between(
    engine: Engine, caller: Caller, start: dt.datetime, end: dt.datetime
) -> list[Row]:
    """Lessons of the activities in scope that overlap [start, end)."""
    lesson = synced["lesson"]
    with read_transaction(engine) as conn:
        scope = _scope(conn, caller)
        if not scope.activities:
            return []
        rows = conn.execute(
            select(lesson)
            .where(
                lesson.c.activity_id.in_(sorted(scope.activities)),
                lesson.c.deleted.is_(False),
                lesson.c.start_time < end,
                lesson.c.end_time > start,
            )
            .order_by(lesson.c.start_time, lesson.c.id)
        ).mappings()
        return [_registry_values("lesson", row) for row in rows]


def get_person(engine: Engine, caller: Caller, person_id: uuid.UUID) -> Row | None:
    person = synced["person"]
    with read_transaction(engine) as conn:
        scope = _scope(conn, caller)
        if person_id not in scope.persons:
            return None
        row = (
            conn.execute(
                select(person).where(person.c.id == person_id, person.c.deleted.is_(False))
            )
            .mappings()
            .first()
        )
        return None if row is None else _registry_values("person", row)


def list_activities(engine: Engine, caller: Caller) -> list[Row]:
    """Activities in scope with their groups (those in scope) and teachers."""
    activity = synced["activity"]
    activity_group = synced["activity_group"]
    activity_teacher = synced["activity_teacher"]
    with read_transaction(engine) as conn:
        scope = _scope(conn, caller)
        if not scope.activities:
            return []
        ids = sorted(scope.activities)
        rows = conn.execute(
            select(activity)
            .where(activity.c.id.in_(ids))
            .order_by(activity.c.display_name, activity.c.id)
        ).mappings()
        result = {row["id"]: _registry_values("activity", row) for row in rows}
        for value in result.values():
            value["group_ids"], value["teacher_ids"] = [], []
        for activity_id, group_id in conn.execute(
            select(activity_group.c.activity_id, activity_group.c.group_id)
            .where(activity_group.c.activity_id.in_(ids), activity_group.c.deleted.is_(False))
            .order_by(activity_group.c.group_id)
        ):
            # An activity may also include a group the caller does not teach;
            # its id is not theirs to see.
            if group_id in scope.groups:
                result[activity_id]["group_ids"].append(group_id)
        for activity_id, teacher_id in conn.execute(
            select(activity_teacher.c.activity_id, activity_teacher.c.teacher_id)
            .where(activity_teacher.c.activity_id.in_(ids), activity_teacher.c.deleted.is_(False))
            .order_by(activity_teacher.c.teacher_id)
        ):
            result[activity_id]["teacher_ids"].append(teacher_id)
        return list(result.values())

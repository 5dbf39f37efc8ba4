"""SS 12000 groups, activities and calendar events as Klassbok sees them.

A group's groupMemberships are all of its members: a stored membership of
the group that the list leaves out has ended and is removed. An activity's
groups and teachers (given as duties) are likewise complete. A calendar
event is a lesson, its times stored in UTC.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from server.services.imports.csv_plan import derived_external_id
from server.services.ss12000_import.context import Context
from server.services.ss12000_import.reading_roster import where

#: Klassbok has four group types; staff groups (Personalgrupp) are read past.
GROUP_TYPES: Mapping[str, str | None] = {
    "Klass": "class",
    "Undervisning": "teaching",
    "Mentor": "mentor",
    "Provgrupp": "other",
    "Schema": "other",
    "Avdelning": "other",
    "Övrigt": "other",
    "Personalgrupp": None,
}
ACTIVITY_TYPES: Mapping[str, str] = {
    "Undervisning": "teaching",
    "Elevaktivitet": "pupil_activity",
    "Provaktivitet": "other",
    "Läraraktivitet": "other",
    "Övrigt": "other",
}


def read_groups(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    kept = [obj for obj in objects if GROUP_TYPES[obj["groupType"]] is not None]
    for obj in kept:
        ctx.claim("group", obj["id"])
    for obj in kept:
        at = where("groups", obj)
        row_id = ctx.claimed["group"][obj["id"]]
        start, end = ctx.dates(obj, at)
        values: dict[str, Any] = {
            "external_id": obj["id"],
            "school_id": ctx.resolve("school", obj["organisation"], f"{at} organisation"),
            "display_name": ctx.text(obj, "displayName", 100, at),
            "group_type": GROUP_TYPES[obj["groupType"]],
            "start_date": start,
            "end_date": end,
        }
        ctx.want("group", obj["id"], row_id, at, values)
        wanted = _memberships(ctx, obj, row_id, at)
        # The list is all of the group's members: a stored membership it
        # leaves out has ended.
        for stored in ctx.stored.by_kind["group_membership"]:
            if stored.values["group_id"] == row_id and stored.id not in wanted:
                ctx.plan.deleted["group_membership"].add(stored.id)


def _memberships(
    ctx: Context, group: dict[str, Any], group_id: uuid.UUID, at: str
) -> set[uuid.UUID]:
    wanted: set[uuid.UUID] = set()
    for index, membership in enumerate(group.get("groupMemberships") or ()):
        here = f"{at} groupMemberships[{index}]"
        person_id = ctx.resolve("person", membership["person"], f"{here}.person")
        # Without its own dates a membership lasts as long as the group.
        start, end = ctx.dates(membership, here)
        start = start or ctx.date(group, "startDate", at)
        if person_id is None or start is None:
            continue
        external_id = derived_external_id(
            group["id"], membership["person"]["id"], start.isoformat()
        )
        if external_id in ctx.claimed["group_membership"]:
            ctx.fail(here, f"the person is already a member from {start}")
            continue
        row_id = ctx.claim("group_membership", external_id)
        wanted.add(row_id)
        values = {
            "external_id": external_id,
            "group_id": group_id,
            "person_id": person_id,
            "start_date": start,
            "end_date": end,
        }
        ctx.want("group_membership", external_id, row_id, here, values)
    return wanted


def _subject(ctx: Context, activity: Mapping[str, Any], at: str) -> tuple[Any, Any]:
    syllabus = activity.get("syllabus")
    if not isinstance(syllabus, dict):
        return None, None
    found = ctx.lookups.syllabuses.get(syllabus["id"])
    if found is None:
        ctx.fail(
            f"{at} syllabus", f"refers to the syllabus {syllabus['id']}, which no run has read"
        )
        return None, None
    return found[0], found[1]


def read_activities(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    for obj in objects:
        ctx.claim("activity", obj["id"])
    for obj in objects:
        at = where("activities", obj)
        row_id = ctx.claimed["activity"][obj["id"]]
        start, end = ctx.dates(obj, at)
        code, name = _subject(ctx, obj, at)
        values: dict[str, Any] = {
            "external_id": obj["id"],
            "school_id": ctx.resolve("school", obj["organisation"], f"{at} organisation"),
            "display_name": ctx.text(obj, "displayName", 100, at),
            "subject_code": code,
            "subject_name": name,
            "activity_type": ACTIVITY_TYPES[obj.get("activityType") or "Undervisning"],
            "start_date": start,
            "end_date": end,
        }
        ctx.want("activity", obj["id"], row_id, at, values)
        for kind in ("activity_group", "activity_teacher"):
            ctx.plan.link_parents[kind].add(row_id)
        for index, ref in enumerate(obj["groups"]):
            group_id = ctx.resolve("group", ref, f"{at} groups[{index}]")
            if group_id is not None:
                link = {"activity_id": row_id, "group_id": group_id}
                _want_link(ctx, "activity_group", (row_id, group_id), at, link)
        graders: dict[uuid.UUID, bool] = {}
        for index, assignment in enumerate(obj.get("teachers") or ()):
            here = f"{at} teachers[{index}].duty"
            person = ctx.lookups.duties.get(assignment["duty"]["id"])
            if person is None:
                ctx.fail(
                    here, f"refers to the duty {assignment['duty']['id']}, which no run has read"
                )
                continue
            teacher_id = ctx.resolve("person", {"id": person}, here)
            if teacher_id is not None:
                # Two duties of one teacher: a grader if either grades.
                graders[teacher_id] = graders.get(teacher_id, False) or assignment.get(
                    "grader", True
                )
        for teacher_id, grader in graders.items():
            teacher: dict[str, Any] = {"activity_id": row_id, "teacher_id": teacher_id}
            teacher["grader"] = bool(grader)
            _want_link(ctx, "activity_teacher", (row_id, teacher_id), at, teacher)


def _want_link(
    ctx: Context, kind: str, pair: tuple[uuid.UUID, uuid.UUID], at: str, values: dict[str, Any]
) -> None:
    stored = ctx.stored.by_pair[kind].get(pair)
    ctx.want(kind, pair, stored.id if stored is not None else uuid.uuid4(), at, values)


def read_calendar_events(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    for obj in objects:
        at = where("calendarEvents", obj)
        row_id = ctx.claim("lesson", obj["id"])
        start = ctx.moment(obj, "startTime", at)
        end = ctx.moment(obj, "endTime", at)
        if start is not None and end is not None and end <= start:
            ctx.fail(at, f"endTime {obj['endTime']} is not after startTime {obj['startTime']}")
        rooms = [room.get("displayName") for room in obj.get("rooms") or ()]
        room = ", ".join(name for name in rooms if isinstance(name, str) and name) or None
        values: dict[str, Any] = {
            "external_id": obj["id"],
            "activity_id": ctx.resolve("activity", obj["activity"], f"{at} activity"),
            "start_time": start,
            "end_time": end,
            "room": ctx.text({"rooms": room}, "rooms", 50, at),
            "cancelled": bool(obj.get("cancelled", False)),
            "comment": ctx.text(obj, "comment", 500, at),
        }
        ctx.want("lesson", obj["id"], row_id, at, values)

"""Scoped read-only resources: groups, members, lessons, persons, activities.

Anything outside the caller's scope answers 404 not_found, exactly like an
id that does not exist.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from server.api.deps import CallerDep, EngineDep
from server.api.errors import ApiError, not_found
from server.api.schemas import ActivityOut, GroupOut, LessonOut, MemberOut, PersonOut
from server.services.roster import resources
from sync_protocol.wire import BoundedDate, BoundedDatetime, ErrorBody

router = APIRouter(
    tags=["resources"],
    responses={
        401: {"model": ErrorBody, "description": "not_authenticated, token_invalid, token_expired"},
        422: {"model": ErrorBody, "description": "invalid_request"},
    },
)
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "not_found (also for ids outside your scope)"}
}
#: Lessons are asked for a week or a term at a time; a wider window is a mistake.
MAX_LESSON_WINDOW = dt.timedelta(days=400)


@router.get("/groups", response_model=list[GroupOut])
def list_groups(caller: CallerDep, engine: EngineDep) -> list[dict[str, Any]]:
    """The groups you teach."""
    return resources.list_groups(engine, caller)


@router.get("/groups/{group_id}", response_model=GroupOut, responses=_NOT_FOUND)
def get_group(group_id: uuid.UUID, caller: CallerDep, engine: EngineDep) -> dict[str, Any]:
    group = resources.get_group(engine, caller, group_id)
    if group is None:
        raise not_found("group")
    return group


@router.get("/groups/{group_id}/members", response_model=list[MemberOut], responses=_NOT_FOUND)
def group_members(
    group_id: uuid.UUID,
    caller: CallerDep,
    engine: EngineDep,
    on: Annotated[
        BoundedDate | None, Query(description="The day (YYYY-MM-DD); default today.")
    ] = None,
) -> list[dict[str, Any]]:
    """The group's pupils on a day, by their membership dates (both inclusive)."""
    members = resources.group_members(engine, caller, group_id, on or caller.today)
    if members is None:
        raise not_found("group")
    return members


@router.get("/lessons", response_model=list[LessonOut])
def lessons(
    caller: CallerDep,
    engine: EngineDep,
    start: Annotated[BoundedDatetime, Query(description="ISO 8601 with time zone, inclusive.")],
    end: Annotated[BoundedDatetime, Query(description="ISO 8601 with time zone, exclusive.")],
) -> list[dict[str, Any]]:
    """Lessons of your groups' activities that overlap [start, end)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ApiError(422, "invalid_request", "start and end need a time zone (e.g. Z).")
    if not start < end <= start + MAX_LESSON_WINDOW:
        raise ApiError(
            422, "invalid_request", "end must be after start, and at most 400 days after it."
        )
    return resources.lessons_between(engine, caller, start, end)


@router.get("/persons/{person_id}", response_model=PersonOut, responses=_NOT_FOUND)
def get_person(person_id: uuid.UUID, caller: CallerDep, engine: EngineDep) -> dict[str, Any]:
    """A pupil, guardian or teacher you may see; contact data withheld when protected."""
    person = resources.get_person(engine, caller, person_id)
    if person is None:
        raise not_found("person")
    return person


@router.get("/activities", response_model=list[ActivityOut])
def list_activities(caller: CallerDep, engine: EngineDep) -> list[dict[str, Any]]:
    """Activities that include a group you teach, with their teachers."""
    return resources.list_activities(engine, caller)

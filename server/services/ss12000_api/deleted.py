"""SS 12000 deletedEntities for the published kinds: the ids of attendances,
absences and grades removed since a time.

Klassbok deletes by tombstone (deleted = true, a new seq and modified_at),
so a removal is a row like any change; a term grade cleared again (no
grade) counts as removed too, since /grades lists set grades only. Pages go
kind by kind, each by (seq, id).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, and_, or_, select

from server.services.ss12000_api.paging import (
    BadRequest,
    ListRequest,
    encode_token,
    parse_datetime,
)
from server.tables import synced

KIND = "deletedEntities"
SUPPORTED = ("after", "entities")
#: SS 12000 object type -> (its list in the answer, the scope that reads it, table).
PUBLISHED: dict[str, tuple[str, str, Table]] = {
    "Attendance": ("attendances", "attendances", synced["attendance"]),
    "Absence": ("absences", "absences", synced["absence_report"]),
    "Grade": ("grades", "grades", synced["term_grade"]),
}
#: The standard's other object types: Klassbok publishes none of them.
OTHER_TYPES = (
    "AttendanceEvent",
    "CalendarEvent",
    "AttendanceSchedule",
    "Resource",
    "Room",
    "Activity",
    "Duty",
    "Placement",
    "StudyPlan",
    "Programme",
    "Syllabus",
    "SchoolUnitOffering",
    "Group",
    "Person",
    "Organisation",
)


def requested_types(filters: dict[str, Any], scopes: Sequence[str]) -> list[str]:
    """The object types to list: those asked for, or all the client may read."""
    raw = filters.get("entities")
    if raw is None:
        return [name for name, (_, scope, _) in PUBLISHED.items() if scope in scopes]
    asked = [part for value in raw for part in str(value).split(",") if part]
    unknown = [name for name in asked if name not in PUBLISHED and name not in OTHER_TYPES]
    if unknown:
        raise BadRequest(f"entities has unknown object types {', '.join(unknown)}.")
    others = [name for name in asked if name in OTHER_TYPES]
    if others:
        raise BadRequest(
            f"Klassbok publishes no {', '.join(others)}; deletedEntities lists "
            f"{', '.join(PUBLISHED)}."
        )
    return [name for name in PUBLISHED if name in asked]


def _removed(table: Table) -> Any:
    if table is synced["term_grade"]:
        return or_(table.c.deleted.is_(True), table.c.grade.is_(None))
    return table.c.deleted.is_(True)


def list_deleted(
    conn: Connection, request: ListRequest, types: Sequence[str]
) -> tuple[dict[str, list[str]], str | None]:
    filters = request.filters
    after_time = parse_datetime("after", filters["after"]) if "after" in filters else None
    start_type, cursor = 0, None
    if request.after is not None:
        try:
            start_type = int(request.after[0])
            cursor = (int(request.after[1]), uuid.UUID(str(request.after[2])))
        except (ValueError, TypeError, IndexError) as exc:
            raise BadRequest("The pageToken is not one this server gave.") from exc
    data: dict[str, list[str]] = {PUBLISHED[name][0]: [] for name in types}
    room = request.limit
    for index, name in enumerate(types):
        if index < start_type:
            continue
        table = PUBLISHED[name][2]
        query = select(table.c.id, table.c.seq).where(_removed(table))
        if after_time is not None:
            query = query.where(table.c.modified_at > after_time)
        if cursor is not None and index == start_type:
            seq, row_id = cursor
            query = query.where(
                or_(table.c.seq > seq, and_(table.c.seq == seq, table.c.id > row_id))
            )
        rows = conn.execute(query.order_by(table.c.seq, table.c.id).limit(room + 1)).all()
        data[PUBLISHED[name][0]].extend(str(row.id) for row in rows[:room])
        if len(rows) > room:
            last = rows[room - 1]
            return data, encode_token(KIND, filters, [index, last.seq, str(last.id)])
        room -= len(rows)
        if room == 0:
            # Full exactly: the next page starts at the next kind, if any is left.
            if index + 1 < len(types):
                return data, encode_token(KIND, filters, [index + 1, -1, str(uuid.UUID(int=0))])
            return data, None
    return data, None

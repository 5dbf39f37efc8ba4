"""Short human labels for records: "Alva Ahlberg – Prov 1".

Conflicts, notices and refused edits name the record they are about the way
a teacher knows it: the pupil, and the assessment, lesson or plan. Labels
degrade gracefully when the cache lacks a part (a record deleted meanwhile,
a pupil outside the teacher's groups).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, select

from local_db.schema import synced

#: What a record is called when nothing better is known.
KIND_NAMES = {
    "attendance": "attendance",
    "lesson_registration": "roll call",
    "planning_unit": "unit plan",
    "lesson_plan": "lesson plan",
    "assessment": "assessment",
    "assessment_result": "result",
    "pupil_note": "note",
    "support_adjustment": "extra adjustment",
    "action_programme_ref": "action programme",
    "term_grade": "term grade",
    "sync_conflict": "conflict",
}


def _row(conn: Connection, kind: str, record_id: uuid.UUID | None) -> dict[str, Any] | None:
    if record_id is None:
        return None
    table = synced[kind]
    found = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    return None if found is None else dict(found)


def person_name(conn: Connection, person_id: uuid.UUID | None) -> str | None:
    row = _row(conn, "person", person_id)
    return None if row is None else f"{row['given_name']} {row['family_name']}"


def _activity_name(conn: Connection, activity_id: uuid.UUID | None) -> str | None:
    row = _row(conn, "activity", activity_id)
    return None if row is None else str(row["display_name"])


def _lesson_title(conn: Connection, lesson_id: uuid.UUID | None, activity: str | None) -> str:
    lesson = _row(conn, "lesson", lesson_id)
    if lesson is None:
        return activity or "a lesson"
    day = lesson["start_time"].date().isoformat()
    return f"{activity or 'lesson'} {day}"


def _title(conn: Connection, kind: str, row: dict[str, Any], activity: str | None) -> str:
    if kind in ("attendance", "lesson_registration", "lesson_plan"):
        return _lesson_title(conn, row.get("lesson_id"), activity)
    if kind in ("assessment", "planning_unit"):
        return str(row.get("title") or KIND_NAMES[kind])
    if kind == "assessment_result":
        assessment = _row(conn, "assessment", row.get("assessment_id"))
        return str(assessment["title"]) if assessment else KIND_NAMES[kind]
    if kind == "term_grade":
        return f"{activity or 'grade'} {row.get('term', '')}".strip()
    if kind == "pupil_note":
        return f"note, {activity}" if activity else "note"
    return KIND_NAMES.get(kind, kind.replace("_", " "))


def describe(
    conn: Connection,
    kind: str,
    record_id: uuid.UUID,
    *,
    pupil_id: uuid.UUID | None = None,
    activity_id: uuid.UUID | None = None,
) -> tuple[str, str | None]:
    """(label, pupil name) of a record of a client-writable kind."""
    row = _row(conn, kind, record_id) if kind in synced else None
    pupil = pupil_id or (row or {}).get("pupil_id")
    activity = _activity_name(conn, activity_id or (row or {}).get("activity_id"))
    title = (
        _title(conn, kind, row, activity)
        if row is not None
        else (activity or KIND_NAMES.get(kind, kind))
    )
    name = person_name(conn, pupil)
    return (f"{name} – {title}" if name else title), name

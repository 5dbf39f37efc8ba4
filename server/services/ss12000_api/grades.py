"""SS 12000 Grade: a term grade (terminsbetyg) once a teacher has set it.

Published from Klassbok's term grades, by their ids (name-based on activity,
pupil and term: the same in every run). gradeValue is the grade step (A-F,
or "-" when there was no basis); semester and year come from the term code
(HT2026). gradingTeacher and registeredBy are the teacher who set the grade
last, or, for a grade an import or the server wrote, the activity's grading
teacher. registeredDate is the Swedish day it was set. finalGrade is false:
Klassbok keeps term grades, not final grades (slutbetyg).

syllabus: Klassbok does not hold the student information system's syllabus
objects, so the reference is an id Klassbok derives from the activity's
subject code (the same for every activity of the subject, in every run).
A grade cleared again (no grade) leaves the list and is named by
/deletedEntities, like a deleted one.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, select

from server.services.notices.absence_notices import school_day
from server.services.ss12000_api.paging import (
    META_FILTERS,
    ListRequest,
    meta,
    meta_conditions,
    page_of,
    parse_bool,
    parse_uuid,
    seq_after,
)
from server.services.ss12000_api.references import References
from server.tables import synced

KIND = "grades"
SUPPORTED = ("student", *META_FILTERS, "expandReferenceNames")
NOT_SUPPORTED = (
    "organisation",
    "registeredBy",
    "gradingTeacher",
    "registeredDate.onOrAfter",
    "registeredDate.onOrBefore",
    "sortkey",
)
#: Klassbok's ids of subjects as SS 12000 syllabus references.
SYLLABUS_NAMESPACE = uuid.UUID("5d0c6a3e-2f61-4b5e-9c3a-6a1e7f0b2d44")

_GRADE = synced["term_grade"]
_ACTIVITY = synced["activity"]
_TEACHER = synced["activity_teacher"]


def syllabus_id(subject_key: str) -> uuid.UUID:
    return uuid.uuid5(SYLLABUS_NAMESPACE, f"syllabus/{subject_key}")


def _query() -> Any:
    return (
        select(
            _GRADE,
            _ACTIVITY.c.school_id,
            _ACTIVITY.c.subject_code,
            _ACTIVITY.c.subject_name,
            _ACTIVITY.c.display_name.label("activity_name"),
        )
        .select_from(_GRADE.join(_ACTIVITY, _ACTIVITY.c.id == _GRADE.c.activity_id))
        .where(_GRADE.c.deleted.is_(False), _GRADE.c.grade.is_not(None))
    )


def _graders(conn: Connection, activity_ids: set[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Each activity's grading teacher (the first by id when there are several)."""
    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if activity_ids:
        rows = conn.execute(
            select(_TEACHER.c.activity_id, _TEACHER.c.teacher_id).where(
                _TEACHER.c.activity_id.in_(sorted(activity_ids, key=str)),
                _TEACHER.c.grader.is_(True),
                _TEACHER.c.deleted.is_(False),
            )
        )
        for activity_id, teacher_id in rows:
            found[activity_id].append(teacher_id)
    return {activity: min(teachers, key=str) for activity, teachers in found.items()}


def _publish(conn: Connection, rows: Sequence[Row[Any]], expand: bool) -> list[dict[str, Any]]:
    graders = _graders(conn, {row.activity_id for row in rows})
    setters = {
        row.id: row.modified_by or row.created_by or graders.get(row.activity_id) for row in rows
    }
    refs = References(conn, expand)
    refs.load(
        people=[*(row.pupil_id for row in rows), *(p for p in setters.values() if p)],
        schools=[row.school_id for row in rows],
    )
    published = []
    for row in rows:
        subject = row.subject_code or row.subject_name or row.activity_name
        syllabus: dict[str, Any] = {"id": str(syllabus_id(subject))}
        if expand:
            syllabus["displayName"] = row.subject_name or row.activity_name
        item: dict[str, Any] = {
            "id": str(row.id),
            "meta": meta(row.created_at, row.modified_at),
            "student": refs.person(row.pupil_id),
            "organisation": refs.school(row.school_id),
            "registeredDate": school_day(row.modified_at or row.created_at).isoformat(),
            "gradeValue": row.grade,
            "finalGrade": False,
            "trial": False,
            "converted": False,
            # Required by the standard; Klassbok records no adapted study plan.
            "adaptedStudyPlan": "",
            "semester": row.term[:2],
            "year": int(row.term[2:]),
            "syllabus": syllabus,
        }
        setter = setters[row.id]
        if setter is not None:
            item["registeredBy"] = refs.person(setter)
            item["gradingTeacher"] = refs.person(setter)
        published.append(item)
    return published


def list_grades(conn: Connection, request: ListRequest) -> tuple[list[dict[str, Any]], str | None]:
    filters = request.filters
    query = _query().where(*meta_conditions(_GRADE, filters), *seq_after(_GRADE, request.after))
    if "student" in filters:
        query = query.where(_GRADE.c.pupil_id == parse_uuid("student", filters["student"]))
    expand = parse_bool("expandReferenceNames", filters.get("expandReferenceNames", "false"))
    rows = conn.execute(query.order_by(_GRADE.c.seq, _GRADE.c.id).limit(request.limit + 1)).all()
    kept, token = page_of(KIND, request, rows, lambda row: [row.seq, str(row.id)])
    return _publish(conn, kept, expand), token


def get_grade(conn: Connection, grade_id: uuid.UUID, *, expand: bool) -> dict[str, Any] | None:
    row = conn.execute(_query().where(_GRADE.c.id == grade_id)).first()
    return None if row is None else _publish(conn, [row], expand)[0]

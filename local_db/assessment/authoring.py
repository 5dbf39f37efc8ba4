"""Making assessments and criteria matrices, and copying a matrix as a template.

A template is copied, never shared: the copy (save_matrix with
`template_of`) gets an id of its own and `template_of` says where it came
from, so a change to one group's matrix never reaches another group's
results.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from local_db.edits import InvalidEdit, save_record
from local_db.repositories._common import activity, activity_teacher, live
from local_db.schema import synced
from sync_protocol.assessment_documents import (
    Criterion,
    DocumentError,
    ValueWords,
    dump_criteria,
    dump_value_words,
    parse_criteria,
    parse_value_words,
)
from sync_protocol.grading_rules import GUIDANCE_LIMIT_FIELDS

criteria_matrix = synced["criteria_matrix"]


@dataclass(frozen=True)
class AssessmentDraft:
    """What the new-assessment dialog asks for."""

    title: str
    assessment_type: str
    date: dt.date | None
    scale: str
    description: str = ""
    max_points: int | None = None
    #: E, C, A limits on a points test (guidance only), None where not set.
    limits: tuple[int | None, int | None, int | None] = (None, None, None)
    matrix_id: uuid.UUID | None = None


@dataclass(frozen=True)
class MatrixChoice:
    id: uuid.UUID
    activity_id: uuid.UUID
    title: str
    activity_name: str
    subject: str
    year_band: str
    criteria: tuple[Criterion, ...]
    #: Where it started in the curriculum catalogue (code, version), if there.
    source_subject: str | None = None
    source_version: int | None = None
    value_words: ValueWords = field(default_factory=dict)


#: What draft_problem names, for the dialog to say in the teacher's words.
TITLE, MAX_POINTS_MISSING, LIMIT_ABOVE_MAXIMUM, LIMITS_OUT_OF_ORDER, MATRIX_MISSING = (
    "title",
    "max_points",
    "limit_above_maximum",
    "limits_out_of_order",
    "matrix",
)


def draft_problem(draft: AssessmentDraft) -> str | None:
    """What is wrong with a draft (one of the names above), or None. The dialog
    and create_assessment both ask this, so the rules are in one place."""
    if not draft.title.strip():
        return TITLE
    if draft.scale == "points":
        if draft.max_points is None or draft.max_points < 1:
            return MAX_POINTS_MISSING
        set_limits = [limit for limit in draft.limits if limit is not None]
        if any(limit > draft.max_points for limit in set_limits):
            return LIMIT_ABOVE_MAXIMUM
        if set_limits != sorted(set_limits):
            return LIMITS_OUT_OF_ORDER
    if draft.scale == "matrix" and draft.matrix_id is None:
        return MATRIX_MISSING
    return None


def create_assessment(
    conn: Connection,
    activity_id: uuid.UUID,
    draft: AssessmentDraft,
    *,
    actor: uuid.UUID | None,
    record_id: uuid.UUID | None = None,
) -> uuid.UUID:
    problem = draft_problem(draft)
    if problem is not None:
        raise InvalidEdit(f"assessment.{problem}: not valid for this scale", problem)
    record = record_id or uuid.uuid4()
    values: dict[str, object] = {
        "activity_id": activity_id,
        "title": draft.title.strip(),
        "description": draft.description.strip(),
        "assessment_type": draft.assessment_type,
        "assessment_date": draft.date,
        "scale_kind": draft.scale,
        "published": False,
    }
    if draft.scale == "points":
        values["max_points"] = draft.max_points
        values.update(dict(zip(GUIDANCE_LIMIT_FIELDS, draft.limits, strict=True)))
    if draft.scale == "matrix":
        values["criteria_matrix_id"] = draft.matrix_id
    save_record(conn, "assessment", record, values, actor=actor)
    return record


def save_matrix(
    conn: Connection,
    activity_id: uuid.UUID,
    *,
    title: str,
    subject: str,
    year_band: str,
    rows: Sequence[Criterion],
    actor: uuid.UUID | None,
    record_id: uuid.UUID | None = None,
    template_of: uuid.UUID | None = None,
    source: tuple[str, int] | None = None,
    value_words: ValueWords | None = None,
) -> uuid.UUID:
    """Create a matrix, or change the title and rows of one (record_id given).

    A new matrix started from the catalogue (or copied from one that was)
    keeps `source`, the subject code and version, and the value words of its
    rows; both are set once, when it is made."""
    text = dump_criteria(list(rows))
    try:
        parse_criteria(text)  # the same check the server makes
    except DocumentError as exc:
        raise InvalidEdit(f"criteria_matrix.criteria: {exc}", "criteria") from None
    record = record_id or uuid.uuid4()
    exists = conn.execute(
        select(criteria_matrix.c.id).where(criteria_matrix.c.id == record, live(criteria_matrix))
    ).first()
    values: dict[str, object] = {"title": title.strip(), "criteria": text}
    if exists is None:
        values.update(
            activity_id=activity_id,
            subject=subject.strip(),
            year_band=year_band.strip(),
            template_of=template_of,
        )
        if source is not None:
            values.update(source_subject=source[0], source_version=source[1])
        kept = {row.id for row in rows}
        words = dump_value_words({k: v for k, v in (value_words or {}).items() if k in kept})
        try:
            parse_value_words(words)  # the same check the server makes
        except DocumentError as exc:
            raise InvalidEdit(f"criteria_matrix.value_words: {exc}", "value_words") from None
        if words:
            values["value_words"] = words
    save_record(conn, "criteria_matrix", record, values, actor=actor)
    return record


def matrices_for_teacher(conn: Connection, teacher_id: uuid.UUID | None) -> list[MatrixChoice]:
    """Every matrix of the teacher's activities: templates to copy, newest groups first."""
    query = select(
        criteria_matrix.c.id,
        criteria_matrix.c.title,
        criteria_matrix.c.subject,
        criteria_matrix.c.year_band,
        criteria_matrix.c.criteria,
        criteria_matrix.c.activity_id,
        criteria_matrix.c.source_subject,
        criteria_matrix.c.source_version,
        criteria_matrix.c.value_words,
        activity.c.display_name,
    ).join(activity, activity.c.id == criteria_matrix.c.activity_id)
    query = query.where(live(criteria_matrix))
    if teacher_id is not None:
        query = query.where(
            criteria_matrix.c.activity_id.in_(
                select(activity_teacher.c.activity_id).where(
                    activity_teacher.c.teacher_id == teacher_id, live(activity_teacher)
                )
            )
        )
    choices = []
    for row in conn.execute(query):
        try:
            rows = tuple(parse_criteria(row.criteria or ""))
        except DocumentError:
            rows = ()
        try:
            words = parse_value_words(row.value_words or "")
        except DocumentError:
            words = {}
        choices.append(
            MatrixChoice(
                id=row.id,
                activity_id=row.activity_id,
                title=row.title,
                activity_name=row.display_name,
                subject=row.subject,
                year_band=row.year_band,
                criteria=rows,
                source_subject=row.source_subject,
                source_version=row.source_version,
                value_words=words,
            )
        )
    return sorted(choices, key=lambda m: (m.title.casefold(), m.activity_name, str(m.id)))

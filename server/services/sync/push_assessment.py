"""The write rules of assessment records in a push (issue 10).

A value must fit its assessment's scale, a matrix level must name one of the
matrix's criteria, a matrix keeps the criteria results hold levels for, "–"
is given only as the grade rules say, and a term grade of a locked term does
not change. Every refusal says why in English (the app shows it with its
Swedish translation). Scope and group membership are checked before this, by
push_validation.check_write.

The rules of the grades themselves come from sync_protocol.grading_rules;
nothing here turns points or levels into a grade.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from server.services.roster.school_time import SCHOOL_TIME_ZONE
from server.services.sync.push_context import OpRejected, PushContext
from server.tables import synced, term_lock
from sync_protocol.assessment_documents import (
    DocumentError,
    parse_criteria,
    parse_levels,
    parse_value_words,
)
from sync_protocol.entities import EntitySpec
from sync_protocol.grading_rules import GUIDANCE_LIMIT_FIELDS, no_basis_problem
from sync_protocol.kinds.assessment import scale_of
from sync_protocol.terms import parse_term

ASSESSMENT_KINDS = ("criteria_matrix", "assessment", "assessment_result", "term_grade")

#: The result field that holds the value on each scale.
_VALUE_FIELD = {
    "grade_af": "grade",
    "points": "points",
    "pass_fail": "pass_fail",
    "matrix": "levels",
}
_SCALE_NAMES = {
    "grade_af": "grades A–F",
    "points": "points",
    "pass_fail": "pass/fail",
    "matrix": "a criteria matrix",
}


def check_assessment_write(
    ctx: PushContext, spec: EntitySpec, values: Mapping[str, Any], changed: set[str]
) -> None:
    """OpRejected when the record, as `values` leave it, breaks an assessment rule."""
    if spec.kind == "criteria_matrix":
        _check_matrix(ctx, values, changed)
    elif spec.kind == "assessment":
        _check_assessment(ctx, values, changed)
    elif spec.kind == "assessment_result":
        _check_result(ctx, values, changed)
    elif spec.kind == "term_grade":
        _check_term_grade(ctx, values, changed)


def check_assessment_delete(ctx: PushContext, spec: EntitySpec, row: Mapping[str, Any]) -> None:
    """A term grade of a locked term is not deleted either, nor a matrix an
    assessment is judged on."""
    if spec.kind == "term_grade":
        _check_unlocked(ctx, row)
    elif spec.kind == "criteria_matrix":
        _check_matrix_unused(ctx, row)


def matrix_users(conn: Any, matrix_id: uuid.UUID) -> list[str]:
    """Titles of the live assessments judged on the matrix."""
    table = synced["assessment"]
    return list(
        conn.scalars(
            select(table.c.title).where(
                table.c.criteria_matrix_id == matrix_id, table.c.deleted.is_(False)
            )
        )
    )


def _check_matrix_unused(ctx: PushContext, row: Mapping[str, Any]) -> None:
    # Deleting it would leave the assessment's results with levels of
    # criteria nobody can read, and refuse every level given offline since
    # (long run seed 1783354873: "the assessment's matrix was not found").
    users = matrix_users(ctx.conn, row["id"])
    if users:
        raise OpRejected(
            f"criteria_matrix: the assessment {users[0]!r} is judged on this matrix; "
            "give it another scale or delete it first"
        )


# --- matrices --------------------------------------------------------------------


def _check_matrix(ctx: PushContext, values: Mapping[str, Any], changed: set[str]) -> None:
    if "template_of" in changed and values.get("template_of") is not None:
        source = ctx.row("criteria_matrix", values["template_of"])
        if source is None or source["activity_id"] not in ctx.scope.activities:
            raise OpRejected("the matrix it is copied from was not found")
    if "value_words" in changed:
        try:
            parse_value_words(values.get("value_words") or "")
        except DocumentError as exc:
            raise OpRejected(f"criteria_matrix.value_words: {exc}") from None
    if (values.get("source_subject") is None) != (values.get("source_version") is None):
        raise OpRejected("criteria_matrix: source_subject and source_version go together")
    if "criteria" not in changed:
        return
    try:
        rows = parse_criteria(values["criteria"] or "")
    except DocumentError as exc:
        raise OpRejected(f"criteria_matrix.criteria: {exc}") from None
    kept = {row.id for row in rows}
    in_use = _levels_in_use(ctx, values["id"]) if "id" in values else {}
    removed = sorted(set(in_use) - kept)
    if removed:
        counts = ", ".join(f"{row_id} ({in_use[row_id]})" for row_id in removed)
        raise OpRejected(
            "the matrix's criteria cannot be removed while results hold levels for them: "
            f"{counts}; copy the matrix to change it, or clear those levels first"
        )


def _levels_in_use(ctx: PushContext, matrix_id: uuid.UUID) -> dict[str, int]:
    """{criterion id: results with a level for it} over the matrix's assessments."""
    assessments = synced["assessment"]
    results = synced["assessment_result"]
    query = (
        select(results.c.levels)
        .join(assessments, assessments.c.id == results.c.assessment_id)
        .where(
            assessments.c.criteria_matrix_id == matrix_id,
            assessments.c.deleted.is_(False),
            results.c.deleted.is_(False),
            results.c.levels != "",
        )
    )
    counts: dict[str, int] = {}
    for (text,) in ctx.conn.execute(query):
        try:
            levels = parse_levels(text or "")
        except DocumentError:
            continue  # a stored value is never refused after the fact
        for row_id in levels:
            counts[row_id] = counts.get(row_id, 0) + 1
    return counts


# --- assessments -----------------------------------------------------------------


def _check_assessment(ctx: PushContext, values: Mapping[str, Any], changed: set[str]) -> None:
    scale = scale_of(dict(values))
    scale_fields = {"scale_kind", "max_points", "criteria_matrix_id", *GUIDANCE_LIMIT_FIELDS}
    if not changed & scale_fields:
        return
    max_points = values.get("max_points")
    if scale == "points":
        if max_points is None:
            raise OpRejected("assessment.max_points: a points test needs its maximum")
        _check_guidance_limits(values, max_points)
    elif any(values.get(name) is not None for name in ("max_points", *GUIDANCE_LIMIT_FIELDS)):
        raise OpRejected(
            f"assessment: a maximum and limits belong to points, not {_SCALE_NAMES[scale]}"
        )
    if scale == "matrix":
        matrix_id = values.get("criteria_matrix_id")
        matrix = None if matrix_id is None else ctx.row("criteria_matrix", matrix_id)
        if matrix is None or matrix["deleted"] or matrix["activity_id"] != values["activity_id"]:
            raise OpRejected(
                "assessment.criteria_matrix_id: the matrix was not found in this activity"
            )
    elif values.get("criteria_matrix_id") is not None:
        raise OpRejected(
            f"assessment: a criteria matrix belongs to a matrix scale, not {_SCALE_NAMES[scale]}"
        )
    if "id" in values:
        _check_results_fit(ctx, values, scale)


def _check_guidance_limits(values: Mapping[str, Any], max_points: int) -> None:
    """The teacher's E/C/A limits: between 0 and the maximum, in step order."""
    previous: tuple[str, int] | None = None
    for name in GUIDANCE_LIMIT_FIELDS:
        limit = values.get(name)
        if limit is None:
            continue
        if limit > max_points:
            raise OpRejected(f"assessment.{name}: above the test's maximum of {max_points} points")
        if previous is not None and limit < previous[1]:
            raise OpRejected(f"assessment.{name}: lower than {previous[0]}")
        previous = (name, limit)


def _check_results_fit(ctx: PushContext, values: Mapping[str, Any], scale: str) -> None:
    """A scale change must not leave results outside the new scale."""
    results = synced["assessment_result"]
    field = _VALUE_FIELD[scale]
    others = [name for name in _VALUE_FIELD.values() if name != field]
    rows = ctx.conn.execute(
        select(results.c.points, *(results.c[name] for name in others)).where(
            results.c.assessment_id == values["id"], results.c.deleted.is_(False)
        )
    ).mappings()
    for row in rows:
        held = [name for name in others if row[name] not in (None, "")]
        if held:
            raise OpRejected(
                f"results of this assessment hold {held[0]} values: the scale cannot become "
                f"{_SCALE_NAMES[scale]} until they are cleared"
            )
        if scale == "points" and row["points"] is not None and row["points"] > values["max_points"]:
            raise OpRejected(f"a result holds {row['points']} points: the maximum cannot be lower")


# --- results ---------------------------------------------------------------------


def _check_result(ctx: PushContext, values: Mapping[str, Any], changed: set[str]) -> None:
    assessment = ctx.row("assessment", values["assessment_id"])
    assert assessment is not None  # check_write found it in this activity
    scale = scale_of(assessment)
    own = _VALUE_FIELD[scale]
    for name in _VALUE_FIELD.values():
        if name in changed and name != own and values.get(name) not in (None, ""):
            raise OpRejected(
                f"assessment_result.{name}: the assessment is judged in {_SCALE_NAMES[scale]}"
            )
    if scale == "points" and "points" in changed and values.get("points") is not None:
        maximum = assessment["max_points"]
        if maximum is not None and values["points"] > maximum:
            raise OpRejected(
                f"assessment_result.points: {values['points']} is above the maximum of {maximum}"
            )
    if scale == "matrix" and "levels" in changed:
        _check_levels(ctx, assessment, values.get("levels") or "")


def _check_levels(ctx: PushContext, assessment: Mapping[str, Any], text: str) -> None:
    try:
        levels = parse_levels(text)
    except DocumentError as exc:
        raise OpRejected(f"assessment_result.levels: {exc}") from None
    if not levels:
        return
    matrix_id = assessment["criteria_matrix_id"]
    matrix = None if matrix_id is None else ctx.row("criteria_matrix", matrix_id)
    if matrix is None or matrix["deleted"]:
        raise OpRejected("assessment_result.levels: the assessment's matrix was not found")
    try:
        known = {row.id for row in parse_criteria(matrix["criteria"] or "")}
    except DocumentError:
        known = set()
    unknown = sorted(set(levels) - known)
    if unknown:
        raise OpRejected(
            f"assessment_result.levels: the matrix has no criterion {', '.join(unknown)}"
        )


# --- term grades -----------------------------------------------------------------


def _check_term_grade(ctx: PushContext, values: Mapping[str, Any], changed: set[str]) -> None:
    if "term" in changed:
        try:
            parse_term(values["term"])
        except ValueError:
            raise OpRejected("term_grade.term: not a term code (HT2026, VT2027)") from None
    if not changed & {"grade", "no_basis_reason", "term"}:
        return
    # A client of schema 1 cannot say why "–" was given; its "–" stands as before.
    if ctx.schema_version >= 2:
        problem = no_basis_problem(values.get("grade"), values.get("no_basis_reason"))
        if problem is not None:
            raise OpRejected(f"term_grade: {problem}")
    _check_unlocked(ctx, values)


def _check_unlocked(ctx: PushContext, values: Mapping[str, Any]) -> None:
    activity = ctx.row("activity", values["activity_id"])
    if activity is None:
        return
    key = ("term_lock", activity["school_id"], values["term"])
    if key not in ctx.memo:
        ctx.memo[key] = (
            ctx.conn.execute(
                select(term_lock.c.locks_on, term_lock.c.unlocked_at).where(
                    term_lock.c.school_id == activity["school_id"],
                    term_lock.c.term == values["term"],
                )
            )
            .mappings()
            .first()
        )
    lock = ctx.memo[key]
    today = ctx.now.astimezone(SCHOOL_TIME_ZONE).date()
    if is_locked(lock, today):
        raise OpRejected(
            f"the term {values['term']} was locked on {lock['locks_on']}: its term grades "
            "change only after an administrator unlocks the term"
        )


def is_locked(lock: Mapping[str, Any] | None, today: dt.date) -> bool:
    """A term is locked from its date until an administrator unlocks it."""
    return lock is not None and lock["locks_on"] <= today and lock["unlocked_at"] is None

"""The simulation's assessment work: matrices built and edited, assessments on every
scale, results in the assessment's scale (and markers), term grades with "–" given
only with its reason. Made as the gradebook makes them."""

from __future__ import annotations

import random
import uuid
from typing import Any

from sqlalchemy import Connection

from sync_protocol import ids
from sync_protocol.assessment_documents import (
    Criterion,
    DocumentError,
    dump_criteria,
    dump_levels,
    parse_criteria,
)
from sync_protocol.entities import ASSESSMENT_TYPES, GRADES
from sync_protocol.grading_rules import MATRIX_LEVELS, PASS_FAIL_VALUES, RULES, SCALE_KINDS
from sync_protocol.kinds.assessment import RESULT_MARKERS, scale_of
from tests.sync_sim.action_base import (
    Teacher,
    _activity,
    _activity_pupils,
    _date,
    _edit_or_create,
    _new_id,
    _pick,
    _rows,
    _text,
    _unit_of,
    edit_text,
)


def _criteria(conn: Connection, matrix_id: uuid.UUID | None) -> list[Criterion]:
    rows = [] if matrix_id is None else _rows(conn, "criteria_matrix", id=matrix_id)
    try:
        return parse_criteria(rows[0]["criteria"]) if rows else []
    except DocumentError:
        return []


def criteria_matrix(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    """Matrices built and edited: a cell's sentence changed, a criterion added."""

    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        activity = _activity(conn, rng)
        if activity is None:
            return None
        rows = [
            Criterion(f"k{n}", _text(rng, 3), {s: _text(rng, 5) for s in RULES.criteria_steps})
            for n in range(1, rng.randint(2, 4))
        ]
        return _new_id(rng), {
            "activity_id": activity,
            "title": _text(rng, 2),
            "subject": "Matematik",
            "year_band": "7-9",
            "criteria": dump_criteria(rows),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        if rng.random() < 0.25:
            return {"title": edit_text(rng, row["title"])}
        rows = _criteria(conn, row["id"])
        if not rows or rng.random() < 0.2:
            rows.append(
                Criterion(
                    f"k{len(rows) + 1}-{rng.randrange(100)}",
                    _text(rng, 3),
                    {s: _text(rng, 4) for s in RULES.criteria_steps},
                )
            )
        else:
            pick = rng.randrange(len(rows))
            step = rng.choice(RULES.criteria_steps)
            texts = dict(rows[pick].texts)
            texts[step] = edit_text(rng, texts[step])
            rows[pick] = Criterion(rows[pick].id, rows[pick].criterion, texts)
        return {"criteria": dump_criteria(rows)}

    return _edit_or_create(
        conn,
        rng,
        me,
        "criteria_matrix",
        existing=_rows(conn, "criteria_matrix"),
        create=create,
        edits=edits,
    )


def _scale_fields(conn: Connection, rng: random.Random, activity: uuid.UUID) -> dict[str, Any]:
    """A scale for a new assessment: points with a maximum and limits, a matrix, ..."""
    scale = rng.choice(SCALE_KINDS)
    if scale == "points":
        top = rng.randint(10, 60)
        limits = sorted(rng.sample(range(1, top), 3)) if rng.random() < 0.6 else [None] * 3
        return {
            "scale_kind": scale,
            "max_points": top,
            **dict(zip(("e_limit", "c_limit", "a_limit"), limits, strict=True)),
        }
    if scale == "matrix":
        matrix = _pick(rng, _rows(conn, "criteria_matrix", activity_id=activity))
        if matrix is None:
            return {"scale_kind": "grade_af"}
        return {"scale_kind": scale, "criteria_matrix_id": matrix["id"]}
    return {"scale_kind": scale}


def assessment(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        activity = _activity(conn, rng)
        if activity is None:
            return None
        return _new_id(rng), {
            "activity_id": activity,
            "title": _text(rng, 2),
            "description": _text(rng, 5),
            "assessment_type": rng.choice(ASSESSMENT_TYPES),
            "assessment_date": _date(rng),
            "planning_unit_id": _unit_of(conn, rng, activity) if rng.random() < 0.5 else None,
            **_scale_fields(conn, rng, activity),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        name = rng.choice(
            ("title", "description", "assessment_type", "assessment_date", "planning_unit_id",
             "published", "e_limit")
        )  # fmt: skip
        if name == "assessment_type":
            return {name: rng.choice(ASSESSMENT_TYPES)}
        if name == "assessment_date":
            return {name: _date(rng)}
        if name == "planning_unit_id":
            return {name: _unit_of(conn, rng, row["activity_id"])}
        if name == "published":
            return {name: not row["published"]}
        if name == "e_limit":
            if scale_of(row) != "points" or row["max_points"] is None:
                return {"title": edit_text(rng, row["title"])}
            ceiling = row["c_limit"] if row["c_limit"] is not None else row["max_points"]
            return {name: rng.randint(0, ceiling)}
        return {name: edit_text(rng, row[name])}

    return _edit_or_create(
        conn, rng, me, "assessment", existing=_rows(conn, "assessment"), create=create, edits=edits
    )


def _result_value(conn: Connection, rng: random.Random, test: dict[str, Any]) -> dict[str, Any]:
    """A value in the assessment's scale, or now and then a marker instead."""
    if rng.random() < 0.08:
        return {"marker": rng.choice(RESULT_MARKERS)}
    scale = scale_of(test)
    if scale == "points":
        return {"points": rng.randint(0, test["max_points"] or 10), "marker": None}
    if scale == "pass_fail":
        return {"pass_fail": rng.choice(PASS_FAIL_VALUES), "marker": None}
    if scale == "matrix":
        rows = _criteria(conn, test["criteria_matrix_id"])
        chosen = rng.sample(rows, rng.randint(1, len(rows))) if rows else []
        return {"levels": dump_levels({r.id: rng.choice(MATRIX_LEVELS) for r in chosen})}
    return {"grade": rng.choice(GRADES), "marker": None}


def result(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    test = _pick(rng, _rows(conn, "assessment"))
    if test is None:
        return None
    pupil = _pick(rng, _activity_pupils(conn, test["activity_id"]))
    if pupil is None:
        return None
    record = ids.assessment_result_id(test["id"], pupil)

    def create() -> tuple[uuid.UUID, dict[str, Any]]:
        return record, {
            "assessment_id": test["id"],
            "pupil_id": pupil,
            "activity_id": test["activity_id"],
            "comment": _text(rng, 3),
            **_result_value(conn, rng, test),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        if rng.random() < 0.55:
            return _result_value(conn, rng, test)
        return {"comment": edit_text(rng, row["comment"])}

    existing = _rows(conn, "assessment_result", id=record)
    return _edit_or_create(
        conn, rng, me, "assessment_result", existing=existing, create=create, edits=edits
    )


def _grade(rng: random.Random) -> dict[str, Any]:
    """A step, or "–" with the reason the rules ask for."""
    grade = rng.choice(GRADES)
    reason = RULES.no_basis_reasons[0] if grade == RULES.no_basis_code else None
    return {"grade": grade, "no_basis_reason": reason}


def term_grade(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    activity = _activity(conn, rng)
    pupil = None if activity is None else _pick(rng, _activity_pupils(conn, activity))
    if activity is None or pupil is None:
        return None
    record = ids.term_grade_id(activity, pupil, me.term)

    def create() -> tuple[uuid.UUID, dict[str, Any]]:
        return record, {
            "pupil_id": pupil,
            "activity_id": activity,
            "term": me.term,
            **_grade(rng),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        return _grade(rng)

    return _edit_or_create(
        conn,
        rng,
        me,
        "term_grade",
        existing=_rows(conn, "term_grade", id=record),
        create=create,
        edits=edits,
    )

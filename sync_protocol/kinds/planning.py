"""Planning: unit plans (LPP) and lesson plans."""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import IMMUT, LATEST, TEXT, D, S, T, U, f

PLANNING_UNIT = EntitySpec(
    "planning_unit",
    (
        f("activity_id", U, IMMUT, ref="activity"),
        f("title", S, TEXT, max_length=200),
        f("aims", T, TEXT, max_length=20000),
        f("central_content", T, TEXT, max_length=20000),
        f("assessment_criteria", T, TEXT, max_length=20000),
        f("start_date", D, LATEST, nullable=True),
        f("end_date", D, LATEST, nullable=True),
    ),
    Scope.ACTIVITY_CHILD,
    "A unit plan (LPP, lokal pedagogisk planering).",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
)

LESSON_PLAN = EntitySpec(
    "lesson_plan",
    (
        f("lesson_id", U, IMMUT, ref="lesson"),
        f("activity_id", U, IMMUT, ref="activity"),
        f("planning_unit_id", U, LATEST, nullable=True, ref="planning_unit"),
        f("content", T, TEXT, max_length=20000),
        f("homework", T, TEXT, max_length=5000),
    ),
    Scope.ACTIVITY_CHILD,
    "What a lesson will cover.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
    natural_key=("lesson_id",),
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (
    PLANNING_UNIT,
    LESSON_PLAN,
)

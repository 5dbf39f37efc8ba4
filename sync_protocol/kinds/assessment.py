"""Assessment: assessments, results and term grades."""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import IMMUT, LATEST, REVIEW, TEXT, D, E, S, T, U, f
from sync_protocol.vocabularies import ASSESSMENT_TYPES, GRADES

ASSESSMENT = EntitySpec(
    "assessment",
    (
        f("activity_id", U, IMMUT, ref="activity"),
        f("title", S, TEXT, max_length=200),
        f("description", T, TEXT, max_length=20000),
        f("assessment_type", E, LATEST, choices=ASSESSMENT_TYPES),
        f("assessment_date", D, LATEST, nullable=True),
        f("planning_unit_id", U, LATEST, nullable=True, ref="planning_unit"),
    ),
    Scope.ACTIVITY_CHILD,
    "A test, assignment or other assessment task.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
)

ASSESSMENT_RESULT = EntitySpec(
    "assessment_result",
    (
        f("assessment_id", U, IMMUT, ref="assessment"),
        f("pupil_id", U, IMMUT, ref="person"),
        f("activity_id", U, IMMUT, ref="activity"),
        f("grade", E, REVIEW, nullable=True, choices=GRADES),
        f("comment", T, TEXT, max_length=5000),
    ),
    Scope.ACTIVITY_PUPIL,
    "One pupil's result on an assessment.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
    natural_key=("assessment_id", "pupil_id"),
)

TERM_GRADE = EntitySpec(
    "term_grade",
    (
        f("pupil_id", U, IMMUT, ref="person"),
        f("activity_id", U, IMMUT, ref="activity"),
        f("term", S, IMMUT, max_length=6),
        f("grade", E, REVIEW, nullable=True, choices=GRADES),
    ),
    Scope.ACTIVITY_PUPIL,
    "A term grade (terminsbetyg) in the activity's subject, e.g. term HT2026.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
    natural_key=("activity_id", "pupil_id", "term"),
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (
    ASSESSMENT,
    ASSESSMENT_RESULT,
    TERM_GRADE,
)

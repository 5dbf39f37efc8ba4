"""Assessment: assessments with their scales, criteria matrices, results and term grades.

The scales, levels and grade steps come from sync_protocol.grading_rules.
Everything added for issue 10 is `since=2` and nullable (or text): a client
of schema 1 still creates assessments and results without knowing the new
fields, and records made before them read as a grade_af assessment, not
published, with no points, levels or marker (see `scale_of`).

A matrix's rows, and a matrix result's levels, are JSON documents in a text
field (sync_protocol.assessment_documents checks their shape): the wire
carries strings, numbers and booleans only, and a whole-document merge
policy (NEEDS_REVIEW) keeps two teachers' edits from being spliced together.
"""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.grading_rules import PASS_FAIL_VALUES, RULES, SCALE_KINDS
from sync_protocol.kinds._declare import IMMUT, LATEST, REVIEW, TEXT, B, D, E, N, S, T, U, f
from sync_protocol.vocabularies import ASSESSMENT_TYPES, GRADES

#: Why a result has no value: the pupil did not hand it in, was absent, or is excused.
RESULT_MARKERS = ("not_handed_in", "absent", "excused")
#: The highest points a test may have.
MAX_POINTS = 10_000
#: How a scale kind reads when an assessment has none (made before scales).
DEFAULT_SCALE = "grade_af"

CRITERIA_MATRIX = EntitySpec(
    "criteria_matrix",
    (
        f("activity_id", U, IMMUT, ref="activity", since=2),
        f("title", S, TEXT, max_length=200, since=2),
        f("subject", S, LATEST, max_length=100, since=2),
        # "7-9", "6", "9": the school years the criteria are for.
        f("year_band", S, LATEST, max_length=20, since=2),
        # JSON list of {"id", "criterion", "E", "C", "A"}: one row per
        # criterion, whole sentences per level.
        f("criteria", T, REVIEW, max_length=200_000, since=2),
        # The matrix this one was copied from: a copy, never a shared one.
        f("template_of", U, IMMUT, nullable=True, ref="criteria_matrix", since=2),
        # Started from the curriculum catalogue: the subject code and version
        # it came from (the texts are copied, so a later import changes nothing).
        f("source_subject", S, IMMUT, nullable=True, max_length=20, since=3),
        f("source_version", N, IMMUT, nullable=True, min_value=0, max_value=1_000_000, since=3),
        # JSON {row id: {step: [value words]}}: the phrases the syllabus marks
        # (<strong>), shown bold wherever they still stand in a cell; "" for none.
        f("value_words", T, IMMUT, max_length=200_000, since=3),
    ),
    Scope.ACTIVITY_CHILD,
    "A criteria matrix (bedömningsmatris): criteria down, E/C/A texts across.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
    since=2,
)

ASSESSMENT = EntitySpec(
    "assessment",
    (
        f("activity_id", U, IMMUT, ref="activity"),
        f("title", S, TEXT, max_length=200),
        f("description", T, TEXT, max_length=20000),
        f("assessment_type", E, LATEST, choices=ASSESSMENT_TYPES),
        f("assessment_date", D, LATEST, nullable=True),
        f("planning_unit_id", U, LATEST, nullable=True, ref="planning_unit"),
        # None: grade_af (an assessment made before scales).
        f("scale_kind", E, REVIEW, nullable=True, choices=SCALE_KINDS, since=2),
        f("max_points", N, REVIEW, nullable=True, min_value=1, max_value=MAX_POINTS, since=2),
        # Guidance only, shown beside the points; never turned into a grade.
        f("e_limit", N, LATEST, nullable=True, min_value=0, max_value=MAX_POINTS, since=2),
        f("c_limit", N, LATEST, nullable=True, min_value=0, max_value=MAX_POINTS, since=2),
        f("a_limit", N, LATEST, nullable=True, min_value=0, max_value=MAX_POINTS, since=2),
        f("criteria_matrix_id", U, REVIEW, nullable=True, ref="criteria_matrix", since=2),
        # Results visible to pupils and guardians; None: not published.
        f("published", B, LATEST, nullable=True, since=2),
    ),
    Scope.ACTIVITY_CHILD,
    "A test, assignment or other assessment task, judged on its scale.",
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
        # The value on a grade_af scale.
        f("grade", E, REVIEW, nullable=True, choices=GRADES),
        # The feedback to the pupil.
        f("comment", T, TEXT, max_length=5000),
        f("points", N, REVIEW, nullable=True, min_value=0, max_value=MAX_POINTS, since=2),
        f("pass_fail", E, REVIEW, nullable=True, choices=PASS_FAIL_VALUES, since=2),
        # JSON object {matrix row id: level} for a matrix; "" for none.
        f("levels", T, REVIEW, max_length=20_000, since=2),
        f("marker", E, LATEST, nullable=True, choices=RESULT_MARKERS, since=2),
    ),
    Scope.ACTIVITY_PUPIL,
    "One pupil's result on an assessment: a value in its scale, levels, feedback, a marker.",
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
        # Why "–" was given; the rules say which reasons may be (absence).
        f("no_basis_reason", E, REVIEW, nullable=True, choices=RULES.no_basis_reasons, since=2),
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
    CRITERIA_MATRIX,
    ASSESSMENT,
    ASSESSMENT_RESULT,
    TERM_GRADE,
)


def scale_of(assessment: dict[str, object]) -> str:
    """An assessment's scale kind; one made before scales is grade_af."""
    kind = assessment.get("scale_kind")
    return kind if isinstance(kind, str) else DEFAULT_SCALE

"""The grade rules, as data, in one place (Lgr22 and skollagen; docs: ../shared/DOMAIN.md).

The steps of the grade scale, which of them have criteria, which school years
get term grades and when the final grade is given, and what "–" (streck)
needs. Validation on the server and the app read the rules from here, so a
school can follow new rules (SOU 2025:18 proposes a new scale) by changing
this data, not code spread through the app.

What this module deliberately does NOT offer: a way to turn points, matrix
levels or an average into a grade. Since 1 July 2022 a grade is a
*sammantagen bedömning*, the teacher's overall judgement; the app gathers the
evidence beside the decision and never makes or suggests it
(tests/architecture/test_no_computed_grade.py holds the code to that). The
E/C/A limits a teacher may set on a points test are guidance shown beside the
points, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class GradeStep:
    #: The code on the wire and in storage ("-" is the streck, shown "–").
    code: str
    #: How it is shown.
    label: str
    passing: bool
    #: The syllabus has criteria (betygskriterier) for this step.
    has_criteria: bool
    #: A step without criteria lies between these two ("between C and E").
    between: tuple[str, str] | None = None
    #: Not a grade at all: no basis for one (the streck).
    no_basis: bool = False


@dataclass(frozen=True)
class TermPoint:
    """The end of one half of a school year: year 6 autumn is (6, "HT")."""

    school_year: int
    half: str  # "HT" (autumn) or "VT" (spring)

    def order(self) -> int:
        # HT comes before VT within a school year (autumn, then spring).
        return self.school_year * 2 + (0 if self.half == "HT" else 1)


@dataclass(frozen=True)
class GradeRules:
    name: str
    steps: tuple[GradeStep, ...]
    #: Term grades (terminsbetyg) from this term up to and including the last.
    first_term_grade: TermPoint
    last_term_grade: TermPoint
    #: The final grade (slutbetyg) is given at the end of this term.
    final_grade: TermPoint
    #: The only reasons "–" may be given for (no basis because of absence).
    no_basis_reasons: tuple[str, ...]
    #: A term grade states the pupil's invalid absence for the term; the final grade does not.
    term_grade_states_invalid_absence: bool

    # Cached: the gradebook asks for these for every cell it draws.
    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(step.code for step in self.steps)

    @cached_property
    def criteria_steps(self) -> tuple[str, ...]:
        """The steps with criteria, lowest first: the levels a matrix cell has a text for."""
        return tuple(step.code for step in reversed(self.steps) if step.has_criteria)

    @property
    def no_basis_code(self) -> str:
        [code] = [step.code for step in self.steps if step.no_basis]
        return code

    def step(self, code: str) -> GradeStep:
        for step in self.steps:
            if step.code == code:
                return step
        raise KeyError(code)

    def gets_term_grade(self, school_year: int, half: str) -> bool:
        point = TermPoint(school_year, half).order()
        return self.first_term_grade.order() <= point <= self.last_term_grade.order()

    def gets_final_grade(self, school_year: int, half: str) -> bool:
        return TermPoint(school_year, half) == self.final_grade

    def gets_a_grade(self, school_year: int, half: str) -> bool:
        """A term grade or the final grade is given at the end of this term."""
        return self.gets_term_grade(school_year, half) or self.gets_final_grade(school_year, half)


#: The rules in force: grundskolan under Lgr22.
LGR22 = GradeRules(
    name="lgr22",
    steps=(
        GradeStep("A", "A", passing=True, has_criteria=True),
        GradeStep("B", "B", passing=True, has_criteria=False, between=("A", "C")),
        GradeStep("C", "C", passing=True, has_criteria=True),
        GradeStep("D", "D", passing=True, has_criteria=False, between=("C", "E")),
        GradeStep("E", "E", passing=True, has_criteria=True),
        GradeStep("F", "F", passing=False, has_criteria=False),
        GradeStep("-", "–", passing=False, has_criteria=False, no_basis=True),
    ),
    first_term_grade=TermPoint(6, "HT"),
    last_term_grade=TermPoint(9, "HT"),
    final_grade=TermPoint(9, "VT"),
    no_basis_reasons=("absence",),
    term_grade_states_invalid_absence=True,
)

#: The rules this build follows.
RULES = LGR22

#: Every grade code, highest first, the streck last.
GRADE_CODES: tuple[str, ...] = RULES.codes

#: A matrix result's level per criterion: not yet shown, or a step with criteria.
NOT_YET = "not_yet"
MATRIX_LEVELS: tuple[str, ...] = (NOT_YET, *RULES.criteria_steps)

#: How an assessment is judged.
SCALE_KINDS = ("grade_af", "points", "pass_fail", "matrix")
PASS_FAIL_VALUES = ("pass", "fail")

#: The limits a teacher may set on a points test, one per step with criteria:
#: guidance shown beside the points, never turned into a grade.
GUIDANCE_LIMIT_FIELDS: tuple[str, ...] = tuple(
    f"{code.lower()}_limit" for code in RULES.criteria_steps
)


def implied_no_basis_reason(grade: str | None, current: str | None) -> str | None:
    """The no-basis reason that goes with a grade written without one.

    The reason is part of the grade decision, not a second one: a real grade
    has none; "–" keeps the reason the record has, or takes the rules' only
    reason when there is just one (Lgr22: absence). None when the rules
    leave a choice: the write is then refused as needing the reason.
    """
    if grade != RULES.no_basis_code:
        return None
    if current in RULES.no_basis_reasons:
        return current
    return RULES.no_basis_reasons[0] if len(RULES.no_basis_reasons) == 1 else None


def no_basis_problem(grade: str | None, reason: str | None) -> str | None:
    """Why this grade and no-basis reason break the rules (English), or None.

    "–" only when there is no basis because of absence; a reason given with a
    real grade is a mistake too (the grade says there was a basis).
    """
    if grade == RULES.no_basis_code:
        if reason not in RULES.no_basis_reasons:
            allowed = ", ".join(RULES.no_basis_reasons)
            return f"'–' (no basis for a grade) needs the reason it is given for ({allowed})"
        return None
    if reason is not None and reason != "":
        return "a no-basis reason goes with '–' only, not with a grade"
    return None

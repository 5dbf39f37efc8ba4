"""The grade rules as data: Lgr22's steps, which terms get grades, what "–" needs."""

from __future__ import annotations

import pytest

from sync_protocol import grading_rules
from sync_protocol.entities import GRADES, REGISTRY
from sync_protocol.grading_rules import RULES


def test_the_steps_are_a_to_f_and_the_streck() -> None:
    assert RULES.codes == ("A", "B", "C", "D", "E", "F", "-")
    assert RULES.step("-").label == "–"
    assert RULES.no_basis_code == "-"
    assert [s.code for s in RULES.steps if s.passing] == ["A", "B", "C", "D", "E"]
    assert RULES.step("F").passing is False


def test_only_e_c_and_a_have_criteria_and_d_and_b_lie_between() -> None:
    assert RULES.criteria_steps == ("E", "C", "A")
    assert RULES.step("D").between == ("C", "E")
    assert RULES.step("B").between == ("A", "C")
    assert grading_rules.MATRIX_LEVELS == ("not_yet", "E", "C", "A")
    assert grading_rules.GUIDANCE_LIMIT_FIELDS == ("e_limit", "c_limit", "a_limit")


@pytest.mark.parametrize(
    ("year", "half", "term_grade", "final_grade"),
    [
        (5, "VT", False, False),
        (6, "HT", True, False),  # the first term grade: autumn of year 6
        (6, "VT", True, False),
        (8, "VT", True, False),
        (9, "HT", True, False),  # the last term grade
        (9, "VT", False, True),  # the final grade instead
    ],
)
def test_which_terms_get_a_grade(year: int, half: str, term_grade: bool, final_grade: bool) -> None:
    assert RULES.gets_term_grade(year, half) is term_grade
    assert RULES.gets_final_grade(year, half) is final_grade
    assert RULES.gets_a_grade(year, half) is (term_grade or final_grade)


def test_the_streck_needs_absence_as_its_reason() -> None:
    assert grading_rules.no_basis_problem("-", "absence") is None
    assert "needs the reason" in (grading_rules.no_basis_problem("-", None) or "")
    assert "needs the reason" in (grading_rules.no_basis_problem("-", "illness") or "")
    assert "with '–' only" in (grading_rules.no_basis_problem("C", "absence") or "")
    assert grading_rules.no_basis_problem("F", None) is None
    assert grading_rules.no_basis_problem(None, None) is None


def test_the_registry_reads_its_grades_from_the_rules() -> None:
    assert RULES.codes == GRADES
    assert REGISTRY["term_grade"].field("grade").choices == RULES.codes

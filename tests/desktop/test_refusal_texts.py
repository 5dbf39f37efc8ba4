"""The server's refusals a teacher meets while grading, said in her words
(the strings are the server's own: server/services/sync/push_assessment.py)."""

from __future__ import annotations

import pytest

from desktop.models.refusal_texts import refusal_reason_text


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        (
            "the term HT2026 was locked on 2026-12-20: its term grades change only after "
            "an administrator unlocks the term",
            "Term HT2026 was locked on 2026-12-20, so its term grades can no longer be changed.",
        ),
        ("assessment_result.points: 41 is above the maximum of 40", "41 points is above"),
        (
            "the matrix's criteria cannot be removed while results hold levels for them: k2 (3)",
            "cannot be removed from the matrix",
        ),
        (
            "term_grade: '–' (no basis for a grade) needs the reason it is given for (absence)",
            "only when absence leaves no basis",
        ),
        (
            "criteria_matrix: the assessment 'Prov 2' is judged on this matrix; "
            "give it another scale or delete it first",
            "the assessment “Prov 2” is judged on it",
        ),
        ("not found", "not found"),
    ],
)
def test_grading_refusals_read_as_what_happened_and_what_to_do(reason: str, said: str) -> None:
    assert said in refusal_reason_text(reason)

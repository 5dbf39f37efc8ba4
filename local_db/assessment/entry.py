"""What a teacher types into a gradebook cell, read against the column's scale.

The codes here are the ones stored and synced; the words a teacher may type
for them come in Swedish and English whichever language the app shows, so a
block copied from a Swedish spreadsheet pastes into an English app. Nothing
here turns a value into another kind of value: points stay points, a level
stays a level (the app never computes a grade; sync_protocol.grading_rules).
"""

from __future__ import annotations

import enum
import unicodedata
from typing import Any

from local_db.assessment.views import AssessmentColumn
from sync_protocol.grading_rules import RULES

#: Typed words for the result markers, folded (lower case, no dots or spaces at the ends).
MARKER_WORDS: dict[str, str] = {
    "ej inl": "not_handed_in",
    "ej inlämnad": "not_handed_in",
    "ei": "not_handed_in",
    "not handed in": "not_handed_in",
    "not in": "not_handed_in",
    "nhi": "not_handed_in",
    "frånv": "absent",
    "frånvarande": "absent",
    "fr": "absent",
    "absent": "absent",
    "abs": "absent",
    "befr": "excused",
    "befriad": "excused",
    "excused": "excused",
    "exc": "excused",
}
PASS_WORDS: dict[str, str] = {
    "g": "pass",
    "godkänd": "pass",
    "p": "pass",
    "pass": "pass",
    "ig": "fail",
    "ej godkänd": "fail",
    "f": "fail",
    "fail": "fail",
}
#: How the streck may be typed: the en dash it is shown as, or a hyphen.
NO_BASIS_WORDS = ("–", "-", "—")

#: Every value field of a result: a marker or a new value clears the others.
VALUE_FIELDS = ("grade", "points", "pass_fail", "marker")


class EntryProblem(enum.Enum):
    NOT_A_GRADE = "not_a_grade"
    NOT_A_NUMBER = "not_a_number"
    BELOW_ZERO = "below_zero"
    ABOVE_MAXIMUM = "above_maximum"
    NOT_PASS_FAIL = "not_pass_fail"  # noqa: S105 (a problem name, not a password)
    MATRIX_NEEDS_LEVELS = "matrix_needs_levels"
    NOT_A_TERM_GRADE = "not_a_term_grade"
    NOT_IN_GROUP = "not_in_group"
    PASTE_SHAPE = "paste_shape"
    READ_ONLY_COLUMN = "read_only_column"


class EntryRefused(ValueError):
    """A typed or pasted value that does not fit; nothing was written.

    `text` is what was typed, `limit` the maximum for ABOVE_MAXIMUM, `where`
    the (row, column) of a pasted cell counted from 1.
    """

    def __init__(
        self,
        problem: EntryProblem,
        text: str = "",
        limit: int | None = None,
        where: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(f"{problem.value}: {text!r}")
        self.problem = problem
        self.text = text
        self.limit = limit
        self.where = where


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().casefold()
    return text.rstrip(".").strip()


def result_changes(column: AssessmentColumn, text: str) -> dict[str, Any]:
    """The result fields `text` sets in this column; {} clears the value and marker.

    Raises EntryRefused when the text is not a value of the column's scale.
    """
    word = fold(text)
    if word == "":
        return _clear(column)
    if word in MARKER_WORDS:
        return {**_clear(column), "marker": MARKER_WORDS[word]}
    if column.scale == "grade_af":
        code = _grade_code(text)
        if code is None:
            raise EntryRefused(EntryProblem.NOT_A_GRADE, text)
        return {**_clear(column), "grade": code}
    if column.scale == "points":
        return {**_clear(column), "points": _points(column, text)}
    if column.scale == "pass_fail":
        if word not in PASS_WORDS:
            raise EntryRefused(EntryProblem.NOT_PASS_FAIL, text)
        return {**_clear(column), "pass_fail": PASS_WORDS[word]}
    raise EntryRefused(EntryProblem.MATRIX_NEEDS_LEVELS, text)


def _clear(column: AssessmentColumn) -> dict[str, Any]:
    """Clearing a cell clears its value and marker; a matrix keeps its levels
    (they are cleared in the matrix view) and every cell keeps its comment."""
    if column.scale == "matrix":
        return {"marker": None}
    return dict.fromkeys(VALUE_FIELDS)


def _grade_code(text: str) -> str | None:
    stripped = text.strip()
    if stripped in NO_BASIS_WORDS:
        return RULES.no_basis_code
    upper = stripped.upper()
    return upper if upper in RULES.codes and upper != RULES.no_basis_code else None


def _points(column: AssessmentColumn, text: str) -> int:
    stripped = text.strip().replace("\u2212", "-")
    try:
        value = int(stripped)
    except ValueError:
        raise EntryRefused(EntryProblem.NOT_A_NUMBER, text) from None
    if value < 0:
        raise EntryRefused(EntryProblem.BELOW_ZERO, text)
    if column.max_points is not None and value > column.max_points:
        raise EntryRefused(EntryProblem.ABOVE_MAXIMUM, text, limit=column.max_points)
    return value


def term_grade_changes(text: str) -> dict[str, Any]:
    """A term grade typed: a step A–F, or "–" (no basis because of absence); "" clears."""
    if fold(text) == "":
        return {"grade": None, "no_basis_reason": None}
    code = _grade_code(text)
    if code is None:
        raise EntryRefused(EntryProblem.NOT_A_TERM_GRADE, text)
    # The only reason the rules allow for "–"; typing the dash says it.
    reason = RULES.no_basis_reasons[0] if code == RULES.no_basis_code else None
    return {"grade": code, "no_basis_reason": reason}

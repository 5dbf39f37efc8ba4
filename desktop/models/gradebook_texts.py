"""The gradebook's words: how values, markers, scales and refusals read to a teacher."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from local_db.assessment.entry import EntryProblem, EntryRefused
from local_db.assessment.views import AssessmentColumn, ResultCell
from sync_protocol.grading_rules import NOT_YET, RULES


def marker_text(marker: str) -> str:
    """Short enough for a cell, and a word the entry reads back (local_db.assessment.entry)."""
    return {
        "not_handed_in": QCoreApplication.translate("Gradebook", "not in"),
        "absent": QCoreApplication.translate("Gradebook", "absent"),
        "excused": QCoreApplication.translate("Gradebook", "excused"),
    }.get(marker, marker)


def marker_meaning(marker: str) -> str:
    return {
        "not_handed_in": QCoreApplication.translate("Gradebook", "Not handed in"),
        "absent": QCoreApplication.translate("Gradebook", "Absent"),
        "excused": QCoreApplication.translate("Gradebook", "Excused"),
    }.get(marker, marker)


def pass_fail_text(value: str) -> str:
    return {
        "pass": QCoreApplication.translate("Gradebook", "G"),
        "fail": QCoreApplication.translate("Gradebook", "IG"),
    }.get(value, value)


def level_text(level: str) -> str:
    return QCoreApplication.translate("Gradebook", "Not yet") if level == NOT_YET else level


def scale_name(scale: str) -> str:
    return {
        "grade_af": QCoreApplication.translate("Gradebook", "Grades A–F"),
        "points": QCoreApplication.translate("Gradebook", "Points"),
        "pass_fail": QCoreApplication.translate("Gradebook", "Pass / fail"),
        "matrix": QCoreApplication.translate("Gradebook", "Criteria matrix"),
    }.get(scale, scale)


def assessment_type_text(kind: str) -> str:
    return {
        "test": QCoreApplication.translate("Gradebook", "Test"),
        "assignment": QCoreApplication.translate("Gradebook", "Assignment"),
        "oral": QCoreApplication.translate("Gradebook", "Oral"),
        "lab": QCoreApplication.translate("Gradebook", "Lab"),
        "project": QCoreApplication.translate("Gradebook", "Project"),
        "other": QCoreApplication.translate("Gradebook", "Other"),
    }.get(kind, kind)


def grade_text(code: str | None) -> str:
    if code is None:
        return ""
    return RULES.step(code).label if code in RULES.codes else code


def result_text(column: AssessmentColumn, cell: ResultCell | None) -> str:
    """What a cell shows, and what Ctrl+C copies: it pastes back as the same value."""
    if cell is None:
        return ""
    if cell.marker is not None:
        return marker_text(cell.marker)
    if column.scale == "points":
        return "" if cell.points is None else str(cell.points)
    if column.scale == "pass_fail":
        return "" if cell.pass_fail is None else pass_fail_text(cell.pass_fail)
    if column.scale == "matrix":
        return levels_summary(cell.levels)
    return grade_text(cell.grade)


def levels_summary(levels: Mapping[str, str]) -> str:
    """A matrix result in a cell: how many criteria at each level, highest first."""
    counts: dict[str, int] = {}
    for level in levels.values():
        counts[level] = counts.get(level, 0) + 1
    order = [*reversed(RULES.criteria_steps), NOT_YET]
    return " ".join(f"{level_text(lv)}×{counts[lv]}" for lv in order if lv in counts)


#: The order the summary lists its counts in.
_COUNT_ORDER = (*RULES.codes, NOT_YET, "not_handed_in", "absent", "excused")


def count_label(key: str) -> str:
    if key in ("not_handed_in", "absent", "excused"):
        return marker_text(key)
    if key == NOT_YET:
        return level_text(key)
    return grade_text(key)


def summary_text(counts: dict[str, int]) -> str:
    """A pupil's counts per level, e.g. "A 1  C 2  ej inl. 1": not a grade."""
    return "  ".join(f"{count_label(key)} {counts[key]}" for key in _COUNT_ORDER if counts.get(key))


def refusal_text(refused: EntryRefused) -> str:
    where = ""
    if refused.where is not None:
        where = QCoreApplication.translate("Gradebook", "Row {row}, column {column}: ").format(
            row=refused.where[0], column=refused.where[1]
        )
    problem = refused.problem
    text = refused.text.strip()
    if problem is EntryProblem.NOT_A_GRADE:
        message = QCoreApplication.translate(
            "Gradebook", "“{text}” is not a grade. Type A, B, C, D, E, F or – (no basis)."
        )
    elif problem is EntryProblem.NOT_A_NUMBER:
        message = QCoreApplication.translate("Gradebook", "“{text}” is not a number of points.")
    elif problem is EntryProblem.BELOW_ZERO:
        message = QCoreApplication.translate("Gradebook", "Points cannot be below 0.")
    elif problem is EntryProblem.ABOVE_MAXIMUM:
        message = QCoreApplication.translate(
            "Gradebook", "{text} is above this test's maximum of {limit} points."
        )
    elif problem is EntryProblem.NOT_PASS_FAIL:
        message = QCoreApplication.translate(
            "Gradebook", "“{text}” is not pass or fail. Type G (pass) or IG (fail)."
        )
    elif problem is EntryProblem.MATRIX_NEEDS_LEVELS:
        message = QCoreApplication.translate(
            "Gradebook",
            "This assessment uses a criteria matrix: press F2 or double-click the cell "
            "to set a level for each criterion.",
        )
    elif problem is EntryProblem.NOT_A_TERM_GRADE:
        message = QCoreApplication.translate(
            "Gradebook",
            "“{text}” is not a term grade. Type A–F, or – when absence leaves "
            "no basis for a grade.",
        )
    elif problem is EntryProblem.NOT_IN_GROUP:
        message = QCoreApplication.translate(
            "Gradebook", "This pupil is not in the group this term."
        )
    elif problem is EntryProblem.READ_ONLY_COLUMN:
        message = QCoreApplication.translate(
            "Gradebook", "This column is worked out from the others and cannot be typed in."
        )
    else:
        message = QCoreApplication.translate(
            "Gradebook", "The pasted block does not fit here: {text}. Nothing was changed."
        )
    return where + message.format(text=text, limit=refused.limit)

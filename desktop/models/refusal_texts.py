"""The server's reasons for refusing an edit, in the teacher's language.

The server answers in English (the API's language, and the log's); the
reasons a teacher meets while grading are matched here and said in Swedish
too, with what to do. A reason not listed is shown as the server wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def _locked(match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts",
        "Term {term} was locked on {date}, so its term grades can no longer be changed. "
        "Ask the school's administrator to unlock the term if a grade must change.",
    ).format(term=match["term"], date=match["date"])


def _above_maximum(match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts", "{points} points is above the test's maximum of {maximum}."
    ).format(points=match["points"], maximum=match["maximum"])


def _criteria_in_use(_match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts",
        "A criterion that results already have a level for cannot be removed from the matrix. "
        "Copy the matrix to make one without it.",
    )


def _matrix_in_use(match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts",
        "The matrix was not deleted: the assessment “{title}” is judged on it. "
        "Give that assessment another scale, or delete it, first.",
    ).format(title=match["title"])


def _no_basis(_match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts", "“–” is given only when absence leaves no basis for a grade."
    )


def _wrong_scale(_match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts",
        "The assessment's scale was changed meanwhile, so this value no longer fits it.",
    )


def _not_author(_match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts",
        "Only the teacher who wrote a note can change or delete it. Write a note of your own.",
    )


def _no_mentor(match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "RefusalTexts",
        "{pupil} has no mentor in Klassbok, so a note for the mentor(s) would be read by no "
        "one but you. Choose “Only me” or “The pupil's teachers”.",
    ).format(pupil=match["pupil"])


_KNOWN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"the term (?P<term>(HT|VT)\d{4}) was locked on (?P<date>[\d-]+)"), _locked),
    (
        re.compile(r"points: (?P<points>\d+) is above the maximum of (?P<maximum>\d+)"),
        _above_maximum,
    ),
    (re.compile(r"criteria cannot be removed while results hold levels"), _criteria_in_use),
    (
        re.compile(r"criteria_matrix: the assessment '(?P<title>.*)' is judged on this matrix"),
        _matrix_in_use,
    ),
    (re.compile(r"'–' \(no basis for a grade\) needs the reason"), _no_basis),
    (re.compile(r"the assessment is judged in "), _wrong_scale),
    (re.compile(r"only the note's author can change or delete it"), _not_author),
    (re.compile(r"^(?P<pupil>.+) has no mentor in Klassbok"), _no_mentor),
)


def refusal_reason_text(reason: str) -> str:
    for pattern, say in _KNOWN:
        match = pattern.search(reason)
        if match is not None:
            return say(match)
    return reason

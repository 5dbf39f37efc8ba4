"""The gradebook as CSV for Excel, as a PDF, and one pupil's summary as a PDF.

The CSV is written as Swedish Excel opens it with a double-click (UTF-8 with
a byte-order mark, semicolons, CRLF; see attendance_csv). Names and values
only: no contact data (none reaches the cache for a protected pupil, and
none is written here for anyone) and no feedback comments in the group's
files, which travel further than a development talk. The pupil's summary is
for the talk itself, so it has the feedback.

The values are the cells as the gradebook shows them (points, grades,
levels, markers); the summary column counts levels. Nothing here is a
computed grade: the term grade column holds only what the teacher set.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from desktop.exports.attendance_csv import DELIMITER, ENCODING
from desktop.exports.pdf_file import write_html_pdf
from desktop.models.gradebook_texts import (
    grade_text,
    level_text,
    marker_meaning,
    result_text,
    scale_name,
    summary_text,
)
from local_db.assessment.views import Gradebook, level_counts
from local_db.views import PupilView

_STYLE = """
body { font-family: sans-serif; font-size: 8.5pt; color: #1f2933; }
h1 { font-size: 14pt; margin-bottom: 2px; }
h2 { font-size: 11pt; margin: 10px 0 2px 0; }
p.meta { color: #4b5563; margin-top: 0; }
table { border-collapse: collapse; }
th { background: #eef1f5; text-align: left; padding: 3px 5px; border-bottom: 1px solid #9ca3af; }
td { padding: 3px 5px; border-bottom: 1px solid #d5dbe3; }
td.v, th.v { text-align: center; }
p.note { color: #4b5563; font-size: 7.5pt; }
"""


def _name(pupil: PupilView) -> str:
    return f"{pupil.family_name}, {pupil.given_name}"


def _summary(book: Gradebook, pupil: PupilView) -> str:
    return summary_text(level_counts(book.assessments, book.results, pupil.id))


def headers(book: Gradebook) -> list[str]:
    titles = [
        column.title + (f" (/{column.max_points})" if column.max_points else "")
        for column in book.assessments
    ]
    return [
        QCoreApplication.translate("GradebookExport", "Pupil"),
        *titles,
        QCoreApplication.translate("GradebookExport", "Summary (counts, not a grade)"),
        QCoreApplication.translate("GradebookExport", "Term grade {term}").format(term=book.term),
    ]


def gradebook_rows(book: Gradebook) -> list[list[str]]:
    rows = []
    for pupil in book.pupils:
        cells = [
            result_text(column, book.result(pupil.id, column.id)) for column in book.assessments
        ]
        grade = book.term_grades.get(pupil.id)
        rows.append(
            [
                _name(pupil),
                *cells,
                _summary(book, pupil),
                grade_text(grade.grade if grade else None),
            ]
        )
    return rows


def gradebook_csv(book: Gradebook) -> str:
    """The file's text (without the byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(headers(book))
    writer.writerows(gradebook_rows(book))
    return out.getvalue()


def write_gradebook_csv(path: Path, book: Gradebook) -> None:
    """Raises OSError (disk full, no permission): the caller says so."""
    path.write_text(gradebook_csv(book), encoding=ENCODING, newline="")


def _table(head: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f'<th class="v">{html.escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(f'<td class="v">{html.escape(c)}</td>' for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{cells}</tr>{body}</table>"


def gradebook_html(book: Gradebook, made_on: dt.date) -> str:
    title = QCoreApplication.translate("GradebookExport", "Gradebook {group}").format(
        group=book.activity.name
    )
    meta = QCoreApplication.translate(
        "GradebookExport", "{subject} · term {term} · made {date}"
    ).format(subject=book.activity.subject, term=book.term, date=made_on.isoformat())
    note = QCoreApplication.translate(
        "GradebookExport",
        "The summary counts results per level; it is not a grade. Term grades are the "
        "teacher's overall judgement. Contains pupil data: handle as the school's rules say.",
    )
    return (
        f"<html><head><style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
        f'<p class="meta">{html.escape(meta)}</p>'
        + _table(headers(book), gradebook_rows(book))
        + f'<p class="note">{html.escape(note)}</p></body></html>'
    )


def write_gradebook_pdf(path: Path, book: Gradebook, made_on: dt.date) -> None:
    document = QTextDocument()
    document.setHtml(gradebook_html(book, made_on))
    title = QCoreApplication.translate("GradebookExport", "Gradebook {group}").format(
        group=book.activity.name
    )
    write_html_pdf(path, document, title, landscape=True)


def pupil_summary_html(book: Gradebook, pupil: PupilView, made_on: dt.date) -> str:
    """One pupil's assessments this term, for the development talk (utvecklingssamtal)."""
    title = QCoreApplication.translate("GradebookExport", "{pupil} – {subject}").format(
        pupil=pupil.full_name, subject=book.activity.subject or book.activity.name
    )
    meta = QCoreApplication.translate(
        "GradebookExport", "{group} · term {term} · made {date}"
    ).format(group=book.activity.name, term=book.term, date=made_on.isoformat())
    parts = [f"<h1>{html.escape(title)}</h1>", f'<p class="meta">{html.escape(meta)}</p>']
    rows = []
    for column in book.assessments:
        cell = book.result(pupil.id, column.id)
        when = column.date.isoformat() if column.date else ""
        value = result_text(column, cell)
        if cell is not None and cell.marker:
            value = marker_meaning(cell.marker)
        rows.append(
            [
                column.title,
                when,
                scale_name(column.scale),
                value,
                "" if cell is None else cell.comment,
            ]
        )
    parts.append(
        _table(
            [
                QCoreApplication.translate("GradebookExport", "Assessment"),
                QCoreApplication.translate("GradebookExport", "Date"),
                QCoreApplication.translate("GradebookExport", "Scale"),
                QCoreApplication.translate("GradebookExport", "Result"),
                QCoreApplication.translate("GradebookExport", "Feedback"),
            ],
            rows,
        )
    )
    for column in book.assessments:
        cell = book.result(pupil.id, column.id)
        criteria = book.matrices.get(column.matrix_id) if column.matrix_id else None
        if not criteria or cell is None or not cell.levels:
            continue
        parts.append(f"<h2>{html.escape(column.title)}</h2>")
        parts.append(
            _table(
                [
                    QCoreApplication.translate("GradebookExport", "Criterion"),
                    QCoreApplication.translate("GradebookExport", "Level"),
                ],
                [
                    [c.criterion, level_text(cell.levels[c.id])]
                    for c in criteria
                    if c.id in cell.levels
                ],
            )
        )
    grade = book.term_grades.get(pupil.id)
    if grade is not None and grade.grade is not None:
        line = QCoreApplication.translate("GradebookExport", "Term grade {term}: {grade}").format(
            term=book.term, grade=grade_text(grade.grade)
        )
        parts.append(f"<h2>{html.escape(line)}</h2>")
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"


def write_pupil_summary_pdf(
    path: Path, book: Gradebook, pupil: PupilView, made_on: dt.date
) -> None:
    document = QTextDocument()
    document.setHtml(pupil_summary_html(book, pupil, made_on))
    write_html_pdf(path, document, pupil.full_name)

"""A unit plan (LPP, lokal pedagogisk planering) as an A4 PDF, to share
with pupils and guardians or a colleague: title, group and subject, weeks,
status, aims, the syllabus items it covers with the catalogue's credit line
("Källa: Skolverket, …"), the teacher's own notes, how learning is
assessed, its assessments and its lessons in order. No pupil data."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from desktop import local_time
from desktop.exports.pdf_file import write_html_pdf
from desktop.models.planning_models import item_text, status_text
from desktop.pages.assessment.catalogue_picker import source_text
from local_db.planning.views import UnitDetail, UnitLesson

_STYLE = """
body { font-family: sans-serif; font-size: 9.5pt; color: #1f2933; }
h1 { font-size: 16pt; margin-bottom: 2px; }
h2 { font-size: 11.5pt; margin: 12px 0 3px 0; }
p.meta { color: #4b5563; margin-top: 0; }
p.credit { color: #4b5563; font-size: 8pt; margin-top: 2px; }
li { margin-bottom: 3px; }
"""

translate = QCoreApplication.translate


def _h2(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"


def _text(text: str) -> str:
    return html.escape(text.strip()).replace("\n", "<br>")


def unit_html(
    unit: UnitDetail, activity_name: str, lessons: Iterable[UnitLesson], made_on: dt.date
) -> str:
    meta = [activity_name]
    if unit.start_date and unit.end_date:
        meta.append(
            translate("UnitPdf", "weeks {first}–{last} ({start} – {end})").format(
                first=local_time.iso_week(unit.start_date),
                last=local_time.iso_week(unit.end_date),
                start=unit.start_date.isoformat(),
                end=unit.end_date.isoformat(),
            )
        )
    meta.append(status_text(unit.status))
    meta.append(translate("UnitPdf", "made {date}").format(date=made_on.isoformat()))
    parts = [
        f"<h1>{html.escape(unit.title)}</h1>",
        f'<p class="meta">{html.escape(" · ".join(meta))}</p>',
    ]

    def section(title: str, body: str) -> None:
        if body.strip():
            parts.append(f"<h2>{html.escape(title)}</h2><p>{_text(body)}</p>")

    section(translate("UnitPdf", "Aims"), unit.aims)
    if unit.picked:
        parts.append(_h2(translate("UnitPdf", "Central content and criteria")) + "<ul>")
        parts.extend(f"<li>{html.escape(item_text(item))}</li>" for item in unit.picked)
        parts.append("</ul>")
        if unit.picks is not None and unit.subject_name and unit.source:
            credit = source_text(unit.subject_name, unit.picks.version, unit.source)
            parts.append(f'<p class="credit">{html.escape(credit)}</p>')
    section(translate("UnitPdf", "Own notes on the content"), unit.central_content)
    section(translate("UnitPdf", "How learning is assessed"), unit.assessment_criteria)
    linked = [a for a in unit.assessments if a.linked]
    if linked:
        parts.append(_h2(translate("UnitPdf", "Assessments")) + "<ul>")
        for assessment in linked:
            when = (
                f" ({assessment.assessment_date.isoformat()})" if assessment.assessment_date else ""
            )
            parts.append(f"<li>{html.escape(assessment.title + when)}</li>")
        parts.append("</ul>")
    rows = list(lessons)
    if rows:
        parts.append(_h2(translate("UnitPdf", "Lessons")) + "<ol>")
        for lesson in rows:
            day = local_time.to_local(lesson.start_time).date()
            first = lesson.content.strip().splitlines()[0] if lesson.content.strip() else ""
            line = f"{local_time.weekday_name(day)} {day.isoformat()}: {first}"
            if lesson.cancelled:
                line += " " + translate("UnitPdf", "(cancelled)")
            parts.append(f"<li>{html.escape(line)}</li>")
        parts.append("</ol>")
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"


def write_unit_pdf(path: Path, html_text: str, title: str) -> None:
    """A4 portrait. Raises OSError when the file cannot be written."""
    document = QTextDocument()
    document.setHtml(html_text)
    write_html_pdf(path, document, title)

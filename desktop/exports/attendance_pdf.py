"""A group's attendance summary as an A4 PDF: a clean table with the school,
group, period and threshold, for a meeting with the principal or the
student health team. QTextDocument lays it out, QPdfWriter writes it (no
extra dependency). Names and figures only, like the CSV."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from desktop.exports.pdf_file import write_html_pdf
from desktop.models.attendance_texts import hours, percent, threshold_text
from local_db.attendance.views import AttendanceSums, GroupStatistics

_STYLE = """
body { font-family: sans-serif; font-size: 9pt; color: #1f2933; }
h1 { font-size: 15pt; margin-bottom: 2px; }
p.meta { color: #4b5563; margin-top: 0; }
table { border-collapse: collapse; }
th { background: #eef1f5; text-align: left; padding: 4px 6px; border-bottom: 1px solid #9ca3af; }
td { padding: 3px 6px; border-bottom: 1px solid #d5dbe3; }
td.num, th.num { text-align: right; }
tr.flag td { background: #fdf0d9; font-weight: bold; }
tr.total td { font-weight: bold; border-top: 1px solid #6b7280; }
p.note { color: #4b5563; font-size: 8pt; }
"""


def _cells(name: str, sums: AttendanceSums, threshold: float) -> str:
    values = [
        (html.escape(name), ""),
        (percent(sums.absence_percent), "num"),
        (percent(sums.invalid_percent), "num"),
        (percent(sums.valid_percent), "num"),
        (str(sums.late_count), "num"),
        (f"{hours(sums.reported)} / {hours(sums.offered)}", "num"),
        (
            QCoreApplication.translate("AttendancePdf", "above")
            if sums.at_or_above(threshold)
            else "",
            "",
        ),
    ]
    return "".join(f'<td class="{css}">{value}</td>' for value, css in values)


def summary_html(stats: GroupStatistics, threshold: float, made_on: dt.date) -> str:
    translate = QCoreApplication.translate
    title = translate("AttendancePdf", "Attendance {group}").format(group=stats.group_name)
    meta = [
        translate("AttendancePdf", "School: {school}").format(school=stats.school_name or "–"),
        translate("AttendancePdf", "Group: {group}").format(group=stats.group_name),
        translate("AttendancePdf", "Period: {start} – {end}").format(
            start=stats.start.isoformat(), end=stats.end.isoformat()
        ),
        translate("AttendancePdf", "Threshold: {threshold} absence").format(
            threshold=threshold_text(threshold)
        ),
        translate("AttendancePdf", "Lessons: {lessons}, roll call taken in {registered}").format(
            lessons=stats.lesson_count, registered=stats.registered_count
        ),
        translate("AttendancePdf", "Made {date}").format(date=made_on.isoformat()),
    ]
    head = [
        (translate("AttendancePdf", "Pupil"), ""),
        (translate("AttendancePdf", "Absence"), "num"),
        (translate("AttendancePdf", "Invalid"), "num"),
        (translate("AttendancePdf", "Valid"), "num"),
        (translate("AttendancePdf", "Late"), "num"),
        (translate("AttendancePdf", "Registered / offered"), "num"),
        (translate("AttendancePdf", "Threshold"), ""),
    ]
    rows = []
    for row in stats.pupils:
        css = ' class="flag"' if row.sums.at_or_above(threshold) else ""
        name = f"{row.pupil.family_name}, {row.pupil.given_name}"
        rows.append(f"<tr{css}>{_cells(name, row.sums, threshold)}</tr>")
    whole = translate("AttendancePdf", "Whole group")
    rows.append(f'<tr class="total">{_cells(whole, stats.total, threshold)}</tr>')
    note = translate(
        "AttendancePdf",
        "Percentages are of the lesson time whose roll call was taken. Late arrival and "
        "leaving early count as invalid absence unless a guardian's report covers them. "
        "Other school activity is not absence.",
    )
    return (
        f"<html><head><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f'<p class="meta">{"<br>".join(html.escape(line) for line in meta)}</p>'
        '<table width="100%" cellspacing="0">'
        "<tr>"
        + "".join(f'<th class="{css}">{html.escape(text)}</th>' for text, css in head)
        + "</tr>"
        + "".join(rows)
        + f'</table><p class="note">{html.escape(note)}</p></body></html>'
    )


def summary_document(stats: GroupStatistics, threshold: float, made_on: dt.date) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(summary_html(stats, threshold, made_on))
    return document


def write_summary_pdf(
    path: Path, stats: GroupStatistics, threshold: float, made_on: dt.date
) -> None:
    """A4 portrait. Raises OSError when the file cannot be written."""
    title = QCoreApplication.translate("AttendancePdf", "Attendance {group}").format(
        group=stats.group_name
    )
    write_html_pdf(path, summary_document(stats, threshold, made_on), title)

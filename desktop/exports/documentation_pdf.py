"""A pupil's documentation as an A4 PDF for the development talk
(utvecklingssamtal): the term's attendance in brief, the notes chosen (each
with its date, kind, who may see it and who wrote it), extra anpassningar
and åtgärdsprogram references (never a programme's text).

Only what the reader may see: the notes come from the cache, which holds
only what the server lets this teacher see; a private note is included for
its author alone (local_db.documentation.timeline.readable_by), and only
the visibilities the teacher ticks (private notes are left out unless
asked for, since the talk is with the pupil and guardians). The pupil's
name and groups only: no birth date, no guardians, no contact data, so a
pupil with protected identity (skyddad identitet) is safe in it too.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from desktop.exports.pdf_file import write_html_pdf
from desktop.models.attendance_texts import hours, percent
from desktop.models.documentation_texts import category_name, visibility_name
from local_db.attendance.views import PupilAttendance
from local_db.documentation import NoteView, PupilDocumentation
from local_db.documentation.timeline import readable_by
from local_db.views import MembershipView, PupilView

#: What a talk's PDF holds unless the teacher chooses otherwise.
DEFAULT_VISIBILITIES = frozenset({"teachers", "mentors"})

_STYLE = """
body { font-family: sans-serif; font-size: 9pt; color: #1f2933; }
h1 { font-size: 15pt; margin-bottom: 2px; }
h2 { font-size: 11.5pt; margin: 12px 0 3px 0; }
p.meta { color: #4b5563; margin-top: 0; }
table { border-collapse: collapse; }
th { background: #eef1f5; text-align: left; padding: 4px 6px; border-bottom: 1px solid #9ca3af; }
td { padding: 4px 6px; border-bottom: 1px solid #d5dbe3; vertical-align: top; }
p.empty { color: #4b5563; font-style: italic; }
p.note { color: #4b5563; font-size: 8pt; }
"""

translate = QCoreApplication.translate


def notes_for_export(
    documentation: PupilDocumentation, visibilities: Iterable[str]
) -> list[NoteView]:
    """The notes the PDF holds: readable by this teacher and of a chosen visibility."""
    chosen = set(visibilities)
    return [note for note in documentation.notes if readable_by(note) and note.visibility in chosen]


def _h2(text: str) -> str:
    return f"<h2>{html.escape(text)}</h2>"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _table(head: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="empty">{html.escape(empty)}</p>'
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table width="100%" cellspacing="0"><tr>{cells}</tr>{body}</table>'


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def documentation_html(
    pupil: PupilView,
    memberships: Iterable[MembershipView],
    documentation: PupilDocumentation,
    attendance: PupilAttendance | None,
    *,
    teacher_name: str,
    visibilities: Iterable[str] = DEFAULT_VISIBILITIES,
    made_on: dt.date,
) -> str:
    title = translate(
        "DocumentationPdf", "{pupil} – documentation for the development talk"
    ).format(pupil=pupil.full_name)
    current = [m.group_name for m in memberships if m.end_date is None or m.end_date >= made_on]
    meta = [
        translate("DocumentationPdf", "Groups: {groups}").format(groups=", ".join(current) or "–"),
        translate("DocumentationPdf", "Made {date} by {teacher}").format(
            date=made_on.isoformat(), teacher=teacher_name
        ),
    ]
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">{"<br>".join(html.escape(line) for line in meta)}</p>',
    ]
    if attendance is not None:
        sums = attendance.sums
        parts.append(_h2(translate("DocumentationPdf", "Attendance this term")))
        if sums.reported:
            line = translate(
                "DocumentationPdf",
                "{start} – {end}: absent {absence} of the registered lesson time "
                "({invalid} invalid, {valid} valid); late arrivals: {late}; {reported} registered.",
            ).format(
                start=attendance.start.isoformat(),
                end=attendance.end.isoformat(),
                absence=percent(sums.absence_percent),
                invalid=percent(sums.invalid_percent),
                valid=percent(sums.valid_percent),
                late=sums.late_count,
                reported=hours(sums.reported),
            )
            parts.append(f"<p>{html.escape(line)}</p>")
        else:
            none = translate("DocumentationPdf", "No roll call taken yet.")
            parts.append(f'<p class="empty">{html.escape(none)}</p>')
    notes = notes_for_export(documentation, visibilities)
    parts.append(_h2(translate("DocumentationPdf", "Notes")))
    parts.append(
        _table(
            [
                translate("DocumentationPdf", "Date"),
                translate("DocumentationPdf", "Kind"),
                translate("DocumentationPdf", "Visible to"),
                translate("DocumentationPdf", "Written by"),
                translate("DocumentationPdf", "Note"),
            ],
            [
                [
                    _day(note.note_date),
                    category_name(note.category) + (f" {note.term}" if note.term else ""),
                    visibility_name(note.visibility),
                    teacher_name
                    if note.mine
                    else (note.author_name or translate("DocumentationPdf", "Unknown")),
                    note.body,
                ]
                for note in notes
            ],
            translate("DocumentationPdf", "No notes of the kinds chosen."),
        )
    )
    parts.append(_h2(translate("DocumentationPdf", "Extra adjustments")))
    parts.append(
        _table(
            [
                translate("DocumentationPdf", "Adjustment"),
                translate("DocumentationPdf", "From"),
                translate("DocumentationPdf", "Until"),
                translate("DocumentationPdf", "Evaluation"),
            ],
            [
                [
                    a.what,
                    _day(a.start_date),
                    _day(a.end_date) or translate("DocumentationPdf", "ongoing"),
                    a.evaluation,
                ]
                for a in documentation.adjustments
            ],
            translate("DocumentationPdf", "No extra adjustments recorded."),
        )
    )
    if documentation.programmes:
        heading = translate("DocumentationPdf", "Action programmes (references)")
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts.append(
            _table(
                [
                    translate("DocumentationPdf", "Decided"),
                    translate("DocumentationPdf", "Decided by"),
                    translate("DocumentationPdf", "Where the document is"),
                ],
                [
                    [_day(p.decided_on), p.decided_by, p.document_location]
                    for p in documentation.programmes
                ],
                "",
            )
        )
    note = translate(
        "DocumentationPdf",
        "Holds what {teacher} may see in Klassbok; each note says who may see it. "
        "Contains pupil data: handle it as the school's rules say.",
    ).format(teacher=teacher_name)
    parts.append(f'<p class="note">{html.escape(note)}</p>')
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"


def write_documentation_pdf(path: Path, html_text: str, pupil: PupilView) -> None:
    """A4 portrait. Raises OSError when the file cannot be written."""
    document = QTextDocument()
    document.setHtml(html_text)
    write_html_pdf(path, document, pupil.full_name)

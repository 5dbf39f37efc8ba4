"""The pupil's timeline as a table: date, kind, what happened, details.

The words of each entry are made here (the cache hands over the records):
an absence week in hours, a result in its scale as the gradebook shows it,
a term grade as the teacher set it (never computed), a note with who sees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop.models.attendance_texts import hours, percent
from desktop.models.documentation_texts import category_name, visibility_name
from desktop.models.gradebook_texts import grade_text, marker_meaning, result_text
from desktop.models.rows_table_model import RowsTableModel
from local_db.attendance.views import AbsenceNoticeView, WeekAbsence
from local_db.documentation.timeline import (
    ADJUSTMENT,
    ATTENDANCE,
    GRADE,
    NOTE,
    RESULT,
    TermAttendance,
    TimelineEntry,
    TimelineGrade,
    TimelineResult,
)
from local_db.documentation.views import AdjustmentView, NoteView, ProgrammeRefView

translate = QCoreApplication.translate


def kind_name(kind: str) -> str:
    names = {
        ATTENDANCE: translate("Timeline", "Attendance"),
        RESULT: translate("Timeline", "Result"),
        GRADE: translate("Timeline", "Term grade"),
        NOTE: translate("Timeline", "Note"),
        ADJUSTMENT: translate("Timeline", "Adjustment"),
    }
    return names.get(kind, kind)


def kind_filter_name(kind: str) -> str:
    """The filter's toggle: what it shows, in the plural."""
    names = {
        ATTENDANCE: translate("Timeline", "Attendance"),
        RESULT: translate("Timeline", "Results"),
        GRADE: translate("Timeline", "Grades"),
        NOTE: translate("Timeline", "Notes"),
        ADJUSTMENT: translate("Timeline", "Adjustments"),
    }
    return names.get(kind, kind)


def _period(start: Any, end: Any) -> str:
    if start is None:
        return ""
    if end is None:
        return translate("Timeline", "from {start}").format(start=start.isoformat())
    return f"{start.isoformat()} – {end.isoformat()}"


def entry_text(entry: TimelineEntry) -> str:
    """What happened, in one line."""
    item = entry.item
    if isinstance(item, TermAttendance):
        sums = item.sums
        return translate(
            "Timeline", "This term so far: {absence} absence, of which {invalid} invalid"
        ).format(absence=percent(sums.absence_percent), invalid=percent(sums.invalid_percent))
    if isinstance(item, WeekAbsence):
        absent = item.valid_absence + item.invalid_absence
        return translate("Timeline", "Week {week}: absent {hours} ({invalid} invalid)").format(
            week=item.week, hours=hours(absent), invalid=hours(item.invalid_absence)
        )
    if isinstance(item, AbsenceNoticeView):
        return translate("Timeline", "Guardians told of invalid absence the same day")
    if isinstance(item, TimelineResult):
        cell = item.cell
        value = marker_meaning(cell.marker) if cell.marker else result_text(item.column, cell)
        if item.column.scale == "points" and cell.points is not None and item.column.max_points:
            value = f"{cell.points}/{item.column.max_points}"
        return f"{item.column.title}: {value}" if value else item.column.title
    if isinstance(item, TimelineGrade):
        grade = grade_text(item.cell.grade) if item.cell.grade else "–"
        return translate("Timeline", "{subject}, term grade {term}: {grade}").format(
            subject=item.subject or "?", term=item.term, grade=grade
        )
    if isinstance(item, NoteView):
        name = category_name(item.category)
        if item.term:
            name = f"{name} {item.term}"
        return f"{name}: {item.first_line}"
    if isinstance(item, AdjustmentView):
        return translate("Timeline", "Extra adjustment: {what}").format(what=item.what)
    if isinstance(item, ProgrammeRefView):
        return translate("Timeline", "Action programme decided (reference only)")
    return entry.title


def entry_detail(entry: TimelineEntry) -> str:
    """The line under it: where it comes from, who sees it, how it went."""
    item = entry.item
    if isinstance(item, TermAttendance):
        sums = item.sums
        text = translate("Timeline", "{reported} registered of {offered} offered").format(
            reported=hours(sums.reported), offered=hours(sums.offered)
        )
        if sums.late_count:
            late = translate("Timeline", "late arrivals: {count}").format(count=sums.late_count)
            text = f"{text} · {late}"
        return text
    if isinstance(item, AbsenceNoticeView):
        return {
            "sent": translate("Timeline", "Sent"),
            "queued": translate("Timeline", "Waiting to be sent"),
            "failed": translate("Timeline", "Could not be sent — the school office follows up"),
            "cancelled": translate(
                "Timeline", "Not sent: the absence was corrected or reported in time"
            ),
        }.get(item.state, item.state)
    if isinstance(item, TimelineResult):
        parts = [item.subject] if item.subject else []
        if item.cell.comment:
            parts.append(item.cell.comment.splitlines()[0])
        return " · ".join(parts)
    if isinstance(item, TimelineGrade):
        return translate("Timeline", "No basis for a grade") if item.cell.grade is None else ""
    if isinstance(item, NoteView):
        who = (
            translate("Timeline", "you")
            if item.mine
            else (item.author_name or translate("Timeline", "unknown"))
        )
        return translate("Timeline", "Visible to: {who} · written by {author}").format(
            who=visibility_name(item.visibility), author=who
        )
    if isinstance(item, AdjustmentView):
        parts = [_period(item.start_date, item.end_date)]
        if item.evaluation.strip():
            parts.append(item.evaluation.strip().splitlines()[0])
        return " · ".join(part for part in parts if part)
    if isinstance(item, ProgrammeRefView):
        return translate("Timeline", "Decided by {who} · the document is kept at {where}").format(
            who=item.decided_by or "?", where=item.document_location
        )
    return entry.detail


def day_text(entry: TimelineEntry) -> str:
    if entry.day is None:
        return translate("Timeline", "no date")
    return entry.day.isoformat()


class TimelineTableModel(RowsTableModel[TimelineEntry]):
    DATE, KIND, WHAT, DETAIL = range(4)

    def headers(self) -> Sequence[str]:
        return (self.tr("Date"), self.tr("Kind"), self.tr("What"), self.tr("Details"))

    def display(self, row: TimelineEntry, column: int) -> str:
        if column == self.DATE:
            return day_text(row)
        if column == self.KIND:
            return kind_name(row.kind)
        if column == self.WHAT:
            return entry_text(row)
        if column == self.DETAIL:
            return entry_detail(row)
        return ""

    def extra_data(self, row: TimelineEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.WHAT, self.DETAIL):
            # The whole line, its details, and the whole note, feedback or evaluation.
            parts = [entry_text(row), entry_detail(row)]
            if row.detail and row.detail.strip() not in parts:
                parts.append(row.detail)
            return "\n".join(part for part in parts if part)
        return None

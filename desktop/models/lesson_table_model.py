"""Lessons of a day (Today, the timetable's day view, Attendance)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont

from desktop import local_time, theme
from desktop.models.rows_table_model import RowsTableModel
from local_db.views import LessonView

#: Custom role: the lesson's place in the day (a LessonTiming or None).
TIMING_ROLE = Qt.ItemDataRole.UserRole + 2

#: Soft highlight of the current/next lesson (matches resources/style).
HIGHLIGHT = "#e4f0fb"
MUTED = "#6b7280"


class LessonTiming(enum.Enum):
    CURRENT = "current"
    NEXT = "next"
    PAST = "past"


class LessonTableModel(RowsTableModel[LessonView]):
    TIME, SUBJECT, GROUPS, ROOM, ROLL_CALL = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now: dt.datetime | None = None
        self._timing: dict[uuid.UUID, LessonTiming] = {}

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Time"),
            self.tr("Lesson"),
            self.tr("Groups"),
            self.tr("Room"),
            self.tr("Roll call"),
        )

    def set_rows(self, rows: Sequence[LessonView]) -> None:
        ordered = sorted(rows, key=lambda lesson: (lesson.start_time, lesson.activity_name))
        super().set_rows(ordered)
        self._timing = self._compute_timing()

    def set_now(self, moment: dt.datetime | None) -> None:
        """Mark the current and next lesson as of `moment` (None: no marking)."""
        self._now = moment
        before = self._timing
        self._timing = self._compute_timing()
        changed = [
            i
            for i, lesson in enumerate(self._rows)
            if before.get(lesson.id) != self._timing.get(lesson.id)
        ]
        if changed:
            # One ranged signal for the span that changed, not a reset.
            self.dataChanged.emit(
                self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1)
            )

    def timing(self, lesson: LessonView) -> LessonTiming | None:
        return self._timing.get(lesson.id)

    def _compute_timing(self) -> dict[uuid.UUID, LessonTiming]:
        if self._now is None:
            return {}
        timing: dict[uuid.UUID, LessonTiming] = {}
        next_found = False
        for lesson in self._rows:
            if lesson.end_time <= self._now:
                timing[lesson.id] = LessonTiming.PAST
            elif lesson.cancelled:
                continue
            elif lesson.start_time <= self._now:
                timing[lesson.id] = LessonTiming.CURRENT
            elif not next_found:
                timing[lesson.id] = LessonTiming.NEXT
                next_found = True
        if any(t is LessonTiming.CURRENT for t in timing.values()):
            # While a lesson is on, that one is the highlight; "next" would compete.
            timing = {k: v for k, v in timing.items() if v is not LessonTiming.NEXT}
        return timing

    def display(self, row: LessonView, column: int) -> str:
        if column == self.TIME:
            return local_time.time_range(row.start_time, row.end_time)
        if column == self.SUBJECT:
            return lesson_title(row)
        if column == self.GROUPS:
            return ", ".join(row.group_names)
        if column == self.ROOM:
            return row.room or ""
        if column == self.ROLL_CALL:
            return self.roll_call_text(row)
        return ""

    def roll_call_text(self, row: LessonView) -> str:
        if row.cancelled:
            return self.tr("Cancelled")
        if row.registered:
            return self.tr("Taken")
        if self._now is not None and row.start_time > self._now:
            return self.tr("Later")
        return self.tr("Not taken")

    def extra_data(self, row: LessonView, column: int, role: int) -> Any:
        timing = self._timing.get(row.id)
        if role == TIMING_ROLE:
            return timing
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if row.cancelled:
                font.setStrikeOut(True)
            if timing is LessonTiming.CURRENT or timing is LessonTiming.NEXT:
                font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and timing in (
            LessonTiming.CURRENT,
            LessonTiming.NEXT,
        ):
            return QBrush(theme.colour(HIGHLIGHT))
        if role == Qt.ItemDataRole.ForegroundRole and (
            row.cancelled or timing is LessonTiming.PAST
        ):
            return QBrush(theme.colour(MUTED))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        return None

    def tooltip(self, row: LessonView) -> str:
        parts = [f"{lesson_title(row)}, {local_time.time_range(row.start_time, row.end_time)}"]
        if row.teacher_names:
            parts.append(self.tr("Teachers: {names}").format(names=", ".join(row.teacher_names)))
        if row.cancelled:
            parts.append(self.tr("This lesson is cancelled."))
        return "\n".join(parts)


def lesson_title(lesson: LessonView) -> str:
    """The subject when there is one (what teachers say), else the activity."""
    return lesson.subject_name or lesson.activity_name

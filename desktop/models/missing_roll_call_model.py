"""Past lessons whose roll call was never taken (Today, Attendance)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop import local_time
from desktop.models.lesson_table_model import lesson_title
from desktop.models.rows_table_model import RowsTableModel
from local_db.views import LessonView


class MissingRollCallModel(RowsTableModel[LessonView]):
    DATE, TIME, LESSON, GROUPS = range(4)

    def headers(self) -> Sequence[str]:
        return (self.tr("Date"), self.tr("Time"), self.tr("Lesson"), self.tr("Groups"))

    def display(self, row: LessonView, column: int) -> str:
        if column == self.DATE:
            day = local_time.to_local(row.start_time).date()
            return f"{local_time.weekday_name(day)} {local_time.short_date(day)}"
        if column == self.TIME:
            return local_time.time_range(row.start_time, row.end_time)
        if column == self.LESSON:
            return lesson_title(row)
        if column == self.GROUPS:
            return ", ".join(row.group_names)
        return ""

    def extra_data(self, row: LessonView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Roll call not taken. Press Enter or double-click to take it now.")
        return None

"""A group's attendance, a row per pupil, pupils at or above the school's
threshold highlighted (with words, not colour alone)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont

from desktop import theme
from desktop.models.attendance_texts import hours, percent, threshold_text
from desktop.models.rows_table_model import RowsTableModel
from local_db.attendance.views import PupilSums

#: Custom role: a number to sort by (the proxy sorts on it).
SORT_ROLE = Qt.ItemDataRole.UserRole + 4

FLAG_FILL = "#fdf0d9"
FLAG_TEXT = "#9a5b00"


class AttendanceStatisticsModel(RowsTableModel[PupilSums]):
    PUPIL, ABSENCE, INVALID, VALID, LATE, REPORTED, NOTE = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = 15.0

    def set_threshold(self, threshold: float) -> None:
        self.threshold = threshold
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )

    def flagged(self, row: PupilSums) -> bool:
        return row.sums.at_or_above(self.threshold)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Pupil"),
            self.tr("Absence"),
            self.tr("Invalid"),
            self.tr("Valid"),
            self.tr("Late"),
            self.tr("Registered"),
            "",
        )

    def display(self, row: PupilSums, column: int) -> str:
        sums = row.sums
        if column == self.PUPIL:
            return f"{row.pupil.family_name}, {row.pupil.given_name}"
        if column == self.ABSENCE:
            return percent(sums.absence_percent)
        if column == self.INVALID:
            return percent(sums.invalid_percent)
        if column == self.VALID:
            return percent(sums.valid_percent)
        if column == self.LATE:
            return str(sums.late_count)
        if column == self.REPORTED:
            return hours(sums.reported)
        if column == self.NOTE:
            if self.flagged(row):
                return self.tr("At or above {threshold}").format(
                    threshold=threshold_text(self.threshold)
                )
            return ""
        return ""

    def sort_value(self, row: PupilSums, column: int) -> Any:
        sums = row.sums
        values: dict[int, Any] = {
            self.PUPIL: self.display(row, self.PUPIL).casefold(),
            self.ABSENCE: sums.absence_percent or 0.0,
            self.INVALID: sums.invalid_percent or 0.0,
            self.VALID: sums.valid_percent or 0.0,
            self.LATE: sums.late_count,
            self.REPORTED: sums.reported,
            self.NOTE: 1 if self.flagged(row) else 0,
        }
        return values.get(column)

    def extra_data(self, row: PupilSums, column: int, role: int) -> Any:
        flagged = self.flagged(row)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (self.PUPIL, self.NOTE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and flagged:
            return QBrush(theme.colour(FLAG_FILL))
        if role == Qt.ItemDataRole.ForegroundRole and flagged and column == self.NOTE:
            return QBrush(theme.colour(FLAG_TEXT))
        if role == Qt.ItemDataRole.FontRole and flagged and column in (self.PUPIL, self.ABSENCE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        return None

    def tooltip(self, row: PupilSums) -> str:
        sums = row.sums
        return self.tr(
            "{name}\nLesson time offered {offered} min, registered {reported} min\n"
            "Present {attended} min · valid absence {valid} min · invalid absence "
            "{invalid} min · other school activity {other} min\nLate {late} time(s)"
        ).format(
            name=row.pupil.full_name,
            offered=sums.offered,
            reported=sums.reported,
            attended=sums.attendance,
            valid=sums.valid_absence,
            invalid=sums.invalid_absence,
            other=sums.other_attendance,
            late=sums.late_count,
        )

"""One lesson's roll call: a row per pupil with their mark and where a valid
absence comes from.

Rows are replaced in place when the pupils are the same (a co-teacher's
marks arriving through sync, or the teacher's own): one ranged dataChanged
for the rows that changed, so the view keeps its selection and scroll
position. Only a different list of pupils resets the model.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from desktop import theme
from desktop.models.attendance_texts import (
    STATE_COLORS,
    late_report_question,
    mark_text,
    report_text,
    state_name,
)
from desktop.models.rows_table_model import ROW_ROLE
from local_db.attendance.views import RollCallEntry

AnyIndex = QModelIndex | QPersistentModelIndex

#: Custom role: the entry's state (str, or None when not marked).
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

MUTED = "#6b7280"  # a pupil no longer in the group: quieter, still readable
QUESTION_FILL = "#fdf6e3"


def shown_state(entry: RollCallEntry) -> str | None:
    """The state a row shows: a report's valid absence before anyone marked."""
    if entry.mark is not None:
        return entry.mark.status
    return "valid_absence" if entry.prefilled else None


class RollCallModel(QAbstractTableModel):
    BADGE, NAME, MARK, NOTE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[RollCallEntry] = []
        #: The lesson's day: reports of that day show only their time.
        self.day: dt.date | None = None
        #: The signed-in teacher: marks by others say who made them.
        self.me: uuid.UUID | None = None

    # --- rows ------------------------------------------------------------------

    def set_entries(self, entries: Sequence[RollCallEntry], day: dt.date | None = None) -> None:
        new = list(entries)
        same_day = day == self.day
        self.day = day
        if same_day and [e.pupil.id for e in new] == [e.pupil.id for e in self._entries]:
            changed = [
                i for i, (old, now) in enumerate(zip(self._entries, new, strict=True)) if old != now
            ]
            self._entries = new
            if changed:
                self.dataChanged.emit(
                    self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1)
                )
            return
        self.beginResetModel()
        self._entries = new
        self.endResetModel()

    def replace_entry(self, row: int, entry: RollCallEntry) -> None:
        if not 0 <= row < len(self._entries) or self._entries[row] == entry:
            return
        self._entries[row] = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def entries(self) -> list[RollCallEntry]:
        return list(self._entries)

    def entry_at(self, row: int) -> RollCallEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, pupil_id: uuid.UUID) -> int | None:
        return next((i for i, e in enumerate(self._entries) if e.pupil.id == pupil_id), None)

    # --- Qt --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = ("", self.tr("Pupil"), self.tr("Attendance"), self.tr("Note"))
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.sentence(entry)
        if role == ROW_ROLE:
            return entry
        if role == STATE_ROLE:
            return shown_state(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(entry, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(entry, column)
        if role == Qt.ItemDataRole.BackgroundRole and entry.report_needs_answer:
            return QBrush(theme.colour(QUESTION_FILL))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.BADGE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    # --- what a row says -------------------------------------------------------

    def _display(self, entry: RollCallEntry, column: int) -> str:
        if column == self.BADGE:
            return entry.pupil.initials
        if column == self.NAME:
            return entry.pupil.full_name
        if column == self.MARK:
            if entry.prefilled:
                return state_name("valid_absence")
            return mark_text(entry.mark)
        if column == self.NOTE:
            return self.note(entry)
        return ""

    def note(self, entry: RollCallEntry) -> str:
        parts: list[str] = []
        day = self.day or dt.date.today()
        if not entry.member:
            parts.append(self.tr("No longer in the group on this day"))
        if entry.report_needs_answer and entry.report is not None:
            parts.append(late_report_question(entry.report, day))
        elif entry.report is not None:
            parts.append(report_text(entry.report, day))
        if entry.mark is not None and entry.mark.comment:
            parts.append(f"“{entry.mark.comment}”")
        return " · ".join(parts)

    def sentence(self, entry: RollCallEntry) -> str:
        """The whole row in words, for screen readers."""
        text = f"{entry.pupil.full_name}: {self._display(entry, self.MARK)}"
        note = self.note(entry)
        return f"{text}. {note}" if note else text

    def _tooltip(self, entry: RollCallEntry) -> str:
        lines = [self.sentence(entry)]
        mark = entry.mark
        if mark is not None and mark.marked_by_name and mark.marked_by != self.me:
            lines.append(self.tr("Marked by {name}").format(name=mark.marked_by_name))
        if entry.report is not None and entry.report.reported_by_name:
            lines.append(self.tr("Reported by {name}").format(name=entry.report.reported_by_name))
        if not entry.member:
            lines.append(
                self.tr(
                    "The mark was made while the pupil was in the group. It is kept as it "
                    "was and can't be changed here."
                )
            )
        return "\n".join(lines)

    def _foreground(self, entry: RollCallEntry, column: int) -> QBrush | None:
        if not entry.member:
            return QBrush(theme.colour(MUTED))
        if column == self.MARK:
            return QBrush(theme.colour(STATE_COLORS.get(shown_state(entry), STATE_COLORS[None])[0]))
        return None

    def _font(self, entry: RollCallEntry, column: int) -> QFont | None:
        font = QFont()
        if column == self.MARK and entry.mark is not None:
            font.setBold(True)
            return font
        if (entry.prefilled and column == self.MARK) or not entry.member:
            font.setItalic(True)  # from a report / kept: not set by the teacher here
            return font
        return None

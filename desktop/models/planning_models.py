"""The planning page's models: the week's lessons with their plans, a
group's units, and the catalogue picker's items (checkable). Plain frozen
data from local_db.planning; nothing here reads the database."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop import local_time
from desktop.models.rows_table_model import ROW_ROLE, AnyIndex, RowsTableModel
from local_db.planning.views import PickedItem, UnitSummary, WeekLesson
from sync_protocol.planning_documents import PUBLISHED

MUTED = QColor("#6b7280")


def status_text(status: str) -> str:
    return (
        QCoreApplication.translate("PlanningModels", "Published")
        if status == PUBLISHED
        else QCoreApplication.translate("PlanningModels", "Draft")
    )


def first_line(text: str, limit: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class WeekPlanModel(RowsTableModel[WeekLesson]):
    """One row per lesson of the week, in time order."""

    DAY, TIME, LESSON, PLAN, HOMEWORK, LINKS = range(6)

    def headers(self) -> Sequence[str]:
        return (
            QCoreApplication.translate("PlanningModels", "Day"),
            QCoreApplication.translate("PlanningModels", "Time"),
            QCoreApplication.translate("PlanningModels", "Lesson"),
            QCoreApplication.translate("PlanningModels", "Plan"),
            QCoreApplication.translate("PlanningModels", "Homework"),
            QCoreApplication.translate("PlanningModels", "Links"),
        )

    def display(self, row: WeekLesson, column: int) -> str:
        lesson, plan = row.lesson, row.plan
        start = local_time.to_local(lesson.start_time)
        if column == self.DAY:
            return f"{local_time.weekday_name(start.date())} {local_time.short_date(start.date())}"
        if column == self.TIME:
            return local_time.time_range(lesson.start_time, lesson.end_time)
        if column == self.LESSON:
            name = lesson.activity_name
            return (
                QCoreApplication.translate("PlanningModels", "{name} (cancelled)").format(name=name)
                if lesson.cancelled
                else name
            )
        if plan is None:
            return (
                ""
                if column != self.PLAN
                else QCoreApplication.translate("PlanningModels", "No plan yet")
            )
        if column == self.PLAN:
            text = first_line(plan.content) or QCoreApplication.translate(
                "PlanningModels", "No plan yet"
            )
            return f"{plan.unit_title}: {text}" if plan.unit_title else text
        if column == self.HOMEWORK:
            return first_line(plan.homework)
        if column == self.LINKS:
            return str(len(plan.links)) if plan.links else ""
        return ""

    def extra_data(self, row: WeekLesson, column: int, role: int) -> Any:
        empty = row.plan is None or row.plan.is_empty
        if role == Qt.ItemDataRole.ForegroundRole and (
            row.lesson.cancelled or (column == self.PLAN and empty)
        ):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and row.lesson.cancelled:
            font = QFont()
            font.setStrikeOut(column in (self.DAY, self.TIME, self.LESSON))
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PLAN and row.plan:
            return row.plan.content or None
        return None

    def row_of_lesson(self, lesson_id: uuid.UUID) -> int:
        for number, row in enumerate(self._rows):
            if row.lesson.id == lesson_id:
                return number
        return -1


class UnitListModel(QAbstractListModel):
    """A group's units: title, weeks and status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._units: list[UnitSummary] = []

    def set_units(self, units: Iterable[UnitSummary]) -> None:
        self.beginResetModel()
        self._units = list(units)
        self.endResetModel()

    def unit_at(self, row: int) -> UnitSummary | None:
        return self._units[row] if 0 <= row < len(self._units) else None

    def row_of(self, unit_id: uuid.UUID | None) -> int:
        for number, unit in enumerate(self._units):
            if unit.id == unit_id:
                return number
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        unit = self.unit_at(index.row()) if index.isValid() else None
        if unit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            weeks = ""
            if unit.start_date is not None:
                first = local_time.iso_week(unit.start_date)
                last = local_time.iso_week(unit.end_date) if unit.end_date else first
                weeks = QCoreApplication.translate("PlanningModels", "weeks {first}–{last}").format(
                    first=first, last=last
                )
            parts = [unit.title, weeks, status_text(unit.status)]
            return " · ".join(part for part in parts if part)
        if role == ROW_ROLE:
            return unit
        if role == Qt.ItemDataRole.ForegroundRole and unit.status != PUBLISHED:
            return QBrush(MUTED)
        return None


class CatalogueItemModel(QAbstractListModel):
    """The catalogue items on show (filtered by the search), each checkable;
    the checked ones are kept across searches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[PickedItem] = []
        self._checked: list[uuid.UUID] = []

    def set_items(self, items: Sequence[PickedItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def set_checked(self, item_ids: Iterable[uuid.UUID]) -> None:
        self._checked = list(dict.fromkeys(item_ids))
        if self._items:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._items) - 1), [Qt.ItemDataRole.CheckStateRole]
            )

    def checked(self) -> list[uuid.UUID]:
        return list(self._checked)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item_text(item)
        if role == Qt.ItemDataRole.CheckStateRole:
            on = item.id in self._checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text
        if role == ROW_ROLE:
            return item
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._items):
            return False
        item = self._items[index.row()]
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if on and item.id not in self._checked:
            self._checked.append(item.id)
        elif not on and item.id in self._checked:
            self._checked.remove(item.id)
        else:
            return True
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def item_text(item: PickedItem) -> str:
    """How a catalogue item reads in a list: where it stands, then its text."""
    if item.item_kind == "central_content":
        where = QCoreApplication.translate(
            "PlanningModels", "Central content {year}, {heading}"
        ).format(year=item.year, heading=item.heading)
    else:
        where = QCoreApplication.translate(
            "PlanningModels", "Criteria year {year}, {step}, paragraph {n}"
        ).format(year=item.year, step=item.grade_step or "", n=item.position)
    return f"{where}: {item.text}"

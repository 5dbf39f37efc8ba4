"""Which assessment columns show: by kind, by period, and the ones the teacher hid.

The name, summary and term-grade columns always show. Sorting reads each
cell's SORT_ROLE (points as numbers, grades in scale order, empty last).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from desktop.models.gradebook_model import SORT_ROLE, GradebookModel


class GradebookFilter(QSortFilterProxyModel):
    def __init__(self, model: GradebookModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gradebook = model
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.kind: str | None = None
        self.period: tuple[dt.date, dt.date] | None = None
        self.hidden: set[uuid.UUID] = set()

    def set_kind(self, kind: str | None) -> None:
        self._change(lambda: setattr(self, "kind", kind))

    def set_period(self, period: tuple[dt.date, dt.date] | None) -> None:
        self._change(lambda: setattr(self, "period", period))

    def set_hidden(self, hidden: set[uuid.UUID]) -> None:
        self._change(lambda: setattr(self, "hidden", set(hidden)))

    def _change(self, apply: Callable[[], None]) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.9
            apply()
            self.invalidateColumnsFilter()
            return
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Columns)

    def filterAcceptsColumn(
        self, source_column: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        column = self.gradebook.column_at(source_column)
        if column is None:
            return True
        if column.id in self.hidden:
            return False
        if self.kind is not None and column.assessment_type != self.kind:
            return False
        if self.period is not None and column.date is not None:
            start, end = self.period
            return start <= column.date <= end
        return True

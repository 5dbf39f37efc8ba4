"""Conflicts to decide (Conflicts page): pupil, what, which field, with whom, when."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.models.conflict_texts import person, type_text, what_text, when_text
from desktop.models.rows_table_model import RowsTableModel
from local_db.repositories.sync_overview import ConflictItem


def colleague(item: ConflictItem) -> str:
    """The other teacher of the conflict (both names when neither is me)."""
    view = item.view
    if view.mine_is is None:
        names = {person(view.current.by_name), person(view.rival.by_name)}
        return " / ".join(sorted(names))
    return person(view.theirs.by_name)


def latest_change(item: ConflictItem) -> str:
    times = [side.at for side in (item.view.current, item.view.rival) if side.at is not None]
    return when_text(max(times)) if times else ""


class ConflictTableModel(RowsTableModel[ConflictItem]):
    PUPIL, WHAT, FIELD, WITH, WHEN = range(5)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Pupil"),
            self.tr("What"),
            self.tr("Field"),
            self.tr("With"),
            self.tr("Changed"),
        )

    def display(self, row: ConflictItem, column: int) -> str:
        if column == self.PUPIL:
            return row.view.pupil_name or "–"
        if column == self.WHAT:
            return what_text(row)
        if column == self.FIELD:
            return type_text(row)
        if column == self.WITH:
            return colleague(row)
        if column == self.WHEN:
            return latest_change(row)
        return ""

    def extra_data(self, row: ConflictItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.WHAT:
            return what_text(row)
        return None

    def row_of(self, conflict_id: object) -> int:
        """The row of a conflict by id; -1 when it is not listed."""
        for number, item in enumerate(self._rows):
            if item.view.id == conflict_id:
                return number
        return -1

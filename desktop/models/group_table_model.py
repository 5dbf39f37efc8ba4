"""The teacher's groups with pupil counts (Groups page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop.models.rows_table_model import RowsTableModel
from local_db.views import GroupView


def group_type_name(group_type: str) -> str:
    names = {
        "class": QCoreApplication.translate("GroupTableModel", "Class"),
        "teaching": QCoreApplication.translate("GroupTableModel", "Teaching group"),
        "mentor": QCoreApplication.translate("GroupTableModel", "Mentor group"),
        "other": QCoreApplication.translate("GroupTableModel", "Other group"),
    }
    return names.get(group_type, group_type)


class GroupTableModel(RowsTableModel[GroupView]):
    NAME, KIND, YEAR, PUPILS = range(4)

    def headers(self) -> Sequence[str]:
        return (self.tr("Group"), self.tr("Kind"), self.tr("Year"), self.tr("Pupils"))

    def set_rows(self, rows: Sequence[GroupView]) -> None:
        # Own groups first, then by name as teachers write them (7A before 7B).
        super().set_rows(
            sorted(rows, key=lambda g: (not g.taught_by_me, g.display_name.casefold()))
        )

    def display(self, row: GroupView, column: int) -> str:
        if column == self.NAME:
            return row.display_name
        if column == self.KIND:
            return group_type_name(row.group_type)
        if column == self.YEAR:
            return "" if row.school_year is None else str(row.school_year)
        if column == self.PUPILS:
            return str(row.pupil_count)
        return ""

    def extra_data(self, row: GroupView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.YEAR, self.PUPILS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and not row.taught_by_me:
            return self.tr("You see this group because you co-teach one of its lessons.")
        return None

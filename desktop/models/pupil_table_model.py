"""Pupils of a group or a search (Groups and Pupils pages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.models.rows_table_model import RowsTableModel
from local_db.views import PupilView


class PupilTableModel(RowsTableModel[PupilView]):
    NAME, NOTE = range(2)

    def headers(self) -> Sequence[str]:
        return (self.tr("Name"), "")

    def set_rows(self, rows: Sequence[PupilView]) -> None:
        super().set_rows(sorted(rows, key=lambda p: p.sort_key))

    def display(self, row: PupilView, column: int) -> str:
        if column == self.NAME:
            # Family name first: how class lists are read and sorted in school.
            return f"{row.family_name}, {row.given_name}"
        if column == self.NOTE:
            # Short: the list is narrow; the tooltip and the pupil page say more.
            return self.tr("Protected") if row.protected else ""
        return ""

    def extra_data(self, row: PupilView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.protected:
            return self.tr("Protected identity — contact details are not shown")
        return None

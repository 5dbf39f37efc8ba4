"""Table models of a pupil's documentation (Pupils page): notes, extra
anpassningar and åtgärdsprogram references."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.models.documentation_texts import category_name, visibility_name
from desktop.models.rows_table_model import RowsTableModel
from local_db.documentation import AdjustmentView, NoteView, ProgrammeRefView


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else ""


class NoteTableModel(RowsTableModel[NoteView]):
    DATE, CATEGORY, VISIBILITY, AUTHOR, TEXT = range(5)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Date"),
            self.tr("Kind"),
            self.tr("Visible to"),
            self.tr("Written by"),
            self.tr("Note"),
        )

    def display(self, row: NoteView, column: int) -> str:
        if column == self.DATE:
            return _day(row.note_date)
        if column == self.CATEGORY:
            name = category_name(row.category)
            return f"{name} {row.term}" if row.term else name
        if column == self.VISIBILITY:
            return visibility_name(row.visibility)
        if column == self.AUTHOR:
            if row.mine:
                return self.tr("You")
            return row.author_name or self.tr("Unknown")
        if column == self.TEXT:
            return row.first_line
        return ""

    def extra_data(self, row: NoteView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            return row.body
        return None


class AdjustmentTableModel(RowsTableModel[AdjustmentView]):
    WHAT, FROM, UNTIL, EVALUATION = range(4)

    def headers(self) -> Sequence[str]:
        return (self.tr("Adjustment"), self.tr("From"), self.tr("Until"), self.tr("Evaluation"))

    def display(self, row: AdjustmentView, column: int) -> str:
        if column == self.WHAT:
            return row.what
        if column == self.FROM:
            return _day(row.start_date)
        if column == self.UNTIL:
            return _day(row.end_date) if row.end_date else self.tr("ongoing")
        if column == self.EVALUATION:
            return row.evaluation.splitlines()[0] if row.evaluation.strip() else ""
        return ""


class ProgrammeTableModel(RowsTableModel[ProgrammeRefView]):
    DECIDED, BY, WHERE = range(3)

    def headers(self) -> Sequence[str]:
        return (self.tr("Decided"), self.tr("Decided by"), self.tr("Where the document is"))

    def display(self, row: ProgrammeRefView, column: int) -> str:
        if column == self.DECIDED:
            return _day(row.decided_on)
        if column == self.BY:
            return row.decided_by
        if column == self.WHERE:
            return row.document_location
        return ""

"""The gradebook's table: a spreadsheet's keys over a frozen name column.

Enter moves down and Tab right (also after typing a value), Delete clears
the selected cells, Ctrl+C copies the selection as tab-separated text,
Ctrl+V pastes a block, Ctrl+Z undoes; F2 or a double-click on a matrix cell
opens its levels. The pupil names stay in view while the assessments scroll
(a second view over column 0, Qt's frozen-column pattern), so no name ever
scrolls away from its row.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from desktop import theme
from desktop.models.gradebook_model import COLUMN_ROLE, NAME_COLUMN

Hint = QAbstractItemDelegate.EndEditHint


def block_text(rows: list[list[str]]) -> str:
    """Cells as tab-separated lines, as spreadsheets copy and paste them."""
    return "\n".join(
        "\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row) for row in rows
    )


def parse_block(text: str) -> list[list[str]]:
    """A pasted block's cells; Excel ends the last line with a newline, LibreOffice may not."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


class SpreadsheetKeys(QStyledItemDelegate):
    """While typing in a cell: Enter saves and moves down, Tab saves and moves
    right, Shift+Tab left, Esc leaves the cell as it was."""

    def __init__(self, table: GradebookTable) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            key = event.key()  # type: ignore[attr-defined]
            moves = {
                Qt.Key.Key_Return: (1, 0),
                Qt.Key.Key_Enter: (1, 0),
                Qt.Key.Key_Tab: (0, 1),
                Qt.Key.Key_Backtab: (0, -1),
            }
            if key in moves:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, Hint.NoHint)
                self.table.step(*moves[key])
                return True
        return super().eventFilter(editor, event)


class GradebookTable(QTableView):
    copy_requested = Signal()
    paste_requested = Signal()
    clear_requested = Signal()
    undo_requested = Signal()
    #: A matrix cell was opened (F2, double-click): its proxy index.
    matrix_cell_opened = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradebookTable")
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setDefaultSectionSize(84)
        self.horizontalHeader().setSectionsMovable(False)
        self.horizontalHeader().setHighlightSections(False)
        # A long title shows its start (the tooltip has all of it).
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.doubleClicked.connect(self._double_clicked)
        self.setItemDelegate(SpreadsheetKeys(self))

        self.frozen = QTableView(self)
        self.frozen.setObjectName("gradebookNames")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setAlternatingRowColors(True)
        self.frozen.setStyleSheet(
            "QTableView { border: none; border-right: 1px solid "
            + theme.hex_colour("#c9ccd1")
            + "; }"
        )
        self.frozen.horizontalHeader().sectionClicked.connect(self._sort_by_name)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.frozen.show()

    # --- the frozen name column --------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        model_ = self.model()
        if model_ is not None:
            model_.modelReset.connect(self._frame_frozen)
            model_.layoutChanged.connect(self._frame_frozen)
            model_.columnsInserted.connect(self._frame_frozen)
            model_.columnsRemoved.connect(self._frame_frozen)
        self._frame_frozen()

    def _grow(self) -> float:
        """How much larger than the normal text size the teacher's text is."""
        return max(1.0, self.font().pointSizeF() / theme.BASE_POINT_SIZE)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the teacher chose a text size
            self._frame_frozen()

    def _frame_frozen(self) -> None:
        rows = max(28, self.fontMetrics().height() + 10)  # fixed: the table never measures
        self.verticalHeader().setDefaultSectionSize(rows)
        self.frozen.verticalHeader().setDefaultSectionSize(rows)
        model = self.model()
        if model is None:
            return
        grow = self._grow()
        metrics = self.horizontalHeader().fontMetrics()
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column != NAME_COLUMN)
            if column == NAME_COLUMN:
                continue
            # Wide enough for its title (up to a point: the tooltip has the rest).
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = min(max(84, metrics.horizontalAdvance(title) * 6 // 5 + 36), int(150 * grow))
            shown = model.headerData(column, Qt.Orientation.Horizontal, COLUMN_ROLE)
            if shown is not None and shown.scale == "matrix":
                width = max(width, int(132 * grow))  # "A×1 C×2 E×2" whole
            self.setColumnWidth(column, width)
        if model.columnCount() > 2:
            summary = model.columnCount() - 2
            self.setColumnWidth(summary, max(int(150 * grow), self.columnWidth(summary)))
        self.setColumnWidth(NAME_COLUMN, max(self.columnWidth(NAME_COLUMN), int(180 * grow)))
        self.frozen.setColumnWidth(NAME_COLUMN, self.columnWidth(NAME_COLUMN))
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._place_frozen()

    def _sort_by_name(self, _section: int) -> None:
        header = self.horizontalHeader()
        ascending = not (
            header.sortIndicatorSection() == NAME_COLUMN
            and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        )
        self.sortByColumn(
            NAME_COLUMN, Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
        )

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column == NAME_COLUMN:
            self.frozen.setColumnWidth(NAME_COLUMN, new)
            self._place_frozen()

    def _place_frozen(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            frame,
            frame,
            self.columnWidth(NAME_COLUMN),
            self.viewport().height() + self.horizontalHeader().height(),
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_frozen()

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = super().moveCursor(action, modifiers)
        # Keep the current cell out from under the frozen names when moving left.
        if (
            action == QAbstractItemView.CursorAction.MoveLeft
            and current.column() > NAME_COLUMN
            and self.visualRect(current).topLeft().x() < self.frozen.columnWidth(NAME_COLUMN)
        ):
            bar = self.horizontalScrollBar()
            bar.setValue(
                bar.value()
                + self.visualRect(current).topLeft().x()
                - self.frozen.columnWidth(NAME_COLUMN)
            )
        return current

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if index.column() > NAME_COLUMN:
            super().scrollTo(index, hint)

    # --- keys -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        key = event.key()
        if (
            key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.clear_requested.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step(1, 0)
            return
        if key == Qt.Key.Key_F2 and not self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable:
            self.matrix_cell_opened.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def step(self, down: int, right: int) -> None:
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return
        row = min(max(current.row() + down, 0), model.rowCount() - 1)
        column = min(max(current.column() + right, NAME_COLUMN + 1), model.columnCount() - 1)
        target = model.index(row, column)
        self.selectionModel().setCurrentIndex(
            target, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.scrollTo(target)

    def _double_clicked(self, index: QModelIndex) -> None:
        if (
            index.isValid()
            and not index.flags() & Qt.ItemFlag.ItemIsEditable
            and index.column() > NAME_COLUMN
        ):
            self.matrix_cell_opened.emit(index)

    # --- selection ---------------------------------------------------------------

    def selected_block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) around the selection; the current cell when none."""
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            current = self.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        columns = [i.column() for i in indexes]
        return min(rows), min(columns), max(rows), max(columns)

"""From keys to writes: which cells a paste or a clear touches, checked before
anything is written, then written on the DB worker in one transaction.

A block is checked whole first (its shape, and every value against its
column's scale): one cell that does not fit refuses the paste and nothing
is written. The writes and their undo go through local_db.assessment.grading.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, SignalInstance
from PySide6.QtWidgets import QDialog, QLineEdit, QTableView, QWidget
from sqlalchemy import Connection

from desktop.error_messages import storage_message, user_message
from desktop.models.gradebook_model import GradebookModel
from desktop.models.gradebook_texts import refusal_text
from desktop.pages.page import PageServices
from local_db.assessment.entry import (
    EntryProblem,
    EntryRefused,
    result_changes,
    term_grade_changes,
)
from local_db.assessment.grading import Entry
from local_db.assessment.views import AssessmentColumn

log = logging.getLogger(__name__)


class GradebookHost(Protocol):
    """What the gradebook's dialogs and exports need of the page."""

    last_dialog: QDialog | None
    loaded: SignalInstance

    @property
    def model(self) -> GradebookModel: ...

    @property
    def proxy(self) -> QSortFilterProxyModel: ...

    @property
    def services(self) -> PageServices: ...

    def as_widget(self) -> QWidget:
        """The page itself: the parent of its dialogs, the owner of its tasks."""
        ...

    @property
    def table(self) -> QTableView: ...

    def show_message(self, text: str) -> None: ...

    def run_write(
        self,
        work: Callable[[Connection], object],
        *,
        undoing: bool = False,
        typed: list[Entry] | None = None,
    ) -> None:
        """One write transaction on the DB worker; an UndoStep it returns can be
        undone; typed: the entries it writes, offered again if the disk is full."""
        ...


#: The change name pages see in operation_did_execute after a gradebook write.
ASSESSMENT_CHANGES = frozenset({"assessment"})


@dataclass(frozen=True)
class CellTarget:
    pupil: uuid.UUID
    column: AssessmentColumn | None  # None: the term grade


def target_at(
    model: GradebookModel, proxy: QSortFilterProxyModel, row: int, column: int
) -> CellTarget | None:
    """The writable cell at a view position (None: the name or summary column)."""
    source = proxy.mapToSource(proxy.index(row, column))
    if not source.isValid():
        return None
    pupil = model.pupil_at(source.row())
    if pupil is None:
        return None
    if source.column() == model.term_grade_column():
        return CellTarget(pupil, None)
    col = model.column_at(source.column())
    return None if col is None else CellTarget(pupil, col)


def write_failed(host: GradebookHost, exc: Exception, typed: list[Entry] | None) -> None:
    """Say why a write failed; the page reloads what is saved. A value typed
    into one cell that a full disk (or a busy cache) kept from being saved is
    offered again in its cell's editor, so Enter saves it once there is room."""
    if isinstance(exc, EntryRefused):
        host.show_message(refusal_text(exc))
        return
    storage = storage_message(exc)
    if storage is None:
        log.error("saving a grade failed", exc_info=(type(exc), exc, exc.__traceback__))
    else:
        log.warning("saving a grade failed: %s", exc)
    host.show_message(
        storage
        or user_message(exc)
        or QCoreApplication.translate(
            "AssessmentPage",
            "Sorry, that change could not be saved; your other grades are safe. "
            "Details are in Klassbok's log.",
        )
    )
    if storage is not None and typed is not None and len(typed) == 1:
        host.loaded.connect(lambda: reoffer(host, typed[0]), Qt.ConnectionType.SingleShotConnection)


def reoffer(host: GradebookHost, entry: Entry) -> None:
    """Open the entry's cell in its editor with the text that was not saved."""
    pupil, column, text = entry
    index = host.proxy.mapFromSource(host.model.cell_index(pupil, column))
    if not index.isValid():
        return
    table = host.table
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.viewport().findChild(QLineEdit)
    if editor is not None:
        editor.setText(text)


def check_entry(entry: Entry, where: tuple[int, int] | None = None) -> None:
    _pupil, column, text = entry
    try:
        if column is None:
            term_grade_changes(text)
        else:
            result_changes(column, text)
    except EntryRefused as refused:
        raise EntryRefused(refused.problem, refused.text, refused.limit, where) from None


def plan_paste(
    model: GradebookModel,
    proxy: QSortFilterProxyModel,
    at: tuple[int, int],
    block: list[list[str]],
    *,
    fill: tuple[int, int] | None = None,
) -> list[Entry]:
    """The entries a pasted block makes with its top-left at `at` (row, column).

    `fill` (rows, columns) repeats a single copied cell over a selection. A
    block that runs past the last pupil or column, or over a column that
    cannot be typed in, is refused whole (EntryRefused PASTE_SHAPE).
    """
    if fill is not None and len(block) == 1 and len(block[0]) == 1:
        block = [[block[0][0]] * fill[1] for _ in range(fill[0])]
    top, left = at
    height = len(block)
    width = max((len(line) for line in block), default=0)
    if height == 0 or width == 0:
        raise EntryRefused(EntryProblem.PASTE_SHAPE, "empty")
    if top + height > proxy.rowCount() or left + width > proxy.columnCount():
        raise EntryRefused(
            EntryProblem.PASTE_SHAPE,
            f"{height} × {width}, {proxy.rowCount() - top} × {proxy.columnCount() - left}",
        )
    entries: list[Entry] = []
    for r, line in enumerate(block):
        if len(line) != width:
            raise EntryRefused(EntryProblem.PASTE_SHAPE, f"row {r + 1}", where=(r + 1, 1))
        for c, text in enumerate(line):
            target = target_at(model, proxy, top + r, left + c)
            if target is None:
                raise EntryRefused(EntryProblem.READ_ONLY_COLUMN, text, where=(r + 1, c + 1))
            if target.column is not None and target.column.scale == "matrix":
                raise EntryRefused(EntryProblem.MATRIX_NEEDS_LEVELS, text, where=(r + 1, c + 1))
            entry = (target.pupil, target.column, text)
            check_entry(entry, where=(r + 1, c + 1))
            entries.append(entry)
    return entries


def plan_clear(
    model: GradebookModel, proxy: QSortFilterProxyModel, block: tuple[int, int, int, int]
) -> list[Entry]:
    """Delete over a selection: every typable cell in it emptied (others left alone)."""
    top, left, bottom, right = block
    entries: list[Entry] = []
    for row in range(top, bottom + 1):
        for column in range(left, right + 1):
            target = target_at(model, proxy, row, column)
            if target is not None:
                entries.append((target.pupil, target.column, ""))
    return entries

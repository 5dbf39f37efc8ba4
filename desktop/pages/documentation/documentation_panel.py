"""A pupil's documentation on the Pupils page: notes (date, kind, who sees
them, author, first line), extra anpassningar and åtgärdsprogram references,
each with add, change and remove.

The panel never touches the database: each change is a function of a
connection handed to the page's `write` (the DB worker, one transaction with
its outbox entry). Dialogs open through `exec_dialog` and removals ask
through `confirm`, which tests replace."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop.models.documentation_models import (
    AdjustmentTableModel,
    NoteTableModel,
    ProgrammeTableModel,
)
from desktop.models.rows_table_model import RowsTableModel
from desktop.pages.documentation.note_dialog import NoteDialog
from desktop.pages.documentation.record_dialogs import AdjustmentDialog, ProgrammeDialog
from desktop.pages.lesson_views import configure_table
from local_db import documentation
from local_db.documentation import PupilDocumentation

Row = TypeVar("Row")
Write = Callable[[Callable[[Connection], object]], None]


def _accepted(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _ask(parent: QWidget, question: str) -> bool:
    title = QCoreApplication.translate("DocumentationPanel", "Remove")
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


class _Section(QWidget):
    """A titled table with add, change and remove buttons."""

    def __init__(self, title: str, model: RowsTableModel[Any], stretch: int, empty: str) -> None:
        super().__init__()
        self.model = model
        self.title = QLabel(title)
        self.title.setObjectName("sectionTitle")
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(title)
        configure_table(self.table, stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.empty = QLabel(empty)
        self.empty.setObjectName("hintLabel")
        self.empty.setWordWrap(True)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.remove_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_button.click())

    def set_rows(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + max(1, min(len(rows), 8)) * 40 + 4)

    def current(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None


class DocumentationPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentationPanel")
        self.write: Write | None = None
        self.me: uuid.UUID | None = None
        self.today = dt.date.today()
        self.exec_dialog: Callable[[QDialog], bool] = _accepted
        self.confirm: Callable[[str], bool] = lambda question: _ask(self, question)
        self.documentation: PupilDocumentation | None = None
        self.pupil_name = ""

        self.notes = _Section(
            self.tr("Notes"),
            NoteTableModel(self),
            NoteTableModel.TEXT,
            self.tr("No notes that you may see."),
        )
        self.notes.add_button.setText(self.tr("New note…"))
        self.notes.edit_button.setText(self.tr("Open…"))
        self.notes.remove_button.setText(self.tr("Delete"))
        self.adjustments = _Section(
            self.tr("Extra adjustments"),
            AdjustmentTableModel(self),
            AdjustmentTableModel.WHAT,
            self.tr("No extra adjustments recorded."),
        )
        self.adjustments.add_button.setText(self.tr("Add adjustment…"))
        self.adjustments.edit_button.setText(self.tr("Change…"))
        self.adjustments.remove_button.setText(self.tr("Remove"))
        self.programmes = _Section(
            self.tr("Action programmes (references)"),
            ProgrammeTableModel(self),
            ProgrammeTableModel.WHERE,
            self.tr("No action programme referred to."),
        )
        self.programmes.add_button.setText(self.tr("Add reference…"))
        self.programmes.edit_button.setText(self.tr("Change…"))
        self.programmes.remove_button.setText(self.tr("Remove"))
        self.message = QLabel()
        self.message.setObjectName("errorLabel")
        self.message.setWordWrap(True)
        self.message.hide()
        #: The page connects it (the PDF for the development talk).
        self.export_button = QPushButton(self.tr("Documentation as PDF…"))
        self.export_button.setToolTip(
            self.tr("For the development talk: notes, extra adjustments and attendance")
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for section in (self.notes, self.adjustments, self.programmes):
            layout.addWidget(section)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        layout.addLayout(export_row)
        layout.addWidget(self.message)

        self.notes.add_button.clicked.connect(self.new_note)
        self.notes.edit_button.clicked.connect(self.open_note)
        self.notes.remove_button.clicked.connect(self.delete_note)
        self.adjustments.add_button.clicked.connect(lambda: self.edit_adjustment(None))
        self.adjustments.edit_button.clicked.connect(
            lambda: self._edit_current(self.adjustments, self.edit_adjustment)
        )
        self.adjustments.remove_button.clicked.connect(self.remove_adjustment)
        self.programmes.add_button.clicked.connect(lambda: self.edit_programme(None))
        self.programmes.edit_button.clicked.connect(
            lambda: self._edit_current(self.programmes, self.edit_programme)
        )
        self.programmes.remove_button.clicked.connect(self.remove_programme)
        self.notes.table.selectionModel().currentRowChanged.connect(lambda *_: self._note_buttons())

    def show_documentation(self, found: PupilDocumentation | None, pupil_name: str) -> None:
        self.documentation = found
        self.pupil_name = pupil_name
        self.setVisible(found is not None)
        if found is None:
            return
        self.notes.set_rows(list(found.notes))
        self.adjustments.set_rows(list(found.adjustments))
        self.programmes.set_rows(list(found.programmes))
        self._note_buttons()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _note_buttons(self) -> None:
        note = self.notes.current()
        mine = note is not None and note.mine
        self.notes.edit_button.setEnabled(note is not None)
        self.notes.edit_button.setText(
            self.tr("Change…") if mine or note is None else self.tr("Read…")
        )
        self.notes.remove_button.setEnabled(mine)

    def _pupil(self) -> uuid.UUID | None:
        return None if self.documentation is None else self.documentation.pupil_id

    def _save(self, work: Callable[[Connection], object]) -> None:
        self.show_message("")
        if self.write is not None:
            self.write(work)

    # --- notes ------------------------------------------------------------------------

    def new_note(self) -> None:
        pupil = self._pupil()
        if pupil is None:
            return
        dialog = NoteDialog(pupil, self.pupil_name, self.today, parent=self)
        if self.exec_dialog(dialog):
            draft, me = dialog.draft(), self.me
            self._save(lambda conn: documentation.save_note(conn, None, draft, actor=me))

    def open_note(self) -> None:
        note = self.notes.current()
        pupil = self._pupil()
        if note is None or pupil is None:
            return
        dialog = NoteDialog(pupil, self.pupil_name, self.today, note, parent=self)
        if not note.mine:
            # A colleague's note is read, not changed: only its author may.
            dialog.body_edit.setReadOnly(True)
            for widget in (dialog.date_edit, dialog.category_combo, dialog.term_combo):
                widget.setEnabled(False)
            for button in dialog.visibility_buttons.values():
                button.setEnabled(False)
        if self.exec_dialog(dialog) and note.mine:
            draft, me, note_id = dialog.draft(), self.me, note.id
            self._save(lambda conn: documentation.save_note(conn, note_id, draft, actor=me))

    def delete_note(self) -> None:
        note = self.notes.current()
        if note is None or not note.mine:
            return
        if self.confirm(self.tr("Delete the note? This cannot be undone.")):
            me, note_id = self.me, note.id
            self._save(lambda conn: documentation.delete_note(conn, note_id, actor=me))

    # --- extra anpassningar and åtgärdsprogram ------------------------------------------

    def _edit_current(self, section: _Section, edit: Callable[[Any], None]) -> None:
        row = section.current()
        if row is not None:
            edit(row)

    def edit_adjustment(self, row: documentation.AdjustmentView | None) -> None:
        pupil = self._pupil()
        if pupil is None:
            return
        dialog = AdjustmentDialog(pupil, self.today, row, parent=self)
        if self.exec_dialog(dialog):
            draft, me, row_id = dialog.draft(), self.me, None if row is None else row.id
            self._save(lambda conn: documentation.save_adjustment(conn, row_id, draft, actor=me))

    def remove_adjustment(self) -> None:
        row = self.adjustments.current()
        if row is not None and self.confirm(
            self.tr("Remove the extra adjustment “{what}”?").format(what=row.what)
        ):
            me, row_id = self.me, row.id
            self._save(lambda conn: documentation.delete_adjustment(conn, row_id, actor=me))

    def edit_programme(self, row: documentation.ProgrammeRefView | None) -> None:
        pupil = self._pupil()
        if pupil is None:
            return
        dialog = ProgrammeDialog(pupil, self.today, row, parent=self)
        if self.exec_dialog(dialog):
            draft, me, row_id = dialog.draft(), self.me, None if row is None else row.id
            self._save(lambda conn: documentation.save_programme_ref(conn, row_id, draft, actor=me))

    def remove_programme(self) -> None:
        row = self.programmes.current()
        if row is not None and self.confirm(
            self.tr("Remove the reference to the action programme?")
        ):
            me, row_id = self.me, row.id
            self._save(lambda conn: documentation.delete_programme_ref(conn, row_id, actor=me))

"""A term grade's history: every change the server kept (from what to what,
who, when, from which computer). The history lives on the server only (it
is evidence, append-only), so it is fetched on the network worker; offline,
the dialog says so and the gradebook goes on."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import local_time
from desktop.error_messages import user_message
from desktop.models.gradebook_texts import grade_text
from desktop.pages.assessment.gradebook_writes import GradebookHost
from desktop.task_runner import Task
from local_db.sync.errors import RecordNotFound
from sync_protocol import ids
from sync_protocol.wire import TermGradeChange


def _grade(code: str | None, deleted: bool = False) -> str:
    if deleted:
        return QCoreApplication.translate("TermGradeHistory", "removed")
    return grade_text(code) or "—"


class HistoryDialog(QDialog):
    def __init__(
        self, title: str, changes: tuple[TermGradeChange, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("termGradeHistory")
        self.setWindowTitle(title)
        self.resize(640, 360)
        self.table = QTableWidget(len(changes), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Change"), self.tr("By"), self.tr("Computer")]
        )
        for row, change in enumerate(changes):
            when = local_time.to_local(change.changed_at).strftime("%Y-%m-%d %H:%M")
            what = f"{_grade(change.from_grade)} → {_grade(change.to_grade, change.deleted)}"
            cells = (when, what, change.changed_by or self.tr("unknown"), change.client_id or "")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not changes:
            layout.addWidget(
                QLabel(self.tr("No change of this term grade has reached the server yet."))
            )
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def open_history(page: GradebookHost, pupil_id: uuid.UUID) -> None:
    book = page.model.gradebook()
    if book is None:
        return
    pupil = next((p for p in book.pupils if p.id == pupil_id), None)
    if pupil is None:
        return
    record = ids.term_grade_id(book.activity.id, pupil_id, book.term)
    session = page.services.session
    title = QCoreApplication.translate("TermGradeHistory", "Term grade {term}: {pupil}").format(
        term=book.term, pupil=pupil.full_name
    )

    def fetch(_context: object) -> tuple[TermGradeChange, ...]:
        try:
            return session.client().term_grade_history(record)
        except RecordNotFound:
            return ()  # never sent yet: no history to show

    def shown(changes: tuple[TermGradeChange, ...]) -> None:
        dialog = HistoryDialog(title, changes, page.as_widget())
        page.last_dialog = dialog
        dialog.open()

    def failed(exc: Exception) -> None:
        page.show_message(
            QCoreApplication.translate(
                "TermGradeHistory",
                "The history of a term grade is kept on the school's server and could not be "
                "fetched: {why}",
            ).format(why=user_message(exc) or str(exc))
        )

    page.services.runner.run_network(
        Task(run=fetch, on_success=shown, on_failure=failed, owner=page.as_widget())
    )

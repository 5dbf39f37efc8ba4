"""The edits the server refused: "couldn't be sent: <reason>", each with
Dismiss (local_db.edits.discard_rejected), which puts back the server's
value. Until dismissed, the teacher's value keeps showing on this computer
only, so nothing is lost without the teacher seeing it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop.error_messages import user_message
from desktop.models.conflict_texts import field_label, subject_text, when_text
from desktop.models.refusal_texts import refusal_reason_text
from desktop.pages.page import PageServices
from desktop.sync_controller import REJECTED_DISMISSED_CHANGES
from desktop.task_runner import Task
from local_db.edits import InvalidEdit, discard_rejected
from local_db.repositories.sync_overview import RejectedItem, rejected_items

log = logging.getLogger(__name__)


def rejected_text(item: RejectedItem) -> str:
    """'Alva Ahlberg – “Prov 1” (Grade)', 'Deleting: Elsa Eriksson – Note, Svenska 7A'."""
    edit, subject = item.view, item.subject
    what = subject_text(subject)
    if subject.pupil_name:
        what = f"{subject.pupil_name} – {what}"
    # References (which lesson, which pupil) are part of the record, not
    # something the teacher changed; an attendance mark is named by its kind.
    fields = [
        field_label(edit.kind, name)
        for name in edit.fields
        if not name.endswith("_id") and edit.kind != "attendance"
    ]
    if edit.action == "delete":
        return QCoreApplication.translate("RejectedEdits", "Deleting: {what}").format(what=what)
    if fields:
        return QCoreApplication.translate("RejectedEdits", "{what} ({fields})").format(
            what=what, fields=", ".join(fields)
        )
    return what


class RejectedEditCard(QFrame):
    dismiss_requested = Signal(int)

    def __init__(self, item: RejectedItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueCard")
        self.edit = edit = item.view
        what = QLabel(rejected_text(item))
        what.setObjectName("issueTitle")
        what.setWordWrap(True)
        reason = QLabel(
            self.tr("Couldn't be sent: {reason}").format(reason=refusal_reason_text(edit.reason))
        )
        reason.setWordWrap(True)
        when = QLabel(self.tr("Changed {when}").format(when=when_text(edit.edited_at)))
        when.setObjectName("hintLabel")
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(
            self.tr("Forget this change and show the server's value again")
        )
        self.dismiss_button.clicked.connect(lambda: self.dismiss_requested.emit(edit.op))
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(what)
        text.addWidget(reason)
        text.addWidget(when)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.addLayout(text, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)


class RejectedEditsDialog(QDialog):
    #: The list was read and shown (tests wait on it).
    loaded = Signal()

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectedEditsDialog")
        self.services = services
        self.setWindowTitle(self.tr("Changes that couldn't be sent"))
        self.cards: list[RejectedEditCard] = []
        heading = QLabel(self.tr("Changes that couldn't be sent"))
        heading.setObjectName("dialogHeading")
        explanation = QLabel(
            self.tr(
                "The server refused these changes. They show only on this computer until "
                "you dismiss them; dismissing puts back what the server has."
            )
        )
        explanation.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("inlineError")
        self.note.setWordWrap(True)
        self.note.hide()
        self.list_box = QWidget()
        self.list_box.setObjectName("issueList")
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(8)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("issueScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list_box)
        self.empty_label = QLabel(self.tr("Nothing left here: every change was sent."))
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.note)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        self.services.read(rejected_items, self._show, self)

    def _show(self, edits: list[RejectedItem]) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        for edit in edits:
            card = RejectedEditCard(edit)
            card.dismiss_requested.connect(self.dismiss)
            self.list_layout.insertWidget(self.list_layout.count() - 1, card)
            self.cards.append(card)
        self.empty_label.setVisible(not edits)
        self.loaded.emit()

    def dismiss(self, op: int) -> None:
        session = self.services.session
        for card in self.cards:
            if card.edit.op == op:
                card.dismiss_button.setEnabled(False)

        def run(_context: object) -> None:
            if session.closed:
                return
            with session.cache.begin() as conn:
                _discard(conn, op)

        self.services.runner.run_db(
            Task(
                run=run,
                on_success=lambda _r: self._dismissed(),
                on_failure=self._failed,
                owner=self,
                changes=REJECTED_DISMISSED_CHANGES,
            )
        )

    def _dismissed(self) -> None:
        self.note.hide()
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, InvalidEdit):
            self.note.setText(self.tr("That change was already dealt with."))
        else:
            log.error("dismissing a refused edit failed", exc_info=exc)
            self.note.setText(
                user_message(exc)
                or self.tr("Sorry, that could not be dismissed. Details are in Klassbok's log.")
            )
        self.note.show()
        self.refresh()


def _discard(conn: Connection, op: int) -> None:
    discard_rejected(conn, op)

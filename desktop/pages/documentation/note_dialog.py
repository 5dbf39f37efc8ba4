"""A note about a pupil: its date, kind, who sees it (each choice explained
in plain words), the term of a development talk, and the text with its limit."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.documentation_texts import (
    category_name,
    problem_text,
    visibility_explanation,
    visibility_name,
)
from desktop.pages.documentation.dialog_parts import EditorDialog, pydate, qdate
from local_db.documentation import NoteDraft, NoteView, note_problem
from sync_protocol.kinds.documentation import NOTE_BODY_MAX
from sync_protocol.terms import term_for
from sync_protocol.vocabularies import NOTE_CATEGORIES

#: The order the choices are offered in: narrowest first.
VISIBILITY_ORDER = ("private", "mentors", "teachers")


def _terms(today: dt.date) -> list[str]:
    """This term, the one before and the one after."""
    this = term_for(today)
    before = term_for(this.start - dt.timedelta(days=1))
    after = term_for(this.end + dt.timedelta(days=1))
    return [before.code, this.code, after.code]


class NoteDialog(EditorDialog):
    def __init__(
        self,
        pupil_id: uuid.UUID,
        pupil_name: str,
        today: dt.date,
        note: NoteView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pupil_id = pupil_id
        self.setObjectName("noteDialog")
        self.setWindowTitle(
            self.tr("Note about {pupil}").format(pupil=pupil_name)
            if note is None
            else self.tr("Change note about {pupil}").format(pupil=pupil_name)
        )
        self.date_edit = QDateEdit(qdate(note.note_date if note and note.note_date else today))
        self.date_edit.setCalendarPopup(True)
        self.category_combo = QComboBox()
        for code in NOTE_CATEGORIES:
            self.category_combo.addItem(category_name(code), code)
        self.term_combo = QComboBox()
        for code in _terms(today):
            self.term_combo.addItem(code, code)
        self.term_combo.setCurrentIndex(1)
        self.term_label = QLabel(self.tr("Term"))

        visibility_box = self._visibility_box()

        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(self.tr("Note text"))
        self.count_label = QLabel()
        self.count_label.setObjectName("hintLabel")

        form = QFormLayout()
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow(self.tr("Kind"), self.category_combo)
        form.addRow(self.term_label, self.term_combo)
        form.addRow(self.tr("Who sees it"), visibility_box)
        self.body.addLayout(form)
        self.body.addWidget(self.body_edit, 1)
        self.body.addWidget(self.count_label)

        if note is not None:
            self.category_combo.setCurrentIndex(max(0, NOTE_CATEGORIES.index(note.category)))
            if note.term:
                if self.term_combo.findData(note.term) < 0:
                    self.term_combo.addItem(note.term, note.term)
                self.term_combo.setCurrentIndex(self.term_combo.findData(note.term))
            self.body_edit.setPlainText(note.body)
        chosen = note.visibility if note is not None else "teachers"
        self.visibility_buttons[chosen].setChecked(True)
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        self.body_edit.textChanged.connect(self.check)
        self.visibility_group.buttonToggled.connect(lambda *_: self.check())
        self._category_changed()
        self.finish_layout()
        self.resize(560, 560)

    def _visibility_box(self) -> QWidget:
        """The three choices, each with what it means under it."""
        self.visibility_group = QButtonGroup(self)
        self.visibility_buttons: dict[str, QRadioButton] = {}
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for code in VISIBILITY_ORDER:
            button = QRadioButton(visibility_name(code))
            button.setObjectName(f"visibility_{code}")
            hint = QLabel(visibility_explanation(code))
            hint.setObjectName("hintLabel")
            hint.setWordWrap(True)
            self.visibility_group.addButton(button)
            self.visibility_buttons[code] = button
            layout.addWidget(button)
            layout.addWidget(hint)
        return box

    def _category_changed(self) -> None:
        talk = self.category_combo.currentData() == "talk"
        self.term_label.setVisible(talk)
        self.term_combo.setVisible(talk)
        self.check()

    def visibility(self) -> str:
        for code, button in self.visibility_buttons.items():
            if button.isChecked():
                return code
        return "teachers"

    def draft(self) -> NoteDraft:
        category = str(self.category_combo.currentData())
        return NoteDraft(
            pupil_id=self.pupil_id,
            category=category,
            visibility=self.visibility(),
            body=self.body_edit.toPlainText(),
            note_date=pydate(self.date_edit.date()),
            term=str(self.term_combo.currentData()) if category == "talk" else None,
        )

    def problem(self) -> str | None:
        if not hasattr(self, "count_label"):
            return None
        length = len(self.body_edit.toPlainText())
        self.count_label.setText(
            self.tr("{count} of at most {limit} characters").format(
                count=length, limit=NOTE_BODY_MAX
            )
        )
        refused = note_problem(self.draft())
        return None if refused is None else problem_text(refused)

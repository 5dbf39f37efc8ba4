"""Pieces the documentation editors share: an optional date, a dialog frame
with a line that says what is wrong before OK can be pressed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class OptionalDate(QWidget):
    """A date the teacher may leave out: a box to tick, then the date."""

    def __init__(self, label: str, day: dt.date | None, today: dt.date) -> None:
        super().__init__()
        self.check = QCheckBox(label)
        self.edit = QDateEdit(qdate(day or today))
        self.edit.setCalendarPopup(True)
        self.edit.setAccessibleName(label)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def value(self) -> dt.date | None:
        return pydate(self.edit.date()) if self.check.isChecked() else None


class EditorDialog(QDialog):
    """OK is enabled only while problem() is None; the line under the form says why not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = QVBoxLayout(self)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("errorLabel")
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.body.addWidget(self.problem_label)
        self.body.addWidget(self.buttons)
        self.check()

    def problem(self) -> str | None:
        raise NotImplementedError

    def check(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()

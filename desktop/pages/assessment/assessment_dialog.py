"""New assessment: a title, a kind, a date and a scale (with a maximum and
guidance limits for points, or a criteria matrix)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.models.gradebook_texts import assessment_type_text, scale_name
from desktop.pages.assessment.gradebook_writes import GradebookHost
from local_db.assessment.authoring import (
    LIMIT_ABOVE_MAXIMUM,
    LIMITS_OUT_OF_ORDER,
    MATRIX_MISSING,
    TITLE,
    AssessmentDraft,
    create_assessment,
    draft_problem,
)
from sync_protocol.grading_rules import SCALE_KINDS
from sync_protocol.kinds.assessment import MAX_POINTS
from sync_protocol.vocabularies import ASSESSMENT_TYPES


class AssessmentDialog(QDialog):
    def __init__(
        self, matrices: list[tuple[uuid.UUID, str]], today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentDialog")
        self.setWindowTitle(self.tr("New assessment"))
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("For example: Algebra test"))
        self.type_combo = QComboBox()
        for kind in ASSESSMENT_TYPES:
            self.type_combo.addItem(assessment_type_text(kind), kind)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.scale_combo = QComboBox()
        for scale in SCALE_KINDS:
            self.scale_combo.addItem(scale_name(scale), scale)
        self.max_spin = QSpinBox()
        self.max_spin.setRange(1, MAX_POINTS)
        self.max_spin.setValue(40)
        self.limits_check = QCheckBox(
            self.tr("Show my E/C/A limits beside the points (guidance only)")
        )
        self.limit_spins = []
        for _ in range(3):
            spin = QSpinBox()
            spin.setRange(0, MAX_POINTS)
            self.limit_spins.append(spin)
        for spin, value in zip(self.limit_spins, (12, 22, 32), strict=True):
            spin.setValue(value)
        self.matrix_combo = QComboBox()
        for matrix_id, title in matrices:
            self.matrix_combo.addItem(title, matrix_id)
        self.no_matrix = QLabel(
            self.tr("This group has no criteria matrix yet: make one with “Matrices…” first.")
        )
        self.no_matrix.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("noticeLabel")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Kind"), self.type_combo)
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow(self.tr("Scale"), self.scale_combo)
        form.addRow(self.tr("Maximum points"), self.max_spin)
        form.addRow(self.limits_check)
        for step, spin in zip(("E", "C", "A"), self.limit_spins, strict=True):
            form.addRow(self.tr("{step} from").format(step=step), spin)
        form.addRow(self.tr("Criteria matrix"), self.matrix_combo)
        form.addRow(self.no_matrix)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.form = form
        self.scale_combo.currentIndexChanged.connect(self._scale_changed)
        self.limits_check.toggled.connect(self._scale_changed)
        self._scale_changed()

    def _scale_changed(self) -> None:
        scale = self.scale_combo.currentData()
        points = scale == "points"
        self.form.setRowVisible(self.max_spin, points)
        self.form.setRowVisible(self.limits_check, points)
        for spin in self.limit_spins:
            self.form.setRowVisible(spin, points and self.limits_check.isChecked())
        self.form.setRowVisible(
            self.matrix_combo, scale == "matrix" and self.matrix_combo.count() > 0
        )
        self.form.setRowVisible(
            self.no_matrix, scale == "matrix" and self.matrix_combo.count() == 0
        )

    def draft(self) -> AssessmentDraft:
        scale = self.scale_combo.currentData()
        limits: tuple[int | None, int | None, int | None] = (None, None, None)
        if scale == "points" and self.limits_check.isChecked():
            e, c, a = (spin.value() for spin in self.limit_spins)
            limits = (e, c, a)
        value = self.date_edit.date()
        return AssessmentDraft(
            title=self.title_edit.text().strip(),
            assessment_type=self.type_combo.currentData(),
            date=dt.date(value.year(), value.month(), value.day()),
            scale=scale,
            max_points=self.max_spin.value() if scale == "points" else None,
            limits=limits,
            matrix_id=self.matrix_combo.currentData() if scale == "matrix" else None,
        )

    def problem_text(self) -> str | None:
        problem = draft_problem(self.draft())
        if problem is None:
            return None
        return {
            TITLE: self.tr("Give the assessment a title."),
            MATRIX_MISSING: self.tr(
                "Choose a criteria matrix, or make one with “Matrices…” first."
            ),
            LIMIT_ABOVE_MAXIMUM: self.tr("A limit cannot be above the maximum points."),
            LIMITS_OUT_OF_ORDER: self.tr("The limits go up: E, then C, then A."),
        }.get(problem, self.tr("Give the test its maximum points."))

    def _accept(self) -> None:
        problem = self.problem_text()
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()


def open_new_assessment(page: GradebookHost) -> None:
    book = page.model.gradebook()
    if book is None:
        return
    matrices = sorted(book.matrix_titles.items(), key=lambda item: item[1].casefold())
    dialog = AssessmentDialog(matrices, page.services.today(), page.as_widget())
    page.last_dialog = dialog
    dialog.accepted.connect(lambda: _create(page, book.activity.id, dialog.draft()))
    dialog.open()


def _create(page: GradebookHost, activity_id: uuid.UUID, draft: AssessmentDraft) -> None:
    actor = page.services.teacher_id
    page.run_write(lambda conn: create_assessment(conn, activity_id, draft, actor=actor))

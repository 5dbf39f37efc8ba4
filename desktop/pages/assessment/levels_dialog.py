"""A matrix cell opened: every criterion with its E, C and A texts, and the
pupil's level on each (not yet / E / C / A) chosen beside it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop.models.gradebook_texts import level_text
from desktop.pages.assessment.catalogue_picker import source_text
from desktop.pages.assessment.gradebook_writes import GradebookHost
from desktop.pages.assessment.value_words import emphasized_html
from local_db.assessment.grading import UndoStep, write_comment, write_levels
from local_db.assessment.views import AssessmentColumn, Gradebook, MatrixSource
from sync_protocol.assessment_documents import Criterion, ValueWords
from sync_protocol.grading_rules import MATRIX_LEVELS, RULES

NO_LEVEL = ""


class LevelsDialog(QDialog):
    def __init__(
        self,
        pupil_name: str,
        column: AssessmentColumn,
        *,
        criteria: tuple[Criterion, ...],
        levels: dict[str, str],
        comment: str,
        parent: QWidget | None = None,
        value_words: ValueWords | None = None,
        source: MatrixSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("levelsDialog")
        self.setWindowTitle(
            self.tr("{pupil} · {title}").format(pupil=pupil_name, title=column.title)
        )
        self.resize(900, 560)
        self.groups: dict[str, QButtonGroup] = {}
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setHorizontalSpacing(12)
        steps = RULES.criteria_steps  # E, C, A
        grid.addWidget(_bold(self.tr("Criterion")), 0, 0)
        for n, step in enumerate(steps, start=1):
            grid.addWidget(_bold(step), 0, n)
        grid.addWidget(_bold(self.tr("Level")), 0, len(steps) + 1)
        for row, criterion in enumerate(criteria, start=1):
            grid.addWidget(_wrapped(criterion.criterion), row, 0, Qt.AlignmentFlag.AlignTop)
            for n, step in enumerate(steps, start=1):
                words = (value_words or {}).get(criterion.id, {}).get(step, [])
                grid.addWidget(
                    _wrapped(criterion.texts.get(step, ""), words),
                    row,
                    n,
                    Qt.AlignmentFlag.AlignTop,
                )
            choice = QWidget()
            box = QVBoxLayout(choice)
            box.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(self)
            for value in (NO_LEVEL, *MATRIX_LEVELS):
                button = QRadioButton(level_text(value) if value else self.tr("No level"))
                button.setProperty("level", value)
                button.setAccessibleName(f"{criterion.criterion}: {button.text()}")
                button.setChecked(levels.get(criterion.id, NO_LEVEL) == value)
                group.addButton(button)
                box.addWidget(button)
            self.groups[criterion.id] = group
            grid.addWidget(choice, row, len(steps) + 1, Qt.AlignmentFlag.AlignTop)
        for n in range(len(steps) + 1):
            grid.setColumnStretch(n, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_box)
        self.comment_edit = QPlainTextEdit(comment)
        self.comment_edit.setPlaceholderText(self.tr("Feedback to the pupil"))
        self.comment_edit.setMaximumHeight(90)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not criteria:
            layout.addWidget(
                QLabel(self.tr("This matrix has no criteria yet: add them in “Matrices…”."))
            )
        layout.addWidget(scroll, 1)
        self.source_label = QLabel(
            ""
            if source is None
            else source_text(source.subject_name, source.version, source.source)
        )
        self.source_label.setObjectName("catalogueSource")
        self.source_label.setVisible(source is not None)
        layout.addWidget(self.source_label)
        layout.addWidget(QLabel(self.tr("Feedback")))
        layout.addWidget(self.comment_edit)
        layout.addWidget(buttons)

    def chosen_levels(self) -> dict[str, str]:
        chosen = {}
        for criterion_id, group in self.groups.items():
            button = group.checkedButton()
            value = "" if button is None else str(button.property("level"))
            if value:
                chosen[criterion_id] = value
        return chosen

    def comment(self) -> str:
        return self.comment_edit.toPlainText()


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600;")
    return label


def _wrapped(text: str, words: list[str] | None = None) -> QLabel:
    # Whole sentences, wrapped, the text escaped (never read as markup); the
    # value words of a matrix started from the catalogue show bold.
    label = QLabel(emphasized_html(text, words or []))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setMinimumWidth(160)
    return label


def open_levels(page: GradebookHost, pupil_id: uuid.UUID, column: AssessmentColumn) -> None:
    book = page.model.gradebook()
    if book is None or column.matrix_id is None:
        return
    cell = book.result(pupil_id, column.id)
    pupil = next(p for p in book.pupils if p.id == pupil_id)
    dialog = LevelsDialog(
        pupil.full_name,
        column,
        criteria=book.matrices.get(column.matrix_id, ()),
        levels={} if cell is None else dict(cell.levels),
        comment="" if cell is None else cell.comment,
        parent=page.as_widget(),
        value_words=book.matrix_value_words.get(column.matrix_id),
        source=book.matrix_sources.get(column.matrix_id),
    )
    page.last_dialog = dialog
    dialog.accepted.connect(
        lambda: _save(
            page,
            book,
            pupil_id=pupil_id,
            column=column,
            levels=dialog.chosen_levels(),
            comment=dialog.comment(),
        )
    )
    dialog.open()


def _save(
    page: GradebookHost,
    book: Gradebook,
    *,
    pupil_id: uuid.UUID,
    column: AssessmentColumn,
    levels: dict[str, str],
    comment: str,
) -> None:
    actor = page.services.teacher_id

    def work(conn: Connection) -> UndoStep:
        first = write_levels(conn, book, pupil_id, column, levels, actor=actor)
        second = write_comment(conn, book, pupil_id, column, comment, actor=actor)
        return UndoStep(first.befores + second.befores)

    page.run_write(work)

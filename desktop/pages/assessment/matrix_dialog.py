"""Criteria matrices: the group's matrices, a matrix's rows edited as whole
sentences (criterion, E, C, A), a copy of any matrix of the teacher's groups
as the start of a new one (a copy, never a shared matrix), and a new matrix
started from the syllabus's criteria (the curriculum catalogue): one row per
paragraph, value words bold, the source shown ("Källa: Skolverket, …")."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.assessment.catalogue_picker import CataloguePicker, source_text
from desktop.pages.assessment.gradebook_writes import GradebookHost
from desktop.pages.assessment.value_words import Index, ValueWordsDelegate
from local_db.assessment.authoring import MatrixChoice, matrices_for_teacher, save_matrix
from local_db.curriculum.catalogue import CatalogueSubject, CriteriaSet, catalogue_subjects
from local_db.curriculum.matrix_start import MatrixStart, start_from_catalogue
from sync_protocol.assessment_documents import Criterion, ValueWords
from sync_protocol.grading_rules import RULES

NEW_MATRIX = None


class MatrixDialog(QDialog):
    def __init__(
        self,
        matrices: list[MatrixChoice],
        activity_id: uuid.UUID,
        used: dict[uuid.UUID, set[str]],
        parent: QWidget | None = None,
        *,
        subjects: list[CatalogueSubject] | None = None,
        subject_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("matrixDialog")
        self.setWindowTitle(self.tr("Criteria matrices"))
        self.resize(1000, 600)
        self.matrices = matrices
        self.activity_id = activity_id
        self.used = used
        self.editing: MatrixChoice | None = None
        self.template_of: uuid.UUID | None = None
        self._make_catalogue_parts(subjects or [], subject_name)

        self.matrix_combo = QComboBox()
        self.matrix_combo.setAccessibleName(self.tr("Matrix"))
        self.matrix_combo.addItem(self.tr("New matrix"), NEW_MATRIX)
        for matrix in matrices:
            label = f"{matrix.title} ({matrix.activity_name})"
            self.matrix_combo.addItem(label, matrix.id)
        self.matrix_combo.currentIndexChanged.connect(self._matrix_chosen)
        self.copy_button = QPushButton(self.tr("Use as template (copy)"))
        self.copy_button.setToolTip(
            self.tr(
                "Start a new matrix for this group from the chosen one; "
                "the original stays as it is."
            )
        )
        self.copy_button.clicked.connect(self._copy)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Title, e.g. Problem solving"))
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(self.tr("Subject"))
        self.year_edit = QLineEdit("7-9")
        self.year_edit.setMaximumWidth(80)
        self.table = QTableWidget(0, 1 + len(RULES.criteria_steps))
        self.table.setObjectName("matrixRows")
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), *RULES.criteria_steps])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setItemDelegate(ValueWordsDelegate(self.words_at, self.table))
        add = QPushButton(self.tr("Add criterion"))
        add.clicked.connect(lambda: self.add_row(Criterion(self._new_row_id(), "", {})))
        remove = QPushButton(self.tr("Remove criterion"))
        remove.clicked.connect(self._remove_row)
        self.problem = QLabel()
        self.problem.setObjectName("noticeLabel")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self._lay_out(add, remove, buttons)
        self._matrix_chosen()

    def _make_catalogue_parts(self, subjects: list[CatalogueSubject], subject_name: str) -> None:
        #: Where the matrix shown came from in the catalogue, and its value words.
        self.source: tuple[str, int] | None = None
        self.value_words: ValueWords = {}
        self.subjects = subjects
        self.picker = CataloguePicker(subjects, subject_name)
        self.picker.setVisible(bool(self.picker.subjects))
        self.source_label = QLabel()
        self.source_label.setObjectName("catalogueSource")
        self.source_label.hide()

    def _lay_out(self, add: QPushButton, remove: QPushButton, buttons: QDialogButtonBox) -> None:
        top = QHBoxLayout()
        top.addWidget(self.matrix_combo, 1)
        top.addWidget(self.copy_button)
        names = QHBoxLayout()
        names.addWidget(self.title_edit, 2)
        names.addWidget(self.subject_edit, 1)
        names.addWidget(self.year_edit)
        rows = QHBoxLayout()
        rows.addWidget(add)
        rows.addWidget(remove)
        rows.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.picker)
        layout.addLayout(names)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Write each level as whole sentences. A result keeps one level per criterion."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.source_label)
        layout.addLayout(rows)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _chosen(self) -> MatrixChoice | None:
        chosen = self.matrix_combo.currentData()
        return next((m for m in self.matrices if m.id == chosen), None)

    def _matrix_chosen(self) -> None:
        matrix = self._chosen()
        own = matrix is not None and self._belongs_here(matrix)
        self.editing = matrix if own else None
        self.template_of = None
        self._show_source(
            None
            if matrix is None or matrix.source_subject is None or matrix.source_version is None
            else (matrix.source_subject, matrix.source_version),
            {} if matrix is None else matrix.value_words,
            "" if matrix is None else matrix.subject,
        )
        self.copy_button.setEnabled(matrix is not None)
        self.table.setRowCount(0)
        if matrix is None:
            self.title_edit.clear()
            self.add_row(Criterion("k1", "", {}))
            return
        self.title_edit.setText(matrix.title)
        self.subject_edit.setText(matrix.subject)
        self.year_edit.setText(matrix.year_band)
        for row in matrix.criteria:
            self.add_row(row)
        self._set_editable(own)

    def _belongs_here(self, matrix: MatrixChoice) -> bool:
        return matrix.activity_id == self.activity_id

    def _set_editable(self, editable: bool) -> None:
        from PySide6.QtWidgets import QAbstractItemView

        triggers = (
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.table.setEditTriggers(triggers)
        if not editable:
            self.problem.setText(
                self.tr(
                    "This matrix belongs to another group: use it as a template to copy it here."
                )
            )
            self.problem.show()
        else:
            self.problem.hide()

    def words_at(self, index: Index) -> list[str]:
        """The value words of a cell (none in the criterion column)."""
        if index.column() == 0:
            return []
        step = RULES.criteria_steps[index.column() - 1]
        return self.value_words.get(self.row_id(index.row()), {}).get(step, [])

    def _show_source(self, source: tuple[str, int] | None, words: ValueWords, name: str) -> None:
        self.source, self.value_words = source, {k: dict(v) for k, v in words.items()}
        if source is None:
            self.source_label.hide()
            return
        code, version = source
        found = next((s for s in self.subjects if (s.code, s.version) == source), None)
        credit = "Skolverket" if found is None else found.source
        self.source_label.setText(source_text(name or code, version, credit))
        self.source_label.show()

    def apply_start(self, start: MatrixStart) -> None:
        """A new matrix from the catalogue's criteria (the picker's answer)."""
        subject = start.subject
        self.matrix_combo.blockSignals(True)
        self.matrix_combo.setCurrentIndex(0)  # New matrix
        self.matrix_combo.blockSignals(False)
        self.editing, self.template_of = None, None
        self.table.setRowCount(0)
        self._show_source((subject.code, subject.version), start.value_words, subject.name)
        for row in start.rows:
            self.add_row(row)
        self.title_edit.setText(
            self.tr("%1, year %2").replace("%1", subject.name).replace("%2", start.criteria.year)
        )
        self.subject_edit.setText(subject.name)
        self.year_edit.setText(start.criteria.year)
        self._set_editable(True)
        self.table.resizeRowsToContents()

    def _copy(self) -> None:
        matrix = self._chosen()
        if matrix is None:
            return
        self.editing = None
        self.template_of = matrix.id
        self.title_edit.setText(matrix.title)
        self._set_editable(True)

    def _new_row_id(self) -> str:
        taken = {self.row_id(r) for r in range(self.table.rowCount())}
        n = self.table.rowCount() + 1
        while f"k{n}" in taken:
            n += 1
        return f"k{n}"

    def add_row(self, row: Criterion) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        first = QTableWidgetItem(row.criterion)
        first.setData(256, row.id)
        self.table.setItem(r, 0, first)
        for n, step in enumerate(RULES.criteria_steps, start=1):
            self.table.setItem(r, n, QTableWidgetItem(row.texts.get(step, "")))

    def row_id(self, r: int) -> str:
        item = self.table.item(r, 0)
        return "" if item is None else str(item.data(256))

    def _remove_row(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            return
        row_id = self.row_id(r)
        if self.editing is not None and row_id in self.used.get(self.editing.id, set()):
            self.problem.setText(
                self.tr(
                    "Results already hold a level for this criterion, so it stays. Copy the "
                    "matrix to make one without it."
                )
            )
            self.problem.show()
            return
        self.value_words.pop(row_id, None)
        self.table.removeRow(r)

    def rows(self) -> list[Criterion]:
        rows = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(self.table.columnCount())]
            cells = [("" if item is None else item.text()).strip() for item in items]
            if not any(cells):
                continue
            texts = dict(zip(RULES.criteria_steps, cells[1:], strict=True))
            rows.append(Criterion(self.row_id(r), cells[0], texts))
        return rows

    def problem_text(self) -> str | None:
        if not self.title_edit.text().strip():
            return self.tr("Give the matrix a title.")
        rows = self.rows()
        if not rows:
            return self.tr("Add at least one criterion.")
        if any(not row.criterion for row in rows):
            return self.tr("Every row needs its criterion in the first column.")
        return None

    def _save(self) -> None:
        problem = self.problem_text()
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()


def open_matrices(page: GradebookHost) -> None:
    book = page.model.gradebook()
    if book is None:
        return
    teacher = page.services.teacher_id
    used: dict[uuid.UUID, set[str]] = {}
    for column in book.assessments:
        if column.matrix_id is None:
            continue
        for (_pupil, assessment_id), cell in book.results.items():
            if assessment_id == column.id:
                used.setdefault(column.matrix_id, set()).update(cell.levels)
    for matrix_id in book.matrices:
        used.setdefault(matrix_id, set())

    def shown(found: tuple[list[MatrixChoice], list[CatalogueSubject]]) -> None:
        matrices, subjects = found
        dialog = MatrixDialog(
            matrices,
            book.activity.id,
            used,
            page.as_widget(),
            subjects=subjects,
            subject_name=book.activity.subject,
        )
        page.last_dialog = dialog
        dialog.accepted.connect(lambda: _write(page, dialog))
        dialog.picker.start_requested.connect(
            lambda subject, criteria: _start_from_catalogue(page, dialog, subject, criteria)
        )
        dialog.open()

    page.services.read(
        lambda conn: (matrices_for_teacher(conn, teacher), catalogue_subjects(conn)),
        shown,
        page.as_widget(),
    )


def _start_from_catalogue(
    page: GradebookHost, dialog: MatrixDialog, subject: CatalogueSubject, criteria: CriteriaSet
) -> None:
    """Read the year's criteria on the DB worker; the dialog shows the rows."""
    paragraph = QCoreApplication.translate("MatrixDialog", "Paragraph %1")
    whole = QCoreApplication.translate(
        "MatrixDialog", "All criteria (the levels have different numbers of paragraphs)"
    )
    page.services.read(
        lambda conn: start_from_catalogue(
            conn,
            subject,
            criteria,
            row_label=lambda n: paragraph.replace("%1", str(n)),
            whole_label=whole,
        ),
        dialog.apply_start,
        page.as_widget(),
    )


def _write(page: GradebookHost, dialog: MatrixDialog) -> None:
    actor, editing = page.services.teacher_id, dialog.editing
    title, subject, year = (
        dialog.title_edit.text(),
        dialog.subject_edit.text(),
        dialog.year_edit.text(),
    )
    rows, template_of, activity_id = dialog.rows(), dialog.template_of, dialog.activity_id
    source, value_words = dialog.source, dialog.value_words
    page.run_write(
        lambda conn: save_matrix(
            conn,
            activity_id,
            title=title,
            subject=subject,
            year_band=year,
            rows=rows,
            actor=actor,
            record_id=None if editing is None else editing.id,
            template_of=template_of,
            source=source,
            value_words=value_words,
        )
    )

"""The gradebook as a table model: pupils down, assessments across.

Plain data (a local_db.assessment.views.Gradebook), no widget per cell:
data() is a dictionary lookup and a short string, about a microsecond per
cell (bench/gradebook_bench.py). Columns: the pupil's name, one per
assessment, a summary (counts per level, never a grade), the term grade.

Edits do not write here: setData asks the page (edit_requested) to write on
the database worker, and shows the value at once (apply_result /
apply_term_grade); a refused write puts the old value back when the page
reloads.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush

from desktop import theme
from desktop.models.gradebook_texts import (
    grade_text,
    level_text,
    marker_meaning,
    result_text,
    scale_name,
    summary_text,
)
from desktop.models.rows_table_model import AnyIndex
from local_db.assessment.entry import result_changes, term_grade_changes
from local_db.assessment.grading import Entry
from local_db.assessment.views import (
    AssessmentColumn,
    Gradebook,
    ResultCell,
    TermGradeCell,
    level_counts,
)
from local_db.views import PupilView
from sync_protocol import ids
from sync_protocol.assessment_documents import Criterion
from sync_protocol.grading_rules import NOT_YET, PASS_FAIL_VALUES, RULES

NAME_COLUMN = 0
#: The value a column sorts by (numbers as numbers, empty cells last).
SORT_ROLE = Qt.ItemDataRole.UserRole + 10
#: True on a cell whose record is in an open sync conflict.
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 11
#: The AssessmentColumn of a column (None for name, summary and term grade).
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 12

_CONFLICT_FILL = "#fde7c8"
_MARKER_TEXT = "#6b6b6b"
_DISPLAY = Qt.ItemDataRole.DisplayRole
_GRADE_ORDER = {code: n for n, code in enumerate(RULES.codes)}


class GradebookModel(QAbstractTableModel):
    #: [(row, column, text)] typed or pasted: the page writes them.
    edit_requested = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._book: Gradebook | None = None
        self._columns: tuple[AssessmentColumn, ...] = ()
        self._results: dict[tuple[uuid.UUID, uuid.UUID], ResultCell] = {}
        self._grades: dict[uuid.UUID, TermGradeCell] = {}
        #: Each pupil's counts, made when first shown (a repaint asks for them often).
        self._counts: dict[uuid.UUID, dict[str, int]] = {}
        #: Each cell's text once shown: a repaint and a scroll ask for the same
        #: cells again and again, and a lookup here is a fraction of making the
        #: text (bench/gradebook_bench.py, data() per cell).
        self._texts: dict[tuple[int, int], str] = {}

    # --- data in -------------------------------------------------------------

    def set_gradebook(self, book: Gradebook | None) -> None:
        self.beginResetModel()
        self._book = book
        self._columns = () if book is None else book.assessments
        self._results = {} if book is None else dict(book.results)
        self._grades = {} if book is None else dict(book.term_grades)
        self._counts = {}
        self._texts = {}
        self.endResetModel()

    def gradebook(self) -> Gradebook | None:
        return self._book

    def apply_result(self, pupil_id: uuid.UUID, column_id: uuid.UUID, cell: ResultCell) -> None:
        """Show a saved value at once (the page reloads the whole book later)."""
        self._results[(pupil_id, column_id)] = cell
        self._counts.pop(pupil_id, None)
        row, column = self._row_of(pupil_id), self._column_of(column_id)
        if row is not None and column is not None:
            self._texts.pop((row, column), None)
            self._texts.pop((row, self.summary_column()), None)
            index = self.index(row, column)
            self.dataChanged.emit(index, index)
            summary = self.index(row, self.summary_column())
            self.dataChanged.emit(summary, summary)

    def show_entries(self, entries: Iterable[Entry]) -> None:
        """Typed or pasted values, checked already, shown before the write is done."""
        book = self._book
        if book is None:
            return
        for pupil, column, text in entries:
            if column is None:
                changes = term_grade_changes(text)
                old = self._grades.get(pupil)
                record = old.id if old else ids.term_grade_id(book.activity.id, pupil, book.term)
                self.apply_term_grade(
                    pupil, TermGradeCell(record, changes["grade"], changes["no_basis_reason"])
                )
                continue
            current = self._results.get((pupil, column.id)) or ResultCell(
                ids.assessment_result_id(column.id, pupil)
            )
            self.apply_result(pupil, column.id, current._replace(**result_changes(column, text)))

    def apply_term_grade(self, pupil_id: uuid.UUID, cell: TermGradeCell) -> None:
        self._grades[pupil_id] = cell
        row = self._row_of(pupil_id)
        if row is not None:
            self._texts.pop((row, self.term_grade_column()), None)
            index = self.index(row, self.term_grade_column())
            self.dataChanged.emit(index, index)

    # --- shape ---------------------------------------------------------------

    def assessment_columns(self) -> tuple[AssessmentColumn, ...]:
        return self._columns

    def summary_column(self) -> int:
        return len(self._columns) + 1

    def term_grade_column(self) -> int:
        return len(self._columns) + 2

    def column_at(self, column: int) -> AssessmentColumn | None:
        return self._columns[column - 1] if 1 <= column <= len(self._columns) else None

    def pupil_at(self, row: int) -> uuid.UUID | None:
        if self._book is None or not 0 <= row < len(self._book.pupils):
            return None
        return self._book.pupils[row].id

    def result_at(self, row: int, column: int) -> ResultCell | None:
        pupil, col = self.pupil_at(row), self.column_at(column)
        if pupil is None or col is None:
            return None
        return self._results.get((pupil, col.id))

    def cell_index(self, pupil_id: uuid.UUID, column: AssessmentColumn | None) -> QModelIndex:
        """The cell of a pupil's result in a column (None: the term grade)."""
        row = self._row_of(pupil_id)
        at = self.term_grade_column() if column is None else self._column_of(column.id)
        return QModelIndex() if row is None or at is None else self.index(row, at)

    def _row_of(self, pupil_id: uuid.UUID) -> int | None:
        if self._book is None:
            return None
        for n, pupil in enumerate(self._book.pupils):
            if pupil.id == pupil_id:
                return n
        return None

    def _column_of(self, column_id: uuid.UUID) -> int | None:
        for n, column in enumerate(self._columns, start=1):
            if column.id == column_id:
                return n
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._book is None:
            return 0
        return len(self._book.pupils)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._book is None:
            return 0
        return len(self._columns) + 3

    # --- cells ---------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _DISPLAY:
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:
                text = self._data(index, role)
                if isinstance(text, str):
                    self._texts[key] = text
            return text
        return self._data(index, role)

    def _data(self, index: AnyIndex, role: int) -> Any:
        book = self._book
        if book is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(book.pupils):
            return None
        pupil = book.pupils[row]
        if column == NAME_COLUMN:
            return self._name_data(pupil, role)
        if column == self.summary_column():
            return self._summary_data(pupil.id, role)
        if column == self.term_grade_column():
            return self._term_grade_data(pupil.id, role)
        col = self.column_at(column)
        if col is None:
            return None
        return self._result_data(pupil.full_name, col, self._results.get((pupil.id, col.id)), role)

    def _result_data(
        self, name: str, col: AssessmentColumn, cell: ResultCell | None, role: int
    ) -> Any:
        in_conflict = (
            cell is not None and self._book is not None and cell.id in self._book.in_conflict
        )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return result_text(col, cell)
        if role == SORT_ROLE:
            return _sort_key(col, cell)
        if role == CONFLICT_ROLE:
            return in_conflict
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(theme.colour(_CONFLICT_FILL)) if in_conflict else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(theme.colour(_MARKER_TEXT)) if cell is not None and cell.marker else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._result_tip(col, cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            empty = self.tr("empty")
            return f"{name}, {col.title}: {result_text(col, cell) or empty}"
        if role == COLUMN_ROLE:
            return col
        return None

    def _name_data(self, pupil: PupilView, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return pupil.full_name
        if role == SORT_ROLE:
            return pupil.sort_key
        if role == Qt.ItemDataRole.ToolTipRole and pupil.protected:
            return self.tr("Protected identity: share nothing about this pupil outside school.")
        return None

    def _summary_data(self, pupil_id: uuid.UUID, role: int) -> Any:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            SORT_ROLE,
        ):
            return None
        counts = self.level_counts(pupil_id)
        if role == SORT_ROLE:
            return tuple(-counts.get(code, 0) for code in (*RULES.codes, NOT_YET))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(
                "How many results and criteria are at each level. A count, not a grade: "
                "the term grade is your overall judgement."
            )
        return summary_text(counts)

    def level_counts(self, pupil_id: uuid.UUID) -> dict[str, int]:
        counts = self._counts.get(pupil_id)
        if counts is None:
            counts = self._counts[pupil_id] = level_counts(self._columns, self._results, pupil_id)
        return counts

    def _term_grade_data(self, pupil_id: uuid.UUID, role: int) -> Any:
        cell = self._grades.get(pupil_id)
        book = self._book
        grade = None if cell is None else cell.grade
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return grade_text(grade)
        if role == SORT_ROLE:
            return (grade is None, _GRADE_ORDER.get(grade or "", 99))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        in_conflict = cell is not None and book is not None and cell.id in book.in_conflict
        if role == CONFLICT_ROLE:
            return in_conflict
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(theme.colour(_CONFLICT_FILL)) if in_conflict else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if in_conflict:
                return self.tr(
                    "A co-teacher set another term grade: choose which to keep in Conflicts."
                )
            if grade == RULES.no_basis_code:
                return self.tr("– : no basis for a grade because of absence.")
            return self.tr("Term grade {term}: your overall judgement.").format(
                term=book.term if book else ""
            )
        return None

    def _result_tip(self, col: AssessmentColumn, cell: ResultCell | None) -> str:
        lines = [f"{col.title} ({scale_name(col.scale)})"]
        if col.scale == "points" and col.max_points is not None:
            lines.append(self.tr("Maximum {max} points").format(max=col.max_points))
            if col.limits:
                limits = ", ".join(f"{step} {points}" for step, points in col.limits)
                lines.append(self.tr("Your limits (guidance only): {limits}").format(limits=limits))
        if cell is not None:
            if cell.marker:
                lines.append(marker_meaning(cell.marker))
            if col.scale == "matrix" and cell.levels:
                criteria = (
                    self._book.matrices.get(col.matrix_id) if self._book and col.matrix_id else ()
                )
                names = {c.id: c.criterion for c in criteria or ()}
                lines.extend(
                    f"{names.get(key, key)}: {level_text(level)}"
                    for key, level in cell.levels.items()
                )
            if cell.comment:
                lines.append(self.tr("Feedback: {text}").format(text=cell.comment))
            if self._book is not None and cell.id in self._book.in_conflict:
                lines.append(
                    self.tr("A co-teacher changed this too: choose which to keep in Conflicts.")
                )
        return "\n".join(lines)

    def _criteria(self, col: AssessmentColumn) -> tuple[Criterion, ...]:
        if self._book is None or col.matrix_id is None:
            return ()
        return self._book.matrices.get(col.matrix_id, ())

    # --- headers -------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or self._book is None:
            return None
        if role == COLUMN_ROLE:
            return self.column_at(section)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if section == NAME_COLUMN:
            return self.tr("Pupil")
        if section == self.summary_column():
            return self.tr("Summary")
        if section == self.term_grade_column():
            return self.tr("Term grade {term}").format(term=self._book.term)
        col = self.column_at(section)
        if col is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            when = col.date.isoformat() if col.date else self.tr("no date")
            return f"{col.title}\n{scale_name(col.scale)} · {when}"
        suffix = f" /{col.max_points}" if col.scale == "points" and col.max_points else ""
        return col.title + suffix

    # --- editing -------------------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        col = self.column_at(column)
        if column == self.term_grade_column() or (col is not None and col.scale != "matrix"):
            base |= Qt.ItemFlag.ItemIsEditable
        return base | Qt.ItemFlag.ItemNeverHasChildren

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.edit_requested.emit([(index.row(), index.column(), str(value))])
        return True


def _sort_key(col: AssessmentColumn, cell: ResultCell | None) -> tuple[int, Any]:
    """Empty cells last; points by number, grades in scale order."""
    if cell is None or (cell.is_empty()):
        return (2, 0)
    if cell.marker:
        return (1, cell.marker)
    if col.scale == "points":
        return (0, -(cell.points or 0))
    if col.scale == "grade_af":
        return (0, _GRADE_ORDER.get(cell.grade or "", 99))
    if col.scale == "pass_fail":
        return (0, PASS_FAIL_VALUES.index(cell.pass_fail) if cell.pass_fail else 9)
    held = list(cell.levels.values())
    return (0, tuple(-held.count(step) for step in reversed(RULES.criteria_steps)))

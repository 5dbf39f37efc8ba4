"""Bedömning: the gradebook of one group and subject at a time.

Pupils down, assessments across, the summary (counts per level) and the
term grade at the right. Typing, pasting, clearing and undoing write on the
DB worker (gradebook_writes); the page shows the value at once and reloads
from the cache after the write. Nothing here computes a grade.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop.models.gradebook_model import GradebookModel
from desktop.models.gradebook_texts import assessment_type_text, marker_text, refusal_text
from desktop.pages.assessment.assessment_dialog import open_new_assessment
from desktop.pages.assessment.evidence_panel import EvidencePanel
from desktop.pages.assessment.gradebook_exports import export_csv, export_pdf, export_pupil_pdf
from desktop.pages.assessment.gradebook_filter import GradebookFilter
from desktop.pages.assessment.gradebook_table import GradebookTable, block_text, parse_block
from desktop.pages.assessment.gradebook_writes import (
    ASSESSMENT_CHANGES,
    check_entry,
    plan_clear,
    plan_paste,
    target_at,
    write_failed,
)
from desktop.pages.assessment.history_dialog import open_history
from desktop.pages.assessment.levels_dialog import open_levels
from desktop.pages.assessment.matrix_dialog import open_matrices
from desktop.pages.attendance.statistics_view import previous_term
from desktop.pages.page import (
    Page,
    PageServices,
    empty_state,
    not_downloaded_yet,
    page_heading,
    row_layout,
)
from desktop.task_runner import Task
from local_db import repositories
from local_db.assessment.entry import EntryRefused
from local_db.assessment.gradebook import gradebook_activities, load_gradebook
from local_db.assessment.grading import Entry, UndoStep, undo, write_entries
from local_db.assessment.views import ActivityChoice, Gradebook
from local_db.attendance.statistics import activity_attendance
from local_db.attendance.views import AttendanceSums
from sync_protocol.kinds.assessment import RESULT_MARKERS
from sync_protocol.terms import parse_term, term_for
from sync_protocol.vocabularies import ASSESSMENT_TYPES

log = logging.getLogger(__name__)

#: How many steps Ctrl+Z can go back.
UNDO_DEPTH = 100


@dataclass(frozen=True)
class GradebookData:
    synced: bool
    activities: list[ActivityChoice]
    book: Gradebook | None
    #: Each pupil's attendance in this subject this term (the evidence panel);
    #: None: the page's copy still holds (only grades changed since it was read).
    absence: dict[uuid.UUID, AttendanceSums] | None
    absence_for: tuple[uuid.UUID, str] | None = None


class AssessmentPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("assessmentPage")
        heading, _title, self.subtitle = page_heading(self.title())
        self.activity_id: uuid.UUID | None = None
        self.term = term_for(services.today()).code
        self.undo_steps: list[UndoStep] = []
        #: The dialog open last (tests and screenshots reach it here).
        self.last_dialog: QDialog | None = None

        self.model = GradebookModel(self)
        self.model.edit_requested.connect(self._typed)
        self.proxy = GradebookFilter(self.model, self)
        self.table = GradebookTable()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Gradebook: pupils down, assessments across"))
        self.table.copy_requested.connect(self.copy_selection)
        self.table.paste_requested.connect(self.paste_clipboard)
        self.table.clear_requested.connect(self.clear_selection)
        self.table.undo_requested.connect(self.undo_last)
        self.table.matrix_cell_opened.connect(self._open_matrix_cell)

        self.message_label = QLabel()
        self.message_label.setObjectName("noticeLabel")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        hint = QLabel(
            self.tr(
                "Type a value: Enter moves down, Tab moves right. Ctrl+C and Ctrl+V copy and "
                "paste blocks to and from Excel; Delete clears; Ctrl+Z undoes. F2 or a "
                "double-click opens a matrix cell. Markers: {markers}"
            ).format(markers=", ".join(marker_text(m) for m in RESULT_MARKERS))
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)

        self.empty = empty_state("")
        self.evidence = EvidencePanel()
        self.absence: dict[uuid.UUID, AttendanceSums] = {}
        #: The (activity, term) self.absence was read for; None: read it again.
        self.absence_for: tuple[uuid.UUID, str] | None = None
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_evidence())
        self.model.modelReset.connect(self._show_evidence)
        self.model.dataChanged.connect(lambda *_: self._show_evidence())
        self.split = QSplitter()
        self.split.addWidget(self.table)
        self.split.addWidget(self.evidence)
        self.split.setStretchFactor(0, 4)
        self.split.setStretchFactor(1, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.split)
        self.stack.addWidget(self.empty)

        choices = self._make_choices()
        self._apply_period()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(choices)
        layout.addWidget(self.message_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(hint)

    def _make_choices(self) -> QVBoxLayout:
        """The group, term and kind choices, and the buttons under them (one row
        is too narrow for both on a laptop)."""
        self.activity_combo = QComboBox()
        self.activity_combo.setObjectName("gradebookActivity")
        self.activity_combo.setAccessibleName(self.tr("Group and subject"))
        self.activity_combo.setMinimumWidth(220)
        self.activity_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activity_combo.activated.connect(self._activity_chosen)
        self.term_combo = QComboBox()
        self.term_combo.setAccessibleName(self.tr("Term"))
        this_term = term_for(self.services.today())
        for term in (this_term, previous_term(this_term)):
            self.term_combo.addItem(term.code, term.code)
        self.term_combo.activated.connect(self._term_chosen)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Show assessments of kind"))
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in ASSESSMENT_TYPES:
            self.kind_combo.addItem(assessment_type_text(kind), kind)
        self.kind_combo.activated.connect(
            lambda _i: self.proxy.set_kind(self.kind_combo.currentData())
        )
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName(self.tr("Show assessments from"))
        self.period_combo.addItem(self.tr("This term's assessments"), True)
        self.period_combo.addItem(self.tr("All assessments"), False)
        self.period_combo.activated.connect(lambda _i: self._apply_period())
        self.new_button = QPushButton(self.tr("New assessment…"))
        self.new_button.clicked.connect(self._new_assessment)
        self.matrix_button = QPushButton(self.tr("Matrices…"))
        self.matrix_button.clicked.connect(self._open_matrices)
        self.history_button = QPushButton(self.tr("Grade history…"))
        self.history_button.setToolTip(
            self.tr("Every change of the selected pupil's term grade, kept by the school's server")
        )
        self.history_button.clicked.connect(self.show_history)
        self.columns_button = QToolButton()
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setAccessibleName(self.tr("Show or hide assessment columns"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self.columns_button)
        self.columns_button.setMenu(self.columns_menu)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.addAction(self.tr("Gradebook as CSV (Excel)…"), self._export_csv)
        export_menu.addAction(self.tr("Gradebook as PDF…"), self._export_pdf)
        export_menu.addAction(self.tr("Selected pupil's summary as PDF…"), self._export_pupil)
        self.export_button.setMenu(export_menu)

        choices = QVBoxLayout()
        choices.setSpacing(8)
        choices.addLayout(
            row_layout(self.activity_combo, self.term_combo, self.kind_combo, self.period_combo)
        )
        choices.addLayout(
            row_layout(
                self.new_button,
                self.matrix_button,
                self.history_button,
                self.columns_button,
                self.export_button,
            )
        )
        return choices

    def title(self) -> str:
        return self.tr("Assessment")

    def as_widget(self) -> QWidget:
        return self

    # --- loading ----------------------------------------------------------------

    def refresh(self) -> None:
        teacher, chosen, term = self.services.teacher_id, self.activity_id, self.term
        today, held = self.services.today(), self.absence_for

        def query(conn: Connection) -> GradebookData:
            synced = repositories.sync_status(conn).has_synced_once
            activities = gradebook_activities(conn, teacher)
            ids = [a.id for a in activities]
            pick = chosen if chosen in ids else (ids[0] if ids else None)
            book = None if pick is None else load_gradebook(conn, pick, term)
            if book is None:
                return GradebookData(synced, activities, None, {})
            key = (book.activity.id, term)
            if key == held:
                return GradebookData(synced, activities, book, None, key)
            period = parse_term(term)
            absence = activity_attendance(conn, key[0], period.start, min(today, period.end))
            return GradebookData(synced, activities, book, absence, key)

        self.services.read(query, self._show, self)

    def _show(self, data: GradebookData) -> None:
        self.activity_combo.blockSignals(True)
        self.activity_combo.clear()
        for choice in data.activities:
            self.activity_combo.addItem(choice.name, choice.id)
        book = data.book
        self.activity_id = None if book is None else book.activity.id
        if book is not None:
            ids = [self.activity_combo.itemData(n) for n in range(self.activity_combo.count())]
            self.activity_combo.setCurrentIndex(ids.index(book.activity.id))
        self.activity_combo.blockSignals(False)
        current = self.table.currentIndex()
        self.model.set_gradebook(book)
        if data.absence is not None:
            self.absence, self.absence_for = data.absence, data.absence_for
        self._fill_columns_menu()
        if current.isValid() and book is not None:
            self.table.setCurrentIndex(self.proxy.index(current.row(), current.column()))
        self.subtitle.setText(self._subtitle(book))
        for widget in (
            self.new_button,
            self.matrix_button,
            self.history_button,
            self.columns_button,
            self.export_button,
        ):
            widget.setEnabled(book is not None)
        if not data.synced:
            self._empty(not_downloaded_yet())
        elif not data.activities:
            self._empty(self.tr("You don't teach any group yet, so there is nothing to assess."))
        elif book is not None and not book.pupils:
            self._empty(self.tr("No pupils are in this group this term."))
        else:
            self.stack.setCurrentWidget(self.split)
            if book is not None and not book.assessments:
                self.show_message(
                    self.tr(
                        "No assessments yet in {group}. Press “New assessment…” to add a "
                        "test or an assignment; the term grade column is ready already."
                    ).format(group=book.activity.name)
                )
        self.loaded.emit()

    def _on_data_changed(self, changes: object) -> None:
        # A grade written here leaves attendance as it was: read it again
        # only after other changes (a sync, a roll call).
        if not (isinstance(changes, frozenset) and changes <= ASSESSMENT_CHANGES):
            self.absence_for = None
        super()._on_data_changed(changes)

    def _show_evidence(self) -> None:
        index = self.table.currentIndex()
        pupil = None
        if index.isValid():
            pupil = self.model.pupil_at(self.proxy.mapToSource(index).row())
        self.evidence.show_pupil(self.model.gradebook(), pupil, self.absence)

    def _empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def _subtitle(self, book: Gradebook | None) -> str:
        if book is None:
            return ""
        return self.tr("{group} · {term} · {pupils} pupils · {count} assessments").format(
            group=book.activity.name,
            term=book.term,
            pupils=len(book.pupils),
            count=len(book.assessments),
        )

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        for column in self.model.assessment_columns():
            action = QAction(column.title, self.columns_menu)
            action.setCheckable(True)
            action.setChecked(column.id not in self.proxy.hidden)
            action.toggled.connect(lambda shown, cid=column.id: self._toggle_column(cid, shown))
            self.columns_menu.addAction(action)

    def _toggle_column(self, column_id: uuid.UUID, shown: bool) -> None:
        hidden = set(self.proxy.hidden)
        if shown:
            hidden.discard(column_id)
        else:
            hidden.add(column_id)
        self.proxy.set_hidden(hidden)

    def _activity_chosen(self, _index: int) -> None:
        self.activity_id = self.activity_combo.currentData()
        self.undo_steps.clear()
        self.refresh()

    def _term_chosen(self, _index: int) -> None:
        self.term = self.term_combo.currentData()
        self.undo_steps.clear()
        self._apply_period()
        self.refresh()

    def _apply_period(self) -> None:
        """By default the chosen term's assessments (undated ones always show)."""
        if self.period_combo.currentData():
            term = parse_term(self.term)
            self.proxy.set_period((term.start, term.end))
        else:
            self.proxy.set_period(None)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # --- writes ---------------------------------------------------------------

    def _typed(self, cells: list[tuple[int, int, str]]) -> None:
        entries: list[Entry] = []
        for row, column, text in cells:
            # The model sees source positions: find the proxy's for target_at.
            proxy_index = self.proxy.mapFromSource(self.model.index(row, column))
            target = target_at(self.model, self.proxy, proxy_index.row(), proxy_index.column())
            if target is not None:
                entries.append((target.pupil, target.column, text))
        self.write(entries)

    def write(self, entries: list[Entry]) -> None:
        """Check, then write on the DB worker; one undo step."""
        book = self.model.gradebook()
        if book is None or not entries:
            return
        try:
            for entry in entries:
                check_entry(entry)
        except EntryRefused as refused:
            self.show_message(refusal_text(refused))
            return
        self.show_message("")
        self.model.show_entries(entries)  # on screen at once; the reload after the write agrees
        self.run_write(
            lambda conn: write_entries(conn, book, entries, actor=self.services.teacher_id),
            typed=entries,
        )

    def run_write(
        self,
        work: Callable[[Connection], object],
        *,
        undoing: bool = False,
        typed: list[Entry] | None = None,
    ) -> None:
        """One write transaction on the DB worker; an UndoStep it returns can be undone."""
        session = self.services.session

        def run(_context: object) -> object:
            if session.closed:
                return None
            with session.cache.begin() as conn:
                return work(conn)

        def done(step: object) -> None:
            if isinstance(step, UndoStep) and step and not undoing:
                self.undo_steps.append(step)
                del self.undo_steps[:-UNDO_DEPTH]

        def failed(exc: Exception) -> None:
            write_failed(self, exc, typed)
            self.refresh()

        self.services.runner.run_db(
            Task(
                run=run, on_success=done, on_failure=failed, owner=self, changes=ASSESSMENT_CHANGES
            )
        )

    def undo_last(self) -> None:
        if not self.undo_steps:
            self.show_message(self.tr("Nothing to undo."))
            return
        step = self.undo_steps.pop()
        self.show_message("")
        self.run_write(lambda conn: undo(conn, step, actor=self.services.teacher_id), undoing=True)

    def clear_selection(self) -> None:
        block = self.table.selected_block()
        if block is not None:
            self.write(plan_clear(self.model, self.proxy, block))

    def copy_selection(self) -> None:
        block = self.table.selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        rows = [
            [
                str(self.proxy.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "")
                for c in range(left, right + 1)
            ]
            for r in range(top, bottom + 1)
        ]
        QGuiApplication.clipboard().setText(block_text(rows))

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        block = self.table.selected_block()
        if block is None:
            return
        top, left, bottom, right = block
        fill = (bottom - top + 1, right - left + 1)
        try:
            entries = plan_paste(self.model, self.proxy, (top, left), parse_block(text), fill=fill)
        except EntryRefused as refused:
            self.show_message(refusal_text(refused))
            return
        self.write(entries)

    # --- dialogs ---------------------------------------------------------------

    def _new_assessment(self) -> None:
        open_new_assessment(self)

    def _open_matrices(self) -> None:
        open_matrices(self)

    def show_history(self) -> None:
        index = self.table.currentIndex()
        pupil = None
        if index.isValid():
            pupil = self.model.pupil_at(self.proxy.mapToSource(index).row())
        if pupil is None:
            self.show_message(self.tr("Select a pupil's row first."))
            return
        open_history(self, pupil)

    def _open_matrix_cell(self, index: QModelIndex) -> None:
        target = target_at(self.model, self.proxy, index.row(), index.column())
        if target is not None and target.column is not None and target.column.scale == "matrix":
            open_levels(self, target.pupil, target.column)

    def _export_csv(self) -> None:
        export_csv(self)

    def _export_pdf(self) -> None:
        export_pdf(self)

    def _export_pupil(self) -> None:
        export_pupil_pdf(self)

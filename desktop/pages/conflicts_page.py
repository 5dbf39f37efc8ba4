"""Conflicts: what needs a teacher's decision, and what colleagues changed.

At the top, "For your information": notices of attendance and other
latest-wins edits settled against this teacher, each with Dismiss
(local_db.conflicts.acknowledge_notice). Below, the conflicts to decide: a
list (pupil, what, field, with whom, when) and the chosen one side by side
(conflict_detail.py). A decision is one click: written on the DB worker
(resolve_conflict, into the outbox like any edit), then a sync is asked for
at once so the colleague sees it soon.

When a colleague decided first, the conflict disappears after the next
sync and a short note says who decided it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop.error_messages import user_message
from desktop.models.conflict_table_model import ConflictTableModel
from desktop.models.conflict_texts import notice_sentence, notice_when, person, what_text
from desktop.pages.conflict_detail import ConflictDetail
from desktop.pages.page import Page, PageServices, empty_state, page_heading
from desktop.task_runner import Task
from local_db.conflicts import acknowledge_notice, resolve_conflict
from local_db.edits import InvalidEdit
from local_db.repositories.sync_overview import ConflictsSnapshot, NoticeItem, conflicts_snapshot

log = logging.getLogger(__name__)

#: Rows of the list shown without scrolling; the detail below gets the rest.
VISIBLE_ROWS = 5

#: What a decision or a dismissed notice broadcasts (it is a local edit: sync follows).
CONFLICT_CHANGES = frozenset({"conflicts"})


class NoticeCard(QFrame):
    dismiss_requested = Signal(uuid.UUID)

    def __init__(self, item: NoticeItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeCard")
        self.item = item
        text = QLabel(notice_sentence(item))
        text.setWordWrap(True)
        when = QLabel(notice_when(item))
        when.setObjectName("hintLabel")
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("I have seen this"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss: {text}").format(text=text.text()))
        self.dismiss_button.clicked.connect(lambda: self.dismiss_requested.emit(item.view.id))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 10, 8)
        row.setSpacing(10)
        row.addWidget(text, 1)
        row.addWidget(when)
        row.addWidget(self.dismiss_button)


class ConflictsPage(Page):
    #: A decision was saved locally: sync now so colleagues see it.
    decision_saved = Signal()

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("conflictsPage")
        self.snapshot = ConflictsSnapshot((), (), ())
        #: Conflicts this teacher decided here (no "a colleague decided" note for them).
        self._decided_here: set[uuid.UUID] = set()
        self._busy: uuid.UUID | None = None
        self._selected: uuid.UUID | None = None
        self.notice_cards: list[NoticeCard] = []

        heading, _title, _subtitle = page_heading(
            self.title(),
            self.tr("When you and a colleague change the same thing, you decide here what counts."),
        )
        self.note = QLabel()
        self.note.setObjectName("noticeLabel")
        self.note.setWordWrap(True)
        self.note.hide()

        self.notices_box = self._notices_section()
        self.decide_box = self._decide_section()
        self.empty = empty_state(
            self.tr(
                "Nothing to decide. If you and a colleague change the same grade or text "
                "at the same time, it shows up here, and nothing is changed until one of "
                "you decides."
            )
        )
        self.decide_stack = QStackedWidget()
        self.decide_stack.addWidget(self.empty)
        self.decide_stack.addWidget(self.decide_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addWidget(self.notices_box)
        layout.addWidget(self.decide_title)
        layout.addWidget(self.decide_stack, 1)
        self.notices_box.hide()

    def _notices_section(self) -> QWidget:
        box = QWidget()
        notices_layout = QVBoxLayout(box)
        notices_layout.setContentsMargins(0, 0, 0, 0)
        notices_layout.setSpacing(6)
        notices_title = QLabel(self.tr("For your information"))
        notices_title.setObjectName("sectionTitle")
        notices_layout.addWidget(notices_title)
        self.notice_list = QWidget()
        self.notice_list.setObjectName("issueList")
        self.notice_layout = QVBoxLayout(self.notice_list)
        self.notice_layout.setContentsMargins(0, 0, 0, 0)
        self.notice_layout.setSpacing(6)
        notice_scroll = QScrollArea()
        notice_scroll.setObjectName("issueScroll")
        notice_scroll.setWidgetResizable(True)
        notice_scroll.setFrameShape(QFrame.Shape.NoFrame)
        notice_scroll.setWidget(self.notice_list)
        notice_scroll.setMaximumHeight(170)
        notices_layout.addWidget(notice_scroll)
        return box

    def _decide_section(self) -> QWidget:
        self.decide_title = QLabel(self.tr("To decide"))
        self.decide_title.setObjectName("sectionTitle")
        self.model = ConflictTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("conflictTable")
        self.table.setAccessibleName(self.tr("Conflicts to decide"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ConflictTableModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = ConflictDetail()
        self.detail.decided.connect(self.decide)
        self.detail_stack = QStackedWidget()
        self.pick_label = empty_state(self.tr("Choose a conflict in the list."))
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("detailScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setWidget(self.detail)
        self.detail_stack.addWidget(self.pick_label)
        self.detail_stack.addWidget(self.detail_scroll)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self.table)
        column.addWidget(self.detail_stack, 1)
        return box

    def title(self) -> str:
        return self.tr("Conflicts")

    # --- reading ---------------------------------------------------------------

    def refresh(self) -> None:
        me = self.services.teacher_id
        shown = {item.view.id for item in self.snapshot.conflicts}

        def read(conn: Connection) -> ConflictsSnapshot:
            return conflicts_snapshot(conn, me, shown)

        self.services.read(read, self._show, self)

    def _show(self, snapshot: ConflictsSnapshot) -> None:
        self.snapshot = snapshot
        self._show_settled(snapshot)
        self._show_notices(snapshot.notices)
        selected = self._selected
        self.model.set_rows(snapshot.conflicts)
        self.decide_stack.setCurrentWidget(self.decide_box if snapshot.conflicts else self.empty)
        self._fit_table()
        row = self.model.row_of(selected) if selected is not None else -1
        if row < 0 and snapshot.conflicts:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            item = self.model.row_at(row)
            if item is not None:
                self._open(item.view.id)
        else:
            self._selected = None
            self.detail_stack.setCurrentWidget(self.pick_label)
        self.loaded.emit()

    def _fit_table(self) -> None:
        """As tall as its rows (up to VISIBLE_ROWS): the detail gets the rest."""
        rows = min(max(self.model.rowCount(), 1), VISIBLE_ROWS)
        header = self.table.horizontalHeader().sizeHint().height()
        height = header + rows * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)

    def _show_settled(self, snapshot: ConflictsSnapshot) -> None:
        previous = {item.view.id: item for item in self.model.rows()}
        notes = []
        for settled in snapshot.settled:
            if settled.id in self._decided_here or settled.by_id == self.services.teacher_id:
                continue
            item = previous.get(settled.id)
            what = what_text(item) if item is not None else self.tr("a conflict")
            pupil = item.view.pupil_name if item is not None else None
            if pupil:
                what = self.tr("{what} for {pupil}").format(what=what, pupil=pupil)
            if settled.state == "gone" or settled.by_name is None:
                notes.append(self.tr("{what} was settled on another computer.").format(what=what))
            else:
                notes.append(
                    self.tr("{name} has already decided {what}.").format(
                        name=person(settled.by_name), what=what
                    )
                )
        if notes:
            self.note.setText(" ".join(notes))
            self.note.show()

    def _show_notices(self, notices: Sequence[NoticeItem]) -> None:
        for card in self.notice_cards:
            card.deleteLater()
        self.notice_cards = []
        for item in notices:
            card = NoticeCard(item)
            card.dismiss_requested.connect(self.dismiss_notice)
            self.notice_layout.addWidget(card)
            self.notice_cards.append(card)
        self.notices_box.setVisible(bool(notices))

    # --- choosing --------------------------------------------------------------

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        item = self.model.row_at(indexes[0].row())
        if item is not None and item.view.id != self._selected:
            self._open(item.view.id)

    def _open(self, conflict_id: uuid.UUID) -> None:
        row = self.model.row_of(conflict_id)
        item = self.model.row_at(row)
        if item is None:
            return
        if self._selected != conflict_id or self.detail.item != item:
            self.detail.show_conflict(item)
        self._selected = conflict_id
        self.detail.set_busy(self._busy == conflict_id)
        self.detail_stack.setCurrentWidget(self.detail_scroll)

    def select_conflict(self, conflict_id: uuid.UUID) -> None:
        row = self.model.row_of(conflict_id)
        if row >= 0:
            self.table.selectRow(row)

    # --- writing ---------------------------------------------------------------

    def decide(self, conflict_id: uuid.UUID, chosen_json: str) -> None:
        """One click: write the decision on the DB worker, then sync."""
        if self._busy is not None:
            return
        self._busy = conflict_id
        self.detail.set_busy(True)
        self.note.hide()
        session, actor = self.services.session, self.services.teacher_id

        def run(_context: object) -> bool:
            if session.closed:
                return False
            with session.cache.begin() as conn:
                resolve_conflict(conn, conflict_id, chosen_json, actor)
            return True

        self.services.runner.run_db(
            Task(
                run=run,
                on_success=lambda saved: self._decided(conflict_id, saved),
                on_failure=self._write_failed,
                owner=self,
                changes=CONFLICT_CHANGES,
            )
        )

    def _decided(self, conflict_id: uuid.UUID, saved: bool) -> None:
        self._busy = None
        if saved:
            self._decided_here.add(conflict_id)
            self.decision_saved.emit()

    def dismiss_notice(self, notice_id: uuid.UUID) -> None:
        session, actor = self.services.session, self.services.teacher_id
        for card in self.notice_cards:
            if card.item.view.id == notice_id:
                card.dismiss_button.setEnabled(False)

        def run(_context: object) -> bool:
            if session.closed:
                return False
            with session.cache.begin() as conn:
                acknowledge_notice(conn, notice_id, actor)
            return True

        self.services.runner.run_db(
            Task(
                run=run,
                on_success=lambda saved: self.decision_saved.emit() if saved else None,
                on_failure=self._write_failed,
                owner=self,
                changes=CONFLICT_CHANGES,
            )
        )

    def _write_failed(self, exc: Exception) -> None:
        self._busy = None
        if isinstance(exc, InvalidEdit):
            # Settled meanwhile (a sync brought a colleague's decision).
            self.note.setText(
                self.tr("This was already settled, so nothing was changed. The list is updated.")
            )
        else:
            log.error("saving a decision failed", exc_info=(type(exc), exc, exc.__traceback__))
            self.note.setText(
                user_message(exc)
                or self.tr(
                    "Sorry, the decision could not be saved; nothing was changed. "
                    "Details are in Klassbok's log."
                )
            )
        self.note.show()
        self.detail.set_busy(False)
        self.refresh()

"""Attendance: today's roll calls and the ones still to take, the roll call
itself, and statistics.

The roll call replaces the lists while it is open (Esc or "← Lessons"
goes back); Today opens it directly for the current or next lesson.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTableView, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import Connection

from desktop import local_time
from desktop.models.lesson_table_model import LessonTableModel
from desktop.models.missing_roll_call_model import MissingRollCallModel
from desktop.pages.attendance.roll_call_view import RollCallView
from desktop.pages.attendance.statistics_view import StatisticsView
from desktop.pages.lesson_views import configure_table, make_lesson_table
from desktop.pages.page import Page, PageServices, empty_state, not_downloaded_yet, page_heading
from local_db import repositories
from local_db.attendance import lessons_without_roll_call
from local_db.views import LessonView
from sync_protocol.terms import term_for


@dataclass(frozen=True)
class RollCallLists:
    day: dt.date
    today: list[LessonView]
    missing: list[LessonView]
    synced: bool = True


def load_roll_call_lists(conn: Connection, services: PageServices, day: dt.date) -> RollCallLists:
    """DB worker: today's lessons, and earlier lessons of the term without roll call."""
    teacher = services.teacher_id
    synced = repositories.sync_status(conn).has_synced_once
    if teacher is None:
        return RollCallLists(day, [], [], synced)
    start, end = local_time.day_bounds_utc(day)
    today = repositories.lessons_between(conn, start, end, teacher, True)
    term_start, _ = local_time.day_bounds_utc(term_for(day).start)
    missing = lessons_without_roll_call(conn, teacher, term_start, start)
    return RollCallLists(day, today, missing, synced)


def make_missing_table(model: MissingRollCallModel) -> QTableView:
    view = QTableView()
    view.setObjectName("missingRollCalls")
    view.setModel(model)
    configure_table(view, MissingRollCallModel.LESSON)
    return view


class AttendancePage(Page):
    pupil_activated = Signal(object)

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("attendancePage")
        heading, _title, self.subtitle = page_heading(self.title())

        self.today_model = LessonTableModel(self)
        self.today_table = make_lesson_table(self.today_model)
        self.today_table.setAccessibleName(self.tr("Today's lessons and their roll call"))
        self.today_table.activated.connect(
            lambda index: self._open_row(self.today_model.row_at(index.row()))
        )
        self.missing_title = QLabel()
        self.missing_title.setObjectName("sectionTitle")
        self.missing_model = MissingRollCallModel(self)
        self.missing_table = make_missing_table(self.missing_model)
        self.missing_table.setAccessibleName(self.tr("Earlier lessons without roll call"))
        self.missing_table.activated.connect(self._open_missing)

        lists = QWidget()
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 12, 0, 0)
        lists_layout.setSpacing(10)
        hint = QLabel(self.tr("Press Enter or double-click a lesson to take its roll call."))
        hint.setObjectName("hintLabel")
        lists_layout.addWidget(hint)
        self.today_empty = empty_state("")
        self.today_stack = QStackedWidget()
        self.today_stack.addWidget(self.today_table)
        self.today_stack.addWidget(self.today_empty)
        lists_layout.addWidget(self.today_stack, 3)
        lists_layout.addWidget(self.missing_title)
        lists_layout.addWidget(self.missing_table, 2)

        self.statistics = StatisticsView(services)
        self.statistics.pupil_activated.connect(self.pupil_activated)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("attendanceTabs")
        self.tabs.tabBar().setAccessibleName(self.tr("Attendance views"))
        self.tabs.addTab(lists, self.tr("Roll calls"))
        self.tabs.addTab(self.statistics, self.tr("Statistics"))
        self.tabs.currentChanged.connect(lambda _index: self.refresh())

        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(32, 28, 32, 20)
        overview_layout.setSpacing(8)
        overview_layout.addWidget(heading)
        overview_layout.addWidget(self.tabs, 1)

        self.roll_call = RollCallView(services)
        self.roll_call.back_requested.connect(self.show_overview)
        self.stack = QStackedWidget()
        self.stack.addWidget(overview)
        self.stack.addWidget(self.roll_call)
        self.overview = overview
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def title(self) -> str:
        return self.tr("Attendance")

    def _on_data_changed(self, changes: object) -> None:
        if self.stack.currentWidget() is self.roll_call:
            return  # the open roll call re-reads itself (and only itself)
        super()._on_data_changed(changes)

    # --- what is shown -----------------------------------------------------------

    def open_roll_call(self, lesson_id: uuid.UUID) -> None:
        self.stack.setCurrentWidget(self.roll_call)
        self.roll_call.open_lesson(lesson_id)
        self.roll_call.table.setFocus()

    def show_overview(self) -> None:
        self.stack.setCurrentWidget(self.overview)
        self.refresh()  # marks were made meanwhile: the lists changed
        self.today_table.setFocus()

    def show_statistics(self) -> None:
        self.stack.setCurrentWidget(self.overview)
        self.tabs.setCurrentWidget(self.statistics)

    def refresh(self) -> None:
        if self.stack.currentWidget() is self.roll_call:
            self.roll_call.refresh()
            self.loaded.emit()
            return
        if self.tabs.currentWidget() is self.statistics:
            self.statistics.refresh()
            self.loaded.emit()
            return
        day, services = self.services.today(), self.services
        services.read(
            lambda conn: load_roll_call_lists(conn, services, day), self._show, owner=self
        )

    def _show(self, result: RollCallLists) -> None:
        self.today_model.set_rows(result.today)
        self.today_model.set_now(self.services.now())
        taken = sum(1 for lesson in result.today if lesson.registered)
        due = sum(1 for lesson in result.today if not lesson.cancelled)
        self.subtitle.setText(
            self.tr("{date} · roll call taken for {taken} of {due} lessons today").format(
                date=local_time.long_date(result.day), taken=taken, due=due
            )
        )
        if not result.synced:
            self.today_empty.setText(not_downloaded_yet())
        else:
            self.today_empty.setText(
                self.tr(
                    "You have no lessons today, so there is no roll call to take. "
                    "Lessons of other days are in the Timetable (Ctrl+2)."
                )
            )
        self.today_stack.setCurrentWidget(self.today_table if result.today else self.today_empty)
        self.missing_model.set_rows(result.missing)
        if result.missing:
            self.missing_title.setText(
                self.tr("Earlier this term, roll call not taken (%n)", "", len(result.missing))
            )
        else:
            self.missing_title.setText(self.tr("Every earlier roll call this term is taken."))
        self.missing_table.setVisible(bool(result.missing))
        self.loaded.emit()

    def _open_missing(self, index: QModelIndex) -> None:
        self._open_row(self.missing_model.row_at(index.row()))

    def _open_row(self, lesson: LessonView | None) -> None:
        if lesson is not None:
            self.open_roll_call(lesson.id)

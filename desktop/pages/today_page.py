"""Today: the teacher's lessons of the day, the current or next one first in mind.

One click (or Enter) opens the roll call of the current or next lesson; the
lesson table opens any lesson's roll call; below it, earlier lessons of the
term whose roll call was never taken.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop import local_time
from desktop.models.lesson_table_model import LessonTableModel, LessonTiming, lesson_title
from desktop.models.missing_roll_call_model import MissingRollCallModel
from desktop.pages.attendance.attendance_page import make_missing_table
from desktop.pages.lesson_views import make_lesson_table
from desktop.pages.page import Page, PageServices, empty_state, not_downloaded_yet, page_heading
from local_db import repositories
from local_db.attendance import lessons_without_roll_call
from local_db.views import LessonView, SyncStatus
from sync_protocol.terms import term_for

#: How often the current/next marking moves on (no database work).
TICK_MS = 30_000


@dataclass(frozen=True)
class DayLessons:
    day: dt.date
    lessons: list[LessonView]
    status: SyncStatus
    #: Earlier lessons of the term whose roll call was never taken, newest first.
    missing: list[LessonView] = field(default_factory=list)


def load_day(
    conn: Connection, services: PageServices, day: dt.date, with_missing: bool = False
) -> DayLessons:
    """DB worker: the teacher's own lessons of one school day, and the sync state."""
    teacher = services.teacher_id
    lessons: list[LessonView] = []
    missing: list[LessonView] = []
    if teacher is not None:
        start, end = local_time.day_bounds_utc(day)
        lessons = repositories.lessons_between(conn, start, end, teacher, True)
        if with_missing:
            term_start, _ = local_time.day_bounds_utc(term_for(day).start)
            missing = lessons_without_roll_call(conn, teacher, term_start, start)
    return DayLessons(day, lessons, repositories.sync_status(conn), missing)


class TodayPage(Page):
    #: A lesson's roll call should open (the window shows Attendance).
    roll_call_requested = Signal(object)

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("todayPage")
        self.model = LessonTableModel(self)
        heading, _title, self.date_label = page_heading(self.title())

        self.now_card = QLabel()
        self.now_card.setObjectName("nowCardText")
        self.now_card.setWordWrap(True)
        self.roll_call_button = QPushButton(self.tr("Take roll call"))
        self.roll_call_button.setObjectName("primaryButton")
        self.roll_call_button.setAutoDefault(True)  # Enter clicks it when it has focus
        self.roll_call_button.clicked.connect(self._open_now_or_next)
        self.card = QFrame()
        self.card.setObjectName("nowCard")
        card_row = QHBoxLayout(self.card)
        card_row.setContentsMargins(0, 0, 0, 0)
        card_row.addWidget(self.now_card, 1)
        card_row.addWidget(self.roll_call_button)
        self.card.hide()
        self._roll_call_lesson: uuid.UUID | None = None
        self._focused_once = False

        self.table = make_lesson_table(self.model)
        self.table.setAccessibleName(self.tr("Today's lessons"))
        self.table.setToolTip(self.tr("Enter or double-click: take the lesson's roll call"))
        self.table.activated.connect(self._lesson_activated)
        self.empty = empty_state("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.missing_title = QLabel()
        self.missing_title.setObjectName("sectionTitle")
        self.missing_model = MissingRollCallModel(self)
        self.missing_table = make_missing_table(self.missing_model)
        self.missing_table.setAccessibleName(self.tr("Earlier lessons without roll call"))
        self.missing_table.activated.connect(self._missing_activated)
        self.missing_title.hide()
        self.missing_table.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(self.card)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.missing_title)
        layout.addWidget(self.missing_table)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._day: dt.date | None = None

    def title(self) -> str:
        return self.tr("Today")

    def refresh(self) -> None:
        day = self.services.today()
        services = self.services
        services.read(lambda conn: load_day(conn, services, day, True), self._show, owner=self)

    def _show(self, result: DayLessons) -> None:
        self._day = result.day
        self.date_label.setText(
            self.tr("{date} · week {week}").format(
                date=local_time.long_date(result.day), week=local_time.iso_week(result.day)
            )
        )
        self.model.set_rows(result.lessons)
        self.model.set_now(self.services.now())
        if result.lessons:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.setText(self._empty_text(result))
            self.stack.setCurrentWidget(self.empty)
        self._update_now_card()
        self._show_missing(result.missing)
        if not self._focused_once and self._roll_call_lesson is not None:
            # At start the lesson at hand is one key away: Enter takes its roll call.
            self._focused_once = True
            self.roll_call_button.setFocus()
        self.loaded.emit()

    def _show_missing(self, missing: list[LessonView]) -> None:
        self.missing_model.set_rows(missing)
        self.missing_title.setText(
            self.tr("Earlier this term, roll call not taken (%n)", "", len(missing))
        )
        self.missing_title.setVisible(bool(missing))
        self.missing_table.setVisible(bool(missing))
        # As tall as its rows (up to five; then it scrolls): no empty box.
        header = self.missing_table.horizontalHeader().sizeHint().height()
        self.missing_table.setFixedHeight(header + min(5, max(1, len(missing))) * 40 + 4)

    def _lesson_activated(self, index: QModelIndex) -> None:
        lesson = self.model.row_at(index.row())
        if lesson is not None:
            self.roll_call_requested.emit(lesson.id)

    def _missing_activated(self, index: QModelIndex) -> None:
        lesson = self.missing_model.row_at(index.row())
        if lesson is not None:
            self.roll_call_requested.emit(lesson.id)

    def _open_now_or_next(self) -> None:
        if self._roll_call_lesson is not None:
            self.roll_call_requested.emit(self._roll_call_lesson)

    def _empty_text(self, result: DayLessons) -> str:
        if not result.status.has_synced_once:
            return not_downloaded_yet()
        if result.day.weekday() >= 5:
            return self.tr(
                "No lessons today. Enjoy the weekend! Next week is in the Timetable (Ctrl+2)."
            )
        return self.tr("You have no lessons today. Your week is in the Timetable (Ctrl+2).")

    def _tick(self) -> None:
        if self._day is not None and self._day != self.services.today():
            self.refresh()  # midnight passed: a new day
            return
        self.model.set_now(self.services.now())
        self._update_now_card()

    def _update_now_card(self) -> None:
        current = next_up = None
        for lesson in self.model.rows():
            timing = self.model.timing(lesson)
            if timing is LessonTiming.CURRENT:
                current = lesson
            elif timing is LessonTiming.NEXT:
                next_up = lesson
        text = ""
        if current is not None:
            text = self.tr("Now: {lesson} until {end}").format(
                lesson=self._describe(current), end=local_time.clock(current.end_time)
            )
        elif next_up is not None:
            text = self.tr("Next: {lesson} at {start}").format(
                lesson=self._describe(next_up), start=local_time.clock(next_up.start_time)
            )
        elif self.model.rows():
            text = self.tr("No more lessons today.")
        self.now_card.setText(text)
        self.card.setVisible(bool(text))
        at_hand = current or next_up
        self._roll_call_lesson = at_hand.id if at_hand is not None else None
        self.roll_call_button.setVisible(at_hand is not None)
        if at_hand is not None:
            done = at_hand.registered
            self.roll_call_button.setText(
                self.tr("Roll call taken — open ▶") if done else self.tr("Take roll call ▶")
            )
            self.roll_call_button.setToolTip(
                self.tr("Open the roll call of {lesson} (Enter)").format(
                    lesson=lesson_title(at_hand)
                )
            )
            row = next(i for i, lesson in enumerate(self.model.rows()) if lesson.id == at_hand.id)
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(row, LessonTableModel.SUBJECT))

    def _describe(self, lesson: LessonView) -> str:
        groups = ", ".join(lesson.group_names)
        if lesson.room and groups:
            return self.tr("{title} with {groups} in {room}").format(
                title=lesson_title(lesson), groups=groups, room=lesson.room
            )
        if groups:
            return self.tr("{title} with {groups}").format(
                title=lesson_title(lesson), groups=groups
            )
        return lesson_title(lesson)

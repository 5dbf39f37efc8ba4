"""Today: the teacher's lessons of the day, the current or next one first in mind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget
from sqlalchemy import Connection

from desktop import local_time
from desktop.models.lesson_table_model import LessonTableModel, LessonTiming, lesson_title
from desktop.pages.lesson_views import make_lesson_table
from desktop.pages.page import Page, PageServices, empty_state, page_heading
from local_db import repositories
from local_db.views import LessonView, SyncStatus

#: How often the current/next marking moves on (no database work).
TICK_MS = 30_000


@dataclass(frozen=True)
class DayLessons:
    day: dt.date
    lessons: list[LessonView]
    status: SyncStatus


def load_day(conn: Connection, services: PageServices, day: dt.date) -> DayLessons:
    """DB worker: the teacher's own lessons of one school day, and the sync state."""
    teacher = services.teacher_id
    lessons: list[LessonView] = []
    if teacher is not None:
        start, end = local_time.day_bounds_utc(day)
        lessons = repositories.lessons_between(conn, start, end, teacher, True)
    return DayLessons(day, lessons, repositories.sync_status(conn))


class TodayPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("todayPage")
        self.model = LessonTableModel(self)
        heading, _title, self.date_label = page_heading(self.title())

        self.now_card = QLabel()
        self.now_card.setObjectName("nowCard")
        self.now_card.setWordWrap(True)
        self.now_card.hide()

        self.table = make_lesson_table(self.model)
        self.table.setAccessibleName(self.tr("Today's lessons"))
        self.empty = empty_state("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(self.now_card)
        layout.addWidget(self.stack, 1)

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
        services.read(lambda conn: load_day(conn, services, day), self._show, owner=self)

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
        self.loaded.emit()

    def _empty_text(self, result: DayLessons) -> str:
        if not result.status.has_synced_once:
            return self.tr(
                "Your school data hasn't been downloaded yet. Klassbok does it as soon "
                "as it can reach the server."
            )
        if result.day.weekday() >= 5:
            return self.tr("No lessons today. Enjoy the weekend!")
        return self.tr("You have no lessons today.")

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
        self.now_card.setVisible(bool(text))

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

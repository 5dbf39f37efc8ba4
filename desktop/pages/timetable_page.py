"""Timetable: one day as a table, or a school week (Mon–Fri) as five columns
of lesson cards. Previous / Today / Next move by a day or a week; all of it
works from the keyboard (Alt+Left, Alt+Right, Alt+Home; Tab between days).
Enter or a double click on a lesson opens its roll call."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop import local_time
from desktop.models.lesson_table_model import LessonTableModel
from desktop.models.rows_table_model import ROW_ROLE
from desktop.pages.lesson_views import LessonCardDelegate, make_lesson_table
from desktop.pages.page import (
    Page,
    PageServices,
    empty_state,
    not_downloaded_yet,
    page_heading,
    row_layout,
)
from local_db import repositories
from local_db.views import LessonView

SCHOOL_DAYS = 5
#: Saturday and Sunday get a column only in a week that has lessons on them.
WEEK_DAYS = 7


Period = tuple[dt.date, int, list[LessonView], bool]  # first day, days, lessons, synced


def load_lessons(conn: Connection, services: PageServices, first_day: dt.date, days: int) -> Period:
    teacher = services.teacher_id
    synced = repositories.sync_status(conn).has_synced_once
    if teacher is None:
        return first_day, days, [], synced
    start, end = local_time.day_bounds_utc(first_day, days)
    lessons = repositories.lessons_between(conn, start, end, teacher, True)
    return first_day, days, lessons, synced


class TimetablePage(Page):
    #: A lesson's roll call should open (its id).
    roll_call_requested = Signal(object)

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("timetablePage")
        self.day = services.today()
        self.week_mode = True

        heading, _title, self.period_label = page_heading(self.title())

        self.day_button = QPushButton(self.tr("&Day"))
        self.week_button = QPushButton(self.tr("&Week"))
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            button.setObjectName("segmentButton")
        self.week_button.setChecked(True)
        mode_group = QButtonGroup(self)
        mode_group.addButton(self.day_button)
        mode_group.addButton(self.week_button)
        self.day_button.clicked.connect(lambda: self.set_week_mode(False))
        self.week_button.clicked.connect(lambda: self.set_week_mode(True))

        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.previous_button.setToolTip(self.tr("Previous (Alt+Left)"))
        self.next_button.setToolTip(self.tr("Next (Alt+Right)"))
        self.today_button.setToolTip(self.tr("Back to today (Alt+Home)"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        for key, slot in (
            ("Alt+Left", lambda: self.step(-1)),
            ("Alt+Right", lambda: self.step(1)),
            ("Alt+Home", self.go_today),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        toolbar = row_layout(
            self.day_button,
            self.week_button,
            QLabel("  "),
            self.previous_button,
            self.today_button,
            self.next_button,
        )

        # Day view.
        self.day_model = LessonTableModel(self)
        self.day_table = make_lesson_table(self.day_model)
        self.day_table.setAccessibleName(self.tr("Lessons of the day"))
        self.day_table.activated.connect(self._activated)

        # Week view: one list of cards per school day.
        self.week_headers: list[QLabel] = []
        self.week_models: list[LessonTableModel] = []
        self.week_lists: list[QListView] = []
        self.week_widget = self._week_grid()

        self.empty = empty_state("")  # a day or week without lessons says so
        self.views = QStackedWidget()
        self.views.addWidget(self.day_table)
        self.views.addWidget(self.week_widget)
        self.views.addWidget(self.empty)
        self.views.setCurrentWidget(self.week_widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addLayout(toolbar)
        layout.addWidget(self.views, 1)

    def _week_grid(self) -> QWidget:
        widget = QWidget()
        grid = self._week_layout = QGridLayout(widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        delegate = LessonCardDelegate(self)
        for column in range(WEEK_DAYS):
            header = QLabel()
            header.setObjectName("dayHeader")
            model = LessonTableModel(self)
            view = QListView()
            view.setObjectName("dayColumn")
            view.setModel(model)
            view.setItemDelegate(delegate)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.activated.connect(self._activated)
            grid.addWidget(header, 0, column)
            grid.addWidget(view, 1, column)
            grid.setColumnStretch(column, 1)
            self.week_headers.append(header)
            self.week_models.append(model)
            self.week_lists.append(view)
        return widget

    def _activated(self, index: QModelIndex) -> None:
        lesson = index.data(ROW_ROLE)
        if isinstance(lesson, LessonView):
            self.roll_call_requested.emit(lesson.id)

    def title(self) -> str:
        return self.tr("Timetable")

    # --- navigation ------------------------------------------------------------

    def set_week_mode(self, week: bool) -> None:
        self.week_mode = week
        self.week_button.setChecked(week)
        self.day_button.setChecked(not week)
        self.views.setCurrentWidget(self.week_widget if week else self.day_table)
        self.refresh()

    def _show_empty(self, lessons: list[LessonView], synced: bool) -> None:
        if lessons:
            self.views.setCurrentWidget(self.week_widget if self.week_mode else self.day_table)
            return
        if not synced:
            text = not_downloaded_yet()
        elif self.week_mode:
            text = self.tr(
                "You have no lessons this week. See another week with ◀ Previous and "
                "Next ▶ (Alt+Left, Alt+Right), or return to the current week with Today (Alt+Home)."
            )
        else:
            text = self.tr(
                "You have no lessons this day. See another day with ◀ Previous and "
                "Next ▶ (Alt+Left, Alt+Right), or return to today with Today (Alt+Home)."
            )
        self.empty.setText(text)
        self.views.setCurrentWidget(self.empty)

    def step(self, steps: int) -> None:
        if self.week_mode:
            self.day = local_time.monday_of(self.day) + dt.timedelta(weeks=steps)
        else:
            self.day = self._next_school_day(self.day, steps)
        self.refresh()

    def go_today(self) -> None:
        self.day = self.services.today()
        self.refresh()

    @staticmethod
    def _next_school_day(day: dt.date, steps: int) -> dt.date:
        # Weekends are skipped: Friday's "next" is Monday.
        direction = 1 if steps > 0 else -1
        for _ in range(abs(steps)):
            day += dt.timedelta(days=direction)
            while day.weekday() >= SCHOOL_DAYS:
                day += dt.timedelta(days=direction)
        return day

    # --- data ------------------------------------------------------------------

    def refresh(self) -> None:
        if self.week_mode:
            first, days = local_time.monday_of(self.day), WEEK_DAYS
        else:
            first, days = self.day, 1
        services = self.services
        services.read(
            lambda conn: load_lessons(conn, services, first, days), self._show, owner=self
        )

    def _show(self, result: Period) -> None:
        first, days, lessons, synced = result
        self._show_empty(lessons, synced)
        now = self.services.now()
        today = self.services.today()
        if days == 1:
            self.period_label.setText(
                self.tr("{date} · week {week}").format(
                    date=local_time.long_date(first), week=local_time.iso_week(first)
                )
            )
            self.day_model.set_rows(lessons)
            self.day_model.set_now(now)
        else:
            by_day = {
                first + dt.timedelta(days=offset): [
                    lesson
                    for lesson in lessons
                    if local_time.to_local(lesson.start_time).date()
                    == first + dt.timedelta(days=offset)
                ]
                for offset in range(days)
            }
            shown_days = [
                day for day, of_day in by_day.items() if day.weekday() < SCHOOL_DAYS or of_day
            ]
            last = shown_days[-1]
            self.period_label.setText(
                self.tr("Week {week} · {first} – {last}").format(
                    week=local_time.iso_week(first),
                    first=local_time.short_date(first),
                    last=local_time.short_date(last),
                )
            )
            for offset, (day, of_day) in enumerate(by_day.items()):
                visible = day in shown_days
                self.week_headers[offset].setVisible(visible)
                self.week_lists[offset].setVisible(visible)
                self._week_layout.setColumnStretch(offset, 1 if visible else 0)
                header = self.week_headers[offset]
                header.setText(f"{local_time.weekday_name(day)} {local_time.short_date(day)}")
                header.setProperty("today", day == today)
                header.style().unpolish(header)
                header.style().polish(header)
                self.week_models[offset].set_rows(of_day)
                self.week_models[offset].set_now(now)
                self.week_lists[offset].setAccessibleName(
                    self.tr("Lessons on {day}").format(day=local_time.long_date(day))
                )
        self.loaded.emit()

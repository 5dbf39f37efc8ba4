"""Pages whose features come later: each says plainly what is coming.

Attendance already lists today's lessons with their roll-call state, so a
teacher can see at a glance what is registered.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop import local_time
from desktop.models.lesson_table_model import LessonTableModel
from desktop.pages.lesson_views import make_lesson_table
from desktop.pages.page import Page, PageServices, empty_state, page_heading
from desktop.pages.today_page import DayLessons, load_day


def _coming_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("comingSoon")
    label.setWordWrap(True)
    return label


class AttendancePage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("attendancePage")
        heading, _title, self.subtitle = page_heading(self.title())
        coming = _coming_label(
            self.tr(
                "Taking the roll call here is coming soon: you'll mark each pupil present, "
                "late or absent with one key, even offline, and guardians are told about "
                "unexcused absence the same day. Until then, here is where today's roll "
                "calls stand."
            )
        )
        self.model = LessonTableModel(self)
        self.table = make_lesson_table(self.model)
        self.table.setAccessibleName(self.tr("Today's lessons and their roll call"))
        self.empty = empty_state(self.tr("You have no lessons today."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(coming)
        layout.addWidget(self.stack, 1)

    def title(self) -> str:
        return self.tr("Attendance")

    def refresh(self) -> None:
        day, services = self.services.today(), self.services
        services.read(lambda conn: load_day(conn, services, day), self._show, owner=self)

    def _show(self, result: DayLessons) -> None:
        self.model.set_rows(result.lessons)
        self.model.set_now(self.services.now())
        taken = sum(1 for lesson in result.lessons if lesson.registered)
        due = sum(1 for lesson in result.lessons if not lesson.cancelled)
        self.subtitle.setText(
            self.tr("{date} · roll call taken for {taken} of {due}").format(
                date=local_time.long_date(result.day), taken=taken, due=due
            )
        )
        self.stack.setCurrentWidget(self.table if result.lessons else self.empty)
        self.loaded.emit()


class PlanningPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("planningPage")
        heading, _title, _subtitle = page_heading(self.title(), self.tr("Coming soon"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(
            _coming_label(
                self.tr(
                    "Here you'll write unit plans (LPP) with aims, central content and how "
                    "learning is assessed, and plan each lesson and its homework. Plans are "
                    "saved on this computer first and shared with co-teachers when you sync."
                )
            )
        )
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Planning")

    def refresh(self) -> None:
        self.loaded.emit()


class AssessmentPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("assessmentPage")
        heading, _title, _subtitle = page_heading(self.title(), self.tr("Coming soon"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(
            _coming_label(
                self.tr(
                    "Here you'll record tests and assignments, each pupil's results and "
                    "term grades (A–F). A grade is never changed behind your back: if a "
                    "co-teacher set another one, Klassbok asks you which to keep."
                )
            )
        )
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Assessment")

    def refresh(self) -> None:
        self.loaded.emit()

"""The editor of one lesson's plan: what the lesson covers, homework, links
and its unit. It checks sizes and links before anything is saved, and
keeps what the teacher typed when a save is refused (nothing is lost)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import local_time
from desktop.pages.page import row_layout
from local_db.planning.views import UnitSummary, WeekLesson
from sync_protocol.entities import REGISTRY
from sync_protocol.planning_documents import MAX_LINK_TITLE, MAX_LINKS, Link, url_problem

CONTENT_LIMIT = REGISTRY["lesson_plan"].field("content").max_length or 20000
HOMEWORK_LIMIT = REGISTRY["lesson_plan"].field("homework").max_length or 5000


@dataclass(frozen=True)
class PlanEdit:
    lesson_id: uuid.UUID
    content: str
    homework: str
    links: tuple[Link, ...]
    unit_id: uuid.UUID | None


def links_from_lines(text: str) -> tuple[list[Link], list[tuple[int, str]]]:
    """Links from the editor's lines ("URL title…", one a line); the
    problems as (line number, reason in English)."""
    links: list[Link] = []
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        url, _, title = line.strip().partition(" ")
        problem = url_problem(url)
        if problem is None and len(title.strip()) > MAX_LINK_TITLE:
            problem = "title"
        if problem is not None:
            problems.append((number, problem))
        else:
            links.append(Link(url, title.strip()))
    return links, problems


def lines_from_links(links: tuple[Link, ...]) -> str:
    return "\n".join(f"{link.url} {link.title}".strip() for link in links)


def index_of(combo: QComboBox, value: object) -> int:
    """The row whose data equals `value` (findData does not compare Python
    objects such as UUIDs by value); -1 when none does."""
    for row in range(combo.count()):
        if combo.itemData(row) == value:
            return row
    return -1


def refusal_text(exc: Exception) -> str:
    """What the teacher reads when the cache refused a planning write."""
    known = {
        "the lesson has no plan to copy": QCoreApplication.translate(
            "PlanningPage", "The lesson has no plan to copy."
        ),
        "the other lesson has a plan already": QCoreApplication.translate(
            "PlanningPage", "The other lesson has a plan already."
        ),
        "the lesson has no plan to move": QCoreApplication.translate(
            "PlanningPage", "The lesson has no plan to move."
        ),
        "there is no lesson after the last plan to move it to": QCoreApplication.translate(
            "PlanningPage",
            "There is no lesson after the unit's last plan to move it to in the timetable; "
            "nothing was moved.",
        ),
        "the lesson was not found": QCoreApplication.translate(
            "PlanningPage", "The lesson is no longer in the timetable."
        ),
        "the unit was not found": QCoreApplication.translate(
            "PlanningPage", "The unit has been deleted."
        ),
        "no lesson next week": QCoreApplication.translate(
            "PlanningPage", "The group has no lesson next week to copy the plan to."
        ),
    }
    text = str(exc)
    if text in known:
        return known[text]
    return QCoreApplication.translate(
        "PlanningPage", "That could not be saved: %1. Nothing was lost."
    ).replace("%1", text)


class PlanEditor(QWidget):
    save_requested = Signal(object)  # PlanEdit
    copy_next_week_requested = Signal()
    copy_elsewhere_requested = Signal()
    shift_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planEditor")
        self.lesson: WeekLesson | None = None
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.cancelled_box = self._make_cancelled_box()

        self.content_edit = QPlainTextEdit()
        self.content_edit.setAccessibleName(self.tr("What the lesson covers"))
        self.content_edit.setPlaceholderText(self.tr("What the lesson covers"))
        self.homework_edit = QPlainTextEdit()
        self.homework_edit.setAccessibleName(self.tr("Homework"))
        self.homework_edit.setMaximumHeight(70)
        self.links_edit = QPlainTextEdit()
        self.links_edit.setAccessibleName(self.tr("Links"))
        self.links_edit.setPlaceholderText(self.tr("One link a line: https://… and a title"))
        self.links_edit.setMaximumHeight(70)
        self.unit_combo = QComboBox()
        self.unit_combo.setAccessibleName(self.tr("Unit"))
        self.counter = QLabel()
        self.counter.setObjectName("hintLabel")
        self.message = QLabel()
        self.message.setObjectName("noticeLabel")
        self.message.setWordWrap(True)
        self.message.hide()
        self.save_button = QPushButton(self.tr("Save plan"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.next_week_button = QPushButton(self.tr("Copy to next week"))
        self.next_week_button.clicked.connect(self.copy_next_week_requested)
        self.elsewhere_button = QPushButton(self.tr("Copy to another lesson…"))
        self.elsewhere_button.clicked.connect(self.copy_elsewhere_requested)
        for edit in (self.content_edit, self.homework_edit, self.links_edit):
            edit.setTabChangesFocus(True)  # Tab moves on, as everywhere in Klassbok
        self.content_edit.textChanged.connect(self._count)
        self.homework_edit.textChanged.connect(self._count)

        form = QFormLayout()
        form.addRow(self.tr("Plan"), self.content_edit)
        form.addRow(self.tr("Homework"), self.homework_edit)
        form.addRow(self.tr("Links"), self.links_edit)
        form.addRow(self.tr("Unit"), self.unit_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.cancelled_box)
        layout.addLayout(form)
        layout.addWidget(self.counter)
        layout.addWidget(self.message)
        layout.addLayout(row_layout(self.save_button))
        # One button a row: side by side they made the editor wider than the
        # week view leaves it at a laptop's window size, and it was cut off.
        layout.addLayout(row_layout(self.next_week_button))
        layout.addLayout(row_layout(self.elsewhere_button))
        self.setEnabled(False)

    def _make_cancelled_box(self) -> QWidget:
        box = QWidget()
        self.cancelled_label = QLabel(
            self.tr(
                "This lesson is cancelled. Move this plan, and the unit's plans after it, "
                "one lesson on?"
            )
        )
        self.cancelled_label.setObjectName("noticeLabel")
        self.cancelled_label.setWordWrap(True)
        self.shift_button = QPushButton(self.tr("Move the plans one lesson on"))
        self.shift_button.clicked.connect(self.shift_requested)
        cancelled_layout = QVBoxLayout(box)
        cancelled_layout.setContentsMargins(0, 0, 0, 0)
        cancelled_layout.addWidget(self.cancelled_label)
        cancelled_layout.addLayout(row_layout(self.shift_button))
        box.hide()
        return box

    # --- showing ----------------------------------------------------------------

    def is_dirty(self) -> bool:
        """The teacher changed something not yet saved."""
        return self.lesson is not None and not self.matches(self.lesson)

    def matches(self, item: WeekLesson) -> bool:
        """What is typed equals the lesson's plan as `item` has it."""
        plan = item.plan
        return not (
            self.content_edit.toPlainText() != (plan.content if plan else "")
            or self.homework_edit.toPlainText() != (plan.homework if plan else "")
            or self.links_edit.toPlainText() != (lines_from_links(plan.links) if plan else "")
            or self.unit_combo.currentData() != (plan.planning_unit_id if plan else None)
        )

    def show_lesson(self, item: WeekLesson | None, units: list[UnitSummary]) -> None:
        before = self.lesson
        if item is None or before is None or before.lesson.id != item.lesson.id:
            self.message.hide()
        self.lesson = item
        self.setEnabled(item is not None)
        if item is None:
            self.heading.setText(self.tr("Choose a lesson in the week"))
            for edit in (self.content_edit, self.homework_edit, self.links_edit):
                edit.setPlainText("")
            self.cancelled_box.hide()
            return
        lesson, plan = item.lesson, item.plan
        start = local_time.to_local(lesson.start_time)
        self.heading.setText(
            f"{lesson.activity_name}, {local_time.weekday_name(start.date())} "
            f"{local_time.short_date(start.date())} "
            f"{local_time.time_range(lesson.start_time, lesson.end_time)}"
        )
        self.content_edit.setPlainText(plan.content if plan else "")
        self.homework_edit.setPlainText(plan.homework if plan else "")
        self.links_edit.setPlainText(lines_from_links(plan.links) if plan else "")
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("No unit"), None)
        for unit in units:
            if unit.activity_id == lesson.activity_id:
                self.unit_combo.addItem(unit.title, unit.id)
        index = index_of(self.unit_combo, plan.planning_unit_id if plan else None)
        self.unit_combo.setCurrentIndex(max(index, 0))
        has_plan = plan is not None and not plan.is_empty
        self.cancelled_box.setVisible(lesson.cancelled and has_plan)
        self.next_week_button.setEnabled(has_plan)
        self.elsewhere_button.setEnabled(has_plan)
        self._count()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _count(self) -> None:
        self.counter.setText(
            self.tr("Plan: %1 of %2 characters · Homework: %3 of %4")
            .replace("%1", str(len(self.content_edit.toPlainText())))
            .replace("%2", f"{CONTENT_LIMIT:,}".replace(",", " "))
            .replace("%3", str(len(self.homework_edit.toPlainText())))
            .replace("%4", f"{HOMEWORK_LIMIT:,}".replace(",", " "))
        )

    # --- saving -----------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the plan as typed cannot be saved (Swedish for the teacher), or None."""
        content, homework = self.content_edit.toPlainText(), self.homework_edit.toPlainText()
        if len(content) > CONTENT_LIMIT:
            return (
                self.tr(
                    "The plan is too long: at most %1 characters (it has %2). "
                    "Nothing was lost; shorten it and save again."
                )
                .replace("%1", f"{CONTENT_LIMIT:,}".replace(",", " "))
                .replace("%2", str(len(content)))
            )
        if len(homework) > HOMEWORK_LIMIT:
            return (
                self.tr(
                    "The homework is too long: at most %1 characters (it has %2). "
                    "Nothing was lost; shorten it and save again."
                )
                .replace("%1", f"{HOMEWORK_LIMIT:,}".replace(",", " "))
                .replace("%2", str(len(homework)))
            )
        links, problems = links_from_lines(self.links_edit.toPlainText())
        if problems:
            number, _reason = problems[0]
            return self.tr(
                "Line %1 of the links is not a link: a link starts with http:// or https:// "
                "and names a web site, with no spaces (a title may follow after a space, at "
                "most 200 characters). Nothing was lost; correct it and save again."
            ).replace("%1", str(number))
        if len(links) > MAX_LINKS:
            return self.tr("A lesson plan has at most %1 links.").replace("%1", str(MAX_LINKS))
        return None

    def _save(self) -> None:
        if self.lesson is None:
            return
        problem = self.problem()
        if problem is not None:
            self.show_message(problem)
            return
        self.show_message("")
        links, _ = links_from_lines(self.links_edit.toPlainText())
        self.save_requested.emit(
            PlanEdit(
                self.lesson.lesson.id,
                self.content_edit.toPlainText(),
                self.homework_edit.toPlainText(),
                tuple(links),
                self.unit_combo.currentData(),
            )
        )

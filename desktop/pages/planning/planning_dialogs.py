"""The planning page's dialogs: picking syllabus items (searchable),
copying a unit to another group or year, copying a plan to another lesson.
They show data read on the DB worker beforehand; none of them reads."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import local_time
from desktop.models.planning_models import CatalogueItemModel
from desktop.pages.assessment.catalogue_picker import source_text
from desktop.pages.planning.plan_editor import index_of
from local_db.curriculum.catalogue import CatalogueSubject
from local_db.planning.reads import matching_items
from local_db.planning.views import PickedItem, TeachingActivity, WeekLesson
from sync_protocol.planning_documents import CurriculumPicks


class CataloguePickDialog(QDialog):
    """Items of one subject version, searchable; the checked ones are the picks.

    `items_for(subject)` is asked for a version's items (the page reads them
    on the DB worker and calls show_items)."""

    def __init__(
        self,
        subjects: list[CatalogueSubject],
        current: CurriculumPicks | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose from the syllabus"))
        self.resize(760, 560)
        self.subjects = subjects
        self.items: list[PickedItem] = []
        self.subject_combo = QComboBox()
        self.subject_combo.setAccessibleName(self.tr("Subject and version"))
        for subject in subjects:
            self.subject_combo.addItem(
                self.tr("%1, version %2")
                .replace("%1", subject.name)
                .replace("%2", str(subject.version)),
                subject,
            )
        if current is not None:
            for number, subject in enumerate(subjects):
                if (subject.code, subject.version) == (current.subject, current.version):
                    self.subject_combo.setCurrentIndex(number)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search the syllabus text"))
        self.search_edit.setAccessibleName(self.tr("Search the syllabus text"))
        self.search_edit.textChanged.connect(self._filter)
        self.model = CatalogueItemModel(self)
        if current is not None:
            self.model.set_checked(current.items)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAccessibleName(self.tr("Syllabus items"))
        self.source_label = QLabel()
        self.source_label.setObjectName("hintLabel")
        self.count_label = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subject_combo)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.source_label)
        layout.addWidget(buttons)

    def subject(self) -> CatalogueSubject | None:
        data = self.subject_combo.currentData()
        return data if isinstance(data, CatalogueSubject) else None

    def show_items(self, subject: CatalogueSubject, items: list[PickedItem]) -> None:
        if subject != self.subject():
            return  # the teacher chose another meanwhile
        known = {item.id for item in items}
        self.model.set_checked([i for i in self.model.checked() if i in known])
        self.items = items
        self.source_label.setText(source_text(subject.name, subject.version, subject.source))
        self._filter()

    def _filter(self) -> None:
        shown = matching_items(self.items, self.search_edit.text())
        self.model.set_items(shown)
        self.count_label.setText(
            self.tr("%1 of %2 items shown, %3 chosen")
            .replace("%1", str(len(shown)))
            .replace("%2", str(len(self.items)))
            .replace("%3", str(len(self.model.checked())))
        )

    def picks(self) -> tuple[CurriculumPicks | None, list[PickedItem]]:
        subject = self.subject()
        chosen = self.model.checked()
        if subject is None or not chosen:
            return None, []
        by_id = {item.id: item for item in self.items}
        ordered = [by_id[i] for i in chosen if i in by_id]
        return CurriculumPicks(subject.code, subject.version, tuple(i.id for i in ordered)), ordered


class CopyUnitDialog(QDialog):
    """Another group (activity) and the week the copy starts."""

    def __init__(
        self,
        activities: list[TeachingActivity],
        current: uuid.UUID,
        start: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Copy the unit"))
        self.activity_combo = QComboBox()
        self.activity_combo.setAccessibleName(self.tr("Group and subject"))
        for activity in activities:
            self.activity_combo.addItem(activity.name, activity.id)
        self.activity_combo.setCurrentIndex(max(index_of(self.activity_combo, current), 0))
        self.start_edit = QDateEdit(QDate(start.year, start.month, start.day))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setAccessibleName(self.tr("Starts on"))
        hint = QLabel(
            self.tr(
                "The copy is a draft. Its lesson plans go to the group's lessons from the "
                "start in the same order; lessons that already have a plan are passed over."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hintLabel")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Group and subject"), self.activity_combo)
        form.addRow(self.tr("Starts on"), self.start_edit)
        form.addRow(hint)
        form.addRow(buttons)

    def choice(self) -> tuple[uuid.UUID, dt.date]:
        return self.activity_combo.currentData(), self.start_edit.date().toPython()  # type: ignore[return-value]


class CopyPlanDialog(QDialog):
    """One of the teacher's lessons of this week and the next (another group's too)."""

    def __init__(
        self, lessons: list[WeekLesson], source: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Copy the plan to another lesson"))
        self.resize(520, 420)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Lessons"))
        for item in lessons:
            lesson = item.lesson
            if lesson.id == source or lesson.cancelled:
                continue
            start = local_time.to_local(lesson.start_time)
            text = (
                f"{local_time.weekday_name(start.date())} {local_time.short_date(start.date())} "
                f"{local_time.clock(lesson.start_time)}  {lesson.activity_name}"
            )
            if item.plan is not None and not item.plan.is_empty:
                text += "  " + self.tr("(has a plan: it will be replaced)")
            row = QListWidgetItem(text)
            row.setData(256, lesson.id)
            self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def target(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        return None if item is None else item.data(256)

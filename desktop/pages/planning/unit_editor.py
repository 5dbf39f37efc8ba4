"""The editor of one unit (LPP): title, weeks, aims, the syllabus's items it
covers (picked in the catalogue, shown with their source), how learning is
assessed with the assessments that assess it, and its status."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import local_time
from desktop.models.planning_models import item_text, status_text
from desktop.pages.assessment.catalogue_picker import source_text
from desktop.pages.page import row_layout
from local_db.planning.views import PickedItem, UnitDetail, UnitLesson
from local_db.planning.writes import UnitDraft
from sync_protocol.entities import REGISTRY
from sync_protocol.planning_documents import DRAFT, UNIT_STATUSES, CurriculumPicks

TEXT_LIMIT = REGISTRY["planning_unit"].field("aims").max_length or 20000
TITLE_LIMIT = REGISTRY["planning_unit"].field("title").max_length or 200


@dataclass(frozen=True)
class UnitEdit:
    unit_id: uuid.UUID
    draft: UnitDraft
    #: {assessment id: linked} for the assessments whose link changed.
    links: dict[uuid.UUID, bool]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class UnitEditor(QWidget):
    save_requested = Signal(object)  # UnitEdit
    pick_requested = Signal()
    copy_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitEditor")
        self.unit: UnitDetail | None = None
        self.unit_id: uuid.UUID | None = None
        self.picks: CurriculumPicks | None = None
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_LIMIT)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.end_edit = QDateEdit()
        self.end_edit.setCalendarPopup(True)
        self.start_edit.dateChanged.connect(self._weeks)
        self.end_edit.dateChanged.connect(self._weeks)
        self.weeks_label = QLabel()
        self.aims_edit = QPlainTextEdit()
        self.aims_edit.setAccessibleName(self.tr("Aims"))
        self.content_edit = QPlainTextEdit()
        self.content_edit.setAccessibleName(self.tr("Own notes on the content"))
        self.content_edit.setMaximumHeight(70)
        self.assessed_edit = QPlainTextEdit()
        self.assessed_edit.setAccessibleName(self.tr("How learning is assessed"))
        self.assessed_edit.setMaximumHeight(70)
        self.status_combo = QComboBox()
        for status in UNIT_STATUSES:
            self.status_combo.addItem(status_text(status), status)
        self.picked_list = QListWidget()
        self.picked_list.setAccessibleName(self.tr("Syllabus items the unit covers"))
        self.picked_list.setWordWrap(True)
        self.source_label = QLabel()
        self.source_label.setObjectName("hintLabel")
        self.pick_button = QPushButton(self.tr("Choose from the syllabus…"))
        self.pick_button.clicked.connect(self.pick_requested)
        self.assessment_list = QListWidget()
        self.assessment_list.setAccessibleName(self.tr("Assessments of the unit"))
        self.assessment_list.setMaximumHeight(90)
        self.lesson_list = QListWidget()
        self.lesson_list.setAccessibleName(self.tr("The unit's lessons in order"))
        self.lesson_list.setMaximumHeight(110)
        self.message = QLabel()
        self.message.setObjectName("noticeLabel")
        self.message.setWordWrap(True)
        self.message.hide()
        self._make_buttons()
        for edit in (self.aims_edit, self.content_edit, self.assessed_edit):
            edit.setTabChangesFocus(True)  # Tab moves on, as everywhere in Klassbok
        self._lay_out()
        self.setEnabled(False)

    def _make_buttons(self) -> None:
        self.save_button = QPushButton(self.tr("Save unit"))
        self.save_button.clicked.connect(self._save)
        self.copy_button = QPushButton(self.tr("Copy to another group or year…"))
        self.copy_button.clicked.connect(self.copy_requested)
        self.export_button = QPushButton(self.tr("Unit plan as PDF…"))
        self.export_button.setToolTip(self.tr("The unit as saved, with the syllabus's source"))
        self.export_button.clicked.connect(self.export_requested)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Weeks"), row_layout(self.start_edit, self.end_edit, self.weeks_label))
        form.addRow(self.tr("Aims"), self.aims_edit)
        picked = QVBoxLayout()
        picked.addWidget(self.picked_list)
        picked.addLayout(row_layout(self.pick_button, self.source_label))
        form.addRow(self.tr("Central content and criteria"), picked)
        form.addRow(self.tr("Own notes"), self.content_edit)
        form.addRow(self.tr("How learning is assessed"), self.assessed_edit)
        form.addRow(self.tr("Assessments"), self.assessment_list)
        form.addRow(self.tr("Lessons"), self.lesson_list)
        form.addRow(self.tr("Status"), self.status_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(row_layout(self.save_button, self.copy_button, self.export_button))

    def _weeks(self) -> None:
        start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        self.weeks_label.setText(
            self.tr("weeks %1–%2")
            .replace("%1", str(local_time.iso_week(start)))  # type: ignore[arg-type]
            .replace("%2", str(local_time.iso_week(end)))  # type: ignore[arg-type]
        )

    def is_dirty(self) -> bool:
        unit = self.unit
        if self.unit_id is None:
            return False
        if unit is None:
            return bool(self.title_edit.text().strip())
        return (
            self.title_edit.text() != unit.title
            or self.aims_edit.toPlainText() != unit.aims
            or self.content_edit.toPlainText() != unit.central_content
            or self.assessed_edit.toPlainText() != unit.assessment_criteria
            or self.picks != unit.picks
        )

    def show_unit(
        self,
        unit_id: uuid.UUID | None,
        unit: UnitDetail | None,
        lessons: list[UnitLesson],
        today: dt.date,
    ) -> None:
        """The unit (None with an id: a new unit being written)."""
        self.unit_id, self.unit = unit_id, unit
        self.message.hide()
        self.setEnabled(unit_id is not None)
        self.copy_button.setEnabled(unit is not None)
        self.export_button.setEnabled(unit is not None)
        self.title_edit.setText(unit.title if unit else "")
        monday = local_time.monday_of(today)
        self.start_edit.setDate(_qdate(unit.start_date if unit and unit.start_date else monday))
        default_end = monday + dt.timedelta(weeks=3, days=4)
        self.end_edit.setDate(_qdate(unit.end_date if unit and unit.end_date else default_end))
        self.aims_edit.setPlainText(unit.aims if unit else "")
        self.content_edit.setPlainText(unit.central_content if unit else "")
        self.assessed_edit.setPlainText(unit.assessment_criteria if unit else "")
        self.status_combo.setCurrentIndex(
            max(self.status_combo.findData(unit.status if unit else DRAFT), 0)
        )
        self.set_picks(unit.picks if unit else None, list(unit.picked) if unit else [], unit)
        self.assessment_list.clear()
        for assessment in unit.assessments if unit else ():
            when = (
                f" ({local_time.short_date(assessment.assessment_date)})"
                if assessment.assessment_date
                else ""
            )
            item = QListWidgetItem(assessment.title + when)
            item.setData(Qt.ItemDataRole.UserRole, assessment.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if assessment.linked else Qt.CheckState.Unchecked
            )
            self.assessment_list.addItem(item)
        self.lesson_list.clear()
        for lesson in lessons:
            start = local_time.to_local(lesson.start_time).date()
            first = lesson.content.strip().splitlines()[0] if lesson.content.strip() else ""
            day = f"{local_time.weekday_name(start)} {local_time.short_date(start)}"
            text = f"{lesson.number}. {day}: {first}"
            if lesson.cancelled:
                text += " " + self.tr("(cancelled)")
            self.lesson_list.addItem(text)
        self._weeks()

    def set_picks(
        self,
        picks: CurriculumPicks | None,
        items: list[PickedItem],
        unit: UnitDetail | None = None,
        subject_name: str | None = None,
        source: str | None = None,
    ) -> None:
        self.picks = picks
        self.picked_list.clear()
        for item in items:
            self.picked_list.addItem(item_text(item))
        name = subject_name or (unit.subject_name if unit else None)
        credit = source or (unit.source if unit else None)
        if picks is not None and picks.items and name and credit:
            self.source_label.setText(source_text(name, picks.version, credit))
        else:
            self.source_label.setText("")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def problem(self) -> str | None:
        if not self.title_edit.text().strip():
            return self.tr("A unit needs a title.")
        if self.end_edit.date() < self.start_edit.date():
            return self.tr("The unit ends before it starts: check the weeks.")
        for name, edit in (
            (self.tr("The aims"), self.aims_edit),
            (self.tr("The notes"), self.content_edit),
            (self.tr("How learning is assessed"), self.assessed_edit),
        ):
            length = len(edit.toPlainText())
            if length > TEXT_LIMIT:
                return (
                    self.tr(
                        "%1: too long, at most %2 characters (it has %3). "
                        "Nothing was lost; shorten it and save again."
                    )
                    .replace("%1", name)
                    .replace("%2", f"{TEXT_LIMIT:,}".replace(",", " "))
                    .replace("%3", str(length))
                )
        return None

    def save_before_leaving(self) -> bool:
        """Save what was typed before another unit takes the editor's place.

        False, with the problem shown, when it cannot be saved as it is (no
        title, say): the teacher stays on it rather than losing the typing.
        """
        if not self.is_dirty():
            return True
        self._save()
        return self.problem() is None

    def _save(self) -> None:
        if self.unit_id is None:
            return
        problem = self.problem()
        if problem is not None:
            self.show_message(problem)
            return
        self.show_message("")
        links: dict[uuid.UUID, bool] = {}
        known = {a.id: a.linked for a in (self.unit.assessments if self.unit else ())}
        for row in range(self.assessment_list.count()):
            item = self.assessment_list.item(row)
            assessment_id = item.data(Qt.ItemDataRole.UserRole)
            on = item.checkState() == Qt.CheckState.Checked
            if known.get(assessment_id) != on:
                links[assessment_id] = on
        draft = UnitDraft(
            title=self.title_edit.text(),
            aims=self.aims_edit.toPlainText(),
            central_content=self.content_edit.toPlainText(),
            assessment_criteria=self.assessed_edit.toPlainText(),
            start_date=self.start_edit.date().toPython(),  # type: ignore[arg-type]
            end_date=self.end_edit.date().toPython(),  # type: ignore[arg-type]
            status=self.status_combo.currentData(),
            picks=self.picks,
        )
        self.save_requested.emit(UnitEdit(self.unit_id, draft, links))

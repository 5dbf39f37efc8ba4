"""Planering: the week's lessons with their plans, and a group's units (LPP).

Two tabs. *Veckan*: the teacher's lessons of a week; each shows and edits
its plan, homework and links, copies to next week or to another lesson, and
a cancelled lesson offers to move the unit's plans one lesson on. *Arbets-
områden*: one group and subject at a time, its units with the editor. Reads
on the DB worker (services.read), writes through run_write; frozen data here.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop import local_time
from desktop.error_messages import user_message
from desktop.models.planning_models import UnitListModel, WeekPlanModel
from desktop.pages.lesson_views import configure_table
from desktop.pages.page import (
    Page,
    PageServices,
    empty_state,
    not_downloaded_yet,
    page_heading,
    row_layout,
)
from desktop.pages.planning.plan_editor import PlanEdit, PlanEditor, index_of, refusal_text
from desktop.pages.planning.planning_data import PlanningData, load_planning
from desktop.pages.planning.planning_dialogs import (
    CataloguePickDialog,
    CopyPlanDialog,
    CopyUnitDialog,
)
from desktop.pages.planning.unit_editor import UnitEdit, UnitEditor
from desktop.pages.planning.unit_export import export_unit
from desktop.task_runner import Task
from local_db.edits import InvalidEdit
from local_db.planning import reads
from local_db.planning.views import (
    UnitSummary,
    WeekLesson,
)
from local_db.planning.writes import (
    CopyReport,
    PlanningError,
    copy_plan,
    copy_unit,
    link_assessment,
    next_week_lesson,
    save_plan,
    save_unit,
    shift_after_cancelled,
)

log = logging.getLogger(__name__)

PLANNING_CHANGES = frozenset({"lesson_plan", "planning_unit", "assessment"})


class PlanningPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("planningPage")
        heading, _title, self.subtitle = page_heading(self.title())
        self.monday = local_time.monday_of(services.today())
        self.activity_id: uuid.UUID | None = None
        self.unit_id: uuid.UUID | None = None
        self.data: PlanningData | None = None
        #: The dialog open last (tests and screenshots reach it here).
        self.last_dialog: QDialog | None = None
        self.message_label = QLabel()
        self.message_label.setObjectName("noticeLabel")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._make_week_tab(), self.tr("Week"))
        self.tabs.addTab(self._make_units_tab(), self.tr("Units"))
        self.tabs.tabBar().setAccessibleName(self.tr("Week or units"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.message_label)
        self.empty = empty_state("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def _make_week_tab(self) -> QWidget:
        self.previous_button = QPushButton(self.tr("‹ Previous week"))
        self.next_button = QPushButton(self.tr("Next week ›"))
        self.this_week_button = QPushButton(self.tr("This week"))
        self.week_label = QLabel()
        self.week_label.setObjectName("sectionTitle")
        self.previous_button.clicked.connect(lambda: self._move_week(-1))
        self.next_button.clicked.connect(lambda: self._move_week(1))
        self.this_week_button.clicked.connect(self._this_week)
        self.week_model = WeekPlanModel(self)
        self.week_table = QTableView()
        self.week_table.setObjectName("weekPlanTable")
        self.week_table.setModel(self.week_model)
        self.week_table.setAccessibleName(self.tr("The week's lessons and their plans"))
        configure_table(self.week_table, WeekPlanModel.PLAN)
        self.week_table.selectionModel().currentRowChanged.connect(lambda *_: self._lesson_chosen())
        self.plan_editor = PlanEditor()
        self.plan_editor.save_requested.connect(self._save_plan)
        self.plan_editor.copy_next_week_requested.connect(self._copy_next_week)
        self.plan_editor.copy_elsewhere_requested.connect(self._copy_elsewhere)
        self.plan_editor.shift_requested.connect(self._shift)
        split = QSplitter()
        split.addWidget(self.week_table)
        split.addWidget(self.plan_editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.week_table.setMinimumWidth(420)
        split.setSizes([640, 420])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(
            row_layout(
                self.previous_button, self.week_label, self.next_button, self.this_week_button
            )
        )
        layout.addWidget(split, 1)
        return tab

    def _make_units_tab(self) -> QWidget:
        self.activity_combo = QComboBox()
        self.activity_combo.setAccessibleName(self.tr("Group and subject"))
        self.activity_combo.currentIndexChanged.connect(self._activity_chosen)
        self.new_unit_button = QPushButton(self.tr("New unit"))
        self.new_unit_button.clicked.connect(self._new_unit)
        self.unit_model = UnitListModel(self)
        self.unit_list = QListView()
        self.unit_list.setObjectName("unitList")
        self.unit_list.setModel(self.unit_model)
        self.unit_list.setAccessibleName(self.tr("Units"))
        self.unit_list.selectionModel().currentRowChanged.connect(lambda *_: self._unit_chosen())
        self.unit_editor = UnitEditor()
        self.unit_editor.save_requested.connect(self._save_unit)
        self.unit_editor.pick_requested.connect(self._pick_items)
        self.unit_editor.copy_requested.connect(self._copy_unit)
        self.unit_editor.export_requested.connect(lambda: export_unit(self))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.unit_list, 1)
        left_layout.addLayout(row_layout(self.new_unit_button))
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.unit_editor)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row_layout(QLabel(self.tr("Group and subject")), self.activity_combo))
        layout.addWidget(split, 1)
        return tab

    def title(self) -> str:
        return self.tr("Planning")

    def as_widget(self) -> QWidget:
        return self

    # --- reading ------------------------------------------------------------------

    def refresh(self) -> None:
        teacher = self.services.teacher_id
        monday, chosen, unit_id = self.monday, self.activity_id, self.unit_id

        def query(conn: Connection) -> PlanningData:
            return load_planning(conn, teacher, monday, chosen, unit_id)

        self.services.read(query, self._show, self)

    def _show(self, data: PlanningData) -> None:
        self.data = data
        start = self.monday
        self.week_label.setText(
            self.tr("Week %1, %2–%3")
            .replace("%1", str(local_time.iso_week(start)))
            .replace("%2", local_time.short_date(start))
            .replace("%3", local_time.short_date(start + dt.timedelta(days=6)))
        )
        current = self.plan_editor.lesson.lesson.id if self.plan_editor.lesson else None
        selection = self.week_table.selectionModel()
        selection.blockSignals(True)  # a reset must not look like a new choice
        self.week_model.set_rows(data.week)
        row = self.week_model.row_of_lesson(current) if current else -1
        if row >= 0:
            self.week_table.setCurrentIndex(self.week_model.index(row, 0))
            self.week_table.selectRow(row)
        selection.blockSignals(False)
        self._lesson_chosen(keep_typing=True)
        self.activity_combo.blockSignals(True)
        self.activity_combo.clear()
        for activity in data.activities:
            self.activity_combo.addItem(activity.name, activity.id)
        self.activity_id = data.activity_id
        self.activity_combo.setCurrentIndex(max(index_of(self.activity_combo, data.activity_id), 0))
        self.activity_combo.blockSignals(False)
        self.unit_model.set_units(data.units.get(data.activity_id, []) if data.activity_id else [])
        unit_row = self.unit_model.row_of(self.unit_id)
        if unit_row >= 0:
            self.unit_list.selectionModel().blockSignals(True)
            self.unit_list.setCurrentIndex(self.unit_model.index(unit_row))
            self.unit_list.selectionModel().blockSignals(False)
        editor, today = self.unit_editor, self.services.today()
        if data.detail is not None:
            if not (editor.is_dirty() and editor.unit_id == data.detail.id):
                editor.show_unit(self.unit_id, data.detail, data.unit_lessons, today)
        elif self.unit_id is None:
            editor.show_unit(None, None, [], today)
        self.new_unit_button.setEnabled(data.activity_id is not None)
        self.stack.setCurrentWidget(self.tabs if data.synced and data.activities else self.empty)
        if not data.synced:
            self.empty.setText(not_downloaded_yet())
        elif not data.activities:
            self.empty.setText(
                self.tr("You don't teach any group yet, so there is nothing to plan.")
            )
        else:
            self.subtitle.setText(
                self.tr(
                    "Plans are saved on this computer first and shared with co-teachers "
                    "when you sync."
                )
            )
        self.loaded.emit()

    def _all_units(self) -> list[UnitSummary]:
        if self.data is None:
            return []
        return [unit for units in self.data.units.values() for unit in units]

    def _lesson_chosen(self, keep_typing: bool = False) -> None:
        row = self.week_table.currentIndex().row()
        item = self.week_model.row_at(row) if row >= 0 else None
        editing = self.plan_editor.lesson
        same = item is not None and editing is not None and item.lesson.id == editing.lesson.id
        typing = item is not None and not self.plan_editor.matches(item)
        if keep_typing and same and typing and self.plan_editor.is_dirty():
            return  # a refresh never throws away what the teacher is typing
        self.plan_editor.show_lesson(item, self._all_units())

    def _move_week(self, weeks: int) -> None:
        self.monday += dt.timedelta(weeks=weeks)
        self.plan_editor.show_lesson(None, [])
        self.refresh()

    def _this_week(self) -> None:
        self.monday = local_time.monday_of(self.services.today())
        self.refresh()

    def _activity_chosen(self, _index: int) -> None:
        if self.unit_editor.save_before_leaving():  # typing is never dropped
            self.activity_id = self.activity_combo.currentData()
            self.unit_id = None
        self.refresh()

    def _unit_chosen(self) -> None:
        unit = self.unit_model.unit_at(self.unit_list.currentIndex().row())
        if self.unit_editor.save_before_leaving():  # else the list goes back to it
            self.unit_id = None if unit is None else unit.id
            self.unit_editor.unit_id = None  # not dirty: the new unit's data replaces it
        self.refresh()

    def _new_unit(self) -> None:
        if not self.unit_editor.save_before_leaving():
            return
        self.unit_list.clearSelection()
        self.unit_id = uuid.uuid4()
        self.unit_editor.show_unit(self.unit_id, None, [], self.services.today())
        self.unit_editor.title_edit.setFocus()

    # --- writing ------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def run_write(
        self,
        work: Callable[[Connection], object],
        on_done: Callable[[object], None] | None = None,
        on_refused: Callable[[str], None] | None = None,
    ) -> None:
        """One write transaction on the DB worker; a refusal is shown, what was typed stays."""
        session = self.services.session
        refused = on_refused or self.show_message

        def run(_context: object) -> object:
            if session.closed:
                return None
            with session.cache.begin() as conn:
                return work(conn)

        def done(result: object) -> None:
            if on_done is not None:
                on_done(result)

        def failed(exc: Exception) -> None:
            if isinstance(exc, PlanningError | InvalidEdit):
                refused(refusal_text(exc))
                return
            log.error("saving a plan failed", exc_info=(type(exc), exc, exc.__traceback__))
            refused(
                user_message(exc)
                or self.tr(
                    "Sorry, that change could not be saved; what you typed is still here. "
                    "Details are in Klassbok's log."
                )
            )

        self.services.runner.run_db(
            Task(run=run, on_success=done, on_failure=failed, owner=self, changes=PLANNING_CHANGES)
        )

    def _save_plan(self, edit: PlanEdit) -> None:
        actor = self.services.teacher_id
        self.run_write(
            lambda conn: save_plan(
                conn,
                edit.lesson_id,
                content=edit.content,
                homework=edit.homework,
                links=list(edit.links),
                unit_id=edit.unit_id,
                actor=actor,
            ),
            on_done=lambda _r: self.plan_editor.show_message(self.tr("Saved.")),
            on_refused=self.plan_editor.show_message,
        )

    def _copy_next_week(self) -> None:
        lesson = self.plan_editor.lesson
        if lesson is None:
            return
        actor, source = self.services.teacher_id, lesson.lesson.id

        def work(conn: Connection) -> object:
            target = next_week_lesson(conn, source)
            if target is None:
                raise PlanningError("no lesson next week")
            copy_plan(conn, source, target, actor=actor, replace=False)
            return target

        self.run_write(
            work,
            on_done=lambda _r: self.plan_editor.show_message(self.tr("Copied to next week.")),
            on_refused=self.plan_editor.show_message,
        )

    def _copy_elsewhere(self) -> None:
        lesson = self.plan_editor.lesson
        teacher = self.services.teacher_id
        if lesson is None or teacher is None:
            return
        start, _ = local_time.day_bounds_utc(self.monday, 14)
        _, end = local_time.day_bounds_utc(self.monday, 14)

        def query(conn: Connection) -> list[WeekLesson]:
            return reads.week_lessons(conn, start, end, teacher)

        def chosen(lessons: list[WeekLesson]) -> None:
            dialog = CopyPlanDialog(lessons, lesson.lesson.id, self)
            self.last_dialog = dialog
            dialog.accepted.connect(lambda: self._copy_plan_to(lesson.lesson.id, dialog.target()))
            dialog.open()

        self.services.read(query, chosen, self)

    def _copy_plan_to(self, source: uuid.UUID, target: uuid.UUID | None) -> None:
        if target is None:
            return
        actor = self.services.teacher_id
        self.run_write(
            lambda conn: copy_plan(conn, source, target, actor=actor, replace=True),
            on_done=lambda _r: self.plan_editor.show_message(self.tr("Copied.")),
            on_refused=self.plan_editor.show_message,
        )

    def _shift(self) -> None:
        lesson = self.plan_editor.lesson
        if lesson is None:
            return
        source, actor = lesson.lesson.id, self.services.teacher_id
        self.run_write(
            lambda conn: shift_after_cancelled(conn, source, actor=actor),
            on_done=lambda moved: self.show_message(
                self.tr("%1 plans moved one lesson on.").replace("%1", str(moved))
            ),
            on_refused=self.plan_editor.show_message,
        )

    def _save_unit(self, edit: UnitEdit) -> None:
        activity, actor = self.activity_id, self.services.teacher_id
        if activity is None:
            return

        def work(conn: Connection) -> object:
            save_unit(conn, edit.unit_id, activity, edit.draft, actor=actor)
            for assessment_id, linked in edit.links.items():
                link_assessment(conn, assessment_id, edit.unit_id if linked else None, actor=actor)
            return edit.unit_id

        def done(_result: object) -> None:
            self.unit_id = edit.unit_id
            self.unit_editor.unit_id = None  # saved: show what the cache holds now
            self.unit_editor.show_message(self.tr("Saved."))
            self.refresh()

        self.run_write(work, on_done=done, on_refused=self.unit_editor.show_message)

    def _pick_items(self) -> None:
        data = self.data
        subjects = data.subjects if data else []
        if not subjects:
            self.unit_editor.show_message(
                self.tr("The syllabuses have not reached this computer yet; sync and try again.")
            )
            return
        dialog = CataloguePickDialog(subjects, self.unit_editor.picks, self)
        self.last_dialog = dialog

        def load() -> None:
            subject = dialog.subject()
            if subject is None:
                return
            self.services.read(
                lambda conn: reads.catalogue_items(conn, subject.code, subject.version),
                lambda items: dialog.show_items(subject, items),
                dialog,
            )

        dialog.subject_combo.currentIndexChanged.connect(lambda _i: load())
        load()
        dialog.finished.connect(lambda result: self._picked(dialog, result))
        dialog.open()

    def _picked(self, dialog: CataloguePickDialog, result: int) -> None:
        if result != QDialog.DialogCode.Accepted.value:
            return
        picks, items = dialog.picks()
        subject = dialog.subject()
        self.unit_editor.set_picks(
            picks,
            items,
            subject_name=subject.name if subject else None,
            source=subject.source if subject else None,
        )

    def _copy_unit(self) -> None:
        detail, data = self.unit_editor.unit, self.data
        if detail is None or data is None:
            return
        start = (detail.start_date or self.services.today()) + dt.timedelta(weeks=52)
        dialog = CopyUnitDialog(data.activities, detail.activity_id, start, self)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self._copy_unit_to(detail.id, *dialog.choice()))
        dialog.open()

    def _copy_unit_to(self, unit_id: uuid.UUID, target: uuid.UUID, day: dt.date) -> None:
        actor = self.services.teacher_id

        def done(report: object) -> None:
            assert isinstance(report, CopyReport)
            text = self.tr("Copied: the copy has %1 lesson plans.").replace(
                "%1", str(report.plans_copied)
            )
            if report.plans_left_out:
                text += " " + self.tr(
                    "%1 plans found no lesson in the timetable yet and were not copied."
                ).replace("%1", str(report.plans_left_out))
            self.show_message(text)

        self.run_write(
            lambda conn: copy_unit(conn, unit_id, target, day, actor=actor),
            on_done=done,
            on_refused=self.unit_editor.show_message,
        )

"""Groups: the teacher's groups with pupil counts; a group's pupils on a date.

Membership dates are respected: choosing another date shows who was (or
will be) in the group that day.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QDate, QModelIndex, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop import local_time
from desktop.models.group_table_model import GroupTableModel
from desktop.models.pupil_table_model import PupilTableModel
from desktop.pages.lesson_views import configure_table
from desktop.pages.page import (
    Page,
    PageServices,
    empty_state,
    not_downloaded_yet,
    page_heading,
    row_layout,
)
from local_db import repositories
from local_db.views import GroupView, PupilView


@dataclass(frozen=True)
class GroupsResult:
    on_date: dt.date
    groups: list[GroupView]
    selected: uuid.UUID | None
    pupils: list[PupilView]
    #: False until the first sync: "no groups" then only means "not yet".
    synced: bool = True


def load_groups(
    conn: Connection, teacher: uuid.UUID | None, on_date: dt.date, selected: uuid.UUID | None
) -> GroupsResult:
    groups = [] if teacher is None else repositories.groups_for_teacher(conn, teacher, on_date)
    if selected not in {g.id for g in groups}:
        selected = None
    pupils = [] if selected is None else repositories.pupils_in_group(conn, selected, on_date)
    synced = repositories.sync_status(conn).has_synced_once
    return GroupsResult(on_date, groups, selected, pupils, synced)


class GroupsPage(Page):
    #: A pupil was opened (double-click / Enter): the window shows the pupil page.
    pupil_activated = Signal(object)

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("groupsPage")
        self.selected: uuid.UUID | None = None
        self.on_date = services.today()

        heading, _title, self.subtitle = page_heading(self.title())

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(_qdate(self.on_date))
        self.date_edit.setAccessibleName(self.tr("Show members on"))
        self.date_edit.dateChanged.connect(self._date_changed)
        date_label = QLabel(self.tr("Show members on"))
        date_label.setBuddy(self.date_edit)

        self.group_model = GroupTableModel(self)
        self.group_table = QTableView()
        self.group_table.setObjectName("groupTable")
        self.group_table.setModel(self.group_model)
        self.group_table.setAccessibleName(self.tr("Your groups"))
        configure_table(self.group_table, GroupTableModel.NAME)
        self.group_table.selectionModel().currentRowChanged.connect(self._group_chosen)

        self.pupil_model = PupilTableModel(self)
        self.pupil_table = QTableView()
        self.pupil_table.setObjectName("memberTable")
        self.pupil_table.setModel(self.pupil_model)
        self.pupil_table.setAccessibleName(self.tr("Pupils in the group"))
        configure_table(self.pupil_table, PupilTableModel.NAME)
        self.pupil_table.activated.connect(self._pupil_opened)

        right = self._members_pane()
        self.groups_empty = empty_state("")
        self.groups_stack = QStackedWidget()
        self.groups_stack.addWidget(self.group_table)
        self.groups_stack.addWidget(self.groups_empty)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.groups_stack)
        splitter.addWidget(right)
        splitter.setSizes([440, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addLayout(row_layout(date_label, self.date_edit))
        layout.addWidget(splitter, 1)

    def _members_pane(self) -> QWidget:
        self.members_title = QLabel()
        self.members_title.setObjectName("sectionTitle")
        self.members_empty = empty_state(self.tr("Choose a group to see its pupils."))
        self.members_stack = QStackedWidget()
        self.members_stack.addWidget(self.members_empty)
        self.members_stack.addWidget(self.pupil_table)
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(16, 0, 0, 0)
        layout.addWidget(self.members_title)
        layout.addWidget(self.members_stack, 1)
        return pane

    def title(self) -> str:
        return self.tr("Groups")

    def refresh(self) -> None:
        teacher, on_date, selected = self.services.teacher_id, self.on_date, self.selected
        self.services.read(
            lambda conn: load_groups(conn, teacher, on_date, selected), self._show, owner=self
        )

    def select_group(self, group_id: uuid.UUID) -> None:
        self.selected = group_id
        self.refresh()

    def _date_changed(self, date: QDate) -> None:
        self.on_date = dt.date(date.year(), date.month(), date.day())
        self.refresh()

    def _group_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        group = self.group_model.row_at(current.row())
        if group is not None and group.id != self.selected:
            self.select_group(group.id)

    def _pupil_opened(self, index: QModelIndex) -> None:
        pupil = self.pupil_model.row_at(index.row())
        if pupil is not None:
            self.pupil_activated.emit(pupil.id)

    def _show(self, result: GroupsResult) -> None:
        self.selected = result.selected
        self.subtitle.setText(
            self.tr("%n group(s)", "", len(result.groups))
            if result.groups
            else self.tr("No groups")
        )
        selection = self.group_table.selectionModel()
        selection.blockSignals(True)
        self.group_model.set_rows(result.groups)
        for row, group in enumerate(self.group_model.rows()):
            if group.id == result.selected:
                self.group_table.selectRow(row)
        selection.blockSignals(False)
        self.groups_empty.setText(
            self.tr(
                "You don't teach any groups yet. Your groups come from the school's "
                "timetable: ask the school office to add you as a teacher of your "
                "groups, then press F5 to sync."
            )
            if result.synced
            else not_downloaded_yet()
        )
        self.groups_stack.setCurrentWidget(self.group_table if result.groups else self.groups_empty)
        self.pupil_model.set_rows(result.pupils)
        chosen = next((g for g in result.groups if g.id == result.selected), None)
        if chosen is None:
            self.members_title.setText("")
            # With no groups the one thing to do is said on the left.
            self.members_empty.setText(
                self.tr("Choose a group to see its pupils.") if result.groups else ""
            )
            self.members_stack.setCurrentWidget(self.members_empty)
        else:
            self.members_title.setText(
                self.tr("{group}: %n pupil(s) on {date}", "", len(result.pupils)).format(
                    group=chosen.display_name, date=local_time.short_date(result.on_date)
                )
            )
            self.members_stack.setCurrentWidget(self.pupil_table)
        self.loaded.emit()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)

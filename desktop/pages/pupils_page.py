"""Pupils: search by name; a pupil's groups, attendance this term and guardians.

A pupil with protected identity (skyddad identitet) gets a discreet line and
no contact data at all, not even empty fields to hint at what is withheld.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop.models.membership_table_model import MembershipTableModel
from desktop.models.pupil_table_model import PupilTableModel
from desktop.pages.attendance.pupil_attendance_panel import PupilAttendancePanel
from desktop.pages.lesson_views import configure_table
from desktop.pages.page import Page, PageServices, empty_state, page_heading
from desktop.settings import DEFAULT_ABSENCE_THRESHOLD
from local_db import repositories
from local_db.attendance import pupil_attendance
from local_db.attendance.views import PupilAttendance
from local_db.views import GuardianView, PupilDetail, PupilView
from sync_protocol.terms import term_for

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 200

PupilsResult = tuple[list[PupilView], PupilDetail | None, PupilAttendance | None]


class PupilsPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("pupilsPage")
        self.pupil_id: uuid.UUID | None = None

        heading, _title, self.subtitle = page_heading(self.title())

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchField")
        self.search_edit.setPlaceholderText(self.tr("Search by name…"))
        self.search_edit.setAccessibleName(self.tr("Search pupils"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._open_first)

        self.result_model = PupilTableModel(self)
        self.result_table = QTableView()
        self.result_table.setObjectName("pupilResults")
        self.result_table.setModel(self.result_model)
        self.result_table.setAccessibleName(self.tr("Pupils found"))
        configure_table(self.result_table, PupilTableModel.NAME)
        self.result_table.selectionModel().currentRowChanged.connect(self._result_chosen)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.result_table, 1)

        self.detail = PupilDetailPanel()
        scroll = QScrollArea()
        scroll.setObjectName("pupilDetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([320, 520])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)

    def title(self) -> str:
        return self.tr("Pupils")

    def refresh(self) -> None:
        text = self.search_edit.text().strip()
        pupil_id = self.pupil_id
        today = self.services.today()
        term = term_for(today)
        # The term so far: lessons still to come are not offered yet.
        until = min(today, term.end)

        def query(conn: Connection) -> PupilsResult:
            found = repositories.search_pupils(conn, text, limit=SEARCH_LIMIT)
            detail = None if pupil_id is None else repositories.pupil_detail(conn, pupil_id)
            attendance = None
            if detail is not None:
                attendance = pupil_attendance(conn, detail.pupil.id, term.start, until)
            return found, detail, attendance

        self.services.read(query, self._show, owner=self)

    def show_pupil(self, pupil_id: uuid.UUID) -> None:
        """Open a pupil (from the Groups page)."""
        self.pupil_id = pupil_id
        self.refresh()

    def _open_first(self) -> None:
        first = self.result_model.row_at(0)
        if first is not None:
            self.show_pupil(first.id)

    def _result_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pupil = self.result_model.row_at(current.row())
        if pupil is not None and pupil.id != self.pupil_id:
            self.show_pupil(pupil.id)

    def _show(self, result: PupilsResult) -> None:
        found, detail, attendance = result
        selection = self.result_table.selectionModel()
        selection.blockSignals(True)
        self.result_model.set_rows(found)
        for row, pupil in enumerate(self.result_model.rows()):
            if pupil.id == self.pupil_id:
                self.result_table.selectRow(row)
        selection.blockSignals(False)
        text = self.search_edit.text().strip()
        if text:
            self.subtitle.setText(self.tr("%n pupil(s) found", "", len(found)))
        else:
            self.subtitle.setText(self.tr("Type a name to find one of your pupils."))
        self.detail.show_detail(detail)
        settings = self.services.settings
        threshold = settings.absence_threshold if settings else DEFAULT_ABSENCE_THRESHOLD
        self.detail.attendance.show_attendance(attendance, threshold)
        self.loaded.emit()


class PupilDetailPanel(QWidget):
    """The pupil page: name, groups with dates, guardians."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pupilDetail")
        self.name_label = QLabel()
        self.name_label.setObjectName("detailTitle")
        self.born_label = QLabel()
        self.born_label.setObjectName("hintLabel")
        self.protected_label = QLabel(self.tr("Protected identity — contact details are not shown"))
        self.protected_label.setObjectName("protectedNotice")
        self.groups_title = QLabel(self.tr("Groups"))
        self.groups_title.setObjectName("sectionTitle")
        self.membership_model = MembershipTableModel(self)
        self.membership_table = QTableView()
        self.membership_table.setModel(self.membership_model)
        self.membership_table.setAccessibleName(self.tr("Groups of the pupil"))
        configure_table(self.membership_table, MembershipTableModel.GROUP)
        self.attendance = PupilAttendancePanel()
        self.attendance.hide()
        self.guardians_title = QLabel(self.tr("Guardians"))
        self.guardians_title.setObjectName("sectionTitle")
        self.guardians_box = QVBoxLayout()
        self.guardians_box.setSpacing(8)
        self.placeholder = empty_state(self.tr("Choose a pupil to see their groups and guardians."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.name_label)
        layout.addWidget(self.born_label)
        layout.addWidget(self.protected_label)
        layout.addSpacing(6)
        layout.addWidget(self.groups_title)
        layout.addWidget(self.membership_table)
        layout.addSpacing(6)
        layout.addWidget(self.attendance)
        layout.addSpacing(6)
        layout.addWidget(self.guardians_title)
        layout.addLayout(self.guardians_box)
        layout.addStretch(1)
        self.show_detail(None)

    def show_detail(self, detail: PupilDetail | None) -> None:
        has = detail is not None
        self.placeholder.setVisible(not has)
        for widget in (
            self.name_label,
            self.born_label,
            self.groups_title,
            self.membership_table,
            self.guardians_title,
        ):
            widget.setVisible(has)
        self.protected_label.setVisible(has and detail is not None and detail.pupil.protected)
        while self.guardians_box.count():
            item = self.guardians_box.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        if detail is None:
            self.membership_model.set_rows([])
            self.attendance.hide()
            return
        self.name_label.setText(detail.pupil.full_name)
        self.born_label.setText(
            self.tr("Born {date}").format(date=detail.birth_date.isoformat())
            if detail.birth_date
            else ""
        )
        self.born_label.setVisible(detail.birth_date is not None)
        self.membership_model.set_rows(detail.memberships)
        # As tall as its rows: one or two groups should not leave a blank box.
        rows = max(1, len(detail.memberships))
        header = self.membership_table.horizontalHeader().sizeHint().height()
        self.membership_table.setFixedHeight(header + rows * 40 + 4)
        # Contact data only when the server sent it and the pupil is not protected.
        show_contact = detail.contact_data_available and not detail.pupil.protected
        for guardian in detail.guardians:
            self.guardians_box.addWidget(GuardianCard(guardian, show_contact))
        if not detail.guardians:
            self.guardians_box.addWidget(empty_state(self.tr("No guardians recorded.")))


class GuardianCard(QFrame):
    def __init__(
        self, guardian: GuardianView, show_contact: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guardianCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        name = QLabel(f"{guardian.given_name} {guardian.family_name}")
        name.setObjectName("guardianName")
        relation = QLabel(
            self.tr("Guardian")
            if guardian.relation_type == "guardian"
            else self.tr("Other responsible adult")
        )
        relation.setObjectName("hintLabel")
        layout.addWidget(name)
        layout.addWidget(relation)
        if show_contact:
            for value in (guardian.phone, guardian.email):
                if value:
                    label = QLabel(value)
                    label.setObjectName("contactValue")
                    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    layout.addWidget(label)

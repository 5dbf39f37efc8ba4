"""Pupils: the teacher's pupils by group at once, filtered as the teacher
types; a pupil's groups, attendance this term, documentation (notes, extra
anpassningar, åtgärdsprogram references) and guardians on one tab; the
pupil's timeline (Tidslinje: attendance, results, term grades, notes,
adjustments, filterable by kind) on the other, with the documentation PDF
for the development talk.

The list is read once per refresh on the DB worker (a teacher's scope is a
few hundred pupils) and filtered in memory, so typing never waits for the
database. A pupil with protected identity (skyddad identitet) gets a
discreet line and no contact data at all, not even empty fields to hint at
what is withheld.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop.error_messages import user_message
from desktop.models.documentation_texts import problem_text
from desktop.models.grouped_pupils_model import (
    PUPIL_ROLE,
    GroupedPupils,
    GroupedPupilsModel,
    PupilFilter,
)
from desktop.models.membership_table_model import MembershipTableModel
from desktop.models.refusal_texts import refusal_reason_text
from desktop.pages.attendance.pupil_attendance_panel import PupilAttendancePanel
from desktop.pages.documentation.documentation_export import export_documentation
from desktop.pages.documentation.documentation_panel import DocumentationPanel
from desktop.pages.documentation.timeline_panel import TimelinePanel
from desktop.pages.lesson_views import configure_table
from desktop.pages.page import Page, PageServices, empty_state, page_heading
from desktop.settings import DEFAULT_ABSENCE_THRESHOLD
from desktop.task_runner import Task
from local_db import repositories
from local_db.attendance import pupil_attendance
from local_db.attendance.views import PupilAttendance
from local_db.documentation import DocumentationRefused, PupilDocumentation, pupil_documentation
from local_db.documentation.timeline import PupilTimeline, build_timeline
from local_db.edit_checks import InvalidEdit
from local_db.views import GuardianView, PupilDetail, PupilView
from sync_protocol.terms import term_for

#: (the pupil asked for, the groups, their detail, attendance, documentation, timeline)
PupilsResult = tuple[
    uuid.UUID | None,
    GroupedPupils,
    PupilDetail | None,
    PupilAttendance | None,
    PupilDocumentation | None,
    PupilTimeline | None,
]
#: What a documentation write changes: pages that show it refresh.
DOCUMENTATION_CHANGES = frozenset({"documentation"})
log = logging.getLogger(__name__)


class PupilsPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("pupilsPage")
        self.pupil_id: uuid.UUID | None = None
        #: A note or adjustment to choose in the timeline once shown (a search result).
        self.wanted_record: uuid.UUID | None = None

        heading, _title, self.subtitle = page_heading(self.title())

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchField")
        self.search_edit.setPlaceholderText(self.tr("Filter by name or group…"))
        self.search_edit.setAccessibleName(self.tr("Filter pupils"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._filter)
        self.search_edit.returnPressed.connect(self._open_first)

        self.pupil_model = GroupedPupilsModel(self)
        self.pupil_filter = PupilFilter(self)
        self.pupil_filter.setSourceModel(self.pupil_model)
        self.pupil_list = pupil_list_view(self.pupil_filter)
        self.pupil_list.setAccessibleName(self.tr("Your pupils by group"))
        self.pupil_list.selectionModel().currentRowChanged.connect(self._pupil_chosen)

        self.no_pupils = empty_state(
            self.tr(
                "No pupils yet. Your groups and their pupils appear here after Klassbok "
                "has synced with the school's server (see the status bar). If they still "
                "do not, ask your school's administrator to add you to your groups."
            )
        )
        self.no_match = empty_state("")
        self.list_stack = QStackedWidget()
        for widget in (self.pupil_list, self.no_pupils, self.no_match):
            self.list_stack.addWidget(widget)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.list_stack, 1)

        self.detail = PupilDetailPanel()
        self.detail.documentation.write = self.run_write
        self.detail.documentation.me = services.teacher_id
        scroll = QScrollArea()
        scroll.setObjectName("pupilDetailScroll")
        scroll.setAccessibleName(self.tr("Pupil details"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)

        self.timeline = TimelinePanel()
        self.detail_tabs = self._detail_tabs(scroll)
        #: What the page shows now (the documentation PDF is made from it).
        self.shown: PupilsResult | None = None
        #: The dialog open last (tests reach it here).
        self.last_dialog: QDialog | None = None

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail_tabs)
        splitter.setSizes([320, 520])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)

    def _detail_tabs(self, overview: QWidget) -> QTabWidget:
        """The pupil's overview and timeline, each with the documentation PDF."""
        self.timeline.export_button.clicked.connect(lambda: export_documentation(self))
        self.detail.documentation.export_button.clicked.connect(lambda: export_documentation(self))
        tabs = QTabWidget()
        tabs.setObjectName("pupilTabs")
        tabs.addTab(overview, self.tr("Overview"))
        tabs.addTab(self.timeline, self.tr("Timeline"))
        tabs.tabBar().setAccessibleName(self.tr("Overview or timeline"))
        return tabs

    def title(self) -> str:
        return self.tr("Pupils")

    def shown_documentation(
        self,
    ) -> tuple[PupilDetail, PupilAttendance | None, PupilDocumentation] | None:
        """The pupil shown now with their attendance and documentation (for the PDF)."""
        if self.shown is None:
            return None
        _asked, _groups, detail, attendance, documentation, _timeline = self.shown
        if detail is None or documentation is None:
            return None
        return detail, attendance, documentation

    def as_widget(self) -> QWidget:
        return self

    def refresh(self) -> None:
        pupil_id = self.pupil_id
        teacher_id = self.services.teacher_id
        today = self.services.today()
        term = term_for(today)
        # The term so far: lessons still to come are not offered yet.
        until = min(today, term.end)

        def query(conn: Connection) -> PupilsResult:
            groups = (
                []
                if teacher_id is None
                else repositories.groups_for_teacher(conn, teacher_id, today)
            )
            grouped = [(g, repositories.pupils_in_group(conn, g.id, today)) for g in groups]
            detail = None if pupil_id is None else repositories.pupil_detail(conn, pupil_id)
            attendance = documentation = timeline = None
            if detail is not None:
                attendance = pupil_attendance(conn, detail.pupil.id, term.start, until)
                documentation = pupil_documentation(conn, detail.pupil.id, teacher_id)
                timeline = build_timeline(
                    conn,
                    detail.pupil.id,
                    today,
                    attendance=attendance,
                    documentation=documentation,
                )
            return pupil_id, grouped, detail, attendance, documentation, timeline

        self.services.read(query, self._show, owner=self)

    def run_write(self, work: Callable[[Connection], object]) -> None:
        """One documentation write on the DB worker; a refusal is said, nothing is lost."""
        session = self.services.session
        panel = self.detail.documentation

        def run(_context: object) -> object:
            if session.closed:
                return None
            with session.cache.begin() as conn:
                return work(conn)

        def failed(exc: Exception) -> None:
            if isinstance(exc, DocumentationRefused):
                panel.show_message(problem_text(exc))
            elif isinstance(exc, InvalidEdit):
                panel.show_message(refusal_reason_text(str(exc)))
            else:
                log.error(
                    "saving documentation failed", exc_info=(type(exc), exc, exc.__traceback__)
                )
                panel.show_message(
                    user_message(exc)
                    or self.tr(
                        "Sorry, that could not be saved; nothing else was changed. "
                        "Details are in Klassbok's log."
                    )
                )

        self.services.runner.run_db(
            Task(
                run=run,
                on_success=lambda _result: None,
                on_failure=failed,
                owner=self,
                changes=DOCUMENTATION_CHANGES,
            )
        )

    def show_pupil(self, pupil_id: uuid.UUID, record_id: uuid.UUID | None = None) -> None:
        """Open a pupil (from the Groups page, a statistics row, a search
        result: `record_id` a note or adjustment to choose in the timeline)."""
        self.pupil_id = pupil_id
        self.wanted_record = record_id
        self.refresh()

    def shown_pupils(self) -> list[PupilView]:
        """The pupils the list shows now, top to bottom, each once."""
        return self.pupil_filter.pupils()

    def _open_first(self) -> None:
        shown = self.shown_pupils()
        if shown:
            self.show_pupil(shown[0].id)

    def _pupil_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pupil = current.siblingAtColumn(GroupedPupilsModel.NAME).data(PUPIL_ROLE)
        if isinstance(pupil, PupilView) and pupil.id != self.pupil_id:
            self.show_pupil(pupil.id)

    def _filter(self, text: str) -> None:
        self.pupil_filter.set_text(text)
        self.pupil_list.expandAll()
        self._select_current()
        self._show_counts()

    def _select_current(self) -> None:
        selection = self.pupil_list.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        for row in range(self.pupil_filter.rowCount()):
            group = self.pupil_filter.index(row, 0)
            for child in range(self.pupil_filter.rowCount(group)):
                index = self.pupil_filter.index(child, 0, group)
                pupil = index.data(PUPIL_ROLE)
                if isinstance(pupil, PupilView) and pupil.id == self.pupil_id:
                    self.pupil_list.setCurrentIndex(index)
                    selection.blockSignals(False)
                    return
        selection.blockSignals(False)

    def _show_counts(self) -> None:
        text = self.search_edit.text().strip()
        total = self.pupil_model.pupil_count()
        # "Choose a pupil" only where there is one to choose.
        self.detail.placeholder.setText(
            self.tr("Choose a pupil to see their groups and guardians.") if total else ""
        )
        if total == 0:
            self.subtitle.setText("")
            self.list_stack.setCurrentWidget(self.no_pupils)
            return
        if text:
            shown = len(self.shown_pupils())
            self.subtitle.setText(self.tr("%n pupil(s) found", "", shown))
            if shown == 0 and self.pupil_filter.rowCount() == 0:
                self.no_match.setText(
                    self.tr("No pupil or group matches “{text}”. Check the spelling.").format(
                        text=text
                    )
                )
                self.list_stack.setCurrentWidget(self.no_match)
                return
        else:
            groups = self.pupil_model.rowCount()
            self.subtitle.setText(
                self.tr("{pupils} in {groups}").format(
                    pupils=self.tr("%n pupil(s)", "", total),
                    groups=self.tr("%n group(s)", "", groups),
                )
            )
        self.list_stack.setCurrentWidget(self.pupil_list)

    def _show(self, result: PupilsResult) -> None:
        asked_for, grouped, detail, attendance, documentation, timeline = result
        if asked_for != self.pupil_id:
            return  # another pupil was chosen meanwhile: that read follows this one
        self.shown = result
        self.pupil_model.set_groups(grouped)
        self.pupil_list.expandAll()
        self._select_current()
        self._show_counts()
        self.detail.show_detail(detail)
        settings = self.services.settings
        threshold = settings.absence_threshold if settings else DEFAULT_ABSENCE_THRESHOLD
        self.detail.attendance.show_attendance(attendance, threshold)
        self.detail.documentation.today = self.services.today()
        name = detail.pupil.full_name if detail is not None else ""
        self.detail.documentation.show_documentation(documentation, name)
        self.timeline.show_timeline(timeline, name)
        wanted, self.wanted_record = self.wanted_record, None
        if wanted is not None and self.timeline.select_record(wanted):
            self.detail_tabs.setCurrentWidget(self.timeline)
        self.loaded.emit()


def pupil_list_view(model: PupilFilter) -> QTreeView:
    """Groups with their pupils under them, read like a class list."""
    view = QTreeView()
    view.setObjectName("pupilList")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformRowHeights(True)  # hundreds of rows never measure themselves
    view.setAlternatingRowColors(True)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(GroupedPupilsModel.NAME, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(GroupedPupilsModel.NOTE, QHeaderView.ResizeMode.ResizeToContents)
    return view


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
        self.documentation_title = QLabel(self.tr("Documentation"))
        self.documentation_title.setObjectName("sectionTitle")
        self.documentation = DocumentationPanel()
        self.documentation.hide()
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
        layout.addWidget(self.documentation_title)
        layout.addWidget(self.documentation)
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
            self.documentation_title,
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

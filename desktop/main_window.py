"""The main window: a sidebar of pages, the page, and the status bar.

It owns no data: pages read the cache through the task runner, the sync
controller feeds the status bar, and the app controller decides about
logging in and out.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import resources, theme
from desktop.about_dialog import AboutDialog
from desktop.login_dialog import no_keyring_notice
from desktop.pages.assessment.assessment_page import AssessmentPage
from desktop.pages.attendance.attendance_page import AttendancePage
from desktop.pages.conflicts_page import ConflictsPage
from desktop.pages.groups_page import GroupsPage
from desktop.pages.page import Page, PageServices
from desktop.pages.planning.planning_page import PlanningPage
from desktop.pages.pupils_page import PupilsPage
from desktop.pages.search_page import SearchPage
from desktop.pages.timetable_page import TimetablePage
from desktop.pages.today_page import TodayPage
from desktop.search_field import SearchField, open_hit
from desktop.settings_dialog import SettingsDialog
from desktop.sidebar_badge import SidebarBadgeDelegate
from desktop.status_bar import SyncStatusBar
from desktop.sync_banner import SyncBanner


class MainWindow(QMainWindow):
    logout_requested = Signal()
    closing = Signal()

    def __init__(
        self, services: PageServices, *, demo: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        session = services.session
        title = self.tr("Klassbok — {name}").format(name=session.display_name)
        if demo:
            title = self.tr("Klassbok (demo) — {name}").format(name=session.display_name)
        self.setWindowTitle(title)
        self.setWindowIcon(resources.icon("klassbok"))
        self.resize(1120, 720)
        self.setMinimumSize(QSize(860, 560))

        self.today_page = TodayPage(services)
        self.timetable_page = TimetablePage(services)
        self.groups_page = GroupsPage(services)
        self.pupils_page = PupilsPage(services)
        self.attendance_page = AttendancePage(services)
        self.planning_page = PlanningPage(services)
        self.assessment_page = AssessmentPage(services)
        self.conflicts_page = ConflictsPage(services)
        self.pages: list[tuple[Page, str]] = [
            (self.today_page, "today"),
            (self.timetable_page, "timetable"),
            (self.groups_page, "groups"),
            (self.pupils_page, "pupils"),
            (self.attendance_page, "attendance"),
            (self.planning_page, "planning"),
            (self.assessment_page, "assessment"),
            (self.conflicts_page, "conflicts"),
        ]
        self.groups_page.pupil_activated.connect(self.open_pupil)
        self.attendance_page.pupil_activated.connect(self.open_pupil)
        self.today_page.roll_call_requested.connect(self.open_roll_call)
        self.timetable_page.roll_call_requested.connect(self.open_roll_call)

        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        self.nav = QListWidget()
        self.nav.setObjectName("sidebarNav")
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setItemDelegate(SidebarBadgeDelegate(self.nav))  # the Conflicts count
        for number, (page, icon_name) in enumerate(self.pages, start=1):
            self.stack.addWidget(page)
            item = QListWidgetItem(resources.icon(icon_name), page.title())
            item.setToolTip(
                self.tr("{page} (Ctrl+{number})").format(page=page.title(), number=number)
            )
            self.nav.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.nav.setCurrentRow(row))
        self.nav.currentRowChanged.connect(self._nav_row_changed)
        self.search_page, self.search_field = self._make_search(services)
        self._icons_dark = theme.is_dark()

        self.status = SyncStatusBar(demo=demo)
        self.setStatusBar(self.status)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.status.sync_requested)
        QShortcut(QKeySequence.StandardKey.HelpContents, self).activated.connect(self.show_about)
        self.about_dialog: AboutDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        QShortcut(QKeySequence.StandardKey.Preferences, self).activated.connect(self.show_settings)

        self.setCentralWidget(self._central(session.display_name, session.persistent))
        self.nav.setCurrentRow(0)

    def _central(self, display_name: str, persistent: bool) -> QWidget:
        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(220)
        brand = QLabel(self.tr("Klassbok"))
        brand.setObjectName("brand")
        user = QLabel(display_name)
        user.setObjectName("sidebarUser")
        user.setWordWrap(True)
        self.logout_button = QPushButton(self.tr("Log out…"))
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.clicked.connect(self.logout_requested)
        self.settings_button = QPushButton(self.tr("Settings…"))
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setFlat(True)
        self.settings_button.setToolTip(self.tr("Text size"))
        self.settings_button.clicked.connect(self.show_settings)
        self.settings_button.setVisible(self.services.settings is not None)
        self.about_button = QPushButton(self.tr("About Klassbok"))
        self.about_button.setObjectName("aboutButton")
        self.about_button.setFlat(True)
        self.about_button.setToolTip(self.tr("Version and licences (F1)"))
        self.about_button.clicked.connect(self.show_about)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(12, 20, 12, 16)
        side.setSpacing(12)
        side.addWidget(brand)
        side.addWidget(self.nav, 1)
        side.addWidget(user)
        side.addWidget(self.logout_button)
        side.addWidget(self.settings_button)
        side.addWidget(self.about_button)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.keyring_banner = QLabel(no_keyring_notice())
        self.keyring_banner.setObjectName("noticeBanner")
        self.keyring_banner.setWordWrap(True)
        self.keyring_banner.setVisible(not persistent)
        column.addWidget(self.keyring_banner)
        self.sync_banner = SyncBanner()  # "too old to sync": lasting, calm
        column.addWidget(self.sync_banner)
        column.addWidget(self.search_field.bar)
        column.addWidget(self.stack, 1)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(content, 1)
        return central

    def show_about(self) -> None:
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    def show_settings(self) -> None:
        settings = self.services.settings
        if settings is None:  # a window without a profile (the self-test)
            return
        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(settings, self)
        self.settings_dialog.open()

    def _make_search(self, services: PageServices) -> tuple[SearchPage, SearchField]:
        """Search is a page of the stack, not of the sidebar: the field opens it."""
        page = SearchPage(services)
        self.stack.addWidget(page)
        page.open_requested.connect(lambda hit: open_hit(self, hit))
        self.search_page = page
        field = SearchField(self)
        for keys in ("Ctrl+K", "Ctrl+F"):
            QShortcut(QKeySequence(keys), self).activated.connect(field.focus_search)
        return page, field

    def _nav_row_changed(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)

    def show_search(self) -> None:
        """The results page, with no sidebar page chosen (clicking one leaves it)."""
        if self.stack.currentWidget() is not self.search_page:
            self.nav.setCurrentRow(-1)
            self.stack.setCurrentWidget(self.search_page)

    def show_page(self, page: Page) -> None:
        for row, (candidate, _icon) in enumerate(self.pages):
            if candidate is page:
                self.nav.setCurrentRow(row)

    def open_pupil(self, pupil_id: uuid.UUID) -> None:
        self.show_page(self.pupils_page)
        self.pupils_page.show_pupil(pupil_id)

    def open_roll_call(self, lesson_id: uuid.UUID) -> None:
        self.show_page(self.attendance_page)
        self.attendance_page.open_roll_call(lesson_id)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and theme.is_dark() != self._icons_dark:
            self._icons_dark = theme.is_dark()  # the desktop switched look
            for row, (_page, icon_name) in enumerate(self.pages):
                item = self.nav.item(row)
                if item is not None:
                    item.setIcon(resources.icon(icon_name))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

"""Connects the sync controller to what the teacher sees of it in the main
window: the status bar's links, the update banner, the Conflicts badge in
the sidebar, notice toasts, the first download's progress, the list of
refused edits and the clock explanation. One object per window, so the main
window itself stays a plain frame of pages."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from desktop.first_sync_dialog import FirstSyncDialog
from desktop.main_window import MainWindow
from desktop.models.conflict_texts import clock_warning_text
from desktop.notice_toast import NoticeToaster
from desktop.rejected_edits_dialog import RejectedEditsDialog
from desktop.sidebar_badge import set_badge
from desktop.sync_controller import SyncController
from desktop.sync_state import SyncState


class SyncViews(QObject):
    def __init__(self, window: MainWindow, sync: SyncController) -> None:
        super().__init__(window)
        self.window = window
        self.sync = sync
        self.first_sync_dialog = FirstSyncDialog(window)
        self.first_sync_dialog.cancel_requested.connect(sync.cancel_sync)
        self.toaster = NoticeToaster(window, window.services)
        self.toaster.details_requested.connect(self.open_conflicts)
        self.rejected_dialog: RejectedEditsDialog | None = None
        self.clock_box: QMessageBox | None = None
        self._conflicts_row = next(
            row for row, (page, _icon) in enumerate(window.pages) if page is window.conflicts_page
        )

        sync.state_changed.connect(self.show_state)
        sync.notices_arrived.connect(self.toaster.show_notices)
        sync.download_progress_started.connect(self.first_sync_dialog.start)
        sync.download_progress_changed.connect(self.first_sync_dialog.update_progress)
        sync.download_progress_finished.connect(self.first_sync_dialog.finish)
        status = window.status
        status.conflicts_requested.connect(self.open_conflicts)
        status.rejected_requested.connect(self.open_rejected_edits)
        status.clock_requested.connect(self.explain_clock)
        window.conflicts_page.decision_saved.connect(lambda: sync.sync_now(user_initiated=False))
        self.show_state(sync.state)

    def show_state(self, state: SyncState) -> None:
        self.window.sync_banner.show_state(state)
        count = state.open_conflicts
        title = self.window.conflicts_page.title()
        set_badge(
            self.window.nav,
            self._conflicts_row,
            count,
            title,
            self.tr("{page}: %n to decide", "", count).format(page=title),
        )

    def open_conflicts(self) -> None:
        self.window.show_page(self.window.conflicts_page)

    def open_rejected_edits(self) -> None:
        if self.rejected_dialog is not None:
            self.rejected_dialog.refresh()
            self.rejected_dialog.raise_()
            return
        dialog = RejectedEditsDialog(self.window.services, self.window)
        dialog.finished.connect(lambda _result: self._rejected_closed())
        self.rejected_dialog = dialog
        dialog.open()

    def _rejected_closed(self) -> None:
        if self.rejected_dialog is not None:
            self.rejected_dialog.deleteLater()
        self.rejected_dialog = None

    def explain_clock(self) -> None:
        warning = self.sync.state.clock_warning
        if not warning:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("The computer's clock"),
            clock_warning_text(warning),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.finished.connect(box.deleteLater)
        self.clock_box = box
        box.open()

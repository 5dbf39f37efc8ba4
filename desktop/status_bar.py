"""The window's status bar: online or offline, pending changes, last sync,
progress of long work, and "Sync now"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop import local_time
from desktop.sync_state import Connection, SyncState
from desktop.task_runner import ProgressInfo


class SyncStatusBar(QStatusBar):
    sync_requested = Signal()
    cancel_requested = Signal(int)

    def __init__(self, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusBar")
        self.setSizeGripEnabled(False)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionLabel")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingLabel")
        self.demo_label = QLabel(self.tr("Demo school"))
        self.demo_label.setObjectName("demoBadge")
        self.demo_label.setVisible(demo)

        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("linkButton")
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self._progress_task: int | None = None
        self._show_progress_widgets(False)

        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setToolTip(self.tr("Get the latest data from the server (F5)"))
        self.sync_button.clicked.connect(self.sync_requested)

        self.addWidget(self.connection_label)
        self.addWidget(self.sync_label)
        self.addWidget(self.pending_label)
        self.addWidget(self.demo_label)
        self.addPermanentWidget(self.progress_label)
        self.addPermanentWidget(self.progress_bar)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.sync_button)
        self.show_state(SyncState())

    # --- sync state ------------------------------------------------------------

    def show_state(self, state: SyncState) -> None:
        online = state.connection is Connection.ONLINE
        offline = state.connection is Connection.OFFLINE
        if online:
            self.connection_label.setText(self.tr("● Online"))
        elif offline:
            self.connection_label.setText(self.tr("● Offline"))
        else:
            self.connection_label.setText(self.tr("● Connecting…"))
        self.connection_label.setProperty("state", state.connection.value)
        self._repolish(self.connection_label)
        self.sync_label.setText(self.sync_text(state))
        self.sync_label.setToolTip(state.problem or "")
        self.pending_label.setText(
            self.tr("%n change(s) waiting to be sent", "", state.pending_changes)
            if state.pending_changes
            else self.tr("No unsent changes")
        )
        self.sync_button.setEnabled(not state.syncing)
        self.sync_button.setText(
            self.tr("Log in to sync") if state.needs_login else self.tr("Sync now")
        )

    def sync_text(self, state: SyncState) -> str:
        when = self._when(state.last_sync_at) if state.last_sync_at else None
        if state.syncing:
            text = self.tr("Syncing…")
        elif state.needs_login:
            text = self.tr("Log in again to sync")
        elif state.connection is Connection.OFFLINE:
            text = (
                self.tr("Offline — not synced yet")
                if when is None
                else self.tr("Offline — showing data from {when}").format(when=when)
            )
        elif state.problem:
            text = (
                self.tr("Couldn't sync yet")
                if when is None
                else self.tr("Couldn't sync — showing data from {when}").format(when=when)
            )
        elif when is None:
            text = self.tr("Not synced yet")
        else:
            text = self.tr("Synced {when}").format(when=when)
        return text

    @staticmethod
    def _when(moment: dt.datetime) -> str:
        local = local_time.to_local(moment)
        if local.date() == local_time.today():
            return local_time.clock(moment)
        return f"{local_time.short_date(local.date())} {local_time.clock(moment)}"

    # --- progress of long tasks ------------------------------------------------

    def show_progress(self, info: ProgressInfo) -> None:
        self._progress_task = info.task_id
        self.progress_label.setText(info.label)
        if info.total:
            self.progress_bar.setRange(0, info.total)
            self.progress_bar.setValue(min(info.done, info.total))
        else:
            self.progress_bar.setRange(0, 0)  # busy indicator: total unknown
        self.cancel_button.setVisible(info.cancellable)
        self.progress_label.show()
        self.progress_bar.show()

    def hide_progress(self, task_id: int) -> None:
        if task_id == self._progress_task:
            self._progress_task = None
            self._show_progress_widgets(False)

    def _show_progress_widgets(self, visible: bool) -> None:
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            widget.setVisible(visible)

    def _cancel_clicked(self) -> None:
        if self._progress_task is not None:
            self.cancel_requested.emit(self._progress_task)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

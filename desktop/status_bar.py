"""The window's status bar: online or offline, pending changes, last sync,
when the next try is, refused edits, conflicts, a wrong clock, progress of
long work, and "Sync now".

It only shows a SyncState; the links ask for the list of refused edits, the
Conflicts page and the clock explanation through signals.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop import local_time
from desktop.models.conflict_texts import clock_warning_short, clock_warning_text
from desktop.sync_state import Connection, SyncState
from desktop.task_runner import ProgressInfo


def _link(object_name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(object_name)
    button.setFlat(True)
    button.setVisible(False)
    return button


class SyncStatusBar(QStatusBar):
    sync_requested = Signal()
    cancel_requested = Signal(int)
    #: The teacher clicked "N changes couldn't be sent".
    rejected_requested = Signal()
    #: The teacher clicked "N conflicts to decide".
    conflicts_requested = Signal()
    #: The teacher clicked the clock warning.
    clock_requested = Signal()

    def __init__(self, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusBar")
        self.setSizeGripEnabled(False)
        #: Seconds on the monotonic clock (the retry countdown); replaceable in tests.
        self.monotonic: Callable[[], float] = time.monotonic
        self.state = SyncState()
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionLabel")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingLabel")
        self.rejected_button = _link("rejectedLink")
        self.rejected_button.clicked.connect(self.rejected_requested)
        self.conflicts_button = _link("conflictsLink")
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.clock_button = _link("clockLink")
        self.clock_button.clicked.connect(self.clock_requested)
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
        self.sync_button.setToolTip(self.tr("Send your changes and get the latest data (F5)"))
        self.sync_button.clicked.connect(self.sync_requested)

        # The countdown to the next try moves on by itself.
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(lambda: self.sync_label.setText(self.sync_text(self.state)))

        for widget in (
            self.connection_label,
            self.sync_label,
            self.pending_label,
            self.rejected_button,
            self.conflicts_button,
            self.clock_button,
            self.demo_label,
        ):
            self.addWidget(widget)
        self.addPermanentWidget(self.progress_label)
        self.addPermanentWidget(self.progress_bar)
        self.addPermanentWidget(self.cancel_button)
        self.addPermanentWidget(self.sync_button)
        self.show_state(SyncState())

    # --- sync state ------------------------------------------------------------

    def show_state(self, state: SyncState) -> None:
        self.state = state
        if state.connection is Connection.ONLINE:
            self.connection_label.setText(self.tr("● Online"))
        elif state.connection is Connection.OFFLINE:
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
        # Offline, the waiting changes are part of the main sentence already.
        self.pending_label.setVisible(
            not (state.connection is Connection.OFFLINE and state.pending_changes)
        )
        self.rejected_button.setText(
            self.tr("%n change(s) couldn't be sent", "", state.rejected_changes)
        )
        self.rejected_button.setToolTip(self.tr("See which changes and why"))
        self.rejected_button.setVisible(state.rejected_changes > 0)
        self.conflicts_button.setText(self.tr("%n conflict(s) to decide", "", state.open_conflicts))
        self.conflicts_button.setToolTip(self.tr("Open Conflicts"))
        self.conflicts_button.setVisible(state.open_conflicts > 0)
        if state.clock_warning:
            self.clock_button.setText("⚠ " + clock_warning_short(state.clock_warning))
            self.clock_button.setToolTip(clock_warning_text(state.clock_warning))
        self.clock_button.setVisible(bool(state.clock_warning))
        self.sync_button.setEnabled(not state.syncing)
        self.sync_button.setText(
            self.tr("Log in to sync") if state.needs_login else self.tr("Sync now")
        )
        if state.retry_at is not None and not state.syncing:
            self._countdown.start()
        else:
            self._countdown.stop()

    def _wait_text(self, retry_at: float) -> str:
        seconds = max(0, math.ceil(retry_at - self.monotonic()))
        if seconds < 1:
            return self.tr("now")
        if seconds < 90:
            return self.tr("in {seconds} s").format(seconds=seconds)
        return self.tr("in {minutes} min").format(minutes=math.ceil(seconds / 60))

    def sync_text(self, state: SyncState) -> str:
        when = self._when(state.last_sync_at) if state.last_sync_at else None
        retry = None if state.retry_at is None else self._wait_text(state.retry_at)
        if state.syncing:
            return self.tr("Syncing…")
        if state.update_required:
            return self.tr("Not syncing: Klassbok needs an update")
        if state.needs_login:
            return self.tr("Log in again to sync — your changes are kept")
        if state.connection is Connection.OFFLINE:
            # "● Offline" stands just before this; don't say it twice.
            if state.pending_changes:
                text = self.tr("%n change(s) waiting", "", state.pending_changes)
            elif when is None:
                text = self.tr("Not synced yet")
            else:
                text = self.tr("Showing data from {when}").format(when=when)
            if retry is not None:
                text = self.tr("{status}, next try {wait}").format(status=text, wait=retry)
            return text
        if state.problem:
            text = (
                self.tr("Couldn't sync yet")
                if when is None
                else self.tr("Couldn't sync — showing data from {when}").format(when=when)
            )
            if retry is not None:
                text = self.tr("{status}, next try {wait}").format(status=text, wait=retry)
            return text
        if state.cancelled:
            return (
                self.tr("Download stopped — press Sync now to continue")
                if not state.has_synced_once
                else self.tr("Sync stopped — showing data from {when}").format(when=when or "–")
            )
        if when is None:
            return self.tr("Not synced yet")
        return self.tr("Synced {when}").format(when=when)

    @staticmethod
    def _when(moment: dt.datetime) -> str:
        local = local_time.to_local(moment)
        if local.date() == local_time.today():
            return local_time.clock(moment)
        return f"{local_time.short_date(local.date())} {local_time.clock(moment)}"

    # --- progress of long tasks ------------------------------------------------

    def show_progress(self, info: ProgressInfo) -> None:
        self._progress_task = info.task_id
        if info.done and not info.total:
            self.progress_label.setText(
                self.tr("{label} {count} records").format(
                    label=info.label, count=f"{info.done:,}".replace(",", "\u202f")
                )
            )
        else:
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

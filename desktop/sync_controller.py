"""Syncs on start, every few minutes and on "Sync now"; knows whether we are online.

Sync runs on the network worker (SyncEngine.pull applies each page in one
local transaction). Being offline is a state, never an error dialog: the
status bar says so and a light check notices when the server is back. An
expired login pauses syncing and asks for the password; local data is left
alone. Other sync problems are shown to the teacher only when they pressed
"Sync now"; automatic attempts note them quietly (no dialog storm).
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Connection as DbConnection

from desktop.error_messages import user_message
from desktop.error_reporter import ErrorReporter
from desktop.session import Session
from desktop.sync_state import Connection, SyncState
from desktop.task_runner import Task, TaskContext, TaskRunner
from local_db import repositories
from local_db.sync import errors as sync_errors
from local_db.sync.engine import SyncEngine
from local_db.views import SyncStatus

log = logging.getLogger(__name__)

#: Automatic sync while online.
SYNC_INTERVAL_MS = 3 * 60_000
#: While offline: how often to check (one small request) whether the server is back.
OFFLINE_CHECK_MS = 45_000

SYNC_CHANGES = frozenset({"sync"})


class SyncController(QObject):
    state_changed = Signal(object)  # SyncState
    #: The token was refused: the controller asks for the password again.
    session_expired = Signal()
    #: A sync attempt ended (successfully or not); tests wait on it.
    sync_finished = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        session: Session,
        reporter: ErrorReporter,
        parent: QObject | None = None,
        *,
        sync_interval_ms: int = SYNC_INTERVAL_MS,
        offline_check_ms: int = OFFLINE_CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._session = session
        self._reporter = reporter
        self.state = SyncState()
        self._sync_task: int | None = None
        self._checking = False
        self._stopped = False
        self._bug_reported = False
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(sync_interval_ms)
        self._sync_timer.timeout.connect(self._automatic_sync)
        self._check_timer = QTimer(self)
        self._check_timer.setInterval(offline_check_ms)
        self._check_timer.timeout.connect(self._check_connection)

    # --- control ---------------------------------------------------------------

    def start(self) -> None:
        """Show the stored sync state at once, then sync."""
        self.refresh_status()
        self._sync_timer.start()
        self.sync_now(user_initiated=False)

    def stop(self) -> None:
        self._stopped = True
        self._sync_timer.stop()
        self._check_timer.stop()
        if self._sync_task is not None:
            self._runner.cancel(self._sync_task)

    def resume_after_login(self) -> None:
        """The teacher logged in again: sync at once."""
        self._set(needs_login=False, problem=None)
        self.sync_now(user_initiated=False)

    def sync_now(self, user_initiated: bool = True) -> None:
        if self._stopped or self._sync_task is not None:
            return
        if self.state.needs_login:
            self.session_expired.emit()
            return
        session = self._session
        first = not self.state.has_synced_once

        def run(context: TaskContext) -> object:
            if session.closed:  # logged out meanwhile
                return None
            engine = SyncEngine(session.cache, session.client())
            return engine.pull(progress=context.report_progress, cancelled=context.cancelled)

        label = self.tr("Downloading your school data…") if first else self.tr("Syncing…")
        context = self._runner.run_network(
            Task(
                run=run,
                on_success=lambda _report: self._synced(),
                on_failure=lambda exc: self._failed(exc, user_initiated),
                owner=self,
                progress_label=label,
                cancellable=True,
                changes=SYNC_CHANGES,
            )
        )
        self._sync_task = context.task_id
        self._set(syncing=True)

    # --- outcomes --------------------------------------------------------------

    def _synced(self) -> None:
        self._sync_task = None
        self._check_timer.stop()
        self._set(connection=Connection.ONLINE, syncing=False, problem=None)
        self.refresh_status()
        self.sync_finished.emit(True)

    def _failed(self, exc: Exception, user_initiated: bool) -> None:
        self._sync_task = None
        self._set(syncing=False)
        if isinstance(exc, sync_errors.ServerUnreachable):
            log.info("sync: server unreachable")
            self._go_offline()
        elif isinstance(exc, sync_errors.SessionExpired):
            log.info("sync: session expired; asking for the password again")
            self._set(connection=Connection.ONLINE, needs_login=True)
            self.session_expired.emit()
        elif isinstance(exc, sync_errors.UpdateRequired):
            self._sync_timer.stop()
            self._set(connection=Connection.ONLINE, problem=user_message(exc))
            self._reporter.report(exc)  # once: automatic syncs have stopped
        elif user_message(exc) is not None:
            log.warning("sync failed: %s", exc)
            self._set(problem=user_message(exc))
            if user_initiated:
                self._reporter.report(exc)
        else:
            self._set(problem=self._reporter.apology())
            if user_initiated or not self._bug_reported:
                self._bug_reported = True
                self._reporter.report(exc)  # logs the traceback
            else:
                log.error("sync failed again", exc_info=(type(exc), exc, exc.__traceback__))
        self.sync_finished.emit(False)

    def _go_offline(self) -> None:
        self._set(connection=Connection.OFFLINE)
        if not self._check_timer.isActive() and not self._stopped:
            self._check_timer.start()

    def _automatic_sync(self) -> None:
        if self.state.connection is not Connection.OFFLINE:
            self.sync_now(user_initiated=False)

    def _check_connection(self) -> None:
        """While offline: one small request; when it answers, sync."""
        if self._checking or self._sync_task is not None or self._stopped:
            return
        self._checking = True
        session = self._session
        self._runner.run_network(
            Task(
                run=lambda _context: session.client().info(),
                on_success=lambda _info: self._back_online(),
                on_failure=self._still_offline,
                owner=self,
            )
        )

    def _back_online(self) -> None:
        self._checking = False
        log.info("server reachable again")
        self._set(connection=Connection.ONLINE)
        self.sync_now(user_initiated=False)

    def _still_offline(self, exc: Exception) -> None:
        self._checking = False
        if not isinstance(exc, sync_errors.SyncError):
            self._reporter.report(exc)

    # --- state -----------------------------------------------------------------

    def refresh_status(self) -> None:
        """Read the last sync time and pending count from the cache."""
        session = self._session

        def read(_context: object) -> SyncStatus | None:
            if session.closed:
                return None
            with session.cache.connect() as conn:
                return _status(conn)

        self._runner.run_db(Task(run=read, on_success=self._status_read, owner=self))

    def _status_read(self, status: SyncStatus | None) -> None:
        if status is not None:
            self._set(
                last_sync_at=status.last_sync_at,
                has_synced_once=status.has_synced_once,
                pending_changes=status.pending_changes,
            )

    def _set(self, **changes: object) -> None:
        self.state = dataclasses.replace(self.state, **changes)  # type: ignore[arg-type]
        self.state_changed.emit(self.state)


def _status(conn: DbConnection) -> SyncStatus:
    return repositories.sync_status(conn)

"""The background sync worker's conductor: when to sync, and what the
status bar says about it.

Sync runs on the network worker (SyncEngine.sync(): push the outbox, pull
the feed, then the divergence check when it is due; each step commits in
local transactions that leave the cache whole). It starts:
- when the window opens (the first sync of a session also checks the whole
  copy against the server: verify_scope),
- DEBOUNCE_MS after the last local write (the runner's operation_did_execute
  with a change other than LOCAL_ONLY_CHANGES), so a roll call typed fast
  goes out as one push, shortly after the last key,
- every SYNC_INTERVAL_MS while online, and on "Sync now" (F5).

A retryable failure (server unreachable, server error) schedules the next
attempt after `next_retry_delay(attempt)` (5 s doubling to 10 min, with
jitter) and the status bar counts down to it; success resets the count and
"Sync now" tries at once. An expired login pauses syncing and asks for the
password; the refusal of this version (426) stops syncing and shows a calm
banner. Neither touches the outbox: the edits wait on this computer.

Being offline is a state, never an error dialog. Other problems are shown
to the teacher only when they pressed "Sync now"; automatic attempts note
them quietly (no dialog storm).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.error_messages import user_message
from desktop.error_reporter import ErrorReporter
from desktop.session import Session
from desktop.sync_state import Connection, SyncState
from desktop.task_runner import ProgressInfo, Task, TaskContext, TaskRunner
from local_db.repositories.sync_overview import (
    NoticeItem,
    SyncOverview,
    sync_overview,
    unseen_notice_items,
)
from local_db.sync import errors as sync_errors
from local_db.sync.engine import SyncEngine, SyncReport
from local_db.sync.retry import next_retry_delay

log = logging.getLogger(__name__)

#: Automatic sync while online.
SYNC_INTERVAL_MS = 3 * 60_000
#: Sync this long after the last local write.
DEBOUNCE_MS = 2_000

#: What a sync broadcasts when it changed the cache.
SYNC_CHANGES = frozenset({"sync"})
#: Local writes that need no sync: a toast was seen, a refused edit was
#: dismissed (both local bookkeeping only, nothing for the outbox).
NOTICE_SEEN_CHANGES = frozenset({"notice_seen"})
REJECTED_DISMISSED_CHANGES = frozenset({"rejected_dismissed"})
LOCAL_ONLY_CHANGES = SYNC_CHANGES | NOTICE_SEEN_CHANGES | REJECTED_DISMISSED_CHANGES

#: Makes the engine for one sync (network worker): (session, verify_scope).
EngineFactory = Callable[[Session, bool], SyncEngine]


def default_engine(session: Session, verify_scope: bool) -> SyncEngine:
    return SyncEngine(session.cache, session.client(), verify_scope=verify_scope)


@dataclass(frozen=True)
class SyncOptions:
    """The timings and seams of the controller (tests shorten and slow them)."""

    interval_ms: int = SYNC_INTERVAL_MS
    debounce_ms: int = DEBOUNCE_MS
    #: Seconds before automatic retry number `attempt` (0 = first retry).
    retry_delay: Callable[[int], float] = next_retry_delay
    engine_factory: EngineFactory = default_engine


@dataclass(frozen=True)
class _Finished:
    """What one sync brought back to the UI thread."""

    report: SyncReport | None
    overview: SyncOverview | None
    notices: tuple[NoticeItem, ...]


class SyncController(QObject):
    state_changed = Signal(object)  # SyncState
    #: The token was refused: the controller asks for the password again.
    session_expired = Signal()
    #: A sync attempt ended (successfully or not); tests wait on it.
    sync_finished = Signal(bool)
    #: Notices not shown yet arrived (tuple[NoticeItem, ...]): toast them.
    notices_arrived = Signal(object)
    #: The first download of this copy became slow enough to show (ProgressInfo),
    #: moved on (ProgressInfo), ended (task id).
    download_progress_started = Signal(object)
    download_progress_changed = Signal(object)
    download_progress_finished = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        session: Session,
        reporter: ErrorReporter,
        parent: QObject | None = None,
        *,
        options: SyncOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._session = session
        self._reporter = reporter
        self._options = options or SyncOptions()
        self.state = SyncState()
        self._sync_task: int | None = None
        self._first_download = False
        #: An edit came in while a sync ran: sync again after it.
        self._again = False
        self._stopped = False
        self._bug_reported = False
        #: The divergence check has run to the end in this session.
        self._verified = False
        self._attempt = 0
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(self._options.interval_ms)
        self._sync_timer.timeout.connect(self._automatic_sync)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self._options.debounce_ms)
        self._debounce.timeout.connect(self._after_local_edits)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry)
        runner.operation_did_execute.connect(self._on_data_changed)
        runner.progress_started.connect(self._progress_started)
        runner.progress_changed.connect(self._progress_changed)
        runner.progress_finished.connect(self._progress_finished)

    # --- control ---------------------------------------------------------------

    def start(self) -> None:
        """Show the stored sync state at once, then sync."""
        self.refresh_status()
        self._sync_timer.start()
        self.sync_now(user_initiated=False)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        for timer in (self._sync_timer, self._debounce, self._retry_timer):
            timer.stop()
        if self._sync_task is not None:
            self._runner.cancel(self._sync_task)
        # The runner outlives this controller (logging out and in again).
        runner = self._runner
        runner.operation_did_execute.disconnect(self._on_data_changed)
        runner.progress_started.disconnect(self._progress_started)
        runner.progress_changed.disconnect(self._progress_changed)
        runner.progress_finished.disconnect(self._progress_finished)

    def resume_after_login(self) -> None:
        """The teacher logged in again: sync at once."""
        self._set(needs_login=False, problem=None)
        self.sync_now(user_initiated=False)

    def cancel_sync(self) -> None:
        """Stop the running sync at its next safe point (between pages)."""
        if self._sync_task is not None:
            self._runner.cancel(self._sync_task)

    def sync_now(self, user_initiated: bool = True) -> None:
        if self._stopped:
            return
        if self._sync_task is not None:
            self._again = True  # the running sync may have missed the latest edit
            return
        if self.state.needs_login:
            self.session_expired.emit()
            return
        if self.state.update_required and not user_initiated:
            return
        self._retry_timer.stop()
        self._debounce.stop()
        self._again = False
        session, options = self._session, self._options
        verify = not self._verified
        first = not self.state.has_synced_once

        def run(context: TaskContext) -> _Finished:
            if session.closed:  # logged out meanwhile
                return _Finished(None, None, ())
            engine = options.engine_factory(session, verify)
            report = engine.sync(progress=context.report_progress, cancelled=context.cancelled)
            # Read what the screens show in the same task, so the status bar
            # and the toasts change together with the data.
            with session.cache.connect() as conn:
                overview = sync_overview(conn, session.person_id)
                notices = unseen_notice_items(conn, session.person_id)
            return _Finished(report, overview, notices)

        label = self.tr("Downloading your school data…") if first else self.tr("Syncing…")
        context = self._runner.run_network(
            Task(
                run=run,
                on_success=self._synced,
                on_failure=lambda exc: self._failed(exc, user_initiated),
                owner=self,
                progress_label=label,
                cancellable=True,
                changes=SYNC_CHANGES,
            )
        )
        self._sync_task = context.task_id
        self._first_download = first
        self._set(syncing=True, cancelled=False, retry_at=None)

    # --- outcomes --------------------------------------------------------------

    def _synced(self, finished: _Finished) -> None:
        self._sync_task = None
        report = finished.report
        if report is None:  # the session closed while the sync waited
            self._set(syncing=False)
            return
        if report.verified:
            self._verified = True
        self._attempt = 0
        self._set(
            connection=Connection.ONLINE,
            syncing=False,
            problem=None,
            update_required=False,
            cancelled=report.cancelled,
        )
        if finished.overview is not None:
            self._show_overview(finished.overview)
        if finished.notices:
            self.notices_arrived.emit(finished.notices)
        self.sync_finished.emit(True)
        if self._again and not self._stopped:
            self._debounce.start()

    def _failed(self, exc: Exception, user_initiated: bool) -> None:
        self._sync_task = None
        self._set(syncing=False)
        if isinstance(exc, sync_errors.ServerUnreachable):
            log.info("sync: server unreachable")
            self._set(connection=Connection.OFFLINE)
            self._schedule_retry()
        elif isinstance(exc, sync_errors.ServerError):
            log.warning("sync: server error %s", exc.status)
            self._set(connection=Connection.ONLINE, problem=user_message(exc))
            self._schedule_retry()
            if user_initiated:
                self._reporter.report(exc)
        elif isinstance(exc, sync_errors.SessionExpired):
            log.info("sync: session expired; asking for the password again")
            self._set(connection=Connection.ONLINE, needs_login=True)
            self.session_expired.emit()
        elif isinstance(exc, sync_errors.UpdateRequired):
            # A calm, lasting banner says it (main window); no dialog, no retries.
            log.warning("sync: this version is too old for the server")
            self._set(connection=Connection.ONLINE, update_required=True, problem=None)
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
        self.refresh_status()
        self.sync_finished.emit(False)

    def _schedule_retry(self) -> None:
        if self._stopped:
            return
        delay_s = max(0.0, float(self._options.retry_delay(self._attempt)))
        self._attempt += 1
        self._retry_timer.start(int(delay_s * 1000))
        self._set(retry_at=time.monotonic() + delay_s)
        log.info("sync: next try in %.1f s (attempt %d)", delay_s, self._attempt)

    def _retry(self) -> None:
        self._set(retry_at=None)
        self.sync_now(user_initiated=False)

    def _automatic_sync(self) -> None:
        # While a retry is scheduled the backoff decides; a login or an update
        # must come first.
        if not (
            self._retry_timer.isActive()
            or self.state.needs_login
            or self.state.update_required
            or self.state.connection is Connection.OFFLINE
        ):
            self.sync_now(user_initiated=False)

    # --- local edits -----------------------------------------------------------

    def _on_data_changed(self, changes: object) -> None:
        names = changes if isinstance(changes, frozenset) else frozenset()
        if self._stopped or names <= SYNC_CHANGES:
            return  # a sync brings its own figures back (_synced)
        self.refresh_status()  # the pending count follows every edit at once
        if names - LOCAL_ONLY_CHANGES:
            self.sync_soon()

    def sync_soon(self) -> None:
        """Sync after DEBOUNCE_MS without further local writes."""
        if self._stopped:
            return
        if self._sync_task is not None:
            self._again = True
            return
        self._debounce.start()

    def _after_local_edits(self) -> None:
        # Offline or after a server error the scheduled retry carries the
        # edits (an attempt now could hang on a dead network for seconds).
        if self._retry_timer.isActive():
            return
        self._automatic_sync()

    # --- progress of the first download -----------------------------------------

    def _progress_started(self, info: ProgressInfo) -> None:
        if info.task_id == self._sync_task and self._first_download:
            self.download_progress_started.emit(info)

    def _progress_changed(self, info: ProgressInfo) -> None:
        if info.task_id == self._sync_task and self._first_download:
            self.download_progress_changed.emit(info)

    def _progress_finished(self, task_id: int) -> None:
        # The sync task may already be forgotten here: pass every end on.
        self.download_progress_finished.emit(task_id)

    # --- state -----------------------------------------------------------------

    def refresh_status(self) -> None:
        """Read the figures of the status bar from the cache (DB worker)."""
        session = self._session

        def read(_context: object) -> SyncOverview | None:
            if session.closed:
                return None
            with session.cache.connect() as conn:
                return sync_overview(conn, session.person_id)

        self._runner.run_db(Task(run=read, on_success=self._status_read, owner=self))

    def _status_read(self, overview: SyncOverview | None) -> None:
        if overview is not None:
            self._show_overview(overview)

    def _show_overview(self, overview: SyncOverview) -> None:
        status = overview.status
        self._set(
            last_sync_at=status.last_sync_at,
            has_synced_once=status.has_synced_once,
            pending_changes=status.pending_changes,
            rejected_changes=status.rejected_changes,
            open_conflicts=overview.conflicts_to_decide,
            open_notices=overview.open_notices,
            clock_warning=status.clock_warning,
        )

    def _set(self, **changes: object) -> None:
        self.state = dataclasses.replace(self.state, **changes)  # type: ignore[arg-type]
        self.state_changed.emit(self.state)

"""Keeps work off the UI thread.

Two executors, after Anki's TaskManager: one serial *database* worker (so
writes happen in the order the teacher made them) and one *network* worker
(sync, login, HTTP; a slow server never delays a page reading the cache).
A task's function runs on its worker; its result or exception comes back to
the UI thread through a queued signal, and only then are callbacks called.

Results are plain frozen values (local_db.views); a callback whose owner
widget has been destroyed meanwhile is skipped rather than crashing.

Long tasks with a progress label show progress only after PROGRESS_DELAY_MS,
so quick work never flickers, and can be cancelled at the task's own safe
points (`TaskContext.cancelled()`).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Progress appears only for work that takes longer than this.
PROGRESS_DELAY_MS = 500


class TaskContext:
    """What a running task may use to report progress and notice cancelling."""

    def __init__(self, runner: TaskRunner, task_id: int) -> None:
        self._runner = runner
        self._task_id = task_id
        self._cancel = threading.Event()

    @property
    def task_id(self) -> int:
        return self._task_id

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report_progress(self, done: int, total: int | None) -> None:
        # Called on the worker thread: the signal is queued to the UI thread.
        self._runner._progress_reported.emit(self._task_id, done, total)


@dataclass
class Task(Generic[T]):
    """One piece of work and what to do with its outcome (on the UI thread)."""

    run: Callable[[TaskContext], T]
    on_success: Callable[[T], None] | None = None
    #: None: the runner's error handler shows the error (see ErrorReporter).
    on_failure: Callable[[Exception], None] | None = None
    #: Callbacks are skipped when this object has been destroyed meanwhile.
    owner: QObject | None = None
    #: Shown (after PROGRESS_DELAY_MS) while the task runs; None = no progress.
    progress_label: str | None = None
    cancellable: bool = False
    #: Set when the task changed local data: broadcast after success so every
    #: page can decide whether to refresh (Anki's operation_did_execute).
    changes: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ProgressInfo:
    task_id: int
    label: str
    cancellable: bool
    done: int = 0
    total: int | None = None


class TaskRunner(QObject):
    """The two workers, and the signals pages listen to."""

    #: Local data changed (a frozenset of change names, e.g. {"sync"}).
    operation_did_execute = Signal(object)
    #: A long task became visible / moved on / ended (ProgressInfo; task id).
    progress_started = Signal(object)
    progress_changed = Signal(object)
    progress_finished = Signal(int)

    _finished = Signal(int, object, object)  # task id, result, exception
    _progress_reported = Signal(int, int, object)

    def __init__(
        self,
        error_handler: Callable[[Exception], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._error_handler = error_handler
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="klassbok-db")
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="klassbok-net")
        self._ids = itertools.count(1)
        self._running: dict[int, tuple[Task[Any], TaskContext, QTimer | None]] = {}
        self._worker_of: dict[int, str] = {}
        self._visible_progress: dict[int, ProgressInfo] = {}
        # The latest (done, total) of tasks whose progress is not shown yet:
        # when it appears after PROGRESS_DELAY_MS it starts from there, not
        # from "Starting…" until the next report.
        self._last_progress: dict[int, tuple[int, int | None]] = {}
        self._shut_down = False
        self._finished.connect(self._on_finished)
        self._progress_reported.connect(self._on_progress_reported)

    # --- submitting ------------------------------------------------------------

    def run_db(self, task: Task[T]) -> TaskContext:
        """Run on the serial database worker (reads and writes of the cache)."""
        return self._submit(self._db, task, "db")

    def run_network(self, task: Task[T]) -> TaskContext:
        """Run on the network worker (sync, login, anything over HTTP)."""
        return self._submit(self._net, task, "network")

    def _submit(self, executor: ThreadPoolExecutor, task: Task[T], worker: str) -> TaskContext:
        task_id = next(self._ids)
        context = TaskContext(self, task_id)
        if self._shut_down:
            context.cancel()
            return context
        timer: QTimer | None = None
        if task.progress_label is not None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._show_progress(task_id))
            timer.start(PROGRESS_DELAY_MS)
        self._running[task_id] = (task, context, timer)
        self._worker_of[task_id] = worker
        future = executor.submit(task.run, context)
        future.add_done_callback(lambda done: self._report(task_id, done))
        return context

    def _report(self, task_id: int, future: Future[Any]) -> None:
        # Worker thread: hand the outcome to the UI thread, touch nothing else.
        # An unexpected exception is not swallowed: it travels to on_failure
        # or the error handler, which logs it with its traceback.
        try:
            result = future.result()
        except Exception as exc:
            self._finished.emit(task_id, None, exc)
        else:
            self._finished.emit(task_id, result, None)

    # --- outcomes (UI thread) --------------------------------------------------

    @Slot(int, object, object)
    def _on_finished(self, task_id: int, result: object, error: object) -> None:
        entry = self._running.pop(task_id, None)
        self._worker_of.pop(task_id, None)
        if entry is None:
            return
        task, _context, timer = entry
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        self._last_progress.pop(task_id, None)
        if self._visible_progress.pop(task_id, None) is not None:
            self.progress_finished.emit(task_id)
        if error is None and task.changes:
            self.operation_did_execute.emit(task.changes)
        if task.owner is not None and not shiboken6.isValid(task.owner):
            if isinstance(error, Exception):
                self._error_handler(error)  # still logged and shown
            return
        if isinstance(error, Exception):
            if task.on_failure is not None:
                task.on_failure(error)
            else:
                self._error_handler(error)
        elif task.on_success is not None:
            task.on_success(result)

    def _show_progress(self, task_id: int) -> None:
        entry = self._running.get(task_id)
        if entry is None or entry[0].progress_label is None:
            return
        done, total = self._last_progress.pop(task_id, (0, None))
        info = ProgressInfo(task_id, entry[0].progress_label, entry[0].cancellable, done, total)
        self._visible_progress[task_id] = info
        self.progress_started.emit(info)

    @Slot(int, int, object)
    def _on_progress_reported(self, task_id: int, done: int, total: object) -> None:
        info = self._visible_progress.get(task_id)
        if info is None:
            if task_id in self._running:
                self._last_progress[task_id] = (done, total if isinstance(total, int) else None)
            return
        info = ProgressInfo(
            task_id, info.label, info.cancellable, done, total if isinstance(total, int) else None
        )
        self._visible_progress[task_id] = info
        self.progress_changed.emit(info)

    def cancel(self, task_id: int) -> None:
        """Ask a task to stop at its next safe point."""
        entry = self._running.get(task_id)
        if entry is not None:
            entry[1].cancel()

    def busy(self) -> bool:
        return bool(self._running)

    def pending(self, worker: str) -> int:
        """Tasks of one worker ("db" or "network") not yet handed back to the UI."""
        return sum(1 for name in self._worker_of.values() if name == worker)

    def shutdown(self) -> None:
        """Cancel what can be cancelled and wait for the workers to finish.

        Waiting (rather than abandoning threads) lets a write in progress
        commit: closing the app never loses a teacher's work.
        """
        self._shut_down = True
        for _task, context, _timer in self._running.values():
            context.cancel()
        self._net.shutdown(wait=True, cancel_futures=False)
        self._db.shutdown(wait=True, cancel_futures=False)
        # Outcomes the workers posted after the UI stopped listening: drop
        # them, or Qt delivers them to this object after it is gone (a crash
        # seen when a runner is shut down with a result still queued).
        QCoreApplication.removePostedEvents(self)
        log.debug("task runner stopped")

"""The workers: results come back on the UI thread, writes keep their order,
progress appears only for slow work, cancelling works at safe points, and
no error is ever swallowed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.error_reporter import ErrorReporter
from desktop.task_runner import Task, TaskContext, TaskRunner
from local_db.sync.errors import ServerUnreachable, TooManyAttempts


@pytest.fixture
def errors() -> list[Exception]:
    return []


@pytest.fixture
def runner(errors: list[Exception]) -> Iterator[TaskRunner]:
    runner = TaskRunner(errors.append)
    yield runner
    runner.shutdown()


def test_results_arrive_on_the_ui_thread_in_submission_order(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    ui_thread = QThread.currentThread()
    worker_threads: set[str] = set()
    results: list[int] = []
    on_ui: list[bool] = []

    def work(n: int) -> Task[int]:
        def run(_c: TaskContext) -> int:
            worker_threads.add(threading.current_thread().name)
            return n

        def done(value: int) -> None:
            on_ui.append(QThread.currentThread() is ui_thread)
            results.append(value)

        return Task(run=run, on_success=done)

    for n in range(20):
        runner.run_db(work(n))
    qtbot.waitUntil(lambda: len(results) == 20)
    assert results == list(range(20))  # serial worker: writes stay in order
    assert all(on_ui)
    assert len(worker_threads) == 1
    assert next(iter(worker_threads)).startswith("klassbok-db")


def test_network_work_does_not_wait_for_the_database_worker(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    release = threading.Event()
    done: list[str] = []
    runner.run_db(Task(run=lambda _c: release.wait(10), on_success=lambda _r: done.append("db")))
    runner.run_network(Task(run=lambda _c: "net", on_success=done.append))
    qtbot.waitUntil(lambda: done == ["net"])
    release.set()
    qtbot.waitUntil(lambda: done == ["net", "db"])


def test_broadcast_after_a_change_lets_pages_refresh(qtbot: QtBot, runner: TaskRunner) -> None:
    with qtbot.waitSignal(runner.operation_did_execute) as blocker:
        runner.run_db(Task(run=lambda _c: None, changes=frozenset({"sync"})))
    assert blocker.args == [frozenset({"sync"})]


def test_quick_work_shows_no_progress(qtbot: QtBot, runner: TaskRunner) -> None:
    shown: list[object] = []
    runner.progress_started.connect(shown.append)
    done: list[object] = []
    runner.run_network(Task(run=lambda _c: 1, on_success=done.append, progress_label="Quick"))
    qtbot.waitUntil(lambda: done == [1])
    # Past the progress delay, still nothing may flash up.
    with qtbot.assertNotEmitted(runner.progress_started, wait=700):
        pass
    assert shown == []


def test_slow_work_shows_progress_and_can_be_cancelled_at_a_safe_point(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    steps: list[int] = []

    def slow(context: TaskContext) -> str:
        for step in range(1000):
            if context.cancelled():  # the safe point
                return "cancelled"
            steps.append(step)
            context.report_progress(step, 1000)
            threading.Event().wait(0.01)
        return "finished"

    results: list[str] = []
    with qtbot.waitSignal(runner.progress_started, timeout=5000) as started:
        runner.run_network(
            Task(run=slow, on_success=results.append, progress_label="Slow", cancellable=True)
        )
    info = started.args[0]
    assert info.label == "Slow"
    assert info.cancellable
    with qtbot.waitSignal(runner.progress_finished, timeout=5000):
        runner.cancel(info.task_id)
    qtbot.waitUntil(lambda: results == ["cancelled"])
    assert 0 < len(steps) < 1000


def test_progress_appears_with_what_was_reported_before_it_showed(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """A first download reports its first page at once; when the indicator
    appears half a second later it must say so, not "Starting…"."""
    release = threading.Event()

    def one_page_then_wait(context: TaskContext) -> None:
        context.report_progress(2000, None)
        release.wait(10)

    with qtbot.waitSignal(runner.progress_started, timeout=5000) as started:
        runner.run_network(Task(run=one_page_then_wait, progress_label="Downloading"))
    release.set()
    assert (started.args[0].done, started.args[0].total) == (2000, None)


def test_errors_reach_the_failure_callback_or_the_error_handler(
    qtbot: QtBot, runner: TaskRunner, errors: list[Exception]
) -> None:
    failures: list[Exception] = []

    def offline(_c: TaskContext) -> None:
        raise ServerUnreachable("http://x")

    def bug(_c: TaskContext) -> None:
        raise KeyError("a bug")

    runner.run_network(Task(run=offline, on_failure=failures.append))
    runner.run_db(Task(run=bug))
    qtbot.waitUntil(lambda: len(failures) == 1 and len(errors) == 1)
    assert isinstance(failures[0], ServerUnreachable)
    assert isinstance(errors[0], KeyError)
    assert errors[0].__traceback__ is not None  # kept for the log


def test_a_destroyed_owner_gets_no_callback(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QWidget()
    release = threading.Event()
    called: list[object] = []
    runner.run_db(Task(run=lambda _c: release.wait(10), on_success=called.append, owner=owner))
    owner.deleteLater()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not _alive(owner))
    finished: list[object] = []
    runner.run_db(Task(run=lambda _c: None, on_success=finished.append))
    release.set()
    qtbot.waitUntil(lambda: finished == [None])
    assert called == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_reporter_turns_errors_into_messages_and_logs_bugs(tmp_path: Path) -> None:
    import logging

    log_path = tmp_path / "klassbok.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    try:
        reporter = ErrorReporter(log_path)
        reporter.dialogs_enabled = False
        shown: list[tuple[str, str]] = []
        reporter.message_shown.connect(lambda title, text: shown.append((title, text)))

        reporter.report(ServerUnreachable("http://x"))  # a state, not a message
        assert shown == []
        reporter.report(TooManyAttempts(retry_after_s=120))
        assert "Wait 2 minute" in shown[-1][1]
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError as exc:
            reporter.report(exc)
        assert shown[-1][0] == "Something went wrong"
        assert str(log_path) in shown[-1][1]
        handler.flush()
        logged = log_path.read_text("utf-8")
        assert "Traceback" in logged
        assert "ZeroDivisionError: boom" in logged
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()

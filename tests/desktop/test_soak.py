"""A teacher's day compressed: the real main window, logged in against the
real server, driven round after round through every page, a roll-call mark
(saved, synced) and a repaint of every table shown. The process must stay
up, and neither its memory nor the reference counts of None, True and
False may drift.

PySide6 6.12.0 on Python 3.11 took about 585 references from None a round
here (and True lost one at every signal emitted), which kills the process
after a couple of hundred rounds (issue 17). CI runs a
short soak; KLASSBOK_SOAK_ROUNDS=3000 runs a long one (dev.py lock runs 400)
and prints its figures.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from local_db.attendance.views import ABSENT, PRESENT
from tests.desktop.conftest import ControllerFactory, Reported
from tests.desktop.desktop_school import DesktopSchool
from tests.desktop.helpers import TIMEOUT_MS, binding_versions, log_in, wait_synced
from tests.support.server_process import ServerProcess

ROUNDS = int(os.environ.get("KLASSBOK_SOAK_ROUNDS", "40"))
WARM_UP_ROUNDS = 5
#: Each count may move by this much, plus NONE_DRIFT_PER_ROUND a round; a
#: dropping binding moves it by hundreds a round (6.12.0: 585), and one
#: leaking a reference a call by more. With 6.11.3 None's count climbs
#: steadily by about 20 a round at the commit that added this test (2b6afeb,
#: measured again on 2026-12-07) and by 24 with today's eight pages, memory
#: flat: 20 was the allowance's edge, and dev.py lock's 400 rounds failed on
#: it. 40 keeps a margin over that steady climb and far below a binding fault.
NONE_DRIFT = 500
NONE_DRIFT_PER_ROUND = 40
#: Memory the app may gain after warm-up: caches, the log, Qt's pixmap cache.
RSS_GROWTH_MB = 40 + ROUNDS * 0.01


@dataclass
class Sample:
    round: int
    seconds: float
    counts: dict[str, int]  # None's, True's and False's
    rss_mb: float


def rss_mb() -> float:
    """The process's resident memory now (Linux), or its peak elsewhere."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    import resource  # not on Windows, where /proc is missing too

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


class Day:
    """Drives the window as a teacher would, round by round."""

    def __init__(self, qtbot: QtBot, window: MainWindow, lesson: object) -> None:
        self.qtbot = qtbot
        self.window = window
        self.roll_call = window.attendance_page.roll_call
        with qtbot.waitSignal(self.roll_call.loaded, timeout=TIMEOUT_MS):
            window.open_roll_call(lesson)  # type: ignore[arg-type]
        self.pupils = self.roll_call.model.rowCount()
        assert self.pupils > 0
        self.repaints = 0

    def round(self, number: int) -> None:
        for row in range(len(self.window.pages)):
            self.window.nav.setCurrentRow(row)
            QCoreApplication.processEvents()
            self.repaint_tables()
        self.window.show_page(self.window.attendance_page)
        self.roll_call.select_row(number % self.pupils)
        self.roll_call.apply_state(ABSENT if number % 2 else PRESENT)
        self.settle()

    def settle(self) -> None:
        """Until every read and write queued is done and shown. Not
        qtbot.waitUntil: each of its 10 ms waits keeps a little of
        pytest-qt's (about 10 of None's references a round), which would
        hide the app's own figures."""
        runner = self.window.services.runner
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while runner.pending("db") and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)
        assert runner.pending("db") == 0, "the database worker did not finish in time"

    def repaint_tables(self) -> None:
        page = self.window.stack.currentWidget()
        for view in page.findChildren(QAbstractItemView):
            if view.isVisible():
                view.viewport().repaint()
                self.repaints += 1


def sample(number: int, started: float) -> Sample:
    gc.collect()
    counts = {str(value): sys.getrefcount(value) for value in (None, True, False)}
    return Sample(number, time.monotonic() - started, counts, rss_mb())


def drifts(first: Sample, later: Sample) -> dict[str, int]:
    return {name: later.counts[name] - count for name, count in first.counts.items()}


def test_a_day_of_page_switches_marks_and_repaints_keeps_the_app_level(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    reporter: tuple[object, Reported],
) -> None:
    controller = make_controller()
    window = log_in(qtbot, controller, server.url, "anna", desktop_school.passwords["anna"])
    day = Day(qtbot, window, desktop_school["lesson:ma7a:1"])
    for number in range(WARM_UP_ROUNDS):
        day.round(number)
    started = time.monotonic()
    first = sample(0, started)
    samples = [first]
    every = max(1, min(ROUNDS // 10, 20))
    for number in range(1, ROUNDS + 1):
        day.round(number)
        if number % every == 0 or number == ROUNDS:
            samples.append(sample(number, started))
            # Stop before a dropping binding empties one and kills the run.
            fell = {
                name: drift
                for name, drift in drifts(first, samples[-1]).items()
                if drift < -(NONE_DRIFT + NONE_DRIFT_PER_ROUND * number)
            }
            assert not fell, (
                f"{binding_versions()}: reference counts fell by {fell} in {number} rounds; "
                "this binding drops references (tests/desktop/test_binding_canary.py)"
            )
    wait_synced(qtbot, controller)
    last = samples[-1]
    print(f"\nsoak: {ROUNDS} rounds on {binding_versions()}")
    print(f"{'round':>6} {'seconds':>8} {'None':>8} {'True':>7} {'False':>7} {'RSS MB':>7}")
    for s in samples:
        none, true, false = s.counts["None"], s.counts["True"], s.counts["False"]
        print(f"{s.round:>6} {s.seconds:>8.1f} {none:>8} {true:>7} {false:>7} {s.rss_mb:>7.1f}")
    print(
        f"{ROUNDS * len(window.pages)} page switches, {ROUNDS} marks, "
        f"{day.repaints} table repaints in {last.seconds:.1f} s"
    )
    assert reporter[1].messages == []
    moved = {
        name: drift
        for name, drift in drifts(first, last).items()
        if abs(drift) >= NONE_DRIFT + NONE_DRIFT_PER_ROUND * ROUNDS
    }
    assert not moved, f"{binding_versions()}: reference counts moved by {moved} in {ROUNDS} rounds"
    growth = last.rss_mb - first.rss_mb
    assert growth < RSS_GROWTH_MB, (
        f"RSS grew by {growth:.1f} MB in {ROUNDS} rounds ({binding_versions()})"
    )

"""The cycle collector runs on the GUI thread only (desktop.main_thread_gc)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.main_thread_gc import MainThreadGarbageCollector


class _Cycle:
    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_garbage_made_on_a_worker_is_freed_on_the_gui_thread(
    qapp: QApplication, qtbot: QtBot
) -> None:
    # The fixture of conftest installed one; a second must not disturb it.
    assert not gc.isenabled()
    freed_on: list[str] = []

    def make_garbage() -> None:
        for _ in range(20_000):
            _Cycle(freed_on)  # each a cycle: only the collector frees it

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert freed_on == []  # nothing collected on the worker
    qtbot.waitUntil(lambda: len(freed_on) > 0, timeout=5000)
    assert set(freed_on) == {threading.main_thread().name}


def test_uninstall_gives_python_its_collector_back(qapp: QApplication) -> None:
    gc.enable()
    owner = QObject()
    collector = MainThreadGarbageCollector(owner)
    assert not gc.isenabled()
    collector.uninstall()
    assert gc.isenabled()
    gc.disable()  # as the conftest fixture left it


def test_what_start_up_made_is_frozen_and_later_garbage_still_collected(
    qapp: QApplication, qtbot: QtBot
) -> None:
    """After start-up the long-lived objects leave the collector's walks (a
    full collection then costs next to nothing on the GUI thread); cycles
    made afterwards are still freed, on the GUI thread."""
    owner = QObject()
    collector = MainThreadGarbageCollector(owner)
    try:
        frozen = collector.freeze_long_lived()
        assert frozen > 1000, "the modules and classes alive now are frozen"
        freed_on: list[str] = []
        for _ in range(20_000):
            _Cycle(freed_on)
        qtbot.waitUntil(lambda: len(freed_on) > 0, timeout=5000)
        assert set(freed_on) == {threading.main_thread().name}
    finally:
        collector.uninstall()
        gc.disable()  # as the conftest fixture left it
    assert gc.get_freeze_count() == 0, "uninstall gives the objects back to the collector"

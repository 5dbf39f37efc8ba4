"""A canary for the Qt binding: the calls the app makes thousands of times a
day must leave reference counts as they found them.

PySide6 6.12.0 on Python 3.11 drops None's count by one on every Qt call
that returns nothing; when it reaches zero the process dies ("Fatal Python
error: none_dealloc"), in the app after about 2,000 page switches (issue 17).
A binding bug costs one reference a call, so over a few thousand calls it
stands out from the handful that Python's own caches move. Each check runs
a kind of call the app relies on: void calls, a model's data() answering
None through Qt's C++ side, Python objects kept in and read from a model,
signals with arguments.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable

import PySide6
import pytest
import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEventLoop,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tests.desktop.helpers import binding_versions

CALLS = 3000
#: Python's own caches and the event loop move a few references; a binding
#: bug moves one a call.
NOISE = CALLS // 20

#: The objects every call may touch: Python deletes None, True or False
#: when their counts reach zero, and dies ("none_dealloc", "bool_dealloc").
SINGLETONS: dict[str, object] = {"None": None, "True": True, "False": False}
#: References a dropping binding took from them, given back so that the
#: rest of this run is not killed before it can report.
_repaid: list[object] = []

AnyIndex = QModelIndex | QPersistentModelIndex


def count_changes(
    call: Callable[[], object], watched: dict[str, object], times: int = CALLS
) -> dict[str, int]:
    """How far `call`, made `times` times, moves the counts of the singletons
    and of `watched`, by name."""
    call()  # first calls fill Qt's and Python's caches
    gc.collect()
    everything = {**SINGLETONS, **watched}
    before = {name: sys.getrefcount(value) for name, value in everything.items()}
    for _ in range(times):
        call()
    gc.collect()
    changes = {name: sys.getrefcount(value) - before[name] for name, value in everything.items()}
    for name, value in SINGLETONS.items():
        _repaid.extend([value] * max(0, -changes[name]))
    return changes


def assert_level(
    what: str, call: Callable[[], object], *, times: int = CALLS, **watched: object
) -> None:
    changes = count_changes(call, watched, times)
    moved = {name: change for name, change in changes.items() if abs(change) > NOISE}
    assert not moved, verdict(moved, what)


def verdict(moved: dict[str, int], what: str) -> str:
    counts = ", ".join(f"{name} by {change:+d}" for name, change in moved.items())
    dropped = any(change < 0 for change in moved.values())
    effect = "drops references (the app crashes)" if dropped else "leaks (the app grows)"
    return (
        f"{binding_versions()}: {CALLS} calls of {what} moved the reference count of "
        f"{counts} (0 expected): this binding {effect}. Exclude the release in "
        "pyproject.toml and dev.py's KNOWN_BAD_BINDINGS (docs/dependencies.md)."
    )


class NoneAnsweringModel(QAbstractTableModel):
    """A table whose cells have text but nothing for any other role."""

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else 3

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return "Alva"
        return None


class Emitter(QObject):
    with_object = Signal(object)
    with_text_and_number = Signal(str, int)


class Receiver(QObject):
    """Lives on the GUI thread: a signal from another thread is queued to it,
    as the task runner's results are."""

    def __init__(self) -> None:
        super().__init__()
        self.received = 0

    @Slot(object)
    def take(self, _value: object) -> None:
        self.received += 1


@pytest.fixture
def widget(qtbot: QtBot) -> QWidget:
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.resize(200, 100)
    shown.show()
    return shown


def test_pyside6_and_shiboken6_are_one_release(qapp: QApplication) -> None:
    """They are released together; a mix is a broken install, and the
    reference counting lives in shiboken6."""
    assert PySide6.__version__ == shiboken6.__version__, binding_versions()


@pytest.mark.parametrize(
    "name",
    ["QWidget.update", "QWidget.repaint", "QWidget.setUpdatesEnabled", "processEvents"],
)
def test_void_calls_leave_the_counts_alone(widget: QWidget, name: str) -> None:
    calls: dict[str, Callable[[], object]] = {
        "QWidget.update": widget.update,
        "QWidget.repaint": widget.repaint,
        "QWidget.setUpdatesEnabled": lambda: widget.setUpdatesEnabled(True),
        "processEvents": QCoreApplication.processEvents,
    }
    assert_level(name + "()", calls[name])


@pytest.mark.parametrize("name", ["QWidget.isVisible", "QWidget.isHidden"])
def test_calls_answering_true_or_false_leave_the_counts_alone(widget: QWidget, name: str) -> None:
    calls = {"QWidget.isVisible": widget.isVisible, "QWidget.isHidden": widget.isHidden}
    assert_level(name + "()", calls[name])


def test_a_python_models_none_through_qt_leaves_the_counts_alone(qapp: QApplication) -> None:
    """The proxy asks the Python model in C++; None becomes an empty QVariant
    and comes back to Python as None: the path of every table's tooltips,
    colours and fonts."""
    model = NoneAnsweringModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(1, 1)
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert_level("QSortFilterProxyModel.data() of None", lambda: proxy.data(index, tooltip))
    text = model.data(model.index(0, 0))
    assert_level("QSortFilterProxyModel.data() of text", lambda: proxy.data(index), text=text)


def test_a_table_view_painting_a_python_model_leaves_the_counts_alone(qtbot: QtBot) -> None:
    """Painting asks data() for every role of every cell, from C++."""
    model = NoneAnsweringModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    assert_level("QTableView repaint", view.viewport().repaint)


def test_objects_kept_in_a_model_keep_their_count(qapp: QApplication) -> None:
    model = QStandardItemModel()
    item = QStandardItem("Alva")
    kept = object()
    item.setData(kept, Qt.ItemDataRole.UserRole)
    model.appendRow(item)
    index = model.index(0, 0)
    user = Qt.ItemDataRole.UserRole
    assert_level("QModelIndex.data() of an object", lambda: index.data(user), kept=kept)
    unset = Qt.ItemDataRole.UserRole + 7
    assert_level("QStandardItemModel.data() of None", lambda: model.data(index, unset))


def test_signals_with_arguments_keep_the_counts(qapp: QApplication) -> None:
    emitter = Emitter()
    received: list[object] = []
    emitter.with_object.connect(lambda value: received.append(value) or received.clear())
    emitter.with_text_and_number.connect(lambda text, number: None)
    sent = object()
    assert_level("Signal(object).emit", lambda: emitter.with_object.emit(sent), sent=sent)
    assert_level("Signal(object).emit(None)", lambda: emitter.with_object.emit(None))
    text = "7A"
    emit_text = lambda: emitter.with_text_and_number.emit(text, 3)  # noqa: E731
    assert_level("Signal(str, int).emit", emit_text, text=text)


def test_signals_queued_from_a_worker_thread_keep_the_counts(qapp: QApplication) -> None:
    """The task runner hands every result from its worker threads to the GUI
    thread this way: the binding keeps the argument alive while it waits in
    Qt's queue, then lets it go. One call here is CALLS emits from a thread
    and their delivery."""
    emitter = Emitter()
    receiver = Receiver()
    emitter.with_object.connect(receiver.take)
    sent = object()

    def queue_and_deliver() -> None:
        expected = receiver.received + CALLS
        worker = threading.Thread(
            target=lambda: [emitter.with_object.emit(sent) for _ in range(CALLS)]
        )
        worker.start()
        worker.join()
        # A bounded number of waits: on a dropping binding each
        # processEvents() call itself costs None a reference.
        for _ in range(300):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if receiver.received >= expected:
                break
            time.sleep(0.01)
        assert receiver.received == expected, "queued signals were not delivered"

    assert_level("a queued Signal(object).emit", queue_and_deliver, times=1, sent=sent)

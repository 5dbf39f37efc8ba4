"""Python's cycle collector runs on the GUI thread only.

The collector runs on whichever thread happens to allocate when a
generation fills up: often a database or sync worker. If the garbage it
finds holds a Qt object (a widget in a reference cycle with its Python
wrapper, say), Qt deletes that object on the worker thread, and Qt crashes
(CI saw it: "Segmentation fault ... Garbage-collecting" on a page's database
thread). So the automatic collector is off while the app runs, and a timer
on the GUI thread collects whenever the counts say a collection is due: the
same thresholds, the same generations, only always on the right thread.
(Calibre and Anki do the same.) Reference counting, which frees almost
everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
CHECK_INTERVAL_MS = 500
#: When run_app freezes what start-up made (freeze_long_lived): the window
#: is up and the first page loaded by then.
FREEZE_AFTER_MS = 3000


class MainThreadGarbageCollector(QObject):
    """Install once, on the GUI thread, for as long as the app runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold;
        returns the generation collected, or -1."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return generation
        return -1

    def freeze_long_lived(self) -> int:
        """Collect once, then move every object alive now (modules, classes,
        the window) out of the collector's reach; returns how many.

        A full collection, due about every 10th young one, walks every
        tracked object on the GUI thread: 39 ms for the demo's 121,679 after
        start-up on the dev machine, 0.0 ms once they are frozen. Called
        explicitly, gc.collect(2) skips CPython's own rule that a full
        collection waits until enough long-lived objects are new. Frozen
        objects are still freed by reference counting; only cycles among
        them that become garbage later stay (the start-up's are collected
        first)."""
        gc.collect()
        gc.freeze()
        return gc.get_freeze_count()

    def uninstall(self) -> None:
        """Back to Python's own collector (tests; the app never does)."""
        self._timer.stop()
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()

"""The one place errors from workers and slots end up.

User-actionable errors become a clear message; bugs are logged with their
traceback and shown as a short apology naming the log file. Offline is not
an error here: it is shown by the status bar. The same message is never
stacked twice (no dialog storm when many tasks fail for one reason).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.error_messages import is_offline_error, user_message

log = logging.getLogger(__name__)


class ErrorReporter(QObject):
    """Turns exceptions into messages; dialogs can be switched off (tests, demo checks)."""

    #: Every message shown, also when dialogs are off (title, text).
    message_shown = Signal(str, str)

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialogs_enabled = True
        self.parent_window: QWidget | None = None
        self._open_messages: set[str] = set()

    def report(self, exc: Exception) -> None:
        if is_offline_error(exc):
            # The status bar says "Offline"; a dialog would only nag.
            log.info("server unreachable: %s", exc)
            return
        message = user_message(exc)
        if message is not None:
            log.warning("%s: %s", type(exc).__name__, exc)
            self.show(self.tr("Klassbok"), message)
            return
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        self.show(self.tr("Something went wrong"), self.apology())

    def apology(self) -> str:
        where = str(self.log_path) if self.log_path else self.tr("the log")
        return self.tr(
            "Sorry, something went wrong inside Klassbok. Your saved work is safe. "
            "If it happens again, send the log file to support: {path}"
        ).format(path=where)

    def show(self, title: str, text: str) -> None:
        self.message_shown.emit(title, text)
        if not self.dialogs_enabled or text in self._open_messages:
            return
        self._open_messages.add(text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent_window)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(lambda _result: self._open_messages.discard(text))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """sys.excepthook: an exception escaping a Qt slot on the UI thread."""
        if not isinstance(exc, Exception):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc.with_traceback(tb))

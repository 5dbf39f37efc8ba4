"""Toasts in the window's corner for notices ("Cecilia changed Axel from
absent to late"): never blocking, never stealing focus, gone by themselves.

A notice is toasted once: when shown it is marked seen in the cache
(local_db.conflicts.mark_notice_seen, local only), so it does not come back
at the next start. It stays listed in Conflicts ("For your information")
until the teacher dismisses it there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.models.conflict_texts import notice_sentence, notice_when
from desktop.pages.page import PageServices
from desktop.sync_controller import NOTICE_SEEN_CHANGES
from desktop.task_runner import Task
from local_db.conflicts import mark_notice_seen
from local_db.repositories.sync_overview import NoticeItem

#: Toasts on screen at once; more are summed up in one line.
MAX_TOASTS = 3
#: How long a toast stays (long enough to read during a lesson).
TOAST_MS = 15_000
_MARGIN = 16


class NoticeToast(QFrame):
    details_requested = Signal()
    closed = Signal()

    def __init__(self, text: str, when: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeToast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFixedWidth(380)
        title = QLabel(self.tr("For your information"))
        title.setObjectName("toastTitle")
        self.text_label = QLabel(text)
        self.text_label.setObjectName("toastText")
        self.text_label.setWordWrap(True)
        self.setAccessibleName(text)
        close = QPushButton("✕")
        close.setObjectName("toastClose")
        close.setToolTip(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.close)
        details = QPushButton(self.tr("Show in Conflicts"))
        details.setObjectName("toastLink")
        details.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        details.clicked.connect(self.details_requested)
        details.clicked.connect(self.close)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(close)
        foot = QHBoxLayout()
        when_label = QLabel(when)
        when_label.setObjectName("toastWhen")
        foot.addWidget(when_label, 1)
        foot.addWidget(details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.text_label)
        layout.addLayout(foot)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        QTimer.singleShot(TOAST_MS, self, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


class NoticeToaster(QObject):
    """Stacks toasts in the bottom-right corner of `host` (the main window)."""

    #: The teacher asked to see the notices in Conflicts.
    details_requested = Signal()
    #: Toasts were shown and marked seen (tests wait on it).
    shown = Signal(int)

    def __init__(self, host: QWidget, services: PageServices) -> None:
        super().__init__(host)
        self._host = host
        self._services = services
        self.toasts: list[NoticeToast] = []
        host.installEventFilter(self)

    def show_notices(self, notices: Sequence[NoticeItem]) -> None:
        if not notices:
            return
        texts = [(notice_sentence(item), notice_when(item)) for item in notices]
        room = MAX_TOASTS - len(self.toasts)
        if room <= 0:
            room = 1
        if len(texts) > room:
            rest = len(texts) - room + 1
            more = self.tr("%n more change(s) by colleagues — see Conflicts.", "", rest)
            texts = [*texts[: room - 1], (more, "")]
        for text, when in texts:
            toast = NoticeToast(text, when, self._host)
            toast.details_requested.connect(self.details_requested)
            toast.closed.connect(lambda t=toast: self._forget(t))
            self.toasts.append(toast)
            toast.show()
            toast.raise_()
        self._place()
        self._mark_seen([item.view.id for item in notices])

    def _mark_seen(self, ids: list[object]) -> None:
        session = self._services.session

        def run(_context: object) -> int:
            if session.closed:
                return 0
            with session.cache.begin() as conn:
                for conflict_id in ids:
                    mark_notice_seen(conn, conflict_id)  # type: ignore[arg-type]
            return len(ids)

        self._services.runner.run_db(
            Task(run=run, on_success=self.shown.emit, owner=self, changes=NOTICE_SEEN_CHANGES)
        )

    def _forget(self, toast: NoticeToast) -> None:
        if toast in self.toasts:
            self.toasts.remove(toast)
        self._place()

    def _place(self) -> None:
        host = self._host
        bottom = host.height() - _MARGIN
        status = host.findChild(QWidget, "syncStatusBar")
        if status is not None and status.isVisible():
            bottom -= status.height()
        for toast in reversed(self.toasts):
            toast.adjustSize()
            toast.move(host.width() - toast.width() - _MARGIN, bottom - toast.height())
            bottom -= toast.height() + 8

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self._place()
        return False

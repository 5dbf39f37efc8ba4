"""What every page shares: access to the workers and self-refreshing.

A page refreshes when shown after data changed, and at once when it is
visible; a hidden page only notes that it is stale (Anki's habit: screens
refresh themselves, nobody tells them how).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy import Connection

from desktop import local_time
from desktop.session import Session
from desktop.settings import AppSettings
from desktop.task_runner import Task, TaskRunner

T = TypeVar("T")

Clock = Callable[[], dt.datetime]


class PageServices:
    """The few things a page needs, handed in (no app-wide global)."""

    def __init__(
        self,
        runner: TaskRunner,
        session: Session,
        clock: Clock = local_time.now,
        settings: AppSettings | None = None,
    ) -> None:
        self.runner = runner
        self.session = session
        self.clock = clock
        #: The teacher's choices; None in tests that need none (defaults apply).
        self.settings = settings

    @property
    def teacher_id(self) -> uuid.UUID | None:
        return self.session.person_id

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return local_time.to_local(self.clock()).date()

    def read(
        self,
        query: Callable[[Connection], T],
        on_success: Callable[[T], None],
        owner: QWidget,
    ) -> None:
        """Run a repository query on the DB worker; on_success gets its frozen result."""
        session = self.session

        def run(_context: object) -> tuple[bool, T | None]:
            if session.closed:  # logged out while this waited in the queue
                return False, None
            with session.cache.connect() as conn:
                return True, query(conn)

        def done(outcome: tuple[bool, T | None]) -> None:
            ran, result = outcome
            if ran:
                on_success(result)  # type: ignore[arg-type]

        self.runner.run_db(Task(run=run, on_success=done, owner=owner))


class Page(QWidget):
    #: Emitted after the page has shown fresh data (tests, start-up timing).
    loaded = Signal()

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._stale = True
        services.runner.operation_did_execute.connect(self._on_data_changed)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Ask the DB worker for this page's data; show it when it arrives."""
        raise NotImplementedError

    def _on_data_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


def page_heading(title: str, subtitle: str = "") -> tuple[QWidget, QLabel, QLabel]:
    """A page's title and a quieter line under it."""
    box = QWidget()
    box.setObjectName("pageHeading")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    title_label = QLabel(title)
    title_label.setObjectName("pageTitle")
    title_label.setAccessibleName(title)
    subtitle_label = QLabel(subtitle)
    subtitle_label.setObjectName("pageSubtitle")
    layout.addWidget(title_label)
    layout.addWidget(subtitle_label)
    return box, title_label, subtitle_label


def not_downloaded_yet() -> str:
    """A page's empty state before the first sync: nothing is wrong, it comes."""
    return QCoreApplication.translate(
        "EmptyStates",
        "Your school data hasn't been downloaded yet. Klassbok does it as soon as it "
        "can reach the school's server; press F5 to try now.",
    )


def empty_state(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("emptyState")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def row_layout(*widgets: QWidget, stretch_after: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(8)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch_after:
        layout.addStretch(1)
    return layout

"""The first download of a teacher's data: progress shows only when it is
slow, says how far it got, and Cancel stops it at a safe point, keeping what
arrived. The server is the real one; a gate in the client holds the second
page back for as long as the test wants, which is what a slow school
network does to a big school."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop import task_runner
from desktop.app_controller import AppController
from desktop.error_reporter import ErrorReporter
from desktop.first_sync_dialog import FirstSyncDialog
from desktop.session import Session
from desktop.sync_controller import SyncOptions
from local_db.keystore import KeyStore
from local_db.schema import synced
from local_db.sync.api_client import ApiClient, PageT
from local_db.sync.engine import SyncEngine
from tests.desktop.conftest import Reported
from tests.desktop.helpers import TIMEOUT_MS, login_dialog_of, type_login, wait_synced
from tests.desktop.sync_helpers import ServedSchool, served_school

__all__ = ["served_school"]

#: Small pages, so the small school takes several.
PAGE_LIMIT = 10


class Gate:
    """Lets the first page through, then holds each further one until opened."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.pages = 0
        self.clients: list[ApiClient] = []


class GatedClient(ApiClient):
    def __init__(self, session: Session, gate: Gate) -> None:
        super().__init__(session.server_url, token=session.token, timeout=30)
        self.gate = gate

    def change_page(
        self,
        cursor: str | None,
        limit: int | None,
        decode: Callable[[bytes], PageT],
        **options: Any,
    ) -> PageT:
        if self.gate.pages >= 1:
            self.gate.open.wait(60)
        self.gate.pages += 1
        return super().change_page(cursor, limit, decode, **options)


@pytest.fixture
def gate() -> Iterator[Gate]:
    held = Gate()
    yield held
    held.open.set()
    for client in held.clients:
        client.close()


def _gated_engines(gate: Gate) -> Callable[[Session, bool], SyncEngine]:
    def make(session: Session, verify: bool) -> SyncEngine:
        client = GatedClient(session, gate)
        gate.clients.append(client)
        return SyncEngine(session.cache, client, page_limit=PAGE_LIMIT, verify_scope=verify)

    return make


@pytest.fixture
def controller(
    tmp_path: Path,
    reporter: tuple[ErrorReporter, Reported],
    served_school: ServedSchool,
    gate: Gate,
) -> Iterator[AppController]:
    made = AppController(
        tmp_path / "client",
        keystore=KeyStore(),
        reporter=reporter[0],
        clock=served_school.clock,
        sync_options=SyncOptions(engine_factory=_gated_engines(gate)),
    )
    yield made
    made.shutdown()
    if made.window is not None:
        made.window.close()
        made.window.deleteLater()


def _log_in(qtbot: QtBot, controller: AppController, served: ServedSchool) -> list[float]:
    """Log Anna in; the list gets the moment the window (and so the first
    sync, with its progress timer) started, taken in the same call stack."""
    started: list[float] = []
    controller.main_window_shown.connect(lambda _window: started.append(time.monotonic()))
    controller.start()
    dialog = login_dialog_of(qtbot, controller)
    with qtbot.waitSignal(controller.main_window_shown, timeout=TIMEOUT_MS):
        type_login(qtbot, dialog, served.server.url, "anna", served.school.passwords["anna"])
    return started


def _records_in_cache(controller: AppController) -> int:
    session = controller.session
    assert session is not None
    with session.cache.connect() as conn:
        return sum(
            int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for table in synced.values()
        )


def test_a_slow_first_download_shows_progress_and_cancel_keeps_what_arrived(
    qtbot: QtBot,
    controller: AppController,
    gate: Gate,
    served_school: ServedSchool,
    reporter: tuple[object, Reported],
) -> None:
    started = _log_in(qtbot, controller, served_school)
    window = controller.window
    assert window is not None
    progress = window.findChild(FirstSyncDialog)
    assert progress is not None
    qtbot.waitUntil(progress.isVisible, timeout=TIMEOUT_MS)
    # Only after the runner's delay: quick syncs never flicker.
    assert time.monotonic() - started[0] >= (task_runner.PROGRESS_DELAY_MS / 1000) * 0.9
    assert progress.bar.maximum() == 0  # busy: the total is not known
    assert window.status.progress_label.isVisible()  # and in the status bar

    sync = controller.sync
    assert sync is not None
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
        assert progress.count_label.text() == "Stopping after the current part…"
        gate.open.set()  # the page on its way arrives; the next is not asked for
    assert finished.args == [True]
    assert sync.state.cancelled
    assert not progress.isVisible()
    assert not window.status.progress_label.isVisible()
    pages_when_stopped = gate.pages
    assert pages_when_stopped < 5  # far from the end of the feed
    kept = _records_in_cache(controller)
    assert kept > 0  # what arrived is kept
    qtbot.waitUntil(lambda: not sync.state.has_synced_once, timeout=TIMEOUT_MS)
    assert window.status.sync_label.text() == "Download stopped — press Sync now to continue"

    # Sync now carries on from the stored cursor to the end.
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS):
        window.status.sync_button.click()
    wait_synced(qtbot, controller)
    assert _records_in_cache(controller) > kept
    assert window.status.sync_label.text().startswith("Synced ")
    assert reporter[1].messages == []


def test_a_quick_first_download_shows_no_progress_at_all(
    qtbot: QtBot,
    controller: AppController,
    gate: Gate,
    served_school: ServedSchool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Whatever the machine's load, this download ends well inside the delay.
    monkeypatch.setattr(task_runner, "PROGRESS_DELAY_MS", 20_000)
    gate.open.set()
    shown: list[object] = []
    controller.runner.progress_started.connect(shown.append)
    _log_in(qtbot, controller, served_school)
    wait_synced(qtbot, controller)
    window = controller.window
    assert window is not None
    progress = window.findChild(FirstSyncDialog)
    assert progress is not None
    assert not progress.isVisible()
    assert shown == []
    assert gate.pages > 1  # it was a real, paged download

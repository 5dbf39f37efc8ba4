"""Steps the desktop tests take the way a teacher would."""

from __future__ import annotations

import platform
import uuid
from pathlib import Path

import PySide6
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app_controller import AppController
from desktop.login_dialog import LoginDialog
from desktop.main_window import MainWindow
from desktop.pages.page import Page
from desktop.session import Session
from local_db.cache import Cache

TIMEOUT_MS = 20_000


def offline_session(
    cache: Cache,
    *,
    username: str = "ny",
    display_name: str = "Ny Lärare",
    person_id: uuid.UUID | None = None,
    profile_id: str = "empty",
    cache_path: Path | None = None,
) -> Session:
    """A signed-in session on `cache` with no server token (nothing syncs);
    persistent when the cache has a file."""
    return Session(
        server_url="https://klassbok.example",
        username=username,
        display_name=display_name,
        person_id=person_id or uuid.uuid4(),
        profile_id=profile_id,
        cache=cache,
        cache_path=cache_path,
        token=None,
        persistent=cache_path is not None,
    )


def login_dialog_of(qtbot: QtBot, controller: AppController) -> LoginDialog:
    qtbot.waitUntil(lambda: controller.login_dialog is not None, timeout=TIMEOUT_MS)
    assert controller.login_dialog is not None
    return controller.login_dialog


def type_login(
    qtbot: QtBot, dialog: LoginDialog, server_url: str, username: str, password: str
) -> None:
    dialog.server_edit.setText(server_url)
    dialog.user_edit.setText(username)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def log_in(
    qtbot: QtBot, controller: AppController, server_url: str, username: str, password: str
) -> MainWindow:
    """Start the app, log in through the dialog, wait for the first sync."""
    controller.start()
    dialog = login_dialog_of(qtbot, controller)
    with qtbot.waitSignal(controller.main_window_shown, timeout=TIMEOUT_MS):
        type_login(qtbot, dialog, server_url, username, password)
    window = controller.window
    assert window is not None
    wait_synced(qtbot, controller)
    return window


def wait_synced(qtbot: QtBot, controller: AppController) -> None:
    qtbot.waitUntil(
        lambda: (
            controller.sync is not None
            and not controller.sync.state.syncing
            and controller.sync.state.has_synced_once
        ),
        timeout=TIMEOUT_MS,
    )


def open_page(qtbot: QtBot, window: MainWindow, page: Page) -> None:
    """Click the page in the sidebar and wait until it shows data read now
    (a page only re-reads by itself when data changed: ask it to)."""
    row = next(i for i, (candidate, _icon) in enumerate(window.pages) if candidate is page)
    window.nav.setCurrentRow(row)
    page.refresh()
    wait_reads_done(qtbot, window)


def wait_reads_done(qtbot: QtBot, window: MainWindow) -> None:
    """Every read queued so far has come back and been shown."""
    runner = window.services.runner
    qtbot.waitUntil(lambda: runner.pending("db") == 0, timeout=TIMEOUT_MS)


def binding_versions() -> str:
    """The Qt binding and Python this run uses, for a failure message."""
    return (
        f"PySide6 {PySide6.__version__}, shiboken6 {shiboken6.__version__}, "
        f"Python {platform.python_version()}"
    )

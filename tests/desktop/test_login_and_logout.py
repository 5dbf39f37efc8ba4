"""Logging in (errors in plain words), logging in again when the token
expires, logging out with and without removing the local copy."""

from __future__ import annotations

import socket
from pathlib import Path

import requests
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.application import install_language
from desktop.error_messages import user_message
from desktop.logout_dialog import LogoutDialog
from desktop.sync_state import Connection
from local_db.keystore import KeyStore
from local_db.profile import Profile
from local_db.sync.errors import TooManyAttempts
from tests.desktop.conftest import ControllerFactory, Reported
from tests.desktop.desktop_school import DesktopSchool
from tests.desktop.helpers import TIMEOUT_MS, log_in, login_dialog_of, type_login, wait_synced
from tests.support.keyring_backend import MemoryKeyring
from tests.support.server_process import ServerProcess


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_wrong_password_is_said_inline_and_nothing_is_stored(
    qtbot: QtBot,
    server: ServerProcess,
    make_controller: ControllerFactory,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    controller = make_controller()
    controller.start()
    dialog = login_dialog_of(qtbot, controller)
    type_login(qtbot, dialog, server.url, "anna", "not-her-password")
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=TIMEOUT_MS)
    assert "user name or password is wrong" in dialog.error_label.text()
    assert dialog.login_button.isEnabled()  # she can try again at once
    assert controller.window is None
    assert memory_keyring.entries() == {}
    assert not (tmp_path / "profile" / "profiles").exists()


def test_unreachable_server_says_check_the_address_or_network(
    qtbot: QtBot, make_controller: ControllerFactory
) -> None:
    controller = make_controller()
    controller.start()
    dialog = login_dialog_of(qtbot, controller)
    type_login(qtbot, dialog, f"http://127.0.0.1:{_free_port()}", "anna", "whatever")
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=TIMEOUT_MS)
    text = dialog.error_label.text()
    assert "can't reach the server" in text
    assert "address" in text
    assert "network" in text


def test_login_remembers_server_and_user_but_never_the_password(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    tmp_path: Path,
) -> None:
    password = desktop_school.passwords["anna"]
    log_in(qtbot, make_controller(), server.url, "anna", password)
    settings = (tmp_path / "profile" / "settings.ini").read_text("utf-8")
    assert server.url in settings
    assert "anna" in settings
    everything = b"".join(p.read_bytes() for p in (tmp_path / "profile").rglob("*") if p.is_file())
    assert password.encode() not in everything
    profile = Profile(server.url, "anna")
    token = KeyStore().load_token(profile.profile_id)
    assert token is not None
    assert token.encode() not in everything


def test_expired_login_asks_for_the_password_again_and_keeps_local_data(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    reporter: tuple[object, Reported],
) -> None:
    password = desktop_school.passwords["anna"]
    controller = make_controller()
    window = log_in(qtbot, controller, server.url, "anna", password)
    session = controller.session
    assert session is not None
    assert session.token is not None
    # The token is revoked behind the app's back (as when it expires).
    requests.post(
        server.url + "/api/v1/auth/logout",
        headers={"Authorization": f"Bearer {session.token}"},
        timeout=10,
    ).raise_for_status()

    assert controller.sync is not None
    with qtbot.waitSignal(controller.login_dialog_shown, timeout=TIMEOUT_MS) as shown:
        controller.sync.sync_now()
    dialog = shown.args[0]
    assert dialog.user_edit.isReadOnly()
    assert dialog.user_edit.text() == "anna"
    assert "Log in again" in window.status.sync_label.text()
    # The cached data is still there while the dialog waits.
    assert session.cache_path is not None
    assert session.cache_path.exists()

    type_login(qtbot, dialog, server.url, "anna", password)
    qtbot.waitUntil(lambda: controller.login_dialog is None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: (
            controller.sync_state is not None
            and controller.sync_state.connection is Connection.ONLINE
            and not controller.sync_state.needs_login
            and not controller.sync_state.syncing
        ),
        timeout=TIMEOUT_MS,
    )
    assert controller.session is session  # same session, same cache
    assert window.status.sync_label.text().startswith("Synced ")
    assert reporter[1].messages == []


def _log_out(qtbot: QtBot, controller: object, wipe: bool) -> None:
    from desktop.app_controller import AppController

    assert isinstance(controller, AppController)
    assert controller.window is not None
    controller.window.logout_button.click()
    qtbot.waitUntil(lambda: controller.logout_dialog is not None, timeout=TIMEOUT_MS)
    dialog = controller.logout_dialog
    assert isinstance(dialog, LogoutDialog)
    assert dialog.wipe_box.isEnabled()
    dialog.wipe_box.setChecked(wipe)
    with qtbot.waitSignal(controller.logged_out, timeout=TIMEOUT_MS):
        dialog.accept()


def test_logout_with_removal_deletes_the_cache_and_forgets_its_key(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    memory_keyring: MemoryKeyring,
) -> None:
    controller = make_controller()
    log_in(qtbot, controller, server.url, "anna", desktop_school.passwords["anna"])
    session = controller.session
    assert session is not None
    assert session.cache_path is not None
    cache_path, token = session.cache_path, session.token
    assert cache_path.exists()
    assert len(memory_keyring.entries()) == 2  # key + token

    _log_out(qtbot, controller, wipe=True)

    assert not cache_path.exists()
    assert list(cache_path.parent.glob("cache.db*")) == []
    assert memory_keyring.entries() == {}
    assert controller.window is None
    login_dialog_of(qtbot, controller)  # back to the login dialog
    # The server revoked the token too.
    answer = requests.get(
        server.url + "/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 401


def test_logout_without_removal_keeps_the_copy_for_next_login(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    memory_keyring: MemoryKeyring,
) -> None:
    controller = make_controller()
    log_in(qtbot, controller, server.url, "anna", desktop_school.passwords["anna"])
    session = controller.session
    assert session is not None
    assert session.cache_path is not None
    cache_path = session.cache_path

    _log_out(qtbot, controller, wipe=False)

    assert cache_path.exists()
    names = {name for (_service, name) in memory_keyring.entries()}
    assert names == {f"cache-key:{session.profile_id}"}  # the token is gone

    # Logging in again reuses the same copy.
    dialog = login_dialog_of(qtbot, controller)
    with qtbot.waitSignal(controller.main_window_shown, timeout=TIMEOUT_MS):
        type_login(qtbot, dialog, server.url, "anna", desktop_school.passwords["anna"])
    wait_synced(qtbot, controller)
    assert controller.session is not None
    assert controller.session.cache_path == cache_path


def test_too_many_failures_say_how_many_seconds_to_wait(
    qtbot: QtBot, server: ServerProcess, make_controller: ControllerFactory
) -> None:
    controller = make_controller()
    controller.start()
    dialog = login_dialog_of(qtbot, controller)
    texts = []
    # A name without an account: the server's short backoff for a username
    # starts after its third failure (docs/api.md, "Login throttling").
    for _ in range(4):
        type_login(qtbot, dialog, server.url, "no.such.teacher", "guess")
        qtbot.waitUntil(
            lambda: dialog.error_label.isVisible() and dialog.login_button.isEnabled(),
            timeout=TIMEOUT_MS,
        )
        texts.append(dialog.error_label.text())
    assert all("user name or password is wrong" in text for text in texts[:3])
    assert texts[3] == "Too many failed login attempts. Wait 1 second and try again."


def test_the_wait_is_said_in_swedish(qapp: QApplication) -> None:
    install_language(qapp, "sv")
    try:
        assert user_message(TooManyAttempts(retry_after_s=3)) == (
            "För många misslyckade inloggningsförsök. Vänta 3 sekunder och försök igen."
        )
        assert "Vänta 1 sekund " in str(user_message(TooManyAttempts(retry_after_s=1)))
        assert "Vänta 2 minuter" in str(user_message(TooManyAttempts(retry_after_s=61)))
    finally:
        install_language(qapp, "en")
    assert user_message(TooManyAttempts(retry_after_s=4)) == (
        "Too many failed login attempts. Wait 4 seconds and try again."
    )

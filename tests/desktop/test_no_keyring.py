"""Without a keyring nothing about pupils is written to disk, and the
teacher is told so plainly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from tests.desktop.conftest import ControllerFactory
from tests.desktop.desktop_school import DesktopSchool
from tests.desktop.helpers import TIMEOUT_MS, log_in, login_dialog_of, open_page
from tests.support.server_process import ServerProcess


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("no_keyring")
def test_without_keyring_the_cache_lives_in_memory_and_the_ui_says_so(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    tmp_path: Path,
) -> None:
    controller = make_controller()
    assert controller.persistent is False
    controller.start()
    dialog = login_dialog_of(qtbot, controller)
    assert not dialog.keyring_notice.isHidden()
    assert "no secure password store" in dialog.keyring_notice.text()
    dialog.reject()
    qtbot.waitUntil(lambda: controller.login_dialog is None, timeout=TIMEOUT_MS)

    window = log_in(qtbot, controller, server.url, "anna", desktop_school.passwords["anna"])
    session = controller.session
    assert session is not None
    assert session.cache_path is None
    assert not session.persistent
    assert not window.keyring_banner.isHidden()
    assert "won't keep pupils' data on disk" in window.keyring_banner.text()

    open_page(qtbot, window, window.groups_page)
    assert [g.display_name for g in window.groups_page.group_model.rows()] == ["7A"]
    # Nothing but settings and the log on disk: no cache file, no token.
    files = {
        p.relative_to(tmp_path / "profile").as_posix()
        for p in (tmp_path / "profile").rglob("*")
        if p.is_file()
    }
    assert files <= {"settings.ini", "logs/klassbok.log"}
    token = session.token
    assert token is not None
    assert all(token not in (tmp_path / "profile" / f).read_text("utf-8") for f in files)

"""The background sync as a teacher lives it, against the real server process
and real encrypted caches: edits go out shortly after they are made, the
status bar counts them, a lost server means "Offline" and retries with
backoff (never a dialog), an expired login asks for the password, and a
version the server refuses shows a calm banner. Unsent edits are never
touched by any of it."""

from __future__ import annotations

import time

import pytest
import requests
from pytestqt.qtbot import QtBot

from desktop.sync_controller import DEBOUNCE_MS
from desktop.sync_state import Connection
from sync_protocol import versions
from tests.desktop.helpers import TIMEOUT_MS, type_login
from tests.desktop.sync_helpers import (
    SyncWorld,
    outbox_ops,
    served_school,
    sync_and_wait,
    unsent_edits,
    world,
    write,
)

__all__ = ["served_school", "world"]


def test_an_edit_is_counted_at_once_and_sent_shortly_after(
    qtbot: QtBot,
    world: SyncWorld,
) -> None:
    anna = world.teacher("anna", debounce_ms=400)
    status = anna.window.status
    assert status.pending_label.text() == "No unsent changes"
    record, values = world.attendance("lesson:ma7a:1", "pupil:axel")
    sync = anna.controller.sync
    assert sync is not None

    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        write(qtbot, anna, "attendance", record, {**values, "status": "absent"})
        # Counted as soon as the edit is saved, before any sync.
        qtbot.waitUntil(
            lambda: status.pending_label.text() == "1 change waiting to be sent",
            timeout=TIMEOUT_MS,
        )
    # The debounced sync (no button pressed) sent it.
    assert finished.args == [True]
    qtbot.waitUntil(lambda: status.pending_label.text() == "No unsent changes", timeout=TIMEOUT_MS)
    assert outbox_ops(anna) == []
    row = world.row("attendance", record)
    assert row is not None
    assert row["status"] == "absent"
    assert world.reported.messages == []


def test_edits_made_quickly_go_out_in_one_sync_after_the_last(
    qtbot: QtBot,
    world: SyncWorld,
) -> None:
    # The real debounce: a teacher marking a roll call is faster than 2 s a mark.
    anna = world.teacher("anna", debounce_ms=DEBOUNCE_MS)
    sync = anna.controller.sync
    assert sync is not None
    finished: list[bool] = []
    sync.sync_finished.connect(finished.append)
    pupils = ("pupil:alva", "pupil:axel", "pupil:elsa", "pupil:nils")
    for pupil in pupils:
        record, values = world.attendance("lesson:ma7a:2", pupil)
        write(qtbot, anna, "attendance", record, {**values, "status": "present"})
    qtbot.waitUntil(lambda: finished == [True], timeout=TIMEOUT_MS)
    assert outbox_ops(anna) == []
    seqs = set()
    for pupil in pupils:
        record, _values = world.attendance("lesson:ma7a:2", pupil)
        row = world.row("attendance", record)
        assert row is not None
        seqs.add(row["seq"])
    # The roll call went out in one push (one server transaction, one seq),
    # not one per mark.
    assert len(seqs) == 1


def test_a_lost_server_means_offline_and_retries_with_backoff_until_it_is_back(
    qtbot: QtBot,
    world: SyncWorld,
) -> None:
    attempts: list[int] = []

    def delay(attempt: int) -> float:
        attempts.append(attempt)
        return 0.3

    anna = world.teacher("anna", retry_delay=delay)
    status = anna.window.status
    sync = anna.controller.sync
    assert sync is not None
    world.server.stop()
    record, values = world.attendance("lesson:ma7a:1", "pupil:elsa")
    write(qtbot, anna, "attendance", record, {**values, "status": "late", "late_minutes": 7})
    before = unsent_edits(anna)

    assert not sync_and_wait(qtbot, anna)
    assert sync.state.connection is Connection.OFFLINE
    assert sync.state.retry_at is not None
    text = status.sync_label.text()
    # (English plurals come from the catalogue: "change" once it is regenerated.)
    assert text.startswith("1 change waiting")
    assert "waiting, next try in " in text
    assert "Offline" in status.connection_label.text()
    # The retries come by themselves, each after a longer wait.
    qtbot.waitUntil(lambda: len(attempts) >= 3, timeout=TIMEOUT_MS)
    assert attempts[:3] == [0, 1, 2]
    assert unsent_edits(anna) == before  # still waiting, untouched

    world.server.start()  # same port: the Wi-Fi is back
    qtbot.waitUntil(
        lambda: sync.state.connection is Connection.ONLINE and not sync.state.pending_changes,
        timeout=TIMEOUT_MS,
    )
    assert sync.state.retry_at is None
    assert status.sync_label.text().startswith("Synced ")
    row = world.row("attendance", record)
    assert row is not None
    assert (row["status"], row["late_minutes"]) == ("late", 7)
    # Success resets the backoff: the next failure waits the first step again.
    world.server.stop()
    before = len(attempts)
    assert not sync_and_wait(qtbot, anna)
    assert attempts[before:] == [0]
    assert world.reported.messages == []  # offline is a state, never a dialog


def test_sync_now_tries_at_once_while_a_retry_is_waiting(
    qtbot: QtBot,
    world: SyncWorld,
) -> None:
    anna = world.teacher("anna", retry_delay=lambda _attempt: 600.0)
    sync = anna.controller.sync
    assert sync is not None
    world.server.stop()
    assert not sync_and_wait(qtbot, anna)
    assert "next try in 10 min" in anna.window.status.sync_label.text()
    world.server.start()
    started = time.monotonic()
    assert sync_and_wait(qtbot, anna)  # no ten-minute wait
    assert time.monotonic() - started < 60
    assert sync.state.connection is Connection.ONLINE


def test_an_expired_login_asks_for_the_password_and_keeps_the_unsent_edits(
    qtbot: QtBot,
    world: SyncWorld,
) -> None:
    anna = world.teacher("anna")
    controller = anna.controller
    session = controller.session
    assert session is not None
    assert session.token is not None
    record, values = world.attendance("lesson:ma7a:1", "pupil:nils")
    write(qtbot, anna, "attendance", record, {**values, "status": "absent"})
    before = unsent_edits(anna)
    assert len(before) == 1
    # The token is revoked on the server (as when it expires).
    requests.post(
        world.server.url + "/api/v1/auth/logout",
        headers={"Authorization": f"Bearer {session.token}"},
        timeout=10,
    ).raise_for_status()

    with qtbot.waitSignal(controller.login_dialog_shown, timeout=TIMEOUT_MS) as shown:
        assert controller.sync is not None
        controller.sync.sync_now()
    dialog = shown.args[0]
    assert "Log in again" in anna.window.status.sync_label.text()
    assert unsent_edits(anna) == before  # untouched: same ops, same state
    assert world.row("attendance", record) is None

    type_login(qtbot, dialog, world.server.url, "anna", world.school.passwords["anna"])
    # Syncing resumes by itself and the waiting edit goes out.
    sync = controller.sync
    qtbot.waitUntil(lambda: outbox_ops(anna) == [] and not sync.state.syncing, timeout=TIMEOUT_MS)
    row = world.row("attendance", record)
    assert row is not None
    assert row["status"] == "absent"
    assert world.reported.messages == []


def test_a_version_the_server_refuses_shows_a_calm_banner_and_keeps_the_edits(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    world: SyncWorld,
) -> None:
    anna = world.teacher("anna")
    window = anna.window
    record, values = world.attendance("lesson:ma7a:1", "pupil:alva")
    write(qtbot, anna, "attendance", record, {**values, "status": "absent"})
    before = unsent_edits(anna)
    # From now on this copy of Klassbok speaks a protocol the server no
    # longer serves: the real server answers 426 update_required.
    monkeypatch.setattr(versions, "PROTOCOL_VERSION", 0)
    session = anna.controller.session
    assert session is not None
    session.close_client()  # the next sync makes a client with the old version

    assert not sync_and_wait(qtbot, anna)
    banner = window.sync_banner
    assert banner.isVisible()
    assert banner.text() == (
        "This version of Klassbok is too old to sync. Your changes are kept on this "
        "computer. Update Klassbok to send them."
    )
    assert window.status.sync_label.text() == "Not syncing: Klassbok needs an update"
    assert window.status.pending_label.text() == "1 change waiting to be sent"
    assert unsent_edits(anna) == before
    assert world.row("attendance", record) is None
    assert world.reported.messages == []  # calm: a banner, no dialog
    # Automatic syncs (timer, edits, retries) no longer ask; the banner stays.
    sync = anna.controller.sync
    assert sync is not None
    assert sync.state.retry_at is None
    sync.sync_now(user_initiated=False)
    assert not sync.state.syncing
    assert banner.isVisible()

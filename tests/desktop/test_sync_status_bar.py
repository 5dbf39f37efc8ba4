"""The status bar tells a teacher, in a few words, everything about syncing:
online or not, what waits to be sent and when the next try is, edits the
server refused (with a list to dismiss them), conflicts to decide, and a
computer clock that runs fast. The first tests use the real server; the
rest show each state without one."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.rejected_edits_dialog import RejectedEditsDialog
from desktop.status_bar import SyncStatusBar
from desktop.sync_state import Connection, SyncState
from desktop.sync_views import SyncViews
from tests.desktop.helpers import TIMEOUT_MS
from tests.desktop.sync_helpers import (
    SyncWorld,
    Wall,
    outbox_ops,
    served_school,
    sync_and_wait,
    wall,
    world,
    write,
)

__all__ = ["served_school", "wall", "world"]


def test_an_edit_the_server_refuses_is_listed_and_can_be_dismissed(
    qtbot: QtBot, world: SyncWorld
) -> None:
    anna = world.teacher("anna")
    status = anna.window.status
    # A mark for a lesson the school cancelled: the server refuses it.
    record, values = world.attendance("lesson:sv7a:2", "pupil:alva")
    write(qtbot, anna, "attendance", record, {**values, "status": "absent"})
    assert sync_and_wait(qtbot, anna)
    qtbot.waitUntil(status.rejected_button.isVisible, timeout=TIMEOUT_MS)
    assert status.rejected_button.text().startswith("1 change")
    assert status.pending_label.text() == "No unsent changes"  # refused is not waiting
    assert len(outbox_ops(anna)) == 1  # kept until the teacher has seen it

    qtbot.mouseClick(status.rejected_button, Qt.MouseButton.LeftButton)
    dialog = anna.window.findChild(RejectedEditsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.cards) == 1, timeout=TIMEOUT_MS)
    [card] = dialog.cards
    texts = [label.text() for label in card.findChildren(type(status.sync_label))]
    assert any(text.startswith("Couldn't be sent: ") for text in texts)
    assert any("Alva Ahlberg" in text for text in texts)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        qtbot.mouseClick(card.dismiss_button, Qt.MouseButton.LeftButton)
    assert dialog.cards == []
    assert dialog.empty_label.isVisible()
    assert outbox_ops(anna) == []
    qtbot.waitUntil(lambda: not status.rejected_button.isVisible(), timeout=TIMEOUT_MS)
    assert world.row("attendance", record) is None
    assert world.reported.messages == []


def test_a_fast_computer_clock_is_pointed_out_with_how_to_fix_it(
    qtbot: QtBot, world: SyncWorld, wall: Wall
) -> None:
    anna = world.teacher("anna")
    status = anna.window.status
    wall.tick(3 * 3600)  # the laptop's clock runs three hours fast
    record, values = world.attendance("lesson:ma7a:1", "pupil:axel")
    write(qtbot, anna, "attendance", record, {**values, "status": "present"})
    assert sync_and_wait(qtbot, anna)
    qtbot.waitUntil(status.clock_button.isVisible, timeout=TIMEOUT_MS)
    assert status.clock_button.text() == "⚠ Clock 3 h fast"
    qtbot.mouseClick(status.clock_button, Qt.MouseButton.LeftButton)
    views = anna.window.findChild(SyncViews)
    assert views is not None
    box = views.clock_box
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert box.text().startswith("This computer's clock is 3 hour")
    assert "Set time automatically" in box.text()
    box.close()


# --- each state, without a server --------------------------------------------

SYNCED_AT = dt.datetime(2025, 3, 12, 8, 42, tzinfo=dt.UTC)


def _bar(qtbot: QtBot) -> SyncStatusBar:
    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    bar.monotonic = lambda: 1000.0
    bar.show()
    return bar


def test_offline_says_what_waits_and_counts_down_to_the_next_try(qtbot: QtBot) -> None:
    bar = _bar(qtbot)
    state = SyncState(
        connection=Connection.OFFLINE,
        last_sync_at=SYNCED_AT,
        has_synced_once=True,
        pending_changes=3,
        retry_at=1040.0,
    )
    bar.show_state(state)
    text = bar.sync_label.text()
    assert text.startswith("3 changes waiting")
    assert text.endswith("waiting, next try in 40 s")
    assert not bar.pending_label.isVisible()  # said once, in the sentence
    bar.monotonic = lambda: 1035.2
    qtbot.waitUntil(lambda: bar.sync_label.text().endswith("next try in 5 s"), timeout=3000)
    bar.show_state(dataclasses.replace(state, retry_at=1000.0 + 300))
    assert bar.sync_label.text().endswith("next try in 5 min")
    bar.show_state(dataclasses.replace(state, pending_changes=0))
    assert bar.sync_label.text().startswith("Showing data from ")
    assert bar.pending_label.isVisible()


def test_login_update_and_problem_states_say_what_to_do(qtbot: QtBot) -> None:
    bar = _bar(qtbot)
    base = SyncState(connection=Connection.ONLINE, last_sync_at=SYNCED_AT, has_synced_once=True)
    bar.show_state(dataclasses.replace(base, needs_login=True))
    assert bar.sync_label.text() == "Log in again to sync — your changes are kept"
    assert bar.sync_button.text() == "Log in to sync"
    bar.show_state(dataclasses.replace(base, update_required=True))
    assert bar.sync_label.text() == "Not syncing: Klassbok needs an update"
    bar.show_state(dataclasses.replace(base, problem="The server had a problem", retry_at=1020.0))
    assert bar.sync_label.text().startswith("Couldn't sync — showing data from ")
    assert bar.sync_label.text().endswith(", next try in 20 s")
    assert bar.sync_label.toolTip() == "The server had a problem"
    bar.show_state(dataclasses.replace(base, syncing=True))
    assert bar.sync_label.text() == "Syncing…"
    assert not bar.sync_button.isEnabled()
    bar.show_state(SyncState(connection=Connection.ONLINE, cancelled=True))
    assert bar.sync_label.text() == "Download stopped — press Sync now to continue"


def test_links_appear_only_when_there_is_something_to_look_at(qtbot: QtBot) -> None:
    bar = _bar(qtbot)
    bar.show_state(SyncState(connection=Connection.ONLINE))
    for link in (bar.rejected_button, bar.conflicts_button, bar.clock_button):
        assert not link.isVisible()
    warning = (
        "Your computer's clock is 45 minutes fast. Set the time automatically to keep "
        "attendance changes in order. Your changes were saved with the server's time instead."
    )
    bar.show_state(
        SyncState(
            connection=Connection.ONLINE,
            rejected_changes=2,
            open_conflicts=1,
            clock_warning=warning,
        )
    )
    assert bar.rejected_button.isVisible()
    assert bar.conflicts_button.isVisible()
    assert bar.clock_button.text() == "⚠ Clock 45 min fast"
    assert "Set time automatically" in bar.clock_button.toolTip()
    asked: list[str] = []
    bar.conflicts_requested.connect(lambda: asked.append("conflicts"))
    bar.rejected_requested.connect(lambda: asked.append("rejected"))
    bar.conflicts_button.click()
    bar.rejected_button.click()
    assert asked == ["conflicts", "rejected"]


def test_an_unknown_clock_sentence_is_shown_as_the_server_wrote_it(qtbot: QtBot) -> None:
    bar = _bar(qtbot)
    sentence = "Your computer's clock is wrong in a new way."
    bar.show_state(SyncState(clock_warning=sentence))
    assert bar.clock_button.text() == "⚠ Computer clock is wrong"
    assert bar.clock_button.toolTip() == sentence

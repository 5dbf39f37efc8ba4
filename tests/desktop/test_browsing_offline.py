"""The flagship: a teacher logs in against the real server, browses, the
server goes away, and everything still shows — calmly, without error dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from desktop.sync_state import Connection
from tests.desktop.conftest import ControllerFactory, Reported
from tests.desktop.desktop_school import DesktopSchool
from tests.desktop.helpers import TIMEOUT_MS, log_in, open_page, wait_reads_done
from tests.support.server_process import ServerProcess


def _groups(qtbot: QtBot, window: MainWindow) -> dict[str, int]:
    open_page(qtbot, window, window.groups_page)
    return {g.display_name: g.pupil_count for g in window.groups_page.group_model.rows()}


def _members(qtbot: QtBot, window: MainWindow, group: str) -> list[str]:
    page = window.groups_page
    row = next(i for i, g in enumerate(page.group_model.rows()) if g.display_name == group)
    if page.selected == page.group_model.rows()[row].id:
        page.refresh()  # already chosen: read it again
    else:
        page.group_table.setCurrentIndex(page.group_model.index(row, 0))
    wait_reads_done(qtbot, window)
    return [p.full_name for p in page.pupil_model.rows()]


def _week(qtbot: QtBot, window: MainWindow) -> list[list[str]]:
    open_page(qtbot, window, window.timetable_page)
    return [
        [f"{lesson.start_time:%H:%M} {lesson.activity_name}" for lesson in model.rows()]
        for model in window.timetable_page.week_models
    ]


def test_browse_then_server_stops_and_the_same_data_shows_offline(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    reporter: tuple[object, Reported],
) -> None:
    controller = make_controller()
    window = log_in(qtbot, controller, server.url, "anna", desktop_school.passwords["anna"])
    assert controller.sync_state is not None
    assert controller.sync_state.connection is Connection.ONLINE
    assert window.status.sync_label.text().startswith("Synced ")

    # Today: Anna's own lessons of the school day.
    open_page(qtbot, window, window.today_page)
    today = [lesson.activity_name for lesson in window.today_page.model.rows()]
    assert sorted(today) == ["Matematik 7A", "Svenska 7A"]

    groups = _groups(qtbot, window)
    assert groups["7A"] == 4  # Alva, Axel, Elsa, Nils; Hugo left before the term
    members = _members(qtbot, window, "7A")
    assert members == ["Alva Ahlberg", "Elsa Eriksson", "Nils Nord", "Axel Ås"]

    # Membership dates are respected: early in the term Nils had not joined yet.
    page = window.groups_page
    early = desktop_school.school.builder.term.start + dt.timedelta(days=10)
    page.date_edit.setDate(QDate(early.year, early.month, early.day))
    wait_reads_done(qtbot, window)
    assert [p.full_name for p in page.pupil_model.rows()] == [
        "Alva Ahlberg",
        "Elsa Eriksson",
        "Axel Ås",
    ]
    school_day = desktop_school.today
    page.date_edit.setDate(QDate(school_day.year, school_day.month, school_day.day))
    wait_reads_done(qtbot, window)

    week_online = _week(qtbot, window)
    assert sum(len(day) for day in week_online) >= 2

    # The server goes away (Wi-Fi drops in the classroom).
    server.stop()
    assert controller.sync is not None
    with qtbot.waitSignal(controller.sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(window.status.sync_button, Qt.MouseButton.LeftButton)
    assert finished.args == [False]
    assert controller.sync_state.connection is Connection.OFFLINE
    assert window.status.sync_label.text().startswith("Showing data from ")
    assert "Offline" in window.status.connection_label.text()

    # Browsing again shows exactly the same data, from the local cache.
    assert _groups(qtbot, window) == groups
    assert _members(qtbot, window, "7A") == members
    assert _week(qtbot, window) == week_online
    open_page(qtbot, window, window.today_page)
    assert sorted(lesson.activity_name for lesson in window.today_page.model.rows()) == today

    # Calm: not a single error dialog on the way.
    assert reporter[1].messages == []


def test_start_offline_from_the_stored_session(
    qtbot: QtBot,
    server: ServerProcess,
    desktop_school: DesktopSchool,
    make_controller: ControllerFactory,
    reporter: tuple[object, Reported],
) -> None:
    first = make_controller()
    log_in(qtbot, first, server.url, "anna", desktop_school.passwords["anna"])
    first.shutdown()
    assert first.window is not None
    first.window.close()
    server.stop()

    # Next morning, no network: the app opens straight to the cached data.
    again = make_controller()
    with qtbot.waitSignal(again.main_window_shown, timeout=TIMEOUT_MS):
        again.start()
    assert again.login_dialog is None
    window = again.window
    assert window is not None
    qtbot.waitUntil(
        lambda: again.sync_state is not None and again.sync_state.connection is Connection.OFFLINE,
        timeout=TIMEOUT_MS,
    )
    open_page(qtbot, window, window.today_page)
    assert len(window.today_page.model.rows()) == 2
    assert window.status.sync_label.text().startswith("Showing data from ")
    assert reporter[1].messages == []

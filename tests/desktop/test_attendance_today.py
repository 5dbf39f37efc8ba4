"""From Today to the roll call and back, in the real main window: Enter opens
the lesson at hand, earlier lessons without roll call are listed until
taken, and Today's "taken" column follows the marks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from tests.desktop.attendance_school import AttendanceApp, make_app

TIMEOUT_MS = 10_000


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    yield from make_app(tmp_path)


@pytest.fixture
def window(qtbot: QtBot, app: AttendanceApp) -> MainWindow:
    window = MainWindow(app.services)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.today_page.loaded, timeout=TIMEOUT_MS):
        window.show()
    return window


def settle(qtbot: QtBot, app: AttendanceApp) -> None:
    qtbot.waitUntil(lambda: app.runner.pending("db") == 0, timeout=TIMEOUT_MS)
    assert app.errors == []


def test_today_opens_the_roll_call_of_the_lesson_at_hand_with_enter(
    qtbot: QtBot, app: AttendanceApp, window: MainWindow
) -> None:
    today = window.today_page
    assert today.card.isVisible()
    assert today.now_card.text().startswith("Now: Matematik with 7A in B12")
    assert today.roll_call_button.text() == "Take roll call ▶"
    assert today.roll_call_button.hasFocus()
    page = window.attendance_page
    with qtbot.waitSignal(page.roll_call.loaded, timeout=TIMEOUT_MS):
        qtbot.keyClick(today.roll_call_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page
    assert page.stack.currentWidget() is page.roll_call
    call = page.roll_call.roll_call
    assert call is not None
    assert call.lesson.id == app.room.lesson
    assert page.roll_call.table.hasFocus()  # ready for the first key
    # Everyone present in one go, then Esc back to the lists.
    qtbot.keyClick(
        page.roll_call.table,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, app)
    assert app.room.registered()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        qtbot.keyClick(page.roll_call.table, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.overview
    assert "roll call taken for 1 of 1 lessons today" in page.subtitle.text()
    window.show_page(today)
    qtbot.waitUntil(lambda: today.roll_call_button.text() == "Roll call taken — open ▶")
    taken = [row for row in today.model.rows() if row.id == app.room.lesson]
    assert taken[0].registered


def test_earlier_lessons_without_roll_call_are_listed_until_taken(
    qtbot: QtBot, app: AttendanceApp, window: MainWindow
) -> None:
    today = window.today_page
    missing = [lesson.id for lesson in today.missing_model.rows()]
    assert missing == [app.room.missed]  # not the registered one, not today's
    assert today.missing_table.isVisible()
    assert "roll call not taken (1)" in today.missing_title.text()
    page = window.attendance_page
    index = today.missing_model.index(0, 0)
    today.missing_table.setCurrentIndex(index)
    with qtbot.waitSignal(page.roll_call.loaded, timeout=TIMEOUT_MS):
        qtbot.keyClick(today.missing_table, Qt.Key.Key_Return)
    call = page.roll_call.roll_call
    assert call is not None
    assert call.lesson.id == app.room.missed
    # On a past day "arrived now" means nothing, but typed minutes work.
    qtbot.keyClick(page.roll_call.table, Qt.Key.Key_S)
    assert "Type the" in page.roll_call.message_label.text()
    page.roll_call.mark_all_present()
    settle(qtbot, app)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.roll_call.back_button.click()
    assert page.missing_model.rows() == []
    assert "Every earlier roll call this term is taken." in page.missing_title.text()
    with qtbot.waitSignal(today.loaded, timeout=TIMEOUT_MS):
        window.show_page(today)
    assert today.missing_model.rows() == []
    assert not today.missing_table.isVisible()


def test_the_statistics_tab_opens_a_pupil(
    qtbot: QtBot, app: AttendanceApp, window: MainWindow
) -> None:
    page = window.attendance_page
    window.show_page(page)
    with qtbot.waitSignal(page.statistics.loaded, timeout=TIMEOUT_MS):
        page.show_statistics()
    assert page.statistics.stats is not None
    proxy = page.statistics.proxy
    first = proxy.index(0, 0)
    page.statistics.table.setCurrentIndex(first)
    with qtbot.waitSignal(window.pupils_page.loaded, timeout=TIMEOUT_MS):
        qtbot.keyClick(page.statistics.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.pupils_page
    assert window.pupils_page.pupil_id == app.room.pupils["Alva"]


def test_a_lesson_in_the_timetable_opens_its_roll_call(
    qtbot: QtBot, app: AttendanceApp, window: MainWindow
) -> None:
    timetable = window.timetable_page
    with qtbot.waitSignal(timetable.loaded, timeout=TIMEOUT_MS):
        window.show_page(timetable)
    day = next(
        (view, model)
        for view, model in zip(timetable.week_lists, timetable.week_models, strict=True)
        if model.rowCount() > 0 and view.isVisible()
    )
    view, model = day
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    page = window.attendance_page
    with qtbot.waitSignal(page.roll_call.loaded, timeout=TIMEOUT_MS):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page
    call = page.roll_call.roll_call
    assert call is not None
    assert call.lesson.id == model.rows()[0].id
    settle(qtbot, app)

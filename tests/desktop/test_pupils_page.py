"""The Pupils page's first look: the teacher's pupils at once, by group,
narrowed as the teacher types; an empty cache says what to do."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.pages.page import PageServices
from desktop.pages.pupils_page import PupilsPage
from desktop.task_runner import TaskRunner
from local_db.cache import open_cache
from tests.desktop.attendance_school import DAY, AttendanceApp, make_app, sync_in
from tests.desktop.helpers import TIMEOUT_MS, offline_session


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    """7A (30 pupils today; Lisa left yesterday) and 7B, where Alva is too."""
    made = make_app(tmp_path)
    app = next(made)
    room = app.room

    def second_group(data: object) -> None:
        from tests.local_db.records import RecordBuilder

        assert isinstance(data, RecordBuilder)
        group_7b = data.group("7B")
        zelda = data.person("Zelda", "Zander")
        data.member(group_7b, zelda, DAY)
        data.member(group_7b, room.pupils["Alva"], DAY)
        data.activity("Engelska 7B", [group_7b], [room.me], subject_name="Engelska")

    sync_in(room.cache, second_group)
    yield app
    next(made, None)


def open_page(qtbot: QtBot, services: PageServices) -> PupilsPage:
    page = PupilsPage(services)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show()
    return page


def names(page: PupilsPage) -> list[str]:
    return [f"{p.given_name} {p.family_name}" for p in page.shown_pupils()]


def test_every_pupil_is_listed_by_group_before_anything_is_typed(
    qtbot: QtBot, app: AttendanceApp, qtmodeltester: ModelTester
) -> None:
    page = open_page(qtbot, app.services)
    model = page.pupil_filter
    groups = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert groups == ["7A · 30 pupils", "7B · 2 pupils"]
    first_group = model.index(0, 0)
    assert model.index(0, 0, first_group).data() == "Ahlberg, Alva"
    assert model.rowCount(model.index(1, 0)) == 2
    assert page.pupil_list.isExpanded(first_group)
    assert page.list_stack.currentWidget() is page.pupil_list
    assert page.subtitle.text() == "31 pupils in 2 groups"  # Alva once, Lisa not at all
    assert "Lisa Lämnat" not in names(page)
    qtmodeltester.check(page.pupil_model)
    qtmodeltester.check(model)


def test_typing_narrows_the_list_at_once_and_enter_opens_the_first(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = open_page(qtbot, app.services)
    qtbot.keyClicks(page.search_edit, "BERG")
    assert names(page) == [
        "Alva Ahlberg",
        "Bruno Berg",
        "Saga Sandberg",
        "Sixten Sjöberg",
        "Åke Öberg",
    ]
    assert page.subtitle.text() == "5 pupils found"
    page.search_edit.clear()
    page.search_edit.insert("ö")  # QTest types ASCII only; this is what a keypress inserts
    assert "Gustav Göransson" in names(page)
    assert all("ö" in name.lower() for name in names(page))

    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "7b")  # a group's name shows all its pupils
    assert names(page) == ["Alva Ahlberg", "Zelda Zander"]
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.pupil_id == app.room.pupils["Alva"]
    assert page.detail.name_label.text() == "Alva Ahlberg"


def test_choosing_a_pupil_in_the_list_opens_their_page(qtbot: QtBot, app: AttendanceApp) -> None:
    page = open_page(qtbot, app.services)
    group = page.pupil_filter.index(1, 0)
    zelda = page.pupil_filter.index(1, 0, group)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.pupil_list.setCurrentIndex(zelda)
    assert page.detail.name_label.text() == "Zelda Zander"
    # The choice survives a refresh (a sync arriving) and a filter that keeps it.
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.refresh()
    assert page.pupil_list.currentIndex().data() == "Zander, Zelda"


def test_no_match_says_so(qtbot: QtBot, app: AttendanceApp) -> None:
    page = open_page(qtbot, app.services)
    qtbot.keyClicks(page.search_edit, "xyzzy")
    assert page.list_stack.currentWidget() is page.no_match
    assert page.no_match.text() == "No pupil or group matches “xyzzy”. Check the spelling."
    page.search_edit.clear()
    assert page.list_stack.currentWidget() is page.pupil_list


def test_before_the_first_sync_the_page_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    cache = open_cache(None, secrets.token_bytes(32))
    runner = TaskRunner(error_handler=lambda exc: pytest.fail(repr(exc)))
    session = offline_session(cache, username="ny", display_name="Ny Lärare", profile_id="empty")
    try:
        page = open_page(qtbot, PageServices(runner, session))
        assert page.list_stack.currentWidget() is page.no_pupils
        assert page.no_pupils.isVisible()
        assert page.no_pupils.text().startswith("No pupils yet.")
        assert "synced with the school's server" in page.no_pupils.text()
    finally:
        runner.shutdown()
        cache.close()

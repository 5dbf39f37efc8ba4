"""The first look: a page with nothing to show says why and what to do,
before the first download (it is coming) and after it (the school has
nothing for this teacher yet). Real pages on a real, empty cache."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop import local_time
from desktop.main_window import MainWindow
from desktop.pages.page import Page, PageServices, not_downloaded_yet
from desktop.task_runner import TaskRunner
from local_db.cache import Cache, open_cache
from tests.desktop.attendance_school import sync_in
from tests.desktop.helpers import offline_session, open_page

MONDAY = dt.date(2026, 9, 14)
SATURDAY = dt.date(2026, 9, 19)


def _window(qtbot: QtBot, cache: Cache, runner: TaskRunner, day: dt.date) -> MainWindow:
    session = offline_session(cache, username="ny", display_name="Ny Lärare", profile_id="empty")
    moment = dt.datetime.combine(day, dt.time(10, 0), tzinfo=local_time.SCHOOL_TZ)
    window = MainWindow(PageServices(runner, session, lambda: moment.astimezone(dt.UTC)))
    qtbot.addWidget(window)
    window.resize(1120, 720)
    window.show()
    return window


@pytest.fixture
def empty_cache() -> Iterator[tuple[Cache, TaskRunner]]:
    cache = open_cache(None, secrets.token_bytes(32))
    runner = TaskRunner(error_handler=lambda exc: pytest.fail(repr(exc)))
    yield cache, runner
    runner.shutdown()
    cache.close()


def _shown_empty_texts(page: Page) -> list[str]:
    """The empty-state and coming-soon texts a teacher can see on the page."""
    return [
        label.text()
        for label in page.findChildren(QLabel)
        if label.objectName() in {"emptyState", "comingSoon"}
        and label.isVisible()
        and label.text().strip()
    ]


def test_before_the_first_download_every_page_says_it_is_coming(
    qtbot: QtBot, empty_cache: tuple[Cache, TaskRunner]
) -> None:
    window = _window(qtbot, *empty_cache, MONDAY)
    coming = not_downloaded_yet()
    for page in (
        window.today_page,
        window.timetable_page,
        window.groups_page,
        window.planning_page,
    ):
        open_page(qtbot, window, page)
        assert _shown_empty_texts(page) == [coming], page.title()
    open_page(qtbot, window, window.attendance_page)
    assert coming in _shown_empty_texts(window.attendance_page)
    open_page(qtbot, window, window.pupils_page)
    (pupils_text,) = _shown_empty_texts(window.pupils_page)[:1]
    assert pupils_text.startswith("No pupils yet.")
    assert window.status.sync_label.text() == "Not synced yet"


def test_after_the_download_an_empty_page_says_what_to_do(
    qtbot: QtBot, empty_cache: tuple[Cache, TaskRunner]
) -> None:
    cache, _runner = empty_cache
    sync_in(cache, lambda _data: None)  # the server had nothing for this teacher
    window = _window(qtbot, *empty_cache, MONDAY)
    expected = {
        window.today_page: "You have no lessons today. Your week is in the Timetable (Ctrl+2).",
        window.timetable_page: "You have no lessons this week. See another week with ◀ Previous",
        window.groups_page: "You don't teach any groups yet. Your groups come from the school's",
        window.attendance_page: "You have no lessons today, so there is no roll call to take.",
        window.conflicts_page: "Nothing to decide.",
        window.planning_page: "You don't teach any group yet, so there is nothing to plan.",
        window.assessment_page: "You don't teach any group yet, so there is nothing to assess.",
    }
    for page, start in expected.items():
        open_page(qtbot, window, page)
        texts = _shown_empty_texts(page)
        assert any(text.startswith(start) for text in texts), (page.title(), texts)
    window.timetable_page.set_week_mode(False)
    open_page(qtbot, window, window.timetable_page)
    assert _shown_empty_texts(window.timetable_page) == [
        "You have no lessons this day. See another day with ◀ Previous and Next ▶ "
        "(Alt+Left, Alt+Right), or return to today with Today (Alt+Home)."
    ]


def test_on_a_weekend_today_says_so(qtbot: QtBot, empty_cache: tuple[Cache, TaskRunner]) -> None:
    cache, _runner = empty_cache
    sync_in(cache, lambda _data: None)
    window = _window(qtbot, *empty_cache, SATURDAY)
    open_page(qtbot, window, window.today_page)
    assert _shown_empty_texts(window.today_page) == [
        "No lessons today. Enjoy the weekend! Next week is in the Timetable (Ctrl+2)."
    ]

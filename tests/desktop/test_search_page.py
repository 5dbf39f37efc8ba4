"""Search in the main window, offscreen with a real cache: Ctrl+K and Ctrl+F
focus the field, typing shows results off the UI thread, a colleague's
private note is never among them, opening a note shows the pupil with the
note chosen in the timeline. The results model passes qtmodeltester."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import desktop.pages.search_page as search_page_module
from desktop.main_window import MainWindow
from desktop.models.search_results_model import SearchResultsModel
from local_db.search import SearchHit
from local_db.search.views import NOTE, PUPIL, UNIT
from tests.desktop.attendance_school import AttendanceApp, make_app, sync_in
from tests.desktop.helpers import TIMEOUT_MS
from tests.desktop.timeline_school import timeline_records


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    made = make_app(tmp_path)
    app = next(made)
    sync_in(app.room.cache, lambda data: timeline_records(app.room, data))
    yield app
    next(made, None)


def _window(qtbot: QtBot, app: AttendanceApp) -> MainWindow:
    window = MainWindow(app.services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _type(qtbot: QtBot, window: MainWindow, text: str) -> list[SearchHit]:
    page = window.search_page
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        window.search_field.edit.setText(text)
    qtbot.waitUntil(lambda: page.results is not None and page.results.typed == text)
    return page.model.rows()


@pytest.mark.parametrize("keys", ["Ctrl+K", "Ctrl+F"])
def test_the_shortcut_focuses_the_search_field(qtbot: QtBot, app: AttendanceApp, keys: str) -> None:
    window = _window(qtbot, app)
    window.activateWindow()
    qtbot.waitActive(window)
    window.nav.setFocus()
    [shortcut] = [s for s in window.findChildren(QShortcut) if s.key() == QKeySequence(keys)]
    edit = window.search_field.edit

    def focused_after_shortcut() -> bool:
        # Emitted, not typed: the offscreen platform delivers no key to an
        # inactive window; again at each poll, as the first window of a
        # process may become active only after the first try.
        shortcut.activated.emit()
        return QApplication.focusWidget() is edit

    qtbot.waitUntil(focused_after_shortcut)


def test_typing_searches_off_the_ui_thread_and_hides_a_colleagues_private_note(
    qtbot: QtBot, app: AttendanceApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = search_page_module.search

    def recording(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search_page_module, "search", recording)
    window = _window(qtbot, app)
    hits = _type(qtbot, window, "alva")
    assert window.stack.currentWidget() is window.search_page
    assert [hit.kind for hit in hits][:1] == [PUPIL]
    assert threads
    assert threading.main_thread() not in threads
    assert _type(qtbot, window, "privata tanke") == []  # Cecilia's, in this cache by accident
    assert [hit.kind for hit in _type(qtbot, window, "minnesanteckning")] == [NOTE]


def test_opening_a_note_shows_the_pupil_with_the_note_chosen(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    window = _window(qtbot, app)
    [hit] = _type(qtbot, window, "räcker upp")
    pupils = window.pupils_page
    with qtbot.waitSignal(pupils.loaded, timeout=TIMEOUT_MS):
        window.search_page.open_first()
    qtbot.waitUntil(lambda: pupils.pupil_id == app.room.pupils["Alva"] and pupils.shown is not None)
    qtbot.waitUntil(lambda: pupils.detail_tabs.currentWidget() is pupils.timeline)
    chosen = pupils.timeline.table.currentIndex()
    entry = pupils.timeline.model.row_at(chosen.row())
    assert window.stack.currentWidget() is pupils
    assert entry is not None
    assert getattr(entry.item, "id", None) == hit.record_id


def test_the_results_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = SearchResultsModel()
    hits = [
        SearchHit(UNIT, uuid.uuid4(), "Bråk och procent", "\x02Bråk\x03 och procent"),
        SearchHit(PUPIL, uuid.uuid4(), "Åsa Öberg", "\x02Åsa\x03 Öberg", pupil_id=uuid.uuid4()),
    ]
    model.set_hits(hits)
    qtmodeltester.check(model)
    assert [model.index(r, SearchResultsModel.KIND).data() for r in range(2)] == ["Pupil", "Unit"]
    assert model.index(1, SearchResultsModel.FOUND).data() == "Bråk och procent"

"""Desktop tests: real widgets offscreen, a real server process, the real
cache. Any Qt warning fails the test (qutebrowser's habit): a warning is a
bug we have not looked at yet."""

from __future__ import annotations

import datetime as dt
import gc
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import local_time, resources
from desktop.app_controller import AppController
from desktop.application import install_language
from desktop.error_reporter import ErrorReporter
from desktop.main_thread_gc import MainThreadGarbageCollector
from local_db.keystore import KeyStore
from tests.desktop.desktop_school import DesktopSchool, build_desktop_school
from tests.support.server_process import ServerProcess

#: Offscreen-platform chatter that says nothing about our code.
QT_LOG_IGNORE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"QFont::setPointSizeF: Point size <= 0",  # never from us; offscreen font db
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/desktop/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app (desktop.main_thread_gc): the cycle collector runs on
    the GUI thread only, so a page's worker thread never frees a widget
    left over from an earlier test (a segfault in CI before this)."""
    collector = MainThreadGarbageCollector()
    yield
    collector.uninstall()
    collector.deleteLater()
    gc.collect()


@pytest.fixture(autouse=True)
def english_ui(qapp: QApplication) -> Iterator[None]:
    """Tests read English source strings; the look is the real one."""
    install_language(qapp, "en")
    qapp.setStyleSheet(resources.style_sheet())
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()


# --- a school on a real server ------------------------------------------------


@pytest.fixture(scope="module")
def desktop_school(database_factory: Callable[[], str]) -> DesktopSchool:
    """One server database per test module, on each backend the run has
    (SQLite, and PostgreSQL in CI): the desktop must not notice which."""
    return build_desktop_school(database_factory())


@pytest.fixture
def server(desktop_school: DesktopSchool, tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(desktop_school.database_url, tmp_path / "server.log")
    process.start()
    yield process
    process.stop()


@pytest.fixture
def school_clock(desktop_school: DesktopSchool) -> Callable[[], dt.datetime]:
    """The app's clock: the school day the school was built for, mid-morning."""
    moment = dt.datetime.combine(
        desktop_school.today, dt.time(10, 30), tzinfo=local_time.SCHOOL_TZ
    ).astimezone(dt.UTC)
    return lambda: moment


@dataclass
class Reported:
    """Every message the error reporter showed (dialogs are off in tests)."""

    messages: list[tuple[str, str]]


@pytest.fixture
def reporter(tmp_path: Path) -> tuple[ErrorReporter, Reported]:
    reporter = ErrorReporter(tmp_path / "klassbok.log")
    reporter.dialogs_enabled = False
    seen = Reported([])
    reporter.message_shown.connect(lambda title, text: seen.messages.append((title, text)))
    return reporter, seen


ControllerFactory = Callable[..., AppController]


@pytest.fixture
def make_controller(
    qtbot: object,
    tmp_path: Path,
    reporter: tuple[ErrorReporter, Reported],
    school_clock: Callable[[], dt.datetime],
) -> Iterator[ControllerFactory]:
    made: list[AppController] = []

    def make(
        server_url: str | None = None,
        data_dir: Path | None = None,
        keystore: KeyStore | None = None,
    ) -> AppController:
        controller = AppController(
            data_dir or tmp_path / "profile",
            keystore=keystore or KeyStore(),
            reporter=reporter[0],
            server_url=server_url,
            clock=school_clock,
        )
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
        if controller.window is not None:
            controller.window.close()
            controller.window.deleteLater()


def random_password() -> str:
    return secrets.token_urlsafe(12)

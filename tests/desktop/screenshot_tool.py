"""Render every page with the demo school, offscreen, to PNG files.

    .venv/bin/python -m tests.desktop.screenshot_tool [--lang sv|en] [--out docs/screenshots]
        [--scale 2] [--dark] [--text-size small|normal|large|larger]

--scale sets QT_SCALE_FACTOR (2: a 200 % display; the window keeps its size in
device-independent pixels, so the PNGs are twice as large). --dark gives the
app a dark system palette before Klassbok's style is applied, as a desktop in
dark mode does; --text-size is the teacher's setting. Each adds a part to the
file names (sv-dark-today.png, sv-200-today.png, sv-larger-today.png).

Starts a demo server of its own (a temporary database), logs in as the demo
teacher with an in-memory keyring, sets the app's clock to mid-morning of a
school day, and grabs each page (QWidget.grab). Used to look at the screens
the way a teacher will; the PNGs in docs/screenshots come from here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtWidgets import QApplication, QWidget

from desktop import local_time
from desktop.app_controller import AppController
from desktop.application import create_application
from desktop.demo_server import DemoServer, demo_teacher
from desktop.error_reporter import ErrorReporter
from desktop.login_dialog import LoginDialog
from desktop.logout_dialog import LogoutDialog
from desktop.pages.page import Page
from desktop.settings import DEFAULT_TEXT_SIZE, TEXT_SIZES, AppSettings
from local_db.keystore import KeyStore
from local_db.sync.errors import InvalidCredentials
from tests.desktop.desktop_school import school_day
from tests.desktop.palettes import dark_palette
from tests.support.keyring_backend import MemoryKeyring

SIZE = (1180, 740)


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str) -> Path:
    settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"  {path}")
    return path


def show_page(controller: AppController, page: Page) -> None:
    window = controller.window
    assert window is not None
    loaded: list[bool] = []
    page.loaded.connect(lambda: loaded.append(True))
    window.show_page(page)
    page.refresh()
    wait_until(lambda: bool(loaded))


def use_dark_system_palette(argv: list[str]) -> None:
    """Start the QApplication with a dark palette, as a desktop in dark mode gives."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setPalette(dark_palette())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR, e.g. 2")
    parser.add_argument("--dark", action="store_true", help="a dark system palette")
    parser.add_argument("--text-size", choices=TEXT_SIZES, default=DEFAULT_TEXT_SIZE)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"{args.lang}-"
    if args.dark:
        prefix += "dark-"
    if args.text_size != DEFAULT_TEXT_SIZE:
        prefix += f"{args.text_size}-"
    if args.scale != 1.0:
        prefix += f"{round(args.scale * 100)}-"
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # read when QApplication starts

    day = school_day(local_time.today())
    moment = dt.datetime.combine(day, dt.time(10, 20), tzinfo=local_time.SCHOOL_TZ)
    clock = moment.astimezone(dt.UTC)

    with tempfile.TemporaryDirectory(prefix="klassbok-shots-") as temp:
        folder = Path(temp)
        server = DemoServer(folder / "server", day)
        accounts = server.prepare()
        url = server.start()
        try:
            if args.dark:
                use_dark_system_palette([sys.argv[0]])
            _app = create_application([sys.argv[0]], args.lang)  # kept alive
            keyring.set_keyring(MemoryKeyring())
            reporter = ErrorReporter(folder / "klassbok.log")
            reporter.dialogs_enabled = False
            reporter.message_shown.connect(lambda t, m: print(f"  message: {t}: {m}"))

            login = LoginDialog(url, "", keyring_available=True)
            login.user_edit.setText("sara")
            login.show_error(InvalidCredentials())
            login.resize(480, login.sizeHint().height())
            login.show()
            save(login, out, prefix + "login-error")
            login.close()
            no_keyring = LoginDialog("https://klassbok.bjorkskolan.se", "", keyring_available=False)
            no_keyring.show()
            save(no_keyring, out, prefix + "login-no-keyring")
            no_keyring.close()

            AppSettings(folder / "client").set_text_size(args.text_size)  # as a teacher chose
            controller = AppController(
                folder / "client",
                keystore=KeyStore(),
                reporter=reporter,
                server_url=url,
                demo=True,
                clock=lambda: clock,
            )
            teacher = demo_teacher(accounts)
            controller.log_in(url, teacher.username, teacher.password)
            wait_until(lambda: controller.window is not None)
            wait_until(
                lambda: (
                    controller.sync is not None
                    and controller.sync.state.has_synced_once
                    and not controller.sync.state.syncing
                )
            )
            window = controller.window
            assert window is not None
            window.resize(*SIZE)

            show_page(controller, window.today_page)
            save(window, out, prefix + "today")
            show_page(controller, window.timetable_page)
            save(window, out, prefix + "timetable-week")
            window.timetable_page.set_week_mode(False)
            show_page(controller, window.timetable_page)
            save(window, out, prefix + "timetable-day")
            window.timetable_page.set_week_mode(True)

            groups = window.groups_page
            show_page(controller, groups)
            first = next(g for g in groups.group_model.rows() if g.display_name == "7A")
            loaded: list[bool] = []
            groups.loaded.connect(lambda: loaded.append(True))
            groups.select_group(first.id)
            wait_until(lambda: bool(loaded))
            save(window, out, prefix + "groups")

            pupils = window.pupils_page
            members = groups.pupil_model.rows()
            protected = next((p for p in members if p.protected), None)
            ordinary = next(p for p in members if not p.protected)
            for pupil, name in ((ordinary, "pupil"), (protected, "pupil-protected")):
                if pupil is None:
                    continue
                pupils.search_edit.setText(pupil.family_name)
                pupils.show_pupil(pupil.id)
                show_page(controller, pupils)
                save(window, out, prefix + name)

            show_page(controller, window.attendance_page)
            save(window, out, prefix + "attendance")
            show_page(controller, window.planning_page)
            save(window, out, prefix + "planning")
            page = window.assessment_page
            show_page(controller, page)
            page.table.setCurrentIndex(page.proxy.index(0, 1))
            save(window, out, prefix + "assessment")

            window.show_settings()
            assert window.settings_dialog is not None
            save(window.settings_dialog, out, prefix + "settings")
            window.settings_dialog.close()

            logout = LogoutDialog(has_local_copy=True, pending_changes=0, parent=window)
            logout.show()
            save(logout, out, prefix + "logout")
            logout.close()

            server.stop()
            finished: list[bool] = []
            assert controller.sync is not None
            controller.sync.sync_finished.connect(finished.append)
            controller.sync.sync_now()
            wait_until(lambda: bool(finished))
            show_page(controller, window.today_page)
            save(window, out, prefix + "today-offline")
            controller.shutdown()
            window.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`klassbok`: the desktop app's entry point.

    klassbok [--server URL] [--data-dir DIR] [--lang sv|en] [--measure-startup] [--self-test]

The default language is Swedish when the system locale is Swedish, else
English. --measure-startup prints how long it took from the start of the
process's Python code to the Today page showing data, then quits.
--self-test checks the installation (desktop/self_test.py) and quits.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before the heavy imports: they are part of start-up

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.app_controller import AppController

from desktop.application import (  # noqa: E402  (light: Qt is imported inside)
    APP_NAME,
    LANGUAGES,
    create_application,
    damaged_catalogue,
    damaged_catalogue_message,
    import_core_before_qt,
    system_language,
)

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="klassbok", description="Klassbok for teachers.")
    parser.add_argument("--server", metavar="URL", help="the school's Klassbok server")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="folder for settings, the local copy of the school data and the log "
        "(default: the user data folder)",
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="language (default: from the system)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (temporary profile, no server), then quit",
    )
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="print the time to the Today page showing data, then quit",
    )
    return parser


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("klassbok", appauthor=False))


def run_app(
    *,
    data_dir: Path,
    server_url: str | None,
    language: str | None,
    measure_startup: bool = False,
    demo: bool = False,
    start: Callable[[AppController], None] | None = None,
) -> int:
    """Create the app, start the controller, run the event loop, shut down cleanly."""
    import_core_before_qt()
    from PySide6.QtCore import QTimer

    from desktop import profile_lock
    from desktop.app_controller import AppController
    from desktop.app_logging import setup_logging
    from desktop.error_reporter import ErrorReporter
    from desktop.main_thread_gc import FREEZE_AFTER_MS, MainThreadGarbageCollector
    from local_db.keystore import KeyStore

    language = language or system_language()
    app = create_application(sys.argv[:1], language)
    try:
        lock = profile_lock.lock_folder(data_dir)
        if lock is None:
            profile_lock.refuse_to_start(profile_lock.already_open_message())
            return profile_lock.EXIT_ALREADY_OPEN
        log_path = setup_logging(data_dir)
    except OSError as exc:
        profile_lock.refuse_to_start(profile_lock.folder_not_writable_message(data_dir, exc))
        return profile_lock.EXIT_FOLDER_NOT_WRITABLE
    # Qt objects must never be freed on a worker thread (see the module).
    collector = MainThreadGarbageCollector(app)
    reporter = ErrorReporter(log_path)
    sys.excepthook = reporter.excepthook
    damaged = damaged_catalogue(language)
    if damaged is not None:
        reporter.show(APP_NAME, damaged_catalogue_message(damaged))
    controller = AppController(
        data_dir, keystore=KeyStore(), reporter=reporter, server_url=server_url, demo=demo
    )
    controller.quit_requested.connect(app.quit)
    _quit_on_ctrl_c(app)
    if measure_startup:
        _measure(controller)
    (start or AppController.start)(controller)
    QTimer.singleShot(FREEZE_AFTER_MS, collector.freeze_long_lived)
    try:
        return app.exec()
    finally:
        controller.shutdown()
        sys.excepthook = sys.__excepthook__
        lock.unlock()


def _quit_on_ctrl_c(app: QApplication) -> None:
    """Ctrl+C in the terminal, or `kill` (SIGTERM), closes the app cleanly:
    queued writes finish and the demo stops its server.

    Python handles signals only between bytecodes; a light timer gives it
    the chance while Qt's event loop runs.
    """
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda _signum, _frame: app.quit())
    signal.signal(signal.SIGTERM, lambda _signum, _frame: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(300)


def _measure(controller: AppController) -> None:
    from PySide6.QtWidgets import QApplication

    def shown(window: object) -> None:
        from desktop.main_window import MainWindow

        assert isinstance(window, MainWindow)

        def loaded() -> None:
            elapsed = time.perf_counter() - _STARTED
            print(f"Klassbok start-up to Today with data: {elapsed:.3f} s", flush=True)
            QApplication.quit()

        window.today_page.loaded.connect(loaded)

    def no_session(_dialog: object) -> None:
        from PySide6.QtCore import QTimer

        print("Klassbok start-up: no stored session (log in once first)", flush=True)
        # Possibly before the event loop runs: quit from inside it.
        QTimer.singleShot(0, lambda: QApplication.exit(3))

    controller.main_window_shown.connect(shown)
    controller.login_dialog_shown.connect(no_session)


def main(argv: Sequence[str] | None = None) -> int:
    from desktop import preflight

    args = build_parser().parse_args(argv)
    # Before Qt: a missing system library gets a message saying what to install.
    preflight.exit_unless_platform_loads(args.lang)
    if args.self_test:
        from desktop import self_test

        return self_test.run(args.lang)
    return run_app(
        data_dir=args.data_dir or default_data_dir(),
        server_url=args.server,
        language=args.lang,
        measure_startup=args.measure_startup,
    )


if __name__ == "__main__":
    sys.exit(main())

"""`python -m desktop.demo` (the README's `python3 dev.py demo`): the app
against a local demo server with a made-up school.

Starts the server as a separate process on a free port, logs in as the demo
teacher with the credentials the seed printed (kept in memory), opens Today,
and stops the server when the window closes. The demo's local copy is
removed at the end: each run gets a new port, so it could not be reused.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import local_time, preflight
from desktop.app import run_app
from desktop.application import LANGUAGES, import_core_before_qt
from desktop.demo_server import DemoAccount, DemoServer, DemoServerError, demo_teacher

DEMO_LOCK_FILE = "demo.lock"


def demo_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("klassbok-demo", appauthor=False))


def remove_leftover_copies(client_folder: Path) -> None:
    """A demo that crashed or was killed could not remove its local copy. Each
    run has a server port of its own, so an old copy is never used again:
    remove it (the demo lock says no demo is running). Logs are kept."""
    shutil.rmtree(client_folder / "profiles", ignore_errors=True)


def print_accounts(url: str, accounts: list[DemoAccount], chosen: DemoAccount) -> None:
    print(f"\nKlassbok demo server: {url}", flush=True)
    print("Demo accounts (made-up school; passwords are for this demo only):")
    print(f"  {'user':<8} {'password':<14} {'who':<24} shows")
    for account in accounts:
        mark = "  <- signed in" if account == chosen else ""
        print(
            f"  {account.username:<8} {account.password:<14} {account.display_name:<24} "
            f"{account.shows or account.role}{mark}"
        )
    print("Log in as another account with the app's Log out… button.", flush=True)
    print(flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="klassbok-demo", description=__doc__)
    parser.add_argument("--lang", choices=LANGUAGES, help="language (default: from the system)")
    parser.add_argument("--reset", action="store_true", help="make a fresh demo school")
    args = parser.parse_args(argv)
    # Before the server is seeded: a computer that cannot show the window is
    # told what to install, and nothing is left running.
    preflight.exit_unless_platform_loads(args.lang)

    folder = demo_folder()
    import_core_before_qt()  # the lock is Qt's: keep the faster import order
    from desktop import profile_lock

    try:
        demo_lock = profile_lock.lock_folder(folder, DEMO_LOCK_FILE)
    except OSError as exc:
        message = profile_lock.folder_not_writable_message(folder, exc)
        print(f"Klassbok demo: {message}", file=sys.stderr)
        return profile_lock.EXIT_FOLDER_NOT_WRITABLE
    if demo_lock is None:
        print(
            "Klassbok demo: the demo is already running on this computer; close its window first.",
            file=sys.stderr,
        )
        return profile_lock.EXIT_ALREADY_OPEN
    remove_leftover_copies(folder / "client")
    server = DemoServer(folder / "server", local_time.today())
    if args.reset:
        server.reset()
    try:
        accounts = server.prepare()
        url = server.start()
    except DemoServerError as exc:
        print(f"Klassbok demo: {exc}", file=sys.stderr)
        return 1
    teacher = demo_teacher(accounts)
    print_accounts(url, accounts, teacher)

    def log_in(controller: object) -> None:
        from desktop.app_controller import AppController
        from desktop.error_messages import user_message

        assert isinstance(controller, AppController)

        def failed(exc: Exception) -> None:
            # No window to show it in yet: say it where the demo was started.
            print(f"Klassbok demo: could not log in: {user_message(exc) or exc!r}", file=sys.stderr)
            controller.quit_requested.emit()

        controller.log_in(url, teacher.username, teacher.password, on_failure=failed)

    try:
        return run_app(
            data_dir=folder / "client",
            server_url=url,
            language=args.lang,
            demo=True,
            start=log_in,
        )
    finally:
        server.stop()
        demo_lock.unlock()


if __name__ == "__main__":
    sys.exit(main())

"""The demo's own server, run as a separate process (the desktop never imports
server code): `python -m server.cli --database-url ... init-db | seed-demo | serve`.

The demo database lives in the user data folder and is reused the same day;
it is made again when it was seeded for another day, so the demo's "today"
always has lessons. The accounts come from the seed's --json summary; their
password is made at random for each run, handed to the server (seed-demo
--password, or set-password on stdin) and kept in memory only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

READY_LINE = re.compile(r"Klassbok server listening on (http://127\.0\.0\.1:\d+)")
SUMMARY_FILE = "seed-summary.json"
START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    display_name: str
    #: What the account shows in the demo (from the seed's summary).
    shows: str = ""


class DemoServerError(RuntimeError):
    """The demo server could not be prepared or started (message for the terminal)."""


def _cli(database_url: str, *args: str, watch_stdin: bool = True) -> list[str]:
    """The server command, run as a child that ends with this process
    (desktop.watched_child): the server never outlives the demo."""
    watch = [] if watch_stdin else ["--keep-stdin"]
    return [
        sys.executable,
        "-m",
        "desktop.watched_child",
        "--parent-pid",
        str(os.getpid()),
        *watch,
        "server.cli",
        "--database-url",
        database_url,
        *args,
    ]


def _own_process_group() -> dict[str, Any]:
    """Popen options that put the server in a process group of its own: a
    Ctrl+C in the terminal reaches the app, which stops the server in order,
    and stop() can end the whole group."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def parse_accounts(summary: dict[str, Any], password: str) -> list[DemoAccount]:
    """The accounts listed by `seed-demo --json`, with the password we chose."""
    accounts = [
        DemoAccount(
            username=str(entry["username"]),
            password=password,
            role=str(entry.get("role", "teacher")),
            display_name=str(entry.get("display_name", entry["username"])),
            shows=str(entry.get("shows", "")),
        )
        for entry in summary.get("accounts", [])
        if isinstance(entry, dict) and entry.get("username")
    ]
    if not accounts:
        raise DemoServerError("seed-demo --json listed no accounts")
    return accounts


def demo_teacher(accounts: list[DemoAccount]) -> DemoAccount:
    return next((a for a in accounts if a.role == "teacher"), accounts[0])


class DemoServer:
    """Prepare the demo database, start the server, stop it at the end."""

    def __init__(self, folder: Path, today: dt.date) -> None:
        self.folder = folder
        self.today = today
        self.database_path = folder / "demo-server.sqlite3"
        self.database_url = f"sqlite:///{self.database_path}"
        self.log_path = folder / "demo-server.log"
        #: The seed's summary (no secrets in it); kept to reuse the database.
        self.summary_path = folder / SUMMARY_FILE
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    # --- database ----------------------------------------------------------------

    def prepare(self) -> list[DemoAccount]:
        """Create and seed the demo database, or reuse today's.

        Every run gets fresh random passwords, given to the server on stdin or
        its command line and kept in this process's memory only.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(9)
        summary = self._reusable_summary()
        if summary is not None:
            log.info("reusing the demo database seeded for %s", self.today)
            accounts = parse_accounts(summary, password)
            for account in accounts:
                self._run(
                    "set-password", account.username, "--password-stdin", stdin=password + "\n"
                )
            return accounts
        self._remove_database()
        self._run("init-db")
        output = self._run(
            "seed-demo", "--today", self.today.isoformat(), "--password", password, "--json"
        )
        summary = json.loads(output)
        accounts = parse_accounts(summary, password)
        self.summary_path.write_text(json.dumps(summary, ensure_ascii=False), "utf-8")
        return accounts

    def _reusable_summary(self) -> dict[str, Any] | None:
        """The stored summary when the database was seeded for today."""
        if not (self.database_path.exists() and self.summary_path.exists()):
            return None
        try:
            summary = json.loads(self.summary_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(summary, dict) or summary.get("today") != self.today.isoformat():
            return None  # another day: the demo's "today" must have lessons
        return summary

    def _remove_database(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            path = self.database_path.with_name(self.database_path.name + suffix)
            path.unlink(missing_ok=True)
        self.summary_path.unlink(missing_ok=True)

    def _run(self, *args: str, stdin: str | None = None) -> str:
        # These read stdin (set-password) and end by themselves: on Linux the
        # parent-death signal alone stops them if the demo dies meanwhile.
        proc = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            _cli(self.database_url, *args, watch_stdin=False),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        with self.log_path.open("a", encoding="utf-8") as log_file:
            # Only the command's name: its arguments may hold the demo password.
            log_file.write(f"$ klassbok-server {args[0]}: exit {proc.returncode}\n{proc.stderr}")
        if proc.returncode != 0:
            raise DemoServerError(
                f"klassbok-server {args[0]} failed ({proc.returncode}):\n"
                f"{proc.stderr.strip()[-2000:]}"
            )
        return proc.stdout

    # --- process -----------------------------------------------------------------

    def start(self) -> str:
        """Start `serve --port 0`; returns the URL from its ready line."""
        log_file = self.log_path.open("a", encoding="utf-8")
        self._proc = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            _cli(self.database_url, "serve", "--host", "127.0.0.1", "--port", "0"),
            # The child watches this pipe: it ends when the demo does, even by SIGKILL.
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            **_own_process_group(),
        )
        log_file.write(f"demo server process {self._proc.pid}\n")
        log_file.flush()
        found: list[str] = []
        ready = threading.Event()

        proc = self._proc
        assert proc.stdout is not None

        def read_output() -> None:
            for line in proc.stdout or ():
                log_file.write(line)
                log_file.flush()
                match = READY_LINE.search(line)
                if match and not found:
                    found.append(match.group(1))
                    ready.set()
            ready.set()
            log_file.close()

        threading.Thread(target=read_output, name="demo-server-output", daemon=True).start()
        if not ready.wait(START_TIMEOUT_S) or not found:
            self.stop()
            raise DemoServerError(f"the demo server did not start; see {self.log_path}")
        self.url = found[0]
        return self.url

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.wait(timeout=15)
        if proc.stdin is not None:
            proc.stdin.close()

    def reset(self) -> None:
        """Forget the demo database entirely (--reset)."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    """The server and anything it started (its own process group)."""
    if sys.platform == "win32":
        proc.kill()
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)

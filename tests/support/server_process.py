"""The real Klassbok server, started as a separate process on a free
loopback port. Tests talk to it over HTTP exactly as the desktop app does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import requests

READY_LINE = re.compile(r"Klassbok server listening on (http://127\.0\.0\.1:\d+)")


def run_cli(
    database_url: str,
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run `klassbok-server` with a database; returns the completed process."""
    proc = subprocess.run(
        [sys.executable, "-m", "server.cli", "--database-url", database_url, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
        check=False,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"klassbok-server {' '.join(args)} failed ({proc.returncode}):\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
    return proc


class ServerProcess:
    """Start, stop and restart one server process on one database."""

    def __init__(
        self,
        database_url: str,
        log_path: Path,
        env: dict[str, str] | None = None,
        extra_args: Sequence[str] = (),
    ) -> None:
        self.database_url = database_url
        self.log_path = log_path
        self.env = env or {}
        self.extra_args = tuple(extra_args)
        self.proc: subprocess.Popen[str] | None = None
        self.url = ""
        self.port = 0

    def start(self, port: int = 0, timeout: float = 60.0) -> str:
        """Start serving; port 0 lets the server choose (first start)."""
        port = port or self.port
        log = self.log_path.open("a", encoding="utf-8")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server.cli",
                "--database-url",
                self.database_url,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *self.extra_args,
            ],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, **self.env},
        )
        assert self.proc.stdout is not None
        found: list[str] = []
        done = threading.Event()

        stdout = self.proc.stdout

        def _read() -> None:
            # Closes the log and the pipe when the process ends: an unclosed
            # file is a ResourceWarning, which this suite treats as an error.
            with log, stdout:
                for line in stdout:
                    log.write(line)
                    log.flush()
                    match = READY_LINE.search(line)
                    if match and not found:
                        found.append(match.group(1))
                        done.set()
            done.set()

        self._reader = threading.Thread(target=_read, daemon=True)
        self._reader.start()
        if not done.wait(timeout) or not found:
            self.stop()
            raise AssertionError(
                f"server did not start; see {self.log_path}:\n{self.log_path.read_text()[-3000:]}"
            )
        self.url = found[0]
        self.port = int(self.url.rsplit(":", 1)[1])
        self._wait_ready(timeout)
        return self.url

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/api/v1/info", timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"server at {self.url} never answered")

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)
        self._join_reader()
        self.proc = None

    def _join_reader(self) -> None:
        reader = getattr(self, "_reader", None)
        if reader is not None:
            reader.join(timeout=15)

    def kill(self) -> None:
        """Stop without a clean shutdown (a crash)."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=15)
            self._join_reader()
            self.proc = None

    def restart(self) -> str:
        self.stop()
        return self.start(self.port)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

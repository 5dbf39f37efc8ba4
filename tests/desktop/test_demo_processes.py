"""The demo's server never outlives the app, and a second demo never trips
over a first one: the real `python -m desktop.demo` in a process of its own,
offscreen, killed as a crash or the system would kill it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.profile_lock import EXIT_ALREADY_OPEN

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

GONE_WITHIN_S = 5.0


def alive(pid: int) -> bool:
    """Running (a zombie nobody reaped yet has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def data_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo folder for the module: the school is seeded once, then reused."""
    return tmp_path_factory.mktemp("demo-data-home")


class Demo:
    def __init__(self, data_home: Path) -> None:
        self.folder = data_home / "klassbok-demo"
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(data_home),
            "QT_QPA_PLATFORM": "offscreen",
            "LANG": "en_GB.UTF-8",
        }
        #: Sign-ins the (shared) client log held before this demo started.
        self._sign_ins_before = self._sign_ins()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "desktop.demo", "--lang", "en"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def server_pid(self) -> int:
        """The server this demo started (its log names it)."""
        log = self.folder / "server" / "demo-server.log"
        pids: list[int] = []

        def started() -> bool:
            text = log.read_text("utf-8") if log.exists() else ""
            pids[:] = [int(p) for p in re.findall(r"demo server process (\d+)", text)]
            return bool(pids) and alive(pids[-1])

        wait_for(started, 180, "the demo server to start")
        return pids[-1]

    def _sign_ins(self) -> int:
        log = self.folder / "client" / "logs" / "klassbok.log"
        return log.read_text("utf-8").count("signed in; profile") if log.exists() else 0

    def wait_until_signed_in(self) -> None:
        """The app is up, its window open on Today (its event loop runs)."""
        wait_for(lambda: self._sign_ins() > self._sign_ins_before, 120, "the demo to sign in")


@pytest.fixture
def demos(data_home: Path) -> Iterator[list[Demo]]:
    started: list[Demo] = []
    yield started
    for demo in started:
        if demo.proc.poll() is None:
            demo.proc.kill()
        demo.proc.wait(timeout=30)
        if demo.proc.stderr is not None:
            demo.proc.stderr.close()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killing_the_app_stops_its_server(
    how: signal.Signals, data_home: Path, demos: list[Demo]
) -> None:
    demo = Demo(data_home)
    demos.append(demo)
    server = demo.server_pid()
    demo.wait_until_signed_in()

    demo.proc.send_signal(how)
    demo.proc.wait(timeout=30)
    wait_for(lambda: not alive(server), GONE_WITHIN_S, f"server {server} to stop after {how.name}")
    if how == signal.SIGTERM:
        assert demo.proc.returncode == 0, demo.proc.stderr.read() if demo.proc.stderr else ""


def test_a_second_demo_says_one_runs_and_the_next_starts_after_a_kill(
    data_home: Path, demos: list[Demo]
) -> None:
    first = Demo(data_home)
    demos.append(first)
    server = first.server_pid()

    second = Demo(data_home)
    demos.append(second)
    assert second.proc.wait(timeout=60) == EXIT_ALREADY_OPEN
    assert second.proc.stderr is not None
    assert "already running" in second.proc.stderr.read()
    assert alive(server), "the refused demo must not touch the running one"

    first.wait_until_signed_in()
    first.proc.kill()  # its lock file and its folders stay behind
    first.proc.wait(timeout=30)
    assert (first.folder / "demo.lock").exists()
    wait_for(lambda: not alive(server), GONE_WITHIN_S, "the first server to stop")

    third = Demo(data_home)
    demos.append(third)
    third.server_pid()
    third.wait_until_signed_in()
    third.proc.terminate()
    assert third.proc.wait(timeout=60) == 0


def test_the_watched_child_stops_when_its_pipe_closes(tmp_path: Path) -> None:
    """The watch that also works on macOS and Windows: the parent's end of
    stdin closing (here while the parent lives on)."""
    child = subprocess.Popen(
        [
            *(sys.executable, "-m", "desktop.watched_child", "--parent-pid", str(os.getpid())),
            *("http.server", "0", "--bind", "127.0.0.1", "--directory", str(tmp_path)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        assert child.poll() is None, "the child should run while its pipe is open"
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=GONE_WITHIN_S)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

"""Run a module as a child that ends when its parent does:

    python -m desktop.watched_child --parent-pid PID [--keep-stdin] MODULE [ARGS...]

The demo starts its server this way (demo_server.py), so the server never
outlives the app: not when the app exits, nor when it crashes or is killed
with SIGKILL, which no clean-up code of the app survives. Two watches, each
enough alone:

- stdin is a pipe whose other end only the parent holds; when the parent
  ends, however it ends, the system closes that end and the read here
  returns. Works on Linux, macOS and Windows. --keep-stdin leaves stdin to
  the module (a command that reads a password from it, and ends by itself).
- on Linux also the kernel's parent-death signal (prctl PR_SET_PDEATHSIG).

Either way the child gets SIGTERM, as from `kill`: the module's own
shutdown runs (the server closes its database), and if it has not ended
after GRACE_S the process exits hard.

This process runs the module and nothing of the app: the desktop app itself
never imports server code (ARCHITECTURE.md); the module is only a name here.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import runpy
import signal
import sys
import threading
import time
from collections.abc import Sequence

#: Seconds the module gets to shut down after its parent is gone.
GRACE_S = 10.0
_PR_SET_PDEATHSIG = 1


def _ask_kernel_for_parent_death_signal(parent_pid: int) -> None:
    """Linux: SIGTERM when the parent dies. A parent that died before this
    ran (the window is a few milliseconds) is caught by the pid check."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent_pid:
        os.kill(os.getpid(), signal.SIGTERM)


def _stop_when_stdin_closes() -> None:
    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass  # the parent never writes; anything sent is ignored
        except OSError:
            pass
        _stop()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _stop() -> None:
    # The same signal `kill` sends: the module's handlers shut it down cleanly.
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE_S)
    os._exit(1)  # it did not stop in time; the parent is gone, nobody waits


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="watched_child", description=__doc__)
    parser.add_argument("--parent-pid", type=int, required=True)
    parser.add_argument("--keep-stdin", action="store_true", help="do not watch stdin")
    parser.add_argument("module")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    _ask_kernel_for_parent_death_signal(args.parent_pid)
    if not args.keep_stdin:
        _stop_when_stdin_closes()
    sys.argv = [args.module, *args.args]
    try:
        runpy.run_module(args.module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

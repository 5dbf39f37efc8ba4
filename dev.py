#!/usr/bin/env python3
"""Klassbok's two commands, for a fresh machine with only Python 3.11+.

    python3 dev.py demo    set up, then open the demo (app + local server + demo school)
    python3 dev.py test    set up, then run every check: ruff, mypy and the test suite
    python3 dev.py installer   set up with PyInstaller, then build dist/Klassbok (docs/installer.md)

Setting up means a virtual environment in .venv with Klassbok installed in
editable mode; it is redone only when pyproject.toml changes. Extra arguments
after `test` go to pytest (python3 dev.py test -k sync).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _say(text: str) -> None:
    print(f"[klassbok] {text}", flush=True)


def ensure_environment(extras: str) -> None:
    """Create .venv and install Klassbok (with extras) unless already current."""
    if sys.version_info < (3, 11):
        sys.exit("Klassbok needs Python 3.11 or newer; this is " + sys.version.split()[0])
    stamp = VENV / f".installed-{extras or 'app'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        _say(f"creating a virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    target = f".[{extras}]" if extras else "."
    _say(f"installing Klassbok {target} (first time takes a minute or two)")
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--upgrade",
            "pip",
        ],
        check=True,
    )
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            target,
        ],
        check=True,
        cwd=ROOT,
    )
    stamp.write_text(wanted)


def run(*args: str) -> int:
    _say(" ".join(args))
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, check=False).returncode


def cmd_demo(extra: list[str]) -> int:
    ensure_environment("")
    return run("-m", "desktop.demo", *extra)


def cmd_test(extra: list[str]) -> int:
    ensure_environment("test")
    failures = 0
    if not extra:
        failures += run("-m", "ruff", "check", ".") != 0
        failures += run("-m", "ruff", "format", "--check", ".") != 0
        failures += run("-m", "mypy") != 0
    failures += run("-m", "pytest", *extra) != 0
    if failures:
        _say(f"{failures} check(s) failed")
    return 1 if failures else 0


def cmd_installer(extra: list[str]) -> int:
    """Build the desktop bundle from build_installer.spec into dist/Klassbok;
    extra arguments go to PyInstaller (--distpath, --workpath)."""
    ensure_environment("installer")
    return run("-m", "PyInstaller", "--noconfirm", "--clean", *extra, "build_installer.spec")


def main() -> int:
    commands = {"demo": cmd_demo, "test": cmd_test, "installer": cmd_installer}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())

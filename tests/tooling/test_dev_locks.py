"""dev.py's locked installs: the committed locks match pyproject.toml and pin
no binding known to crash, and what dev.py says when a lock is stale, a
wheel is missing or the environment holds a known-bad PySide6 (dev.py run
in a subprocess on a crafted checkout, or its pure functions)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import dev

ROOT = Path(dev.__file__).resolve().parent
PYPROJECT = (ROOT / "pyproject.toml").read_text("utf-8")


def test_every_committed_lock_is_made_for_pyproject_as_it_is() -> None:
    """CI fails here when pyproject.toml changed without python3 dev.py lock."""
    for name in dev.lock_sets(PYPROJECT):
        assert dev.lock_problem(dev.lock_path(name), PYPROJECT) is None, name


def test_the_locks_pin_one_good_binding_with_hashes_and_agree() -> None:
    app = dev.locked_versions(dev.lock_path("app").read_text("utf-8"))
    test = dev.locked_versions(dev.lock_path("test").read_text("utf-8"))
    assert {name: test[name] for name in app} == app
    assert {"pyside6-essentials", "shiboken6", "pytest-xdist"} <= test.keys()
    assert "pytest" not in app  # the installer bundles the app lock only
    for python in ((3, 11), (3, 12), (3, 13)):
        assert dev.bad_binding(test, python) is None
    text = dev.lock_path("test").read_text("utf-8")
    lines = text.splitlines()
    pins = [n for n, line in enumerate(lines) if line[:1].isalnum()]
    assert len(pins) == len(test)
    assert all(lines[n + 1].strip().startswith("--hash=sha256:") for n in pins)


def test_the_known_bad_bindings_are_excluded_in_pyproject() -> None:
    """dev.py's list and pyproject's exclusions say the same."""
    import tomllib

    requirements = [Requirement(r) for r in tomllib.loads(PYPROJECT)["project"]["dependencies"]]
    for bad in dev.KNOWN_BAD_BINDINGS:
        below = f"{bad.below_python[0]}.{bad.below_python[1]}"
        old_python = {"python_version": "3.11", "python_full_version": "3.11.7"}
        new_python = {"python_version": below, "python_full_version": below + ".0"}
        on_old = [r for r in requirements if dev.normalize(r.name) == bad.package]
        on_old = [r for r in on_old if r.marker is None or r.marker.evaluate(old_python)]
        assert on_old, bad.package
        assert all(not r.specifier.contains(bad.version) for r in on_old), bad
        on_new = [r for r in requirements if dev.normalize(r.name) == bad.package]
        on_new = [r for r in on_new if r.marker is None or r.marker.evaluate(new_python)]
        assert all(r.specifier.contains(bad.version) for r in on_new), bad


def test_the_digest_follows_the_dependency_lists_only() -> None:
    digest = dev.dependency_digest(PYPROJECT)
    assert dev.dependency_digest(PYPROJECT.replace("line-length = 100", "line-length = 99")) == (
        digest
    )
    added = PYPROJECT.replace('"pytest>=8,<10",', '"pytest>=8,<10",\n    "rich>=13",')
    assert dev.dependency_digest(added) != digest


def test_a_known_bad_binding_is_named_only_on_the_pythons_it_crashes() -> None:
    versions = {"pyside6-essentials": "6.12.0", "shiboken6": "6.12.0"}
    bad = dev.bad_binding(versions, (3, 11))
    assert bad is not None
    assert bad.package == "pyside6-essentials"
    assert dev.bad_binding(versions, (3, 12)) is None
    assert dev.bad_binding({"pyside6-essentials": "6.11.3"}, (3, 11)) is None
    message = dev.bad_binding_message(bad, (3, 11), ".venv")
    assert "pyside6-essentials 6.12.0" in message
    assert "Python 3.11" in message
    assert "none_dealloc" in message
    assert "python3 dev.py lock --keep" in message


def test_pips_words_become_what_to_do() -> None:
    hashes = "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE."
    assert "pip cache purge" in dev.pip_failure_message(hashes, "requirements/app.lock.txt", "x")
    build = "error: Failed building wheel for sqlcipher3"
    said = dev.pip_failure_message(build, "requirements/app.lock.txt", "Linux riscv64")
    assert "no ready-made sqlcipher3 for this machine (Linux riscv64)" in said
    offline = "WARNING: Retrying ... NewConnectionError('Failed to establish a new connection')"
    assert "could not reach the package index" in dev.pip_failure_message(offline, "l", "x")


def test_a_missing_wheel_is_explained_from_a_real_pip(tmp_path: Path) -> None:
    """pip (offline, an empty wheel folder) cannot find the locked PySide6:
    the message names it, this machine and the command to run."""
    lock = tmp_path / "app.lock.txt"
    lock.write_text(f"pyside6-essentials==6.11.3 \\\n    --hash=sha256:{'a' * 64}\n")
    (tmp_path / "wheels").mkdir()
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": str(tmp_path / "wheels")}
    pip = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
    options = ["--no-index", "--require-hashes", "--no-deps", "-r", str(lock)]
    proc = subprocess.run(
        [*pip, *options], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert proc.returncode != 0
    said = dev.pip_failure_message(proc.stdout + proc.stderr, "requirements/app.lock.txt", "M")
    assert said.startswith("pip found no pyside6-essentials 6.11.3 for this machine (M).")
    assert "python3 dev.py lock --upgrade-package pyside6-essentials" in said


def test_pytest_runs_on_workers_unless_told_otherwise() -> None:
    assert dev.pytest_arguments([], "3") == [
        "-n",
        "3",
        "--dist",
        "loadfile",
        "--no-loadscope-reorder",
    ]
    assert dev.pytest_arguments(["-k", "roll_call"], "3")[-2:] == ["-k", "roll_call"]
    assert dev.pytest_arguments(["-n", "2"], "3") == ["-n", "2"]
    assert dev.pytest_arguments(["-p", "no:xdist", "-x"], "3") == ["-p", "no:xdist", "-x"]
    assert dev.pytest_arguments(["-x"], "0") == ["-x"]


# --- dev.py itself, on a crafted checkout -------------------------------------


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """dev.py, pyproject.toml and the locks, copied where nothing is installed."""
    shutil.copy(ROOT / "dev.py", tmp_path / "dev.py")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def run_dev(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(checkout / "dev.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=checkout,
    )


def test_a_stale_lock_stops_dev_py_before_it_installs_anything(checkout: Path) -> None:
    pyproject = checkout / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace('"alembic>=1.13,<2",', '"alembic>=1.13,<2",\n    "rich>=13",')
    )
    proc = run_dev(checkout, "demo")
    assert proc.returncode == 1
    assert "requirements/app.lock.txt was made for other dependencies" in proc.stdout
    assert "Run: python3 dev.py lock --keep" in proc.stdout
    assert not (checkout / ".venv").exists()


def test_a_missing_lock_says_how_to_get_it_back(checkout: Path) -> None:
    (checkout / "requirements" / "test.lock.txt").unlink()
    proc = run_dev(checkout, "test")
    assert proc.returncode == 1
    assert "requirements/test.lock.txt is missing" in proc.stdout
    assert "git checkout -- requirements/" in proc.stdout


def test_the_demo_refuses_an_environment_with_a_known_bad_binding(checkout: Path) -> None:
    """Someone ran pip install -U PySide6 in .venv: dev.py demo does not start
    an app known to crash (nothing runs: the environment's python is a stub)."""
    venv = checkout / ".venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    bindir.mkdir(parents=True)
    (bindir / ("python.exe" if os.name == "nt" else "python")).write_text("not run\n")
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.11.7\n")
    site = venv / "lib" / "python3.11" / "site-packages"
    for name in ("pyside6_essentials-6.12.0", "shiboken6-6.12.0", "keyring-25.7.0"):
        (site / f"{name}.dist-info").mkdir(parents=True)
    lock_text = (checkout / "requirements" / "app.lock.txt").read_text("utf-8")
    stamp = dev.environment_stamp(lock_text, (checkout / "pyproject.toml").read_text("utf-8"))
    (venv / ".installed-app").write_text(stamp)
    assert dev.installed_versions(venv)["pyside6-essentials"] == "6.12.0"
    assert dev.venv_python(venv) == (3, 11)
    proc = run_dev(checkout, "demo")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "has pyside6-essentials 6.12.0, known to crash Klassbok on Python 3.11" in proc.stdout
    assert "Not starting it." in proc.stdout
    assert "desktop.demo" not in proc.stdout


def test_a_new_lock_says_what_it_changes_and_is_current_with_its_header(tmp_path: Path) -> None:
    old = {"pyside6-essentials": "6.11.3", "ruff": "0.17.6"}
    new = {"pyside6-essentials": "6.12.1", "pytest-xdist": "3.8.0"}
    assert dev.lock_differences(old, new) == [
        "pyside6-essentials: 6.11.3 -> 6.12.1",
        "pytest-xdist: (new) -> 3.8.0",
        "ruff: 0.17.6 -> (gone)",
    ]
    (tmp_path / "requirements").mkdir()
    lock = tmp_path / "requirements" / "test.lock.txt"
    header = dev.lock_header("test", dev.dependency_digest(PYPROJECT))
    lock.write_text(header + "ruff==0.17.6 \\\n    --hash=sha256:" + "b" * 64 + "\n")
    assert dev.lock_problem(lock, PYPROJECT) is None
    assert dev.locked_versions(lock.read_text()) == {"ruff": "0.17.6"}

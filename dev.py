#!/usr/bin/env python3
"""Klassbok's commands, for a fresh machine with only Python 3.11+.

    python3 dev.py demo    set up, then open the demo (app + local server + demo school)
    python3 dev.py test    set up, then run every check: ruff, mypy and the test suite
    python3 dev.py installer   set up with PyInstaller, then build dist/Klassbok (docs/installer.md)
    python3 dev.py lock    upgrade the locked versions in requirements/, then run the
                           Qt binding checks on them (docs/dependencies.md)

Setting up means a virtual environment in .venv with exactly the versions in
requirements/*.lock.txt (hash-checked) and Klassbok installed in editable
mode; it is redone only when a lock or pyproject.toml changes. Extra
arguments after `test` go to pytest (python3 dev.py test -k sync); pytest
runs on KLASSBOK_TEST_WORKERS processes (0: in one). `lock --keep` changes
only what pyproject.toml's new bounds force; `lock --upgrade-package NAME`
upgrades one package.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
LOCKS = ROOT / "requirements"
#: The lock tool, itself pinned so a lock is made the same way everywhere.
UV_VERSION = "0.13.9"
#: The lock header line that ties a lock to pyproject.toml's dependency lists.
DIGEST_LINE = "# pyproject-dependencies-sha256: "
#: The checks a new lock must pass before it is kept (dev.py lock).
LOCK_CHECKS = ("tests/desktop/test_binding_canary.py", "tests/desktop/test_soak.py")
#: Rounds of the soak test under dev.py lock: 8 page switches, a roll-call
#: mark and table repaints each; the 6.12.0 crash came after about 250.
LOCK_SOAK_ROUNDS = "400"
#: pytest processes for `dev.py test`: one per core. On the 2-core machine,
#: busy, 2 and 3 workers took the same time (docs/dependencies.md), and
#: fewer leave the time-sensitive tests more room. KLASSBOK_TEST_WORKERS
#: overrides; 0 runs in one process.
DEFAULT_TEST_WORKERS = "auto"


class SetupError(Exception):
    """Something a person must fix; the text says what and what to run."""


@dataclass(frozen=True)
class BadBinding:
    """A release of the Qt binding known to crash the app below a Python version."""

    package: str
    version: str
    below_python: tuple[int, int]
    why: str


#: Keep in step with the exclusions in pyproject.toml (a test checks).
KNOWN_BAD_BINDINGS = (
    BadBinding(
        "pyside6-essentials",
        "6.12.0",
        (3, 12),
        "it drops None's reference count on every Qt call that returns nothing (and True's "
        "on every signal emitted), and the app dies with 'none_dealloc' after about 2,000 "
        "page switches (issue 17)",
    ),
    BadBinding(
        "shiboken6",
        "6.12.0",
        (3, 12),
        "it is the half of PySide6 6.12.0 that drops None's reference count (issue 17)",
    ),
)


def _say(text: str) -> None:
    print(f"[klassbok] {text}", flush=True)


# --- pure parts: what the locks and the environment say ----------------------


def normalize(name: str) -> str:
    """A package name as the lock and the installed metadata both spell it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def dependency_digest(pyproject_text: str) -> str:
    """A hash of what pyproject.toml asks for: a lock made for other lists is stale."""
    import tomllib

    project = tomllib.loads(pyproject_text)["project"]
    wanted = {
        "requires-python": project.get("requires-python", ""),
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
    }
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def lock_sets(pyproject_text: str) -> list[str]:
    """The locks there are: "app" (no extras) and one per optional-dependency list."""
    import tomllib

    extras = tomllib.loads(pyproject_text)["project"].get("optional-dependencies", {})
    return ["app", *sorted(extras)]


def lock_path(extras: str, root: Path = ROOT) -> Path:
    return root / "requirements" / f"{extras or 'app'}.lock.txt"


def lock_problem(lock: Path, pyproject_text: str) -> str | None:
    """Why the lock cannot be installed as it is, or None."""
    if not lock.exists():
        return (
            f"{lock.relative_to(lock.parent.parent)} is missing: the locked versions are "
            "part of the repository. Restore it (git checkout -- requirements/) "
            "or make the locks again: python3 dev.py lock --keep"
        )
    digest = next(
        (
            line.removeprefix(DIGEST_LINE).strip()
            for line in lock.read_text("utf-8").splitlines()
            if line.startswith(DIGEST_LINE)
        ),
        None,
    )
    if digest == dependency_digest(pyproject_text):
        return None
    return (
        f"{lock.relative_to(lock.parent.parent)} was made for other dependencies than "
        "pyproject.toml lists now (its header's pyproject-dependencies-sha256 differs), "
        "so it would not install what pyproject.toml asks for. Run: python3 dev.py lock --keep "
        "(re-resolves only what the new lists need, then runs the binding checks), "
        "and commit requirements/ with pyproject.toml."
    )


def locked_versions(lock_text: str) -> dict[str, str]:
    """name -> version of every pinned line (markers ignored)."""
    pins = {}
    for line in lock_text.splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            pins[normalize(match.group(1))] = match.group(2)
    return pins


def installed_versions(venv_dir: Path) -> dict[str, str]:
    """name -> version of what is installed in a virtual environment (its dist-info folders)."""
    found = {}
    for site in [*venv_dir.glob("lib/python*/site-packages"), venv_dir / "Lib" / "site-packages"]:
        for info in site.glob("*.dist-info"):
            name, _, version = info.name.removesuffix(".dist-info").rpartition("-")
            found[normalize(name)] = version
    return found


def venv_python(venv_dir: Path) -> tuple[int, int] | None:
    """The Python version a virtual environment was made with (its pyvenv.cfg)."""
    try:
        text = (venv_dir / "pyvenv.cfg").read_text("utf-8")
    except FileNotFoundError:
        return None
    match = re.search(r"^version(?:_info)?\s*=\s*(\d+)\.(\d+)", text, re.MULTILINE)
    return (int(match.group(1)), int(match.group(2))) if match else None


def bad_binding(versions: dict[str, str], python: tuple[int, int]) -> BadBinding | None:
    """The known-bad release among these versions for this Python, if any."""
    for bad in KNOWN_BAD_BINDINGS:
        if versions.get(bad.package) == bad.version and python < bad.below_python:
            return bad
    return None


def bad_binding_message(bad: BadBinding, python: tuple[int, int], where: str) -> str:
    return (
        f"{where} has {bad.package} {bad.version}, known to crash Klassbok on Python "
        f"{python[0]}.{python[1]}: {bad.why}. Not starting it. "
        "pyproject.toml excludes this release; run python3 dev.py lock --keep to pick a "
        "good one, or use Python 3.12 or newer (docs/dependencies.md)."
    )


def pip_failure_message(output: str, lock_name: str, machine: str) -> str:
    """What a failed locked install means, from pip's own words."""
    missing = re.search(
        r"(?:No matching distribution found for|Could not find a version that satisfies "
        r"the requirement) ([A-Za-z0-9._-]+)==([^\s;)]+)",
        output,
    )
    if missing:
        name, version = missing.groups()
        return (
            f"pip found no {name} {version} for this machine ({machine}). {lock_name} pins "
            f"{name} {version}, whose wheels cover other platforms only. Klassbok is tested "
            "on Linux x86_64 with Python 3.11 and made for Linux, macOS and Windows with "
            f"Python 3.11 to 3.13 (docs/dependencies.md). If a newer {name} supports this "
            f"machine: python3 dev.py lock --upgrade-package {name}"
        )
    if "DO NOT MATCH THE HASHES" in output:
        return (
            f"a downloaded file does not match its hash in {lock_name}: a damaged download "
            "or cache, or a mirror serving other files. Run python3 -m pip cache purge and "
            "try again; never edit the hashes by hand (python3 dev.py lock makes them)."
        )
    building = re.search(r"Failed (?:building wheel for|to build) ([A-Za-z0-9._-]+)", output)
    if building:
        return (
            f"there is no ready-made {building.group(1)} for this machine ({machine}), and "
            "building it from source failed (see pip's output above: usually a compiler or "
            "a library's headers are missing). Use a platform with wheels "
            "(docs/dependencies.md) or install the build tools it names."
        )
    if re.search(r"requires a different Python|Requires-Python", output):
        return (
            f"a package pinned in {lock_name} does not support this Python ({machine}); "
            "use Python 3.11 to 3.13 (docs/dependencies.md)."
        )
    if re.search(r"NewConnectionError|Could not fetch URL|connection|timed out", output, re.I):
        return (
            "pip could not reach the package index (see above): check the network or the "
            "proxy (PIP_INDEX_URL) and run the same command again."
        )
    return f"installing {lock_name} failed; pip's output is above."


def machine_description() -> str:
    return f"{platform.system()} {platform.machine()}, Python {platform.python_version()}" + (
        f", glibc {platform.libc_ver()[1]}" if platform.libc_ver()[1] else ""
    )


def environment_stamp(lock_text: str, pyproject_text: str) -> str:
    return hashlib.sha256((lock_text + "\0" + pyproject_text).encode()).hexdigest()


# --- setting up .venv ---------------------------------------------------------


def require_python() -> None:
    if sys.version_info < (3, 11):
        raise SetupError("Klassbok needs Python 3.11 or newer; this is " + sys.version.split()[0])


def check_binding(venv_dir: Path = VENV) -> None:
    """Refuse an environment whose Qt binding is known to crash the app."""
    python = venv_python(venv_dir)
    if python is None:
        return
    bad = bad_binding(installed_versions(venv_dir), python)
    if bad is not None:
        raise SetupError(bad_binding_message(bad, python, str(venv_dir)))


def ensure_environment(extras: str = "") -> Path:
    """Make .venv hold exactly the locked versions for `extras` ("" for the
    app alone, "test", or another optional-dependency list of pyproject.toml)
    plus Klassbok itself (editable); returns the environment's python.
    Raises SetupError with what to do when that cannot be done or the result
    is known to crash."""
    require_python()
    pyproject_text = (ROOT / "pyproject.toml").read_text("utf-8")
    lock = lock_path(extras)
    problem = lock_problem(lock, pyproject_text)
    if problem:
        raise SetupError(problem)
    lock_text = lock.read_text("utf-8")
    lock_name = str(lock.relative_to(ROOT))
    this_python = sys.version_info[:2]
    bad = bad_binding(locked_versions(lock_text), (this_python[0], this_python[1]))
    if bad is not None:
        raise SetupError(bad_binding_message(bad, (this_python[0], this_python[1]), lock_name))
    stamp = VENV / f".installed-{extras or 'app'}"
    wanted = environment_stamp(lock_text, pyproject_text)
    if not (stamp.exists() and stamp.read_text() == wanted and PYTHON.exists()):
        if not PYTHON.exists():
            _say(f"creating a virtual environment in {VENV}")
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        _say(f"installing the versions in {lock_name} (first time takes a minute or two)")
        _pip("--require-hashes", "--no-deps", "-r", str(lock), lock_name=lock_name)
        _pip("--no-deps", "-e", ".", lock_name="Klassbok itself")
        stamp.write_text(wanted)
    check_binding()
    return PYTHON


def _pip(*args: str, lock_name: str) -> None:
    command = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check"]
    proc = subprocess.run(
        [*command, "--progress-bar", "off", "--quiet", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stdout[-4000:] + proc.stderr[-6000:], file=sys.stderr)
        raise SetupError(
            pip_failure_message(proc.stdout + proc.stderr, lock_name, machine_description())
        )


# --- commands -----------------------------------------------------------------


def run(*args: str, env: dict[str, str] | None = None) -> int:
    _say(" ".join(args))
    return subprocess.run(
        [str(PYTHON), *args], cwd=ROOT, check=False, env={**os.environ, **(env or {})}
    ).returncode


def cmd_demo(extra: list[str]) -> int:
    ensure_environment("")
    return run("-m", "desktop.demo", *extra)


def pytest_arguments(extra: list[str], workers: str) -> list[str]:
    """pytest's arguments: the caller's, on `workers` processes unless they chose."""
    chose = any(
        arg in ("-n", "--numprocesses", "no:xdist") or arg.startswith(("-n", "--numprocesses="))
        for arg in extra
    )
    if chose or workers in ("", "0"):
        return extra
    # loadfile: a module's tests share its server and school (module fixtures);
    # no reorder: tests/conftest.py puts the long tests first.
    return ["-n", workers, "--dist", "loadfile", "--no-loadscope-reorder", *extra]


def cmd_test(extra: list[str]) -> int:
    ensure_environment("test")
    failures = 0
    if not extra:
        failures += run("-m", "ruff", "check", ".") != 0
        failures += run("-m", "ruff", "format", "--check", ".") != 0
        failures += run("-m", "mypy") != 0
    workers = os.environ.get("KLASSBOK_TEST_WORKERS", DEFAULT_TEST_WORKERS)
    failures += run("-m", "pytest", *pytest_arguments(extra, workers)) != 0
    if failures:
        _say(f"{failures} check(s) failed")
    return 1 if failures else 0


def cmd_installer(extra: list[str]) -> int:
    """Build the desktop bundle from build_installer.spec into dist/Klassbok;
    extra arguments go to PyInstaller (--distpath, --workpath)."""
    ensure_environment("installer")
    return run("-m", "PyInstaller", "--noconfirm", "--clean", *extra, "build_installer.spec")


def _uv_compile(uv: Path, output: Path, *flags: str) -> None:
    command = [str(uv), "pip", "compile", "pyproject.toml", "--universal", "--generate-hashes"]
    # fewest: one version of each package for every Python and platform, so
    # a 3.12 machine runs the PySide6 that CI tested on 3.11.
    command += ["--fork-strategy", "fewest", "--no-header", "--quiet", "-o", str(output)]
    proc = subprocess.run([*command, *flags], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(proc.stdout + proc.stderr, file=sys.stderr)
        raise SetupError("uv could not resolve pyproject.toml's dependencies (above)")


def lock_header(name: str, digest: str) -> str:
    what = "the app alone" if name == "app" else f"the app with the '{name}' extra"
    return (
        f"# Klassbok's locked versions for {what}: made by `python3 dev.py lock`\n"
        f"# (uv {UV_VERSION}, every platform and Python >= 3.11), installed by dev.py with\n"
        "# pip --require-hashes. Do not edit by hand: docs/dependencies.md.\n"
        f"{DIGEST_LINE}{digest}\n"
    )


def lock_differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Lines saying what a new lock changes, package by package."""
    changes = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before != after:
            changes.append(f"{name}: {before or '(new)'} -> {after or '(gone)'}")
    return changes


def _install_uv() -> Path:
    uv = BIN / ("uv.exe" if os.name == "nt" else "uv")
    version = (
        subprocess.run([str(uv), "--version"], capture_output=True, text=True, check=False).stdout
        if uv.exists()
        else ""
    )
    if UV_VERSION not in version:
        _say(f"installing uv {UV_VERSION} into {VENV} (the lock tool)")
        _pip(f"uv=={UV_VERSION}", lock_name="uv")
    return uv


def cmd_lock(extra: list[str]) -> int:
    """Resolve every lock again, install the test lock, run the binding
    checks; keep the new locks only when they pass."""
    require_python()
    flags = ["--upgrade"]
    if "--keep" in extra:
        flags = []
    elif "--upgrade-package" in extra:
        flags = ["--upgrade-package", extra[extra.index("--upgrade-package") + 1]]
    pyproject_text = (ROOT / "pyproject.toml").read_text("utf-8")
    if not PYTHON.exists():
        _say(f"creating a virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    uv = _install_uv()
    sets = lock_sets(pyproject_text)
    old = {name: lock_path(name).read_text("utf-8") for name in sets if lock_path(name).exists()}
    LOCKS.mkdir(exist_ok=True)
    # Resolve everything together first; each lock then prefers those
    # versions, so app and test never differ in a package they share.
    together = LOCKS / "all-extras.tmp"
    together.write_text(max(old.values(), key=len, default=""), "utf-8")
    try:
        _uv_compile(uv, together, "--all-extras", *flags)
        digest = dependency_digest(pyproject_text)
        for name in sets:
            path = lock_path(name)
            path.write_text(together.read_text("utf-8"), "utf-8")
            _uv_compile(uv, path, *([] if name == "app" else ["--extra", name]))
            path.write_text(lock_header(name, digest) + path.read_text("utf-8"), "utf-8")
    finally:
        together.unlink(missing_ok=True)
    new = {name: locked_versions(lock_path(name).read_text("utf-8")) for name in sets}
    for name in sets[1:]:
        clash = {pkg for pkg in new["app"] if new[name].get(pkg) != new["app"][pkg]}
        if clash:
            raise SetupError(f"the app and '{name}' locks differ in {sorted(clash)}; report it")
    changes = lock_differences(locked_versions(old.get("test", "")), new["test"])
    _say("the new locks change: " + ("; ".join(changes) if changes else "nothing"))
    if _binding_checks_pass():
        _say("the binding checks passed: commit requirements/ (and pyproject.toml)")
        return 0
    for name in sets:
        if name in old:
            lock_path(name).write_text(old[name], "utf-8")
    if "test" in old:
        ensure_environment("test")
    raise SetupError(
        "the new locks failed the Qt binding checks (above), so the old locks are back. "
        "Exclude the failing release in pyproject.toml as 6.12.0 is (and in dev.py's "
        "KNOWN_BAD_BINDINGS), then run python3 dev.py lock again (docs/dependencies.md)."
    )


def _binding_checks_pass() -> bool:
    try:
        ensure_environment("test")
    except SetupError as problem:
        _say(f"the new locks do not install: {problem}")
        return False
    soak = {"KLASSBOK_SOAK_ROUNDS": LOCK_SOAK_ROUNDS}
    return run("-m", "pytest", "-p", "no:cacheprovider", "-q", *LOCK_CHECKS, env=soak) == 0


def main() -> int:
    commands = {"demo": cmd_demo, "test": cmd_test, "installer": cmd_installer, "lock": cmd_lock}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[sys.argv[1]](sys.argv[2:])
    except SetupError as problem:
        _say(f"cannot go on: {problem}")
        return 1
    except KeyboardInterrupt:
        # Ctrl+C reaches the app (or pytest) too, which stops on its own;
        # here it only ends the wait for it, so no traceback of ours.
        _say("stopped (Ctrl+C)")
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""No build products or archives in git: the repository holds sources.

A file is refused when its name says archive, package or compiled binary, or
when its first bytes hold a NUL (what text never has). Two kinds of binary
are allowed, each for a reason:

- `.qm` translation catalogues: compiled from the `.ts` files next to them
  and committed so a checkout runs without Qt's tools; a test
  (tests/desktop/test_translations.py) proves each equals what
  `pyside6-lrelease` makes of its `.ts`, so they cannot drift.
- `.png` screenshots under docs/screenshots: pictures of the app for the
  documentation, small (each under MAX_PICTURE_BYTES).

Icons are SVG (text); the platform icons (.ico, .icns) are made from the SVG
when the installer is built, never committed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[2]

REFUSED_SUFFIXES = {
    # archives and packages
    ".whl", ".egg", ".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar",
    ".deb", ".rpm", ".dmg", ".pkg", ".msi", ".exe", ".appimage", ".jar",
    # compiled code and databases
    ".so", ".dylib", ".dll", ".pyd", ".pyc", ".pyo", ".o", ".a", ".lib", ".bin",
    ".sqlite", ".sqlite3", ".db",
    # icons made at build time
    ".ico", ".icns",
}  # fmt: skip

#: (folder, suffix) pairs whose binaries are allowed; see the module docstring.
ALLOWED_BINARIES = {
    ("desktop/resources/translations", ".qm"),
    ("docs/screenshots", ".png"),
}
MAX_PICTURE_BYTES = 400_000
SNIFF_BYTES = 8192


def tracked_files() -> list[PurePosixPath]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [PurePosixPath(name) for name in listed.decode("utf-8").split("\0") if name]


def looks_binary(path: Path) -> bool:
    with path.open("rb") as file:
        return b"\0" in file.read(SNIFF_BYTES)


def refusal(name: PurePosixPath, root: Path = ROOT) -> str | None:
    """Why a tracked file does not belong in git, or None."""
    suffix = name.suffix.lower()
    allowed = (str(name.parent), suffix) in ALLOWED_BINARIES
    if suffix in REFUSED_SUFFIXES and not allowed:
        return f"{name}: {suffix} files are build products or archives"
    path = root / name
    if not path.is_file():
        return None  # deleted in the work tree, not yet committed
    if allowed:
        if suffix == ".png" and path.stat().st_size > MAX_PICTURE_BYTES:
            return f"{name}: a screenshot over {MAX_PICTURE_BYTES} bytes"
        return None
    if looks_binary(path):
        return f"{name}: binary content (a NUL byte in its first {SNIFF_BYTES} bytes)"
    return None


def test_no_archives_or_binaries_are_tracked() -> None:
    offenders = [why for name in tracked_files() if (why := refusal(name)) is not None]
    assert offenders == []


def test_the_check_refuses_a_wheel_a_library_and_binary_content(tmp_path: Path) -> None:
    (tmp_path / "orjson-3.13.0-cp311-manylinux.whl").write_bytes(b"PK\x03\x04")
    (tmp_path / "notes.txt").write_bytes(b"looks like text\0but is not")
    (tmp_path / "readme.md").write_text("plain text", "utf-8")
    (tmp_path / "desktop/resources/translations").mkdir(parents=True)
    (tmp_path / "desktop/resources/translations/klassbok_sv.qm").write_bytes(b"<\xb8d\x18\0")

    def check(name: str) -> str | None:
        return refusal(PurePosixPath(name), tmp_path)

    assert "build products or archives" in (check("orjson-3.13.0-cp311-manylinux.whl") or "")
    assert "build products or archives" in (check("lib/_speedups.cpython-311.so") or "")
    assert "binary content" in (check("notes.txt") or "")
    assert check("readme.md") is None
    assert check("desktop/resources/translations/klassbok_sv.qm") is None


def test_build_outputs_are_ignored() -> None:
    """What `dev.py installer` and `pip wheel` leave behind never shows up in git status."""
    for path in (
        "build/Klassbok/x.toc",
        "dist/Klassbok/Klassbok",
        "klassbok-0.1.0-py3-none-any.whl",
    ):
        ignored = subprocess.run(
            ["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT, check=False
        )
        assert ignored.returncode == 0, f"{path} is not ignored"

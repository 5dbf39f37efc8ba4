"""The house rules of ARCHITECTURE.md, checked on every run: a layering
mistake is caught by the test suite, not by a reviewer's memory."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop", "local_db", "sync_protocol", "server")

#: What each package may import of ours (itself always).
ALLOWED = {
    "sync_protocol": set(),
    "server": {"sync_protocol"},
    "local_db": {"sync_protocol"},
    "desktop": {"local_db", "sync_protocol"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_only_what_the_layering_allows(package: str) -> None:
    offenders = []
    for path in _sources(package):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in PACKAGES and top != package and top not in ALLOWED[package]:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


@pytest.mark.parametrize("package", ["local_db", "sync_protocol", "server"])
def test_qt_is_imported_only_by_the_desktop(package: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _sources(package)
        for name in _imports(path)
        if name.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert offenders == []


def test_sync_protocol_does_no_io() -> None:
    """sync_protocol is pure: no network, files, databases or processes."""
    forbidden = {
        "requests",
        "socket",
        "sqlite3",
        "sqlcipher3",
        "subprocess",
        "psycopg",
        "httpx",
        "urllib.request",
        "keyring",
    }
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _sources("sync_protocol")
        for name in _imports(path)
        if name in forbidden or name.split(".")[0] in forbidden
    ]
    assert offenders == []

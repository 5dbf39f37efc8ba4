"""Keeping the house easy to find one's way in (ARCHITECTURE.md): modules
that depend one way inside each package, and files short enough to read.

Every import counts here, also those inside functions and under
TYPE_CHECKING: a circle hidden in a function body is still a circle a reader
has to untangle, and one hidden from mypy still couples the two modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop", "local_db", "sync_protocol", "server")
#: Alembic revisions are frozen snapshots of a schema, written once and never
#: read as code: they are as long as the schema they create.
GENERATED = ("migrations/versions/",)

MAX_LINES = 500
#: Files allowed past MAX_LINES, each with the reason.
LONG_FILES: dict[str, str] = {
    "bench/sync_data.py": (
        "one planner writes a whole school year of every kind in one pass, in the order "
        "a year happens; split it by kind when the next kind is added"
    ),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_generated(path: Path) -> bool:
    return any(marker in path.as_posix() for marker in GENERATED)


def _modules(package: str) -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted((ROOT / package).rglob("*.py"))
        if not _is_generated(path)
    }


def _imported_names(path: Path, module: str) -> Iterator[str]:
    """Every module name an import in the file may mean, relative ones resolved."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            yield base
            # `from pkg import module` names a module too.
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _graph(package: str) -> dict[str, set[str]]:
    modules = _modules(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {found for found in _imported_names(path, name) if found in modules}
        targets.discard(name)
        # A package's __init__ being imported by its own modules is how Python
        # imports them, not a dependency of the module on its package.
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_modules_inside_a_package_depend_one_way(package: str) -> None:
    assert _circles(_graph(package)) == []


def test_the_circle_check_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


def _our_python_files() -> Iterator[Path]:
    for folder in (*PACKAGES, "tests", "bench"):
        yield from (p for p in (ROOT / folder).rglob("*.py") if not _is_generated(p))
    yield ROOT / "dev.py"


def test_no_file_is_longer_than_about_five_hundred_lines() -> None:
    too_long = {}
    for path in _our_python_files():
        relative = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text("utf-8").splitlines())
        if lines > MAX_LINES and relative not in LONG_FILES:
            too_long[relative] = lines
    assert too_long == {}, f"split these (or name them in LONG_FILES, with why): {too_long}"


def test_every_named_long_file_still_exists_and_is_long() -> None:
    """An exception that no longer applies is removed, so the list stays true."""
    for relative in LONG_FILES:
        path = ROOT / relative
        assert path.exists(), relative
        assert len(path.read_text("utf-8").splitlines()) > MAX_LINES, relative

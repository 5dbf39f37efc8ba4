"""Shared fixtures. Real parts: a server process on loopback, SQLite files
and a PostgreSQL database of the run's own, Qt widgets offscreen. The one fake
is the OS keyring (none runs on CI machines)."""

from __future__ import annotations

import os

# Before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KLASSBOK_LOG_LEVEL", "DEBUG")

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from importlib import metadata
from pathlib import Path

import keyring
import pytest

from tests.support import postgres
from tests.support.keyring_backend import MemoryKeyring


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if postgres.admin_url() else ["sqlite"]


def pytest_report_header(config: pytest.Config) -> list[str]:
    pg = postgres.admin_url()
    qt = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("PySide6-Essentials", "shiboken6")
    )
    return [
        f"klassbok: server backends {_backends()}" + (f" (PostgreSQL at {pg})" if pg else ""),
        f"klassbok: Qt binding {qt}",
    ]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests (the sync simulation, and any marked slow) first, so that
    under pytest-xdist they start at once instead of running alone at the
    end (dev.py test keeps this order: --no-loadscope-reorder). Stable: the
    rest keep pytest's order, which groups each backend's tests."""
    for item in items:
        if "sync_sim" in item.path.parts:
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty keyring of its own."""
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session", params=_backends())
def db_backend(request: pytest.FixtureRequest) -> str:
    """Each server test that uses it runs on SQLite and, in CI, on PostgreSQL."""
    return str(request.param)


DatabaseFactory = Callable[[], str]


class BackendDatabases:
    """The databases a test process made, on either backend, dropped when the
    session ends. Not a fixture of db_backend's: pytest tears those down at
    every switch between SQLite and PostgreSQL, and a pytest-xdist worker
    switches at almost every file it is handed."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._tmp_path_factory = tmp_path_factory
        self._stack = ExitStack()
        self._counter = iter(range(1_000_000))

    def make(self, backend: str) -> str:
        if backend == "postgresql":
            return self._stack.enter_context(postgres.temporary_database())
        folder: Path = self._tmp_path_factory.mktemp("serverdb")
        return f"sqlite:///{folder / f'klassbok-{next(self._counter)}.sqlite3'}"

    def close(self) -> None:
        self._stack.close()


@pytest.fixture(scope="session")
def backend_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackendDatabases]:
    databases = BackendDatabases(tmp_path_factory)
    yield databases
    databases.close()


@pytest.fixture(scope="module")
def database_factory(db_backend: str, backend_databases: BackendDatabases) -> DatabaseFactory:
    """Makes empty databases on the test's backend; dropped when the session ends."""
    return lambda: backend_databases.make(db_backend)

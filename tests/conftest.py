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
from pathlib import Path

import keyring
import pytest

from tests.support import postgres
from tests.support.keyring_backend import MemoryKeyring


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if postgres.admin_url() else ["sqlite"]


def pytest_report_header(config: pytest.Config) -> str:
    pg = postgres.admin_url()
    return f"klassbok: server backends {_backends()}" + (f" (PostgreSQL at {pg})" if pg else "")


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


@pytest.fixture(scope="session")
def database_factory(
    db_backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DatabaseFactory]:
    """Makes empty databases on the session's backend; drops them at the end."""
    with ExitStack() as stack:
        counter = iter(range(1_000_000))

        def make() -> str:
            if db_backend == "postgresql":
                return stack.enter_context(postgres.temporary_database())
            folder: Path = tmp_path_factory.mktemp("serverdb")
            return f"sqlite:///{folder / f'klassbok-{next(counter)}.sqlite3'}"

        yield make

"""Teachers, each with an encrypted cache of their own, signed in to the
real server process (the small school, tests/support/small_school.py), and
one wall clock for all their caches: the fixtures of the two-way sync tests
(test_two_way_sync.py, test_settle_against_server.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from local_db import clock
from local_db.cache import Cache, open_cache
from local_db.edits import delete_record, discard_rejected, save_record
from local_db.identity import Identity, set_identity
from local_db.repositories import rejected_edits
from local_db.schema import outbox, synced
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import SyncEngine, SyncReport
from tests.support.server_fixtures import RunningServer, ServerFactory, password_for, server_factory

__all__ = ["Teacher", "Wall", "server", "server_factory", "sign_in", "teachers_signed_in", "wall"]


@dataclass
class Teacher:
    name: str
    person_id: uuid.UUID
    client: ApiClient
    cache: Cache

    def sync(self, **kwargs: Any) -> SyncReport:
        return SyncEngine(self.cache, self.client, **kwargs).sync()

    def save(self, kind: str, record_id: uuid.UUID, **changes: Any) -> None:
        with self.cache.begin() as conn:
            save_record(conn, kind, record_id, changes, actor=self.person_id)

    def row(self, kind: str, record_id: uuid.UUID) -> dict[str, Any] | None:
        table = synced[kind]
        with self.cache.connect() as conn:
            found = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
        return None if found is None else dict(found)

    def outbox(self) -> list[dict[str, Any]]:
        with self.cache.connect() as conn:
            return [dict(r) for r in conn.execute(select(outbox)).mappings()]

    def delete(self, kind: str, record_id: uuid.UUID) -> None:
        with self.cache.begin() as conn:
            delete_record(conn, kind, record_id, actor=self.person_id)

    def dismiss_refusals(self) -> list[str]:
        """Dismiss every refused edit, as the teacher does in the list; the
        reasons, oldest first."""
        with self.cache.connect() as conn:
            refused = rejected_edits(conn)
        for view in refused:
            with self.cache.begin() as conn:
                discard_rejected(conn, view.op)
        return [view.reason for view in sorted(refused, key=lambda view: view.op)]


T = TypeVar("T", bound=Teacher)


class Wall:
    """One wall clock for both caches, moved on by hand: who edited later
    is decided by the test, not by how fast the machine is."""

    def __init__(self) -> None:
        self.now = clock._system_wall_ms()

    def __call__(self) -> int:
        return self.now

    def tick(self, seconds: float = 60) -> None:
        self.now += int(seconds * 1000)


@pytest.fixture
def server(server_factory: ServerFactory) -> RunningServer:
    return server_factory()


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> Wall:
    ticking = Wall()
    monkeypatch.setattr(clock, "wall_ms", ticking)
    return ticking


@contextmanager
def teachers_signed_in(
    server: RunningServer, folder: Path, key: bytes, kind: type[T]
) -> Iterator[Callable[[str], T]]:
    """Signs teachers in (as `kind`), each with a cache of their own synced once;
    closes them all after."""
    opened: list[T] = []

    def make(username: str) -> T:
        client = ApiClient(server.url, timeout=60)
        login = client.login(username, password_for(username), "test")
        cache = open_cache(folder / f"{username}.db", key)
        assert login.user.person_id is not None
        with cache.begin() as conn:
            set_identity(
                conn,
                Identity(
                    user_id=login.user.id,
                    username=username,
                    display_name=login.user.display_name,
                    person_id=login.user.person_id,
                    server_url=server.url,
                ),
            )
        teacher = kind(username, login.user.person_id, client, cache)
        teacher.sync()
        opened.append(teacher)
        return teacher

    try:
        yield make
    finally:
        for teacher in opened:
            teacher.cache.close()
            teacher.client.close()


@pytest.fixture
def sign_in(
    server: RunningServer, tmp_path: Path, key: bytes
) -> Iterator[Callable[[str], Teacher]]:
    with teachers_signed_in(server, tmp_path, key, Teacher) as make:
        yield make

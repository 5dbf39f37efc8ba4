"""Helpers for push and divergence-check tests: a teacher's client that sends
ops over HTTP like the desktop app, and readers of what the server stored.

Each test module gets its own server on the small school (a module-scoped
fixture made by `module_server`), and tests that change records make fresh
lessons and records so they do not meet each other's.
"""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import pytest
import requests
from sqlalchemy import select

from server.db import current_seq
from server.tables import synced
from sync_protocol import ids
from sync_protocol.hlc import HlcStamp, HybridClock
from tests.support.server_fixtures import RunningServer, start_school_server, stop_school_server

PUSH = "/api/v1/sync/push"
_lesson_seconds = itertools.count(1)

Op = dict[str, Any]


def module_server() -> Any:
    """A module-scoped fixture: one server per test module (and backend)."""

    @pytest.fixture(scope="module")
    def fixture(
        database_factory: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[RunningServer]:
        log = tmp_path_factory.mktemp("push-server") / "server.log"
        server = start_school_server(database_factory(), log)
        yield server
        stop_school_server(server)

    return fixture


def stamp(offset_ms: int = 0, node: str = "test") -> str:
    """A clock stamp `offset_ms` from now (negative: in the past)."""
    wall = dt.datetime.now(dt.UTC).timestamp() * 1000
    return HlcStamp(int(wall) + offset_ms, 0, node).to_text()


class TeacherClient:
    """One computer of one teacher: a client id, an op counter, a clock."""

    def __init__(self, server: RunningServer, username: str, client_id: str | None = None):
        self.server = server
        self.username = username
        self.client_id = client_id or f"{username}-{uuid.uuid4().hex[:12]}"
        self.token = server.token(username)
        self.person_id = server.school[f"teacher:{username}"]
        self.clock = HybridClock(self.client_id)
        self._numbers = itertools.count(1)

    def op(
        self,
        kind: str,
        record_id: uuid.UUID,
        fields: Mapping[str, Any] | None = None,
        *,
        base: Mapping[str, int] | None = None,
        base_text: Mapping[str, str] | None = None,
        action: str = "upsert",
        hlc: str | None = None,
    ) -> Op:
        return {
            "op": next(self._numbers),
            "kind": kind,
            "id": str(record_id),
            "action": action,
            "fields": dict(fields or {}),
            "base": dict(base or {}),
            "base_text": dict(base_text or {}),
            "hlc": hlc or self.clock.now().to_text(),
        }

    def batch(self, *transactions: Sequence[Op]) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "batch_id": str(uuid.uuid4()),
            "transactions": [{"ops": list(ops)} for ops in transactions],
        }

    def send(self, body: Any, *, gzipped: bool = False, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if gzipped:
            data = gzip.compress(json.dumps(body).encode())
            headers.update({"Content-Encoding": "gzip", "Content-Type": "application/json"})
            return self.server.request(
                "POST", PUSH, self.token, data=data, headers=headers, **kwargs
            )
        return self.server.request("POST", PUSH, self.token, json=body, headers=headers, **kwargs)

    def push(self, *ops: Op) -> dict[str, Any]:
        """Push the ops as one transaction; the response body (status 200 asserted)."""
        response = self.send(self.batch(ops))
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def result(self, op: Op) -> dict[str, Any]:
        """Push one op and return its result."""
        (result,) = self.push(op)["results"]
        assert result["op"] == op["op"]
        return dict(result)


def row(server: RunningServer, kind: str, record_id: uuid.UUID) -> dict[str, Any]:
    table = synced[kind]
    with server.engine.connect() as conn:
        found = conn.execute(select(table).where(table.c.id == record_id)).mappings().one()
    return dict(found)


def maybe_row(server: RunningServer, kind: str, record_id: uuid.UUID) -> dict[str, Any] | None:
    table = synced[kind]
    with server.engine.connect() as conn:
        found = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    return None if found is None else dict(found)


def counter(server: RunningServer) -> int:
    with server.engine.connect() as conn:
        return current_seq(conn)


def version(record: Mapping[str, Any], name: str) -> int:
    """A field's version as the feed and the push speak of it."""
    return int((record["field_seqs"] or {}).get(name, record["seq"]))


def versions(record: Mapping[str, Any], *names: str) -> dict[str, int]:
    """An op's base: the versions of these fields as the record has them."""
    return {name: version(record, name) for name in names}


def conflicts_about(server: RunningServer, record_id: uuid.UUID) -> list[dict[str, Any]]:
    table = synced["sync_conflict"]
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(table).where(table.c.record_id == record_id).order_by(table.c.seq)
        ).mappings()
        return [dict(r) for r in rows]


def new_lesson(
    server: RunningServer, activity: str = "ma7a", *, day: dt.date | None = None
) -> uuid.UUID:
    """A fresh lesson of the activity (today unless `day`), so tests do not share records."""
    builder = server.school.builder
    # From 13:00 UTC, a second apart: never one of the small school's whole-hour
    # lessons, and the same school day in Sweden.
    start = dt.datetime.combine(day or builder.today, dt.time(13, 0), tzinfo=dt.UTC)
    start += dt.timedelta(seconds=next(_lesson_seconds))
    return builder.lesson(server.school[f"activity:{activity}"], start)


def attendance(
    server: RunningServer,
    lesson: uuid.UUID,
    pupil: str,
    activity: str = "ma7a",
    **fields: Any,
) -> tuple[uuid.UUID, dict[str, Any]]:
    """(id, create fields) of an attendance record: the natural id, wire values."""
    pupil_id = server.school[f"pupil:{pupil}"]
    values: dict[str, Any] = {
        "lesson_id": str(lesson),
        "pupil_id": str(pupil_id),
        "activity_id": str(server.school[f"activity:{activity}"]),
        "status": "present",
    }
    values.update(fields)
    return ids.attendance_id(lesson, pupil_id), values


def feed_records(server: RunningServer, username: str) -> dict[str, dict[str, Any]]:
    """Every record the teacher's feed gives, from the start: id -> record."""
    pages, _ = server.pull_all(server.fresh_token(username), limit=5000)
    return {record["id"]: record for page in pages for record in page["changes"]}

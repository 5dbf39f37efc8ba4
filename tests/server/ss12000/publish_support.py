"""Helpers for the published SS 12000 API's tests: API clients, requests,
walking every page, touching a record so its modified time moves on."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

import requests
from sqlalchemy import Engine, update

from server.db import allocate_seq, write_transaction
from server.services.ss12000_api.clients import SCOPES, create_client
from server.tables import synced
from tests.support import ss12000
from tests.support.server_fixtures import RunningServer

BASE = "/ss12000/v2"
#: The schema of each published list's objects.
LISTS = {
    "attendances": "Attendance",
    "absences": "Absence",
    "grades": "Grade",
}
_names = itertools.count(1)


def add_client(engine: Engine, *scopes: str, name: str | None = None) -> str:
    """An API client written straight into the database (the CLI has its own test); its token."""
    with write_transaction(engine) as conn:
        return create_client(conn, name or f"system-{uuid.uuid4().hex[:8]}", scopes or SCOPES)


def get(
    server: RunningServer, path: str, token: str | None, params: Any = None
) -> requests.Response:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    return requests.get(server.url + BASE + path, headers=headers, params=params, timeout=60)


def refused(response: requests.Response, status: int) -> dict[str, Any]:
    """The response is an SS 12000 Error with `status`; its body."""
    assert response.status_code == status, (response.status_code, response.text)
    body: dict[str, Any] = response.json()
    ss12000.check("Error", body)
    return body


def every_page(
    server: RunningServer, path: str, token: str, schema: str, params: dict[str, Any]
) -> tuple[list[dict[str, Any]], int]:
    """Every object of a list, page by page, each checked; (objects, pages)."""
    response = get(server, path, token, params)
    found: list[dict[str, Any]] = []
    pages = 0
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        found.extend(ss12000.check_list(schema, body))
        pages += 1
        if body.get("pageToken") is None:
            return found, pages
        assert pages < 1000, "the pages never end"
        next_params = {"pageToken": body["pageToken"]}
        if "limit" in params:
            next_params["limit"] = params["limit"]
        response = get(server, path, token, next_params)


def touch(
    engine: Engine, kind: str, row_id: uuid.UUID, *, at: dt.datetime, **values: Any
) -> dt.datetime:
    """Change a row as a writer would (new seq, modified `at`); `at`.

    Tests pass a time after the builder's fixed clock (today 06:00 UTC, which
    is still ahead of the wall clock after midnight)."""
    table = synced[kind]
    now = at
    with write_transaction(engine) as conn:
        seq = allocate_seq(conn)
        conn.execute(
            update(table).where(table.c.id == row_id).values(seq=seq, modified_at=now, **values)
        )
    return now

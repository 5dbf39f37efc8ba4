"""Hostile or outdated push envelopes: refused whole, before any op is looked at.

An envelope that is not a PushBatch is 422; bodies too large (on the wire or
once inflated) are 413; bodies that do not decode are 400/415; an outdated
client is told to update (426); only teachers push.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.server.sync.push_helpers import (
    PUSH,
    TeacherClient,
    attendance,
    counter,
    module_server,
    new_lesson,
)
from tests.support.server_fixtures import RunningServer

push_server = module_server()


def _valid_batch(server: RunningServer, client: TeacherClient) -> dict[str, Any]:
    record_id, values = attendance(server, new_lesson(server), "alva")
    return client.batch([client.op("attendance", record_id, values)])


ENVELOPES: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("not an object", lambda b: [b]),
    ("missing client id", lambda b: {k: v for k, v in b.items() if k != "client_id"}),
    ("a client id with spaces", lambda b: {**b, "client_id": "my laptop"}),
    ("an unknown key", lambda b: {**b, "extra": 1}),
    ("no transactions", lambda b: {**b, "transactions": []}),
    ("an op number of 0", lambda b: _with_op(b, op=0)),
    ("a kind in capitals", lambda b: _with_op(b, kind="Attendance")),
    ("an id that is no uuid", lambda b: _with_op(b, id="42")),
    ("a base that is no number", lambda b: _with_op(b, base={"status": "old"})),
    ("fields that are a list", lambda b: _with_op(b, fields=["status"])),
    ("an unknown action", lambda b: _with_op(b, action="purge")),
    ("an unknown op key", lambda b: _with_op(b, sql="drop table")),
]


def _with_op(batch: dict[str, Any], **changes: Any) -> dict[str, Any]:
    op = {**batch["transactions"][0]["ops"][0], **changes}
    return {**batch, "transactions": [{"ops": [op]}]}


@pytest.mark.parametrize("make", [m for _, m in ENVELOPES], ids=[n for n, _ in ENVELOPES])
def test_an_invalid_envelope_is_422_and_writes_nothing(
    push_server: RunningServer, make: Callable[[dict[str, Any]], Any]
) -> None:
    anna = TeacherClient(push_server, "anna")
    body = make(_valid_batch(push_server, anna))
    seq = counter(push_server)
    response = anna.send(body)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert counter(push_server) == seq


def test_a_gzip_body_is_accepted(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    response = anna.send(_valid_batch(push_server, anna), gzipped=True)
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["outcome"] == "applied"


def test_a_gzip_bomb_is_refused_with_413(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    batch = _valid_batch(push_server, anna)
    raw = json.dumps(batch).encode()
    # 11 MB of spaces after valid JSON: tiny on the wire, too large inflated.
    bomb = gzip.compress(raw + b" " * (11 * 1024 * 1024))
    assert len(bomb) < 100_000
    response = push_server.request(
        "POST",
        PUSH,
        anna.token,
        data=bomb,
        headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"] == "content_too_large"


@pytest.mark.parametrize(
    ("encoding", "body", "status"),
    [
        ("gzip", b"not gzip at all", 400),
        ("gzip", gzip.compress(b"{}")[:-6], 400),
        ("br", b"{}", 415),
    ],
    ids=["garbage", "truncated", "brotli"],
)
def test_a_body_that_does_not_decode_is_refused(
    push_server: RunningServer, encoding: str, body: bytes, status: int
) -> None:
    anna = TeacherClient(push_server, "anna")
    response = push_server.request(
        "POST",
        PUSH,
        anna.token,
        data=body,
        headers={"Content-Encoding": encoding, "Content-Type": "application/json"},
    )
    assert response.status_code == status
    assert set(response.json()) == {"error", "message", "detail"}


def test_an_old_client_is_told_to_update_and_nothing_is_written(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    batch = _valid_batch(push_server, anna)
    seq = counter(push_server)
    for path, method, body in (
        (PUSH, "POST", batch),
        ("/api/v1/sync/digest", "GET", None),
        ("/api/v1/sync/manifest", "POST", {"kind": "attendance"}),
        ("/api/v1/sync/fetch", "POST", {"kind": "attendance", "ids": []}),
    ):
        response = push_server.request(
            method, path, anna.token, json=body, headers={"X-Klassbok-Schema": "0"}
        )
        assert response.status_code == 426, path
        assert response.json()["error"] == "update_required"
    assert counter(push_server) == seq


def test_only_teachers_push(push_server: RunningServer) -> None:
    admin = push_server.token("admin")
    response = push_server.request(
        "POST", PUSH, admin, json=_valid_batch(push_server, TeacherClient(push_server, "anna"))
    )
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert push_server.request("POST", PUSH, None, json={}).status_code == 401


def test_a_push_of_more_than_ten_thousand_ops_is_refused_whole(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    note = push_server.school["record:note:elsa"]
    transactions = [
        [anna.op("pupil_note", note, {"body": "x"}, base={"body": 1}) for _ in range(1000)]
        for _ in range(11)
    ]
    seq = counter(push_server)
    response = anna.send(anna.batch(*transactions), gzipped=True)
    assert response.status_code == 413
    assert "10,000" in response.json()["message"]
    assert counter(push_server) == seq

"""The API client against a scripted server: every failure becomes an error a
teacher can read, and the token never shows up in one."""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import socket
import threading
import uuid
from typing import Any

import pytest

from local_db.sync.api_client import ApiClient
from local_db.sync.errors import (
    AccountDisabled,
    InvalidCredentials,
    ProtocolError,
    RecordNotFound,
    ServerError,
    ServerUnreachable,
    SessionExpired,
    SyncError,
    TooManyAttempts,
    UpdateRequired,
)
from sync_protocol import versions
from tests.local_db.scripted_server import Reply, Request, error, scripted_server

TOKEN = "tok-very-secret-0123456789"
NOW = "2026-09-14T07:00:00Z"


def _page(**overrides: Any) -> dict[str, Any]:
    return {"changes": [], "cursor": "c1", "has_more": False, "server_time": NOW, **overrides}


def _user() -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "username": "karin",
        "display_name": "Karin Lärare",
        "role": "teacher",
        "person_id": str(uuid.uuid4()),
    }


def test_every_request_carries_versions_and_the_token() -> None:
    def handle(request: Request) -> Reply:
        if request.path == "/api/v1/info":
            return Reply(
                body={
                    "name": "Test",
                    "protocol_version": 1,
                    "schema_version": 1,
                    "min_protocol_version": 1,
                    "min_schema_version": 1,
                    "server_time": NOW,
                }
            )
        return Reply(body=_page(), gzip=True)

    with scripted_server(handle) as server:
        client = ApiClient(server.url + "/", token=TOKEN)
        assert client.info().name == "Test"
        page = client.changes("c0", 500)
        client.close()
    assert page.cursor == "c1"
    info, changes = server.requests
    for request in (info, changes):
        assert request.headers[versions.PROTOCOL_HEADER.lower()] == str(versions.PROTOCOL_VERSION)
        assert request.headers[versions.SCHEMA_HEADER.lower()] == str(versions.SCHEMA_VERSION)
        assert "gzip" in request.headers["accept-encoding"]
    assert "authorization" not in info.headers
    assert changes.headers["authorization"] == f"Bearer {TOKEN}"
    assert changes.query == {"cursor": "c0", "limit": "500"}
    assert client.bytes_received > 0


def test_login_keeps_the_new_token_and_logout_forgets_it() -> None:
    def handle(request: Request) -> Reply:
        if request.path == "/api/v1/auth/login":
            return Reply(body={"token": TOKEN, "expires_at": NOW, "user": _user()})
        if request.path == "/api/v1/auth/logout":
            return Reply(204, b"")
        return Reply(body=_user())

    with scripted_server(handle) as server:
        client = ApiClient(server.url)
        response = client.login("karin", "pw", "laptop")
        me = client.me()
        client.logout()
    assert response.user.display_name == "Karin Lärare"
    assert me.username == "karin"
    assert server.requests[1].headers["authorization"] == f"Bearer {TOKEN}"
    assert server.requests[2].headers["authorization"] == f"Bearer {TOKEN}"
    assert client.token is None


def test_logout_with_an_expired_token_is_fine() -> None:
    with scripted_server(lambda r: error(401, "token_expired")) as server:
        client = ApiClient(server.url, token=TOKEN)
        client.logout()
    assert client.token is None


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (error(401, "invalid_credentials"), InvalidCredentials),
        (error(403, "account_disabled"), AccountDisabled),
        (error(429, "too_many_attempts", **{"Retry-After": "120"}), TooManyAttempts),
        (error(401, "token_expired"), SessionExpired),
        (error(401, "token_invalid"), SessionExpired),
        (error(401, "not_authenticated"), SessionExpired),
        (error(426, "update_required"), UpdateRequired),
        (error(500, "internal_error"), ServerError),
        (Reply(502, b"<html>Bad gateway</html>", "text/html"), ServerUnreachable),
        (Reply(503, b"down for maintenance", "text/plain"), ServerUnreachable),
        (error(404, "not_found"), ProtocolError),
        (
            Reply(404, {"error": "not_found", "message": "m", "detail": {"kind": "term_grade"}}),
            RecordNotFound,
        ),
        (
            Reply(404, {"error": "not_found", "message": "m", "detail": {"kind": "<b>" * 20}}),
            ProtocolError,
        ),
        (Reply(200, b"<html>Welcome to the hotel Wi-Fi</html>", "text/html"), ProtocolError),
        (Reply(200, b"{not json"), ProtocolError),
        (Reply(200, {"changes": "all of them"}), ProtocolError),
        (Reply(200, _page(has_more="true")), ProtocolError),
        (Reply(200, _page(cursor=123)), ProtocolError),
        (Reply(200, _page(cursor="x" * 5000)), ProtocolError),
        (Reply(200, _page(changes=[{"kind": "lesson", "id": "nope", "seq": 1}])), ProtocolError),
        (Reply(200, b'{"changes": [], "cursor": "c", "has_more": tru'), ProtocolError),
    ],
)
def test_failures_become_errors_a_teacher_can_read(
    reply: Reply, expected: type[SyncError], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with scripted_server(lambda request: reply) as server:
        client = ApiClient(server.url, token=TOKEN)
        signing_in = expected in (InvalidCredentials, AccountDisabled, TooManyAttempts)
        call = (
            (lambda: client.login("karin", "pw")) if signing_in else (lambda: client.changes(None))
        )
        with pytest.raises(expected) as caught:
            call()
    message = str(caught.value)
    assert message.endswith(".")
    assert len(message) > 30
    assert TOKEN not in message
    assert TOKEN not in caught.value.detail
    assert TOKEN not in caplog.text
    if isinstance(caught.value, TooManyAttempts):
        assert caught.value.retry_after_s == 120
        assert "2 minute" in message


def test_a_server_that_is_down_is_unreachable(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = ApiClient(f"http://127.0.0.1:{port}", token=TOKEN, timeout=5)
    with pytest.raises(ServerUnreachable) as caught:
        client.changes(None)
    assert str(caught.value) == (
        f"Can't reach the server at http://127.0.0.1:{port}. You can keep working; changes "
        "are saved on this computer and sent when the connection is back."
    )
    assert caught.value.retryable
    assert TOKEN not in caplog.text


def test_a_server_that_hangs_times_out_as_unreachable() -> None:
    release = threading.Event()
    try:
        with scripted_server(lambda request: Reply(body=_page(), hold=release)) as server:
            client = ApiClient(server.url, token=TOKEN, timeout=0.3)
            with pytest.raises(ServerUnreachable, match="did not answer in time"):
                client.changes(None)
            release.set()
    finally:
        release.set()


def test_oversized_answers_are_refused() -> None:
    big = _page(cursor="c" * 1000, changes=[])
    with scripted_server(lambda request: Reply(body=big)) as server:
        client = ApiClient(server.url, max_response_bytes=500)
        with pytest.raises(ProtocolError, match="larger than"):
            client.changes(None)


def test_a_gzip_bomb_is_stopped_at_the_cap() -> None:
    bomb = gzip.compress(b"[" + b" " * (20 * 1024 * 1024) + b"]")
    reply = Reply(body=bomb, headers={"Content-Encoding": "gzip"})
    with scripted_server(lambda request: reply) as server:
        client = ApiClient(server.url, max_response_bytes=1024 * 1024)
        with pytest.raises(ProtocolError, match="larger than"):
            client.changes(None)
    assert client.bytes_received < 1024 * 1024


def test_a_bad_address_is_explained() -> None:
    client = ApiClient("klassbok.skola.se")
    with pytest.raises(ServerUnreachable, match="not a server address"):
        client.info()


def test_responses_are_parsed_with_their_types() -> None:
    record = {
        "kind": "lesson",
        "id": str(uuid.uuid4()),
        "seq": 7,
        "fields": {"room": "B12"},
        "modified_at": NOW,
    }
    with scripted_server(lambda request: Reply(body=_page(changes=[record]), gzip=True)) as server:
        page = ApiClient(server.url).changes(None)
    assert page.changes[0].seq == 7
    assert page.changes[0].modified_at == dt.datetime(2026, 9, 14, 7, tzinfo=dt.UTC)


def test_an_empty_user_name_is_refused_before_asking_the_server() -> None:
    with scripted_server(lambda request: error(500, "internal_error")) as server:
        client = ApiClient(server.url)
        with pytest.raises(InvalidCredentials, match="Enter your user name"):
            client.login("  ", "pw")
    assert server.requests == []

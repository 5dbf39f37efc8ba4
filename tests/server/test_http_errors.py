"""Hostile and broken requests get a JSON error body, never a traceback; gzip; OpenAPI."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import text

from sync_protocol import versions
from tests.support.server_fixtures import RunningServer, ServerFactory


def _assert_error(response: requests.Response, status: int, error: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "message", "detail"}
    assert body["error"] == error
    assert "Traceback" not in response.text


def test_unknown_paths_and_methods(school_server: RunningServer) -> None:
    _assert_error(school_server.get("/api/v1/nothing-here"), 404, "not_found")
    _assert_error(school_server.get("/"), 404, "not_found")
    wrong_method = school_server.request("DELETE", "/api/v1/groups", school_server.token("anna"))
    _assert_error(wrong_method, 405, "method_not_allowed")
    assert "GET" in wrong_method.headers["Allow"]
    _assert_error(school_server.request("GET", "/api/v1/auth/login"), 405, "method_not_allowed")


def test_malformed_parameters_are_invalid_requests(school_server: RunningServer) -> None:
    token = school_server.token("anna")
    group = school_server.school["group:7a"]
    now = dt.datetime.now(dt.UTC)
    bad = [
        ("/api/v1/groups/not-a-uuid", {}),
        ("/api/v1/persons/1234", {}),
        (f"/api/v1/groups/{group}/members", {"on": "2026-13-45"}),
        ("/api/v1/lessons", {}),
        ("/api/v1/lessons", {"start": "yesterday", "end": now.isoformat()}),
        # No time zone: ambiguous, refused.
        ("/api/v1/lessons", {"start": "2026-11-30T08:00:00", "end": "2026-12-01T08:00:00"}),
        # End before start, and a window of years.
        ("/api/v1/lessons", {"start": now.isoformat(), "end": (now - dt.timedelta(1)).isoformat()}),
        (
            "/api/v1/lessons",
            {"start": now.isoformat(), "end": (now + dt.timedelta(days=5000)).isoformat()},
        ),
    ]
    for path, params in bad:
        response = school_server.get(path, token, params=params)
        _assert_error(response, 422, "invalid_request")
        detail = response.json()["detail"]
        # What was wrong, not the input echoed back.
        assert detail is None or all(set(item) == {"loc", "msg", "type"} for item in detail)


def test_oversized_bodies_are_refused(school_server: RunningServer) -> None:
    url = school_server.url + "/api/v1/auth/login"
    big = b'{"username": "anna", "password": "' + b"x" * (11 * 1024 * 1024) + b'"}'
    declared = requests.post(
        url, data=big, headers={"Content-Type": "application/json"}, timeout=60
    )
    _assert_error(declared, 413, "content_too_large")

    def chunks() -> Iterator[bytes]:
        # No Content-Length: the limit must hold while the body streams in.
        yield b'{"username": "anna", "password": "'
        for _ in range(11):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    try:
        streamed = requests.post(
            url, data=chunks(), headers={"Content-Type": "application/json"}, timeout=60
        )
    except requests.ConnectionError:
        pytest.fail("the server dropped the connection instead of answering 413")
    _assert_error(streamed, 413, "content_too_large")
    assert school_server.get("/api/v1/info").status_code == 200


def test_responses_are_gzipped_for_clients_that_accept_it(school_server: RunningServer) -> None:
    token = school_server.token("anna")
    raw = requests.get(
        school_server.url + "/api/v1/sync/changes",
        headers={
            "Authorization": f"Bearer {token}",
            "Accept-Encoding": "gzip",
            # The oldest versions still served.
            "X-Klassbok-Protocol": str(versions.MIN_SUPPORTED_PROTOCOL_VERSION),
            "X-Klassbok-Schema": str(versions.MIN_SUPPORTED_SCHEMA_VERSION),
        },
        stream=True,
        timeout=30,
    )
    assert raw.headers["Content-Encoding"] == "gzip"
    body = gzip.decompress(raw.raw.read())
    assert b'"changes"' in body
    plain = requests.get(
        school_server.url + "/api/v1/sync/changes",
        headers={
            "Authorization": f"Bearer {token}",
            "Accept-Encoding": "identity",
            # The oldest versions still served.
            "X-Klassbok-Protocol": str(versions.MIN_SUPPORTED_PROTOCOL_VERSION),
            "X-Klassbok-Schema": str(versions.MIN_SUPPORTED_SCHEMA_VERSION),
        },
        timeout=30,
    )
    assert "Content-Encoding" not in plain.headers


def test_personal_data_is_not_cached(school_server: RunningServer) -> None:
    response = school_server.get("/api/v1/me", school_server.token("anna"))
    assert response.headers["Cache-Control"] == "no-store"


def test_openapi_describes_every_endpoint_and_model(school_server: RunningServer) -> None:
    response = school_server.get("/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    paths = spec["paths"]
    for path in (
        "/api/v1/info",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/sync/changes",
        "/api/v1/groups",
        "/api/v1/groups/{group_id}",
        "/api/v1/groups/{group_id}/members",
        "/api/v1/lessons",
        "/api/v1/persons/{person_id}",
        "/api/v1/activities",
        "/api/v1/term-grades/{term_grade_id}/history",
    ):
        assert path in paths, path
    schemas = spec["components"]["schemas"]
    for model in (
        "ChangePage",
        "ChangeRecord",
        "LoginRequest",
        "LoginResponse",
        "ServerInfo",
        "UserInfo",
        "ErrorBody",
        "GroupOut",
        "PersonOut",
        "MemberOut",
        "LessonOut",
        "ActivityOut",
        "TermGradeHistory",
        "TermGradeChange",
    ):
        assert model in schemas, model
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    changes = paths["/api/v1/sync/changes"]["get"]
    assert {"426", "401"} <= set(changes["responses"])
    headers = {p["name"] for p in changes["parameters"] if p["in"] == "header"}
    assert headers == {"X-Klassbok-Protocol", "X-Klassbok-Schema"}


def test_a_server_failure_is_a_500_without_a_traceback(server_factory: ServerFactory) -> None:
    server = server_factory()
    # Break the database under the running server: every query on the
    # table now fails the way a bug would.
    with server.engine.begin() as conn:
        conn.execute(text("DROP TABLE group_membership"))
    path = f"/api/v1/groups/{server.school['group:7a']}/members"
    response = server.get(path, server.token("anna"))
    _assert_error(response, 500, "internal_error")
    assert "group_membership" not in response.text
    # The bug is logged, with its traceback, for the administrator.
    log = server.process.log_path.read_text("utf-8")
    assert "Traceback" in log
    assert "internal error on GET /api/v1/groups/" in log
    # And the server keeps serving.
    assert server.get("/api/v1/info").status_code == 200

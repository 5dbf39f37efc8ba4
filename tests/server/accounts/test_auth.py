"""Signing in and out against the real server: passwords and tokens
(throttling: test_login_throttle.py)."""

from __future__ import annotations

import datetime as dt

import requests
from sqlalchemy import select, update

from server.services.accounts.auth import hash_token
from server.tables import auth_token, user_account
from tests.support.server_fixtures import (
    RunningServer,
    ServerFactory,
    add_user,
    expire_token,
    make_expired_token,
    new_source_address,
    password_for,
)


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_login_with_the_right_password_gives_a_token_for_that_account(
    school_server: RunningServer,
) -> None:
    response = school_server.login("anna")
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["username"] == "anna"
    assert body["user"]["role"] == "teacher"
    assert body["user"]["person_id"] == str(school_server.school["teacher:anna"])
    me = school_server.get("/api/v1/me", body["token"])
    assert me.status_code == 200
    assert me.json()["id"] == str(school_server.user_ids["anna"])


def test_the_database_keeps_only_a_hash_of_the_token(school_server: RunningServer) -> None:
    token = school_server.fresh_token("anna")
    with school_server.engine.connect() as conn:
        stored = set(conn.execute(select(auth_token.c.token_hash)).scalars())
    assert token not in stored
    assert hash_token(token) in stored


def test_usernames_are_not_case_sensitive(school_server: RunningServer) -> None:
    response = school_server.login("  Anna ", password_for("anna"))
    assert response.status_code == 200


def test_a_token_expires_after_the_configured_lifetime(server_factory: ServerFactory) -> None:
    server = server_factory(env={"KLASSBOK_TOKEN_TTL_SECONDS": "3600"})
    before = dt.datetime.now(dt.UTC)
    body = server.login("anna").json()
    expires = _parse(body["expires_at"])
    assert dt.timedelta(minutes=59) < expires - before < dt.timedelta(minutes=61)


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(
    school_server: RunningServer,
) -> None:
    add_user(school_server.engine, "wrongpw")
    # Each from an address of its own: failures slow down their address.
    wrong = school_server.login("wrongpw", "not-the-password", source=new_source_address())
    unknown = school_server.login(
        "nobody-by-this-name", "not-the-password", source=new_source_address()
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"] == "invalid_credentials"
    assert set(wrong.headers) - {"date"} == set(unknown.headers) - {"date"}


def test_an_expired_token_is_refused_as_expired(school_server: RunningServer) -> None:
    token = make_expired_token(school_server.engine, school_server.user_ids["anna"])
    response = school_server.get("/api/v1/me", token)
    assert response.status_code == 401
    assert response.json()["error"] == "token_expired"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_token_stops_working_when_it_expires(school_server: RunningServer) -> None:
    token = school_server.fresh_token("bertil")
    assert school_server.get("/api/v1/me", token).status_code == 200
    expire_token(school_server.engine, token)
    response = school_server.get("/api/v1/me", token)
    assert (response.status_code, response.json()["error"]) == (401, "token_expired")


def test_logout_revokes_the_token_and_only_that_one(school_server: RunningServer) -> None:
    token = school_server.fresh_token("cecilia")
    other = school_server.fresh_token("cecilia")
    response = school_server.request("POST", "/api/v1/auth/logout", token)
    assert response.status_code == 204
    assert response.content == b""
    after = school_server.get("/api/v1/me", token)
    assert (after.status_code, after.json()["error"]) == (401, "token_invalid")
    again = school_server.request("POST", "/api/v1/auth/logout", token)
    assert again.status_code == 401
    assert school_server.get("/api/v1/me", other).status_code == 200


def test_unknown_and_garbled_tokens_are_refused(school_server: RunningServer) -> None:
    cases = {
        None: "not_authenticated",
        "Bearer": "not_authenticated",
        "Basic YW5uYTpwdw==": "not_authenticated",
        "Bearer kb1_short": "not_authenticated",
        "Bearer kb1_" + "x" * 43: "token_invalid",
        "Bearer " + "ä" * 40: "not_authenticated",
    }
    for header, code in cases.items():
        headers = {} if header is None else {"Authorization": header}
        response = requests.get(school_server.url + "/api/v1/me", headers=headers, timeout=10)
        assert (response.status_code, response.json()["error"]) == (401, code), header


def test_a_disabled_account_is_told_so_only_with_the_right_password(
    school_server: RunningServer,
) -> None:
    add_user(school_server.engine, "gone.teacher")
    token = school_server.fresh_token("gone.teacher")
    with school_server.engine.begin() as conn:
        conn.execute(
            update(user_account)
            .where(user_account.c.username == "gone.teacher")
            .values(active=False)
        )
    source = new_source_address()
    wrong = school_server.login("gone.teacher", "guess", source=source)
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_credentials")
    right = school_server.login("gone.teacher", source=source)
    assert (right.status_code, right.json()["error"]) == (403, "account_disabled")
    assert school_server.get("/api/v1/me", token).status_code == 401


def test_malformed_login_bodies_are_invalid_requests(school_server: RunningServer) -> None:
    url = school_server.url + "/api/v1/auth/login"
    bodies: list[dict[str, object]] = [
        {},
        {"username": "anna"},
        {"username": "", "password": "x"},
        {"username": "anna", "password": "x", "surprise": 1},
        {"username": ["anna"], "password": "x"},
        {"username": "anna", "password": "x" * 1001},
    ]
    for body in bodies:
        response = requests.post(url, json=body, timeout=10)
        assert response.status_code == 422, body
        assert response.json()["error"] == "invalid_request"
    garbage = requests.post(
        url, data=b"{not json", headers={"Content-Type": "application/json"}, timeout=10
    )
    assert (garbage.status_code, garbage.json()["error"]) == (422, "invalid_request")

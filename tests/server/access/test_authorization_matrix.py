"""Every endpoint against every kind of caller: exact statuses, and never a foreign id.

Callers: Anna (7A), Bertil (8B), Cecilia (co-teaches maths with Anna), an
admin, no token, an expired token, a revoked token and a garbled one. What
each teacher may see comes from the small school's hand-written
expectations (tests/support/small_school.py), not from the server's code.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from tests.support.server_fixtures import SYNC_HEADERS, RunningServer, make_expired_token

TEACHER_CALLERS = ("anna", "bertil", "cecilia")
CALLERS = (*TEACHER_CALLERS, "admin", "no_token", "expired", "revoked", "garbled")
#: Status and error code for the callers that are not signed in.
UNAUTHENTICATED = {
    "no_token": (401, "not_authenticated"),
    "expired": (401, "token_expired"),
    "revoked": (401, "token_invalid"),
    "garbled": (401, "not_authenticated"),
}


@dataclass(frozen=True)
class Case:
    method: str
    path: str  # "{label}" is replaced by that row's id
    #: The row the endpoint is about; None for lists (200 for every account).
    about: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    ok_status: int = 200
    needs_auth: bool = True

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}{'?' + '&'.join(self.params) if self.params else ''}"


def _window() -> dict[str, str]:
    now = dt.datetime.now(dt.UTC)
    return {
        "start": (now - dt.timedelta(days=7)).isoformat(),
        "end": (now + dt.timedelta(days=7)).isoformat(),
    }


def _last_term_day() -> str:
    from sync_protocol.terms import term_for

    return (term_for(dt.date.today()).start - dt.timedelta(days=10)).isoformat()


CASES = [
    Case("GET", "/api/v1/info", needs_auth=False),
    Case("GET", "/api/v1/me"),
    Case("POST", "/api/v1/auth/logout", ok_status=204),
    Case("GET", "/api/v1/sync/changes", params={"limit": "5000"}),
    Case("GET", "/api/v1/groups"),
    Case("GET", "/api/v1/activities"),
    Case("GET", "/api/v1/lessons", params=_window()),
    *[Case("GET", f"/api/v1/groups/{{group:{g}}}", about=f"group:{g}") for g in ("7a", "8b", "9c")],
    *[
        Case("GET", f"/api/v1/groups/{{group:{g}}}/members", about=f"group:{g}")
        for g in ("7a", "8b", "9c")
    ],
    # A day last term, when Hugo was still in 7A: he must not be listed.
    Case(
        "GET",
        "/api/v1/groups/{group:7a}/members",
        about="group:7a",
        params={"on": _last_term_day()},
    ),
    *[
        Case("GET", f"/api/v1/persons/{{{label}}}", about=label)
        for label in (
            "pupil:alva",
            "pupil:elsa",
            "pupil:hugo",
            "pupil:bodil",
            "pupil:cleo",
            "guardian:gunnar",
            "guardian:greta",
            "guardian:harald",
            "guardian:berit",
            "teacher:anna",
            "teacher:bertil",
            "teacher:erik",
            "teacher:dora",
        )
    ],
    # A term grade's history: for whoever may see the term grade.
    Case("GET", "/api/v1/term-grades/{record:grade}/history", about="record:grade"),
    # Ids of other kinds are not persons, groups or term grades: 404 whoever asks.
    Case("GET", "/api/v1/term-grades/{record:result}/history", about="never"),
    Case("GET", "/api/v1/persons/{group:7a}", about="never"),
    Case("GET", "/api/v1/groups/{pupil:alva}", about="never"),
    Case("GET", f"/api/v1/persons/{uuid.UUID(int=7)}", about="never"),
]


@pytest.fixture(scope="module")
def callers(school_server: RunningServer) -> dict[str, str | None]:
    """Authorization header value of each caller (None: no header)."""
    revoked = school_server.fresh_token("anna")
    assert school_server.request("POST", "/api/v1/auth/logout", revoked).status_code == 204
    expired = make_expired_token(school_server.engine, school_server.user_ids["anna"])
    headers: dict[str, str | None] = {
        name: f"Bearer {school_server.token(name)}" for name in (*TEACHER_CALLERS, "admin")
    }
    headers.update(
        no_token=None,
        expired=f"Bearer {expired}",
        revoked=f"Bearer {revoked}",
        garbled="Bearer not a token at all",
    )
    return headers


def _expected(case: Case, caller: str, server: RunningServer) -> int:
    if not case.needs_auth:
        return case.ok_status
    if caller in UNAUTHENTICATED:
        return UNAUTHENTICATED[caller][0]
    if case.about is None:
        return case.ok_status
    if case.about == "never" or caller == "admin":
        return 404
    return 200 if server.school[case.about] in server.school.visible[caller] else 404


def _call(server: RunningServer, case: Case, caller: str, header: str | None) -> requests.Response:
    path = case.path
    for label, row_id in server.school.ids.items():
        path = path.replace("{" + label + "}", str(row_id))
    headers = dict(SYNC_HEADERS) if path.startswith("/api/v1/sync/") else {}
    if case.method == "POST" and case.path.endswith("/logout") and caller not in UNAUTHENTICATED:
        # Logging out spends the token: a fresh one for each call.
        username = caller
        header = f"Bearer {server.fresh_token(username)}"
    if header is not None:
        headers["Authorization"] = header
    return requests.request(
        case.method, server.url + path, headers=headers, params=case.params, timeout=30
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_caller_gets_exactly_the_expected_status(
    school_server: RunningServer, callers: dict[str, str | None], case: Case
) -> None:
    got, wanted = {}, {}
    for caller in CALLERS:
        response = _call(school_server, case, caller, callers[caller])
        got[caller] = response.status_code
        wanted[caller] = _expected(case, caller, school_server)
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error", "message", "detail"}
            if caller in UNAUTHENTICATED and case.needs_auth:
                assert body["error"] == UNAUTHENTICATED[caller][1], caller
            if response.status_code == 404:
                assert body["error"] == "not_found"
    assert got == wanted


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_no_foreign_id_ever_appears_in_a_body(
    school_server: RunningServer, callers: dict[str, str | None], case: Case
) -> None:
    school = school_server.school
    for caller in (*TEACHER_CALLERS, "admin"):
        response = _call(school_server, case, caller, callers[caller])
        foreign = school.foreign_to(caller) if caller != "admin" else school.all_ids
        text = response.text
        leaked = {row_id for row_id in foreign if str(row_id) in text}
        assert not leaked, f"{caller} was shown {[school.kind(i) for i in leaked]}"
        if response.headers.get("content-type", "").startswith("application/json"):
            strings = set(_strings(response.json()))
            assert not {str(row_id) for row_id in foreign} & strings


def test_lists_hold_what_the_teacher_may_see(school_server: RunningServer) -> None:
    school = school_server.school
    token = school_server.token("anna")
    groups = school_server.get("/api/v1/groups", token).json()
    assert [g["id"] for g in groups] == [str(school["group:7a"])]
    activities = {a["id"]: a for a in school_server.get("/api/v1/activities", token).json()}
    assert set(activities) == {str(school[f"activity:{name}"]) for name in ("ma7a", "sv7a", "idh")}
    pe = activities[str(school["activity:idh"])]
    assert pe["group_ids"] == [str(school["group:7a"])]
    assert pe["teacher_ids"] == [str(school["teacher:erik"])]
    lessons = school_server.get("/api/v1/lessons", token, params=_window()).json()
    assert {lesson["activity_id"] for lesson in lessons} == set(activities)
    assert len(lessons) == 9


def test_members_follow_the_membership_dates(school_server: RunningServer) -> None:
    school = school_server.school
    token = school_server.token("cecilia")
    term = school.builder.term
    path = f"/api/v1/groups/{school['group:7a']}/members"

    def names(day: dt.date) -> set[str]:
        response = school_server.get(path, token, params={"on": day.isoformat()})
        assert response.status_code == 200
        return {member["pupil"]["given_name"] for member in response.json()}

    assert names(term.start) == {"Alva", "Axel", "Elsa"}
    assert names(term.start + dt.timedelta(days=30)) == {"Alva", "Axel", "Elsa", "Nils"}
    assert names(term.start - dt.timedelta(days=10)) == set()  # Hugo is not shown

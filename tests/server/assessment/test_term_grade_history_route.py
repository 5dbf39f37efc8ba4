"""GET /api/v1/term-grades/{id}/history on the real server: the changes pushed
through /api/v1/sync/push, in order, for a teacher who may see the term grade.

Who may ask is in tests/server/access/test_authorization_matrix.py too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import requests

from sync_protocol import ids
from tests.server.sync.push_helpers import TeacherClient, module_server, row, versions
from tests.support.server_fixtures import RunningServer

push_server = module_server()


def _history(server: RunningServer, username: str, record: uuid.UUID) -> requests.Response:
    return server.get(f"/api/v1/term-grades/{record}/history", server.token(username))


def _applied(client: TeacherClient, op: dict[str, Any]) -> None:
    result = client.result(op)
    assert result["outcome"] == "applied", result


def _term_grade(server: RunningServer, term: str) -> tuple[uuid.UUID, dict[str, str]]:
    activity, pupil = server.school["activity:ma7a"], server.school["pupil:axel"]
    fields = {"pupil_id": str(pupil), "activity_id": str(activity), "term": term}
    return ids.term_grade_id(activity, pupil, term), fields


def _change(client: TeacherClient, record: uuid.UUID, **fields: Any) -> None:
    base = versions(row(client.server, "term_grade", record), *fields)
    _applied(client, client.op("term_grade", record, fields, base=base))


def test_two_pushed_changes_come_back_in_order(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    record, fields = _term_grade(push_server, "HT2025")
    _applied(anna, anna.op("term_grade", record, {**fields, "grade": "D"}))
    _change(anna, record, grade="C")

    response = _history(push_server, "anna", record)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["term_grade_id"] == str(record)
    changes = body["changes"]
    assert [(c["from_grade"], c["to_grade"]) for c in changes] == [(None, "D"), ("D", "C")]
    assert {c["changed_by"] for c in changes} == {"Anna Andersson"}
    assert {c["client_id"] for c in changes} == {anna.client_id}
    assert not any(c["deleted"] or c["from_reason"] or c["to_reason"] for c in changes)
    times = [dt.datetime.fromisoformat(c["changed_at"]) for c in changes]
    assert times == sorted(times)
    assert all(t.tzinfo is not None for t in times)
    # Names, never ids: the history says who by name only.
    assert set(changes[0]) == {
        "from_grade",
        "to_grade",
        "from_reason",
        "to_reason",
        "deleted",
        "changed_by",
        "changed_at",
        "client_id",
    }


def test_a_co_teacher_sees_the_whole_history_and_adds_to_it(push_server: RunningServer) -> None:
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    record, fields = _term_grade(push_server, "VT2025")
    _applied(anna, anna.op("term_grade", record, {**fields, "grade": "E"}))
    _change(cecilia, record, grade="-", no_basis_reason="absence")

    response = _history(push_server, "cecilia", record)

    assert response.status_code == 200, response.text
    changes = response.json()["changes"]
    assert [
        (c["from_grade"], c["to_grade"], c["to_reason"], c["changed_by"], c["client_id"])
        for c in changes
    ] == [
        (None, "E", None, "Anna Andersson", anna.client_id),
        ("E", "-", "absence", "Cecilia Carlsson", cecilia.client_id),
    ]
    assert response.json() == _history(push_server, "anna", record).json()


def test_a_term_grade_the_teacher_may_not_see_is_not_found(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    record, fields = _term_grade(push_server, "HT2024")
    _applied(anna, anna.op("term_grade", record, {**fields, "grade": "B"}))

    for username, asked in (
        ("bertil", record),
        ("admin", record),
        ("anna", uuid.uuid4()),
        ("anna", push_server.school["record:result"]),
    ):
        response = _history(push_server, username, asked)
        assert response.status_code == 404, (username, response.text)
        body = response.json()
        assert body["error"] == "not_found"
        assert body["detail"] == {"kind": "term_grade"}
        assert str(asked) not in response.text

"""Numbers and dates out of what the database and date arithmetic hold are
refused at the edge with 422 and a reason, and nothing is stored.

These were 500s (issue 12): an op number or acked_below of 2**63 reached the
database as an integer overflow, and an absence report ending at
0001-01-01T00:00:00+12:20 overflowed the date arithmetic.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import requests

from sync_protocol import versions
from tests.server.attendance.absence_support import add_reporter
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    counter,
    module_server,
    new_lesson,
)
from tests.support.server_fixtures import RunningServer

edge_server = module_server()

INT64_MAX = 2**63 - 1
REPORTS = "/api/v1/absence-reports"


@pytest.fixture(scope="module")
def server(edge_server: RunningServer) -> RunningServer:
    school = edge_server.school["school:ekbacken"]
    edge_server.user_ids["edgeklient"] = add_reporter(edge_server.engine, "edgeklient", school)
    return edge_server


def _assert_refused(response: requests.Response, says: str) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_request"
    assert says in str(body["detail"]), body


def _attendance_op(server: RunningServer, client: TeacherClient, **changes: Any) -> dict[str, Any]:
    record_id, values = attendance(server, new_lesson(server), "alva")
    op = client.op("attendance", record_id, values)
    op.update(changes)
    return op


@pytest.mark.parametrize("number", [2**63, 2**64, 10**30, -(2**63) - 1])
def test_an_op_number_beyond_64_bits_is_refused(server: RunningServer, number: int) -> None:
    client = TeacherClient(server, "anna")
    batch = client.batch([_attendance_op(server, client, op=number)])
    before = counter(server)
    response = client.send(batch)
    _assert_refused(response, "op")
    assert counter(server) == before


@pytest.mark.parametrize("number", [2**63, 10**30])
def test_an_acked_below_beyond_64_bits_is_refused(server: RunningServer, number: int) -> None:
    client = TeacherClient(server, "anna")
    batch = client.batch([_attendance_op(server, client)])
    batch["acked_below"] = number
    before = counter(server)
    _assert_refused(client.send(batch), "acked_below")
    assert counter(server) == before


def test_a_base_version_beyond_64_bits_is_refused(server: RunningServer) -> None:
    client = TeacherClient(server, "anna")
    op = _attendance_op(server, client, base={"status": 2**63})
    before = counter(server)
    _assert_refused(client.send(client.batch([op])), "base")
    assert counter(server) == before


def test_the_largest_64_bit_op_number_is_accepted(server: RunningServer) -> None:
    client = TeacherClient(server, "anna")
    op = _attendance_op(server, client, op=INT64_MAX)
    batch = client.batch([op])
    batch["acked_below"] = INT64_MAX
    response = client.send(batch)
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["outcome"] == "applied"


def _report(pupil: uuid.UUID, start: str, end: str) -> dict[str, Any]:
    return {
        "pupil_id": str(pupil),
        "absence_type": "reported_absence",
        "start_time": start,
        "end_time": end,
    }


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-01-01T00:00:00Z", "0001-01-01T00:00:00+12:20"),
        ("0001-01-01T00:00:00+12:20", "2026-01-01T00:00:00Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T01:00:00Z"),
        ("9999-12-31T22:00:00-12:00", "9999-12-31T23:59:59-12:00"),
    ],
    ids=["end at year 1 east", "start at year 1 east", "year 1 utc", "year 9999 west"],
)
def test_an_absence_report_at_the_ends_of_the_calendar_is_refused(
    server: RunningServer, start: str, end: str
) -> None:
    before = counter(server)
    pupil = server.school["pupil:alva"]
    response = server.request(
        "POST", REPORTS, server.token("edgeklient"), json=_report(pupil, start, end)
    )
    _assert_refused(response, "year")
    assert counter(server) == before


def test_lessons_and_members_at_the_ends_of_the_calendar_are_refused(server: RunningServer) -> None:
    token = server.token("anna")
    group = server.school["group:7a"]
    lessons = server.get(
        "/api/v1/lessons",
        token,
        params={"start": "0001-01-01T00:00:00+12:20", "end": "0001-01-02T00:00:00Z"},
    )
    _assert_refused(lessons, "year")
    members = server.get(f"/api/v1/groups/{group}/members", token, params={"on": "0001-01-01"})
    _assert_refused(members, "year")


def test_an_ordinary_report_is_still_stored(server: RunningServer) -> None:
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    body = _report(
        server.school["pupil:alva"],
        today.isoformat(),
        (today + dt.timedelta(hours=6)).isoformat(),
    )
    response = server.request("POST", REPORTS, server.token("edgeklient"), json=body)
    assert response.status_code == 201, response.text


def test_a_version_header_of_unicode_digits_is_refused(server: RunningServer) -> None:
    # "²" is a digit to str.isdigit() but int() refuses it: that was a 500.
    client = TeacherClient(server, "anna")
    headers = {versions.PROTOCOL_HEADER: "²", versions.SCHEMA_HEADER: "1"}
    response = client.send(client.batch([_attendance_op(server, client)]), headers=headers)
    assert response.status_code == 422, response.text
    assert versions.PROTOCOL_HEADER in response.json()["message"]

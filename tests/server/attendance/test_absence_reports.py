"""Guardian absence reports: POST/GET/DELETE /api/v1/absence-reports on the real server.

One server per backend for the module; each test reports about its own
pupils (or the same pupil with its own idempotency keys), so they do not
depend on each other.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select

from server.services.roster.school_time import SCHOOL_TIME_ZONE
from server.tables import synced
from tests.server.attendance.absence_support import (
    Mark,
    add_reporter,
    feed_records,
    notice,
    teacher_account,
    today_lesson,
)
from tests.server.sync.push_helpers import counter
from tests.support.server_fixtures import (
    RunningServer,
    start_school_server,
    stop_school_server,
)
from tests.support.server_process import run_cli

REPORTS = "/api/v1/absence-reports"


@pytest.fixture(scope="module")
def school(
    database_factory: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    server = start_school_server(
        database_factory(), tmp_path_factory.mktemp("reports") / "server.log"
    )
    s = server.school
    server.user_ids["vklient"] = add_reporter(server.engine, "vklient", s["school:ekbacken"])
    server.user_ids["bjorkappen"] = add_reporter(server.engine, "bjorkappen", s["school:bjork"])
    server.user_ids["nowhere"] = add_reporter(server.engine, "nowhere", None)
    yield server
    stop_school_server(server)


def _today_at(hour: int, minute: int = 0) -> dt.datetime:
    today = dt.datetime.now(SCHOOL_TIME_ZONE).date()
    return dt.datetime.combine(today, dt.time(hour, minute), tzinfo=SCHOOL_TIME_ZONE)


def _report(pupil: uuid.UUID, **changes: Any) -> dict[str, Any]:
    body = {
        "pupil_id": str(pupil),
        "absence_type": "reported_absence",
        "start_time": _today_at(0).isoformat(),
        "end_time": (_today_at(0) + dt.timedelta(days=1)).isoformat(),
        "reported_by_name": "Berit Björk",
    }
    body.update(changes)
    return body


def _post(
    server: RunningServer, body: dict[str, Any], *, user: str = "vklient", key: str | None = None
) -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return server.request("POST", REPORTS, server.token(user), json=body, headers=headers)


def _count(server: RunningServer, pupil: uuid.UUID) -> int:
    table = synced["absence_report"]
    with server.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(table).where(table.c.pupil_id == pupil)
            ).scalar_one()
        )


def test_a_report_reaches_the_roll_call_of_the_pupils_teachers(school: RunningServer) -> None:
    bodil = school.school["pupil:bodil"]
    start, end = _today_at(8, 15), _today_at(11, 30)  # part of a day, Swedish time
    response = _post(school, _report(bodil, start_time=start.isoformat(), end_time=end.isoformat()))
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["pupil_id"] == str(bodil)
    assert report["absence_type"] == "reported_absence"
    assert dt.datetime.fromisoformat(report["start_time"]) == start
    assert report["start_time"].endswith("Z")  # stored and answered in UTC
    assert report["withdrawn"] is False
    assert response.headers["Location"] == f"{REPORTS}/{report['id']}"

    records = feed_records(school, "bertil", "absence_report")
    fields = records[report["id"]]["fields"]
    assert fields["pupil_id"] == str(bodil)
    assert fields["reported_by_name"] == "Berit Björk"
    assert dt.datetime.fromisoformat(fields["end_time"]) == end
    assert fields["reported_at"] == report["reported_at"]
    assert report["id"] not in feed_records(school, "anna", "absence_report")  # not her pupil


def test_granted_leave_for_whole_days(school: RunningServer) -> None:
    bruno = school.school["pupil:bruno"]
    start = _today_at(0) + dt.timedelta(days=7)
    body = _report(
        bruno,
        absence_type="granted_leave",
        start_time=start.isoformat(),
        end_time=(start + dt.timedelta(days=3)).isoformat(),
        reported_by_name=None,
    )
    response = _post(school, body)
    assert response.status_code == 201, response.text
    assert response.json()["absence_type"] == "granted_leave"
    assert response.json()["reported_by_name"] is None


@pytest.mark.parametrize(
    "label",
    ["pupil:cleo", "pupil:hugo", "guardian:gunnar", "group:7a", "random"],
    ids=["other school", "left before this term", "a guardian", "a group", "unknown"],
)
def test_a_pupil_outside_the_systems_school_is_not_found(school: RunningServer, label: str) -> None:
    pupil = uuid.uuid4() if label == "random" else school.school[label]
    response = _post(school, _report(pupil))
    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "No pupil with that id at this school.",
        "detail": None,
    }
    assert _count(school, pupil) == 0
    # The other school's system may report about its own pupil.
    if label == "pupil:cleo":
        assert _post(school, _report(pupil), user="bjorkappen").status_code == 201


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"end_time": _today_at(7).isoformat(), "start_time": _today_at(9).isoformat()}, "after"),
        ({"end_time": _today_at(9).isoformat(), "start_time": _today_at(9).isoformat()}, "after"),
        (
            {"end_time": (_today_at(0) + dt.timedelta(days=32)).isoformat()},
            "at most 31 days",
        ),
        ({"start_time": "2026-11-30T08:00:00"}, "time zone"),
        (
            {
                "start_time": (_today_at(8) + dt.timedelta(days=800)).isoformat(),
                "end_time": (_today_at(9) + dt.timedelta(days=800)).isoformat(),
            },
            "within a year",
        ),
        ({"reported_by_name": "Berit\nBjörk"}, "single line"),
    ],
    ids=["end before start", "empty", "too long", "no time zone", "far away", "two lines"],
)
def test_a_bad_report_is_refused_with_the_reason(
    school: RunningServer, changes: dict[str, Any], says: str
) -> None:
    alva = school.school["pupil:alva"]
    before = _count(school, alva)
    response = _post(school, _report(alva, **changes))
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "invalid_request"
    assert says in response.json()["message"]
    assert _count(school, alva) == before


def test_malformed_bodies_and_keys_are_refused(school: RunningServer) -> None:
    alva = school.school["pupil:alva"]
    assert _post(school, _report(alva, absence_type="sick")).status_code == 422
    assert _post(school, {**_report(alva), "comment": "feber"}).status_code == 422
    bad_key = _post(school, _report(alva), key="två ord")
    assert bad_key.status_code == 422
    assert "Idempotency-Key" in bad_key.json()["message"]


def test_a_retried_report_is_stored_once(school: RunningServer) -> None:
    axel = school.school["pupil:axel"]
    key = str(uuid.uuid4())
    body = _report(axel)
    first = _post(school, body, key=key)
    again = _post(school, body, key=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert _count(school, axel) == 1

    other = _post(school, _report(axel, absence_type="granted_leave"), key=key)
    assert other.status_code == 409
    assert other.json()["error"] == "idempotency_conflict"
    # The same key from another system is another report.
    cleo = school.school["pupil:cleo"]
    assert _post(school, _report(cleo), user="bjorkappen", key=key).status_code == 201


def test_a_retry_or_an_unknown_withdrawal_changes_nothing(school: RunningServer) -> None:
    """Found by the fuzz run (tests/server/test_api_fuzz.py): a 404 withdrawal
    and a replayed report each used up a sequence number."""
    axel = school.school["pupil:axel"]
    key = str(uuid.uuid4())
    body = _report(axel, start_time=(_today_at(0) + dt.timedelta(days=21)).isoformat())
    body["end_time"] = (_today_at(0) + dt.timedelta(days=22)).isoformat()
    assert _post(school, body, key=key).status_code == 201
    before = counter(school)
    assert _post(school, body, key=key).status_code == 200
    token = school.token("vklient")
    assert school.request("DELETE", f"{REPORTS}/{uuid.uuid4()}", token).status_code == 404
    assert counter(school) == before


def test_retries_racing_each_other_make_one_report(school: RunningServer) -> None:
    nils = school.school["pupil:nils"]
    key, body = str(uuid.uuid4()), _report(nils)
    school.token("vklient")
    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(lambda _: _post(school, body, key=key), range(6)))
    assert sorted(r.status_code for r in responses) == [200] * 5 + [201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert _count(school, nils) == 1


def test_only_reporting_systems_may_report_and_they_may_do_nothing_else(
    school: RunningServer,
) -> None:
    alva = str(school.school["pupil:alva"])
    for user in ("anna", "admin", "nowhere"):
        response = _post(school, _report(uuid.UUID(alva)), user=user)
        assert response.status_code == 403, user
        assert response.json()["error"] == "forbidden"
    assert (
        "--school-id" in _post(school, _report(uuid.UUID(alva)), user="nowhere").json()["message"]
    )
    assert school.request("POST", REPORTS, None, json=_report(uuid.UUID(alva))).status_code == 401
    listing = school.get(REPORTS, school.token("anna"), params={"pupil_id": alva})
    assert listing.status_code == 403

    reporter = school.token("vklient")
    for path in ("/api/v1/sync/changes", "/api/v1/groups", f"/api/v1/persons/{alva}"):
        response = school.get(path, reporter)
        assert response.status_code == 403, path
        assert alva not in response.text
    op = {"op": 1, "kind": "attendance", "id": str(uuid.uuid4()), "hlc": "000000000000001-0000-x"}
    push = school.request(
        "POST",
        "/api/v1/sync/push",
        reporter,
        json={"client_id": "x", "batch_id": str(uuid.uuid4()), "transactions": [{"ops": [op]}]},
    )
    assert push.status_code == 403


def test_a_system_lists_and_withdraws_its_reports(school: RunningServer) -> None:
    bodil = school.school["pupil:bodil"]
    start = _today_at(0) + dt.timedelta(days=14)
    made = _post(
        school,
        _report(
            bodil,
            start_time=start.isoformat(),
            end_time=(start + dt.timedelta(days=1)).isoformat(),
        ),
    ).json()
    token = school.token("vklient")
    listed = school.get(REPORTS, token, params={"pupil_id": str(bodil)})
    assert listed.status_code == 200
    assert made["id"] in [r["id"] for r in listed.json()]
    assert school.get(f"{REPORTS}/{made['id']}", token).json() == made
    # Another system sees none of it.
    other = school.token("bjorkappen")
    assert school.get(f"{REPORTS}/{made['id']}", other).status_code == 404
    assert school.get(REPORTS, other, params={"pupil_id": str(bodil)}).status_code == 404
    assert school.request("DELETE", f"{REPORTS}/{made['id']}", other).status_code == 404

    assert school.request("DELETE", f"{REPORTS}/{made['id']}", token).status_code == 204
    assert school.request("DELETE", f"{REPORTS}/{made['id']}", token).status_code == 204
    assert school.get(f"{REPORTS}/{made['id']}", token).json()["withdrawn"] is True
    tombstone = feed_records(school, "bertil", "absence_report")[made["id"]]
    assert tombstone["deleted"] is True
    assert tombstone["fields"] == {}
    assert school.request("DELETE", f"{REPORTS}/{uuid.uuid4()}", token).status_code == 404


def test_a_report_before_the_notice_went_out_cancels_it(school: RunningServer) -> None:
    # This server has no SMTP: notices wait in "queued", as in a school
    # whose mail server is down. Bruno is absent, then his guardian reports.
    s = school.school
    bertil = teacher_account(school, "bertil", "teacher:bertil")
    bertil.push(Mark(today_lesson(school, "en8b"), s["pupil:bruno"], s["activity:en8b"], "absent"))
    queued = notice(school, s["pupil:bruno"])
    assert queued is not None
    assert queued["state"] in ("queued", "failed")

    made = _post(school, _report(s["pupil:bruno"]))
    assert made.status_code == 201
    row = notice(school, s["pupil:bruno"])
    assert row is not None
    assert row["state"] == "cancelled"

    # Withdrawn again: the absence is invalid once more.
    token = school.token("vklient")
    assert school.request("DELETE", f"{REPORTS}/{made.json()['id']}", token).status_code == 204
    row = notice(school, s["pupil:bruno"])
    assert row is not None
    assert row["state"] in ("queued", "failed")


def test_the_office_records_a_report_on_the_command_line(school: RunningServer) -> None:
    day = (dt.datetime.now(SCHOOL_TIME_ZONE) + dt.timedelta(days=2)).date()
    done = run_cli(
        school.database_url,
        "report-absence",
        "--pupil-id",
        str(school.school["pupil:nils"]),
        "--type",
        "granted_leave",
        "--date",
        day.isoformat(),
        "--part-of-day",
        "08:00-11:30",
        "--reported-by",
        "Nils pappa",
    )
    assert "Recorded granted leave for Nils Nord" in done.stdout
    assert f"{day} 08:00 to {day} 11:30" in done.stdout
    table = synced["absence_report"]
    with school.engine.connect() as conn:
        row = (
            conn.execute(
                select(table).where(
                    table.c.pupil_id == school.school["pupil:nils"],
                    table.c.absence_type == "granted_leave",
                )
            )
            .mappings()
            .one()
        )
    start = dt.datetime.combine(day, dt.time(8), tzinfo=SCHOOL_TIME_ZONE)
    assert row["start_time"] == start
    assert row["end_time"] == start + dt.timedelta(hours=3, minutes=30)
    assert row["reported_by_name"] == "Nils pappa"

    unknown = run_cli(
        school.database_url,
        "report-absence",
        "--pupil-external-id",
        "no-such-pupil",
        "--date",
        day.isoformat(),
        check=False,
    )
    assert unknown.returncode == 1
    assert "no pupil with that id" in unknown.stderr
    backwards = run_cli(
        school.database_url,
        "report-absence",
        "--pupil-id",
        str(school.school["pupil:nils"]),
        "--start",
        f"{day}T10:00",
        "--end",
        f"{day}T09:00",
        check=False,
    )
    assert backwards.returncode == 1
    assert "end_time must be after start_time" in backwards.stderr

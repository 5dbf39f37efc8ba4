"""The published lists on the small school: every object valid SS 12000, the
school's records all there, paging that gives each once, and /{id}."""

from __future__ import annotations

import pytest

from tests.server.ss12000.publish_support import LISTS, add_client, every_page, get, refused
from tests.support import ss12000
from tests.support.server_fixtures import RunningServer


@pytest.fixture(scope="module")
def token(school_server: RunningServer) -> str:
    return add_client(school_server.engine)


def _ids(objects: list[dict[str, object]]) -> list[object]:
    return [item["id"] for item in objects]


def test_attendances_publish_every_mark_in_minutes(
    school_server: RunningServer, token: str
) -> None:
    school = school_server.school
    found, _ = every_page(school_server, "/attendances", token, "Attendance", {})
    by_id = {item["id"]: item for item in found}
    marks = [label for label in school.ids if label.startswith("record:att:")]
    assert {str(school[label]) for label in marks} <= set(by_id)
    alva = by_id[str(school["record:att:alva"])]
    # Present at a registered 50-minute lesson; Elsa invalidly absent at the same lesson.
    assert alva["calendarEvent"] == {"id": str(school["lesson:ma7a:0"])}
    assert alva["student"] == {"id": str(school["pupil:alva"])}
    assert alva["isReported"] is True
    assert (alva["attendanceMinutes"], alva["invalidAbsenceMinutes"]) == (50, 0)
    elsa = by_id[str(school["record:att:elsa"])]
    assert (elsa["attendanceMinutes"], elsa["invalidAbsenceMinutes"]) == (0, 50)
    # The PE lesson's roll call was not taken.
    assert by_id[str(school["record:att:idh:alva"])]["isReported"] is False


def test_absences_publish_reports_with_the_standards_type(
    school_server: RunningServer, token: str
) -> None:
    school = school_server.school
    found, _ = every_page(school_server, "/absences", token, "Absence", {})
    report = next(item for item in found if item["id"] == str(school["record:absence"]))
    assert report["type"] == "Anmäld frånvaro"
    assert report["student"] == {"id": str(school["pupil:alva"])}
    granted = get(school_server, "/absences", token, {"type": "Beviljad ledighet"})
    assert str(school["record:absence"]) not in _ids(ss12000.check_list("Absence", granted.json()))


def test_grades_publish_set_term_grades_with_the_grading_teacher(
    school_server: RunningServer, token: str
) -> None:
    school = school_server.school
    found, _ = every_page(school_server, "/grades", token, "Grade", {})
    grade = next(item for item in found if item["id"] == str(school["record:grade"]))
    assert grade["gradeValue"] == "B"
    assert grade["organisation"] == {"id": str(school["school:ekbacken"])}
    # Written by the server, not pushed: the activity's grading teacher (Anna or Cecilia).
    graders = {str(school["teacher:anna"]), str(school["teacher:cecilia"])}
    assert grade["gradingTeacher"]["id"] in graders
    assert grade["semester"] + str(grade["year"]) == school.builder.term.code


@pytest.mark.parametrize("path", sorted(LISTS))
def test_paging_gives_every_object_once_in_the_same_order(
    school_server: RunningServer, token: str, path: str
) -> None:
    whole, pages = every_page(school_server, f"/{path}", token, LISTS[path], {})
    assert pages == 1
    assert whole, f"the small school has {path}"
    paged, pages = every_page(school_server, f"/{path}", token, LISTS[path], {"limit": 1})
    assert pages == len(whole)
    assert _ids(paged) == _ids(whole)


def test_a_page_token_with_a_filter_is_refused(school_server: RunningServer, token: str) -> None:
    first = get(school_server, "/attendances", token, {"limit": 1}).json()
    assert first["pageToken"]
    body = refused(
        get(
            school_server,
            "/attendances",
            token,
            {"pageToken": first["pageToken"], "student": str(school_server.school["pupil:alva"])},
        ),
        400,
    )
    assert "pageToken" in body["message"]
    refused(get(school_server, "/attendances", token, {"pageToken": "not-ours"}), 400)
    # A token of one list does not page another.
    refused(get(school_server, "/grades", token, {"pageToken": first["pageToken"]}), 400)


def test_filters_the_standard_defines_but_klassbok_lacks_are_refused(
    school_server: RunningServer, token: str
) -> None:
    school_id = str(school_server.school["school:ekbacken"])
    for path, name in (
        ("/attendances", "organisation"),
        ("/absences", "startTime.onOrAfter"),
        ("/grades", "gradingTeacher"),
        ("/grades", "sortkey"),
    ):
        body = refused(get(school_server, path, token, {name: school_id}), 400)
        assert name in body["message"]
        assert "not support" in body["message"]
    body = refused(get(school_server, "/attendances", token, {"colour": "blue"}), 400)
    assert "colour" in body["message"]
    refused(get(school_server, "/attendances", token, {"meta.modified.after": "yesterday"}), 400)
    refused(get(school_server, "/attendances", token, {"limit": "0"}), 400)
    refused(get(school_server, "/absences", token, {"type": "Sjuk"}), 400)


def test_each_object_can_be_fetched_by_its_id(school_server: RunningServer, token: str) -> None:
    school = school_server.school
    for path, schema, label in (
        ("attendances", "Attendance", "record:att:alva"),
        ("absences", "Absence", "record:absence"),
        ("grades", "Grade", "record:grade"),
    ):
        response = get(school_server, f"/{path}/{school[label]}", token)
        assert response.status_code == 200, response.text
        ss12000.check(schema, response.json())
        assert response.json()["id"] == str(school[label])
        # A record of another kind is not one of these.
        refused(get(school_server, f"/{path}/{school['pupil:alva']}", token), 404)
        refused(get(school_server, f"/{path}/P-104", token), 400)


def test_aggregated_attendance_sums_each_pupils_activity(
    school_server: RunningServer, token: str
) -> None:
    school = school_server.school
    term = school.builder.term
    params = {"startDate": term.start.isoformat(), "endDate": term.end.isoformat()}
    found, _ = every_page(
        school_server, "/aggregatedAttendance", token, "AggregatedAttendance", params
    )
    keyed = {(item["activity"]["id"], item["student"]["id"]): item for item in found}
    alva = keyed[(str(school["activity:ma7a"]), str(school["pupil:alva"]))]
    # Three 50-minute maths lessons; the first registered, where she was present.
    assert (alva["offeredSum"], alva["reportedSum"], alva["attendanceSum"]) == (150, 50, 50)
    elsa = keyed[(str(school["activity:ma7a"]), str(school["pupil:elsa"]))]
    assert elsa["invalidAbsenceSum"] == 50
    # Hugo left before the term: offered nothing, so not listed.
    assert not any(key[1] == str(school["pupil:hugo"]) for key in keyed)
    paged, pages = every_page(
        school_server,
        "/aggregatedAttendance",
        token,
        "AggregatedAttendance",
        {**params, "limit": 3},
    )
    assert paged == found
    assert pages > 1
    one = get(
        school_server,
        "/aggregatedAttendance",
        token,
        {**params, "student": [str(school["pupil:alva"]), str(school["pupil:bodil"])]},
    )
    students = {
        item["student"]["id"] for item in ss12000.check_list("AggregatedAttendance", one.json())
    }
    assert students == {str(school["pupil:alva"]), str(school["pupil:bodil"])}
    refused(get(school_server, "/aggregatedAttendance", token, {}), 400)
    refused(get(school_server, "/aggregatedAttendance", token, {**params, "schoolType": "GR"}), 400)
    backwards = {"startDate": term.end.isoformat(), "endDate": term.start.isoformat()}
    refused(get(school_server, "/aggregatedAttendance", token, backwards), 400)

"""The write rules of assessment records (issue 10), on the real server.

Values fit their assessment's scale, matrix levels name the matrix's
criteria, a matrix keeps the criteria results hold levels for, "–" only with
absence as its reason, and a locked term's grades change only once an
administrator unlocks the term. Every change of a term grade is kept in an
append-only history. A client of schema 1 still syncs assessments.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from server.services.sync.term_grade_history import history_of
from server.tables import term_grade_history
from sync_protocol import ids, versions
from tests.server.sync.push_helpers import (
    TeacherClient,
    conflicts_about,
    module_server,
    row,
)
from tests.server.sync.push_helpers import (
    versions as field_versions,
)
from tests.support.server_fixtures import RunningServer
from tests.support.server_process import run_cli

push_server = module_server()

Op = dict[str, Any]

CRITERIA = [
    {
        "id": "resonemang",
        "criterion": "Eleven för resonemang om lösningar.",
        "E": "Eleven för enkla och till viss del underbyggda resonemang.",
        "C": "Eleven för utvecklade och relativt väl underbyggda resonemang.",
        "A": "Eleven för välutvecklade och väl underbyggda resonemang.",
    },
    {
        "id": "metoder",
        "criterion": "Eleven använder matematiska metoder.",
        "E": "Eleven använder metoder på ett i huvudsak fungerande sätt.",
        "C": "Eleven använder metoder på ett relativt väl fungerande sätt.",
        "A": "Eleven använder metoder på ett väl fungerande sätt.",
    },
]


def _ids(server: RunningServer) -> tuple[str, str]:
    return str(server.school["activity:ma7a"]), str(server.school["pupil:axel"])


def _applied(client: TeacherClient, op: Op) -> dict[str, Any]:
    result = client.result(op)
    assert result["outcome"] == "applied", result
    return result


def _refused(client: TeacherClient, op: Op, reason: str) -> None:
    result = client.result(op)
    assert result["outcome"] == "rejected", result
    assert reason in result["reason"], result["reason"]


def _matrix(server: RunningServer, client: TeacherClient) -> uuid.UUID:
    activity, _ = _ids(server)
    matrix = uuid.uuid4()
    fields = {
        "activity_id": activity,
        "title": "Matris: algebra",
        "subject": "Matematik",
        "year_band": "7-9",
        "criteria": json.dumps(CRITERIA, ensure_ascii=False),
    }
    _applied(client, client.op("criteria_matrix", matrix, fields))
    return matrix


def _assessment(server: RunningServer, client: TeacherClient, **scale: Any) -> uuid.UUID:
    activity, _ = _ids(server)
    assessment = uuid.uuid4()
    fields = {"activity_id": activity, "title": "Prov", "assessment_type": "test", **scale}
    _applied(client, client.op("assessment", assessment, fields))
    return assessment


def _result(
    server: RunningServer, client: TeacherClient, assessment: uuid.UUID, **value: Any
) -> Op:
    activity, pupil = _ids(server)
    fields = {"assessment_id": str(assessment), "pupil_id": pupil, "activity_id": activity}
    record = ids.assessment_result_id(assessment, uuid.UUID(pupil))
    return client.op("assessment_result", record, {**fields, **value})


def _term_grade(server: RunningServer, client: TeacherClient, term: str, **value: Any) -> Op:
    activity, pupil = _ids(server)
    fields = {"pupil_id": pupil, "activity_id": activity, "term": term, **value}
    record = ids.term_grade_id(uuid.UUID(activity), uuid.UUID(pupil), term)
    return client.op("term_grade", record, fields)


def test_a_points_result_fits_the_tests_maximum(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    test = _assessment(
        push_server, anna, scale_kind="points", max_points=40, e_limit=12, c_limit=24, a_limit=34
    )
    _refused(anna, _result(push_server, anna, test, points=41), "41 is above the maximum of 40")
    _refused(anna, _result(push_server, anna, test, points=-1), "less than 0")
    _refused(anna, _result(push_server, anna, test, grade="C"), "judged in points")
    _applied(anna, _result(push_server, anna, test, points=40, comment="Bra jobbat"))
    stored = row(push_server, "assessment", test)
    # The limits are kept as the teacher set them: guidance beside the points.
    assert (stored["e_limit"], stored["c_limit"], stored["a_limit"]) == (12, 24, 34)


@pytest.mark.parametrize(
    ("scale", "reason"),
    [
        ({"scale_kind": "points"}, "a points test needs its maximum"),
        ({"scale_kind": "points", "max_points": 20, "e_limit": 25}, "above the test's maximum"),
        (
            {"scale_kind": "points", "max_points": 20, "e_limit": 10, "c_limit": 8},
            "assessment.c_limit: lower than e_limit",
        ),
        ({"scale_kind": "grade_af", "max_points": 20}, "belong to points, not grades A–F"),
        ({"scale_kind": "matrix"}, "the matrix was not found in this activity"),
        ({"scale_kind": "bonus"}, "assessment.scale_kind: expected one of"),
    ],
)
def test_an_assessment_with_a_scale_that_does_not_hold_together_is_refused(
    push_server: RunningServer, scale: dict[str, Any], reason: str
) -> None:
    anna = TeacherClient(push_server, "anna")
    activity, _ = _ids(push_server)
    fields = {"activity_id": activity, "title": "Prov", "assessment_type": "test", **scale}
    _refused(anna, anna.op("assessment", uuid.uuid4(), fields), reason)


def test_a_matrix_result_holds_a_level_per_criterion_of_its_matrix(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    matrix = _matrix(push_server, anna)
    test = _assessment(push_server, anna, scale_kind="matrix", criteria_matrix_id=str(matrix))
    unknown = json.dumps({"resonemang": "C", "problemlosning": "E"})
    _refused(anna, _result(push_server, anna, test, levels=unknown), "no criterion problemlosning")
    bad_level = json.dumps({"resonemang": "B"})
    _refused(anna, _result(push_server, anna, test, levels=bad_level), "expected one of not_yet")
    _refused(anna, _result(push_server, anna, test, levels="{nej"), "not readable JSON")
    _refused(anna, _result(push_server, anna, test, points=3), "judged in a criteria matrix")
    levels = json.dumps({"resonemang": "C", "metoder": "not_yet"})
    _applied(anna, _result(push_server, anna, test, levels=levels))

    # A criterion results hold levels for stays; another one may go.
    stored = row(push_server, "criteria_matrix", matrix)
    base = field_versions(stored, "criteria")
    kept_first = json.dumps(CRITERIA[:1], ensure_ascii=False)
    op = anna.op("criteria_matrix", matrix, {"criteria": kept_first}, base=base)
    _refused(anna, op, "cannot be removed while results hold levels for them: metoder (1)")
    assert json.loads(row(push_server, "criteria_matrix", matrix)["criteria"]) == CRITERIA


def test_a_matrix_an_assessment_is_judged_on_is_not_deleted(push_server: RunningServer) -> None:
    """Found by a long run (seed 1783354873): a deleted matrix left its
    assessment's results unreadable and refused every level given offline."""
    anna = TeacherClient(push_server, "anna")
    matrix = _matrix(push_server, anna)
    test = _assessment(push_server, anna, scale_kind="matrix", criteria_matrix_id=str(matrix))
    seen = field_versions(row(push_server, "criteria_matrix", matrix), "title")
    delete = anna.op("criteria_matrix", matrix, action="delete", base=seen)
    _refused(anna, delete, "the assessment 'Prov' is judged on this matrix")
    assert row(push_server, "criteria_matrix", matrix)["deleted"] is False
    # Once the assessment is judged otherwise, the matrix may go.
    base = field_versions(row(push_server, "assessment", test), "scale_kind", "criteria_matrix_id")
    _applied(
        anna,
        anna.op(
            "assessment",
            test,
            {"scale_kind": "grade_af", "criteria_matrix_id": None},
            base=base,
        ),
    )
    again = anna.op("criteria_matrix", matrix, action="delete", base=seen)
    assert anna.result(again)["outcome"] in ("applied", "conflict")


def test_a_copied_matrix_is_its_own(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    source = _matrix(push_server, anna)
    activity = str(push_server.school["activity:sv7a"])
    copy = uuid.uuid4()
    changed = [{**CRITERIA[0], "E": "Eleven resonerar enkelt."}]
    fields = {
        "activity_id": activity,
        "title": "Kopia",
        "subject": "Svenska",
        "year_band": "7-9",
        "criteria": json.dumps(changed, ensure_ascii=False),
        "template_of": str(source),
    }
    _applied(anna, anna.op("criteria_matrix", copy, fields))
    assert json.loads(row(push_server, "criteria_matrix", source)["criteria"]) == CRITERIA
    assert row(push_server, "criteria_matrix", copy)["template_of"] == source


def test_a_malformed_matrix_is_refused(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    activity, _ = _ids(push_server)
    twice = json.dumps([CRITERIA[0], CRITERIA[0]])
    fields = {"activity_id": activity, "title": "M", "subject": "Ma", "year_band": "7-9"}
    _refused(
        anna,
        anna.op("criteria_matrix", uuid.uuid4(), {**fields, "criteria": twice}),
        "criterion id resonemang appears twice",
    )
    _refused(
        anna,
        anna.op("criteria_matrix", uuid.uuid4(), {**fields, "criteria": '{"id": 1}'}),
        "must be a list of rows",
    )


def test_the_streck_only_with_absence_as_its_reason(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    _refused(anna, _term_grade(push_server, anna, "HT2025", grade="-"), "needs the reason")
    _refused(
        anna,
        _term_grade(push_server, anna, "HT2025", grade="C", no_basis_reason="absence"),
        "goes with '–' only",
    )
    _applied(anna, _term_grade(push_server, anna, "HT2025", grade="-", no_basis_reason="absence"))


def test_no_grade_for_a_pupil_who_left_the_group(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    activity = push_server.school["activity:ma7a"]
    hugo = push_server.school["pupil:hugo"]
    fields = {"pupil_id": str(hugo), "activity_id": str(activity), "term": "HT2025", "grade": "E"}
    op = anna.op("term_grade", ids.term_grade_id(activity, hugo, "HT2025"), fields)
    _refused(anna, op, "not found")
    test = push_server.school["record:test"]
    result = {"assessment_id": str(test), "pupil_id": str(hugo), "activity_id": str(activity)}
    op = anna.op(
        "assessment_result", ids.assessment_result_id(test, hugo), {**result, "grade": "C"}
    )
    _refused(anna, op, "not found")


def test_every_change_of_a_term_grade_is_kept(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    first = _term_grade(push_server, anna, "VT2025", grade="D")
    _applied(anna, first)
    record = uuid.UUID(first["id"])
    stored = row(push_server, "term_grade", record)
    _applied(
        anna, anna.op("term_grade", record, {"grade": "C"}, base=field_versions(stored, "grade"))
    )
    with push_server.engine.connect() as conn:
        history = history_of(conn, record)
    assert [(h["from_grade"], h["to_grade"], h["deleted"]) for h in history] == [
        (None, "D", False),
        ("D", "C", False),
    ]
    assert {h["client_id"] for h in history} == {anna.client_id}
    assert {h["changed_by"] for h in history} == {anna.person_id}
    assert all(h["changed_at"] is not None for h in history)


def test_the_term_grade_history_is_only_ever_appended_to() -> None:
    """No code updates or deletes history rows (they are evidence)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    offenders = [
        str(path.relative_to(root))
        for package in ("server", "local_db", "desktop")
        for path in (root / package).rglob("*.py")
        if "migrations" not in path.parts
        and any(
            f"{verb}(term_grade_history" in path.read_text("utf-8") for verb in ("update", "delete")
        )
    ]
    assert offenders == []
    assert term_grade_history.c.keys()[0] == "id"


def test_a_locked_term_changes_only_after_an_unlock(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    url = push_server.database_url
    school = str(push_server.school["school:ekbacken"])
    run_cli(url, "lock-term", "--school-id", school, "--term", "VT2024", "--date", "2024-06-20")
    op = _term_grade(push_server, anna, "VT2024", grade="B")
    _refused(anna, op, "the term VT2024 was locked on 2024-06-20")

    unlocked = run_cli(
        url, "unlock-term", "--school-id", school, "--term", "VT2024", "--by", "rektor"
    )
    assert "may be changed again" in unlocked.stdout
    _applied(anna, _term_grade(push_server, anna, "VT2024", grade="B"))

    run_cli(url, "lock-term", "--school-id", school, "--term", "VT2024", "--date", "2024-06-20")
    record = ids.term_grade_id(
        push_server.school["activity:ma7a"], push_server.school["pupil:axel"], "VT2024"
    )
    stored = row(push_server, "term_grade", record)
    base = field_versions(stored, "grade")
    _refused(anna, anna.op("term_grade", record, {"grade": "A"}, base=base), "locked on")
    _refused(anna, anna.op("term_grade", record, action="delete", base=base), "locked on")
    assert row(push_server, "term_grade", record)["grade"] == "B"

    missing = run_cli(url, "unlock-term", "--school-id", school, "--term", "HT2030", check=False)
    assert missing.returncode == 1
    assert "no lock date" in missing.stderr
    bad = run_cli(
        url,
        "lock-term",
        "--school-id",
        school,
        "--term",
        "HT30",
        "--date",
        "2030-01-01",
        check=False,
    )
    assert bad.returncode == 2


def test_two_grades_of_one_cell_wait_for_the_teacher(push_server: RunningServer) -> None:
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    first = _term_grade(push_server, anna, "HT2024", grade="E")
    _applied(anna, first)
    record = uuid.UUID(first["id"])
    base = field_versions(row(push_server, "term_grade", record), "grade")
    _applied(anna, anna.op("term_grade", record, {"grade": "D"}, base=base))
    rival = cecilia.result(cecilia.op("term_grade", record, {"grade": "C"}, base=base))
    assert rival["outcome"] == "conflict"
    assert row(push_server, "term_grade", record)["grade"] == "D"
    [conflict] = conflicts_about(push_server, record)
    assert (conflict["conflict_type"], conflict["state"]) == ("needs_review", "open")


def test_a_client_of_the_previous_schema_still_grades(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    old = {versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION - 1)}
    activity, _ = _ids(push_server)
    test = uuid.uuid4()
    fields = {"activity_id": activity, "title": "Gammalt prov", "assessment_type": "test"}
    ops = [anna.op("assessment", test, fields), _result(push_server, anna, test, grade="A")]
    response = anna.send(anna.batch(ops), headers=old)
    assert response.status_code == 200, response.text
    assert [r["outcome"] for r in response.json()["results"]] == ["applied", "applied"]
    stored = row(push_server, "assessment", test)
    assert (stored["scale_kind"], stored["published"], stored["max_points"]) == (None, None, None)
    # A field of schema 3 (where a matrix came from in the catalogue) is unknown to it.
    matrix = {
        "activity_id": activity,
        "title": "Matris",
        "subject": "Matematik",
        "year_band": "9",
        "criteria": "",
        "source_subject": "GRGRMAT01",
    }
    newer = anna.op("criteria_matrix", uuid.uuid4(), matrix)
    response = anna.send(anna.batch([newer]), headers=old)
    [result] = response.json()["results"]
    assert result["reason"] == "criteria_matrix.source_subject: unknown field"
    # A kind of schema 3 is unknown to it.
    newer = anna.op("support_adjustment", uuid.uuid4(), {"pupil_id": str(uuid.uuid4())})
    response = anna.send(anna.batch([newer]), headers=old)
    [result] = response.json()["results"]
    assert result["reason"] == "unknown kind: support_adjustment"

"""Every reason the server refuses an op, one case each (envelopes: test_push_envelopes.py).

A refused op never aborts its batch and never writes anything; the reason is
shown to the teacher as it is. Anything outside the caller's scope is "not
found", whether or not it exists.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from sync_protocol import ids
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    conflicts_about,
    counter,
    module_server,
    new_lesson,
    row,
)
from tests.support.server_fixtures import RunningServer

push_server = module_server()

Op = dict[str, Any]


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[RunningServer, TeacherClient], Op]
    reason: str


def _ma7a(server: RunningServer) -> str:
    return str(server.school["activity:ma7a"])


def _new_attendance(server: RunningServer, client: TeacherClient, **fields: Any) -> Op:
    record_id, values = attendance(server, new_lesson(server), "alva")
    values.update(fields)
    return client.op("attendance", record_id, {k: v for k, v in values.items() if v is not ...})


def _existing_attendance(server: RunningServer, client: TeacherClient, **fields: Any) -> Op:
    record_id = server.school["record:att:alva"]
    stored = row(server, "attendance", record_id)
    base = {name: int(stored["seq"]) for name in fields}
    return client.op("attendance", record_id, fields, base=base)


def _note(server: RunningServer, client: TeacherClient, pupil: str, activity: str) -> Op:
    fields = {
        "pupil_id": str(server.school[f"pupil:{pupil}"]),
        "activity_id": str(server.school[f"activity:{activity}"]),
        "category": "observation",
        "body": "Text",
    }
    return client.op("pupil_note", uuid.uuid4(), fields)


def _cancelled_lesson_attendance(server: RunningServer, client: TeacherClient) -> Op:
    lesson = new_lesson(server)
    server.school.builder.update("lesson", lesson, cancelled=True)
    record_id, values = attendance(server, lesson, "axel", status="absent")
    return client.op("attendance", record_id, values)


def _before_nils_joined(server: RunningServer, client: TeacherClient) -> Op:
    term = server.school.builder.term
    lesson = new_lesson(server, day=term.start + dt.timedelta(days=5))
    record_id, values = attendance(server, lesson, "nils", status="present")
    return client.op("attendance", record_id, values)


def _lesson_of_another_activity(server: RunningServer, client: TeacherClient) -> Op:
    lesson = new_lesson(server, "sv7a")
    record_id, values = attendance(server, lesson, "alva", activity="ma7a")
    return client.op("attendance", record_id, values)


def _result_in_wrong_activity(server: RunningServer, client: TeacherClient) -> Op:
    test_id, pupil = server.school["record:test"], server.school["pupil:axel"]
    fields = {
        "assessment_id": str(test_id),
        "pupil_id": str(pupil),
        "activity_id": str(server.school["activity:sv7a"]),
        "grade": "C",
    }
    return client.op("assessment_result", ids.assessment_result_id(test_id, pupil), fields)


def _not_the_natural_id(server: RunningServer, client: TeacherClient) -> Op:
    _, values = attendance(server, new_lesson(server), "alva")
    return client.op("attendance", uuid.uuid4(), values)


def _id_of_another_kind(server: RunningServer, client: TeacherClient) -> Op:
    op = _note(server, client, "alva", "ma7a")
    op["id"] = str(server.school["lesson:ma7a:1"])
    return op


def _grade_with_bad_term(server: RunningServer, client: TeacherClient) -> Op:
    activity, pupil = server.school["activity:ma7a"], server.school["pupil:alva"]
    fields = {"pupil_id": str(pupil), "activity_id": str(activity), "term": "HT26", "grade": "A"}
    return client.op("term_grade", ids.term_grade_id(activity, pupil, "HT26"), fields)


def _plan_with_foreign_unit(server: RunningServer, client: TeacherClient) -> Op:
    lesson = new_lesson(server, "sv7a")
    fields = {
        "lesson_id": str(lesson),
        "activity_id": str(server.school["activity:sv7a"]),
        "planning_unit_id": str(server.school["record:unit"]),  # a unit of ma7a
        "content": "Läsning",
    }
    return client.op("lesson_plan", ids.lesson_plan_id(lesson), fields)


def _plan_with_links(server: RunningServer, client: TeacherClient, links: str) -> Op:
    lesson = new_lesson(server)
    fields = {
        "lesson_id": str(lesson),
        "activity_id": str(server.school["activity:ma7a"]),
        "content": "Geometri",
        "links": links,
    }
    return client.op("lesson_plan", ids.lesson_plan_id(lesson), fields)


def _unit(server: RunningServer, client: TeacherClient, **fields: Any) -> Op:
    values = {"activity_id": str(server.school["activity:ma7a"]), "title": "Bråk", **fields}
    return client.op("planning_unit", uuid.uuid4(), values)


def _report_of_another_pupil(server: RunningServer, client: TeacherClient) -> Op:
    # Alva's guardian reported her absent; the report is not Axel's.
    record_id, values = attendance(server, new_lesson(server), "axel", status="valid_absence")
    values["absence_report_id"] = str(server.school["record:absence"])
    return client.op("attendance", record_id, values)


def _edit_of_deleted_attendance(server: RunningServer, client: TeacherClient) -> Op:
    record_id, values = attendance(server, new_lesson(server), "elsa")
    assert client.result(client.op("attendance", record_id, values))["outcome"] == "applied"
    server.school.builder.delete("attendance", record_id)
    stored = row(server, "attendance", record_id)
    return client.op("attendance", record_id, {"status": "late"}, base={"status": stored["seq"]})


def _settle(server: RunningServer, client: TeacherClient, fields: dict[str, Any]) -> Op:
    conflict = server.school["record:conflict"]  # an open notice about the unit, to nobody
    return client.op("sync_conflict", conflict, fields, base=dict.fromkeys(fields, 1))


def _decide(server: RunningServer, client: TeacherClient, fields: dict[str, Any]) -> Op:
    """An op on a fresh text_both conflict (two overlapping edits of a lesson plan)."""
    lesson = new_lesson(server)
    plan_id = ids.lesson_plan_id(lesson)
    values = {"lesson_id": str(lesson), "activity_id": _ma7a(server), "content": "Bråk"}
    client.result(client.op("lesson_plan", plan_id, values))
    version = row(server, "lesson_plan", plan_id)["seq"]
    for text in ("Bråk och procent", "Bråk och decimaltal"):
        other = TeacherClient(server, "cecilia")
        other.result(
            other.op(
                "lesson_plan",
                plan_id,
                {"content": text},
                base={"content": version},
                base_text={"content": "Bråk"},
            )
        )
    (conflict,) = conflicts_about(server, plan_id)
    assert conflict["conflict_type"] == "text_both"
    return client.op("sync_conflict", conflict["id"], fields, base=dict.fromkeys(fields, 1))


CASES = [
    Case(
        "unknown kind",
        lambda s, c: c.op("homework_excuse", uuid.uuid4(), {"x": 1}),
        "unknown kind: homework_excuse",
    ),
    Case(
        "kind kept by the school",
        lambda s, c: c.op("lesson", s.school["lesson:ma7a:0"], {"room": "B2"}, base={"room": 1}),
        "lesson records are kept by the school's system, not edited here",
    ),
    Case(
        "unknown field",
        lambda s, c: _existing_attendance(s, c, mood="happy"),
        "attendance.mood: unknown field",
    ),
    Case(
        "value not one of the choices",
        lambda s, c: _existing_attendance(s, c, status="sick"),
        "attendance.status: expected one of present, late, left_early, absent, "
        "valid_absence, other_activity",
    ),
    Case(
        "value of the wrong type",
        lambda s, c: _existing_attendance(s, c, late_minutes="ten"),
        "attendance.late_minutes: expected an integer",
    ),
    Case(
        "value out of range",
        lambda s, c: _existing_attendance(s, c, late_minutes=601),
        "attendance.late_minutes: greater than 600",
    ),
    Case(
        "text over the field's length",
        lambda s, c: _existing_attendance(s, c, comment="x" * 201),
        "attendance.comment: longer than 200 characters",
    ),
    Case(
        "null for a required field",
        lambda s, c: _existing_attendance(s, c, status=None),
        "attendance.status: may not be empty",
    ),
    Case(
        "a create missing a required field",
        lambda s, c: _new_attendance(s, c, status=...),
        "attendance.status: missing (needed to create the record)",
    ),
    Case(
        "immutable field changed",
        lambda s, c: _existing_attendance(s, c, pupil_id=str(s.school["pupil:axel"])),
        "attendance.pupil_id: cannot be changed after the record is made",
    ),
    Case(
        "delete of a kind that cannot be deleted",
        lambda s, c: c.op("attendance", s.school["record:att:alva"], action="delete"),
        "attendance records cannot be deleted",
    ),
    Case(
        "unreadable clock stamp",
        lambda s, c: {**_existing_attendance(s, c, status="late"), "hlc": "yesterday"},
        "the change's clock stamp is unreadable",
    ),
    Case("not the natural id", _not_the_natural_id, "the id is not the natural id"),
    Case(
        "an id of another kind",
        _id_of_another_kind,
        "the id belongs to another kind of record",
    ),
    Case(
        "a record of another school (exists, out of scope)",
        lambda s, c: c.op(
            "attendance", s.school["record:att:cleo"], {"status": "late"}, base={"status": 1}
        ),
        "not found",
    ),
    Case(
        "a pupil who left the class (out of scope)",
        lambda s, c: c.op(
            "attendance", s.school["record:att:hugo"], {"status": "late"}, base={"status": 1}
        ),
        "not found",
    ),
    Case(
        "a new record in an activity out of scope",
        lambda s, c: _note(s, c, "alva", "en8b"),
        "not found",
    ),
    Case(
        "a new record about a pupil out of scope",
        lambda s, c: _note(s, c, "cleo", "ma7a"),
        "not found",
    ),
    Case(
        "an edit of a record that does not exist",
        lambda s, c: c.op("pupil_note", uuid.uuid4(), {"body": "x"}, base={"body": 4}),
        "not found",
    ),
    Case(
        "a delete of a record that does not exist",
        lambda s, c: c.op("pupil_note", uuid.uuid4(), action="delete", base={"body": 4}),
        "not found",
    ),
    Case(
        "a lesson of another activity",
        _lesson_of_another_activity,
        "the lesson was not found in this activity",
    ),
    Case(
        "an assessment of another activity",
        _result_in_wrong_activity,
        "the assessment was not found in this activity",
    ),
    Case(
        "a planning unit of another activity",
        _plan_with_foreign_unit,
        "the planning unit was not found in this activity",
    ),
    Case(
        "an absence report of another pupil",
        _report_of_another_pupil,
        "the absence report was not found for this pupil",
    ),
    Case(
        "a pupil not yet in the class on the lesson's day",
        _before_nils_joined,
        "Nils Nord is not in 7A on ",
    ),
    Case("a cancelled lesson", _cancelled_lesson_attendance, "the lesson was cancelled"),
    Case("a term that is no term", _grade_with_bad_term, "term_grade.term: not a term code"),
    Case(
        "an edit of a deleted record that is not reviewed",
        _edit_of_deleted_attendance,
        "the record was deleted",
    ),
    Case(
        "a conflict field the server sets",
        lambda s, c: _settle(s, c, {"rival_value": '"x"'}),
        "sync_conflict.rival_value: is set by the server",
    ),
    Case(
        "a conflict reopened",
        lambda s, c: _settle(s, c, {"state": "open"}),
        "a conflict cannot be reopened",
    ),
    Case(
        "a notice resolved",
        lambda s, c: _settle(s, c, {"state": "resolved", "resolved_value": "1"}),
        "a notice is acknowledged, not resolved",
    ),
    Case(
        "a conflict acknowledged",
        lambda s, c: _decide(s, c, {"state": "acknowledged"}),
        "only a notice can be acknowledged; a conflict is resolved",
    ),
    Case(
        "a conflict resolved without a value",
        lambda s, c: _decide(s, c, {"state": "resolved"}),
        "sync_conflict.resolved_value: needed to resolve a conflict",
    ),
    Case(
        "a resolution that is not JSON",
        lambda s, c: _decide(s, c, {"state": "resolved", "resolved_value": "{not json"}),
        "sync_conflict.resolved_value: not valid JSON",
    ),
    Case(
        "a resolution of the wrong type",
        lambda s, c: _decide(s, c, {"state": "resolved", "resolved_value": "42"}),
        "sync_conflict.resolved_value: lesson_plan.content: expected a string",
    ),
    Case(
        "a conflict settled without a state",
        lambda s, c: _decide(s, c, {"resolved_value": '"Bråk"'}),
        "a conflict is settled by setting its state",
    ),
    Case(
        "a notice acknowledged by someone it is not addressed to",
        lambda s, c: _settle(s, c, {"state": "acknowledged"}),
        "this notice is addressed to another teacher",
    ),
    Case(
        "a lesson plan's link that is not a web address",
        lambda s, c: _plan_with_links(s, c, '[{"url": "www.nok.se"}]'),
        "lesson_plan.links: link 1: a link starts with http:// or https://",
    ),
    Case(
        "a lesson plan's links that are not a list",
        lambda s, c: _plan_with_links(s, c, "https://nok.se"),
        "lesson_plan.links: the links are not readable JSON",
    ),
    Case(
        "a unit's status that is neither draft nor published",
        lambda s, c: _unit(s, c, status="done"),
        "planning_unit.status:",
    ),
    Case(
        "a unit's pick that is not in the catalogue",
        lambda s, c: _unit(
            s, c, curriculum=f'{{"subject":"GRGRMAT01","version":1,"items":["{uuid.UUID(int=5)}"]}}'
        ),
        "planning_unit.curriculum: not in the catalogue:",
    ),
    Case(
        "a base naming no field",
        lambda s, c: {**_existing_attendance(s, c, status="late"), "base": {"colour": 3}},
        "attendance.colour: unknown field (in base)",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_refusal_has_its_reason_and_leaves_the_rest_of_the_batch(
    push_server: RunningServer, case: Case
) -> None:
    anna = TeacherClient(push_server, "anna")
    refused = case.make(push_server, anna)
    fine_id, fine = attendance(push_server, new_lesson(push_server), "axel", status="late")
    fine_op = anna.op("attendance", fine_id, fine)
    seq = counter(push_server)
    body = anna.push(refused, fine_op)
    bad, good = body["results"]
    assert bad["outcome"] == "rejected", bad
    assert bad["reason"].startswith(case.reason), bad["reason"]
    assert bad["seq"] is None
    assert good["outcome"] == "applied", "a refused op never aborts the batch"
    assert good["seq"] == seq + 1


def test_a_foreign_record_is_refused_exactly_like_a_missing_one(
    push_server: RunningServer,
) -> None:
    bertil = TeacherClient(push_server, "bertil")
    hidden = bertil.result(
        bertil.op(
            "pupil_note", push_server.school["record:note:elsa"], {"body": "x"}, base={"body": 9}
        )
    )
    missing = bertil.result(bertil.op("pupil_note", uuid.uuid4(), {"body": "x"}, base={"body": 9}))
    assert (hidden["outcome"], hidden["reason"]) == ("rejected", "not found")
    assert (missing["outcome"], missing["reason"]) == ("rejected", "not found")
    assert row(push_server, "pupil_note", push_server.school["record:note:elsa"])["body"] != "x"
    # A unit and a lesson plan of 7A's, with their new fields, are as hidden from 8B's teacher.
    for kind, label, changes in (
        ("planning_unit", "record:unit", {"status": "draft"}),
        ("lesson_plan", "record:plan", {"links": ""}),
    ):
        record = push_server.school[label]
        refused = bertil.result(bertil.op(kind, record, changes, base=dict.fromkeys(changes, 9)))
        assert (refused["outcome"], refused["reason"]) == ("rejected", "not found")

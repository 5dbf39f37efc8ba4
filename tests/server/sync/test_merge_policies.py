"""Field-by-field merge: every policy, against the real server.

Anna and Cecilia co-teach Matematik 7A; each works offline and pushes edits
made from the same version of a record. What the server keeps, what it tells
whom, and what it leaves for a teacher to decide.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sync_protocol import ids
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    conflicts_about,
    feed_records,
    module_server,
    new_lesson,
    row,
    stamp,
    version,
    versions,
)
from tests.support.server_fixtures import RunningServer, add_user

push_server = module_server()


def _created_attendance(server: RunningServer, pupil: str = "alva") -> uuid.UUID:
    anna = TeacherClient(server, "anna")
    record_id, fields = attendance(server, new_lesson(server), pupil, status="present")
    assert anna.result(anna.op("attendance", record_id, fields))["outcome"] == "applied"
    return record_id


# --- different fields, equal values -------------------------------------------------


def test_edits_of_different_fields_both_apply(push_server: RunningServer) -> None:
    record_id = _created_attendance(push_server)
    stored = row(push_server, "attendance", record_id)
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    by_anna = anna.op("attendance", record_id, {"status": "late"}, base=versions(stored, "status"))
    by_cecilia = cecilia.op(
        "attendance", record_id, {"comment": "Glömde boken"}, base=versions(stored, "comment")
    )
    first, second = anna.result(by_anna), cecilia.result(by_cecilia)
    assert (first["outcome"], second["outcome"]) == ("applied", "applied")
    merged = row(push_server, "attendance", record_id)
    assert (merged["status"], merged["comment"]) == ("late", "Glömde boken")
    # Each field's version is the seq of the write that changed it.
    assert version(merged, "status") == first["seq"]
    assert version(merged, "comment") == second["seq"]
    assert version(merged, "lesson_id") == stored["seq"]
    assert conflicts_about(push_server, record_id) == []


def test_the_same_value_from_two_teachers_is_no_conflict(push_server: RunningServer) -> None:
    record_id = _created_attendance(push_server)
    base = versions(row(push_server, "attendance", record_id), "status")
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    assert anna.result(anna.op("attendance", record_id, {"status": "absent"}, base=base))[
        "outcome"
    ] == ("applied")
    second = cecilia.result(cecilia.op("attendance", record_id, {"status": "absent"}, base=base))
    assert second["outcome"] == "merged"
    assert second["seq"] is None, "nothing was written"
    assert conflicts_about(push_server, record_id) == []


def test_an_edit_based_on_the_feeds_versions_applies_cleanly(push_server: RunningServer) -> None:
    """fv in the feed and base in the push are the same numbers."""
    record_id = _created_attendance(push_server)
    anna = TeacherClient(push_server, "anna")
    base = versions(row(push_server, "attendance", record_id), "status")
    anna.result(anna.op("attendance", record_id, {"status": "late"}, base=base))
    record = feed_records(push_server, "cecilia")[str(record_id)]
    comment_version = record["fv"].get("comment", record["seq"])
    cecilia = TeacherClient(push_server, "cecilia")
    result = cecilia.result(
        cecilia.op("attendance", record_id, {"comment": "Sjuk"}, base={"comment": comment_version})
    )
    assert result["outcome"] == "applied"
    assert conflicts_about(push_server, record_id) == []


# --- LATEST_WINS -----------------------------------------------------------------------


def test_attendance_follows_the_later_clock_and_the_loser_gets_a_notice(
    push_server: RunningServer,
) -> None:
    """Cecilia's later edit arrives first; Anna's earlier one arrives after it and loses."""
    record_id = _created_attendance(push_server)
    base = versions(row(push_server, "attendance", record_id), "status")
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    earlier, later = stamp(-120_000, "anna-pc"), stamp(-60_000, "cecilia-pc")
    assert cecilia.result(
        cecilia.op("attendance", record_id, {"status": "late"}, base=base, hlc=later)
    )["outcome"] == ("applied")
    lost = anna.result(
        anna.op("attendance", record_id, {"status": "absent"}, base=base, hlc=earlier)
    )
    assert lost["outcome"] == "merged"
    assert row(push_server, "attendance", record_id)["status"] == "late"
    (notice,) = conflicts_about(push_server, record_id)
    assert notice["conflict_type"] == "notice"
    assert notice["addressed_to"] == anna.person_id
    assert notice["field_name"] == "status"
    assert json.loads(notice["current_value"]) == "late"
    assert notice["current_by"] == cecilia.person_id
    assert json.loads(notice["rival_value"]) == "absent"
    assert notice["rival_by"] == anna.person_id
    assert notice["rival_at"] < notice["current_at"]
    assert notice["state"] == "open"


def test_a_later_edit_arriving_last_wins_and_the_earlier_teacher_is_told(
    push_server: RunningServer,
) -> None:
    record_id = _created_attendance(push_server, "axel")
    base = versions(row(push_server, "attendance", record_id), "status")
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    anna.result(
        anna.op("attendance", record_id, {"status": "absent"}, base=base, hlc=stamp(-120_000, "a"))
    )
    won = cecilia.result(
        cecilia.op("attendance", record_id, {"status": "late"}, base=base, hlc=stamp(-60_000, "c"))
    )
    assert won["outcome"] == "applied"
    assert row(push_server, "attendance", record_id)["status"] == "late"
    (notice,) = conflicts_about(push_server, record_id)
    assert notice["addressed_to"] == anna.person_id
    assert (json.loads(notice["current_value"]), notice["current_by"]) == ("absent", anna.person_id)
    assert (json.loads(notice["rival_value"]), notice["rival_by"]) == ("late", cecilia.person_id)
    # The notice travels like any record; Anna may close it, Cecilia may not.
    assert str(notice["id"]) in feed_records(push_server, "anna")
    base_state = {"state": notice["seq"]}
    refused = cecilia.result(
        cecilia.op("sync_conflict", notice["id"], {"state": "acknowledged"}, base=base_state)
    )
    assert refused == {
        "op": refused["op"],
        "outcome": "rejected",
        "reason": "this notice is addressed to another teacher",
        "seq": None,
    }
    closed = anna.result(
        anna.op("sync_conflict", notice["id"], {"state": "acknowledged"}, base=base_state)
    )
    assert closed["outcome"] == "applied"
    assert row(push_server, "sync_conflict", notice["id"])["state"] == "acknowledged"


# --- NEEDS_REVIEW ----------------------------------------------------------------------


def _grade(server: RunningServer, pupil: str) -> tuple[uuid.UUID, dict[str, Any]]:
    activity, pupil_id = server.school["activity:ma7a"], server.school[f"pupil:{pupil}"]
    term = server.school.builder.term.code
    fields = {
        "pupil_id": str(pupil_id),
        "activity_id": str(activity),
        "term": term,
        "grade": "C",
    }
    return ids.term_grade_id(activity, pupil_id, term), fields


def test_a_later_edit_from_the_same_computer_notifies_nobody(push_server: RunningServer) -> None:
    """Found by the sync simulation: a computer's second edit of a record,
    based on the version before its first edit (the first was answered
    "merged", so the client had no newer version to rebase on), replaced the
    first by the clock and sent a notice to its own teacher."""
    record_id = _created_attendance(push_server)
    base = versions(row(push_server, "attendance", record_id), "status")
    anna = TeacherClient(push_server, "anna")
    node = anna.client_id
    first = anna.op(
        "attendance", record_id, {"status": "late"}, base=base, hlc=stamp(-60_000, node)
    )
    later = anna.op("attendance", record_id, {"status": "absent"}, base=base, hlc=stamp(0, node))
    anna.result(first)
    anna.result(later)
    assert row(push_server, "attendance", record_id)["status"] == "absent"
    assert conflicts_about(push_server, record_id) == []


def test_a_grade_conflict_is_shown_to_both_and_settled_by_one(
    push_server: RunningServer,
) -> None:
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    grade_id, fields = _grade(push_server, "axel")
    assert anna.result(anna.op("term_grade", grade_id, fields))["outcome"] == "applied"
    base = versions(row(push_server, "term_grade", grade_id), "grade")
    assert anna.result(anna.op("term_grade", grade_id, {"grade": "B"}, base=base))["outcome"] == (
        "applied"
    )
    rival = cecilia.result(cecilia.op("term_grade", grade_id, {"grade": "A"}, base=base))
    assert rival["outcome"] == "conflict"

    kept = row(push_server, "term_grade", grade_id)
    assert kept["grade"] == "B", "the machine never decides a grade"
    assert kept["needs_review"] is True
    (conflict,) = conflicts_about(push_server, grade_id)
    assert conflict["conflict_type"] == "needs_review"
    assert (json.loads(conflict["current_value"]), conflict["current_by"]) == ("B", anna.person_id)
    assert (json.loads(conflict["rival_value"]), conflict["rival_by"]) == (
        "A",
        cecilia.person_id,
    )
    assert conflict["current_at"] is not None
    assert conflict["rival_at"] is not None
    assert conflict["addressed_to"] is None
    for teacher in ("anna", "cecilia"):
        seen = feed_records(push_server, teacher)[str(conflict["id"])]
        assert seen["fields"]["state"] == "open", teacher

    resolution = {"state": "resolved", "resolved_value": json.dumps("A")}
    conflict_base = versions(conflict, "state", "resolved_value")
    settled = cecilia.result(
        cecilia.op("sync_conflict", conflict["id"], resolution, base=conflict_base)
    )
    assert settled["outcome"] == "applied"
    decided = row(push_server, "term_grade", grade_id)
    assert decided["grade"] == "A"
    assert decided["needs_review"] is False
    assert version(decided, "grade") == settled["seq"], "a new version everyone pulls"
    anna_sees = feed_records(push_server, "anna")
    assert anna_sees[str(grade_id)]["fields"]["grade"] == "A"
    assert anna_sees[str(conflict["id"])]["fields"]["state"] == "resolved"

    again = anna.result(
        anna.op(
            "sync_conflict",
            conflict["id"],
            {"state": "resolved", "resolved_value": json.dumps("B")},
            base=conflict_base,
        )
    )
    assert again["outcome"] == "rejected"
    assert again["reason"] == "already resolved by Cecilia Carlsson"
    assert row(push_server, "term_grade", grade_id)["grade"] == "A"


def test_a_second_rival_for_a_grade_updates_the_open_conflict(
    push_server: RunningServer,
) -> None:
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    grade_id, fields = _grade(push_server, "elsa")
    anna.result(anna.op("term_grade", grade_id, fields))
    base = versions(row(push_server, "term_grade", grade_id), "grade")
    anna.result(anna.op("term_grade", grade_id, {"grade": "D"}, base=base))
    assert cecilia.result(cecilia.op("term_grade", grade_id, {"grade": "E"}, base=base))[
        "outcome"
    ] == ("conflict")
    assert cecilia.result(cecilia.op("term_grade", grade_id, {"grade": "F"}, base=base))[
        "outcome"
    ] == ("conflict")
    (conflict,) = conflicts_about(push_server, grade_id)
    assert json.loads(conflict["rival_value"]) == "F"
    assert row(push_server, "term_grade", grade_id)["grade"] == "D"


def test_a_third_teachers_grade_gets_a_conflict_of_its_own(push_server: RunningServer) -> None:
    """Found by the sync simulation: a third teacher's rival replaced the
    second teacher's in the open conflict, so the second grade vanished
    before anyone decided. Every rival stays until a teacher decides."""
    if "erik" not in push_server.user_ids:
        # Erik teaches PE to 7A, so 7A's maths grades are in his scope too.
        push_server.user_ids["erik"] = add_user(
            push_server.engine, "erik", person_id=push_server.school["teacher:erik"]
        )
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    erik = TeacherClient(push_server, "erik")
    grade_id, fields = _grade(push_server, "alva")
    anna.result(anna.op("term_grade", grade_id, fields))
    base = versions(row(push_server, "term_grade", grade_id), "grade")
    anna.result(anna.op("term_grade", grade_id, {"grade": "D"}, base=base))
    for teacher, grade in ((cecilia, "E"), (erik, "F")):
        result = teacher.result(teacher.op("term_grade", grade_id, {"grade": grade}, base=base))
        assert result["outcome"] == "conflict"
    rivals = {
        (json.loads(c["rival_value"]), c["rival_by"])
        for c in conflicts_about(push_server, grade_id)
    }
    assert rivals == {("E", cecilia.person_id), ("F", erik.person_id)}
    assert row(push_server, "term_grade", grade_id)["grade"] == "D"


def test_a_teachers_later_grade_that_stands_settles_her_earlier_rival(
    push_server: RunningServer,
) -> None:
    """Found by the sync simulation's order test: Cecilia's first grade was a
    rival in an open conflict; her second, equal to the record's, left the
    first open for a teacher to choose, although she had replaced it."""
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    grade_id, fields = _grade(push_server, "nils")
    anna.result(anna.op("term_grade", grade_id, fields))
    base = versions(row(push_server, "term_grade", grade_id), "grade")
    anna.result(anna.op("term_grade", grade_id, {"grade": "D"}, base=base))
    first = cecilia.result(cecilia.op("term_grade", grade_id, {"grade": "E"}, base=base))
    assert first["outcome"] == "conflict"
    again = cecilia.result(cecilia.op("term_grade", grade_id, {"grade": "D"}, base=base))
    assert again["outcome"] == "merged"
    (conflict,) = conflicts_about(push_server, grade_id)
    assert (conflict["state"], json.loads(conflict["resolved_value"])) == ("resolved", "D")
    assert conflict["modified_by"] == cecilia.person_id
    stored = row(push_server, "term_grade", grade_id)
    assert (stored["grade"], stored["needs_review"]) == ("D", False)


def test_a_grade_changed_to_the_rivals_value_settles_the_conflict(
    push_server: RunningServer,
) -> None:
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    # A term of its own: the module's other tests have graded every pupil of 7A.
    activity, pupil = push_server.school["activity:ma7a"], push_server.school["pupil:elsa"]
    grade_id = ids.term_grade_id(activity, pupil, "VT2020")
    fields = {"pupil_id": str(pupil), "activity_id": str(activity), "term": "VT2020", "grade": "C"}
    assert anna.result(anna.op("term_grade", grade_id, fields))["outcome"] == "applied"
    seen = versions(row(push_server, "term_grade", grade_id), "grade")
    anna.result(anna.op("term_grade", grade_id, {"grade": "D"}, base=seen))
    rival = cecilia.result(cecilia.op("term_grade", grade_id, {"grade": "B"}, base=seen))
    assert rival["outcome"] == "conflict"
    after_d = versions(row(push_server, "term_grade", grade_id), "grade")
    agreed = anna.result(anna.op("term_grade", grade_id, {"grade": "B"}, base=after_d))
    assert agreed["outcome"] == "applied"
    (conflict,) = conflicts_about(push_server, grade_id)
    assert (conflict["state"], json.loads(conflict["resolved_value"])) == ("resolved", "B")
    assert row(push_server, "term_grade", grade_id)["needs_review"] is False


# --- TEXT_MERGE ------------------------------------------------------------------------

ORIGINAL = "Vi läser kapitel 3 om bråk. Läxa: sidan 40."


def _plan(server: RunningServer) -> tuple[uuid.UUID, dict[str, Any]]:
    anna = TeacherClient(server, "anna")
    lesson = new_lesson(server, "ma7a")
    plan_id = ids.lesson_plan_id(lesson)
    fields = {
        "lesson_id": str(lesson),
        "activity_id": str(server.school["activity:ma7a"]),
        "content": ORIGINAL,
    }
    assert anna.result(anna.op("lesson_plan", plan_id, fields))["outcome"] == "applied"
    return plan_id, row(server, "lesson_plan", plan_id)


def test_text_edits_of_different_words_merge(push_server: RunningServer) -> None:
    plan_id, stored = _plan(push_server)
    base, text = versions(stored, "content"), {"content": ORIGINAL}
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    mine = ORIGINAL.replace("kapitel 3", "kapitel 4")
    theirs = ORIGINAL.replace("sidan 40", "sidan 42")
    assert anna.result(
        anna.op("lesson_plan", plan_id, {"content": mine}, base=base, base_text=text)
    )["outcome"] == ("applied")
    merged = cecilia.result(
        cecilia.op("lesson_plan", plan_id, {"content": theirs}, base=base, base_text=text)
    )
    assert merged["outcome"] == "merged"
    assert row(push_server, "lesson_plan", plan_id)["content"] == (
        "Vi läser kapitel 4 om bråk. Läxa: sidan 42."
    )
    assert conflicts_about(push_server, plan_id) == []


def test_overlapping_text_edits_keep_both_versions(push_server: RunningServer) -> None:
    plan_id, stored = _plan(push_server)
    base, text = versions(stored, "content"), {"content": ORIGINAL}
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    mine = ORIGINAL.replace("kapitel 3", "kapitel 5")
    theirs = ORIGINAL.replace("kapitel 3", "kapitel 6")
    anna.result(anna.op("lesson_plan", plan_id, {"content": mine}, base=base, base_text=text))
    both = cecilia.result(
        cecilia.op("lesson_plan", plan_id, {"content": theirs}, base=base, base_text=text)
    )
    assert both["outcome"] == "conflict"
    assert row(push_server, "lesson_plan", plan_id)["content"] == mine
    (conflict,) = conflicts_about(push_server, plan_id)
    assert conflict["conflict_type"] == "text_both"
    assert json.loads(conflict["current_value"]) == mine
    assert json.loads(conflict["rival_value"]) == theirs
    assert conflict["pupil_id"] is None
    assert row(push_server, "lesson_plan", plan_id)["needs_review"] is True


def test_a_text_conflict_offers_the_text_the_plan_holds_now(push_server: RunningServer) -> None:
    """After a conflict, a clean merge into the plan (here Anna's own later
    edit of other words) changes what the plan holds: the conflict offers
    that text, so choosing "current" does not undo the later edit."""
    plan_id, stored = _plan(push_server)
    base, text = versions(stored, "content"), {"content": ORIGINAL}
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    mine = ORIGINAL.replace("kapitel 3", "kapitel 5")
    anna.result(anna.op("lesson_plan", plan_id, {"content": mine}, base=base, base_text=text))
    theirs = ORIGINAL.replace("kapitel 3", "kapitel 6")
    cecilia.result(
        cecilia.op("lesson_plan", plan_id, {"content": theirs}, base=base, base_text=text)
    )
    after_mine = row(push_server, "lesson_plan", plan_id)
    later = mine.replace("sidan 40", "sidan 44")
    edit = anna.result(
        anna.op(
            "lesson_plan",
            plan_id,
            {"content": later},
            base=versions(after_mine, "content"),
            base_text={"content": mine},
        )
    )
    assert edit["outcome"] == "applied"
    (conflict,) = conflicts_about(push_server, plan_id)
    assert conflict["state"] == "open"
    assert json.loads(conflict["current_value"]) == later
    assert json.loads(conflict["rival_value"]) == theirs

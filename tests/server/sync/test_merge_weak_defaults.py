"""Weak defaults ("everyone not yet marked is present"), against the real server.

A default fills in what nobody has marked; it never overwrites a colleague's
mark, seen or not, whatever the clocks say, and tells nobody when it yields.
"""

from __future__ import annotations

from sync_protocol import ids
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    conflicts_about,
    module_server,
    new_lesson,
    row,
    stamp,
)
from tests.support.server_fixtures import RunningServer, add_user

push_server = module_server()


def test_a_default_yields_to_a_colleagues_mark_without_a_notice(
    push_server: RunningServer,
) -> None:
    """Anna marked Alva absent; Cecilia, offline and later, pressed "everyone not
    yet marked is present". Her default must not overwrite Anna's choice."""
    lesson = new_lesson(push_server)
    record_id, absent = attendance(push_server, lesson, "alva", status="absent")
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    assert anna.result(anna.op("attendance", record_id, absent, hlc=stamp(-60_000, "a")))[
        "outcome"
    ] == ("applied")
    _, present = attendance(push_server, lesson, "alva", status="present")
    default = {**cecilia.op("attendance", record_id, present, hlc=stamp(0, "c")), "weak": True}
    result = cecilia.result(default)
    assert result["outcome"] == "merged"
    assert result["seq"] is None, "nothing was written"
    assert row(push_server, "attendance", record_id)["status"] == "absent"
    assert conflicts_about(push_server, record_id) == []


def test_a_mark_arriving_after_a_default_replaces_it_whatever_the_clocks(
    push_server: RunningServer,
) -> None:
    """Found by the sync simulation: Cecilia's "everyone present" (a default,
    stamped later) reached the server first; Anna's explicit "absent", made
    offline earlier, arrived second and lost to it by the clock, so a choice
    was overwritten by a value nobody chose."""
    lesson = new_lesson(push_server)
    record_id, present = attendance(push_server, lesson, "alva", status="present")
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    default = {**cecilia.op("attendance", record_id, present, hlc=stamp(0, "c")), "weak": True}
    assert cecilia.result(default)["outcome"] == "applied"
    _, absent = attendance(push_server, lesson, "alva", status="absent")
    mark = anna.result(anna.op("attendance", record_id, absent, hlc=stamp(-60_000, "a")))
    assert mark["outcome"] in ("applied", "merged")  # merged: the same lesson and pupil
    assert mark["seq"] is not None
    assert row(push_server, "attendance", record_id)["status"] == "absent"
    # A default is nobody's choice: no notice to Cecilia, none to Anna.
    assert conflicts_about(push_server, record_id) == []
    # From then on the mark is a choice like any other: an older one loses to it.
    older = cecilia.op("attendance", record_id, {"status": "late"}, hlc=stamp(-120_000, "c"))
    assert cecilia.result({**older, "base": {"status": 1}})["outcome"] == "merged"
    assert row(push_server, "attendance", record_id)["status"] == "absent"
    (notice,) = conflicts_about(push_server, record_id)
    assert notice["addressed_to"] == cecilia.person_id


def test_a_field_a_create_left_out_yields_to_a_colleagues_value(
    push_server: RunningServer,
) -> None:
    """Found by the sync simulation's order test: Anna's create (a later
    mark, no comment) reached the server first; its empty comment was
    stamped as hers, and Cecilia's comment, made earlier offline, lost to
    it by the clock."""
    lesson = new_lesson(push_server)
    record_id, absent = attendance(push_server, lesson, "axel", status="absent")
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    assert anna.result(anna.op("attendance", record_id, absent, hlc=stamp(0, "a")))["outcome"] == (
        "applied"
    )
    _, late = attendance(push_server, lesson, "axel", status="late")
    earlier = cecilia.op(
        "attendance", record_id, {**late, "comment": "Bussen"}, hlc=stamp(-60_000, "c")
    )
    assert cecilia.result(earlier)["outcome"] == "merged"  # her status lost, her comment not
    stored = row(push_server, "attendance", record_id)
    assert (stored["status"], stored["comment"]) == ("absent", "Bussen")
    (notice,) = conflicts_about(push_server, record_id)
    assert (notice["field_name"], notice["addressed_to"]) == ("status", cecilia.person_id)


def test_an_equal_value_arriving_later_records_its_stamp(push_server: RunningServer) -> None:
    """Found by the sync simulation's order test: Anna registers the lesson
    (earliest), Cecilia un-registers it, Erik registers it (latest). Arriving
    Anna, Erik, Cecilia, Erik's equal value left Anna's stamp on the field
    and Cecilia's won; arriving in any other order Erik's did."""
    if "erik" not in push_server.user_ids:
        push_server.user_ids["erik"] = add_user(
            push_server.engine, "erik", person_id=push_server.school["teacher:erik"]
        )
    lesson = new_lesson(push_server)
    record_id = ids.lesson_registration_id(lesson)
    fields = {"lesson_id": str(lesson), "activity_id": str(push_server.school["activity:ma7a"])}
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    erik = TeacherClient(push_server, "erik")
    for teacher, value, offset in (
        (anna, True, -30_000),
        (erik, True, -10_000),
        (cecilia, False, -20_000),
    ):
        teacher.result(
            teacher.op(
                "lesson_registration",
                record_id,
                {**fields, "registered": value},
                hlc=stamp(offset, teacher.username),
            )
        )
    assert row(push_server, "lesson_registration", record_id)["registered"] is True
    (notice,) = conflicts_about(push_server, record_id)
    assert notice["addressed_to"] == cecilia.person_id


def test_a_default_creates_the_record_nobody_has_made(push_server: RunningServer) -> None:
    record_id, present = attendance(push_server, new_lesson(push_server), "alva")
    cecilia = TeacherClient(push_server, "cecilia")
    result = cecilia.result({**cecilia.op("attendance", record_id, present), "weak": True})
    assert result["outcome"] == "applied"
    assert row(push_server, "attendance", record_id)["status"] == "present"


def test_a_default_for_a_cancelled_lesson_is_refused_not_merged(
    push_server: RunningServer,
) -> None:
    """Issue 16: a default meeting a colleague's record yields as "merged", but
    only while the teacher may still write there. After the lesson was
    cancelled the answer is a refusal with its reason, as for any edit, so
    the app never hears "merged" for a write that could not have been made."""
    lesson = new_lesson(push_server)
    record_id, absent = attendance(push_server, lesson, "alva", status="absent")
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    assert anna.result(anna.op("attendance", record_id, absent))["outcome"] == "applied"
    push_server.school.builder.update("lesson", lesson, cancelled=True)
    _, present = attendance(push_server, lesson, "alva", status="present")
    result = cecilia.result({**cecilia.op("attendance", record_id, present), "weak": True})
    assert result["outcome"] == "rejected"
    assert result["reason"] == "the lesson was cancelled"
    assert row(push_server, "attendance", record_id)["status"] == "absent"

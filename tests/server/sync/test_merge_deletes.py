"""Delete against edit, against the real server: a delete of a record
someone changed since, an edit of a deleted record, and the deletes that
answer such a conflict without anyone deciding it.

Anna and Cecilia co-teach Matematik 7A; each works offline and pushes. The
shared record is an extra anpassning (support_adjustment), which every
teacher of the pupil may edit; a pupil note has one editor, its author.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sync_protocol import ids
from sync_protocol.entities import entity
from tests.server.sync.push_helpers import (
    TeacherClient,
    conflicts_about,
    feed_records,
    module_server,
    row,
    versions,
)
from tests.support.server_fixtures import RunningServer

push_server = module_server()
_KIND = "support_adjustment"


def _note(server: RunningServer) -> tuple[uuid.UUID, dict[str, Any]]:
    anna = TeacherClient(server, "anna")
    note_id = uuid.uuid4()
    fields = {
        "pupil_id": str(server.school["pupil:axel"]),
        "what": "Muntliga prov",
        "evaluation": "Arbetar bra i grupp.",
    }
    assert anna.result(anna.op(_KIND, note_id, fields))["outcome"] == "applied"
    return note_id, row(server, _KIND, note_id)


def _edit_body(
    client: TeacherClient, note_id: uuid.UUID, stored: dict[str, Any], body: str
) -> dict[str, Any]:
    """The teacher's edit of the note's text as she last pulled it (`stored`)."""
    op = client.op(
        _KIND,
        note_id,
        {"evaluation": body},
        base=versions(stored, "evaluation"),
        base_text={"evaluation": stored["evaluation"]},
    )
    return client.result(op)


_NOTE_FIELDS = ("pupil_id", "what", "start_date", "end_date", "evaluation")


def test_a_delete_after_someone_elses_edit_is_shown_not_settled(
    push_server: RunningServer,
) -> None:
    note_id, stored = _note(push_server)
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    _edit_body(cecilia, note_id, stored, "Arbetar bra i grupp. Behöver mer tid.")
    deleted = anna.result(
        anna.op(_KIND, note_id, action="delete", base=versions(stored, *_NOTE_FIELDS))
    )
    assert deleted["outcome"] == "conflict"
    kept = row(push_server, _KIND, note_id)
    assert kept["deleted"] is False
    assert kept["needs_review"] is True
    (conflict,) = conflicts_about(push_server, note_id)
    assert conflict["conflict_type"] == "delete_vs_edit"
    assert json.loads(conflict["current_value"]) == {"evaluation": kept["evaluation"]}
    assert conflict["current_by"] == cecilia.person_id
    assert json.loads(conflict["rival_value"]) == "__delete__"

    settle = {"state": "resolved", "resolved_value": json.dumps("__delete__")}
    assert anna.result(
        anna.op("sync_conflict", conflict["id"], settle, base=versions(conflict, "state"))
    )["outcome"] == ("applied")
    assert row(push_server, _KIND, note_id)["deleted"] is True


def test_an_edit_of_a_deleted_record_is_kept_for_a_decision(push_server: RunningServer) -> None:
    note_id, stored = _note(push_server)
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    assert anna.result(
        anna.op(_KIND, note_id, action="delete", base=versions(stored, *_NOTE_FIELDS))
    )["outcome"] == ("applied")
    edited_body = "Arbetar bra. Extra anpassning: muntligt prov."
    edit = _edit_body(cecilia, note_id, stored, edited_body)
    assert edit["outcome"] == "conflict"
    assert row(push_server, _KIND, note_id)["deleted"] is True
    (conflict,) = conflicts_about(push_server, note_id)
    assert conflict["conflict_type"] == "delete_vs_edit"
    assert json.loads(conflict["current_value"]) == "__delete__"
    assert conflict["current_by"] == anna.person_id
    assert json.loads(conflict["rival_value"]) == {"evaluation": edited_body}
    assert str(conflict["id"]) in feed_records(push_server, "anna")

    keep = {"state": "resolved", "resolved_value": json.dumps("__keep__")}
    kept = cecilia.result(
        cecilia.op("sync_conflict", conflict["id"], keep, base=versions(conflict, "state"))
    )
    assert kept["outcome"] == "applied"
    revived = row(push_server, _KIND, note_id)
    assert (revived["deleted"], revived["evaluation"]) == (False, edited_body)
    assert revived["needs_review"] is False
    assert feed_records(push_server, "anna")[str(note_id)]["deleted"] is False


def _open_conflicts(server: RunningServer, record_id: uuid.UUID) -> list[dict[str, Any]]:
    return [c for c in conflicts_about(server, record_id) if c["state"] == "open"]


def test_deleting_what_she_had_edited_withdraws_her_edit_against_a_delete(
    push_server: RunningServer,
) -> None:
    """Cecilia's delete arrives first; Anna's offline edit, then her own
    delete of the same note, follow. Nothing is left to decide: the note is
    deleted, as it is when Anna's two ops arrive first."""
    note_id, stored = _note(push_server)
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    every_base = versions(stored, *_NOTE_FIELDS)
    cecilia.result(cecilia.op(_KIND, note_id, action="delete", base=every_base))
    edit = _edit_body(anna, note_id, stored, "Arbetar bra i grupp, med stöd.")
    assert edit["outcome"] == "conflict"
    assert len(_open_conflicts(push_server, note_id)) == 1

    again = anna.result(anna.op(_KIND, note_id, action="delete", base=every_base))

    assert again["outcome"] == "merged"
    assert _open_conflicts(push_server, note_id) == []
    (settled,) = conflicts_about(push_server, note_id)
    assert (settled["state"], json.loads(settled["resolved_value"])) == ("resolved", "__delete__")
    note = row(push_server, _KIND, note_id)
    assert (note["deleted"], note["needs_review"]) == (True, False)


def test_a_delete_by_the_editor_settles_a_delete_waiting_on_her_edit(
    push_server: RunningServer,
) -> None:
    """Anna's edit arrives, then Cecilia's stale delete (a conflict: delete
    or keep Anna's words?), then Anna deletes the note herself: the question
    is answered."""
    note_id, stored = _note(push_server)
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    _edit_body(anna, note_id, stored, "Arbetar bra i grupp, med stöd.")
    edited = row(push_server, _KIND, note_id)
    stale = cecilia.result(
        cecilia.op(_KIND, note_id, action="delete", base=versions(stored, *_NOTE_FIELDS))
    )
    assert stale["outcome"] == "conflict"

    own = anna.result(
        anna.op(_KIND, note_id, action="delete", base=versions(edited, *_NOTE_FIELDS))
    )

    assert own["outcome"] == "applied"
    assert _open_conflicts(push_server, note_id) == []
    note = row(push_server, _KIND, note_id)
    assert (note["deleted"], note["needs_review"]) == (True, False)


def test_a_result_entered_again_after_a_delete_is_a_new_record(
    push_server: RunningServer,
) -> None:
    """A create (every base 0) under the natural id of a deleted result makes it anew."""
    anna, cecilia = TeacherClient(push_server, "anna"), TeacherClient(push_server, "cecilia")
    test_id = push_server.school["record:test"]
    pupil = push_server.school["pupil:elsa"]
    result_id = ids.assessment_result_id(test_id, pupil)
    fields = {
        "assessment_id": str(test_id),
        "pupil_id": str(pupil),
        "activity_id": str(push_server.school["activity:ma7a"]),
        "grade": "D",
    }
    anna.result(anna.op("assessment_result", result_id, fields))
    stored = row(push_server, "assessment_result", result_id)
    # The app's delete carries the base of every field (local_db.edits.delete_record).
    names = [field.name for field in entity("assessment_result").fields]
    anna.result(
        anna.op("assessment_result", result_id, action="delete", base=versions(stored, *names))
    )
    again = cecilia.result(cecilia.op("assessment_result", result_id, {**fields, "grade": "C"}))
    assert again["outcome"] == "applied"
    recreated = row(push_server, "assessment_result", result_id)
    assert (recreated["deleted"], recreated["grade"]) == (False, "C")
    assert conflicts_about(push_server, result_id) == []

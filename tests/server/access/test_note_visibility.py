"""Who may read and write pupil documentation, against the real server with
real accounts: Anna writes about Alva (7A); Cecilia co-teaches 7A and is
Alva's mentor; Erik teaches Alva PE but is not her mentor; Bertil teaches 8B
only; Dora is at another school. The feed, the divergence check's digests
and fetches, and the push all follow one rule (docs/scope.md)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from server.services.sync.push_documentation import NO_VISIBILITY, NOT_AUTHOR
from sync_protocol.kinds.documentation import NOTE_BODY_MAX
from sync_protocol.versions import SCHEMA_HEADER
from tests.server.sync.push_helpers import (
    TeacherClient,
    conflicts_about,
    feed_records,
    row,
    versions,
)
from tests.support.mentors import add_mentor_group
from tests.support.server_fixtures import (
    SYNC_HEADERS,
    RunningServer,
    start_school_server,
    stop_school_server,
)

EVERYONE = ("anna", "cecilia", "erik", "bertil", "dora")


@pytest.fixture(scope="module")
def server(
    database_factory: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    log = tmp_path_factory.mktemp("note-visibility") / "server.log"
    running = start_school_server(database_factory(), log)
    add_mentor_group(running)
    yield running
    stop_school_server(running)


def _note(
    server: RunningServer, author: str, visibility: str, *, pupil: str = "alva", **more: Any
) -> tuple[uuid.UUID, dict[str, Any]]:
    note_id = uuid.uuid4()
    fields = {
        "pupil_id": str(server.school[f"pupil:{pupil}"]),
        "category": "observation",
        "body": f"{visibility}: läser långsamt",
        "visibility": visibility,
        "note_date": dt.date.today().isoformat(),
        **more,
    }
    client = TeacherClient(server, author)
    result = client.result(client.op("pupil_note", note_id, fields))
    assert result["outcome"] == "applied", result
    return note_id, fields


def _who_sees(server: RunningServer, record_id: uuid.UUID) -> set[str]:
    return {name for name in EVERYONE if str(record_id) in feed_records(server, name)}


def _digest_count(server: RunningServer, username: str, kind: str) -> int:
    response = server.request(
        "GET", "/api/v1/sync/digest", server.fresh_token(username), headers=SYNC_HEADERS
    )
    assert response.status_code == 200, response.text
    return sum(p["count"] for p in response.json()["digests"] if p["kind"] == kind)


def _fetch(server: RunningServer, username: str, kind: str, record_id: uuid.UUID) -> list[str]:
    response = server.request(
        "POST",
        "/api/v1/sync/fetch",
        server.fresh_token(username),
        headers=SYNC_HEADERS,
        json={"kind": kind, "ids": [str(record_id)]},
    )
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["changes"]]


def test_each_visibility_reaches_exactly_its_readers(server: RunningServer) -> None:
    private, _ = _note(server, "anna", "private")
    mentors, _ = _note(server, "anna", "mentors")
    teachers, _ = _note(server, "anna", "teachers")
    assert _who_sees(server, private) == {"anna"}
    assert _who_sees(server, mentors) == {"anna", "cecilia"}
    assert _who_sees(server, teachers) == {"anna", "cecilia", "erik"}
    # The divergence check's fetch follows the same rule.
    assert _fetch(server, "erik", "pupil_note", private) == []
    assert _fetch(server, "cecilia", "pupil_note", mentors) == [str(mentors)]
    assert _fetch(server, "erik", "pupil_note", mentors) == []
    # The private note is kept on the server: the school can still produce it.
    assert row(server, "pupil_note", private)["body"] == "private: läser långsamt"


def test_a_note_written_by_the_mentor_for_the_mentors(server: RunningServer) -> None:
    note, _ = _note(server, "cecilia", "mentors", pupil="axel")
    assert _who_sees(server, note) == {"cecilia"}  # she is Axel's only mentor


def test_narrowing_moves_the_fingerprint_and_the_digest_and_widening_brings_it_back(
    server: RunningServer,
) -> None:
    note, _ = _note(server, "anna", "teachers")
    anna, erik = TeacherClient(server, "anna"), server.token("erik")
    _, cursor = server.pull_all(erik)
    before = _digest_count(server, "erik", "pupil_note")
    stored = row(server, "pupil_note", note)
    narrowed = anna.op(
        "pupil_note", note, {"visibility": "private"}, base=versions(stored, "visibility")
    )
    assert anna.result(narrowed)["outcome"] == "applied"
    page = server.changes(erik, cursor)
    # The note is not sent again, and the page tells Erik's cache to check.
    assert str(note) not in {r["id"] for r in page["changes"]}
    assert page["scope_changed"] is True
    assert _digest_count(server, "erik", "pupil_note") == before - 1
    assert _who_sees(server, note) == {"anna"}

    stored = row(server, "pupil_note", note)
    widened = anna.op(
        "pupil_note", note, {"visibility": "teachers"}, base=versions(stored, "visibility")
    )
    assert anna.result(widened)["outcome"] == "applied"
    page = server.changes(erik, page["cursor"])
    assert str(note) in {r["id"] for r in page["changes"]}
    assert _who_sees(server, note) == {"anna", "cecilia", "erik"}


def _refusal(server: RunningServer, username: str, op: dict[str, Any]) -> str:
    result = TeacherClient(server, username).result(op)
    assert result["outcome"] == "rejected", result
    return str(result["reason"])


def _new_note_op(server: RunningServer, username: str, **fields: Any) -> dict[str, Any]:
    values = {
        "pupil_id": str(server.school["pupil:alva"]),
        "category": "observation",
        "body": "Text",
        "visibility": "teachers",
        **fields,
    }
    return TeacherClient(server, username).op("pupil_note", uuid.uuid4(), values)


def test_a_note_for_a_pupil_the_teacher_does_not_teach_is_not_found(
    server: RunningServer,
) -> None:
    assert _refusal(server, "bertil", _new_note_op(server, "bertil")) == "not found"
    assert _refusal(server, "dora", _new_note_op(server, "dora")) == "not found"


def test_for_the_mentors_needs_a_pupil_with_a_mentor(server: RunningServer) -> None:
    reason = _refusal(
        server,
        "anna",
        _new_note_op(
            server, "anna", pupil_id=str(server.school["pupil:elsa"]), visibility="mentors"
        ),
    )
    assert reason.startswith("Elsa Eriksson has no mentor in Klassbok")
    assert "only me" in reason


def test_a_new_note_must_say_who_sees_it(server: RunningServer) -> None:
    assert _refusal(server, "anna", _new_note_op(server, "anna", visibility=None)) == NO_VISIBILITY


def test_an_oversized_text_is_refused_with_the_limit(server: RunningServer) -> None:
    reason = _refusal(server, "anna", _new_note_op(server, "anna", body="x" * (NOTE_BODY_MAX + 1)))
    assert str(NOTE_BODY_MAX) in reason


def test_a_bad_term_and_an_adjustment_without_what_are_refused(server: RunningServer) -> None:
    reason = _refusal(server, "anna", _new_note_op(server, "anna", category="talk", term="HT26"))
    assert "term code" in reason
    anna = TeacherClient(server, "anna")
    empty = anna.op(
        "support_adjustment",
        uuid.uuid4(),
        {"pupil_id": str(server.school["pupil:alva"]), "what": "  "},
    )
    assert _refusal(server, "anna", empty) == "an extra adjustment must say what it is"


def test_only_the_author_changes_or_deletes_a_note(server: RunningServer) -> None:
    note, _ = _note(server, "anna", "teachers")
    stored = row(server, "pupil_note", note)
    cecilia = TeacherClient(server, "cecilia")
    edit = cecilia.op(
        "pupil_note", note, {"body": "Ändrat"}, base=versions(stored, "body"),
        base_text={"body": stored["body"]},
    )  # fmt: skip
    assert _refusal(server, "cecilia", edit) == NOT_AUTHOR
    names = ("pupil_id", "activity_id", "category", "body", "visibility", "note_date", "term")
    delete = cecilia.op("pupil_note", note, action="delete", base=versions(stored, *names))
    assert _refusal(server, "cecilia", delete) == NOT_AUTHOR
    # Erik cannot even see Anna's private note: not found, not "not yours".
    private, _ = _note(server, "anna", "private")
    stored = row(server, "pupil_note", private)
    erik = TeacherClient(server, "erik")
    edit = erik.op("pupil_note", private, {"body": "x"}, base=versions(stored, "body"))
    assert _refusal(server, "erik", edit) == "not found"
    assert row(server, "pupil_note", note)["body"] == stored["body"].replace("private", "teachers")


def test_two_computers_of_the_author_edit_one_private_note(server: RunningServer) -> None:
    """Her laptop and her desktop, offline: edits in different places merge;
    overlapping ones keep both, and only Anna is asked (the conflict carries
    the private words, so no colleague's cache gets it)."""
    note, _ = _note(server, "anna", "private", body="Läser långsamt.\nBehöver stöd.")
    stored = row(server, "pupil_note", note)
    laptop = TeacherClient(server, "anna", client_id="anna-laptop")
    desktop = TeacherClient(server, "anna", client_id="anna-desktop")

    def edit(client: TeacherClient, body: str) -> str:
        op = client.op(
            "pupil_note", note, {"body": body}, base=versions(stored, "body"),
            base_text={"body": stored["body"]},
        )  # fmt: skip
        return str(client.result(op)["outcome"])

    assert edit(laptop, "Läser långsamt, men bättre.\nBehöver stöd.") == "applied"
    assert edit(desktop, "Läser långsamt.\nBehöver stöd i matematik.") == "merged"
    merged = row(server, "pupil_note", note)
    assert merged["body"] == "Läser långsamt, men bättre.\nBehöver stöd i matematik."

    stored = merged
    assert edit(laptop, "Läser bra nu.\nBehöver stöd i matematik.") == "applied"
    assert edit(desktop, "Läser mycket bättre.\nBehöver stöd i matematik.") == "conflict"
    [conflict] = [c for c in conflicts_about(server, note) if c["state"] == "open"]
    assert conflict["activity_id"] is None
    assert _who_sees(server, conflict["id"]) == {"anna"}


def test_an_app_of_schema_2_is_not_sent_notes_without_an_activity(server: RunningServer) -> None:
    """Its cache requires an activity on every note: it gets the notes made
    with one, and none of schema 3's."""
    new, _ = _note(server, "anna", "teachers")
    old, _ = _note(server, "anna", "teachers", activity_id=str(server.school["activity:sv7a"]))
    headers = {**SYNC_HEADERS, SCHEMA_HEADER: "2"}
    response = server.request(
        "GET",
        "/api/v1/sync/changes",
        server.fresh_token("cecilia"),
        headers=headers,
        params={"limit": "5000"},
    )
    assert response.status_code == 200, response.text
    sent = {r["id"]: r for r in response.json()["changes"]}
    assert str(new) not in sent
    assert "visibility" not in sent[str(old)]["fields"]


def test_a_deleted_note_is_not_made_anew_by_a_colleague(server: RunningServer) -> None:
    note, fields = _note(server, "anna", "teachers")
    stored = row(server, "pupil_note", note)
    names = ("pupil_id", "activity_id", "category", "body", "visibility", "note_date", "term")
    anna = TeacherClient(server, "anna")
    deleted = anna.result(
        anna.op("pupil_note", note, action="delete", base=versions(stored, *names))
    )
    assert deleted["outcome"] == "applied"
    cecilia = TeacherClient(server, "cecilia")
    again = cecilia.op("pupil_note", note, {**fields, "body": "Mitt nu"})
    assert _refusal(server, "cecilia", again) == NOT_AUTHOR
    assert row(server, "pupil_note", note)["deleted"] is True

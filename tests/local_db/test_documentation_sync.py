"""Pupil documentation between real caches and the real server: each
teacher's cache holds exactly the notes they may see, a note narrowed to
"only me" leaves colleagues' caches at their next sync (and comes back
when widened), extra anpassningar reach every teacher of the pupil, and
the local rules refuse what the server would (docs/scope.md).

Anna writes about Alva (7A). Cecilia co-teaches 7A and is Alva's mentor;
Erik teaches Alva PE; Bertil teaches 8B; Dora another school
(tests/support/mentors.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest

from local_db.documentation import (
    AdjustmentDraft,
    DocumentationRefused,
    NoteDraft,
    Problem,
    delete_note,
    pupil_documentation,
    save_adjustment,
    save_note,
)
from sync_protocol.kinds.documentation import NOTE_BODY_MAX
from tests.local_db.two_teachers import Teacher, server, server_factory, sign_in
from tests.support.mentors import add_mentor_group
from tests.support.server_fixtures import RunningServer

__all__ = ["server", "server_factory", "sign_in"]


def _draft(server: RunningServer, visibility: str, body: str = "Läser långsamt") -> NoteDraft:
    return NoteDraft(
        pupil_id=server.school["pupil:alva"],
        category="observation",
        visibility=visibility,
        body=body,
        note_date=dt.date.today(),
    )


def _write(teacher: Teacher, note_id: uuid.UUID | None, draft: NoteDraft) -> uuid.UUID:
    with teacher.cache.begin() as conn:
        return save_note(conn, note_id, draft, actor=teacher.person_id)


def _notes(teacher: Teacher, server: RunningServer) -> dict[uuid.UUID, str]:
    with teacher.cache.connect() as conn:
        found = pupil_documentation(conn, server.school["pupil:alva"], teacher.person_id)
    return {note.id: note.visibility for note in found.notes}


def test_each_cache_holds_exactly_the_notes_its_teacher_may_see(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    add_mentor_group(server)
    anna = sign_in("anna")
    made = {v: _write(anna, None, _draft(server, v)) for v in ("private", "mentors", "teachers")}
    assert anna.sync().push_outcomes == {"applied": 3}
    expected = {
        "anna": {"private", "mentors", "teachers"},
        "cecilia": {"mentors", "teachers"},
        "erik": {"teachers"},
        "bertil": set(),
        "dora": set(),
    }
    for name, visibilities in expected.items():
        teacher = anna if name == "anna" else sign_in(name)
        held = {made[v] for v in ("private", "mentors", "teachers")} & set(_notes(teacher, server))
        assert held == {made[v] for v in visibilities}, name
        # The private note travels in nobody else's cache, not even as a row.
        if name != "anna":
            assert teacher.row("pupil_note", made["private"]) is None


def test_a_note_narrowed_to_only_me_leaves_colleagues_caches_and_widened_comes_back(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    add_mentor_group(server)
    anna, cecilia, erik = sign_in("anna"), sign_in("cecilia"), sign_in("erik")
    note = _write(anna, None, _draft(server, "teachers"))
    anna.sync()
    cecilia.sync()
    erik.sync()
    assert erik.row("pupil_note", note) is not None
    assert cecilia.row("pupil_note", note) is not None

    _write(anna, note, _draft(server, "private"))
    anna.sync()
    report = erik.sync()
    assert report.rows_removed == 1
    assert erik.row("pupil_note", note) is None
    cecilia.sync()
    assert cecilia.row("pupil_note", note) is None
    assert anna.row("pupil_note", note) is not None  # and the server keeps it

    _write(anna, note, _draft(server, "mentors"))
    anna.sync()
    cecilia.sync()
    erik.sync()
    assert cecilia.row("pupil_note", note) is not None
    assert erik.row("pupil_note", note) is None

    _write(anna, note, _draft(server, "teachers", body="Läser bättre"))
    anna.sync()
    erik.sync()
    row = erik.row("pupil_note", note)
    assert row is not None
    assert row["body"] == "Läser bättre"


def test_an_adjustment_reaches_every_teacher_of_the_pupil(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    add_mentor_group(server)  # Erik's account
    anna, erik, bertil = sign_in("anna"), sign_in("erik"), sign_in("bertil")
    with anna.cache.begin() as conn:
        made = save_adjustment(
            conn,
            None,
            AdjustmentDraft(pupil_id=server.school["pupil:alva"], what="Muntliga prov"),
            actor=anna.person_id,
        )
    anna.sync()
    erik.sync()
    bertil.sync()
    with erik.cache.connect() as conn:
        found = pupil_documentation(conn, server.school["pupil:alva"], erik.person_id)
    assert [a.what for a in found.adjustments if a.id == made] == ["Muntliga prov"]
    assert bertil.row("support_adjustment", made) is None


def test_the_cache_refuses_what_the_server_would_and_keeps_everything(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    anna, cecilia, bertil = sign_in("anna"), sign_in("cecilia"), sign_in("bertil")
    note = _write(anna, None, _draft(server, "teachers"))
    anna.sync()
    cecilia.sync()
    with pytest.raises(DocumentationRefused) as refused, cecilia.cache.begin() as conn:
        save_note(conn, note, _draft(server, "teachers", "Ändrat"), actor=cecilia.person_id)
    assert refused.value.problem is Problem.NOT_AUTHOR
    with pytest.raises(DocumentationRefused) as refused, cecilia.cache.begin() as conn:
        delete_note(conn, note, actor=cecilia.person_id)
    assert refused.value.problem is Problem.NOT_AUTHOR
    with pytest.raises(DocumentationRefused) as refused, bertil.cache.begin() as conn:
        save_note(conn, None, _draft(server, "teachers"), actor=bertil.person_id)
    assert refused.value.problem is Problem.NOT_MY_PUPIL
    with pytest.raises(DocumentationRefused) as refused, anna.cache.begin() as conn:
        save_note(
            conn, note, _draft(server, "teachers", "x" * (NOTE_BODY_MAX + 1)), actor=anna.person_id
        )
    assert (refused.value.problem, refused.value.limit) == (Problem.TOO_LONG, NOTE_BODY_MAX)
    # Nothing lost, nothing queued.
    for teacher in (anna, cecilia, bertil):
        assert teacher.outbox() == []
    assert cecilia.row("pupil_note", note)["body"] == "Läser långsamt"  # type: ignore[index]


def test_for_the_mentors_of_a_pupil_without_one_is_refused_by_the_server_with_its_reason(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    anna = sign_in("anna")
    draft = NoteDraft(
        pupil_id=server.school["pupil:elsa"],
        category="talk",
        visibility="mentors",
        body="Samtal",
        note_date=dt.date.today(),
        term="HT2026",
    )
    _write(anna, None, draft)
    assert anna.sync().push_outcomes == {"rejected": 1}
    [reason] = anna.dismiss_refusals()
    assert reason.startswith("Elsa Eriksson has no mentor in Klassbok")

"""After an answer that wrote nothing, and after a refusal is dismissed, the
cache holds what the server holds: against the real server process, with a
teacher who loses and regains a group while she works offline.

Found by long runs of the sync simulation (issue 16): the server answered
an edit `conflict`, or refused it and the teacher dismissed the refusal, so
it wrote nothing, and no later pull brought the record again; the cache
kept her values (or her delete) with no op left, and the divergence check,
which compares ids and seqs, found nothing to repair. Each test here
failed before the fix. Runs on SQLite and, with KLASSBOK_TEST_POSTGRES_URL,
on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import update

from local_db.conflicts import KEEP_CHOICE, resolve_conflict
from local_db.repositories import open_conflicts
from local_db.schema import synced
from local_db.sync.engine import PushOutbox, SyncEngine
from sync_protocol import ids
from tests.local_db.two_teachers import Teacher, Wall, server, server_factory, sign_in, wall
from tests.support.server_fixtures import RunningServer
from tests.sync_sim.invariants import cache_view, server_view

__all__ = ["server", "server_factory", "sign_in", "wall"]


def _cecilia_teaches_maths(server: RunningServer, teaches: bool) -> None:
    """The school takes Cecilia off Matematik 7A, or puts her back."""
    link = server.school["activity_teacher:ma7a:cecilia"]
    if teaches:
        server.school.builder.update("activity_teacher", link, deleted=False)
    else:
        server.school.builder.delete("activity_teacher", link)


def _as_on_server(server: RunningServer, teacher: Teacher, kind: str, record: uuid.UUID) -> None:
    """The teacher's cache holds the record exactly as the server's feed
    shows it to her (values, seq, field versions; absent if it does not),
    with nothing of it left in the outbox."""
    key = (kind, record)
    theirs = server_view(server.url, server.token(teacher.name)).get(key)
    assert cache_view(teacher.cache).get(key) == theirs
    assert [op for op in teacher.outbox() if op["record_id"] == record] == []


def _result_of(server: RunningServer, pupil: str) -> tuple[uuid.UUID, dict[str, Any]]:
    """The id and references of a pupil's result on Prov 1 (maths 7A)."""
    school = server.school
    values = {
        "assessment_id": school["record:test"],
        "pupil_id": school[pupil],
        "activity_id": school["activity:ma7a"],
    }
    return ids.assessment_result_id(values["assessment_id"], school[pupil]), values


def test_a_result_made_again_and_answered_conflict_shows_the_servers_grade(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    """Seed 1481169797: Cecilia deleted a result while she was off the
    group (refused), Anna regraded it meanwhile, and Cecilia, back in the
    group, made it again with her own grade. The server kept Anna's grade
    and offered Cecilia's as a rival (conflict), but her cache kept showing
    her grade and comment for good, with no op left."""
    result = server.school["record:result"]  # Alva's (the school's own id)
    _, references = _result_of(server, "pupil:alva")
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    cecilia.delete("assessment_result", result)
    _cecilia_teaches_maths(server, False)
    assert cecilia.sync().push_outcomes == {"rejected": 1}
    wall.tick()
    anna.save("assessment_result", result, grade="D", comment="Bra uträkningar")
    assert anna.sync().push_outcomes == {"applied": 1}
    _cecilia_teaches_maths(server, True)
    assert cecilia.sync().verified  # brings Anna's version, kept behind the delete
    wall.tick()
    cecilia.save("assessment_result", result, **references, grade="F", comment="Slarvfel")
    assert cecilia.dismiss_refusals() == ["not found"]
    assert cecilia.sync().push_outcomes == {"conflict": 1}

    row = cecilia.row("assessment_result", result)
    assert row is not None
    assert (row["grade"], row["comment"], row["deleted"]) == ("D", "Bra uträkningar", False)
    _as_on_server(server, cecilia, "assessment_result", result)
    # Her grade is not lost: it waits for a decision, on both computers.
    anna.sync()
    for teacher in (anna, cecilia):
        with teacher.cache.connect() as conn:
            offered = {
                (view.field_name, view.rival.value)
                for view in open_conflicts(conn, teacher.person_id)
            }
        assert ("grade", "F") in offered


def test_an_edit_after_a_refused_create_goes_out_as_the_create_when_the_record_was_pulled(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    """Seed 1774248041: Cecilia's result, made while she was off the group,
    was refused. Anna made the same pupil's result (same natural id) and
    deleted it again; Cecilia, back in the group, pulled both. Her next
    edit of her grade and comment went out with every base 0 (those of her
    refused create) and only those two fields, and was refused as
    "assessment_id: missing", a reason that means nothing to her. It goes
    out as the create now."""
    result, references = _result_of(server, "pupil:axel")
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    cecilia.save("assessment_result", result, **references, grade="B", comment="Bra")
    _cecilia_teaches_maths(server, False)
    assert cecilia.sync().push_outcomes == {"rejected": 1}
    anna.save("assessment_result", result, **references, grade="D")
    assert anna.sync().push_outcomes == {"applied": 1}
    _cecilia_teaches_maths(server, True)
    cecilia.sync()  # Anna's result, kept behind the refused create
    anna.delete("assessment_result", result)
    assert anna.sync().push_outcomes == {"applied": 1}
    cecilia.sync()  # and its tombstone
    wall.tick()
    cecilia.save("assessment_result", result, grade="A", comment="Mycket bra")
    [edit] = [op for op in cecilia.outbox() if op["state"] == "pending"]
    assert edit["fields"] == {
        **{name: str(value) for name, value in references.items()},
        "grade": "A",
        "comment": "Mycket bra",
    }
    assert set(edit["base"].values()) == {0}

    assert cecilia.sync().push_outcomes == {"applied": 1}
    row = cecilia.row("assessment_result", result)
    assert row is not None
    assert (row["grade"], row["comment"]) == ("A", "Mycket bra")
    assert cecilia.dismiss_refusals() == ["not found"]
    _as_on_server(server, cecilia, "assessment_result", result)
    anna.sync()
    _as_on_server(server, anna, "assessment_result", result)


def test_a_record_deleted_beside_a_refused_edit_goes_when_the_refusal_is_dismissed(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    """Cecilia's edit was refused (off the group), then, back in it, she
    deleted the record and the server applied the delete. Dismissing the
    refused edit before a pull brought the tombstone (the teacher at the
    list while the sync is between its steps, or the pull failed) left the
    row hidden as deleted in her cache, with no op, until some pull."""
    result = server.school["record:result"]
    cecilia = sign_in("cecilia")
    cecilia.save("assessment_result", result, comment="Slarvfel")
    _cecilia_teaches_maths(server, False)
    assert cecilia.sync().push_outcomes == {"rejected": 1}
    _cecilia_teaches_maths(server, True)
    cecilia.sync()
    cecilia.delete("assessment_result", result)
    push = SyncEngine(cecilia.cache, cecilia.client).run_steps([PushOutbox()])
    assert push.push_outcomes == {"applied": 1}
    assert cecilia.dismiss_refusals() == ["not found"]
    assert cecilia.row("assessment_result", result) is None
    cecilia.sync()
    _as_on_server(server, cecilia, "assessment_result", result)


def test_a_record_brought_back_after_her_applied_delete_is_shown_again(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    """Seed 1311451223: as above, and Anna, who had edited the record
    offline, kept it (delete_vs_edit, decided "keep"). The record came back
    on the server, and in Cecilia's cache it stayed hidden as deleted for
    good, at the server's seq, so the divergence check saw nothing."""
    result = server.school["record:result"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    cecilia.save("assessment_result", result, comment="Slarvfel")
    _cecilia_teaches_maths(server, False)
    assert cecilia.sync().push_outcomes == {"rejected": 1}
    _cecilia_teaches_maths(server, True)
    cecilia.sync()
    cecilia.delete("assessment_result", result)
    assert cecilia.sync().push_outcomes == {"applied": 1}
    wall.tick()
    anna.save("assessment_result", result, grade="A")  # offline, before the delete reached her
    assert anna.sync().push_outcomes == {"conflict": 1}
    with anna.cache.connect() as conn:
        [conflict] = open_conflicts(conn, anna.person_id)
    assert conflict.conflict_type == "delete_vs_edit"
    with anna.cache.begin() as conn:
        resolve_conflict(conn, conflict.id, KEEP_CHOICE, anna.person_id)
    assert anna.sync().push_outcomes == {"applied": 1}
    cecilia.sync()
    assert cecilia.dismiss_refusals() == ["not found"]
    row = cecilia.row("assessment_result", result)
    assert row is not None
    assert not row["deleted"]
    _as_on_server(server, cecilia, "assessment_result", result)


def test_the_divergence_check_finds_a_row_hidden_as_deleted_with_nothing_to_send(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    """A row left hidden as deleted with no op (as the cases above left it
    before their fixes) gave the line "<id>:<seq>" of the server's live
    record, so the check saw nothing. It counts as differing now, and is
    fetched again."""
    result = server.school["record:result"]
    cecilia = sign_in("cecilia")
    table = synced["assessment_result"]
    with cecilia.cache.begin() as conn:
        conn.execute(update(table).where(table.c.id == result).values(deleted=True))
    report = SyncEngine(cecilia.cache, cecilia.client, verify_scope=True).sync()
    assert (report.verified, report.parts_mismatched, report.rows_fetched) == (True, 1, 1)
    row = cecilia.row("assessment_result", result)
    assert row is not None
    assert not row["deleted"]
    _as_on_server(server, cecilia, "assessment_result", result)

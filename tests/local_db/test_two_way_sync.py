"""Two-way sync end to end: two teachers who co-teach (Anna and Cecilia,
maths in 7A), each with an encrypted cache of their own, edit the same
records offline against the real server process, then sync. Runs on SQLite
and, with KLASSBOK_TEST_POSTGRES_URL, on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from local_db.conflicts import DELETE_CHOICE, resolve_conflict
from local_db.edits import delete_record, discard_rejected
from local_db.repositories import open_conflicts, rejected_edits, sync_status, unseen_notices
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import PushOutbox, SyncEngine
from local_db.sync.errors import ServerUnreachable
from local_db.views import ConflictSide, ConflictView
from server.tables import applied_op
from sync_protocol import ids
from sync_protocol.wire import PushBatch, PushResponse
from tests.local_db.two_teachers import Teacher, Wall, server, server_factory, sign_in, wall
from tests.support.server_fixtures import RunningServer

__all__ = ["server", "server_factory", "sign_in", "wall"]


def _attendance(server: RunningServer, lesson: str, pupil: str) -> tuple[uuid.UUID, dict[str, Any]]:
    school = server.school
    values = {
        "lesson_id": school[lesson],
        "pupil_id": school[pupil],
        "activity_id": school["activity:ma7a"],
    }
    return ids.attendance_id(school[lesson], school[pupil]), values


def test_two_teachers_mark_one_pupil_offline_and_both_end_with_the_later_mark(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    record, values = _attendance(server, "lesson:ma7a:1", "pupil:axel")
    anna.save("attendance", record, **values, status="absent")
    wall.tick()
    cecilia.save("attendance", record, **values, status="late", late_minutes=10)
    assert anna.sync().push_outcomes == {"applied": 1}
    report = cecilia.sync()
    assert report.push_outcomes in ({"applied": 1}, {"merged": 1})
    anna.sync()
    for teacher in (anna, cecilia):
        row = teacher.row("attendance", record)
        assert row is not None
        assert (row["status"], row["late_minutes"]) == ("late", 10)
        assert teacher.outbox() == []
    # The loser is told: Cecilia's later mark replaced Anna's.
    with anna.cache.connect() as conn:
        [notice] = unseen_notices(conn, anna.person_id)
    with cecilia.cache.connect() as conn:
        assert unseen_notices(conn, cecilia.person_id) == []
    assert notice.pupil_name == "Axel Ås"
    assert notice.record_label.startswith("Axel Ås – Matematik 7A ")
    # Anna lost the status; Cecilia's minutes, which qualify it, are shown
    # with it so the notice tells the whole mark ("to Late · 10 min").
    assert notice.field_names == ("late_minutes", "status")
    assert notice.kept.value == {"status": "late", "late_minutes": 10}
    assert notice.replaced.value == {"status": "absent", "late_minutes": None}
    assert (notice.kept.by_name, notice.replaced.by_name) == ("Cecilia Carlsson", "Anna Andersson")


def test_a_mark_made_offline_keeps_the_comment_a_colleague_wrote(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    """Found by the sync simulation: Anna's mark, made later on a computer
    that had not seen Cecilia's record, was a create of the whole record, so
    its empty comment won by the clock and wiped out Cecilia's comment."""
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    record, values = _attendance(server, "lesson:ma7a:1", "pupil:axel")
    cecilia.save("attendance", record, **values, status="late", late_minutes=5, comment="Bussen")
    cecilia.sync()
    wall.tick()
    anna.save("attendance", record, **values, status="absent")
    anna.sync()
    cecilia.sync()
    for teacher in (anna, cecilia):
        row = teacher.row("attendance", record)
        assert row is not None
        assert (row["status"], row["comment"]) == ("absent", "Bussen")


def _rival_grades(
    result: uuid.UUID, anna: Teacher, cecilia: Teacher, wall: Wall
) -> dict[str, ConflictView]:
    """Anna grades B, then Cecilia A, each offline; all sync. Each teacher's
    view of the one open conflict, by name."""
    anna.save("assessment_result", result, grade="B")
    wall.tick()
    cecilia.save("assessment_result", result, grade="A")
    anna.sync()
    assert cecilia.sync().ops_conflicted == 1
    anna.sync()
    views = {}
    for teacher in (anna, cecilia):
        with teacher.cache.connect() as conn:
            [views[teacher.name]] = open_conflicts(conn, teacher.person_id)
            assert sync_status(conn).open_conflicts >= 1
    return views


def _decide(teacher: Teacher, conflict: ConflictView, side: ConflictSide) -> None:
    with teacher.cache.begin() as conn:
        resolve_conflict(conn, conflict.id, side.value_json or "", teacher.person_id)


def test_a_grade_conflict_shows_to_both_and_one_decision_settles_it_for_both(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    result = server.school["record:result"]  # Alva on Prov 1, grade C
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    views = _rival_grades(result, anna, cecilia, wall)
    for teacher in (anna, cecilia):
        # The server kept the first grade until a teacher decides.
        row = teacher.row("assessment_result", result)
        assert row is not None
        assert row["grade"] == "B"
    mine = views["anna"]
    assert mine.conflict_type == "needs_review"
    assert mine.record_label == "Alva Ahlberg – Prov 1"
    assert mine.mine is not None
    assert (mine.mine.value, mine.theirs.value) == ("B", "A")
    assert (mine.theirs.by_name, views["cecilia"].theirs.by_name) == (
        "Cecilia Carlsson",
        "Anna Andersson",
    )
    # Cecilia decides for her colleague's grade; Anna, still offline, for Cecilia's.
    _decide(cecilia, views["cecilia"], views["cecilia"].theirs)
    _decide(anna, mine, mine.theirs)
    cecilia.sync()
    report = anna.sync()
    assert report.ops_rejected == 1
    with anna.cache.connect() as conn:
        [refused] = rejected_edits(conn)
    assert "already resolved by" in refused.reason
    assert "Cecilia" in refused.reason
    with anna.cache.begin() as conn:
        discard_rejected(conn, refused.op)
    cecilia.sync()
    for teacher in (anna, cecilia):
        with teacher.cache.connect() as conn:
            assert open_conflicts(conn, teacher.person_id) == []
        row = teacher.row("assessment_result", result)
        assert row is not None
        assert row["grade"] == "B"  # Cecilia's choice: Anna's grade
        assert teacher.outbox() == []


def test_two_teachers_deciding_a_conflict_the_same_way_see_no_error(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    """Both pick Anna's grade, each offline: the second decision agrees with
    the first, so it is accepted quietly instead of refused."""
    result = server.school["record:result"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    views = _rival_grades(result, anna, cecilia, wall)
    _decide(cecilia, views["cecilia"], views["cecilia"].theirs)
    assert views["anna"].mine is not None
    _decide(anna, views["anna"], views["anna"].mine)
    cecilia.sync()
    report = anna.sync()
    assert report.ops_rejected == 0
    cecilia.sync()
    for teacher in (anna, cecilia):
        with teacher.cache.connect() as conn:
            assert rejected_edits(conn) == []
            assert open_conflicts(conn, teacher.person_id) == []
        row = teacher.row("assessment_result", result)
        assert row is not None
        assert row["grade"] == "B"


def test_edits_of_different_words_of_one_plan_merge(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    plan = server.school["record:plan"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    anna.save("lesson_plan", plan, content="Läsning av kapitel 3. Diskussion i grupp.")
    anna.sync()
    cecilia.sync()
    anna.save("lesson_plan", plan, content="Läsning av kapitel 4. Diskussion i grupp.")
    wall.tick()
    cecilia.save("lesson_plan", plan, content="Läsning av kapitel 3. Diskussion i par.")
    anna.sync()
    assert cecilia.sync().push_outcomes == {"merged": 1}
    anna.sync()
    for teacher in (anna, cecilia):
        row = teacher.row("lesson_plan", plan)
        assert row is not None
        assert row["content"] == "Läsning av kapitel 4. Diskussion i par."


def test_overlapping_text_edits_keep_both_versions_for_a_teacher_to_choose(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    plan = server.school["record:plan"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    anna.save("lesson_plan", plan, content="Läsning i par")
    wall.tick()
    cecilia.save("lesson_plan", plan, content="Läsning i helklass")
    anna.sync()
    assert cecilia.sync().ops_conflicted == 1
    anna.sync()
    with cecilia.cache.connect() as conn:
        [view] = open_conflicts(conn, cecilia.person_id)
    assert view.conflict_type == "text_both"
    assert {view.current.value, view.rival.value} == {"Läsning i par", "Läsning i helklass"}
    merged = json.dumps("Läsning i par, sedan helklass")
    with cecilia.cache.begin() as conn:
        resolve_conflict(conn, view.id, merged, cecilia.person_id)
    cecilia.sync()
    anna.sync()
    for teacher in (anna, cecilia):
        row = teacher.row("lesson_plan", plan)
        assert row is not None
        assert row["content"] == "Läsning i par, sedan helklass"


def test_a_delete_against_a_colleagues_edit_is_shown_not_settled(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    note = server.school["record:adjustment:elsa"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    with anna.cache.begin() as conn:
        delete_record(conn, "support_adjustment", note, actor=anna.person_id)
    wall.tick()
    cecilia.save("support_adjustment", note, evaluation="Extra tid på prov, även muntligt")
    cecilia.sync()
    assert anna.sync().ops_conflicted == 1
    cecilia.sync()
    # The note stays, with Cecilia's text, until a teacher decides.
    for teacher in (anna, cecilia):
        row = teacher.row("support_adjustment", note)
        assert row is not None
        assert not row["deleted"]
        assert row["evaluation"] == "Extra tid på prov, även muntligt"
        with teacher.cache.connect() as conn:
            [view] = open_conflicts(conn, teacher.person_id)
        assert view.conflict_type == "delete_vs_edit"
        assert view.pupil_name == "Elsa Eriksson"
    with anna.cache.begin() as conn:
        resolve_conflict(conn, view.id, DELETE_CHOICE, anna.person_id)
    anna.sync()
    cecilia.sync()
    for teacher in (anna, cecilia):
        assert teacher.row("support_adjustment", note) is None
        with teacher.cache.connect() as conn:
            assert open_conflicts(conn, teacher.person_id) == []


def test_an_edit_of_an_adjustment_a_colleague_deleted_is_shown_and_the_row_waits(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    note = server.school["record:adjustment:elsa"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    with anna.cache.begin() as conn:
        delete_record(conn, "support_adjustment", note, actor=anna.person_id)
    anna.sync()
    wall.tick()
    cecilia.save("support_adjustment", note, evaluation="Viktigt: extra tid")
    # Cecilia pulls the tombstone before her edit is answered: kept for now.
    SyncEngine(cecilia.cache, cecilia.client).pull()
    row = cecilia.row("support_adjustment", note)
    assert row is not None
    assert row["evaluation"] == "Viktigt: extra tid"
    assert cecilia.sync().ops_conflicted == 1
    assert cecilia.row("support_adjustment", note) is None  # it stays deleted
    with cecilia.cache.connect() as conn:
        [view] = open_conflicts(conn, cecilia.person_id)
    assert view.conflict_type == "delete_vs_edit"
    assert "Viktigt: extra tid" in json.dumps(view.rival.value, ensure_ascii=False)


class LosesFirstAnswer(ApiClient):
    """The server applies the batch; the answer never arrives."""

    lost = False

    def push(self, batch: PushBatch) -> PushResponse:
        answer = super().push(batch)
        if not self.lost:
            self.lost = True
            raise ServerUnreachable(self.display_url, detail="answer lost")
        return answer


def test_a_batch_resent_after_a_lost_answer_has_the_effect_of_once(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    anna = sign_in("anna")
    for pupil in ("pupil:alva", "pupil:axel", "pupil:elsa"):
        record, values = _attendance(server, "lesson:ma7a:2", pupil)
        anna.save("attendance", record, **values, status="absent")
    flaky = LosesFirstAnswer(server.url, token=anna.client.token)
    with pytest.raises(ServerUnreachable):
        SyncEngine(anna.cache, flaky).run_steps([PushOutbox()])
    sent = anna.outbox()
    assert all(op["first_sent_at"] is not None for op in sent)
    seq_after_first = server.changes(server.token("cecilia"))["cursor"]
    report = SyncEngine(anna.cache, flaky).sync()
    assert report.push_outcomes == {"applied": 3}
    assert anna.outbox() == []
    # Nothing new was written by the resend: no new change-set.
    assert server.changes(server.token("cecilia"), seq_after_first)["changes"] == []


def test_the_server_forgets_answers_the_computer_has_a_week_after_it_said_so(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    """Each push says below which op this computer has every answer; the
    server's store of answers (applied_op) keeps the rest, so it stays the
    size of a week's pushes, not of every push ever made."""
    anna = sign_in("anna")
    for number, pupil in enumerate(("pupil:alva", "pupil:axel", "pupil:elsa")):
        record, values = _attendance(server, f"lesson:ma7a:{number}", pupil)
        anna.save("attendance", record, **values, status="late", late_minutes=5)
        anna.sync()
    stored = _applied_ops(server)
    assert len(stored) == 3
    with server.engine.begin() as conn:
        conn.execute(
            applied_op.update().values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=8))
        )
    # Anna corrects a mark: the batch says ops up to it are answered.
    record, values = _attendance(server, "lesson:ma7a:0", "pupil:alva")
    anna.save("attendance", record, **values, status="present")
    unsent = [op["op"] for op in anna.outbox()]
    anna.sync()
    assert _applied_ops(server) == unsent, "only the newest answer is kept"


def _applied_ops(server: RunningServer) -> list[int]:
    with server.engine.connect() as conn:
        return [int(number) for (number,) in conn.execute(select(applied_op.c.op))]


def test_a_teacher_removed_from_an_activity_loses_its_records_but_not_unsent_edits(
    server: RunningServer, sign_in: Callable[[str], Teacher]
) -> None:
    school = server.school
    cecilia = sign_in("cecilia")
    note = school["record:note:elsa"]  # Svenska 7A, which Cecilia does not teach
    result = school["record:result"]  # Matematik 7A, which she does
    cecilia.save("assessment_result", result, comment="Bra uträkningar")
    assert cecilia.row("pupil_note", note) is not None
    # The school removes her from maths: 7A leaves her scope entirely.
    school.builder.delete("activity_teacher", school["activity_teacher:ma7a:cecilia"])
    report = cecilia.sync()
    assert report.scope_changed
    assert report.verified
    assert report.rows_removed > 0
    assert cecilia.row("pupil_note", note) is None
    assert cecilia.row("lesson", school["lesson:ma7a:0"]) is None
    # The result she edited offline is kept, with her edit, and its refusal
    # (out of her scope now) is shown to her.
    row = cecilia.row("assessment_result", result)
    assert row is not None
    assert row["comment"] == "Bra uträkningar"
    with cecilia.cache.connect() as conn:
        [refused] = rejected_edits(conn)
    assert refused.record_id == result

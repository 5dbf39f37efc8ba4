"""Pushing the outbox: gzip batches of whole local transactions, answers
stored per op, refused edits kept, failures leaving the outbox as it was."""

from __future__ import annotations

import gzip
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from local_db import clock
from local_db.cache import Cache
from local_db.edits import delete_record, discard_rejected, pending_count, save_record
from local_db.repositories import rejected_edits, sync_status
from local_db.schema import edit_base
from local_db.sync import push
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import PushOutbox, SyncEngine
from local_db.sync.errors import ProtocolError, ServerUnreachable, SessionExpired, UpdateRequired
from sync_protocol.hlc import HlcStamp
from sync_protocol.wire import PushBatch, PushResponse
from tests.local_db.fake_sync_server import StoredRecord, decoded_batches
from tests.local_db.scripted_server import Reply, error
from tests.local_db.sync_fixtures import ME, FakeWorld, outbox_rows, row_of, world

__all__ = ["world"]

#: Columns the push itself updates on an op it sends (bookkeeping).
_SENDING = {"first_sent_at", "attempts", "last_error"}


@pytest.fixture
def pulled(world: FakeWorld, cache: Cache) -> Cache:
    world.engine(cache).pull()
    return cache


def _mark(world: FakeWorld, cache: Cache, pupil: int, status: str) -> uuid.UUID:
    record, values = world.attendance(pupil, status)
    with cache.begin() as conn:
        save_record(conn, "attendance", record, values, actor=ME)
    return record


def _note(cache: Cache, world: FakeWorld, body: str) -> None:
    with cache.begin() as conn:
        save_record(conn, "pupil_note", world.room.note, {"body": body}, actor=ME)


def _without(rows: list[dict[str, Any]], columns: set[str]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in columns} for row in rows]


def test_a_sync_sends_the_outbox_gzipped_and_the_pull_brings_it_back(
    world: FakeWorld, pulled: Cache
) -> None:
    records = [_mark(world, pulled, index, "absent") for index in range(3)]
    report = world.engine(pulled).sync()
    assert (report.ops_sent, report.push_batches) == (3, 1)
    assert report.push_outcomes == {"applied": 3}
    assert report.bytes_sent == len(world.server.push_bodies[0])
    request = world.http.requests[[r.path for r in world.http.requests].index("/api/v1/sync/push")]
    assert request.headers["content-encoding"] == "gzip"
    batch = PushBatch.model_validate_json(gzip.decompress(request.body))
    with pulled.connect() as conn:
        assert batch.client_id == clock.client_id(conn)
        assert pending_count(conn) == 0
    assert outbox_rows(pulled) == []
    for record in records:
        row = row_of(pulled, "attendance", record)
        stored = world.server.records[("attendance", record)]
        assert row is not None
        assert row["seq"] == stored.seq > 0
        assert row["status"] == "absent"
    with pulled.connect() as conn:
        assert conn.execute(select(edit_base)).first() is None


def test_batches_hold_whole_local_transactions(
    world: FakeWorld, pulled: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(push, "MAX_BATCH_OPS", 5)
    monkeypatch.setattr(push, "WIRE_OPS_PER_TXN", 4)
    sizes = [3, 3, 7, 1]
    for size in sizes:
        with pulled.begin() as conn:
            for _ in range(size):
                save_record(
                    conn,
                    "pupil_note",
                    uuid.uuid4(),
                    {
                        "pupil_id": world.room.pupils[1],
                        "activity_id": world.room.activity,
                        "category": "talk",
                        "body": "Samtal",
                    },
                    actor=ME,
                )
    txns = [[int(r["op"]) for r in outbox_rows(pulled) if r["txn"] == t] for t in range(1, 5)]
    world.engine(pulled).sync()
    batches = decoded_batches(world.server)
    # 3 + 3 would pass the cap of 5; the 7-op transaction goes alone, split
    # into wire transactions of at most 4 within its one batch.
    assert batches == [[txns[0]], [txns[1]], [txns[2][:4], txns[2][4:]], [txns[3]]]
    assert outbox_rows(pulled) == []


def test_a_lost_answer_is_sent_again_and_gets_the_same_results(
    world: FakeWorld, pulled: Cache
) -> None:
    world.server.push_failures.append((error(502, "bad_gateway"), True))
    _note(pulled, world, "Första versionen")
    with pytest.raises(ServerUnreachable):
        world.engine(pulled).sync()
    [sent] = outbox_rows(pulled)
    assert sent["first_sent_at"] is not None
    assert sent["last_error"]
    applied_seq = world.server.records[("pupil_note", world.room.note)].seq
    # Edited again meanwhile: a new op (the sent one is never touched).
    _note(pulled, world, "Andra versionen")
    report = world.engine(pulled).sync()
    first_again, second = world.server.batches[-2:]
    assert [op.op for t in first_again.transactions for op in t.ops] == [sent["op"]]
    # The repeat wrote nothing: the server's seq did not move for it.
    assert world.server.records[("pupil_note", world.room.note)].seq > applied_seq
    assert world.server.applied[(first_again.client_id, int(sent["op"]))]["seq"] == applied_seq
    # The second op now starts from the first one's result.
    [op] = second.transactions[0].ops
    assert op.base == {"body": applied_seq}
    assert op.base_text == {"body": "Första versionen"}
    assert report.push_outcomes == {"applied": 2}
    row = row_of(pulled, "pupil_note", world.room.note)
    assert row is not None
    assert row["body"] == "Andra versionen"
    assert outbox_rows(pulled) == []


def test_refused_edits_are_kept_with_the_reason_and_do_not_block_the_queue(
    world: FakeWorld, pulled: Cache
) -> None:
    world.server.script[("pupil_note", world.room.note)] = lambda op, record: (
        "rejected",
        "record out of the caller's scope",
        None,
    )
    _note(pulled, world, "Får inte skickas")
    record = _mark(world, pulled, 1, "late")
    report = world.engine(pulled).sync()
    assert report.push_outcomes == {"rejected": 1, "applied": 1}
    assert report.ops_rejected == 1
    [kept] = outbox_rows(pulled)
    assert (kept["state"], kept["reject_reason"]) == (
        "rejected",
        "record out of the caller's scope",
    )
    assert world.server.records[("attendance", record)].fields["status"] == "late"
    with pulled.connect() as conn:
        assert pending_count(conn) == 0
        [view] = rejected_edits(conn)
        status = sync_status(conn)
    assert view.reason == "record out of the caller's scope"
    assert view.record_label == "Alva Ahlberg – note, Matematik 7A"
    assert view.fields == ("body",)
    assert status.rejected_changes == 1
    # Shown as the teacher left it until they dismiss it; not sent again.
    row = row_of(pulled, "pupil_note", world.room.note)
    assert row is not None
    assert row["body"] == "Får inte skickas"
    pushes = len(world.server.batches)
    world.engine(pulled).sync()
    assert len(world.server.batches) == pushes


def test_an_edit_made_on_a_refused_create_is_sent_as_the_create(
    world: FakeWorld, pulled: Cache
) -> None:
    """Found by the sync simulation: a note created offline was refused (its
    pupil had left the group); the teacher's next edit of it went out as an
    edit of a record the server never had (every base 0, one field) and was
    refused as "pupil_note.pupil_id: missing". It goes out as the create now."""
    room = world.room
    note = uuid.uuid4()
    values = {"pupil_id": room.pupils[1], "activity_id": room.activity, "category": "talk"}
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {**values, "body": "Samtal"}, actor=ME)
    world.server.script[("pupil_note", note)] = lambda op, record: ("rejected", "not found", None)
    world.engine(pulled).run_steps([PushOutbox()])  # sent before the next edit
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {"body": "Samtal om läxor"}, actor=ME)
    # The pupil is back in the group: the server takes the create now.
    del world.server.script[("pupil_note", note)]
    report = world.engine(pulled).sync()
    assert report.push_outcomes == {"applied": 1}
    create = world.server.batches[-1].transactions[-1].ops[-1]
    assert set(create.base.values()) == {0}
    assert create.fields["pupil_id"] == str(room.pupils[1])
    stored = world.server.records[("pupil_note", note)]
    assert stored.fields["body"] == "Samtal om läxor"
    # The refused create is still shown until the teacher dismisses it.
    with pulled.connect() as conn:
        [refused] = rejected_edits(conn)
    assert refused.reason == "not found"


def test_an_edit_made_while_its_create_was_on_the_way_becomes_the_create_if_refused(
    world: FakeWorld, pulled: Cache
) -> None:
    room = world.room
    note = uuid.uuid4()
    values = {"pupil_id": room.pupils[1], "activity_id": room.activity, "category": "talk"}
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {**values, "body": "Samtal"}, actor=ME)
    world.server.script[("pupil_note", note)] = lambda op, record: ("rejected", "not found", None)

    class EditsMeanwhile(ApiClient):
        def push(self, batch: PushBatch) -> PushResponse:
            with pulled.begin() as conn:  # the teacher types while the push is out
                save_record(conn, "pupil_note", note, {"category": "observation"}, actor=ME)
            return super().push(batch)

    SyncEngine(pulled, EditsMeanwhile(world.http.url, token="t")).run_steps([PushOutbox()])
    # The edit went out after the refusal, as the whole record: refused for
    # the same reason, not for a missing pupil.
    edit = world.server.batches[-1].transactions[-1].ops[-1]
    assert set(edit.base.values()) == {0}
    assert edit.fields["pupil_id"] == str(room.pupils[1])
    assert (edit.fields["category"], edit.fields["body"]) == ("observation", "Samtal")
    with pulled.connect() as conn:
        assert [view.reason for view in rejected_edits(conn)] == ["not found", "not found"]


def test_a_delete_the_server_kept_back_shows_the_record_again_beside_a_refused_edit(
    world: FakeWorld, pulled: Cache
) -> None:
    """Found by the sync simulation: an edit of a note was refused and kept
    for the teacher to see; then she deleted the note, and the server kept
    it (a colleague had changed it: delete_vs_edit). Because the refused edit
    was still in the outbox the note stayed hidden on her computer for good."""
    note = world.room.note
    world.server.script[("pupil_note", note)] = lambda op, record: ("rejected", "not found", None)
    _note(pulled, world, "Avvisad")
    world.engine(pulled).sync()
    world.server.script[("pupil_note", note)] = lambda op, record: ("conflict", None, None)
    with pulled.begin() as conn:
        delete_record(conn, "pupil_note", note, actor=ME)
    assert world.engine(pulled).sync().push_outcomes == {"conflict": 1}
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert not row["deleted"]
    with pulled.connect() as conn:
        [refused] = rejected_edits(conn)
    with pulled.begin() as conn:
        discard_rejected(conn, refused.op)
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert not row["deleted"]


@pytest.mark.parametrize(
    ("answer", "raised"),
    [
        (
            Reply(body={"results": [], "server_hlc": "x", "server_time": "2026-09-14T07:00:00Z"}),
            ProtocolError,
        ),
        (Reply(body=b"<html>proxy</html>", content_type="text/html"), ProtocolError),
        (error(401, "token_expired"), SessionExpired),
        (error(426, "update_required"), UpdateRequired),
        (error(503, "unavailable"), ServerUnreachable),
    ],
)
def test_a_failed_push_leaves_every_op_to_be_sent_again(
    world: FakeWorld, pulled: Cache, answer: Reply, raised: type[Exception]
) -> None:
    world.server.push_failures.append((answer, raised is ProtocolError))
    _note(pulled, world, "Ny text")
    _mark(world, pulled, 0, "absent")
    before = _without(outbox_rows(pulled), _SENDING)
    with pytest.raises(raised) as caught:
        world.engine(pulled).sync()
    assert _without(outbox_rows(pulled), _SENDING) == before
    if raised is UpdateRequired:
        assert "Update Klassbok" in str(caught.value)
        assert "kept on this computer" in str(caught.value)
    report = world.engine(pulled).sync()
    assert report.push_outcomes == {"applied": 2}
    assert outbox_rows(pulled) == []


def test_the_clock_moves_past_the_server_and_a_clock_warning_is_reported(
    world: FakeWorld, pulled: Cache
) -> None:
    ahead = HlcStamp(9_000_000_000_000, 7, "server")
    world.server.server_hlc = ahead.to_text()
    world.server.clock_warning = "Your computer's clock is 3 hours fast."
    _mark(world, pulled, 0, "absent")
    report = world.engine(pulled).sync()
    assert report.clock_warning == "Your computer's clock is 3 hours fast."
    with pulled.connect() as conn:
        assert sync_status(conn).clock_warning == report.clock_warning
        stored = conn.execute(select(clock.sync_state.c.last_hlc)).scalar_one()
    assert HlcStamp.parse(stored) > ahead
    _mark(world, pulled, 1, "present")
    assert HlcStamp.parse(str(outbox_rows(pulled)[0]["hlc"])) > ahead
    world.server.clock_warning = None
    world.engine(pulled).sync()
    with pulled.connect() as conn:
        assert sync_status(conn).clock_warning is None


def test_after_an_applied_answer_the_next_edit_starts_from_the_new_version(
    world: FakeWorld, pulled: Cache
) -> None:
    _note(pulled, world, "Ett")
    world.engine(pulled).run_steps([PushOutbox()])  # no pull after it
    seq = world.server.records[("pupil_note", world.room.note)].seq
    _note(pulled, world, "Två")
    [op] = outbox_rows(pulled)
    assert op["base"] == {"body": seq}
    assert op["base_text"] == {"body": "Ett"}


def test_a_pull_keeps_local_values_and_the_push_result_brings_the_merged_truth(
    world: FakeWorld, pulled: Cache
) -> None:
    note = world.room.note
    original = world.server.records[("pupil_note", note)].seq
    _note(pulled, world, "Arbetar bra med bråk och procent")
    # A colleague's edit reaches the server first.
    theirs = world.server.write("pupil_note", note, body="Arbetar mycket bra med bråk")
    world.engine(pulled).pull()
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert row["body"] == "Arbetar bra med bråk och procent"  # still the teacher's
    assert row["seq"] == theirs  # the server's versions are stored
    [op] = outbox_rows(pulled)
    assert op["base"] == {"body": original}  # the op keeps its base
    assert op["base_text"] == {"body": "Arbetar bra med bråk"}
    with pulled.connect() as conn:
        [base] = conn.execute(select(edit_base)).mappings()
    assert (base["server_version"], base["server_value"]) == (theirs, "Arbetar mycket bra med bråk")

    merged = "Arbetar mycket bra med bråk och procent"

    def merge(op: Any, record: StoredRecord | None) -> tuple[str, None, dict[str, Any]]:
        assert op.base_text == {"body": "Arbetar bra med bråk"}
        return "merged", None, {"body": merged}

    world.server.script[("pupil_note", note)] = merge
    report = world.engine(pulled).sync()
    assert report.push_outcomes == {"merged": 1}
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert row["body"] == merged
    assert outbox_rows(pulled) == []


def test_a_settled_edit_shows_a_newer_server_value_pulled_meanwhile(
    world: FakeWorld, pulled: Cache
) -> None:
    """The server kept a colleague's later value and wrote nothing for ours
    (an attendance edit superseded by a later stamp): the value pulled while
    ours was unsettled is what the teacher must see."""
    record = _mark(world, pulled, 0, "absent")
    world.engine(pulled).sync()
    world.server.write("attendance", record, status="present")
    _mark(world, pulled, 0, "late")
    world.engine(pulled).pull()
    world.server.script[("attendance", record)] = lambda op, stored: ("merged", None, None)
    world.engine(pulled).sync()
    row = row_of(pulled, "attendance", record)
    assert row is not None
    assert row["status"] == "present"
    assert outbox_rows(pulled) == []


def test_a_tombstone_of_an_edited_record_waits_for_the_push_answer(
    world: FakeWorld, pulled: Cache
) -> None:
    note = world.room.note
    _note(pulled, world, "Viktigt tillägg")
    world.server.tombstone("pupil_note", note)
    world.engine(pulled).pull()
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert row["body"] == "Viktigt tillägg"
    # The server keeps it deleted and records a delete_vs_edit conflict.
    world.server.script[("pupil_note", note)] = lambda op, stored: ("conflict", None, None)
    report = world.engine(pulled).sync()
    assert report.ops_conflicted == 1
    assert row_of(pulled, "pupil_note", note) is None
    assert outbox_rows(pulled) == []

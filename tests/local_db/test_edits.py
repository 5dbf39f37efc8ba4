"""The client write API: the row and its outbox op commit together, edits
are validated, coalesced only where that is safe, and carry the bases the
server merges against."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import select, update

from local_db import clock, edits
from local_db.cache import Cache, open_cache
from local_db.edits import InvalidEdit, delete_record, discard_rejected, pending_count, save_record
from local_db.schema import outbox, sync_state
from sync_protocol import ids
from sync_protocol.entities import entity
from sync_protocol.hlc import HlcStamp
from tests.local_db.sync_fixtures import ME, FakeWorld, outbox_rows, row_of, world

__all__ = ["world"]


@pytest.fixture
def pulled(world: FakeWorld, cache: Cache) -> Cache:
    world.engine(cache).pull()
    return cache


def _mark_sent(cache: Cache) -> None:
    with cache.begin() as conn:
        conn.execute(update(outbox).values(first_sent_at=dt.datetime.now(dt.UTC)))


def test_a_create_writes_the_whole_row_and_one_op_with_the_fields_set(
    world: FakeWorld, pulled: Cache
) -> None:
    record, values = world.attendance()
    with pulled.begin() as conn:
        save_record(conn, "attendance", record, values, actor=ME)
        assert pending_count(conn) == 1
    row = row_of(pulled, "attendance", record)
    assert row is not None
    assert (row["status"], row["seq"], row["modified_by"]) == ("absent", 0, ME)
    [op] = outbox_rows(pulled)
    assert op["kind"] == "attendance"
    assert op["action"] == "upsert"
    assert op["fields"]["status"] == "absent"
    assert op["fields"]["lesson_id"] == str(world.room.lesson)
    # The row has every field; the op only those the teacher set (the server
    # gives the others their empty value), so a field nobody set never
    # overrides a colleague's value of it.
    assert row["late_minutes"] is None
    assert set(op["fields"]) == set(values)
    assert set(op["base"].values()) == {0}
    assert op["base_text"] == {}
    assert op["state"] == "pending"
    assert op["first_sent_at"] is None
    HlcStamp.parse(str(op["hlc"]))


def test_a_failure_after_the_row_is_written_leaves_neither_row_nor_op(
    world: FakeWorld, pulled: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    record, values = world.attendance()

    def broken_stamp(conn: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(edits.clock, "stamp", broken_stamp)
    with pytest.raises(OSError, match="disk full"), pulled.begin() as conn:
        save_record(conn, "attendance", record, values, actor=ME)
    assert row_of(pulled, "attendance", record) is None
    assert outbox_rows(pulled) == []


def test_an_update_carries_only_changed_fields_with_their_base_versions(
    world: FakeWorld, pulled: Cache
) -> None:
    note = world.room.note
    before = row_of(pulled, "pupil_note", note)
    assert before is not None
    with pulled.begin() as conn:
        save_record(
            conn, "pupil_note", note, {"body": "Arbetar bra", "category": "observation"}, actor=ME
        )
    [op] = outbox_rows(pulled)
    assert op["fields"] == {"body": "Arbetar bra"}  # category unchanged: not sent
    assert op["base"] == {"body": before["seq"]}
    assert op["base_text"] == {"body": "Arbetar bra med bråk"}


def test_unchanged_values_write_nothing(world: FakeWorld, pulled: Cache) -> None:
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", world.room.note, {"body": "Arbetar bra med bråk"}, actor=ME)
    assert outbox_rows(pulled) == []
    row = row_of(pulled, "pupil_note", world.room.note)
    assert row is not None
    assert row["modified_by"] is None


@pytest.mark.parametrize(
    ("kind", "changes", "message"),
    [
        ("pupil_note", {"salary": 1}, "pupil_note.salary: no such field"),
        ("pupil_note", {"category": "gossip"}, "pupil_note.category: expected one of"),
        ("pupil_note", {"body": 42}, "pupil_note.body: expected a text"),
        ("pupil_note", {"body": "x" * 20001}, "pupil_note.body: longer than 20000"),
        ("pupil_note", {"pupil_id": uuid.uuid4()}, "pupil_note.pupil_id: cannot be changed"),
        ("person", {"given_name": "Eva"}, "person: records of this kind are maintained"),
    ],
)
def test_invalid_edits_name_the_field_and_write_nothing(
    world: FakeWorld, pulled: Cache, kind: str, changes: dict[str, Any], message: str
) -> None:
    record = world.room.note if kind == "pupil_note" else world.room.pupils[0]
    before = row_of(pulled, kind, record)
    with pytest.raises(InvalidEdit, match=message), pulled.begin() as conn:
        save_record(conn, kind, record, changes, actor=ME)
    assert row_of(pulled, kind, record) == before
    assert outbox_rows(pulled) == []


def test_a_create_must_have_required_fields_and_the_natural_id(
    world: FakeWorld, pulled: Cache
) -> None:
    record, values = world.attendance()
    with (
        pytest.raises(InvalidEdit, match=r"attendance\.status: may not be empty"),
        pulled.begin() as conn,
    ):
        save_record(conn, "attendance", record, {**values, "status": None}, actor=ME)
    incomplete = {k: v for k, v in values.items() if k != "status"}
    with pytest.raises(InvalidEdit, match=r"attendance\.status: missing"), pulled.begin() as conn:
        save_record(conn, "attendance", record, incomplete, actor=ME)
    with pytest.raises(InvalidEdit, match="natural id"), pulled.begin() as conn:
        save_record(conn, "attendance", uuid.uuid4(), values, actor=ME)
    with (
        pytest.raises(InvalidEdit, match="start_date: expected a date, got datetime"),
        pulled.begin() as conn,
    ):
        save_record(
            conn, "planning_unit", uuid.uuid4(), {"start_date": dt.datetime(2026, 1, 1)}, actor=ME
        )
    with pytest.raises(InvalidEdit, match="cannot be deleted"), pulled.begin() as conn:
        delete_record(conn, "attendance", record, actor=ME)
    assert outbox_rows(pulled) == []


def test_edits_of_an_unsent_op_fold_into_it_and_keep_its_base(
    world: FakeWorld, pulled: Cache
) -> None:
    note = world.room.note
    seq = row_of(pulled, "pupil_note", note)["seq"]  # type: ignore[index]
    for body in ("Arbetar", "Arbetar bra", "Arbetar mycket bra"):
        with pulled.begin() as conn:
            save_record(conn, "pupil_note", note, {"body": body}, actor=ME)
    [op] = outbox_rows(pulled)
    assert op["fields"] == {"body": "Arbetar mycket bra"}
    assert op["base"] == {"body": seq}
    # The text the edits started from: the server's, not an earlier local one.
    assert op["base_text"] == {"body": "Arbetar bra med bråk"}


def test_an_op_that_was_sent_is_never_modified(world: FakeWorld, pulled: Cache) -> None:
    note = world.room.note
    seq = row_of(pulled, "pupil_note", note)["seq"]  # type: ignore[index]
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {"body": "Första"}, actor=ME)
    _mark_sent(pulled)
    sent = outbox_rows(pulled)
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {"body": "Andra"}, actor=ME)
    first, second = outbox_rows(pulled)
    assert first == sent[0]
    assert second["fields"] == {"body": "Andra"}
    # Both start from the server's version and text; the push rebases the
    # second once the first is answered.
    assert second["base"] == {"body": seq}
    assert second["base_text"] == {"body": "Arbetar bra med bråk"}
    assert second["txn"] != first["txn"]


def test_a_latest_wins_stamp_never_claims_a_later_time_for_an_older_value(
    world: FakeWorld, pulled: Cache
) -> None:
    record, values = world.attendance()
    with pulled.begin() as conn:
        save_record(conn, "attendance", record, values, actor=ME)
    # Changing the status again: the op's only stamped value is replaced, so
    # the op takes the new stamp.
    with pulled.begin() as conn:
        save_record(conn, "attendance", record, {"status": "late", "late_minutes": 5}, actor=ME)
    [op] = outbox_rows(pulled)
    assert (op["fields"]["status"], op["fields"]["late_minutes"]) == ("late", 5)
    # A comment alone would give the status (set earlier) a later stamp: an
    # op of its own instead.
    with pulled.begin() as conn:
        save_record(conn, "attendance", record, {"comment": "Bussen var sen"}, actor=ME)
    first, second = outbox_rows(pulled)
    assert "comment" not in first["fields"]  # a create sends what the teacher set
    assert second["fields"] == {"comment": "Bussen var sen"}
    assert str(second["hlc"]) > str(first["hlc"])


def test_edits_in_one_transaction_share_a_txn_and_folding_joins_txns(
    world: FakeWorld, pulled: Cache
) -> None:
    with pulled.begin() as conn:
        for index in range(3):
            record, values = world.attendance(index)
            save_record(conn, "attendance", record, values, actor=ME)
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", world.room.note, {"body": "Ny"}, actor=ME)
    rows = outbox_rows(pulled)
    assert len({row["txn"] for row in rows[:3]}) == 1
    assert rows[3]["txn"] != rows[0]["txn"]
    # Changing the first pupil's status again folds into the first op, and
    # everything unsent from there on becomes one transaction (txns stay
    # contiguous runs of op numbers, so sending them in order keeps order).
    record, _ = world.attendance(0)
    with pulled.begin() as conn:
        save_record(conn, "attendance", record, {"status": "present"}, actor=ME)
    rows = outbox_rows(pulled)
    assert len(rows) == 4
    assert len({row["txn"] for row in rows}) == 1


def test_the_clock_never_goes_backwards_across_a_restart(
    world: FakeWorld, cache_path: object, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = open_cache(cache_path, key)  # type: ignore[arg-type]
    world.engine(cache).pull()
    record, values = world.attendance()
    with cache.begin() as conn:
        save_record(conn, "attendance", record, values, actor=ME)
        client_id = clock.client_id(conn)
    first = HlcStamp.parse(str(outbox_rows(cache)[0]["hlc"]))
    cache.close()
    # The computer's clock is set back an hour.
    monkeypatch.setattr(clock, "wall_ms", lambda: first.wall_ms - 3_600_000)
    cache = open_cache(cache_path, key)  # type: ignore[arg-type]
    with cache.begin() as conn:
        save_record(conn, "pupil_note", world.room.note, {"body": "Senare"}, actor=ME)
        assert clock.client_id(conn) == client_id
    second = HlcStamp.parse(str(outbox_rows(cache)[1]["hlc"]))
    cache.close()
    assert second > first
    assert second.node == first.node == client_id


def test_each_cache_has_its_own_client_id(key: bytes) -> None:
    made = set()
    for _ in range(2):
        with open_cache(None, key) as cache, cache.begin() as conn:
            made.add(conn.execute(select(sync_state.c.client_id)).scalar_one())
    assert len(made) == 2


def test_delete_hides_the_row_and_an_edit_before_sending_takes_it_back(
    world: FakeWorld, pulled: Cache
) -> None:
    note = world.room.note
    with pulled.begin() as conn:
        delete_record(conn, "pupil_note", note, actor=ME)
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert row["deleted"]
    [op] = outbox_rows(pulled)
    assert op["action"] == "delete"
    assert op["fields"] == {}
    assert set(op["base"]) == set(entity("pupil_note").field_names)
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {"body": "Ändrat mig"}, actor=ME)
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert not row["deleted"]
    [op] = outbox_rows(pulled)
    assert (op["action"], op["fields"]) == ("upsert", {"body": "Ändrat mig"})


def test_a_record_created_and_deleted_before_sending_leaves_nothing(
    world: FakeWorld, pulled: Cache
) -> None:
    plan = uuid.uuid4()
    with pulled.begin() as conn:
        save_record(
            conn,
            "planning_unit",
            plan,
            {"activity_id": world.room.activity, "title": "Bråk"},
            actor=ME,
        )
        delete_record(conn, "planning_unit", plan, actor=ME)
    assert row_of(pulled, "planning_unit", plan) is None
    assert outbox_rows(pulled) == []


def test_a_record_created_and_later_deleted_before_sending_leaves_nothing(
    world: FakeWorld, pulled: Cache
) -> None:
    """Found by the sync simulation: in separate transactions the create and
    a delete were both sent, and met a colleague's concurrent record of the
    same natural id as a delete against an edit, or not, by arrival order."""
    record, values = world.attendance()
    result = ids.assessment_result_id(world.room.assessment, world.room.pupils[0])
    with pulled.begin() as conn:
        save_record(conn, "attendance", record, values, actor=ME)
        save_record(
            conn,
            "assessment_result",
            result,
            {
                "assessment_id": world.room.assessment,
                "pupil_id": world.room.pupils[0],
                "activity_id": world.room.activity,
                "grade": "C",
            },
            actor=ME,
        )
    with pulled.begin() as conn:
        save_record(conn, "assessment_result", result, {"grade": "B"}, actor=ME)
    with pulled.begin() as conn:
        delete_record(conn, "assessment_result", result, actor=ME)
    assert row_of(pulled, "assessment_result", result) is None
    # The other record of the first transaction still goes.
    [op] = outbox_rows(pulled)
    assert (op["kind"], op["record_id"]) == ("attendance", record)


def test_discarding_a_rejected_edit_shows_the_server_value_again(
    world: FakeWorld, pulled: Cache
) -> None:
    note = world.room.note
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {"body": "Refused"}, actor=ME)
        conn.execute(update(outbox).values(state="rejected", reject_reason="out of scope"))
        assert pending_count(conn) == 0
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert row["body"] == "Refused"
    [op] = outbox_rows(pulled)
    with pulled.begin() as conn:
        discard_rejected(conn, int(op["op"]))  # type: ignore[call-overload]
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert row["body"] == "Arbetar bra med bråk"
    assert outbox_rows(pulled) == []
    with pytest.raises(InvalidEdit), pulled.begin() as conn:
        discard_rejected(conn, int(op["op"]))  # type: ignore[call-overload]


def test_an_edit_after_a_sent_delete_sends_the_record_as_a_create(
    world: FakeWorld, pulled: Cache
) -> None:
    note = world.room.note
    with pulled.begin() as conn:
        delete_record(conn, "pupil_note", note, actor=ME)
    _mark_sent(pulled)
    with pulled.begin() as conn:
        save_record(conn, "pupil_note", note, {"body": "Tillbaka"}, actor=ME)
    row = row_of(pulled, "pupil_note", note)
    assert row is not None
    assert not row["deleted"]
    deleted, recreated = outbox_rows(pulled)
    assert deleted["action"] == "delete"
    assert recreated["action"] == "upsert"
    assert recreated["fields"] == {
        "pupil_id": str(world.room.pupils[0]),
        "activity_id": str(world.room.activity),
        "category": "observation",
        "body": "Tillbaka",
        # A note pulled from before schema 3: no visibility, date or term.
        "visibility": None,
        "note_date": None,
        "term": None,
    }
    # Every base 0: the server makes the record anew on its tombstone.
    assert set(recreated["base"].values()) == {0}
    assert recreated["base_text"] == {}

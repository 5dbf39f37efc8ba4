"""What the app shows of disputed edits: conflicts with both sides, notices
for toasts, and a resolution travelling as an edit of the conflict record."""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid

import pytest

from local_db.cache import Cache
from local_db.conflicts import (
    DELETE_CHOICE,
    acknowledge_notice,
    mark_notice_seen,
    resolve_conflict,
)
from local_db.edits import InvalidEdit
from local_db.repositories import (
    conflicts_for_record,
    open_conflicts,
    open_notices,
    sync_status,
    unseen_notices,
)
from local_db.sync.retry import next_retry_delay
from sync_protocol import ids
from tests.local_db.sync_fixtures import COLLEAGUE, ME, FakeWorld, outbox_rows, world

__all__ = ["world"]

AT = dt.datetime(2026, 9, 14, 9, 30, tzinfo=dt.UTC)


def _grade_conflict(world: FakeWorld) -> tuple[uuid.UUID, uuid.UUID]:
    room = world.room
    result = ids.assessment_result_id(room.assessment, room.pupils[0])
    world.server.write(
        "assessment_result",
        result,
        assessment_id=room.assessment,
        pupil_id=room.pupils[0],
        activity_id=room.activity,
        grade="C",
        comment="",
    )
    conflict = uuid.uuid4()
    world.server.write(
        "sync_conflict",
        conflict,
        record_kind="assessment_result",
        record_id=result,
        field_name="grade",
        conflict_type="needs_review",
        activity_id=room.activity,
        pupil_id=room.pupils[0],
        current_value=json.dumps("C"),
        current_by=COLLEAGUE,
        current_at=AT,
        rival_value=json.dumps("B"),
        rival_by=ME,
        rival_at=AT + dt.timedelta(minutes=5),
        state="open",
    )
    return result, conflict


def _notice(world: FakeWorld) -> uuid.UUID:
    room = world.room
    world.server.write(
        "attendance",
        ids.attendance_id(room.lesson, room.pupils[1]),
        lesson_id=room.lesson,
        pupil_id=room.pupils[1],
        activity_id=room.activity,
        status="late",
    )
    notice = uuid.uuid4()
    world.server.write(
        "sync_conflict",
        notice,
        record_kind="attendance",
        record_id=ids.attendance_id(room.lesson, room.pupils[1]),
        field_name="status",
        conflict_type="notice",
        activity_id=room.activity,
        pupil_id=room.pupils[1],
        current_value=json.dumps("late"),
        current_by=COLLEAGUE,
        current_at=AT,
        rival_value=json.dumps("absent"),
        rival_by=ME,
        rival_at=AT - dt.timedelta(minutes=1),
        addressed_to=ME,
        state="open",
    )
    return notice


def test_an_open_conflict_shows_both_sides_and_whose_is_whose(
    world: FakeWorld, cache: Cache
) -> None:
    result, conflict = _grade_conflict(world)
    world.engine(cache).sync()
    with cache.connect() as conn:
        [mine] = open_conflicts(conn, ME)
        [theirs] = open_conflicts(conn, COLLEAGUE)
        [bystander] = open_conflicts(conn, uuid.uuid4())
        assert conflicts_for_record(conn, "assessment_result", result, ME) == [mine]
        assert sync_status(conn).open_conflicts == 1
    assert mine.id == conflict
    assert mine.record_label == "Alva Ahlberg – Prov 1"
    assert mine.pupil_name == "Alva Ahlberg"
    assert mine.field_name == "grade"
    assert mine.mine is not None
    assert (mine.mine.value, mine.theirs.value) == ("B", "C")
    assert (mine.mine.by_name, mine.theirs.by_name) == ("Anna Andersson", "Cecilia Carlsson")
    assert mine.theirs.at == AT
    assert theirs.mine is not None
    assert (theirs.mine.value, theirs.theirs.value) == ("C", "B")
    assert bystander.mine is None
    assert (bystander.current.value, bystander.rival.value) == ("C", "B")


def test_resolving_is_an_edit_of_the_conflict_record(world: FakeWorld, cache: Cache) -> None:
    _, conflict = _grade_conflict(world)
    world.engine(cache).sync()
    with cache.begin() as conn:
        [view] = open_conflicts(conn, ME)
        resolve_conflict(conn, conflict, view.theirs.value_json or "", ME)
        assert open_conflicts(conn, ME) == []
    [op] = outbox_rows(cache)
    assert (op["kind"], op["record_id"]) == ("sync_conflict", conflict)
    assert op["fields"] == {"state": "resolved", "resolved_value": '"C"'}
    world.engine(cache).sync()
    stored = world.server.records[("sync_conflict", conflict)].fields
    assert (stored["state"], stored["resolved_value"]) == ("resolved", '"C"')
    with pytest.raises(InvalidEdit, match="already been settled"), cache.begin() as conn:
        resolve_conflict(conn, conflict, '"B"', ME)


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ("not json", "not valid JSON"),
        ('"Q"', "grade: expected one of"),
        (DELETE_CHOICE, "expected one of"),
    ],
)
def test_a_bad_choice_is_refused(world: FakeWorld, cache: Cache, chosen: str, message: str) -> None:
    _, conflict = _grade_conflict(world)
    world.engine(cache).sync()
    with pytest.raises(InvalidEdit, match=message), cache.begin() as conn:
        resolve_conflict(conn, conflict, chosen, ME)
    assert outbox_rows(cache) == []


def test_notices_are_toasted_once_and_can_be_acknowledged(world: FakeWorld, cache: Cache) -> None:
    notice = _notice(world)
    world.engine(cache).sync()
    with cache.begin() as conn:
        [view] = unseen_notices(conn, ME)
        assert unseen_notices(conn, COLLEAGUE) == []
        assert open_conflicts(conn, ME) == []  # information, not a decision
        mark_notice_seen(conn, notice)
        mark_notice_seen(conn, notice)  # twice is harmless
        assert unseen_notices(conn, ME) == []
    assert view.record_label == "Axel Ås – Matematik 7A 2026-09-14"
    assert (view.kept.value, view.kept.by_name) == ("late", "Cecilia Carlsson")
    assert (view.replaced.value, view.replaced.by_name) == ("absent", "Anna Andersson")
    with cache.begin() as conn:
        acknowledge_notice(conn, notice, ME)
    world.engine(cache).sync()
    assert world.server.records[("sync_conflict", notice)].fields["state"] == "acknowledged"


def test_the_status_bar_counts_decisions_not_notices(world: FakeWorld, cache: Cache) -> None:
    """A notice is information (maybe for a colleague), not a conflict to decide."""
    _notice(world)
    world.engine(cache).sync()
    with cache.connect() as conn:
        assert sync_status(conn).open_conflicts == 0
        assert [n.id for n in open_notices(conn, ME)] == [n.id for n in unseen_notices(conn, ME)]
    _grade_conflict(world)
    world.engine(cache).sync()
    with cache.connect() as conn:
        assert sync_status(conn).open_conflicts == 1


def test_retry_delays_grow_to_a_cap_with_jitter() -> None:
    rng = random.Random(7)
    delays = [next_retry_delay(attempt, rng=rng) for attempt in range(12)]
    for attempt, delay in enumerate(delays):
        step = min(600.0, 5.0 * 2**attempt)
        assert step / 2 <= delay <= step
    assert max(delays) <= 600.0
    assert len({round(d, 6) for d in delays[-4:]}) == 4  # capped, but not in lockstep

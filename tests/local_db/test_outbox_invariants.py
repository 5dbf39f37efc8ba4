"""Random sequences of edits, deletes, transactions, lost answers and syncs:
the outbox keeps its invariants after every step, and once everything is
sent the cache equals the server."""

from __future__ import annotations

import contextlib
import random
import uuid
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import select

from local_db.cache import Cache
from local_db.edits import delete_record, save_record
from local_db.schema import edit_base, outbox, synced
from local_db.sync import push
from local_db.sync.errors import ServerUnreachable
from sync_protocol import ids
from sync_protocol.codec import encode_value
from sync_protocol.entities import REGISTRY
from tests.local_db.scripted_server import error
from tests.local_db.sync_fixtures import ME, FakeWorld, world

__all__ = ["world"]

STATUSES = ("present", "late", "absent", "valid_absence")
WORDS = ("bråk", "procent", "ekvationer", "geometri", "statistik")


def _check_invariants(cache: Cache) -> None:
    with cache.connect() as conn:
        ops = [dict(r) for r in conn.execute(select(outbox).order_by(outbox.c.op)).mappings()]
        bases = {
            (r.kind, r.record_id, r.field)
            for r in conn.execute(
                select(edit_base.c.kind, edit_base.c.record_id, edit_base.c.field)
            )
        }
        pending = [op for op in ops if op["state"] == "pending"]
        by_txn: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for op in pending:
            by_txn[op["txn"]].append(op)
        order = [op["op"] for op in pending]
        for group in by_txn.values():
            numbers = [op["op"] for op in group]
            start = order.index(numbers[0])
            # A txn is a contiguous run of the pending ops...
            assert order[start : start + len(numbers)] == numbers
            # ...holding at most one op of each record.
            assert len({(op["kind"], op["record_id"]) for op in group}) == len(group)
        # Sent ops were sent as whole txns, in order.
        sent = [op["op"] for op in pending if op["first_sent_at"] is not None]
        assert sent == order[: len(sent)]
        carried = {(op["kind"], op["record_id"], name) for op in ops for name in op["fields"]}
        assert bases == carried
        batch = push.next_batch(conn)
        batched = [op.op for group in batch for op in group]
        assert batched == order[: len(batched)]
        keys = [(op.kind, op.record_id) for group in batch for op in group]
        assert len(keys) == len(set(keys))


def _view(cache: Cache) -> dict[tuple[str, uuid.UUID], dict[str, Any]]:
    found = {}
    with cache.connect() as conn:
        for kind in ("attendance", "pupil_note", "planning_unit"):
            spec = REGISTRY[kind]
            for row in conn.execute(select(synced[kind])).mappings():
                found[(kind, row["id"])] = {
                    f.name: encode_value(f, row[f.name]) for f in spec.fields
                }
    return found


@pytest.mark.parametrize("seed", range(12))
def test_random_offline_work_keeps_the_outbox_sound_and_converges(
    world: FakeWorld, cache: Cache, seed: int
) -> None:
    rng = random.Random(seed)
    room = world.room
    engine = world.engine(cache)
    engine.sync()
    units = [uuid.uuid4() for _ in range(3)]

    def edit(conn: Any) -> None:
        choice = rng.random()
        if choice < 0.45:
            pupil = rng.choice(room.pupils)
            record = ids.attendance_id(room.lesson, pupil)
            values: dict[str, Any] = {"status": rng.choice(STATUSES)}
            if rng.random() < 0.3:
                values["comment"] = rng.choice(WORDS)
            if rng.random() < 0.3:
                values["late_minutes"] = rng.randrange(1, 30)
            save_record(
                conn,
                "attendance",
                record,
                {"lesson_id": room.lesson, "pupil_id": pupil, "activity_id": room.activity}
                | values,
                actor=ME,
            )
        elif choice < 0.65:
            save_record(
                conn, "pupil_note", room.note, {"body": " ".join(rng.sample(WORDS, 3))}, actor=ME
            )
        elif choice < 0.9:
            unit = rng.choice(units)
            values = {"title": rng.choice(WORDS).title()}
            if rng.random() < 0.5:
                values["aims"] = " ".join(rng.sample(WORDS, 2))
            save_record(
                conn, "planning_unit", unit, {"activity_id": room.activity} | values, actor=ME
            )
        else:
            delete_record(conn, "planning_unit", rng.choice(units), actor=ME)

    for _ in range(40):
        with cache.begin() as conn:
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                edit(conn)
        _check_invariants(cache)
        roll = rng.random()
        if roll < 0.15:
            world.server.push_failures.append((error(502, "bad_gateway"), rng.random() < 0.7))
            with contextlib.suppress(ServerUnreachable):
                engine.sync()
            world.server.push_failures.clear()  # unused when nothing was pending
            _check_invariants(cache)
        elif roll < 0.3:
            engine.sync()
            _check_invariants(cache)
    engine.sync()
    with cache.connect() as conn:
        assert conn.execute(select(outbox)).first() is None
        assert conn.execute(select(edit_base)).first() is None
    server = {
        key: record.fields
        for key, record in world.server.records.items()
        if key[0] in ("attendance", "pupil_note", "planning_unit") and not record.deleted
    }
    assert _view(cache) == server
    # Every op was applied once, however often it was sent.
    assert len(world.server.applied) == len(set(world.server.applied))

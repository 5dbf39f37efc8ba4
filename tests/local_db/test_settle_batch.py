"""The batch fast path for settling push answers leaves exactly what
settle_op, one op at a time, leaves: the same answers are settled both ways
in two copies of one cache and every table that settling touches is
compared."""

from __future__ import annotations

import random
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from local_db import outbox as ob
from local_db.cache import Cache, open_cache
from local_db.edits import delete_record, save_record
from local_db.schema import edit_base, held_tombstone, outbox, synced
from local_db.settle import settle_op
from local_db.settle_batch import Answer, settle_simple
from tests.local_db.sync_fixtures import ME, FakeWorld, world

__all__ = ["world"]


def _mark(conn: Any, world: FakeWorld, pupil: int, status: str) -> None:
    record, values = world.attendance(pupil, status)
    save_record(conn, "attendance", record, values, actor=ME)


def _prepare(world: FakeWorld, path: Path, key: bytes) -> None:
    """A cache with every shape of op: creates, an edit of a pulled record,
    a record with two ops, a record whose server value moved meanwhile, a
    delete."""
    cache = open_cache(path, key)
    world.engine(cache).pull()
    with cache.begin() as conn:
        for pupil in range(3):
            _mark(conn, world, pupil, "present")
    with cache.begin() as conn:
        _mark(conn, world, 0, "late")  # a second op of pupil 0's record
        save_record(conn, "pupil_note", world.room.note, {"body": "Läser mycket"}, actor=ME)
    with cache.begin() as conn:
        save_record(
            conn,
            "assessment",
            world.room.assessment,
            {"title": "Prov 1 (omprov)"},
            actor=ME,
        )
        # The pull brought a colleague's newer description meanwhile.
        ob.note_server_value(
            conn,
            kind="assessment",
            record_id=world.room.assessment,
            name="title",
            version=500,
            value="Prov ett",
        )
    with cache.begin() as conn:
        delete_record(conn, "pupil_note", world.room.note, actor=ME)
    cache.close()


def _answers(cache: Cache, rng: random.Random) -> list[Answer]:
    """One answer per record (a batch never holds two ops of one record)."""
    with cache.connect() as conn:
        ops = ob.pending_ops(conn)
    first: dict[tuple[str, uuid.UUID], ob.OutboxOp] = {}
    for op in ops:
        first.setdefault((op.kind, op.record_id), op)
    answers = []
    for index, op in enumerate(first.values()):
        seq = 1000 + index
        # Pupil 1's mark (one op) is applied, so the fast path has one to
        # take whatever the draw: it takes applied answers only.
        outcome = (
            "applied"
            if index == 1
            else rng.choice(["applied", "applied", "merged", "conflict", "duplicate"])
        )
        answers.append(Answer(op, outcome, seq if outcome != "conflict" else None))
    return answers


def _tables(cache: Cache) -> dict[str, list[dict[str, Any]]]:
    with cache.connect() as conn:
        dumped = {
            name: sorted((dict(row) for row in conn.execute(select(table)).mappings()), key=repr)
            for name, table in (
                ("outbox", outbox),
                ("edit_base", edit_base),
                ("held_tombstone", held_tombstone),
            )
        }
        for kind in ("attendance", "pupil_note", "assessment"):
            dumped[kind] = sorted(
                (dict(row) for row in conn.execute(select(synced[kind])).mappings()), key=repr
            )
    return dumped


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_the_fast_path_settles_exactly_as_settle_op_does(
    world: FakeWorld, tmp_path: Path, key: bytes, seed: int
) -> None:
    print(f"seed {seed}")
    original = tmp_path / "original.db"
    _prepare(world, original, key)
    batch_path, single_path = tmp_path / "batch.db", tmp_path / "single.db"
    shutil.copy(original, batch_path)
    shutil.copy(original, single_path)

    batch = open_cache(batch_path, key)
    answers = _answers(batch, random.Random(seed))
    with batch.begin() as conn:
        left = settle_simple(conn, answers)
        for answer in left:
            settle_op(conn, answer.op, answer.outcome, answer.seq)
    single = open_cache(single_path, key)
    with single.begin() as conn:
        for answer in answers:
            settle_op(conn, answer.op, answer.outcome, answer.seq)

    # The fast path took some and left the hard cases (the record with two
    # ops, the moved server value, the delete) to settle_op.
    assert 0 < len(left) < len(answers)
    assert {a.op.kind for a in left} >= {"assessment"}
    assert _tables(batch) == _tables(single)
    batch.close()
    single.close()

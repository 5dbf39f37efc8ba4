"""save_records writes exactly what save_record would, item by item.

Two caches start from the same records; one takes the items through
save_record one at a time, the other through save_records in one go; their
rows, edit bases and outbox must be the same. The items mix every case: new
records, edits of synced values, edits of records with an unsent op, of a
record deleted here, of one whose create was refused, a record named twice,
a value left as it was. Randomized; the seed is printed.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from local_db import outbox as ob
from local_db.batch_edits import save_records
from local_db.cache import Cache, open_cache
from local_db.edits import InvalidEdit, delete_record, save_record
from local_db.schema import edit_base, outbox, synced
from sync_protocol import ids
from tests.local_db.records import RecordBuilder

ME = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
KIND = "assessment_result"


class School:
    def __init__(self, rng: random.Random) -> None:
        data = RecordBuilder()
        teacher = data.person("Karin", "Lärare")
        group = data.group("8B")
        self.pupils = [data.person(f"Elev{n}", "Ek") for n in range(12)]
        for pupil in self.pupils:
            data.member(group, pupil, dt.date(2026, 8, 1))
        self.activity = data.activity("Svenska 8B", [group], [teacher], subject_name="Svenska")
        self.tests = [
            data.add(
                "assessment",
                activity_id=self.activity,
                title=f"Prov {n}",
                description="",
                assessment_type="test",
                assessment_date=dt.date(2026, 9, 1 + n),
                planning_unit_id=None,
                scale_kind="points",
                max_points=40,
            )
            for n in range(3)
        ]
        # About half the results are on the server already, at several versions.
        self.synced: list[uuid.UUID] = []
        for test in self.tests:
            for pupil in self.pupils:
                if rng.random() < 0.5:
                    record = ids.assessment_result_id(test, pupil)
                    data.add(
                        KIND,
                        record,
                        assessment_id=test,
                        pupil_id=pupil,
                        activity_id=self.activity,
                        points=rng.randint(0, 40),
                        comment=rng.choice(["", "Bra", "Läs igen"]),
                    )
                    self.synced.append(record)
        self.records = list(data.records)

    def cache(self, path: Path, key: bytes) -> Cache:
        cache = open_cache(path, key)
        data = RecordBuilder()
        data.records = list(self.records)
        data.apply_to(cache)
        return cache

    def create_fields(self, record: uuid.UUID) -> dict[str, Any]:
        for test in self.tests:
            for pupil in self.pupils:
                if ids.assessment_result_id(test, pupil) == record:
                    return {"assessment_id": test, "pupil_id": pupil, "activity_id": self.activity}
        raise KeyError(record)


def _prepare(cache: Cache, school: School, rng: random.Random) -> None:
    """The same local history on both caches (the same choices, from a copy
    of the generator): edits and a delete that were sent, a refused create,
    and unsent edits of an earlier transaction that later edits may fold into."""
    with cache.begin() as conn:
        for record in school.synced[:4]:
            save_record(conn, KIND, record, {"points": rng.randint(0, 40)}, actor=ME)
        delete_record(conn, KIND, school.synced[4], actor=ME)
        fresh = ids.assessment_result_id(school.tests[0], school.pupils[0])
        if fresh not in school.synced:
            save_record(conn, KIND, fresh, {**school.create_fields(fresh), "points": 1}, actor=ME)
            conn.execute(
                update(outbox).where(outbox.c.record_id == fresh).values(state=ob.REJECTED)
            )
    with cache.begin() as conn:
        conn.execute(update(outbox).values(first_sent_at=dt.datetime(2026, 9, 2, tzinfo=dt.UTC)))
    with cache.begin() as conn:
        for record in school.synced[5:12]:
            changes = rng.choice([{"points": rng.randint(0, 40)}, {"comment": "Se över"}])
            save_record(conn, KIND, record, changes, actor=ME)


def _items(
    school: School, rng: random.Random, count: int
) -> list[tuple[uuid.UUID, dict[str, Any]]]:
    every = [ids.assessment_result_id(t, p) for t in school.tests for p in school.pupils]
    items = []
    made = set(school.synced)
    for _ in range(count):
        record = rng.choice(every)
        changes: dict[str, Any] = rng.choice(
            [
                {"points": rng.randint(0, 40)},
                {"points": None, "marker": "not_handed_in"},
                {"comment": rng.choice(["", "Bra", "Mycket bra", "Läs igen"])},
                {"points": rng.randint(0, 40), "comment": "Bra"},
            ]
        )
        if record not in made or rng.random() < 0.5:
            changes = {**school.create_fields(record), **changes}
        made.add(record)
        items.append((record, changes))
    return items


def _state(cache: Cache) -> dict[str, list[tuple[Any, ...]]]:
    table = synced[KIND]
    with cache.connect() as conn:
        rows = conn.execute(
            select(
                table.c.id,
                table.c.points,
                table.c.marker,
                table.c.comment,
                table.c.deleted,
                table.c.seq,
                table.c.created_by,
                table.c.modified_by,
            ).order_by(table.c.id)
        ).all()
        bases = conn.execute(
            select(edit_base).order_by(edit_base.c.record_id, edit_base.c.field)
        ).all()
        ops = conn.execute(
            select(
                outbox.c.op,
                outbox.c.txn,
                outbox.c.record_id,
                outbox.c.action,
                outbox.c.fields,
                outbox.c.base,
                outbox.c.base_text,
                outbox.c.clock_fields,
                outbox.c.state,
                outbox.c.weak,
                outbox.c.actor,
            ).order_by(outbox.c.op)
        ).all()
        stamps = [row.hlc for row in conn.execute(select(outbox.c.hlc).order_by(outbox.c.op))]
    # The clocks differ between the caches; the order of the stamps must not
    # (a fold restamps an older op, so it is not simply the op order).
    by_stamp = sorted(range(len(stamps)), key=stamps.__getitem__)
    return {
        "rows": [tuple(r) for r in rows],
        "bases": [tuple(r) for r in bases],
        "ops": [tuple(r) for r in ops],
        "stamp order": [tuple(by_stamp)],
    }


@pytest.fixture
def seed() -> int:
    chosen = int(os.environ.get("KLASSBOK_BATCH_SEED", secrets.randbelow(2**31)))
    print(f"\nbatch edits: seed {chosen} (KLASSBOK_BATCH_SEED={chosen} replays it)")
    return chosen


@pytest.mark.parametrize("round_number", range(6))
def test_a_batch_writes_what_one_save_at_a_time_writes(
    tmp_path: Path, key: bytes, seed: int, round_number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if round_number % 2:
        # Earlier unsent txns too large to fold into (as after a pasted block
        # larger than a push batch): every edit of them gets an op of its own.
        monkeypatch.setattr(ob, "MAX_FOLD_TXN_OPS", 3)
    rng = random.Random(seed + round_number)
    school = School(rng)
    history, items = random.Random(rng.random()), None
    one_by_one = school.cache(tmp_path / "a.db", key)
    batched = school.cache(tmp_path / "b.db", key)
    try:
        state = history.getstate()
        _prepare(one_by_one, school, history)
        history.setstate(state)
        _prepare(batched, school, history)
        items = _items(school, rng, 60)
        with one_by_one.begin() as conn:
            for record, changes in items:
                save_record(conn, KIND, record, changes, actor=ME)
        with batched.begin() as conn:
            save_records(conn, KIND, items, actor=ME)
        expected, got = _state(one_by_one), _state(batched)
        assert got["rows"] == expected["rows"]
        assert got["bases"] == expected["bases"]
        assert got["ops"] == expected["ops"]
        assert got["stamp order"] == expected["stamp order"]
        assert len(expected["ops"]) > 20, "the items changed something"
    finally:
        one_by_one.close()
        batched.close()


def test_a_bad_item_raises_as_save_record_does_and_the_transaction_keeps_nothing(
    tmp_path: Path, key: bytes
) -> None:
    school = School(random.Random(3))
    cache = school.cache(tmp_path / "c.db", key)
    try:
        absent = [
            ids.assessment_result_id(t, p)
            for t in school.tests
            for p in school.pupils
            if ids.assessment_result_id(t, p) not in school.synced
        ]
        new, missing = absent[:2]
        good = (new, {**school.create_fields(new), "points": 12})
        with (
            pytest.raises(InvalidEdit, match="needed to create the record"),
            cache.begin() as conn,
        ):
            save_records(conn, KIND, [good, (missing, {"points": 3})], actor=ME)
        with cache.connect() as conn:
            assert conn.execute(select(outbox)).first() is None
            table = synced[KIND]
            assert conn.execute(select(table).where(table.c.id == new)).first() is None
    finally:
        cache.close()


def test_after_a_fold_joins_an_earlier_txn_the_next_record_is_read_again(
    tmp_path: Path, key: bytes
) -> None:
    """Folding A's edit into its unsent op joins that op's txn, which moves
    B's later unsent op into it too; B's edit must then fold as save_record
    would, not be batched on what was read before the join. (Assessments:
    their guidance limits and published flag are stamped fields, so a fold
    depends on the txn.)"""
    school = School(random.Random(5))
    first, second = school.tests[:2]
    caches = [school.cache(tmp_path / f"{n}.db", key) for n in range(2)]
    try:
        for cache in caches:
            with cache.begin() as conn:
                save_record(conn, "assessment", first, {"e_limit": 10}, actor=ME)
            with cache.begin() as conn:
                save_record(conn, "assessment", second, {"c_limit": 20}, actor=ME)
        items = [(first, {"e_limit": 11}), (second, {"published": True})]
        with caches[0].begin() as conn:
            for record, changes in items:
                save_record(conn, "assessment", record, changes, actor=ME)
        with caches[1].begin() as conn:
            save_records(conn, "assessment", items, actor=ME)
        expected = ops_of(caches[0])
        assert len(expected) == 2, "both edits folded"
        assert ops_of(caches[1]) == expected
    finally:
        for cache in caches:
            cache.close()


def ops_of(cache: Cache) -> list[Any]:
    with cache.connect() as conn:
        return list(
            conn.execute(
                select(outbox.c.op, outbox.c.txn, outbox.c.fields, outbox.c.clock_fields).order_by(
                    outbox.c.op
                )
            ).all()
        )

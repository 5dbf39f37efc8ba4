"""A teacher's app that edits and syncs until it is killed (SIGKILL, by
tests/sync_sim/test_random_kills.py, at a random moment).

    python -m tests.sync_sim.kill_runner CACHE SERVER_URL LEDGER SEED
    (stdin: the cache key in hex, then the token)

Every local transaction is written to the ledger twice: its edits before
the commit ("intent") and again after the commit returned ("done"), each
line flushed and fsync'd. A kill between the two leaves that transaction
uncertain: committed or not, both outcomes are acceptable. Prints READY
once the cache is open.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import uuid
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from local_db.attendance.roll_call import lesson_facts
from local_db.cache import Cache, open_cache
from local_db.edits import InvalidEdit, delete_record, save_record
from local_db.schema import synced
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import SyncEngine
from local_db.sync.errors import SyncError
from sync_protocol import ids
from sync_protocol.codec import encode_value
from sync_protocol.entities import REGISTRY
from sync_protocol.terms import term_for
from tests.sync_sim.actions import WORDS, edit_text

DELETE = "<delete>"
Edit = tuple[str, uuid.UUID, dict[str, Any] | None]  # kind, id, changes (None: delete)


def _write(ledger: IO[str], line: dict[str, Any]) -> None:
    ledger.write(json.dumps(line) + "\n")
    ledger.flush()
    os.fsync(ledger.fileno())


def _rows(cache: Cache, kind: str) -> list[dict[str, Any]]:
    table = synced[kind]
    with cache.connect() as conn:
        query = select(table).where(table.c.deleted.is_(False)).order_by(table.c.id)
        return [dict(row) for row in conn.execute(query).mappings()]


def _choose(cache: Cache, rng: random.Random, me: uuid.UUID, activity: uuid.UUID) -> Edit | None:
    roll = rng.random()
    lessons = [row for row in _rows(cache, "lesson") if row["activity_id"] == activity]
    if roll < 0.35 and lessons:
        lesson = rng.choice(lessons)
        with cache.connect() as conn:
            facts = lesson_facts(conn, lesson["id"])
        if facts is None or facts.cancelled or not facts.members:
            return None
        pupil = rng.choice(sorted(facts.members, key=str))
        changes: dict[str, Any] = {
            "lesson_id": lesson["id"],
            "pupil_id": pupil,
            "activity_id": activity,
        }
        changes["status"] = rng.choice(("present", "absent", "valid_absence", "other_activity"))
        if rng.random() < 0.3:
            changes["comment"] = rng.choice(WORDS)
        return "attendance", ids.attendance_id(lesson["id"], pupil), changes
    notes = [row for row in _rows(cache, "pupil_note") if row["created_by"] == me]
    if roll < 0.65:
        if notes and rng.random() < 0.15:
            return "pupil_note", rng.choice(notes)["id"], None
        if notes and rng.random() < 0.7:
            note = rng.choice(notes)
            return "pupil_note", note["id"], {"body": edit_text(rng, note["body"])}
        pupils = sorted({row["person_id"] for row in _rows(cache, "group_membership")}, key=str)
        if not pupils:
            return None
        body = " ".join(rng.choice(WORDS) for _ in range(5))
        fields = {
            "pupil_id": rng.choice(pupils),
            "activity_id": activity,
            "category": "talk",
            "body": body,
            "visibility": "teachers",
        }
        return "pupil_note", uuid.UUID(int=rng.getrandbits(128), version=4), fields
    if roll < 0.85 and lessons:
        lesson = rng.choice(lessons)
        plan = ids.lesson_plan_id(lesson["id"])
        existing = [row for row in _rows(cache, "lesson_plan") if row["id"] == plan]
        text = edit_text(rng, existing[0]["content"]) if existing else rng.choice(WORDS)
        return (
            "lesson_plan",
            plan,
            {"lesson_id": lesson["id"], "activity_id": activity, "content": text},
        )
    pupils = sorted({row["person_id"] for row in _rows(cache, "group_membership")}, key=str)
    if not pupils:
        return None
    pupil = rng.choice(pupils)
    term = term_for(dt.date.today()).code
    fields = {
        "pupil_id": pupil,
        "activity_id": activity,
        "term": term,
        "grade": rng.choice("ABCDEF"),
    }
    return "term_grade", ids.term_grade_id(activity, pupil, term), fields


def _wire(edit: Edit) -> list[list[Any]]:
    kind, record, changes = edit
    if changes is None:
        return [[kind, str(record), DELETE, None]]
    spec = REGISTRY[kind]
    return [
        [kind, str(record), name, encode_value(spec.field(name), value)]
        for name, value in changes.items()
    ]


def main(argv: list[str]) -> int:
    path, url, ledger_path, seed = argv
    key = bytes.fromhex(sys.stdin.readline().strip())
    token = sys.stdin.readline().strip()
    me = uuid.UUID(sys.stdin.readline().strip())
    activity = uuid.UUID(sys.stdin.readline().strip())
    rng = random.Random(seed)
    cache = open_cache(Path(path), key)
    engine = SyncEngine(cache, ApiClient(url, token=token, timeout=30), page_limit=5)
    print("READY", flush=True)
    with Path(ledger_path).open("a", encoding="utf-8") as ledger:
        for txn in range(1_000_000):
            if rng.random() < 0.3:
                engine.verify_scope = rng.random() < 0.3
                try:
                    engine.sync()
                except SyncError:
                    continue
                continue
            edits = [
                e
                for e in (_choose(cache, rng, me, activity) for _ in range(rng.randint(1, 3)))
                if e
            ]
            # One record once per transaction (a natural id may come up twice).
            edits = list(
                {(kind, record): (kind, record, ch) for kind, record, ch in edits}.values()
            )
            if not edits:
                continue
            lines = [line for edit in edits for line in _wire(edit)]
            name = f"{seed}/{txn}"
            _write(ledger, {"txn": name, "phase": "intent", "edits": lines})
            try:
                with cache.begin() as conn:
                    for kind, record, changes in edits:
                        if changes is None:
                            delete_record(conn, kind, record, actor=me)
                        else:
                            save_record(conn, kind, record, changes, actor=me)
            except InvalidEdit:
                _write(ledger, {"txn": name, "phase": "aborted"})  # nothing was written
                continue
            _write(ledger, {"txn": name, "phase": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Killing the app at any point of a sync loses nothing: the cache and the
outbox reopened from disk are consistent, and the next sync converges with
every edit applied exactly once."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from local_db.cache import Cache, open_cache
from local_db.edits import save_record
from local_db.schema import sync_state, synced
from sync_protocol import ids
from sync_protocol.codec import encode_value
from sync_protocol.entities import REGISTRY
from tests.local_db.crash_runner import KILLED
from tests.local_db.sync_fixtures import ME, FakeWorld, outbox_rows, world

__all__ = ["world"]

ROOT = Path(__file__).resolve().parents[2]


def _crash(cache_path: Path, key: bytes, world: FakeWorld, point: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.local_db.crash_runner",
            str(cache_path),
            world.http.url,
            point,
        ],
        input=key.hex() + "\n",
        text=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == KILLED, done.stderr[-2000:]


def _edit_offline(cache: Cache, world: FakeWorld) -> list[uuid.UUID]:
    room = world.room
    records = []
    with cache.begin() as conn:
        for index, pupil in enumerate(room.pupils):
            record = ids.attendance_id(room.lesson, pupil)
            save_record(
                conn,
                "attendance",
                record,
                {
                    "lesson_id": room.lesson,
                    "pupil_id": pupil,
                    "activity_id": room.activity,
                    "status": ("absent", "late", "present")[index % 3],
                },
                actor=ME,
            )
            records.append(record)
    with cache.begin() as conn:
        save_record(conn, "pupil_note", room.note, {"body": "Skrivet offline"}, actor=ME)
    return records


def _local_view(cache: Cache) -> dict[tuple[str, uuid.UUID], dict[str, object]]:
    found = {}
    with cache.connect() as conn:
        for kind, table in synced.items():
            spec = REGISTRY[kind]
            for row in conn.execute(select(table)).mappings():
                fields = {f.name: encode_value(f, row[f.name]) for f in spec.fields}
                found[(kind, row["id"])] = {"seq": row["seq"], "fields": fields}
    return found


def _server_view(world: FakeWorld) -> dict[tuple[str, uuid.UUID], dict[str, object]]:
    return {
        key: {"seq": record.seq, "fields": record.fields}
        for key, record in world.server.records.items()
        if not record.deleted
    }


@pytest.mark.parametrize("point", ["before-push", "after-push", "mid-pull", "mid-verify"])
def test_a_sync_killed_at_any_point_loses_nothing(
    world: FakeWorld, cache_path: Path, key: bytes, point: str
) -> None:
    cache = open_cache(cache_path, key)
    world.engine(cache).sync()
    records = _edit_offline(cache, world)
    # A record that entered the scope behind the cursor: only the check's
    # fetch brings it. And one that left it: only the check removes it.
    arrived = uuid.uuid4()
    world.server.hidden.add(("pupil_note", arrived))
    world.server.write(
        "pupil_note",
        arrived,
        pupil_id=world.room.pupils[0],
        activity_id=world.room.activity,
        category="talk",
        body="Ny",
    )
    world.engine(cache).pull()
    world.server.hidden.discard(("pupil_note", arrived))
    world.server.hidden.add(("person", world.room.pupils[2]))
    world.server.scope_changed_once = point == "mid-verify"
    # Changes from elsewhere, so the pull has several pages to apply.
    for index in range(5):
        world.server.write(
            "pupil_note",
            uuid.uuid4(),
            pupil_id=world.room.pupils[1],
            activity_id=world.room.activity,
            category="talk",
            body=f"Samtal {index}",
        )
    ops_before = outbox_rows(cache)
    cache.close()

    _crash(cache_path, key, world, point)

    cache = open_cache(cache_path, key)
    after = outbox_rows(cache)
    if point in ("before-push", "after-push"):
        # Still in the outbox, marked as sent: never modified from now on.
        assert [r["op"] for r in after] == [r["op"] for r in ops_before]
        assert all(r["first_sent_at"] is not None for r in after)
        assert [r["fields"] for r in after] == [r["fields"] for r in ops_before]
    else:
        assert after == []
    with cache.connect() as conn:
        flag = conn.execute(select(sync_state.c.scope_changed)).scalar_one()
    assert flag == (point == "mid-verify")  # an unfinished check runs again
    report = world.engine(cache, verify_scope=True).sync()
    assert report.verified
    assert outbox_rows(cache) == []
    # Every edit applied exactly once, whatever was resent.
    applied = list(world.server.applied)
    assert len(applied) == len(set(applied)) == len(ops_before)
    for record in records:
        assert world.server.records[("attendance", record)].fields["status"] in (
            "absent",
            "late",
            "present",
        )
    assert world.server.records[("pupil_note", world.room.note)].fields["body"] == "Skrivet offline"
    # And the cache holds exactly what the server shows the teacher.
    expected = {
        key: value for key, value in _server_view(world).items() if key not in world.server.hidden
    }
    assert _local_view(cache) == expected
    cache.close()

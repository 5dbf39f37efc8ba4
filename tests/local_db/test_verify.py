"""The divergence check: digests compared per kind and activity, rows out of
scope removed (never ones with unsettled edits), missing and stale rows
fetched, and the check run only when it is due."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select, update

from local_db.cache import Cache
from local_db.edits import save_record
from local_db.schema import sync_state, synced
from local_db.sync import verify
from local_db.sync.engine import PushOutbox
from local_db.sync.verify import digest_of
from sync_protocol import ids
from tests.local_db.sync_fixtures import ME, FakeWorld, row_of, world

__all__ = ["world"]


@pytest.fixture
def synced_cache(world: FakeWorld, cache: Cache) -> Cache:
    report = world.engine(cache).sync()
    assert report.verified  # never checked before: due
    return cache


def _paths(world: FakeWorld) -> list[str]:
    return [request.path.rsplit("/", 1)[-1] for request in world.http.requests]


def _state(cache: Cache) -> dict[str, object]:
    with cache.connect() as conn:
        return dict(conn.execute(select(sync_state)).mappings().one())


def test_digest_lines_are_sorted_id_colon_seq() -> None:
    a, b = uuid.UUID(int=2), uuid.UUID(int=1)
    count, digest = digest_of({a: 7, b: 3})
    import hashlib

    expected = hashlib.sha256(f"{b}:3\n{a}:7\n".encode()).hexdigest()
    assert (count, digest) == (2, expected)


def test_a_first_sync_asks_for_the_digest_once_after_the_last_page(
    world: FakeWorld, cache: Cache
) -> None:
    """The digest is asked for early (the server works it out while this
    computer builds its indexes), once, and the check uses it."""
    report = world.engine(cache, page_limit=2).sync()
    paths = _paths(world)
    assert report.verified
    assert report.pages > 2
    assert paths.count("digest") == 1
    assert paths.index("digest") > max(i for i, p in enumerate(paths) if p == "changes")
    assert (report.parts_mismatched, report.rows_fetched) == (0, 0)


def test_a_pull_alone_asks_for_no_digest(world: FakeWorld, cache: Cache) -> None:
    world.engine(cache).pull()
    assert "digest" not in _paths(world)


def test_matching_digests_need_no_manifest(world: FakeWorld, synced_cache: Cache) -> None:
    world.http.requests.clear()
    report = world.engine(synced_cache, verify_scope=True).sync()
    assert report.verified
    assert (report.parts_mismatched, report.rows_removed, report.rows_fetched) == (0, 0, 0)
    assert "manifest" not in _paths(world)


def test_the_check_runs_only_when_due(world: FakeWorld, synced_cache: Cache) -> None:
    world.http.requests.clear()
    engine = world.engine(synced_cache)
    assert not engine.sync().verified
    assert "digest" not in _paths(world)
    with synced_cache.begin() as conn:
        conn.execute(
            update(sync_state).values(
                last_verified_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
            )
        )
    assert engine.sync().verified
    # The session flag: once, then cleared.
    engine.verify_scope = True
    assert engine.sync().verified
    assert not engine.verify_scope
    assert not engine.sync().verified


def test_scope_repair_removes_what_left_but_keeps_rows_with_unsent_edits(
    world: FakeWorld, synced_cache: Cache
) -> None:
    room = world.room
    other_note = uuid.uuid4()
    world.server.write(
        "pupil_note",
        other_note,
        pupil_id=room.pupils[1],
        activity_id=room.activity,
        category="talk",
        body="Samtal med Axel",
    )
    world.engine(synced_cache).sync()
    assert row_of(synced_cache, "pupil_note", other_note) is not None
    with synced_cache.begin() as conn:
        save_record(conn, "pupil_note", room.note, {"body": "Ändrad offline"}, actor=ME)
    # Both notes and a pupil leave the teacher's scope; the feed only says so.
    world.server.hidden |= {
        ("pupil_note", other_note),
        ("pupil_note", room.note),
        ("person", room.pupils[2]),
    }
    world.server.script[("pupil_note", room.note)] = lambda op, stored: (
        "rejected",
        "record out of the caller's scope",
        None,
    )
    world.server.scope_changed_once = True
    report = world.engine(synced_cache).sync()
    assert report.scope_changed
    assert report.verified
    assert report.rows_removed == 2
    assert row_of(synced_cache, "pupil_note", other_note) is None
    assert row_of(synced_cache, "person", room.pupils[2]) is None
    kept = row_of(synced_cache, "pupil_note", room.note)
    assert kept is not None
    assert kept["body"] == "Ändrad offline"
    assert not _state(synced_cache)["scope_changed"]


def test_a_record_made_here_leaves_with_the_scope_before_it_was_pulled_back(
    world: FakeWorld, synced_cache: Cache
) -> None:
    """Found by the sync simulation: a note created here and applied by the
    server, which then left the teacher's scope before a pull brought it
    back, kept seq 0 in the cache; the check only looked at seq > 0 and the
    note stayed on the teacher's computer for good."""
    room = world.room
    note = uuid.uuid4()
    with synced_cache.begin() as conn:
        save_record(
            conn,
            "pupil_note",
            note,
            {
                "pupil_id": room.pupils[1],
                "activity_id": room.activity,
                "category": "talk",
                "body": "Ny",
            },
            actor=ME,
        )
    world.engine(synced_cache).run_steps([PushOutbox()])  # applied; no pull yet
    made_here = row_of(synced_cache, "pupil_note", note)
    assert made_here is not None
    assert made_here["seq"] == 0
    world.server.hidden.add(("pupil_note", note))
    world.server.scope_changed_once = True
    report = world.engine(synced_cache).sync()
    assert report.verified
    assert report.rows_removed == 1
    assert row_of(synced_cache, "pupil_note", note) is None


def test_a_default_that_yielded_leaves_with_the_scope(
    world: FakeWorld, synced_cache: Cache
) -> None:
    """Found by the sync simulation: "everyone present" on a computer that had
    not seen a colleague's mark yields on the server ("merged"), but the
    cache kept the default as a row with seq 0 and no op, which the check
    ignored: when the pupil then left the teacher's scope, the row stayed on
    the computer for good, showing a mark the server never had."""
    room = world.room
    pupil = room.pupils[2]
    record = ids.attendance_id(room.lesson, pupil)
    world.server.write(
        "attendance",
        record,
        lesson_id=room.lesson,
        pupil_id=pupil,
        activity_id=room.activity,
        status="absent",
    )
    world.server.hidden.add(("attendance", record))  # not pulled yet
    with synced_cache.begin() as conn:
        values = {"lesson_id": room.lesson, "pupil_id": pupil, "activity_id": room.activity}
        save_record(
            conn, "attendance", record, {**values, "status": "present"}, actor=ME, weak=True
        )
    world.server.script[("attendance", record)] = lambda op, stored: ("merged", None, None)
    world.engine(synced_cache).run_steps([PushOutbox()])
    shown = row_of(synced_cache, "attendance", record)
    assert shown is not None
    assert (shown["status"], shown["seq"]) == ("present", 0)
    # The pupil leaves the group: nothing of theirs may stay.
    world.server.hidden.add(("person", pupil))
    world.server.scope_changed_once = True
    report = world.engine(synced_cache).sync()
    assert report.verified
    assert row_of(synced_cache, "person", pupil) is None
    assert row_of(synced_cache, "attendance", record) is None


def test_missing_and_stale_rows_are_fetched(world: FakeWorld, synced_cache: Cache) -> None:
    room = world.room
    # A record the feed will never bring again: it entered the scope at a
    # seq the cursor has passed.
    arrived = uuid.uuid4()
    world.server.hidden.add(("pupil_note", arrived))
    world.server.write(
        "pupil_note",
        arrived,
        pupil_id=room.pupils[1],
        activity_id=room.activity,
        category="talk",
        body="Ny i gruppen",
    )
    world.engine(synced_cache).pull()
    world.server.hidden.clear()
    table = synced["assessment"]
    with synced_cache.begin() as conn:
        conn.execute(
            update(table).where(table.c.id == room.assessment).values(seq=1, title="Gammal")
        )
    report = world.engine(synced_cache, verify_scope=True).sync()
    assert report.parts_mismatched == 2
    assert report.rows_fetched == 2
    fetched = row_of(synced_cache, "pupil_note", arrived)
    assert fetched is not None
    assert fetched["body"] == "Ny i gruppen"
    stale = row_of(synced_cache, "assessment", room.assessment)
    assert stale is not None
    assert stale["title"] == "Prov 1"
    world.http.requests.clear()
    assert world.engine(synced_cache, verify_scope=True).sync().parts_mismatched == 0


def test_a_cancelled_check_is_run_again_next_time(
    world: FakeWorld, synced_cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.server.hidden.add(("person", world.room.pupils[2]))
    world.server.scope_changed_once = True
    calls: list[str] = []
    real = verify.VerifyScope._repair

    def cancel_after_repair(self: verify.VerifyScope, run: object, kind: str, part: object) -> None:
        real(self, run, kind, part)  # type: ignore[arg-type]
        calls.append(kind)

    monkeypatch.setattr(verify.VerifyScope, "_repair", cancel_after_repair)
    report = world.engine(synced_cache).sync(cancelled=lambda: bool(calls))
    assert report.cancelled
    assert not report.verified
    assert _state(synced_cache)["scope_changed"]
    assert world.engine(synced_cache).sync().verified
    assert not _state(synced_cache)["scope_changed"]

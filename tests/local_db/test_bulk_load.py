"""A first sync fills an empty cache with the synced tables' indexes off and
builds them when it ends, however it ends; a cache left without them (the
app killed mid-way) gets them back when it is opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from local_db.bulk_load import drop_secondary_indexes, missing_secondary_indexes
from local_db.cache import Cache, open_cache
from local_db.sync.errors import ProtocolError
from local_db.sync.pull import PullChanges
from tests.local_db.sync_fixtures import FakeWorld, world

__all__ = ["world"]


def _missing(cache: Cache) -> list[str]:
    with cache.connect() as conn:
        return sorted(str(index.name) for index in missing_secondary_indexes(conn))


def test_a_first_sync_writes_without_indexes_and_builds_them_after(
    world: FakeWorld, cache: Cache
) -> None:
    during: list[list[str]] = []
    report = world.engine(cache).pull(progress=lambda done, total: during.append(_missing(cache)))
    assert report.records_applied > 0
    assert during
    assert all(during), "the pages were written with the indexes off"
    assert "ix_attendance_lesson_id" in during[0]
    assert _missing(cache) == []


def test_a_later_sync_keeps_the_indexes(world: FakeWorld, cache: Cache) -> None:
    world.engine(cache).pull()
    world.server.write(
        "pupil_note",
        world.room.note,
        pupil_id=world.room.pupils[0],
        activity_id=world.room.activity,
        category="observation",
        body="Läser mycket",
    )
    during: list[list[str]] = []
    report = world.engine(cache).pull(progress=lambda done, total: during.append(_missing(cache)))
    assert report.records_applied == 1
    assert during == [[]]


def test_a_cancelled_first_sync_builds_them_too(world: FakeWorld, cache: Cache) -> None:
    seen: list[int] = []
    report = world.engine(cache).pull(
        progress=lambda done, total: seen.append(done), cancelled=lambda: bool(seen)
    )
    assert report.cancelled or report.pages == 1
    assert _missing(cache) == []


def test_a_failed_first_sync_builds_them_too(
    world: FakeWorld, cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: PullChanges, run: object, cursor: object, limit: int) -> object:
        raise ProtocolError("the server's answer could not be read")

    monkeypatch.setattr(PullChanges, "_fetch", refuse)
    with pytest.raises(ProtocolError):
        world.engine(cache).pull()
    assert _missing(cache) == []


def test_a_cache_left_without_indexes_gets_them_back_when_opened(
    cache_path: Path, key: bytes
) -> None:
    cache = open_cache(cache_path, key)
    with cache.begin() as conn:
        drop_secondary_indexes(conn)
    assert "ix_lesson_start_time" in _missing(cache)
    cache.close()
    reopened = open_cache(cache_path, key)
    assert _missing(reopened) == []
    reopened.close()

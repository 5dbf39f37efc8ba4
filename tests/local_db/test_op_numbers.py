"""Op numbers identify a change to the server for ever (push idempotency is
keyed on client id + op number). If an emptied outbox handed out a number
again, the server would answer the new change with the stored result of an
old one and the change would be lost without a word."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import delete, select, text

from local_db.cache import Cache, open_cache
from local_db.edits import save_record
from local_db.schema import outbox


def _note(cache: Cache) -> int:
    with cache.begin() as conn:
        save_record(
            conn,
            "pupil_note",
            uuid.uuid4(),
            {
                "pupil_id": uuid.uuid4(),
                "activity_id": uuid.uuid4(),
                "category": "observation",
                "body": "Arbetade fokuserat.",
            },
            actor=None,
        )
        return int(conn.scalar(select(outbox.c.op).order_by(outbox.c.op.desc()).limit(1)))


def test_numbers_are_never_reused_after_the_outbox_empties(cache: Cache) -> None:
    first = _note(cache)
    with cache.begin() as conn:  # the server acknowledged everything
        conn.execute(delete(outbox))
    assert _note(cache) > first


def test_numbers_survive_a_restart_with_an_empty_outbox(cache_path: Path, key: bytes) -> None:
    cache = open_cache(cache_path, key)
    first = _note(cache)
    with cache.begin() as conn:
        conn.execute(delete(outbox))
    cache.close()
    cache = open_cache(cache_path, key)
    try:
        assert _note(cache) > first
    finally:
        cache.close()


def test_every_migration_keeps_the_outbox_autoincrement(cache: Cache) -> None:
    # Alembic's batch mode rebuilds a SQLite table without AUTOINCREMENT.
    with cache.connect() as conn:
        sql = conn.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'outbox'"))
    assert "AUTOINCREMENT" in str(sql).upper()

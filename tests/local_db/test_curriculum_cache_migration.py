"""Cache migration 0008 (issue 11): a matrix made before the catalogue reads
as it did, with no source; the catalogue's tables are there, empty."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import func, select, text

from local_db.cache import backups_of, open_cache
from local_db.schema import synced
from tests.local_db.test_cache_migrations import _connect, _make_cache_at


def test_a_matrix_from_before_the_catalogue_reads_as_it_did(cache_path: Path, key: bytes) -> None:
    _make_cache_at(cache_path, key, "0007")
    matrix, activity = uuid.uuid4().hex, uuid.uuid4().hex
    conn = _connect(cache_path, key)
    try:
        conn.execute(
            "INSERT INTO criteria_matrix (id, seq, deleted, activity_id, title, subject, "
            f"year_band, criteria) VALUES ('{matrix}', 4, 0, '{activity}', 'Problemlösning', "
            "'Matematik', '7-9', '[]')"
        )
        conn.commit()
    finally:
        conn.close()
    cache = open_cache(cache_path, key)
    with cache.connect() as conn:
        row = conn.execute(
            text("SELECT title, source_subject, source_version, value_words FROM criteria_matrix")
        ).one()
        counts = [
            conn.execute(select(func.count()).select_from(synced[kind])).scalar_one()
            for kind in ("curriculum_subject", "curriculum_item")
        ]
    cache.close()
    assert tuple(row) == ("Problemlösning", None, None, "")
    assert counts == [0, 0]
    [backup] = backups_of(cache_path)
    assert backup.name.startswith("cache.db.bak-0007-")

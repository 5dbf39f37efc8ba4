"""Cache migration 0010 (issue 11, item 7): a cache from 0009 gets the search
index, filled from the rows it already holds (a row marked deleted left
out); the cache took its backup first, and the triggers keep the index
current after."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import text

from local_db.cache import backups_of, open_cache
from local_db.search import search
from local_db.search.views import NOTE, PUPIL, UNIT
from tests.local_db.test_cache_migrations import _connect, _make_cache_at


def test_a_cache_from_0009_is_indexed_with_what_it_holds(cache_path: Path, key: bytes) -> None:
    _make_cache_at(cache_path, key, "0009")  # 7A with Åke Öst and Bea Berg
    unit, gone, note, activity = (uuid.uuid4().hex for _ in range(4))
    conn = _connect(cache_path, key)
    try:
        pupil = conn.execute("SELECT id FROM person WHERE given_name = 'Åke'").fetchone()[0]
        for ident, title, deleted in ((unit, "Bråk och procent", 0), (gone, "Bråkdelar", 1)):
            conn.execute(
                "INSERT INTO planning_unit (id, seq, deleted, activity_id, title, aims, "
                "central_content, assessment_criteria, curriculum) VALUES "
                f"('{ident}', 3, {deleted}, '{activity}', '{title}', 'Förstå bråktal', '', '', '')"
            )
        conn.execute(
            "INSERT INTO pupil_note (id, seq, deleted, pupil_id, category, body) VALUES "
            f"('{note}', 4, 0, '{pupil}', 'observation', 'Åke läste högt')"
        )
        conn.commit()
    finally:
        conn.close()
    cache = open_cache(cache_path, key)
    with cache.connect() as conn:
        found = [(hit.kind, hit.record_id.hex) for hit in search(conn, "bråk", None).hits]
        people = [(hit.kind, hit.title) for hit in search(conn, "åke", None).hits]
    assert found == [(UNIT, unit)]
    assert people == [(PUPIL, "Åke Öst"), (NOTE, "Åke Öst")]
    with cache.begin() as conn:
        conn.execute(text("UPDATE pupil_note SET body = 'Åke räknade tyst'"))
    with cache.connect() as conn:
        assert [h.kind for h in search(conn, "räknade", None).hits] == [NOTE]
        assert search(conn, "högt", None).hits == ()
    cache.close()
    [backup] = backups_of(cache_path)
    assert backup.name.startswith("cache.db.bak-0009-")

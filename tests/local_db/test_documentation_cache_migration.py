"""Cache migration 0007 (issue 11): a note pulled before visibilities reads
as visible to the pupil's teachers, dated the day it was made; afterwards the
cache takes notes without an activity, extra anpassningar and åtgärdsprogram
references, and the app reads them."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from sqlalchemy import insert, text

from local_db.cache import backups_of, open_cache
from local_db.documentation import pupil_documentation
from local_db.schema import synced
from tests.local_db.test_cache_migrations import _connect, _make_cache_at


def test_a_note_from_before_visibilities_reads_as_it_did(cache_path: Path, key: bytes) -> None:
    _make_cache_at(cache_path, key, "0006")
    note, activity, pupil, author = (uuid.uuid4() for _ in range(4))
    conn = _connect(cache_path, key)
    try:
        conn.execute(
            "INSERT INTO pupil_note (id, seq, deleted, pupil_id, activity_id, category, body, "
            f"created_by, created_at) VALUES ('{note.hex}', 1, 0, '{pupil.hex}', "
            f"'{activity.hex}', 'observation', 'Läser bra', '{author.hex}', "
            "'2026-09-14 12:00:00.000000')"
        )
        conn.commit()
    finally:
        conn.close()
    cache = open_cache(cache_path, key)
    try:
        with cache.connect() as conn:
            [found] = pupil_documentation(conn, pupil, author).notes
            row = conn.execute(text("SELECT visibility, note_date, term FROM pupil_note")).one()
        assert tuple(row) == (None, None, None)
        assert (found.visibility, found.note_date, found.body, found.mine) == (
            "teachers",
            dt.date(2026, 9, 14),
            "Läser bra",
            True,
        )
        with cache.begin() as conn:
            conn.execute(
                insert(synced["pupil_note"]).values(
                    id=uuid.uuid4(), seq=2, deleted=False, pupil_id=pupil, activity_id=None,
                    category="talk", body="Samtal", visibility="mentors",
                    note_date=dt.date(2026, 10, 1), term="HT2026",
                )
            )  # fmt: skip
            conn.execute(
                insert(synced["support_adjustment"]).values(
                    id=uuid.uuid4(), seq=3, deleted=False, pupil_id=pupil, what="Extra tid",
                    evaluation="",
                )
            )  # fmt: skip
            conn.execute(
                insert(synced["action_programme_ref"]).values(
                    id=uuid.uuid4(), seq=4, deleted=False, pupil_id=pupil, decided_by="Rektor",
                    document_location="Elevhälsans akt",
                )
            )  # fmt: skip
        with cache.connect() as conn:
            found_all = pupil_documentation(conn, pupil, author)
        assert [n.visibility for n in found_all.notes] == ["mentors", "teachers"]
        assert [a.what for a in found_all.adjustments] == ["Extra tid"]
        assert [p.document_location for p in found_all.programmes] == ["Elevhälsans akt"]
    finally:
        cache.close()
    [backup] = backups_of(cache_path)
    assert backup.name.startswith("cache.db.bak-0006-")

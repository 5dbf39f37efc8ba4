"""Cache migration 0009 (issue 11): a unit and a lesson plan made before
read as they did: the unit a draft with no catalogue picks, the plan with
no links; the cache took its backup first."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import text

from local_db.cache import backups_of, open_cache
from tests.local_db.test_cache_migrations import _connect, _make_cache_at


def test_a_unit_and_a_plan_from_before_read_as_they_did(cache_path: Path, key: bytes) -> None:
    _make_cache_at(cache_path, key, "0008")
    unit, plan, lesson, activity = (uuid.uuid4().hex for _ in range(4))
    conn = _connect(cache_path, key)
    try:
        conn.execute(
            "INSERT INTO planning_unit (id, seq, deleted, activity_id, title, aims, "
            f"central_content, assessment_criteria) VALUES ('{unit}', 3, 0, '{activity}', "
            "'Bråk', 'Förstå bråk', 'Tal', 'Prov')"
        )
        conn.execute(
            "INSERT INTO lesson_plan (id, seq, deleted, lesson_id, activity_id, "
            f"planning_unit_id, content, homework) VALUES ('{plan}', 4, 0, '{lesson}', "
            f"'{activity}', '{unit}', 'Introduktion', 'Läs s. 4')"
        )
        conn.commit()
    finally:
        conn.close()
    cache = open_cache(cache_path, key)
    with cache.connect() as conn:
        unit_row = conn.execute(
            text("SELECT title, aims, curriculum, status FROM planning_unit")
        ).one()
        plan_row = conn.execute(text("SELECT content, homework, links FROM lesson_plan")).one()
    cache.close()
    assert tuple(unit_row) == ("Bråk", "Förstå bråk", "", None)
    assert tuple(plan_row) == ("Introduktion", "Läs s. 4", "")
    [backup] = backups_of(cache_path)
    assert backup.name.startswith("cache.db.bak-0008-")

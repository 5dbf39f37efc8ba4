"""The catalogue's cache table is ready for full-text search (a later piece):
an FTS5 index over `text`, with the rows' own rowids as its content, finds
items by words the syllabus wrote with soft hyphens."""

from __future__ import annotations

from sqlalchemy import text

from local_db.cache import Cache
from tests.local_db.records import RecordBuilder
from tests.support.catalogue_files import subject_file
from tests.support.catalogue_records import add_subject


def test_an_fts5_index_over_item_text_needs_no_cleaning(cache: Cache) -> None:
    data = RecordBuilder()
    add_subject(data, subject_file(version=1))
    data.apply_to(cache)
    with cache.begin() as conn:
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE search_probe USING fts5("
                "text, content='curriculum_item', content_rowid='rowid')"
            )
        )
        conn.execute(text("INSERT INTO search_probe(search_probe) VALUES ('rebuild')"))
        found = conn.execute(
            text(
                "SELECT i.year, i.grade_step, i.position FROM search_probe "
                "JOIN curriculum_item i ON i.rowid = search_probe.rowid "
                "WHERE search_probe MATCH 'problemlösningar AND välutvecklade' "
                "ORDER BY i.year, i.position"
            )
        ).all()
        conn.execute(text("DROP TABLE search_probe"))
    assert [tuple(row) for row in found] == [
        ("6", "A", 1), ("6", "A", 2), ("6", "A", 3), ("9", "A", 1), ("9", "A", 2), ("9", "A", 3),
    ]  # fmt: skip

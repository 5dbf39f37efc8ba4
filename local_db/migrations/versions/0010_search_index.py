"""Offline search: an FTS5 index over the cache's texts, kept current by triggers.

Issue 11, item 7 (the cache's own; the server has no counterpart). The cache
takes its backup before this runs, as before every migration
(local_db.cache).

`search_key` gives each indexed record a small integer (the FTS5 rowid): the
synced tables' own rowids are not stable (VACUUM and batch-mode rebuilds may
renumber a table without an INTEGER PRIMARY KEY), their ids are UUIDs.
`search_index` is an FTS5 table with its own copy of the text (snippets need
it) in two columns: a short `title` and a longer `body`.

Tokenizer `unicode61 remove_diacritics 0`: case folds (Å = å), but å, ä and ö
stay letters of their own (remove_diacritics 1 or 2 would make "får" find
"far"). Prefix indexes of 2 and 3 characters make as-you-type prefix queries
(`bråk*`) cheap (a third, of 1 character, cost more on the pull than it
saved; one letter searches only the titles, local_db.search.query). See docs/search.md.

Triggers on each indexed table: an insert adds the row (unless it is marked
deleted), an update of an indexed column or of `deleted` replaces it (a
deleted flag set true leaves it out), a delete removes it. Existing rows are
indexed here.

Frozen: the SQL is spelled out, so later changes to shared code cannot change
what this revision creates. A later revision that rebuilds one of these
tables (batch mode) drops its triggers and must create them again.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: Each indexed table: (title expression, body expression), over `new.` columns.
_NL = "char(10)"
_SOURCES: dict[str, tuple[str, str]] = {
    "planning_unit": (
        "new.title",
        f"new.aims || {_NL} || new.central_content || {_NL} || new.assessment_criteria",
    ),
    "lesson_plan": ("''", f"new.content || {_NL} || new.homework"),
    "pupil_note": ("''", "new.body"),
    "support_adjustment": ("new.what", "new.evaluation"),
    "curriculum_item": ("new.heading", "new.text"),
    "person": ("new.given_name || ' ' || new.family_name", "''"),
}
#: The columns whose change re-indexes a row.
_WATCHED: dict[str, tuple[str, ...]] = {
    "planning_unit": ("title", "aims", "central_content", "assessment_criteria"),
    "lesson_plan": ("content", "homework"),
    "pupil_note": ("body",),
    "support_adjustment": ("what", "evaluation"),
    "curriculum_item": ("heading", "text"),
    "person": ("given_name", "family_name"),
}


def _key_of(kind: str, record: str) -> str:
    return f"(SELECT id FROM search_key WHERE kind = '{kind}' AND record_id = {record}.id)"


def _triggers(kind: str) -> list[str]:
    """A key row exists exactly when the record is in the index: the insert
    trigger can then take the new key's rowid without looking it up."""
    title, body = _SOURCES[kind]
    watched = ", ".join((*_WATCHED[kind], "deleted"))
    remove = (
        f"DELETE FROM search_index WHERE rowid = {_key_of(kind, 'old')}; "
        f"DELETE FROM search_key WHERE kind = '{kind}' AND record_id = old.id;"
    )
    add = (
        f"INSERT INTO search_key (kind, record_id) SELECT '{kind}', new.id WHERE new.deleted = 0; "
        f"INSERT INTO search_index (rowid, title, body) "
        f"SELECT last_insert_rowid(), {title}, {body} WHERE new.deleted = 0;"
    )
    return [
        f"CREATE TRIGGER search_{kind}_insert AFTER INSERT ON {kind} "
        f"WHEN new.deleted = 0 BEGIN {add} END",
        f"CREATE TRIGGER search_{kind}_update AFTER UPDATE OF {watched} ON {kind} "
        f"BEGIN {remove} {add} END",
        f"CREATE TRIGGER search_{kind}_delete AFTER DELETE ON {kind} BEGIN {remove} END",
    ]


def upgrade() -> None:
    op.execute(
        "CREATE TABLE search_key ("
        "id INTEGER NOT NULL, kind VARCHAR(40) NOT NULL, record_id CHAR(32) NOT NULL, "
        "CONSTRAINT pk_search_key PRIMARY KEY (id), "
        "CONSTRAINT uq_search_key_kind UNIQUE (kind, record_id))"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5(title, body, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
    )
    # `ORDER BY rank` with the ranking set here lets FTS5 hand the rows over
    # in order: SQLite stops at the limit and makes snippets only for those.
    op.execute(
        "INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(4.0, 1.0)')"
    )
    for kind, (title, body) in _SOURCES.items():
        for trigger in _triggers(kind):
            op.execute(trigger)
        # The rows already here, as the insert trigger would have added them.
        op.execute(
            f"INSERT INTO search_key (kind, record_id) "
            f"SELECT '{kind}', id FROM {kind} WHERE deleted = 0"
        )
        op.execute(
            f"INSERT INTO search_index (rowid, title, body) "
            f"SELECT k.id, {title}, {body} FROM {kind} AS new "
            f"JOIN search_key AS k ON k.kind = '{kind}' AND k.record_id = new.id "
            f"WHERE new.deleted = 0"
        )


def downgrade() -> None:
    for kind in _SOURCES:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS search_{kind}_{action}")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute("DROP TABLE IF EXISTS search_key")

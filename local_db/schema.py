"""The cache's tables, as the code of this build sees them.

Synced kinds are built from the entity registry with the same column types
as the server (sync_protocol.sql_columns). The migrations under
local_db/migrations/versions are frozen copies of this: a test compares a
migrated cache with these tables, so a registry change without a cache
migration fails the build instead of a teacher's start-up.

No foreign keys between synced tables: the cache holds a scoped slice, so a
row may point at one outside it (an activity's second group, taught by
someone else) and pages may bring a child before its parent.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)

from sync_protocol.entities import REGISTRY
from sync_protocol.sql_columns import UtcDateTime, build_table

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

#: One table per registry kind, named after the kind. The client never keeps
#: tombstones: a deleted record's row is removed.
synced = {kind: build_table(metadata, spec, index_seq=False) for kind, spec in REGISTRY.items()}

#: Where the pull stands. Exactly one row (id = 1), made by the first migration.
sync_state = Table(
    "sync_state",
    metadata,
    Column("id", Integer(), primary_key=True),
    # Opaque, from the server; NULL = pull from the start.
    Column("cursor", Text(), nullable=True),
    # The server said the teacher's scope changed; the repair step clears it.
    Column("scope_changed", Boolean(), nullable=False, default=False),
    Column("scope_changed_at", UtcDateTime(), nullable=True),
    # A pull started / the last page was applied / a pull reached the end.
    Column("last_attempt_at", UtcDateTime(), nullable=True),
    Column("last_page_at", UtcDateTime(), nullable=True),
    Column("last_sync_at", UtcDateTime(), nullable=True),
    Column("has_synced_once", Boolean(), nullable=False, default=False),
    # As the server stated them on the last page applied.
    Column("server_time", UtcDateTime(), nullable=True),
    Column("server_hlc", String(100), nullable=True),
    # --- two-way sync (revision 0003) ---
    # This cache's id towards the server: with an outbox op number it is the
    # op's id, and it is the node of the cache's hybrid clock. Random, made
    # once per cache (a wiped or set-aside cache gets a new one).
    Column("client_id", String(64), nullable=True),
    # The clock's last stamp, so it never goes backwards across restarts.
    Column("last_hlc", String(100), nullable=True),
    # When the divergence check last completed.
    Column("last_verified_at", UtcDateTime(), nullable=True),
    # The server's last word on this computer's clock (None: fine) and when
    # the last push got an answer.
    Column("clock_warning", Text(), nullable=True),
    Column("last_push_at", UtcDateTime(), nullable=True),
    CheckConstraint("id = 1", name="single_row"),
)

#: The signed-in user the cache belongs to. Exactly one row or none.
identity = Table(
    "identity",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("user_id", Uuid(), nullable=False),
    Column("username", String(100), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("person_id", Uuid(), nullable=True),
    Column("school_id", Uuid(), nullable=True),
    Column("server_url", String(500), nullable=False),
    Column("signed_in_at", UtcDateTime(), nullable=True),
    CheckConstraint("id = 1", name="single_row"),
)

# --- indexes the repositories need (revision 0002) ---------------------------
# The week view reads lessons by start time.
Index("ix_lesson_start_time", synced["lesson"].c.start_time)
# Group lists count members on a day: group, then dates, from the index alone.
Index(
    "ix_group_membership_group_dates",
    synced["group_membership"].c.group_id,
    synced["group_membership"].c.start_date,
    synced["group_membership"].c.end_date,
    synced["group_membership"].c.person_id,
)


# --- two-way sync (revision 0003) ----------------------------------------------

#: Local edits not yet settled by the server, written in the same transaction
#: as the row they change (local_db.edits). `op` is the per-client op counter:
#: AUTOINCREMENT so a number is never reused, even after its op was deleted
#: (the server keeps each op's result by (client_id, op) forever).
outbox = Table(
    "outbox",
    metadata,
    Column("op", Integer(), primary_key=True, autoincrement=True),
    # Ops written in one local transaction share a txn and travel together.
    Column("txn", Integer(), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("record_id", Uuid(), nullable=False),
    Column("action", String(10), nullable=False),  # upsert | delete
    # Wire-encoded values of the changed fields (a create: all fields).
    Column("fields", JSON(), nullable=False),
    # {field: version the edit started from}; 0 = the server never had it.
    Column("base", JSON(), nullable=False),
    # {text-merged field: the server's text the edit started from}.
    Column("base_text", JSON(), nullable=False),
    # LATEST_WINS fields whose values were set at `hlc` (see edits.py: an
    # edit folds into this op only if the stamp stays true for them).
    Column("clock_fields", JSON(), nullable=False),
    Column("hlc", String(100), nullable=False),
    Column("schema_version", Integer(), nullable=False),
    Column("actor", Uuid(), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    # Set before the first send; from then on the op is never modified.
    Column("first_sent_at", UtcDateTime(), nullable=True),
    Column("attempts", Integer(), nullable=False, default=0),
    Column("last_error", String(200), nullable=True),
    Column("state", String(10), nullable=False, default="pending"),  # pending | rejected
    Column("reject_reason", Text(), nullable=True),
    Column("rejected_at", UtcDateTime(), nullable=True),
    # A default, not a teacher's choice (sync_protocol.wire.PushOp.weak).
    Column("weak", Boolean(), nullable=False, default=False, server_default=false()),
    CheckConstraint("action IN ('upsert', 'delete')", name="action"),
    CheckConstraint("state IN ('pending', 'rejected')", name="state"),
    sqlite_autoincrement=True,
)
Index("ix_outbox_record", outbox.c.kind, outbox.c.record_id)
Index("ix_outbox_txn", outbox.c.txn)

#: For each field with a local value the server has not settled yet: the
#: server's version and value the local value descends from (the base of
#: the next op on the field, and what to show again if the edit is
#: discarded), and the server's latest version and value pulled meanwhile
#: (shown once the edit is settled). One row per (record, field) while any
#: pending or rejected op carries the field.
edit_base = Table(
    "edit_base",
    metadata,
    Column("kind", String(40), nullable=False),
    Column("record_id", Uuid(), nullable=False),
    Column("field", String(60), nullable=False),
    Column("base_version", BigInteger(), nullable=False),
    Column("base_value", JSON(), nullable=True),
    Column("server_version", BigInteger(), nullable=True),
    Column("server_value", JSON(), nullable=True),
    PrimaryKeyConstraint("kind", "record_id", "field"),
)

#: A tombstone pulled for a record with unsettled local edits: the row stays
#: until the push result says what happened (a delete_vs_edit conflict).
held_tombstone = Table(
    "held_tombstone",
    metadata,
    Column("kind", String(40), nullable=False),
    Column("record_id", Uuid(), nullable=False),
    Column("seq", BigInteger(), nullable=False),
    PrimaryKeyConstraint("kind", "record_id"),
)

#: Conflict notices already shown to the teacher (a toast once, not at every start).
notice_seen = Table(
    "notice_seen",
    metadata,
    Column("conflict_id", Uuid(), primary_key=True),
    Column("seen_at", UtcDateTime(), nullable=False),
)


# --- offline search (revision 0010) ---------------------------------------------

#: A small, stable number for each indexed record: the rowid of its row in
#: the FTS5 table `search_index` (made and kept current by triggers, see
#: local_db/migrations/versions/0010_search_index.py and local_db.search).
#: The virtual table itself cannot be declared here; SEARCH_TABLES names it
#: and its shadow tables.
search_key = Table(
    "search_key",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("record_id", Uuid(), nullable=False),
    UniqueConstraint("kind", "record_id"),
)

#: The FTS5 table and the shadow tables SQLite keeps for it.
SEARCH_TABLES = frozenset(
    f"search_index{suffix}" for suffix in ("", "_data", "_idx", "_content", "_docsize", "_config")
)

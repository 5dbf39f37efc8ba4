"""The synced tables' secondary indexes are off while a first sync fills an
empty cache.

Inserting a row updates every index of its table at once, at a random place
in each B-tree (ids and references are random UUIDs), and SQLCipher
encrypts each page it touches again. Building an index after the rows are
in sorts them once. For 100,000 attendance rows the inserts with four
reference indexes took 3.5-4.4 s against 2.2-2.4 s for the inserts and
building the same indexes after (`bench/`, docs/benchmarks.md).

Only a pull that starts from an empty cursor into an empty cache drops
them (local_db.sync.pull), and it builds them again when it ends, however
it ends. A process killed in between leaves them missing: open_cache
builds any missing index before the app reads anything.
"""

from __future__ import annotations

from sqlalchemy import Connection, Index, text
from sqlalchemy.schema import CreateIndex

from local_db.schema import synced


def secondary_indexes() -> list[Index]:
    """Every index of the synced tables (their primary keys are not indexes here)."""
    return sorted(
        (index for table in synced.values() for index in table.indexes),
        key=lambda index: str(index.name),
    )


def drop_secondary_indexes(conn: Connection) -> None:
    for index in secondary_indexes():
        conn.execute(text(f'DROP INDEX IF EXISTS "{index.name}"'))


def missing_secondary_indexes(conn: Connection) -> list[Index]:
    present = set(
        conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars()
    )
    return [index for index in secondary_indexes() if index.name not in present]


def ensure_secondary_indexes(conn: Connection) -> int:
    """Build the indexes that are missing; returns how many were."""
    missing = missing_secondary_indexes(conn)
    for index in missing:
        conn.execute(CreateIndex(index))
    return len(missing)

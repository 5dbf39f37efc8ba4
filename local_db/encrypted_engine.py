"""SQLAlchemy engines over SQLCipher-encrypted SQLite files.

The key is a raw 256-bit key (`PRAGMA key = "x'...'"`), so opening runs no
slow key derivation: the key is already random. SQLAlchemy's own pysqlcipher
dialect takes a passphrase from the URL; we use the plain SQLite dialect with
sqlcipher3 as its DBAPI module and a `creator`, so the key never appears in a
URL, an echo log or an error message.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool, StaticPool

log = logging.getLogger(__name__)

KEY_BYTES = 32
BUSY_TIMEOUT_MS = 10_000
MEMORY = ":memory:"
#: Page cache per connection; a teacher's year is 10-30 MB on disk.
PAGE_CACHE_KIB = 32 * 1024

#: The page size of caches made from now on. A first sync writes 100,000
#: rows; SQLCipher's work per page (a MAC and an IV each, more B-tree
#: splits) made the same inserts take about 1.4 times as long with 4 KiB
#: pages (bench: docs/benchmarks.md).
PAGE_SIZE = 16384
#: SQLCipher's default, which caches made before have; they keep it.
LEGACY_PAGE_SIZE = 4096
#: The sizes a cache file may have, in the order open_cache tries them. The
#: size is not stored in the clear, and a wrong one fails the first page's
#: MAC as a wrong key would.
PAGE_SIZES = (PAGE_SIZE, LEGACY_PAGE_SIZE)

#: sqlcipher3's DB-API module; its errors are what SQLAlchemy wraps.
dbapi: Any = sqlcipher3.dbapi2


def check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError(f"a cache key is {KEY_BYTES} random bytes")


def raw_connect(path: Path | None, key: bytes, page_size: int = PAGE_SIZE) -> Any:
    """A keyed sqlcipher3 connection in autocommit mode (we issue BEGIN)."""
    check_key(key)
    target = MEMORY if path is None else str(path)
    conn = dbapi.connect(
        target, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        cursor = conn.cursor()
        # SQLCipher writes "ERROR CORE ... hmac check failed" to stderr on a
        # wrong key; we report that ourselves, in words. The level is
        # process-wide and must be set before the key.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        cursor.execute(f"PRAGMA cipher_page_size = {int(page_size)}")
        cursor.close()
    except BaseException:
        conn.close()
        raise
    return conn


def apply_session_pragmas(conn: Any, *, in_memory: bool) -> None:
    """Per-connection settings; call after the key has been verified."""
    cursor = conn.cursor()
    if not in_memory:
        cursor.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL: a power cut loses at most the last transactions, never
        # the file; a full fsync per roll-call click would be felt.
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # SQLCipher decrypts a page each time it enters the page cache; the
    # default 2 MB cache re-decrypts a year's lessons on every week view.
    cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    # Temporary tables and sort spills stay in memory, never on disk.
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(path: Path | None, key: bytes, page_size: int = PAGE_SIZE) -> Engine:
    """An engine whose every connection is keyed; None = in memory.

    In memory, all work shares one connection (StaticPool), so the data
    lives exactly as long as the engine. Use it from one thread at a time.
    """
    check_key(key)
    in_memory = path is None

    def creator() -> Any:
        conn = raw_connect(path, key, page_size)
        apply_session_pragmas(conn, in_memory=in_memory)
        return conn

    engine = create_engine(
        "sqlite://",
        module=dbapi,
        creator=creator,
        poolclass=StaticPool if in_memory else QueuePool,
        **({} if in_memory else {"pool_size": 4, "max_overflow": 4}),
    )
    event.listen(engine, "begin", _begin)
    return engine


def _begin(conn: Connection) -> None:
    # A writer takes the write lock at BEGIN, so two writers queue on the
    # busy timeout instead of one failing when it upgrades a read lock.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

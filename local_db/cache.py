"""Opening the encrypted cache: verify the key, migrate, hand out connections.

    cache = open_cache(profile.cache_path(base_dir), keystore.cache_key(profile_id))
    with cache.connect() as conn:          # reads
        groups = groups_for_teacher(conn, me, today)
    with cache.begin() as conn:            # one write transaction
        set_identity(conn, identity)

A file is never deleted or changed because it could not be opened: it may
hold a teacher's unsent edits. Only `set_aside_cache` (the teacher chose to
start over) moves it, and only `wipe_cache` (sign out and remove) deletes.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy import exc as sa_exc

from local_db import migrations
from local_db.bulk_load import ensure_secondary_indexes, missing_secondary_indexes
from local_db.encrypted_engine import (
    PAGE_SIZE,
    PAGE_SIZES,
    check_key,
    dbapi,
    make_engine,
    raw_connect,
)
from local_db.errors import CacheError, CacheMigrationFailed, CacheTooNew, CacheUnreadable

__all__ = [
    "Cache",
    "CacheError",
    "CacheMigrationFailed",
    "CacheTooNew",
    "CacheUnreadable",
    "open_cache",
    "set_aside_cache",
    "wipe_cache",
]

log = logging.getLogger(__name__)

#: Backups made before migrations; older ones are pruned.
KEEP_BACKUPS = 3
_SIDECARS = ("-wal", "-shm", "-journal")
#: SQLite's words for "these bytes are not a database we can read".
_UNREADABLE_CODES = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})


class Cache:
    """An open cache, safe to use from several threads (the DB worker and the
    sync worker). On disk each `connect()`/`begin()` checks out a connection
    of its own and SQLite's locks order the writers. In memory there is one
    connection, so uses take turns; do not nest them in one thread."""

    def __init__(self, engine: Engine, path: Path | None, revision: str) -> None:
        self._engine = engine
        self.path = path
        self.revision = revision
        self._turns = threading.Lock() if path is None else None

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reads (SQLAlchemy autobegins; commit to write)."""
        with self._turn(), self._translate_damage(), self._engine.connect() as conn:
            yield conn

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One write transaction: committed on leaving, rolled back on error."""
        with self._turn(), self._translate_damage(), self._engine.connect() as conn:
            conn.info["write"] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info.pop("write", None)

    @contextmanager
    def _turn(self) -> Iterator[None]:
        if self._turns is None:
            yield
            return
        with self._turns:
            yield

    @contextmanager
    def _translate_damage(self) -> Iterator[None]:
        # Damage found after opening (a page that fails its check) is the
        # same situation for the teacher as damage found at open.
        try:
            yield
        except sa_exc.DatabaseError as exc:
            if getattr(exc.orig, "sqlite_errorname", None) in _UNREADABLE_CODES:
                raise CacheUnreadable(self.path, str(exc.orig)) from exc
            raise

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_cache(path: Path | None, key: bytes) -> Cache:
    """Open (or create) the cache at `path` with `key`; None = in memory.

    Raises CacheUnreadable (wrong key, damaged, not a Klassbok cache),
    CacheTooNew (written by a newer Klassbok; untouched) or
    CacheMigrationFailed (rolled back; the backup is named).
    """
    check_key(key)
    if path is None:
        return _open_in_memory(key)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    revision, page_size = _inspect(path, key)
    head = migrations.head_revision()
    backup: Path | None = None
    if revision is not None and revision != head:
        if revision not in migrations.known_revisions():
            raise CacheTooNew(path, revision)
        _check_integrity(path, key, page_size)
        backup = _backup(path, revision)
    engine = make_engine(path, key, page_size)
    if revision != head:
        _migrate(engine, path, backup)
    cache = Cache(engine, path, head)
    _rebuild_dropped_indexes(cache)
    return cache


def _rebuild_dropped_indexes(cache: Cache) -> None:
    """A first sync killed mid-way leaves its tables without their indexes
    (local_db.bulk_load); build them before anything reads."""
    with cache.connect() as conn:
        if not missing_secondary_indexes(conn):
            return
    with cache.begin() as conn:
        built = ensure_secondary_indexes(conn)
    log.warning("built %d cache indexes an interrupted first sync had left out", built)


def _open_in_memory(key: bytes) -> Cache:
    engine = make_engine(None, key)
    _migrate(engine, None, None)
    return Cache(engine, None, migrations.head_revision())


class _WrongPageSize(Exception):
    """The first page did not read back at this page size (or key)."""


def _inspect(path: Path, key: bytes) -> tuple[str | None, int]:
    """The file's revision (None for a new or empty file) and page size.
    Changes nothing."""
    if not path.exists() or path.stat().st_size == 0:
        return None, PAGE_SIZE
    first_failure = ""
    for page_size in PAGE_SIZES:
        try:
            return _revision(path, key, page_size), page_size
        except _WrongPageSize as exc:
            first_failure = first_failure or str(exc)
    # A wrong key reads as "file is not a database" at every size: SQLCipher
    # cannot tell a wrong key from damage, and neither can we.
    raise CacheUnreadable(path, first_failure)


def _revision(path: Path, key: bytes, page_size: int) -> str | None:
    try:
        conn = raw_connect(path, key, page_size)
    except dbapi.Error as exc:
        raise CacheUnreadable(path, f"open: {exc}") from None
    try:
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        except dbapi.Error as exc:
            raise _WrongPageSize(f"read: {exc}") from None
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise CacheUnreadable(path, "no alembic_version: not a Klassbok cache")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if len(rows) != 1 or not isinstance(rows[0][0], str):
            raise CacheUnreadable(path, f"alembic_version holds {len(rows)} rows")
        return str(rows[0][0])
    except dbapi.Error as exc:
        raise CacheUnreadable(path, f"read: {exc}") from None
    finally:
        conn.close()


def _check_integrity(path: Path, key: bytes, page_size: int) -> None:
    """Before a migration rewrites tables, make sure every page reads back."""
    conn = raw_connect(path, key, page_size)
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            raise CacheUnreadable(path, "quick_check: " + "; ".join(map(str, result[:5])))
        # Fold the write-ahead log into the file so the copy is complete.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except dbapi.Error as exc:
        raise CacheUnreadable(path, f"check: {exc}") from None
    finally:
        conn.close()


def _timestamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backups_of(path: Path) -> list[Path]:
    """Backups made before migrations, oldest first."""
    found = path.parent.glob(f"{path.name}.bak-*")
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _backup(path: Path, revision: str) -> Path:
    target = path.with_name(f"{path.name}.bak-{revision}-{_timestamp()}")
    shutil.copy2(path, target)
    for old in backups_of(path)[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    log.info("backed up the cache before migrating from %s: %s", revision, target.name)
    return target


def _migrate(engine: Engine, path: Path | None, backup: Path | None) -> None:
    try:
        with engine.connect() as conn:
            conn.info["write"] = True
            try:
                with conn.begin():
                    migrations.upgrade(conn)
            finally:
                conn.info.pop("write", None)
    except Exception as exc:
        engine.dispose()
        if path is None:
            raise
        log.exception("cache migration failed")
        raise CacheMigrationFailed(path, backup, repr(exc)) from exc


def set_aside_cache(path: Path) -> Path:
    """Move an unreadable cache out of the way (the teacher chose to start
    over) and return where it went. It is kept, never deleted: it may hold
    edits that never reached the server."""
    target = path.with_name(f"{path.name}.unreadable-{_timestamp()}")
    for suffix in _SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(target.with_name(target.name + suffix))
    path.rename(target)
    log.info("set the unreadable cache aside as %s", target.name)
    return target


def wipe_cache(path: Path) -> list[Path]:
    """Delete the cache, its journal files and its backups (sign out and
    remove this computer's copy). Close the Cache first. Returns what went."""
    removed: list[Path] = []
    candidates = [path, *(path.with_name(path.name + s) for s in _SIDECARS)]
    candidates.extend(backups_of(path) if path.parent.exists() else [])
    for candidate in candidates:
        if candidate.exists():
            candidate.unlink()
            removed.append(candidate)
    return removed

"""Backups of the server database, and restores from them.

SQLite: SQLite's online backup API, a consistent copy while the server runs
(the copy is a SQLite file). PostgreSQL: `pg_dump --format=custom` (the
server keeps running; the dump is one consistent snapshot) and
`pg_restore --clean --single-transaction` (all or nothing). The password of
a PostgreSQL URL goes to the tools in PGPASSWORD, never on a command line.

A restore takes the school back to the backup's moment. The apps notice
(their feed cursors are ahead of the restored data: server.services.sync.feed)
and download everything again, keeping what is still in their outboxes;
what was synced after the backup and is no longer in any outbox is gone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """What went wrong, in a sentence an administrator can act on."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    backend: str


def _backend(url: URL) -> str:
    name = url.get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of {name} databases are not supported")
    return name


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database).expanduser()


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment with it."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools of the server's "
            "major version (Debian/Ubuntu: apt-get install postgresql-client)."
        )
    return found


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    # The tool's path from shutil.which, every argument ours: no shell, no user text.
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{what} failed: {last}")


def backup(database_url: str, target: Path) -> BackupResult:
    """Write a backup of the database to `target` (replaced only when complete)."""
    url = make_url(database_url)
    backend = _backend(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    if backend == "sqlite":
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"there is no database file at {source}")
        with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(partial)) as copy:
            live.backup(copy)
    else:
        dsn, env = _libpq(url)
        _run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", dsn],
            env,
            "pg_dump",
        )
    os.replace(partial, target)
    return BackupResult(target, target.stat().st_size, backend)


def backup_kind(path: Path) -> str:
    """ "sqlite" or "postgresql", from the file's first bytes."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise BackupError(f"there is no backup file at {path}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a Klassbok backup (neither a SQLite file nor a pg_dump)")


def restore(database_url: str, source: Path) -> str:
    """Replace the database's contents with the backup's; returns the backend.

    The server must be stopped (SQLite) or have no traffic (PostgreSQL: the
    restore is one transaction, but requests during it would wait and then
    see the restored data under their feet)."""
    url = make_url(database_url)
    backend = _backend(url)
    kind = backup_kind(source)
    if kind != backend:
        raise BackupError(f"{source} is a {kind} backup; this database is {backend}")
    if backend == "sqlite":
        with closing(sqlite3.connect(source)) as backup_db:
            try:
                checked = backup_db.execute("PRAGMA integrity_check").fetchone()
            except sqlite3.DatabaseError:
                checked = None
            if checked != ("ok",):
                raise BackupError(f"{source} is damaged (SQLite's integrity check failed)")
            target = _sqlite_path(url)
            target.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(target)) as live:
                backup_db.backup(live)
        _new_generation(database_url)
        return backend
    dsn, env = _libpq(url)
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={dsn}",
            str(source),
        ],
        env,
        "pg_restore",
    )
    _new_generation(database_url)
    return backend


def _new_generation(database_url: str) -> None:
    """The restored data is a new life of it: cursors issued since the backup
    (same generation, higher or lower seqs) must not be trusted."""
    from server.db import make_engine, new_generation, write_transaction

    engine = make_engine(database_url)
    try:
        with write_transaction(engine) as conn:
            new_generation(conn)
    finally:
        engine.dispose()

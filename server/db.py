"""Engines, connections and the server-wide change sequence."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select, update
from sqlalchemy.engine import make_url

from server.tables import sync_counter


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for a SQLite file or a PostgreSQL URL (psycopg 3)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; take the write
        # lock at BEGIN so two writers queue instead of failing mid-way.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(parsed, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock at once."""
    with engine.connect() as conn:
        conn.info["write"] = True
        try:
            with conn.begin():
                yield conn
        finally:
            conn.info.pop("write", None)


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A consistent snapshot for reads that span several queries (the feed)."""
    with engine.connect() as raw:
        conn = (
            raw.execution_options(isolation_level="REPEATABLE READ")
            if engine.dialect.name == "postgresql"
            else raw
        )
        with conn.begin():
            yield conn


def allocate_seq(conn: Connection) -> int:
    """The sequence number for everything this transaction writes.

    Call once per transaction, before writing synced rows, and stamp every
    row with the result. The UPDATE locks the counter row until commit, so
    sequence numbers commit in order (PostgreSQL sequences would not: a later
    number can commit first, and a reader past it would never see the
    earlier one). Memoised per transaction on the connection.
    """
    cached = conn.info.get("seq")
    if cached is not None and conn.info.get("seq_txn") is conn.get_transaction():
        return int(cached)
    result = conn.execute(
        update(sync_counter)
        .where(sync_counter.c.id == 1)
        .values(value=sync_counter.c.value + 1)
        .returning(sync_counter.c.value)
    ).scalar_one()
    conn.info["seq"] = result
    conn.info["seq_txn"] = conn.get_transaction()
    return int(result)


def hold_counter(conn: Connection) -> None:
    """Take the counter row's lock without a new number, until commit.

    For a transaction that reads before it knows whether it will write (an
    import comparing files with rows, a retried request): every other writer
    waits, as for allocate_seq, but a transaction that ends up writing nothing
    uses up no sequence number. SQLite's BEGIN IMMEDIATE (write_transaction)
    already holds the whole database; PostgreSQL needs the row lock.
    """
    conn.execute(select(sync_counter.c.value).where(sync_counter.c.id == 1).with_for_update())


def next_seq(conn: Connection) -> int:
    """A fresh sequence number inside the same transaction.

    For bulk work (imports) that publishes one large transaction as several
    change-sets, so clients can page through it. Commit order is still kept:
    the counter row stays locked until this transaction commits.
    """
    conn.info.pop("seq", None)
    return allocate_seq(conn)


def counter_state(conn: Connection) -> tuple[int, str | None]:
    """The highest committed sequence number and the data's generation."""
    row = conn.execute(
        select(sync_counter.c.value, sync_counter.c.generation).where(sync_counter.c.id == 1)
    ).one()
    return int(row.value), row.generation


def new_generation(conn: Connection) -> str:
    """Give the data a new identity: every cursor issued before is refused."""
    generation = uuid.uuid4().hex
    conn.execute(update(sync_counter).where(sync_counter.c.id == 1).values(generation=generation))
    return generation


def current_seq(conn: Connection) -> int:
    """The highest committed sequence number this connection can see."""
    return int(
        conn.execute(select(sync_counter.c.value).where(sync_counter.c.id == 1)).scalar_one()
    )

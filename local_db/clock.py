"""The cache's client id and hybrid logical clock.

One clock per cache: its node is the cache's client id, and its last stamp
lives in sync_state, read and written inside the caller's write transaction.
SQLite lets one writer at a time in (Cache.begin() takes the write lock at
BEGIN), so two threads or two processes stamping edits cannot both read the
same last stamp, and a restart resumes after the last stamp committed: the
clock never goes backwards.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable

from sqlalchemy import Connection, select, update

from local_db.schema import sync_state
from sync_protocol.hlc import HlcStamp, HybridClock, InvalidStamp

log = logging.getLogger(__name__)


def _system_wall_ms() -> int:
    return time.time_ns() // 1_000_000


#: Wall clock of every stamp the cache makes; tests replace it to play a
#: computer whose clock is wrong.
wall_ms: Callable[[], int] = _system_wall_ms


def client_id(conn: Connection) -> str:
    """This cache's id towards the server (made on first use if missing)."""
    current = conn.execute(select(sync_state.c.client_id).where(sync_state.c.id == 1)).scalar()
    if current:
        return str(current)
    # Revision 0003 made one; this covers a row that lost it.
    made = secrets.token_hex(8)
    conn.execute(update(sync_state).where(sync_state.c.id == 1).values(client_id=made))
    return made


def _load(conn: Connection) -> HybridClock:
    node = client_id(conn)
    # Read at every load, so a test's replacement of wall_ms takes effect.
    clock = HybridClock(node, wall=wall_ms)
    last = conn.execute(select(sync_state.c.last_hlc).where(sync_state.c.id == 1)).scalar()
    if last:
        try:
            clock.restore(HlcStamp.parse(str(last)))
        except InvalidStamp:
            # Never written by us; starting from the wall clock is the best
            # left (the server bounds skew anyway).
            log.warning("ignoring an unreadable stored clock stamp")
    return clock


def _save(conn: Connection, stamp: HlcStamp) -> None:
    conn.execute(update(sync_state).where(sync_state.c.id == 1).values(last_hlc=stamp.to_text()))


def stamp(conn: Connection) -> str:
    """A stamp for a local edit (inside the caller's write transaction)."""
    clock = _load(conn)
    now = clock.now()
    _save(conn, now)
    return now.to_text()


def stamps(conn: Connection, count: int) -> list[str]:
    """`count` stamps for local edits, in order, as `count` calls of stamp()
    would give (one read and one write of the stored clock for all)."""
    if count <= 0:
        return []
    clock = _load(conn)
    made = [clock.now() for _ in range(count)]
    _save(conn, made[-1])
    return [one.to_text() for one in made]


def observe(conn: Connection, remote: str | None) -> None:
    """Move past a stamp the server sent (a push answer, a page)."""
    if not remote:
        return
    parsed = HlcStamp.parse(remote)  # InvalidStamp: the caller decides
    clock = _load(conn)
    _save(conn, clock.observe(parsed))


def last_stamp(conn: Connection) -> str | None:
    value = conn.execute(select(sync_state.c.last_hlc).where(sync_state.c.id == 1)).scalar()
    return None if value is None else str(value)

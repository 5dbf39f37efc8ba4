"""The server's hybrid clock and the bound on how far ahead a client's may run.

A client whose wall clock runs hours fast would win every LATEST_WINS
conflict with its stamps. The server accepts stamps up to MAX_CLOCK_SKEW_MS
ahead of its own wall clock (observing them, so its clock moves past them)
and replaces a stamp further ahead with its own time at arrival; the push
answer then carries a warning the app shows. docs/sync.md explains the rule.

A replaced stamp keeps the client's node: the merge tells two computers'
edits apart by node, and with the server's node on both, two teachers whose
clocks ran fast looked like one computer, so the one who lost a latest-wins
field was never told (issue 16). The server clock's last stamp is kept in
sync_counter.last_hlc and resumed from under the push's counter lock, so a
restarted server, or another worker process, never stamps behind what was
stamped before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from server.tables import sync_counter
from sync_protocol.hlc import HlcStamp, HybridClock, InvalidStamp

#: How far ahead of the server's clock a client stamp may be (5 minutes).
MAX_CLOCK_SKEW_MS = 300_000
SERVER_NODE = "server"


def make_server_clock(node: str = SERVER_NODE) -> HybridClock:
    return HybridClock(node)


@dataclass(frozen=True)
class BoundedStamp:
    stamp: HlcStamp
    #: How far the client's stamp was ahead when it was replaced; else None.
    replaced_ahead_ms: int | None = None


def bound_stamp(clock: HybridClock, stamp: HlcStamp, wall_ms: int) -> BoundedStamp:
    """The stamp the merge uses for a client's stamp that arrived at `wall_ms`."""
    ahead = stamp.wall_ms - wall_ms
    if ahead > MAX_CLOCK_SKEW_MS:
        own = clock.now()
        return BoundedStamp(HlcStamp(own.wall_ms, own.counter, stamp.node), replaced_ahead_ms=ahead)
    clock.observe(stamp)
    return BoundedStamp(stamp)


def resume_clock(clock: HybridClock, stored: str | None) -> None:
    """Move the clock past the last stamp any server process stored."""
    if stored:
        # A damaged value only loses the resume, never a push.
        with contextlib.suppress(InvalidStamp):
            clock.restore(HlcStamp.parse(stored))


def resume_clock_at_start(clock: HybridClock, engine: Engine) -> None:
    """At start-up, so the first pull's server_hlc is past every stored stamp.
    A database not yet migrated has nothing to resume from."""
    try:
        with engine.connect() as conn:
            stored = conn.execute(
                select(sync_counter.c.last_hlc).where(sync_counter.c.id == 1)
            ).scalar()
    except SQLAlchemyError:
        return
    resume_clock(clock, stored)


def clock_to_store(clock: HybridClock, stored: str | None) -> str | None:
    """The clock's last stamp as text if it moved past `stored` (else None: no write)."""
    last = clock.last.to_text()
    return last if stored is None or last > stored else None


def stamp_time(stamp: HlcStamp) -> dt.datetime:
    """The wall time of a stamp, as an aware UTC datetime (for "when" in conflicts)."""
    return dt.datetime.fromtimestamp(stamp.wall_ms / 1000, tz=dt.UTC)


def _span(ms: int) -> str:
    """About how long, rounded to what a person would say."""
    minutes = round(ms / 60_000)
    if minutes < 120:
        return f"{minutes} minutes"
    hours = round(minutes / 60)
    if hours < 48:
        return f"{hours} hours"
    return f"{round(hours / 24)} days"


def clock_warning(ahead_ms: int) -> str:
    """What the app shows when its stamps were replaced."""
    return (
        f"Your computer's clock is {_span(ahead_ms)} fast. Set the time automatically "
        "to keep attendance changes in order. Your changes were saved with the "
        "server's time instead."
    )

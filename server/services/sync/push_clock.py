"""The server's hybrid clock and the bound on how far ahead a client's may run.

A client whose wall clock runs hours fast would win every LATEST_WINS
conflict with its stamps. The server accepts stamps up to MAX_CLOCK_SKEW_MS
ahead of its own wall clock (observing them, so its clock moves past them)
and replaces a stamp further ahead with its own stamp at arrival; the push
answer then carries a warning the app shows. docs/sync.md explains the rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sync_protocol.hlc import HlcStamp, HybridClock

#: How far ahead of the server's clock a client stamp may be (5 minutes).
MAX_CLOCK_SKEW_MS = 300_000
SERVER_NODE = "server"


def make_server_clock() -> HybridClock:
    return HybridClock(SERVER_NODE)


@dataclass(frozen=True)
class BoundedStamp:
    stamp: HlcStamp
    #: How far the client's stamp was ahead when it was replaced; else None.
    replaced_ahead_ms: int | None = None


def bound_stamp(clock: HybridClock, stamp: HlcStamp, wall_ms: int) -> BoundedStamp:
    """The stamp the merge uses for a client's stamp that arrived at `wall_ms`."""
    ahead = stamp.wall_ms - wall_ms
    if ahead > MAX_CLOCK_SKEW_MS:
        return BoundedStamp(clock.now(), replaced_ahead_ms=ahead)
    clock.observe(stamp)
    return BoundedStamp(stamp)


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

"""Hybrid logical clock (Kulkarni et al., 2014).

A stamp is (wall milliseconds, counter, node). It never goes backwards on one
node, it moves past every stamp the node has seen (so an edit made after a sync
is ordered after everything that sync brought), and it stays close to real
time. The text form sorts the same way as the tuple, so databases can compare
stamps as strings.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_TEXT = re.compile(r"^(\d{15})-([0-9a-f]{4})-([0-9A-Za-z_.-]{1,64})$")
MAX_COUNTER = 0xFFFF


class InvalidStamp(ValueError):
    """A stamp that is not in the text form `make_text` writes."""


@dataclass(frozen=True, order=True)
class HlcStamp:
    wall_ms: int
    counter: int
    node: str

    def to_text(self) -> str:
        return f"{self.wall_ms:015d}-{self.counter:04x}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> HlcStamp:
        match = _TEXT.match(text)
        if match is None:
            raise InvalidStamp(f"not a clock stamp: {text[:80]!r}")
        return cls(int(match.group(1)), int(match.group(2), 16), match.group(3))


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """One node's clock. Thread-safe; `wall` is injectable for tests of skew."""

    def __init__(self, node: str, wall: Callable[[], int] = _now_ms) -> None:
        if not re.fullmatch(r"[0-9A-Za-z_.-]{1,64}", node):
            raise ValueError(f"bad clock node id: {node!r}")
        self.node = node
        self._wall = wall
        self._last = HlcStamp(0, 0, node)
        self._lock = threading.Lock()

    @property
    def last(self) -> HlcStamp:
        return self._last

    def now(self) -> HlcStamp:
        """A stamp for a local event (an edit)."""
        with self._lock:
            wall = self._wall()
            if wall > self._last.wall_ms:
                self._last = HlcStamp(wall, 0, self.node)
            else:
                self._last = self._bump(self._last.wall_ms, self._last.counter)
            return self._last

    def observe(self, remote: HlcStamp) -> HlcStamp:
        """Move past a stamp received from elsewhere (a pull or a push reply)."""
        with self._lock:
            wall = self._wall()
            top = max(wall, self._last.wall_ms, remote.wall_ms)
            if top == self._last.wall_ms == remote.wall_ms:
                counter = max(self._last.counter, remote.counter)
                self._last = self._bump(top, counter)
            elif top == self._last.wall_ms:
                self._last = self._bump(top, self._last.counter)
            elif top == remote.wall_ms:
                self._last = self._bump(top, remote.counter)
            else:
                self._last = HlcStamp(top, 0, self.node)
            return self._last

    def restore(self, stamp: HlcStamp) -> None:
        """Resume from a stamp persisted before a restart."""
        with self._lock:
            if stamp.wall_ms > self._last.wall_ms or (
                stamp.wall_ms == self._last.wall_ms and stamp.counter > self._last.counter
            ):
                self._last = HlcStamp(stamp.wall_ms, stamp.counter, self.node)

    def _bump(self, wall_ms: int, counter: int) -> HlcStamp:
        if counter >= MAX_COUNTER:
            # Rather than overflow, borrow a millisecond from the future.
            return HlcStamp(wall_ms + 1, 0, self.node)
        return HlcStamp(wall_ms, counter + 1, self.node)

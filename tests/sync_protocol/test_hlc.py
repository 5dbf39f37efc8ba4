from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync_protocol.hlc import HlcStamp, HybridClock, InvalidStamp


class FakeWall:
    """A wall clock the test moves by hand (skew, stalls, jumps back)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_never_go_backwards_when_the_wall_clock_does() -> None:
    wall = FakeWall(1_000_000)
    clock = HybridClock("a", wall)
    first = clock.now()
    wall.ms -= 60_000  # NTP stepped the clock back a minute
    second = clock.now()
    assert second > first


def test_an_edit_after_seeing_a_remote_stamp_is_ordered_after_it() -> None:
    slow = HybridClock("slow", FakeWall(1_000))  # hours behind
    remote = HlcStamp(9_000_000, 5, "server")
    slow.observe(remote)
    assert slow.now() > remote


def test_text_form_sorts_like_the_stamp() -> None:
    stamps = [HlcStamp(5, 1, "b"), HlcStamp(5, 0, "z"), HlcStamp(40, 0, "a"), HlcStamp(5, 1, "a")]
    assert sorted(s.to_text() for s in stamps) == [s.to_text() for s in sorted(stamps)]


@given(
    st.integers(0, 10**14),
    st.integers(0, 0xFFFF),
    st.from_regex(r"[0-9A-Za-z_.-]{1,64}", fullmatch=True),
)
def test_text_round_trips(wall: int, counter: int, node: str) -> None:
    stamp = HlcStamp(wall, counter, node)
    assert HlcStamp.parse(stamp.to_text()) == stamp


@pytest.mark.parametrize(
    "bad", ["", "12-0000-a", "000000000000001-zzzz-a", "000000000000001-0000-", "x" * 500]
)
def test_garbage_is_rejected(bad: str) -> None:
    with pytest.raises(InvalidStamp):
        HlcStamp.parse(bad)


def test_counter_overflow_borrows_a_millisecond() -> None:
    clock = HybridClock("a", FakeWall(10))
    stamps = [clock.now() for _ in range(70_000)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


def test_restore_resumes_after_restart() -> None:
    before = HybridClock("a", FakeWall(500)).now()
    after_restart = HybridClock("a", FakeWall(100))  # the machine's clock is now behind
    after_restart.restore(before)
    assert after_restart.now() > before

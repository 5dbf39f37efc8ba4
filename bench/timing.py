"""Timing a piece of work the benchmarks repeat (bench/*_bench.py)."""

from __future__ import annotations

import time
from collections.abc import Callable


def times_ms(work: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls of `work`, in order."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times

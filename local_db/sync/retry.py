"""How long to wait before the next automatic sync after a retryable failure."""

from __future__ import annotations

import random

#: First wait and the longest one, in seconds.
BASE_DELAY_S = 5.0
MAX_DELAY_S = 600.0


def next_retry_delay(
    attempt: int,
    *,
    base_s: float = BASE_DELAY_S,
    cap_s: float = MAX_DELAY_S,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait before retry number `attempt` (0 = the first retry).

    Exponential (5 s, 10 s, 20 s, ... capped at 10 minutes) with "equal
    jitter": a random half of the step is added to the other half, so a
    school's worth of laptops that lost the server at the same moment do not
    all come back at the same second, and no wait is shorter than half a step.
    """
    step = min(cap_s, base_s * 2.0 ** min(max(attempt, 0), 30))
    draw = (rng or random).random()
    return step / 2 + draw * step / 2

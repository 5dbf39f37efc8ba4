"""Any arrival order gives the same result: three teachers' concurrent
offline work, replayed into fresh servers in different orders
(tests/sync_sim/order_replay.py), ends the same where the merge rules
promise it: LATEST_WINS fields, clean text merges, the values offered for
each grade to decide, who was told they lost what, and which deletes wait
for a teacher. The seed is printed; KLASSBOK_SIM_SEED replays it."""

from __future__ import annotations

import itertools
import os
import random
import secrets
from pathlib import Path

from tests.support.server_fixtures import ServerFactory
from tests.sync_sim.order_replay import canonical, differences, explain, replay, work_offline

#: Edits per teacher, and how many orders besides the first, per backend.
CI_EDITS = {"sqlite": 25, "postgresql": 15}
CI_ORDERS = {"sqlite": 3, "postgresql": 2}


def test_any_arrival_order_gives_the_same_result(
    server_factory: ServerFactory, db_backend: str, tmp_path: Path
) -> None:
    fixed = os.environ.get("KLASSBOK_SIM_SEED")
    seed = int(fixed) if fixed is not None else secrets.randbelow(2**31)
    long_run = "KLASSBOK_SIM_OPS" in os.environ
    edits = CI_EDITS[db_backend] * (4 if long_run else 1)
    print(f"\norder independence: seed {seed}, {edits} edits per teacher, {db_backend}")
    rng = random.Random(seed)
    desks = work_offline(server_factory(), tmp_path / "offline", rng, edits)
    orders = list(itertools.permutations(range(len(desks))))
    others = orders[1:] if long_run else rng.sample(orders[1:], CI_ORDERS[db_backend])
    reference = replay(server_factory(), desks, orders[0], tmp_path / "order-0")
    for number, order in enumerate(others, start=1):
        outcome = replay(server_factory(), desks, order, tmp_path / f"order-{number}")
        leave_out = reference.refused_by_order | outcome.refused_by_order
        first = canonical(reference, leave_out)
        found = differences(first, canonical(outcome, leave_out))
        assert not found, (
            f"seed {seed}: arrival order {[desks[i].username for i in order]} ended differently "
            f"from {[desks[i].username for i in orders[0]]}:\n"
            + "\n".join([*found[:30], *explain([reference, outcome], found)])
        )

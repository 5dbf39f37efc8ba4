"""The proof that sync never loses a teacher's work: a randomized
simulation of four computers, the real server over HTTP, and injected
faults (tests/sync_sim/simulation.py). The seed is printed; set
KLASSBOK_SIM_SEED to replay it and KLASSBOK_SIM_OPS for a longer run."""

from __future__ import annotations

import secrets
from pathlib import Path

from tests.support.server_fixtures import ServerFactory
from tests.sync_sim.simulation import SimConfig, budget, run
from tests.sync_sim.world import World

#: Operations per run in CI, per backend.
CI_OPS = {"sqlite": 5000, "postgresql": 2000}


def test_sync_never_loses_a_teachers_work(
    server_factory: ServerFactory, db_backend: str, tmp_path: Path
) -> None:
    ops, fixed = budget(CI_OPS[db_backend])
    seed = fixed if fixed is not None else secrets.randbelow(2**31)
    print(f"\nsync simulation: seed {seed}, {ops} operations, {db_backend}")
    world = World(server_factory(), tmp_path, seed)
    try:
        config = SimConfig(
            ops=ops, seed=seed, checkpoint_every=max(100, ops // 4), restarts=max(2, ops // 2500)
        )
        report = run(world, config)
        print(report.summary(world))
    finally:
        world.close()

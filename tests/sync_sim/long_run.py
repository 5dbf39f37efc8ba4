"""Long runs of the sync simulation: many seeds, many operations, both backends.

    python -m tests.sync_sim.long_run --backend sqlite --seeds 10 --ops 20000 --jobs 2
    python -m tests.sync_sim.long_run --backend postgresql --seeds 5 --ops 10000
    python -m tests.sync_sim.long_run --seed 1692843703 --ops 20000     (replay one)

Each seed runs the same simulation as tests/sync_sim/test_simulation.py, on
a fresh database and a fresh server process of its own, in a process of its
own (--jobs at a time). Each seed is printed as it starts and ends; at the
end a table: seed, operations, seconds, steps by kind, edits judged,
conflicts, problems. A failing seed's whole report (its trace and dossier)
is written to --out; the exit code is 1 if any seed failed. PostgreSQL runs
use KLASSBOK_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test),
each seed in a database of its own, dropped afterwards. docs/sync.md.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

#: The step kinds in the table, in the simulation's order.
STEP_KINDS = ("edit", "transaction", "sync", "dismiss", "kill", "skew", "held", "admin", "restart")
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
_PROBLEMS = re.compile(r"(\d+) problem\(s\)")


@dataclass
class SeedResult:
    backend: str
    seed: int
    ops: int
    seconds: float
    steps: dict[str, int] = field(default_factory=dict)
    edits: int = 0
    conflicts: int = 0
    restarts: int = 0
    problems: int = 0
    #: The step the failure was found at (a checkpoint), or None.
    failed_at: int | None = None
    report_path: str | None = None
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.problems == 0 and self.error is None


def run_seed(backend: str, seed: int, ops: int, out: str) -> SeedResult:
    """One seed in this process: fresh database, server, computers; judged."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import keyring

    from tests.support import postgres
    from tests.support.keyring_backend import MemoryKeyring
    from tests.support.server_fixtures import start_school_server, stop_school_server
    from tests.sync_sim.simulation import SimConfig, SimulationFailed, run
    from tests.sync_sim.world import World

    keyring.set_keyring(MemoryKeyring())
    started = time.monotonic()
    result = SeedResult(backend, seed, ops, 0.0)
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="klassbok-sim-")))
        if backend == "postgresql":
            database_url = stack.enter_context(postgres.temporary_database("klassbok_sim"))
        else:
            database_url = f"sqlite:///{folder / 'server.sqlite3'}"
        server = start_school_server(database_url, folder / "server.log")
        stack.callback(stop_school_server, server)
        world = World(server, folder, seed)
        stack.callback(world.close)
        config = SimConfig.for_ops(ops, seed)
        try:
            report = run(world, config)
        except SimulationFailed as failure:
            text = str(failure)
            match = _PROBLEMS.search(text)
            result.problems = int(match.group(1)) if match else 1
            result.failed_at = world.step
            path = Path(out) / f"sim-{backend}-{seed}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            trace = folder / "trace.txt"
            extra = trace.read_text("utf-8") if trace.exists() else ""
            path.write_text(text + "\n\n" + extra, "utf-8")
            result.report_path = str(path)
        except Exception:  # a crash of the run is a result to report too
            result.error = traceback.format_exc(limit=8)
            result.failed_at = world.step
        else:
            result.steps = dict(report.steps)
            result.edits = len(world.ledger.entries)
            result.conflicts = len(world.ledger.conflicts)
        result.restarts = world.restarts
    result.seconds = time.monotonic() - started
    return result


def table(results: list[SeedResult]) -> str:
    """The summary table (Markdown, so it can go into a note as it is)."""
    head = ["backend", "seed", "ops", "s", *STEP_KINDS, "edits", "conflicts", "problems"]
    rows = [head, ["---"] * len(head)]
    for r in sorted(results, key=lambda r: (r.backend, r.seed)):
        problems = "0" if r.passed else f"{r.problems or 'crash'} at step {r.failed_at}"
        rows.append(
            [
                r.backend,
                str(r.seed),
                f"{r.ops:,}",
                f"{r.seconds:.0f}",
                *(str(r.steps.get(kind, 0)) for kind in STEP_KINDS),
                f"{r.edits:,}",
                f"{r.conflicts:,}",
                problems,
            ]
        )
    passed = [r for r in results if r.passed]
    total_ops = sum(r.ops for r in passed)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.append(
        f"\n{len(passed)} of {len(results)} seeds green, {total_ops:,} operations judged "
        f"without a problem, {sum(r.seconds for r in results) / 60:.1f} minutes of runs."
    )
    return "\n".join(lines)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--seeds", type=int, default=10, help="how many random seeds")
    parser.add_argument("--seed", type=int, action="append", help="a seed to run (repeatable)")
    parser.add_argument("--ops", type=int, default=20_000, help="operations per seed")
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    parser.add_argument("--out", default="sim-reports", help="folder for failing seeds' reports")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.backend == "postgresql":
        os.environ.setdefault(
            "KLASSBOK_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        )
    seeds = args.seed or [secrets.randbelow(2**31) for _ in range(args.seeds)]
    print(
        f"{len(seeds)} seed(s) x {args.ops:,} operations on {args.backend}, {args.jobs} at a time"
    )
    results: list[SeedResult] = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {}
        for seed in seeds:
            print(f"  seed {seed}: queued", flush=True)
            futures[pool.submit(run_seed, args.backend, seed, args.ops, args.out)] = seed
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            verdict = "green" if result.passed else f"FAILED, see {result.report_path}"
            if result.error:
                verdict = f"CRASHED at step {result.failed_at}:\n{result.error}"
            print(f"  seed {result.seed}: {result.seconds:.0f} s, {verdict}", flush=True)
    print()
    print(table(results))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The randomized simulation's main loop.

Every step is one operation, chosen from the seed: a teacher's edit (or a
transaction of several), a sync, a dismissal of a refused edit, a killed
computer, a clock set wrong, held requests arriving, an administrator's
change of who teaches what, or the server restarting. Every
`checkpoint_every` steps and at the end the world is brought to rest and
every invariant is checked (tests/sync_sim/invariants.py). A failure says
the seed and the steps that led to it.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field

from local_db.attendance.marking import RollCallRefused
from local_db.edits import InvalidEdit, discard_rejected
from local_db.repositories import rejected_edits
from local_db.sync.errors import ProtocolError, SyncError
from sync_protocol.terms import term_for
from tests.sync_sim import actions
from tests.sync_sim.clients import SimClient
from tests.sync_sim.dossier import dossier
from tests.sync_sim.invariants import (
    compare_caches,
    faults_off,
    judge_documentation,
    judge_fates,
    quiesce,
    repeat_pushes,
    settle_everything,
)
from tests.sync_sim.transport import FaultRates, SimKill
from tests.sync_sim.world import World

#: Wrong clocks a computer may have (ms): right, a little fast (within the
#: server's bound), hours fast (beyond it), slow.
SKEWS = (0, 0, 0, 120_000, 3 * 3600_000, -2 * 3600_000, -600_000)
#: How often each kind of step is taken.
STEPS = (
    ("edit", 56),
    ("transaction", 9),
    ("sync", 22),
    ("dismiss", 2),
    ("kill", 2),
    ("skew", 2),
    ("held", 3),
    ("admin", 2),
)


@dataclass(frozen=True)
class SimConfig:
    ops: int
    seed: int
    checkpoint_every: int = 400
    #: Server restarts (one of them a crash), spread over the run.
    restarts: int = 2
    #: Pushes sent again at each checkpoint (the rest are skipped for time).
    repeat_sample: int = 120

    @classmethod
    def for_ops(cls, ops: int, seed: int) -> SimConfig:
        """A run of `ops` steps: a checkpoint every quarter, a server restart
        every 2,500 steps (at least two)."""
        return cls(
            ops=ops, seed=seed, checkpoint_every=max(100, ops // 4), restarts=max(2, ops // 2500)
        )


@dataclass
class SimReport:
    steps: Counter[str] = field(default_factory=Counter)
    edits: int = 0
    checkpoints: int = 0
    seconds: float = 0.0

    def summary(self, world: World) -> str:
        faults = {fault.value: count for fault, count in world.network.faults_seen.items()}
        outcomes: Counter[str] = Counter(
            d.result.get("outcome", "?") for d in world.ledger.deliveries.values()
        )
        conflicts = Counter(v[-1].values["conflict_type"] for v in world.ledger.conflicts.values())
        kills = sum(client.kills for client in world.clients)
        return (
            f"seed {world.seed}: {sum(self.steps.values())} steps in {self.seconds:.0f} s "
            f"({dict(self.steps)}), {len(world.ledger.entries)} edits in the ledger, "
            f"outcomes {dict(outcomes)}, conflicts {dict(conflicts)}, faults {faults}, "
            f"{kills} computers killed, {world.restarts} server restarts, "
            f"{world.ledger.clock_warnings} pushes warned of a fast clock, "
            f"{world.received_records} records received and checked for scope, "
            f"{self.checkpoints} checkpoints"
        )


class SimulationFailed(AssertionError):
    pass


def _teacher(world: World, client: SimClient) -> actions.Teacher:
    return actions.Teacher(client.person_id, term_for(world.server.school.builder.today).code)


def local_work(world: World, client: SimClient, count: int) -> None:
    """One local transaction of `count` edits, recorded in the ledger."""
    before = client.outbox()
    done: list[str] = []
    try:
        with client.clock_of_this_computer(), client.cache.begin() as conn:
            for _ in range(count):
                action = actions.pick_edit(world.rng)
                text = action(conn, world.rng, _teacher(world, client))
                if text is not None:
                    done.append(text)
    except (InvalidEdit, RollCallRefused) as exc:
        world.note(f"{client.name}: the app refused: {exc}")
        return
    world.ledger.record_local(client.name, client.client_id, before, client.outbox())
    if done:
        world.note(f"{client.name}: " + "; ".join(done))


def sync(world: World, client: SimClient) -> None:
    try:
        report = client.sync()
    except SimKill as exc:
        world.note(f"{client.name}: {exc}")
        client.kill()
    except ProtocolError as exc:
        world.ledger.problems.append(
            f"step {world.step}: {client.name} got a protocol error: {exc!r}"
        )
    except SyncError as exc:
        world.note(f"{client.name}: sync failed: {type(exc).__name__}")
    else:
        world.note(
            f"{client.name}: synced {dict(report.push_outcomes)}, {report.records_applied} records"
            + (f", check: {report.parts_mismatched} parts differed" if report.verified else "")
        )


def dismiss(world: World, client: SimClient) -> None:
    with client.cache.connect() as conn:
        shown = rejected_edits(conn)
    if not shown:
        return
    view = world.rng.choice(shown)
    with client.cache.begin() as conn:
        discard_rejected(conn, view.op)
    world.ledger.dismissed(client.client_id, view.op)
    world.note(f"{client.name}: dismissed refused op {view.op} ({view.reason})")


def checkpoint(world: World, config: SimConfig, report: SimReport, pushes_checked: int) -> int:
    problems = quiesce(world)
    problems += compare_caches(world)
    problems += judge_documentation(world)
    problems += judge_fates(world)
    recent = range(pushes_checked, len(world.network.pushes))
    sample = sorted(world.rng.sample(list(recent), min(len(recent), config.repeat_sample)))
    problems += repeat_pushes(world, sample)
    problems += world.ledger.problems
    problems += [f"{leak.client} received {leak.what} via {leak.path}" for leak in world.leaks]
    report.checkpoints += 1
    if problems:
        raise SimulationFailed(failure_report(world, problems))
    for client in world.clients:
        client.adapter.rates = FaultRates.default()
    return len(world.network.pushes)


def failure_report(world: World, problems: list[str]) -> str:
    trace = world.folder / "trace.txt"
    trace.write_text("\n".join(world.trace), encoding="utf-8")
    lines = [
        f"Every step: {trace}",
        f"The sync simulation failed with seed {world.seed} at step {world.step}.",
        f"Replay: KLASSBOK_SIM_SEED={world.seed} (with the same KLASSBOK_SIM_OPS).",
        f"{len(problems)} problem(s):",
        *(f"  - {p}" for p in problems[:40]),
        "Last steps:",
        *(f"  {t}" for t in world.trace[-80:]),
        *dossier(world, problems[:10]),
    ]
    return "\n".join(lines)


def run(world: World, config: SimConfig) -> SimReport:
    report = SimReport()
    started = time.monotonic()
    world.open_clients()
    faults_off(world)
    settle_everything(world)
    for client in world.clients:
        client.adapter.rates = FaultRates.default()
    restarts_at = {config.ops * (i + 1) // (config.restarts + 1): i for i in range(config.restarts)}
    kinds, weights = zip(*STEPS, strict=True)
    pushes_checked = 0
    for step in range(1, config.ops + 1):
        world.step = step
        if step in restarts_at:
            # Every other restart is a crash (SIGKILL) rather than a stop.
            world.note(world.restart_server(crash=restarts_at[step] % 2 == 1))
            report.steps["restart"] += 1
        kind = world.rng.choices(kinds, weights=weights)[0]
        client = world.rng.choice(world.clients)
        report.steps[kind] += 1
        if kind == "edit":
            local_work(world, client, 1)
        elif kind == "transaction":
            local_work(world, client, world.rng.randint(2, 4))
        elif kind == "sync":
            sync(world, client)
        elif kind == "dismiss":
            dismiss(world, client)
        elif kind == "kill":
            client.kill()
            world.note(f"{client.name}: killed (between its last commit and its push)")
        elif kind == "skew":
            client.skew_ms = world.rng.choice(SKEWS)
            world.note(f"{client.name}: clock now {client.skew_ms / 60_000:+.0f} minutes off")
        elif kind == "held":
            count = world.network.deliver_held(world.rng, world.rng.randint(1, 3))
            world.note(f"{count} held request(s) arrived late")
        elif kind == "admin":
            world.note(world.admin_toggle())
        if step % config.checkpoint_every == 0 or step == config.ops:
            pushes_checked = checkpoint(world, config, report, pushes_checked)
    faults_off(world)
    report.seconds = time.monotonic() - started
    return report


def budget(default_ops: int) -> tuple[int, int | None]:
    """(operations, fixed seed or None) from KLASSBOK_SIM_OPS / KLASSBOK_SIM_SEED."""
    ops = int(os.environ.get("KLASSBOK_SIM_OPS", default_ops))
    seed = os.environ.get("KLASSBOK_SIM_SEED")
    return ops, None if seed is None else int(seed)

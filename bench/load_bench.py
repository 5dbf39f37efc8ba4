"""The server under load: many teachers' computers at once (issue 12).

    .venv/bin/python bench/load_bench.py [--backends sqlite,postgresql] [--workers 1,2]
        [--clients 16] [--processes 4] [--seconds 10]
        [--postgres-url postgresql://postgres@127.0.0.1:5432/test]

For each backend and worker count it seeds the demo school into a fresh
database (PostgreSQL: a temporary database, dropped after), gives every
teacher of the school an account, starts the real server
(`klassbok-server serve --workers N`) and lets --clients simulated teachers
(bench/load_clients.py), spread over --processes client processes, sign in,
pull their whole feed once, and then drive it for --seconds per scenario:

- no-op sync: GET /sync/changes from an up-to-date cursor (the app's sync
  when nothing changed);
- roll-call push: 30 attendance marks of a lesson, gzipped, as the app
  sends them (corrections of earlier roll calls once the lessons run out);
- colleague pull: pull what the others pushed;
- mixed: 80 % no-op, 15 % roll calls, 5 % pulls.

It prints requests per second and p50/p95/p99 latency per request kind.
The clients share the machine's cores with the server, as they do on a
2-core test machine: compare figures within one run. Timings are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, select  # noqa: E402

from bench.load_clients import ROLL_CALL, SCENARIOS, ClientPlan, run_clients, sign_in  # noqa: E402
from server.db import make_engine, write_transaction  # noqa: E402
from server.services.accounts import auth  # noqa: E402
from server.tables import synced, user_account  # noqa: E402
from tests.support import postgres  # noqa: E402
from tests.support.server_process import ServerProcess, run_cli  # noqa: E402

PASSWORD = "bench-lösenord-42"
TARGETS = {"no-op sync": 500.0, "roll-call push": 100.0}


def _teachers(engine: Engine) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(person id, school id) of everyone who teaches an activity."""
    teacher, activity = synced["activity_teacher"], synced["activity"]
    with engine.connect() as conn:
        rows = conn.execute(
            select(teacher.c.teacher_id, activity.c.school_id)
            .join(activity, activity.c.id == teacher.c.activity_id)
            .where(teacher.c.deleted.is_(False))
            .distinct()
        ).all()
    seen: dict[uuid.UUID, uuid.UUID] = {}
    for person, school in rows:
        seen.setdefault(person, school)
    return sorted(seen.items(), key=lambda item: str(item[0]))


def _fresh_lessons(
    engine: Engine, person: uuid.UUID, today: dt.date
) -> list[tuple[str, str, list[str]]]:
    """The teacher's lessons from today on with no roll call, and their pupils."""
    lesson, teacher = synced["lesson"], synced["activity_teacher"]
    group, member, attendance = (
        synced["activity_group"],
        synced["group_membership"],
        synced["attendance"],
    )
    with engine.connect() as conn:
        activities = set(
            conn.execute(
                select(teacher.c.activity_id).where(
                    teacher.c.teacher_id == person, teacher.c.deleted.is_(False)
                )
            ).scalars()
        )
        pupils: dict[uuid.UUID, list[str]] = {}
        for activity in activities:
            groups = select(group.c.group_id).where(
                group.c.activity_id == activity, group.c.deleted.is_(False)
            )
            found = conn.execute(
                select(member.c.person_id)
                .where(member.c.group_id.in_(groups), member.c.deleted.is_(False))
                .distinct()
            ).scalars()
            pupils[activity] = sorted(str(p) for p in found)[:ROLL_CALL]
        taken = select(attendance.c.lesson_id).distinct()
        rows = conn.execute(
            select(lesson.c.id, lesson.c.activity_id)
            .where(
                lesson.c.activity_id.in_(sorted(activities)),
                lesson.c.deleted.is_(False),
                lesson.c.cancelled.is_(False),
                lesson.c.id.not_in(taken),
            )
            .order_by(lesson.c.start_time)
        ).all()
    return [(str(lid), str(aid), pupils[aid]) for lid, aid in rows if pupils.get(aid)]


def _plans(engine: Engine, clients: int, today: dt.date) -> list[ClientPlan]:
    teachers = _teachers(engine)
    plans = []
    with write_transaction(engine) as conn:
        for index, (person, school) in enumerate(teachers[:clients]):
            username = f"last{index}"
            existing = conn.execute(
                select(user_account.c.id).where(user_account.c.person_id == person)
            ).first()
            if existing is None:
                auth.create_user(
                    conn,
                    username=username,
                    password=PASSWORD,
                    display_name=f"Lärare {index}",
                    role="teacher",
                    person_id=person,
                    school_id=school,
                )
            else:
                conn.execute(
                    user_account.update()
                    .where(user_account.c.id == existing[0])
                    .values(username=username, password_hash=auth.hash_password(PASSWORD))
                )
    for index, (person, _) in enumerate(teachers[:clients]):
        plans.append(ClientPlan(f"last{index}", PASSWORD, _fresh_lessons(engine, person, today)))
    if len(plans) < clients:
        print(f"the demo school has {len(teachers)} teachers: {len(plans)} clients", flush=True)
    return plans


@contextmanager
def _database(backend: str, postgres_url: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder}/load-{uuid.uuid4().hex[:8]}.sqlite3"
        return
    os.environ[postgres.ENV_VAR] = postgres_url
    with postgres.temporary_database("klassbok_load") as url:
        yield url


def _split(plans: list[ClientPlan], parts: int) -> list[list[ClientPlan]]:
    return [plans[i::parts] for i in range(parts) if plans[i::parts]]


def _percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def run_one(backend: str, workers: int, args: argparse.Namespace, folder: Path) -> list[str]:
    lines = []
    today = dt.date.today()
    with _database(backend, args.postgres_url, folder) as url:
        run_cli(url, "init-db")
        run_cli(url, "seed-demo", "--today", today.isoformat())
        engine = make_engine(url)
        plans = _plans(engine, args.clients, today)
        engine.dispose()
        server = ServerProcess(
            url, folder / f"server-{backend}-{workers}.log", extra_args=("--workers", str(workers))
        )
        server.start()
        try:
            with ProcessPoolExecutor(args.processes) as pool:
                plans = list(pool.map(sign_in, [server.url] * len(plans), plans))
                for number, scenario in enumerate(SCENARIOS):
                    parts = _split(plans, args.processes)
                    futures = [
                        pool.submit(
                            run_clients, server.url, part, scenario, args.seconds, number * 100 + i
                        )
                        for i, part in enumerate(parts)
                    ]
                    merged: dict[str, list[float]] = {}
                    errors = 0
                    plans = []
                    for future in futures:
                        latencies, failed, left = future.result()
                        errors += failed
                        plans.extend(left)
                        for kind, values in latencies.items():
                            merged.setdefault(kind, []).extend(values)
                    for kind, values in merged.items():
                        rate = len(values) / args.seconds
                        target = TARGETS.get(scenario) if len(merged) == 1 else None
                        lines.append(
                            f"{backend:10} {workers:>7} {scenario:15} {kind:10} {len(values):>8} "
                            f"{rate:>8.1f} {_percentile(values, 0.50):>8.1f} "
                            f"{_percentile(values, 0.95):>8.1f} {_percentile(values, 0.99):>8.1f}"
                            f" {errors:>6}" + (f"   (target ≥ {target:.0f}/s)" if target else "")
                        )
        finally:
            server.stop()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    header = (
        f"{'backend':10} {'workers':>7} {'scenario':15} {'request':10} {'count':>8} "
        f"{'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    )
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        for backend in args.backends.split(","):
            for workers in (int(n) for n in args.workers.split(",")):
                lines.extend(run_one(backend, workers, args, Path(folder)))
                print("\n".join([header, *lines]), flush=True)
    print(
        f"\n{args.clients} clients in {args.processes} processes, {args.seconds:.0f} s a scenario"
    )


if __name__ == "__main__":
    main()

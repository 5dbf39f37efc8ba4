"""Push and divergence-check figures on the demo school, made larger.

    .venv/bin/python bench/push_and_digest.py [--database-url URL] [--rows 40000] [--runs 7]

Seeds the demo school into a fresh database (a temporary SQLite file unless
--database-url names an empty one, e.g. a PostgreSQL database), adds
attendance history for the demo teacher's activities until about --rows
records are in the teacher's scope, starts the real server and prints:
- a roll call of 30 attendance ops pushed over HTTP (gzip, as the app sends
  it): creating the records, and editing them from their versions; and the
  same through the push service in-process (the server's own time), with
  and without the absence-notice hook;
- GET /sync/digest over all rows in the teacher's scope, over HTTP and
  in-process.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import Engine, func, select  # noqa: E402

from server.db import make_engine, write_transaction  # noqa: E402
from server.services.access.scope import TeacherScope, compute_scope  # noqa: E402
from server.services.sync import digest, push_hooks  # noqa: E402
from server.services.sync.change_sets import ChangeSetWriter  # noqa: E402
from server.services.sync.push import apply_push  # noqa: E402
from server.services.sync.push_clock import make_server_clock  # noqa: E402
from server.services.sync.push_context import Pusher  # noqa: E402
from server.tables import synced, user_account  # noqa: E402
from sync_protocol import ids, versions  # noqa: E402
from sync_protocol.entities import KIND_ORDER  # noqa: E402
from sync_protocol.hlc import HybridClock  # noqa: E402
from sync_protocol.wire import PushBatch  # noqa: E402
from tests.support.server_process import ServerProcess, run_cli  # noqa: E402

HEADERS = {
    versions.PROTOCOL_HEADER: str(versions.PROTOCOL_VERSION),
    versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION),
}
ROLL_CALL = 30


def _median_ms(run: Callable[[], Any], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


class DemoTeacher:
    def __init__(self, engine: Engine, today: dt.date) -> None:
        with engine.connect() as conn:
            found = conn.execute(
                select(user_account.c.id, user_account.c.person_id).where(
                    user_account.c.username == "demo"
                )
            ).one()
            self.user_id, self.person_id = found
            self.scope: TeacherScope = compute_scope(
                conn, role="teacher", person_id=self.person_id, today=today
            )
            self.pupils_of = self._pupils_of_activities(conn)
            lesson = synced["lesson"]
            self.lessons = [
                (row.id, row.activity_id)
                for row in conn.execute(
                    select(lesson.c.id, lesson.c.activity_id)
                    .where(
                        lesson.c.activity_id.in_(sorted(self.scope.activities)),
                        lesson.c.cancelled.is_(False),
                        lesson.c.deleted.is_(False),
                    )
                    .order_by(lesson.c.start_time)
                )
            ]

    def _pupils_of_activities(self, conn: Any) -> dict[uuid.UUID, list[uuid.UUID]]:
        group = synced["activity_group"]
        member = synced["group_membership"]
        pupils: dict[uuid.UUID, list[uuid.UUID]] = {}
        for activity in self.scope.activities:
            groups = select(group.c.group_id).where(group.c.activity_id == activity)
            pupils[activity] = sorted(
                set(
                    conn.execute(
                        select(member.c.person_id).where(
                            member.c.group_id.in_(groups),
                            member.c.person_id.in_(sorted(self.scope.pupils)),
                            member.c.end_date.is_(None),
                        )
                    ).scalars()
                ),
                key=str,
            )
        return pupils

    def rows_in_scope(self, engine: Engine) -> int:
        total = 0
        with engine.connect() as conn:
            for kind in KIND_ORDER:
                where = self.scope.where(kind)
                if where is not None:
                    table = synced[kind]
                    total += conn.execute(
                        select(func.count()).select_from(table).where(where)
                    ).scalar_one()
        return total


def fill_attendance(engine: Engine, teacher: DemoTeacher, target: int) -> list[Any]:
    """Attendance for lessons in order until about `target` rows are in scope;
    returns the lessons left without any, for the pushes."""
    have = teacher.rows_in_scope(engine)
    attendance = synced["attendance"]
    with engine.connect() as conn:
        taken = set(conn.execute(select(attendance.c.lesson_id).distinct()).scalars())
    free = [(lesson, activity) for lesson, activity in teacher.lessons if lesson not in taken]
    # Keep the last lessons (and the big classes) for the pushes.
    spare = [item for item in free if len(teacher.pupils_of[item[1]]) >= ROLL_CALL // 2][-60:]
    with write_transaction(engine) as conn:
        writer = ChangeSetWriter(conn, actor=teacher.person_id)
        statuses = itertools.cycle(["present"] * 12 + ["late", "absent", "valid_absence"])
        for lesson, activity in free:
            if have >= target:
                break
            if (lesson, activity) in spare:
                continue
            for pupil in teacher.pupils_of[activity]:
                writer.insert(
                    "attendance",
                    {
                        "id": ids.attendance_id(lesson, pupil),
                        "lesson_id": lesson,
                        "pupil_id": pupil,
                        "activity_id": activity,
                        "status": next(statuses),
                    },
                )
                have += 1
        # A term of roll calls is not enough: notes make up the rest.
        pairs = itertools.cycle(
            [(a, p) for a in sorted(teacher.pupils_of, key=str) for p in teacher.pupils_of[a]]
        )
        while have < target:
            activity, pupil = next(pairs)
            writer.insert(
                "pupil_note",
                {
                    "id": uuid.uuid4(),
                    "pupil_id": pupil,
                    "activity_id": activity,
                    "category": "observation",
                    "body": "Arbetar koncentrerat.",
                },
            )
            have += 1
        writer.flush()
    return spare


def roll_call(
    teacher: DemoTeacher, lessons: list[Any], clock: HybridClock, numbers: itertools.count[int]
) -> tuple[dict[str, Any], list[Any]]:
    """A batch of 30 attendance creates over as few lessons as it takes."""
    ops: list[dict[str, Any]] = []
    while len(ops) < ROLL_CALL:
        lesson, activity = lessons.pop()
        for pupil in teacher.pupils_of[activity][: ROLL_CALL - len(ops)]:
            ops.append(
                {
                    "op": next(numbers),
                    "kind": "attendance",
                    "id": str(ids.attendance_id(lesson, pupil)),
                    "fields": {
                        "lesson_id": str(lesson),
                        "pupil_id": str(pupil),
                        "activity_id": str(activity),
                        "status": "present",
                    },
                    "hlc": clock.now().to_text(),
                }
            )
    batch = {"client_id": clock.node, "batch_id": str(uuid.uuid4()), "transactions": [{"ops": ops}]}
    return batch, ops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        today = dt.date.today()
        run_cli(url, "init-db")
        run_cli(url, "seed-demo", "--today", today.isoformat())
        engine = make_engine(url)
        teacher = DemoTeacher(engine, today)
        spare = fill_attendance(engine, teacher, args.rows)
        in_scope = teacher.rows_in_scope(engine)
        server = ServerProcess(url, Path(folder) / "server.log")
        server.start()
        try:
            figures = measure(
                server=server,
                engine=engine,
                teacher=teacher,
                spare=spare,
                runs=args.runs,
                today=today,
            )
        finally:
            server.stop()
            engine.dispose()
    backend = make_engine(url).dialect.name if args.database_url else "sqlite"
    print(f"\nbackend: {backend}; rows in the demo teacher's scope: {in_scope:,}\n")
    print(f"{'what':58} {'median ms':>10} {'best ms':>9}")
    for name, (median, best) in figures:
        print(f"{name:58} {median:10.1f} {best:9.1f}")


def measure(
    *,
    server: ServerProcess,
    engine: Engine,
    teacher: DemoTeacher,
    spare: list[Any],
    runs: int,
    today: dt.date,
) -> list[tuple[str, tuple[float, float]]]:
    login = requests.post(
        server.url + "/api/v1/auth/login", json={"username": "demo", "password": "demo"}, timeout=30
    )
    token = login.json()["token"]
    headers = {**HEADERS, "Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}
    session = requests.Session()
    figures = []

    def digest_http() -> None:
        response = session.get(server.url + "/api/v1/sync/digest", headers=headers, timeout=60)
        assert response.status_code == 200, response.text

    digest_http()  # warm up
    figures.append(("GET /sync/digest (all rows in scope)", _median_ms(digest_http, runs)))

    clock = HybridClock("bench-http")
    numbers = itertools.count(1)
    sent: list[list[Any]] = []

    def push_http() -> None:
        batch, ops = roll_call(teacher, spare, clock, numbers)
        body = gzip.compress(json.dumps(batch).encode())
        response = session.post(
            server.url + "/api/v1/sync/push",
            data=body,
            headers={**headers, "Content-Encoding": "gzip", "Content-Type": "application/json"},
            timeout=60,
        )
        results = response.json()["results"]
        assert [r["outcome"] for r in results] == ["applied"] * ROLL_CALL, results
        sent.append([(op, result["seq"]) for op, result in zip(ops, results, strict=True)])

    figures.append(("push 30 attendance creates, HTTP round trip", _median_ms(push_http, runs)))

    def push_edits_http() -> None:
        done = sent.pop()
        ops = [
            {
                "op": next(numbers),
                "kind": "attendance",
                "id": op["id"],
                "fields": {"status": "late", "late_minutes": 5},
                "base": {"status": seq, "late_minutes": seq},
                "hlc": clock.now().to_text(),
            }
            for op, seq in done
        ]
        batch = {
            "client_id": clock.node,
            "batch_id": str(uuid.uuid4()),
            "transactions": [{"ops": ops}],
        }
        response = session.post(
            server.url + "/api/v1/sync/push", json=batch, headers=headers, timeout=60
        )
        assert [r["outcome"] for r in response.json()["results"]] == ["applied"] * ROLL_CALL

    figures.append(("push 30 attendance edits, HTTP round trip", _median_ms(push_edits_http, runs)))

    service_clock = HybridClock("bench-service")
    pusher = Pusher(user_id=teacher.user_id, person_id=teacher.person_id)

    def push_service() -> None:
        batch, _ = roll_call(teacher, spare, service_clock, numbers)
        outcome = apply_push(
            engine,
            PushBatch.model_validate(batch),
            pusher=pusher,
            today=today,
            schema_version=versions.SCHEMA_VERSION,
            clock=make_server_clock(),
        )
        assert {r.outcome for r in outcome.results} == {"applied"}

    figures.append(
        ("push 30 attendance creates, service in-process", _median_ms(push_service, runs))
    )
    # The push's own share: the same without the absence-notice hook.
    hooks = list(push_hooks.after_attendance_written)
    push_hooks.after_attendance_written.clear()
    try:
        figures.append(
            ("push 30 attendance creates, in-process, no hooks", _median_ms(push_service, runs))
        )
    finally:
        push_hooks.after_attendance_written.extend(hooks)

    def digest_service() -> None:
        digest.digests(
            engine,
            role="teacher",
            person_id=teacher.person_id,
            today=today,
            schema_version=versions.SCHEMA_VERSION,
        )

    figures.append(("digest, service in-process", _median_ms(digest_service, runs)))
    return figures


if __name__ == "__main__":
    main()

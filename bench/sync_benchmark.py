"""The sync benchmark: one teacher's year and 100,000 records, server on SQLite and PostgreSQL.

    .venv/bin/python bench/sync_benchmark.py [--sets year,100k] [--backends sqlite,postgresql]
        [--postgres-url postgresql://postgres@127.0.0.1:5432/test] [--first-runs 3] [--runs 15]

For each backend and data set (bench/sync_data.py) it writes the school into
a fresh database (PostgreSQL: a temporary database, dropped afterwards),
starts the real server process on loopback and measures, with the app's own
client (ApiClient + SyncEngine over an encrypted on-disk cache):

- the first full sync (SyncEngine.sync() with the divergence check, as the
  app's first sync of a session runs it): seconds, round trips, bytes;
- a sync with nothing to do;
- one roll call: 30 attendance marks through local_db.edits.save_record in
  one transaction, then sync() (push + pull); and a colleague's sync that
  pulls those 30 marks;
- the outbox's cost per edit: save_record against a plain write of the row.

Bytes are counted by bench/sync_meter.py (HTTP/1.1 as sent on the socket:
request and status lines, headers, bodies as compressed). "raw" is the
compact UTF-8 JSON of the changed records' fields ({"deleted": true} for a
tombstone). Prints Markdown tables: median and (min-max) over the runs.
Timings are printed, never asserted; docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import delete, insert, update  # noqa: E402

from bench.sync_data import (  # noqa: E402
    COLLEAGUE,
    PASSWORD,
    ROLL_CALL_SIZE,
    TEACHER,
    YEAR,
    Plan,
    School,
    scaled_plan,
    write_school,
)
from bench.sync_meter import (  # noqa: E402
    Exchange,
    WireMeter,
    client_socket,
    raw_fields_json,
    tcp_bytes,
    wire_total,
)
from bench.sync_report import Figures, print_byte_check, print_tables  # noqa: E402
from local_db.cache import Cache, open_cache  # noqa: E402
from local_db.edits import save_record  # noqa: E402
from local_db.schema import synced as cache_tables  # noqa: E402
from local_db.sync.api_client import ApiClient  # noqa: E402
from local_db.sync.engine import (  # noqa: E402
    PullChanges,
    PushOutbox,
    SyncEngine,
    SyncReport,
    SyncRun,
    VerifyScope,
)
from server.db import make_engine  # noqa: E402
from sync_protocol import ids  # noqa: E402
from sync_protocol.codec import encode_fields  # noqa: E402
from sync_protocol.entities import REGISTRY  # noqa: E402
from tests.support import postgres  # noqa: E402
from tests.support.server_process import ServerProcess, run_cli  # noqa: E402

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


@dataclass
class TimedStep:
    """A SyncEngine step that notes how long it took."""

    step: Any
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return str(self.step.name)

    def run(self, run: SyncRun) -> None:
        started = time.perf_counter()
        try:
            self.step.run(run)
        finally:
            self.seconds += time.perf_counter() - started


@dataclass
class Device:
    """One signed-in cache: the app's client, engine and a wire meter."""

    cache: Cache
    client: ApiClient
    engine: SyncEngine
    meter: WireMeter

    @classmethod
    def sign_in(cls, url: str, username: str, folder: Path, name: str) -> Device:
        client = ApiClient(url, timeout=120)
        client.login(username, PASSWORD, name)
        cache = open_cache(folder / f"{name}.db", secrets.token_bytes(32))
        meter = WireMeter().attach(client)
        return cls(cache, client, SyncEngine(cache, client), meter)

    def close(self) -> None:
        self.client.close()
        self.cache.close()

    def socket_bytes(self) -> tuple[object, int]:
        """(the kept-alive socket, bytes it sent and received so far, per the kernel)."""
        sock = client_socket(self.client)
        if sock is None:
            return None, 0
        sent, received = tcp_bytes(sock)
        return sock, sent + received


def kernel_count(before: tuple[object, int], after: tuple[object, int]) -> float:
    """Bytes on the socket between two readings; -1 when the connection changed."""
    if before[0] is None or before[0] is not after[0]:
        return -1
    return after[1] - before[1]


def _summary(exchanges: list[Exchange]) -> dict[str, float]:
    return {
        "round_trips": len(exchanges),
        "bytes": wire_total(exchanges),
        "chunked": sum(exchange.chunked for exchange in exchanges),
    }


def reference_ms() -> float:
    """A fixed piece of pure-Python work, best of three, in ms: how fast the
    machine is just now. This one's speed moves by half within an hour;
    rows measured at different speeds compare through this column."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        best = min(best, time.perf_counter() - started)
    return best * 1000


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_sync(
    url: str, folder: Path, name: str, server_pid: int
) -> tuple[Device, dict[str, float], SyncReport]:
    device = Device.sign_in(url, TEACHER, folder, name)
    device.meter.take()  # the login is not part of the sync
    steps: list[Any] = [PushOutbox(), PullChanges(check_ahead=True), VerifyScope(force=True)]
    steps = [TimedStep(step) for step in steps]
    sock = device.socket_bytes()
    server_before, client_before = cpu_seconds(server_pid), time.process_time()
    started = time.perf_counter()
    report = device.engine.run_steps(steps)
    seconds = time.perf_counter() - started
    kernel = kernel_count(sock, device.socket_bytes())
    row = {
        "seconds": seconds,
        # CPU time says more than wall time on a shared machine: two cores
        # and other work running. The client's includes its helper thread.
        "client_cpu": time.process_time() - client_before,
        "server_cpu": cpu_seconds(server_pid) - server_before,
        "pull_s": steps[1].seconds,
        "check_s": steps[2].seconds,
        "records": report.records_applied,
        "pages": report.pages,
        **_summary(device.meter.take()),
        "kernel_bytes": kernel,
    }
    return device, row, report


def raw_of_feed(url: str) -> int:
    """Raw JSON of every record a first sync brings (an untimed pull)."""
    client = ApiClient(url, timeout=120)
    client.login(TEACHER, PASSWORD, "raw")
    total, cursor = 0, None
    while True:
        page = client.changes(cursor, 5000)
        total += sum(raw_fields_json(r.fields, r.deleted) for r in page.changes)
        cursor = page.cursor
        if not page.has_more:
            client.close()
            return total


def timed_sync(device: Device) -> tuple[dict[str, float], SyncReport]:
    device.meter.take()
    sock = device.socket_bytes()
    started = time.perf_counter()
    report = device.engine.sync()
    row = {"ms": (time.perf_counter() - started) * 1000, **_summary(device.meter.take())}
    row["records"] = report.records_applied
    row["kernel_bytes"] = kernel_count(sock, device.socket_bytes())
    return row, report


def mark_values(school: School, lesson: uuid_t, pupil: uuid_t, status: str) -> dict[str, Any]:
    return {
        "lesson_id": lesson,
        "pupil_id": pupil,
        "activity_id": school.roll_call_activity,
        "status": status,
    }


uuid_t = Any  # uuid.UUID; kept loose for the value dicts above


def roll_call(teacher: Device, colleague: Device, school: School, lesson: Any) -> tuple[dict, dict]:
    """30 marks saved and synced; then the colleague's sync that pulls them."""
    spec = REGISTRY["attendance"]
    raw = 0
    started = time.perf_counter()
    with teacher.cache.begin() as conn:
        for index, pupil in enumerate(school.roll_call_pupils[:ROLL_CALL_SIZE]):
            status = "absent" if index % 7 == 3 else "present"
            values = mark_values(school, lesson, pupil, status)
            save_record(
                conn,
                "attendance",
                ids.attendance_id(lesson, pupil),
                values,
                actor=school.teacher_person,
            )
            full = {f.name: values.get(f.name) for f in spec.fields}
            raw += raw_fields_json(encode_fields(spec, full))
    saved = time.perf_counter()
    row, report = timed_sync(teacher)
    row.update(save_ms=(saved - started) * 1000, raw=raw, ops=report.ops_sent)
    pulled, _ = timed_sync(colleague)
    pulled["raw"] = raw
    return row, pulled


def per_edit_costs(teacher: Device, school: School, lesson: Any, edited: Any) -> dict[str, float]:
    """ms per edit, 30 edits in one transaction: save_record and a plain write.

    `lesson` has no marks (creates); `edited` has settled marks (edits)."""
    pupils = school.roll_call_pupils[:ROLL_CALL_SIZE]
    table = cache_tables["attendance"]
    costs: dict[str, float] = {}

    def timed(name: str, work: Callable[[Any], None]) -> None:
        started = time.perf_counter()
        with teacher.cache.begin() as conn:
            work(conn)
        costs[name] = (time.perf_counter() - started) * 1000 / len(pupils)

    def plain_insert(conn: Any) -> None:
        for pupil in pupils:
            values = mark_values(school, lesson, pupil, "present")
            conn.execute(insert(table).values(id=ids.attendance_id(lesson, pupil), seq=0, **values))

    def plain_update(conn: Any) -> None:
        for pupil in pupils:
            row_id = ids.attendance_id(edited, pupil)
            conn.execute(update(table).where(table.c.id == row_id).values(status="late"))

    def saved_create(conn: Any) -> None:
        for pupil in pupils:
            values = mark_values(school, lesson, pupil, "present")
            save_record(
                conn,
                "attendance",
                ids.attendance_id(lesson, pupil),
                values,
                actor=school.teacher_person,
            )

    def saved_edit(conn: Any) -> None:
        for pupil in pupils:
            row_id = ids.attendance_id(edited, pupil)
            save_record(
                conn, "attendance", row_id, {"status": "absent"}, actor=school.teacher_person
            )

    timed("plain_insert", plain_insert)
    with teacher.cache.begin() as conn:  # take the plain rows away again
        ids_ = [ids.attendance_id(lesson, pupil) for pupil in pupils]
        conn.execute(delete(table).where(table.c.id.in_(ids_)))
    timed("save_create", saved_create)
    timed("plain_update", plain_update)
    timed("save_edit", saved_edit)
    teacher.engine.sync()  # send them, so the outbox is empty again
    return costs


def measure(
    server: ServerProcess, school: School, folder: Path, args: argparse.Namespace, figures: Figures
) -> None:
    url = server.url
    assert server.proc is not None
    figures.raw_first = raw_of_feed(url)
    devices: list[Device] = []
    for run in range(args.first_runs):
        device, row, _ = first_sync(url, folder, f"first{run}", server.proc.pid)
        figures.first.append(row)
        print(f"  first sync {run + 1}: {row}", flush=True)
        devices.append(device)
    teacher = devices[0]
    for other in devices[1:]:
        other.close()
    colleague = Device.sign_in(url, COLLEAGUE, folder, "colleague")
    colleague.engine.sync()
    for run in range(args.runs + 1):
        row, _ = timed_sync(teacher)
        if run:  # the first one warms up
            figures.noop.append(row)
    print(f"  no-op: {figures.noop[len(figures.noop) // 2]}", flush=True)
    colleague.engine.sync()
    lessons = list(school.free_lessons)
    runs = min(args.runs, len(lessons) - 4)
    done = []
    for run in range(runs + 1):
        lesson = lessons.pop(0)
        row, pulled = roll_call(teacher, colleague, school, lesson)
        done.append(lesson)
        if run:
            figures.roll_call.append(row)
            figures.pulled.append(pulled)
    print(f"  roll call: {figures.roll_call[-1]}\n  pulled: {figures.pulled[-1]}", flush=True)
    for _ in range(3):
        costs = per_edit_costs(teacher, school, lessons.pop(), done.pop())
        for name, value in costs.items():
            figures.per_edit.setdefault(name, []).append(value)
    teacher.close()
    colleague.close()


@contextlib.contextmanager
def database(backend: str, folder: Path, postgres_url: str) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder}/server.sqlite3"
        return
    os.environ[postgres.ENV_VAR] = postgres_url
    with postgres.temporary_database("klassbok_bench") as url:
        yield url


def run_one(backend: str, plan: Plan, args: argparse.Namespace) -> Figures:
    with (
        tempfile.TemporaryDirectory() as name,
        database(backend, Path(name), args.postgres_url) as url,
    ):
        folder = Path(name)
        run_cli(url, "init-db")
        engine = make_engine(url)
        started = time.perf_counter()
        school = write_school(engine, plan, today=dt.date.today())
        if engine.dialect.name == "postgresql":
            # Statistics and visibility maps, as autovacuum keeps them on a
            # server in use; and the bulk write flushed now, not by a
            # checkpoint or an autovacuum in the middle of the measurements.
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
                conn.exec_driver_sql("CHECKPOINT")
        engine.dispose()
        print(
            f"{backend}, {plan.name}: {school.rows_in_scope:,} rows written in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        figures = Figures(backend, plan, school)
        server = ServerProcess(url, folder / "server.log")
        server.start()
        try:
            figures.reference.append(reference_ms())
            measure(server, school, folder, args, figures)
            figures.reference.append(reference_ms())
        finally:
            server.stop()
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="year,100k", help="year, 100k (comma-separated)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url", default=os.environ.get(postgres.ENV_VAR, DEFAULT_POSTGRES)
    )
    parser.add_argument("--first-runs", type=int, default=3, help="first syncs per set")
    parser.add_argument("--runs", type=int, default=9, help="no-op syncs and roll calls")
    args = parser.parse_args()
    plans = {"year": YEAR, "100k": scaled_plan(100_000)}
    results = [
        run_one(backend, plans[name], args)
        for backend in args.backends.split(",")
        for name in args.sets.split(",")
    ]
    print_tables(results)
    print_byte_check(results)


if __name__ == "__main__":
    main()

"""The push of one roll call (30 attendance marks) against the real server
process on SQLite; prints a table.

    .venv/bin/python -m tests.local_db.push_figures [roll calls, default 5]

Each roll call is one local transaction of 30 marks, pushed on its own
(PushOutbox: mark sent, gzip POST, store the answer). Not a test: timings
never go into asserting tests.
"""

from __future__ import annotations

import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from local_db import clock
from local_db.cache import open_cache
from local_db.edits import save_record
from local_db.sync import push
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import PushOutbox, SyncEngine
from sync_protocol import ids
from sync_protocol.wire import PushBatch, PushResponse
from tests.support.server_fixtures import password_for, start_school_server, stop_school_server

PUPILS = 30


class TimedClient(ApiClient):
    """Times the POST itself (server work and loopback HTTP)."""

    post_ms: list[float]

    def push(self, batch: PushBatch) -> PushResponse:
        started = time.perf_counter()
        try:
            return super().push(batch)
        finally:
            self.post_ms = [*getattr(self, "post_ms", []), (time.perf_counter() - started) * 1000]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        server = start_school_server(f"sqlite:///{base / 'server.sqlite3'}", base / "server.log")
        try:
            school = server.school
            builder = school.builder
            group, activity = school["group:7a"], school["activity:ma7a"]
            with builder.change_set():
                pupils = [school["pupil:alva"], school["pupil:axel"], school["pupil:elsa"]]
                for index in range(PUPILS - len(pupils)):
                    pupil = builder.pupil(f"extra{index}", f"Elev{index}", "Berg")
                    builder.membership(group, pupil)
                    pupils.append(pupil)
                lessons = [
                    builder.lesson(activity, builder.lesson_start(day, hour=13))
                    for day in range(2, 2 + rounds)
                ]
            client = TimedClient(server.url, timeout=60)
            login = client.login("anna", password_for("anna"), "figures")
            cache = open_cache(base / "anna.db", secrets.token_bytes(32))
            engine = SyncEngine(cache, client)
            engine.sync()
            times, sizes, raw_sizes = [], [], []
            for lesson in lessons:
                with cache.begin() as conn:
                    for index, pupil in enumerate(pupils):
                        save_record(
                            conn,
                            "attendance",
                            ids.attendance_id(lesson, pupil),
                            {
                                "lesson_id": lesson,
                                "pupil_id": pupil,
                                "activity_id": activity,
                                "status": "absent" if index % 7 == 0 else "present",
                            },
                            actor=login.user.person_id,
                        )
                    batch = push.to_wire(clock.client_id(conn), push.next_batch(conn))
                raw_sizes.append(len(batch.model_dump_json().encode()))
                sent_before = client.bytes_sent
                started = time.perf_counter()
                report = engine.run_steps([PushOutbox()])
                times.append((time.perf_counter() - started) * 1000)
                sizes.append(client.bytes_sent - sent_before)
                assert report.push_outcomes == {"applied": PUPILS}, report.push_outcomes
            post_ms = client.post_ms
            cache.close()
            client.close()
        finally:
            stop_school_server(server)
    print(f"push of {PUPILS} attendance marks (one roll call), {rounds} roll calls, SQLite server")
    print(
        f"request body: {statistics.median(raw_sizes):,.0f} B JSON, "
        f"{statistics.median(sizes):,.0f} B gzip"
    )
    print(
        f"time per push (mark sent + POST + store answer): median "
        f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms"
    )
    print(
        f"  of which the POST (server + loopback HTTP): median {statistics.median(post_ms):.0f} ms"
    )


if __name__ == "__main__":
    main()

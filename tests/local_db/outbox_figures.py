"""What the outbox costs per edit, on an encrypted cache holding a teacher's
school year (tests/local_db/year_of_data.py); prints a table.

    .venv/bin/python -m tests.local_db.outbox_figures [edits, default 300]

Each edit is one transaction (Cache.begin()), as the roll call writes them:
a plain UPDATE of the row, against save_record (row + outbox op + edit base
+ clock stamp) for a first edit of a record, a re-edit that folds into its
unsent op, and a create. Not a test: timings never go into asserting tests.
"""

from __future__ import annotations

import datetime as dt
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, select, update

from local_db.cache import Cache, open_cache
from local_db.edits import save_record
from local_db.schema import synced
from local_db.sync.page_apply import apply_page, decode_page
from sync_protocol.ids import attendance_id
from tests.local_db.year_of_data import build_year

STATUSES = ("present", "late", "absent", "valid_absence")


def _per_edit_ms(cache: Cache, edits: list[Callable[[Connection], None]]) -> tuple[float, float]:
    times = []
    for edit in edits:
        started = time.perf_counter()
        with cache.begin() as conn:
            edit(conn)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    year = build_year(registered_weeks=12)
    with tempfile.TemporaryDirectory() as folder:
        cache = open_cache(Path(folder) / "cache.db", secrets.token_bytes(32))
        for page in year.pages:
            with cache.begin() as conn:
                apply_page(conn, decode_page(page), dt.datetime.now(dt.UTC))
        table = synced["attendance"]
        with cache.connect() as conn:
            rows = conn.execute(
                select(table.c.id, table.c.lesson_id, table.c.pupil_id, table.c.activity_id)
            ).all()
            unregistered = conn.execute(
                select(synced["lesson"].c.id, synced["lesson"].c.activity_id).where(
                    synced["lesson"].c.start_time > dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
                )
            ).all()
            pupils = conn.execute(select(synced["person"].c.id)).scalars().all()
        plain_ids, edit_ids = rows[:count], rows[count : 2 * count]

        def plain(record: uuid.UUID, status: str) -> Callable[[Connection], None]:
            return lambda conn: conn.execute(
                update(table).where(table.c.id == record).values(status=status)
            ).close()

        def edit(record: uuid.UUID, status: str) -> Callable[[Connection], None]:
            return lambda conn: save_record(
                conn, "attendance", record, {"status": status}, actor=year.teacher
            )

        def create(
            lesson: uuid.UUID, activity: uuid.UUID, pupil: uuid.UUID
        ) -> Callable[[Connection], None]:
            return lambda conn: save_record(
                conn,
                "attendance",
                attendance_id(lesson, pupil),
                {"lesson_id": lesson, "pupil_id": pupil, "activity_id": activity, "status": "late"},
                actor=year.teacher,
            )

        figures = {
            "plain UPDATE of the row": _per_edit_ms(
                cache, [plain(r.id, STATUSES[i % 4]) for i, r in enumerate(plain_ids)]
            ),
            "save_record, first edit of a record": _per_edit_ms(
                cache, [edit(r.id, "other_activity") for r in edit_ids]
            ),
            "save_record, re-edit (folds into its op)": _per_edit_ms(
                cache, [edit(r.id, "left_early") for r in edit_ids]
            ),
            "save_record, create": _per_edit_ms(
                cache,
                [
                    create(lesson, activity, pupils[i % len(pupils)])
                    for i, (lesson, activity) in enumerate(unregistered[:count])
                ],
            ),
        }
        cache.close()
    print(f"{year.record_count} records in the cache; {count} edits each, one transaction each")
    print(f"{'what':45} {'median ms':>10} {'p95 ms':>8}")
    for name, (median, p95) in figures.items():
        print(f"{name:45} {median:10.2f} {p95:8.2f}")


if __name__ == "__main__":
    main()

"""Timings of the cache on a teacher's school year; prints a table.

    .venv/bin/python -m tests.local_db.cache_figures [registered weeks, default 12]

Not a test (timings never go into asserting tests). It lives here because
bench/ is outside the cache work's area; move it there when convenient.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from local_db.cache import open_cache
from local_db.repositories import (
    groups_for_teacher,
    lessons_between,
    pupils_in_group,
    search_pupils,
    sync_status,
)
from local_db.sync.page_apply import apply_page, decode_page
from tests.local_db.year_of_data import build_year


def _best_ms(run: Callable[[], Any], repeat: int = 20) -> float:
    run()
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    weeks = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    year = build_year(registered_weeks=weeks)
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cache.db"
        cache = open_cache(path, key)
        started = time.perf_counter()
        for page in year.pages:
            decoded = decode_page(page)
            with cache.begin() as conn:
                apply_page(conn, decoded, dt.datetime.now(dt.UTC))
        applied = time.perf_counter() - started
        cache.close()
        rows: list[tuple[str, str]] = [
            ("records", f"{year.record_count}"),
            ("file size", f"{path.stat().st_size / 1e6:.1f} MB"),
            ("decode + apply", f"{year.record_count / applied:,.0f} records/s"),
        ]
        opens = []
        for _ in range(5):
            started = time.perf_counter()
            cache = open_cache(path, key)
            with cache.connect() as conn:
                sync_status(conn)
            opens.append(time.perf_counter() - started)
            cache.close()
        rows.append(("open + first query", f"{min(opens) * 1000:.1f} ms (best of 5)"))
        cache = open_cache(path, key)
        day = dt.date(2026, 10, 12)
        week = dt.datetime(2026, 10, 12, tzinfo=dt.UTC)
        end = week + dt.timedelta(days=7)
        with cache.connect() as conn:
            queries: dict[str, Callable[[], Any]] = {
                "groups_for_teacher": lambda: groups_for_teacher(conn, year.teacher, day),
                "pupils_in_group": lambda: pupils_in_group(conn, year.groups[0], day),
                "lessons_between, week": lambda: lessons_between(
                    conn, week, end, year.teacher, False
                ),
                "lessons_between, week, mine": lambda: lessons_between(
                    conn, week, end, year.teacher, True
                ),
                "search_pupils": lambda: search_pupils(conn, "berg"),
            }
            for name, run in queries.items():
                rows.append((name, f"{_best_ms(run):.2f} ms"))
        cache.close()
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()

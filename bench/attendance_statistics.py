"""A group's term statistics from an encrypted cache on disk.

    .venv/bin/python bench/attendance_statistics.py [--runs 10]

Builds a cache with one class of 30 pupils and a term (20 weeks) of its
timetable, about 42 lessons a week across 9 subjects, every lesson
registered with all 30 pupils marked (about 25,000 attendance rows; some
late, left early, absent, reported), plus guardian reports. Then reads the
group's term statistics and one pupil's page (weeks + notices) as the
desktop's DB worker does, and prints a table: the first read after opening
the cache (cold) and the median of the next runs. Timings are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from local_db.attendance import group_statistics, pupil_attendance  # noqa: E402
from local_db.cache import open_cache  # noqa: E402
from local_db.sync.page_apply import apply_page, decode_page  # noqa: E402
from sync_protocol import ids  # noqa: E402
from sync_protocol.terms import term_for  # noqa: E402
from tests.local_db.records import RecordBuilder  # noqa: E402

TERM_START = dt.date(2026, 8, 17)  # a Monday
WEEKS = 20
PUPILS = 30
SUBJECTS = ["Matematik", "Svenska", "Engelska", "NO", "SO", "Idrott", "Bild", "Musik", "Slöjd"]
STATES = ("present", "late", "left_early", "absent", "valid_absence", "other_activity")
WEIGHTS = (880, 40, 10, 30, 35, 5)


def build(path: Path, key: bytes) -> tuple[object, int]:
    rng = random.Random(7)
    data = RecordBuilder()
    teacher = data.person("Karin", "Lärare")
    group = data.group("7A")
    pupils = []
    for number in range(PUPILS):
        pupil = data.person(f"Elev{number}", "Andersson")
        data.member(group, pupil, TERM_START)
        pupils.append(pupil)
    marks = 0
    for subject_index, subject in enumerate(SUBJECTS):
        activity = data.activity(f"{subject} 7A", [group], [teacher], subject_name=subject)
        per_week = 5 if subject_index < 6 else 4  # 6 x 5 + 3 x 4 = 42
        for week in range(WEEKS):
            monday = dt.datetime.combine(TERM_START, dt.time(6), dt.UTC) + dt.timedelta(weeks=week)
            for slot in range(per_week):
                start = monday + dt.timedelta(days=slot % 5, hours=subject_index)
                lesson = data.lesson(activity, start, minutes=rng.choice((40, 50, 60, 80)))
                data.add(
                    "lesson_registration",
                    ids.lesson_registration_id(lesson),
                    lesson_id=lesson,
                    activity_id=activity,
                    registered=True,
                )
                for pupil in pupils:
                    status = rng.choices(STATES, WEIGHTS)[0]
                    data.add(
                        "attendance",
                        ids.attendance_id(lesson, pupil),
                        lesson_id=lesson,
                        pupil_id=pupil,
                        activity_id=activity,
                        status=status,
                        late_minutes=rng.randint(2, 20) if status == "late" else None,
                        left_early_minutes=rng.randint(5, 30) if status == "left_early" else None,
                    )
                    marks += 1
    for pupil in pupils:
        for _ in range(4):
            day = TERM_START + dt.timedelta(days=rng.randrange(WEEKS * 7))
            start = dt.datetime.combine(day, dt.time(6), dt.UTC)
            data.add(
                "absence_report",
                pupil_id=pupil,
                absence_type="reported_absence",
                start_time=start,
                end_time=start + dt.timedelta(hours=9),
                reported_at=start,
            )
    cache = open_cache(path, key)
    records = data.records
    for offset in range(0, len(records), 5000):
        page = RecordBuilder()
        page.records = records[offset : offset + 5000]
        with cache.begin() as conn:
            apply_page(conn, decode_page(page.page()), dt.datetime.now(dt.UTC))
    cache.close()
    return group, marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="klassbok-bench-") as temp:
        path = Path(temp) / "cache.db"
        key = secrets.token_bytes(32)
        started = time.perf_counter()
        group, marks = build(path, key)
        print(f"cache: {marks} attendance rows, built in {time.perf_counter() - started:.1f} s")
        term = term_for(TERM_START)
        cache = open_cache(path, key)
        timings: dict[str, list[float]] = {"group term statistics": [], "pupil page": []}
        pupil_id = None
        for _ in range(args.runs + 1):
            with cache.connect() as conn:
                began = time.perf_counter()
                stats = group_statistics(conn, group, term.start, term.end)  # type: ignore[arg-type]
                timings["group term statistics"].append(time.perf_counter() - began)
                assert stats is not None
                pupil_id = stats.pupils[0].pupil.id
                began = time.perf_counter()
                pupil_attendance(conn, pupil_id, term.start, term.end)
                timings["pupil page"].append(time.perf_counter() - began)
        cache.close()
        assert stats is not None
        print(
            f"group {stats.group_name}: {len(stats.pupils)} pupils, {stats.lesson_count} lessons, "
            f"absence {stats.total.absence_percent:.1f} %"
        )
        print(f"{'query':<24}{'cold ms':>10}{'median ms':>12}{'max ms':>10}")
        for name, values in timings.items():
            cold, warm = values[0], values[1:]
            print(
                f"{name:<24}{cold * 1000:>10.0f}{statistics.median(warm) * 1000:>12.0f}"
                f"{max(warm) * 1000:>10.0f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

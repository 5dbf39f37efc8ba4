"""The planning page with 5,000 lesson plans in the cache (issue 11).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/planning_bench.py [--runs 9]

Builds an encrypted cache on disk: one teacher with 8 groups, 3 lessons a
week each over 214 weeks (5,136 lessons), all but the last 15 of each
group with a plan (5,016, in units of 10 lessons). Then measures, as medians of several runs:

- the week view: reading one week's lessons with their plans
  (local_db.planning.reads.week_lessons) and filling the page's model, then
  data() of every cell, as the page does on every refresh (budget 50 ms);
- the whole planning page's read (load_planning: week, groups, units of
  every group, the catalogue's subjects);
- copying a unit of 10 lessons to another group, and the shift past a
  cancelled lesson (each in a write transaction, rolled back after).

Timings are printed as a table, never asserted (machines here are noisy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.timing import times_ms  # noqa: E402
from desktop import local_time  # noqa: E402
from desktop.models.planning_models import WeekPlanModel  # noqa: E402
from desktop.pages.planning.planning_data import load_planning  # noqa: E402
from local_db.cache import Cache, open_cache  # noqa: E402
from local_db.planning.reads import week_lessons  # noqa: E402
from local_db.planning.writes import copy_unit, shift_after_cancelled  # noqa: E402
from sync_protocol import ids  # noqa: E402
from tests.local_db.records import RecordBuilder  # noqa: E402

FIRST_MONDAY = dt.date(2024, 8, 19)
GROUPS, PER_WEEK, WEEKS = 8, 3, 214
#: The last lessons of each group have no plan yet (room for a shift).
FREE_AT_END = 15


def build(cache: Cache) -> tuple[uuid.UUID, list[uuid.UUID], dict[uuid.UUID, list[uuid.UUID]]]:
    data = RecordBuilder()
    teacher = data.person("Anna", "Andersson")
    activities: list[uuid.UUID] = []
    lessons: dict[uuid.UUID, list[uuid.UUID]] = {}
    for number in range(GROUPS):
        group = data.group(f"{7 + number % 3}{'ABCDEFGH'[number]}")
        activity = data.activity(
            f"Matematik {number}", [group], [teacher], subject_name="Matematik"
        )
        activities.append(activity)
        lessons[activity] = []
        unit = None
        for week in range(WEEKS):
            monday = FIRST_MONDAY + dt.timedelta(weeks=week)
            for slot in range(PER_WEEK):
                start = dt.datetime.combine(
                    monday + dt.timedelta(days=slot * 2), dt.time(7 + number), tzinfo=dt.UTC
                )
                lesson = data.lesson(activity, start, 50)
                if len(lessons[activity]) % 10 == 0:
                    unit = data.add(
                        "planning_unit",
                        activity_id=activity,
                        title=f"Område {week}",
                        aims="Syfte",
                        central_content="",
                        assessment_criteria="",
                        start_date=start.date(),
                        end_date=None,
                        curriculum="",
                        status="draft",
                    )
                lessons[activity].append(lesson)
                if len(lessons[activity]) > WEEKS * PER_WEEK - FREE_AT_END:
                    continue
                data.add(
                    "lesson_plan",
                    ids.lesson_plan_id(lesson),
                    lesson_id=lesson,
                    activity_id=activity,
                    planning_unit_id=unit,
                    content=f"Genomgång {week}:{slot}\nÖvningar s. {week}",
                    homework="Läs s. 10" if slot == 1 else "",
                    links='[{"url":"https://nok.se/ma","title":"Boken"}]' if slot == 2 else "",
                )
        data.apply_to(cache)
    return teacher, activities, lessons


def median_ms(work: Callable[[], object], runs: int) -> tuple[float, float]:
    times = times_ms(work, runs)
    return statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        cache = open_cache(Path(folder) / "cache.db", secrets.token_bytes(32))
        started = time.perf_counter()
        teacher, activities, lessons = build(cache)
        built = time.perf_counter() - started
        monday = FIRST_MONDAY + dt.timedelta(weeks=100)
        start, end = local_time.day_bounds_utc(monday, 7)
        model = WeekPlanModel()
        with cache.connect() as conn:
            plans = conn.exec_driver_sql("SELECT count(*) FROM lesson_plan").scalar_one()

        def week_view() -> None:
            with cache.connect() as conn:
                week = week_lessons(conn, start, end, teacher)
            model.set_rows(week)
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    model.index(row, column).data(Qt.ItemDataRole.DisplayRole)

        def page_read() -> None:
            with cache.connect() as conn:
                load_planning(conn, teacher, monday, activities[0], None)

        unit_lessons = lessons[activities[0]]

        def copy() -> None:
            conn = cache.engine.connect()
            with conn.begin() as txn:
                table_unit = conn.exec_driver_sql(
                    "SELECT planning_unit_id FROM lesson_plan WHERE lesson_id = ?",
                    (unit_lessons[300].hex,),
                ).scalar_one()
                copy_unit(
                    conn,
                    uuid.UUID(str(table_unit)),
                    activities[1],
                    FIRST_MONDAY + dt.timedelta(weeks=150),
                    actor=teacher,
                )
                txn.rollback()
            conn.close()

        def shift() -> None:
            conn = cache.engine.connect()
            with conn.begin() as txn:
                conn.exec_driver_sql(
                    "UPDATE lesson SET cancelled = 1 WHERE id = ?", (unit_lessons[-25].hex,)
                )
                shift_after_cancelled(conn, unit_lessons[-25], actor=teacher)
                txn.rollback()
            conn.close()

        week_view()
        rows = model.rowCount()
        figures = [
            (f"week view: read {rows} lessons with plans + model + every cell", week_view),
            ("the whole page's read (load_planning)", page_read),
            ("copy a unit of 10 plans to another group", copy),
            ("shift a unit's plans past a cancelled lesson", shift),
        ]
        print(f"cache: {plans} lesson plans, built in {built:.1f} s; {args.runs} runs each\n")
        print("| what | median ms | max ms |")
        print("|---|---:|---:|")
        for name, work in figures:
            med, worst = median_ms(work, args.runs)
            print(f"| {name} | {med:.1f} | {worst:.1f} |")
        cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

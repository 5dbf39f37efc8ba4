"""A pupil's timeline with 10,000 notes and 5,000 lesson plans in the cache (issue 11).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/timeline_bench.py [--runs 9]

Builds an encrypted cache on disk: one teacher, a class of 30 among 300
pupils (10 groups); the class's term so far (16 weeks of 42 lessons across 9
subjects, every lesson registered with all 30 marked: about 20,000
attendance rows); 10 assessments per subject with every pupil's result and
last term's grades; 10,000 notes (one pupil with 1,000 of them, the rest
spread over the 300) and 300 adjustments; 5,000 lessons of other groups with
a plan each. Then measures, as medians of several runs (and the first run
after opening, cold):

- the timeline read of a typical pupil (local_db.documentation.timeline.pupil_timeline:
  the term's attendance, results, grades, notes, adjustments; budget 100 ms);
- the whole Pupils page read for that pupil, as the page does on opening
  it (groups, list, detail, attendance, documentation, timeline);
- the timeline's model filled and every cell's text, as the view asks;
- the pupil with 1,000 notes;
- the documentation PDF (HTML made and the PDF written).

Timings are printed as a table, never asserted (machines here are noisy).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
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
from desktop.exports.documentation_pdf import (  # noqa: E402
    documentation_html,
    write_documentation_pdf,
)
from desktop.models.timeline_models import TimelineTableModel  # noqa: E402
from local_db import repositories  # noqa: E402
from local_db.attendance import pupil_attendance  # noqa: E402
from local_db.cache import Cache, open_cache  # noqa: E402
from local_db.documentation import pupil_documentation  # noqa: E402
from local_db.documentation.timeline import build_timeline, pupil_timeline  # noqa: E402
from sync_protocol import ids  # noqa: E402
from sync_protocol.terms import term_for  # noqa: E402
from tests.local_db.records import RecordBuilder  # noqa: E402

TERM_START = dt.date(2026, 8, 17)  # a Monday
WEEKS = 16
TODAY = TERM_START + dt.timedelta(weeks=WEEKS, days=-3)  # the Friday of week 16
GROUPS, PER_GROUP = 10, 30
SUBJECTS = ["Matematik", "Svenska", "Engelska", "NO", "SO", "Idrott", "Bild", "Musik", "Slöjd"]
STATES = ("present", "late", "absent", "valid_absence")
WEIGHTS = (900, 40, 30, 30)
NOTES, HEAVY_NOTES, PLANS = 10_000, 1_000, 5_000
CATEGORIES = ("observation", "extra_adjustment", "talk", "other")
VISIBILITIES = ("teachers", "mentors", "private")


def build(cache: Cache) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """(teacher, a typical pupil of the class, the pupil with 1,000 notes)."""
    rng = random.Random(11)
    data = RecordBuilder()
    teacher = data.person("Karin", "Lärare")
    colleague = data.person("Cecilia", "Carlsson")
    pupils: list[uuid.UUID] = []
    groups = []
    for number in range(GROUPS):
        group = data.group(f"{7 + number % 3}{'ABCDEFGHIJ'[number]}")
        groups.append(group)
        for seat in range(PER_GROUP):
            pupil = data.person(f"Elev{number}-{seat}", "Åkesson")
            data.member(group, pupil, TERM_START)
            pupils.append(pupil)
    data.apply_to(cache)
    the_class = pupils[:PER_GROUP]
    for subject in SUBJECTS:
        activity = data.activity(f"{subject} 7A", [groups[0]], [teacher], subject_name=subject)
        per_week = 5 if subject in SUBJECTS[:6] else 4
        for week in range(WEEKS):
            monday = dt.datetime.combine(TERM_START, dt.time(7), dt.UTC) + dt.timedelta(weeks=week)
            for slot in range(per_week):
                lesson = data.lesson(activity, monday + dt.timedelta(days=slot, hours=week % 3), 50)
                data.add(
                    "lesson_registration",
                    ids.lesson_registration_id(lesson),
                    lesson_id=lesson,
                    activity_id=activity,
                    registered=True,
                )
                for pupil in the_class:
                    state = rng.choices(STATES, WEIGHTS)[0]
                    data.add(
                        "attendance",
                        ids.attendance_id(lesson, pupil),
                        lesson_id=lesson,
                        pupil_id=pupil,
                        activity_id=activity,
                        status=state,
                        late_minutes=10 if state == "late" else None,
                    )
        for number in range(10):
            test = data.add(
                "assessment",
                title=f"{subject} prov {number}",
                assessment_type="test",
                assessment_date=TERM_START + dt.timedelta(weeks=number + 1),
                scale_kind="points",
                max_points=40,
                activity_id=activity,
                description="",
                planning_unit_id=None,
            )
            for pupil in the_class:
                data.add(
                    "assessment_result",
                    ids.assessment_result_id(test, pupil),
                    assessment_id=test,
                    pupil_id=pupil,
                    activity_id=activity,
                    grade=None,
                    points=rng.randint(5, 40),
                    comment="Bra jobbat." if number % 3 == 0 else "",
                )
        for pupil in the_class:
            data.add(
                "term_grade",
                pupil_id=pupil,
                activity_id=activity,
                term="VT2026",
                grade=rng.choice("ABCDE"),
            )
        data.apply_to(cache)
    heavy = the_class[1]
    _notes(cache, data, rng, (teacher, colleague), pupils, heavy=heavy)
    _plans(cache, data, teacher, groups[1])
    return teacher, the_class[0], heavy


def _notes(
    cache: Cache,
    data: RecordBuilder,
    rng: random.Random,
    authors: tuple[uuid.UUID, uuid.UUID],
    pupils: list[uuid.UUID],
    *,
    heavy: uuid.UUID,
) -> None:
    teacher, colleague = authors
    for number in range(NOTES):
        pupil = heavy if number < HEAVY_NOTES else rng.choice(pupils)
        visibility = VISIBILITIES[number % 3]
        data.add(
            "pupil_note",
            pupil_id=pupil,
            category=CATEGORIES[number % 4],
            body=f"Anteckning {number}: räcker upp handen, arbetar väl.\nMer text här.",
            visibility=visibility,
            note_date=TERM_START + dt.timedelta(days=number % 110),
            term="HT2026" if number % 4 == 2 else None,
        )
        author = teacher if visibility == "private" else colleague
        data.records[-1] = data.records[-1].model_copy(update={"created_by": author})
        if len(data.records) >= 2000:
            data.apply_to(cache)
    for pupil in pupils:
        data.add(
            "support_adjustment",
            pupil_id=pupil,
            what="Extra tid på prov",
            start_date=TERM_START,
            end_date=None,
            evaluation="",
        )
    data.apply_to(cache)


def _plans(cache: Cache, data: RecordBuilder, teacher: uuid.UUID, group: uuid.UUID) -> None:
    other = data.activity("Teknik 8B", [group], [teacher], subject_name="Teknik")
    first = dt.datetime(2024, 8, 19, 8, tzinfo=dt.UTC)
    for number in range(PLANS):
        lesson = data.lesson(other, first + dt.timedelta(hours=number * 7), 50)
        data.add(
            "lesson_plan",
            ids.lesson_plan_id(lesson),
            lesson_id=lesson,
            activity_id=other,
            planning_unit_id=None,
            content=f"Genomgång {number}",
            homework="",
        )
        if len(data.records) >= 2000:
            data.apply_to(cache)
    data.apply_to(cache)


def median_ms(work: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """The first (cold) run, then the median and max of `runs` more."""
    first, *times = times_ms(work, runs + 1)
    return first, statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cache.db"
        key = secrets.token_bytes(32)
        cache = open_cache(path, key)
        started = time.perf_counter()
        teacher, pupil, heavy = build(cache)
        built = time.perf_counter() - started
        cache.close()
        cache = open_cache(path, key)  # cold: as after a start
        with cache.connect() as conn:
            counts = {
                table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
                for table in ("pupil_note", "lesson_plan", "attendance", "assessment_result")
            }
        term = term_for(TODAY)
        model = TimelineTableModel()

        def timeline(who: uuid.UUID) -> Callable[[], object]:
            def read() -> object:
                with cache.connect() as conn:
                    return pupil_timeline(conn, who, teacher, TODAY)

            return read

        def page_read() -> object:
            with cache.connect() as conn:
                groups = repositories.groups_for_teacher(conn, teacher, TODAY)
                for group in groups:
                    repositories.pupils_in_group(conn, group.id, TODAY)
                repositories.pupil_detail(conn, pupil)
                attendance = pupil_attendance(conn, pupil, term.start, TODAY)
                documentation = pupil_documentation(conn, pupil, teacher)
                return build_timeline(
                    conn,
                    pupil,
                    TODAY,
                    attendance=attendance,
                    documentation=documentation,
                )

        shown = timeline(pupil)()

        def fill_model() -> None:
            model.set_rows(shown.entries)  # type: ignore[attr-defined]
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    model.index(row, column).data(Qt.ItemDataRole.DisplayRole)

        with cache.connect() as conn:
            detail = repositories.pupil_detail(conn, pupil)
            attendance = pupil_attendance(conn, pupil, term.start, TODAY)
            documentation = pupil_documentation(conn, pupil, teacher)
        assert detail is not None
        pdf = Path(folder) / "talk.pdf"

        def export() -> None:
            text = documentation_html(
                detail.pupil,
                detail.memberships,
                documentation,
                attendance,
                teacher_name="Karin Lärare",
                made_on=TODAY,
            )
            write_documentation_pdf(pdf, text, detail.pupil)

        entries = len(shown.entries)  # type: ignore[attr-defined]
        heavy_entries = len(timeline(heavy)().entries)  # type: ignore[attr-defined]
        figures = [
            (f"timeline read, a typical pupil ({entries} entries)", timeline(pupil)),
            ("the whole Pupils page read for that pupil", page_read),
            (f"timeline model filled + every cell ({entries} rows)", fill_model),
            (
                f"timeline read, the pupil with 1,000 notes ({heavy_entries} entries)",
                timeline(heavy),
            ),
            ("documentation PDF: HTML + write", export),
        ]
        print(
            f"cache: {counts['pupil_note']} notes, {counts['lesson_plan']} lesson plans, "
            f"{counts['attendance']} attendance rows, {counts['assessment_result']} results; "
            f"built in {built:.1f} s; {args.runs} runs each\n"
        )
        print("| what | first (cold) ms | median ms | max ms |")
        print("|---|---:|---:|---:|")
        for name, work in figures:
            first, med, worst = median_ms(work, args.runs)
            print(f"| {name} | {first:.1f} | {med:.1f} | {worst:.1f} |")
        cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

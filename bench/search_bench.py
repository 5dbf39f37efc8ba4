"""Offline search as the teacher types, with 10,000 notes and 5,000 lesson plans (issue 11, item 7).

    .venv/bin/python bench/search_bench.py [--runs 20]

Builds an encrypted cache on disk: 300 pupils in 10 groups (two guardians
each), 10,000 notes and 300 extra anpassningar written from a vocabulary of
school words, 5,000 lessons with a plan each, 200 units and a subject of the
catalogue. Then times `local_db.search.search` (the MATCH, the ranking, the
snippets and the hits' headings: everything the DB worker does for one
keystroke) for typical as-you-type input: 1, 2, 3 and 5 letters, a whole
word, two words, a Swedish word with å/ä/ö. Each row is several inputs of
its kind, each searched `--runs` times; p50, p95 and max in milliseconds.

Also the cost of the index on the pull path: the same pages (every record
above) applied to a fresh cache with the index's triggers and to one
without them.

Timings are printed as a table, never asserted (machines here are noisy).
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
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench.timing import times_ms  # noqa: E402
from local_db.cache import Cache, open_cache  # noqa: E402
from local_db.search import search  # noqa: E402
from local_db.sync.page_apply import apply_page, decode_page  # noqa: E402
from sync_protocol import ids  # noqa: E402
from sync_protocol.wire import ChangePage  # noqa: E402
from tests.local_db.records import RecordBuilder  # noqa: E402
from tests.support.catalogue_files import subject_file  # noqa: E402
from tests.support.catalogue_records import add_subject  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


NOTES, PLANS, UNITS, GROUPS, PER_GROUP = 10_000, 5_000, 200, 10, 30
START = dt.date(2026, 8, 17)
GIVEN = _words(
    "Åsa Björn Märta Olle Sara Elias Ebba Noah Wilma Hugo Alice Liam Maja Ture Signe Örjan "
    "Ella Nils Vera Axel"
)
FAMILY = _words(
    "Öberg Andersson Lindqvist Ek Åkesson Nyström Holm Sjöberg Björk Wallin Lund Engström "
    "Berg Ström Hägg"
)
WORDS = _words(
    "bråktal procent decimaltal multiplikation division ekvation geometri omkrets area volym "
    "läsförståelse skrivande högläsning stavning grammatik ordklasser novell dikt "
    "fotosyntes ekosystem näringskedja människokroppen kemi fysik kraft energi ljus ljud "
    "medeltiden vikingatiden reformationen demokrati riksdag kommun ekonomi geografi "
    "kartan klimatet glosor hörförståelse uttal samtal presentation grupparbete "
    "koncentration uppmärksamhet självständigt noggrant snabbt lugnt aktivt frånvarande "
    "räcker upp handen arbetar väl behöver stöd extra tid lugn plats uppläst text "
    "bildstöd repetition diagnos läxa prov inlämning utvecklingssamtal mentor vårdnadshavare "
    "måndag tisdag onsdag torsdag fredag förmiddag eftermiddag lektion rast idrott simning"
)
#: As typed: rows of the table, each with its inputs.
QUERIES: list[tuple[str, list[str]]] = [
    ("1 letter", ["b", "p", "s", "m", "å"]),
    ("2 letters", ["br", "pr", "sa", "ma", "gl"]),
    ("3 letters", ["brå", "pro", "geo", "ekv", "läs"]),
    ("5 letters", ["bråkt", "proce", "geome", "ekvat", "läsfö"]),
    ("a whole word", ["bråktal", "procent", "geometri", "fotosyntes", "glosor"]),
    ("two words", ["bråk prov", "extra tid", "läs text", "ekvation läxa", "åsa öberg"]),
    ("a Swedish word", ["läsförståelse", "hörförståelse", "måndag", "näringskedja", "Sjöberg"]),
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def school_pages() -> list[ChangePage]:
    """Everything the benchmark's cache holds, as pages of 2,000 records."""
    rng = random.Random(7)
    data = RecordBuilder()
    pages: list[ChangePage] = []

    def cut() -> None:
        if len(data.records) >= 2000:
            pages.append(data.page(f"c{len(pages)}"))
            data.records.clear()

    teacher = data.person("Karin", "Lärare")
    pupils = []
    for number in range(GROUPS):
        name = f"{7 + number % 3}{'ABCDEFGHIJ'[number]}"
        group = data.group(name)
        activity = data.activity(f"Matematik {name}", [group], [teacher])
        for _seat in range(PER_GROUP):
            family = rng.choice(FAMILY)
            pupil = data.person(rng.choice(GIVEN), family)
            data.member(group, pupil, START)
            pupils.append((pupil, activity))
            for _ in range(2):
                guardian = data.person(rng.choice(GIVEN), family)
                data.add("guardian_relation", pupil_id=pupil, guardian_id=guardian)
            cut()
    activities = sorted({activity for _pupil, activity in pupils})
    for number in range(NOTES):
        pupil, _activity = rng.choice(pupils)
        data.add(
            "pupil_note", pupil_id=pupil, activity_id=None, category="observation",
            body=_sentence(rng, rng.randint(8, 40)), visibility="teachers",
            note_date=START + dt.timedelta(days=number % 110), term=None,
        )  # fmt: skip
        cut()
    for pupil, _activity in pupils:
        data.add(
            "support_adjustment", pupil_id=pupil, what=_sentence(rng, 4),
            start_date=START, end_date=None, evaluation=_sentence(rng, 12),
        )  # fmt: skip
        cut()
    units = []
    for number in range(UNITS):
        activity = activities[number % len(activities)]
        units.append(
            data.add(
                "planning_unit",
                activity_id=activity,
                title=_sentence(rng, 3),
                aims=_sentence(rng, 30),
                central_content=_sentence(rng, 30),
                assessment_criteria=_sentence(rng, 20),
                start_date=None,
                end_date=None,
                curriculum="",
                status=None,
            )
        )
        cut()
    first = dt.datetime(2024, 8, 19, 8, tzinfo=dt.UTC)
    for number in range(PLANS):
        activity = activities[number % len(activities)]
        lesson = data.lesson(activity, first + dt.timedelta(hours=number * 7), 50)
        data.add(
            "lesson_plan", ids.lesson_plan_id(lesson), lesson_id=lesson, activity_id=activity,
            planning_unit_id=units[number % UNITS], content=_sentence(rng, rng.randint(10, 50)),
            homework=_sentence(rng, 6), links="",
        )  # fmt: skip
        cut()
    add_subject(data, subject_file(version=1))
    pages.append(data.page(f"c{len(pages)}"))
    return pages


def apply_all(cache: Cache, pages: list[ChangePage], *, triggers: bool) -> float:
    """Seconds to decode and apply every page, each in its transaction."""
    if not triggers:
        with cache.begin() as conn:
            names = conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'"
                )
            ).scalars()
            for name in list(names):
                conn.execute(text(f'DROP TRIGGER "{name}"'))
    start = time.perf_counter()
    for page in pages:
        decoded = decode_page(page)
        with cache.begin() as conn:
            apply_page(conn, decoded, dt.datetime.now(dt.UTC))
    return time.perf_counter() - start


def _row(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"| {label} | {statistics.median(ordered):.1f} | {p95:.1f} | {ordered[-1]:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    pages = school_pages()
    records = sum(len(page.changes) for page in pages)
    with tempfile.TemporaryDirectory() as folder:
        pull_times = {}
        for triggers in (False, True):
            cache = open_cache(Path(folder) / f"pull-{triggers}.db", secrets.token_bytes(32))
            pull_times[triggers] = apply_all(cache, pages, triggers=triggers)
            cache.close()
        key = secrets.token_bytes(32)
        cache = open_cache(Path(folder) / "search.db", key)
        apply_all(cache, pages, triggers=True)
        cache.close()
        cache = open_cache(Path(folder) / "search.db", key)
        me = uuid.uuid4()
        print(
            f"{records:,} records: {NOTES:,} notes, {PLANS:,} lesson plans, {UNITS} units, "
            f"{GROUPS * PER_GROUP} pupils (and their guardians), a catalogue subject"
        )
        print(f"\nsearch as you type, {args.runs} runs of each input (ms)\n")
        print("| input | p50 | p95 | max |\n|---|---|---|---|")
        everything: list[float] = []
        with cache.connect() as conn:
            for label, inputs in QUERIES:
                times: list[float] = []
                for typed in inputs:
                    search(conn, typed, me)  # the first of each: pages into the cache
                    times += times_ms(lambda typed=typed: search(conn, typed, me), args.runs)
                everything += times
                print(_row(f"{label} ({', '.join(inputs)})", times))
        print(_row("all of the above", everything))
        cache.close()
    without, with_index = pull_times[False], pull_times[True]
    print(f"\npull path, {records:,} records applied in pages of 2,000 (s)\n")
    print("| index | seconds | records/s |\n|---|---|---|")
    print(f"| without the search triggers | {without:.2f} | {records / without:,.0f} |")
    print(f"| with them | {with_index:.2f} | {records / with_index:,.0f} |")
    extra = with_index - without
    print(f"\nthe index adds {extra:.2f} s ({extra / without * 100:.0f} %)")


if __name__ == "__main__":
    main()

"""CSV import: problems reported with file and line and nothing changed,
dry runs, large imports in change-sets, the command line.

Runs on SQLite and, with KLASSBOK_TEST_POSTGRES_URL, on PostgreSQL.
"""

from __future__ import annotations

import math
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from server.db import current_seq, make_engine
from server.services.imports.csv_existing import IMPORTED_KINDS
from server.tables import synced
from tests.server.imports.csv_support import (
    BAD,
    SAMPLE,
    SAMPLE_COUNTS,
    live_counts,
    rejected,
    run_import,
    snapshot,
)
from tests.support.server_process import run_cli

#: (file, line, what the message must say) for tests/data/csv_bad/many_errors.
MANY_ERRORS = [
    ("schools.csv", 3, "duplicate school_id 'S1' (first on line 2)"),
    ("persons.csv", 4, "unknown security_marking 'Hemlig'"),
    ("persons.csv", 5, "bad date '2013-02-30' in birth_date"),
    ("persons.csv", 6, "wrong check digit"),
    ("persons.csv", 7, "unknown role 'rektor'"),
    ("persons.csv", 8, "security_marking is empty"),
    ("persons.csv", 8, "'not-an-email' is not an e-mail address"),
    ("groups.csv", 3, "unknown school_id 'S9'"),
    ("groups.csv", 4, "end_date 2026-06-01 is before start_date 2026-08-17"),
    ("groups.csv", 5, "unknown group_type 'Klassen'"),
    ("groups.csv", 6, "bad date '2026/08/17' in start_date"),
    ("groups.csv", 6, "school_year must be a whole number from 0 to 10"),
    ("memberships.csv", 3, "unknown person_id 'P9'"),
    ("memberships.csv", 4, "person_id 'T1' is not a pupil"),
    ("memberships.csv", 5, "already has a membership of group '7A' from 2026-08-17 on line 2"),
    ("memberships.csv", 6, "expected 4 cells like the header, found 2"),
    ("guardians.csv", 3, "guardian_id 'P1' is not a guardian (vårdnadshavare)"),
    ("guardians.csv", 3, "cannot be their own guardian"),
    ("guardians.csv", 4, "already paired on line 2"),
    ("guardians.csv", 5, "unknown relation 'Kusin'"),
    ("activities.csv", 3, "unknown teachers 'T7'"),
    ("activities.csv", 3, "'7A' is listed twice in groups"),
    ("activities.csv", 3, "grader 'T2' is not one of the activity's teachers"),
    ("timetable.csv", 2, "unknown weekday 'funday'"),
    ("timetable.csv", 4, "repeats line 3"),
    ("timetable.csv", 5, "week range '60-62'"),
    ("timetable.csv", 6, "matches no date"),
    ("lessons.csv", 2, "end 08:10 is not after start 09:00"),
    ("lessons.csv", 3, "bad time '8.75' in start"),
    ("lessons.csv", 4, "unknown activity_id 'MA9Z'"),
    ("lessons.csv", 4, "'kanske' in cancelled is not yes or no"),
    ("lessons.csv", 6, "duplicate lesson_id 'L1' (first on line 5)"),
    ("lessons.csv", 7, "already has a lesson starting 2026-08-17 08:10 (timetable.csv line 3)"),
]


def test_every_problem_is_reported_with_file_and_line_and_nothing_changes(engine: Engine) -> None:
    run_import(engine, SAMPLE)
    before = snapshot(engine)

    problems = rejected(engine, BAD / "many_errors")

    for file, line, fragment in MANY_ERRORS:
        prefix = f"{file}:{line}: "
        assert any(p.startswith(prefix) and fragment in p for p in problems), (
            prefix,
            fragment,
            problems,
        )
    assert len(problems) == len(MANY_ERRORS)
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("not_utf8", ["persons.csv:2: the file is not UTF-8 text"]),
        (
            "unknown_column",
            [
                "groups.csv:1: unknown column 'nmae'",
                "groups.csv:1: required column 'name' is missing",
            ],
        ),
        ("unknown_file", ["person.csv: unknown file"]),
        ("empty_file", ["guardians.csv: the file is empty"]),
    ],
)
def test_a_file_that_cannot_be_read_is_reported_and_nothing_is_imported(
    engine: Engine, school_files: Path, case: str, expected: list[str]
) -> None:
    for bad in (BAD / case).iterdir():
        shutil.copy(bad, school_files / bad.name)
    before = snapshot(engine)

    problems = rejected(engine, school_files)

    # Only the file's own problem: no echo of it from every row referring to it.
    assert len(problems) == len(expected), problems
    for fragment, problem in zip(expected, problems, strict=True):
        assert problem.startswith(fragment)
    assert snapshot(engine) == before


def test_a_dry_run_reports_counts_and_writes_nothing(engine: Engine) -> None:
    before = snapshot(engine)

    report = run_import(engine, SAMPLE, dry_run=True)

    assert report.dry_run
    assert {kind: c.created for kind, c in report.counts.items()} == SAMPLE_COUNTS
    assert snapshot(engine) == before
    assert before["counter"] == 0


def test_a_large_import_is_published_in_change_sets_of_about_1000_rows(
    engine: Engine, school_files: Path
) -> None:
    rows = ["activity_id,weekday,start,end,first_date,last_date,weeks,room"]
    activities = ["EKB-MA7A", "EKB-MA7B", "EKB-SV7A", "EKB-SV7B", "EKB-SPA7"]
    for activity in activities:
        for weekday in range(1, 6):
            for hour in range(8, 15):
                rows.append(
                    f"{activity},{weekday},{hour:02d}:00,{hour:02d}:50,2026-08-17,2026-12-18,,"
                )
    (school_files / "timetable.csv").write_text("\n".join(rows) + "\n", "utf-8")
    (school_files / "lessons.csv").unlink()

    report = run_import(engine, school_files)

    lessons = len(activities) * 5 * 7 * 18  # weeks 34-51
    total = sum(SAMPLE_COUNTS.values()) - SAMPLE_COUNTS["lesson"] + lessons
    assert report.counts["lesson"].created == lessons
    assert len(report.change_sets) == math.ceil(total / 1000)
    per_seq: Counter[int] = Counter()
    with engine.connect() as conn:
        for kind in IMPORTED_KINDS:
            per_seq.update(conn.execute(select(synced[kind].c.seq)).scalars())
        assert current_seq(conn) == report.change_sets[-1]
    assert sorted(per_seq) == list(report.change_sets)
    # A person whose protection flag was set moves into the last change-set.
    assert sum(per_seq.values()) == total
    assert all(per_seq[seq] <= 1000 for seq in report.change_sets[:-1])
    assert per_seq[report.change_sets[-1]] <= 1000 + report.protection_changes


def test_the_command_line_imports_and_reports_problems_with_file_and_line(
    database_factory: Callable[[], str], school_files: Path
) -> None:
    url = database_factory()
    run_cli(url, "init-db")

    dry = run_cli(url, "import-csv", str(school_files), "--dry-run")
    bad = run_cli(url, "import-csv", str(BAD / "many_errors"), check=False)
    good = run_cli(url, "import-csv", str(school_files))
    again = run_cli(url, "import-csv", str(school_files))

    assert "Dry run: the files are valid; nothing was written." in dry.stdout
    assert bad.returncode == 1
    assert "Nothing was imported: 33 problems" in bad.stderr
    assert "persons.csv:4: unknown security_marking 'Hemlig'" in bad.stderr
    assert "lessons.csv:6: duplicate lesson_id 'L1'" in bad.stderr
    assert "Published as change-set 1." in good.stdout
    assert "Contact protection switched for 5 person(s)." in good.stdout
    assert "Nothing changed." in again.stdout
    engine = make_engine(url)
    try:
        assert live_counts(engine) == SAMPLE_COUNTS
    finally:
        engine.dispose()


def test_an_uninitialised_database_is_refused_with_a_hint(
    database_factory: Callable[[], str],
) -> None:
    result = run_cli(database_factory(), "import-csv", str(SAMPLE), check=False)

    assert result.returncode == 1
    assert "run `klassbok-server init-db` first" in result.stderr

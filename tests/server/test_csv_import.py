"""CSV import of a school's roster and timetable (docs/csv_import.md).

Runs on SQLite and, with KLASSBOK_TEST_POSTGRES_URL, on PostgreSQL: each test
gets a fresh database migrated by the real migrations.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select, update

from server.db import current_seq, make_engine, write_transaction
from server.migrations import upgrade_to_head
from server.services.change_sets import ChangeSetWriter
from server.services.csv_existing import IMPORTED_KINDS
from server.services.csv_import import CsvImportRejected, ImportReport, import_csv_directory
from server.services.protection import refresh_contact_protection
from server.tables import synced
from sync_protocol import ids
from tests.support.server_process import run_cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "server" / "samples" / "csv"
BAD = ROOT / "tests" / "data" / "csv_bad"

#: What server/samples/csv holds.
SAMPLE_COUNTS = {
    "school": 1,
    "person": 23,
    "group": 3,
    "group_membership": 13,
    "guardian_relation": 12,
    "activity": 5,
    "activity_group": 5,
    "activity_teacher": 6,
    "lesson": 103,  # 6 weekly rows x 17 weeks + 1 single lesson
}
#: Two marked pupils and their guardians.
SAMPLE_PROTECTED = {"P-003", "P-006", "G-004", "G-005", "G-008"}


@pytest.fixture
def engine(database_factory: Callable[[], str]) -> Iterator[Engine]:
    engine = make_engine(database_factory())
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def school_files(tmp_path: Path) -> Path:
    """A copy of the sample school the test may edit."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "school"))


def run_import(engine: Engine, directory: Path, **options: Any) -> ImportReport:
    with write_transaction(engine) as conn:
        return import_csv_directory(conn, directory, **options)


def rejected(engine: Engine, directory: Path, **options: Any) -> list[str]:
    with pytest.raises(CsvImportRejected) as caught:
        run_import(engine, directory, **options)
    return [str(problem) for problem in caught.value.problems]


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every imported row, all columns, and the sequence counter."""
    with engine.connect() as conn:
        rows = {
            kind: sorted(
                (tuple(row) for row in conn.execute(select(synced[kind]))), key=lambda r: str(r[0])
            )
            for kind in IMPORTED_KINDS
        }
        return {"rows": rows, "counter": current_seq(conn)}


def live_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            kind: conn.execute(
                select(func.count())
                .select_from(synced[kind])
                .where(synced[kind].c.deleted.is_(False))
            ).scalar_one()
            for kind in IMPORTED_KINDS
        }


def by_external_id(engine: Engine, kind: str) -> dict[str, Any]:
    table = synced[kind]
    with engine.connect() as conn:
        return {row.external_id: row for row in conn.execute(select(table))}


def drop_line(path: Path, start: str) -> None:
    """Remove the one line that starts with `start`."""
    lines = path.read_text("utf-8-sig").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"{start!r} in {path.name}"
    path.write_text("".join(kept), "utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8-sig")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), "utf-8")


def test_sample_school_imports_completely(engine: Engine) -> None:
    report = run_import(engine, SAMPLE)

    assert {kind: c.created for kind, c in report.counts.items()} == SAMPLE_COUNTS
    assert live_counts(engine) == SAMPLE_COUNTS
    persons = by_external_id(engine, "person")
    assert {ext for ext, row in persons.items() if row.contact_protected} == SAMPLE_PROTECTED
    assert persons["P-006"].security_marking == "protected_registration"
    assert persons["P-003"].security_marking == "confidential"
    # Personnummer in any accepted form is stored as YYYYMMDD-NNNN.
    assert persons["T-MARO"].civic_no == "19780604-2862"
    assert persons["T-JOHA"].civic_no == "19850929-3646"
    memberships = {
        (row.group_id, row.person_id): row
        for row in by_external_id(engine, "group_membership").values()
    }
    groups = by_external_id(engine, "group")
    joined = memberships[(groups["EKB-7A"].id, persons["P-004"].id)]
    left = memberships[(groups["EKB-7B"].id, persons["P-008"].id)]
    assert (joined.start_date, joined.end_date) == (dt.date(2026, 10, 5), None)
    assert (left.start_date, left.end_date) == (dt.date(2026, 8, 17), dt.date(2026, 9, 30))
    with engine.connect() as conn:
        relation = synced["guardian_relation"]
        guardians_of_sara = set(
            conn.execute(
                select(relation.c.guardian_id).where(relation.c.pupil_id == persons["P-009"].id)
            ).scalars()
        )
        teachers = synced["activity_teacher"]
        co_teaching = {
            row.teacher_id: row.grader
            for row in conn.execute(
                select(teachers).where(
                    teachers.c.activity_id == by_external_id(engine, "activity")["EKB-MA7B"].id
                )
            )
        }
    assert guardians_of_sara == {persons["T-JOHA"].id, persons["G-011"].id}
    assert co_teaching == {persons["T-ANLI"].id: True, persons["T-JOHA"].id: False}
    # Swedish local time, stored as UTC: summer (+2) and winter (+1) time.
    lessons = by_external_id(engine, "lesson")
    assert lessons["EKB-MA7A|2026-08-17T08:10"].start_time == dt.datetime(
        2026, 8, 17, 6, 10, tzinfo=dt.UTC
    )
    assert lessons["EKB-MA7A|2026-12-14T08:10"].start_time == dt.datetime(
        2026, 12, 14, 7, 10, tzinfo=dt.UTC
    )
    # No lessons in höstlov (week 44), which the weekly rows leave out.
    assert "EKB-MA7A|2026-10-26T08:10" not in lessons
    cancelled = [row for row in lessons.values() if row.cancelled]
    assert [(row.external_id, row.room) for row in cancelled] == [
        ("EKB-MA7A|2026-09-07T08:10", "Sal 12")
    ]
    assert cancelled[0].comment == "Inställd: studiedag, eleverna är lediga"
    assert lessons["EKB-SV7A-EXTRA-1"].room == "Biblioteket"
    assert report.change_sets == (1,)
    assert report.protection_changes == len(SAMPLE_PROTECTED)


def test_importing_the_same_files_again_changes_nothing(engine: Engine) -> None:
    run_import(engine, SAMPLE)
    before = snapshot(engine)

    report = run_import(engine, SAMPLE)

    assert snapshot(engine) == before
    assert report.change_sets == ()
    assert {kind: c.unchanged for kind, c in report.counts.items()} == SAMPLE_COUNTS
    assert report.changed_rows == 0


def test_changed_files_update_rows_and_contact_protection(
    engine: Engine, school_files: Path
) -> None:
    run_import(engine, school_files)
    before = by_external_id(engine, "person")
    # Elsa gets skyddad folkbokföring; Wilma's marking is lifted; a guardian's
    # e-mail changes; Peter is no longer Elsa's guardian; Johan stops co-teaching.
    persons = school_files / "persons.csv"
    edit(
        persons,
        "P-001;elev;Elsa;Andersson;Ingen",
        "P-001;elev;Elsa;Andersson;Skyddad folkbokföring",
    )
    edit(persons, "P-003;elev;Wilma;Nguyen;Sekretessmarkering", "P-003;elev;Wilma;Nguyen;Ingen")
    edit(persons, "erik.berg@example.se", "erik.berg@example.org")
    edit(school_files / "guardians.csv", "P-001,G-002,Vårdnadshavare\n", "")
    edit(school_files / "activities.csv", "T-ANLI|T-JOHA,T-ANLI", "T-ANLI,")

    report = run_import(engine, school_files)

    after = by_external_id(engine, "person")
    (seq,) = report.change_sets
    assert seq > before["P-001"].seq
    assert after["P-001"].security_marking == "protected_registration"
    assert after["G-010"].email == "erik.berg@example.org"
    protected = {ext for ext, row in after.items() if row.contact_protected}
    assert protected == {"P-001", "G-001", "P-006", "G-008"}
    # Everyone whose protection flipped is sent again, in this change-set.
    for ext in ("P-001", "G-001", "P-003", "G-004", "G-005", "G-010"):
        assert after[ext].seq == seq, ext
    for ext in ("P-002", "G-002", "T-ANLI"):
        assert after[ext].seq == before[ext].seq, ext
    # Field versions (docs/sync.md): what changed takes the new seq, the rest
    # keeps the version it had.
    first = before["P-001"].seq
    assert after["P-001"].field_seqs["given_name"] == first
    assert "security_marking" not in after["P-001"].field_seqs
    assert after["G-010"].field_seqs["given_name"] == first
    assert "email" not in after["G-010"].field_seqs
    assert after["G-001"].field_seqs["family_name"] == first
    assert not {"email", "phone", "street_address"} & set(after["G-001"].field_seqs)
    assert report.counts["guardian_relation"].deleted == 1
    assert report.counts["activity_teacher"].deleted == 1
    with engine.connect() as conn:
        relation = synced["guardian_relation"]
        dropped = conn.execute(
            select(relation).where(relation.c.guardian_id == after["G-002"].id)
        ).one()
        teachers = synced["activity_teacher"]
        johan = conn.execute(
            select(teachers).where(teachers.c.teacher_id == after["T-JOHA"].id)
        ).all()
    assert (dropped.deleted, dropped.seq) == (True, seq)
    assert {(row.grader, row.deleted) for row in johan} == {(True, False), (False, True)}
    assert report.counts["lesson"].unchanged == SAMPLE_COUNTS["lesson"]


def test_rows_missing_from_a_file_are_removed_only_with_sync_deletes(
    engine: Engine, school_files: Path
) -> None:
    run_import(engine, school_files)
    lessons = by_external_id(engine, "lesson")
    extra = lessons["EKB-SV7A-EXTRA-1"]
    # The extra lesson's roll call was taken: an import must never remove it.
    with write_transaction(engine) as conn:
        conn.execute(
            insert(synced["lesson_registration"]).values(
                id=ids.lesson_registration_id(extra.id),
                lesson_id=extra.id,
                activity_id=extra.activity_id,
                registered=True,
                seq=1,
                deleted=False,
            )
        )
    edit(school_files / "memberships.csv", "EKB-7A,P-002,2026-08-17,\n", "")
    drop_line(school_files / "lessons.csv", "EKB-SV7A,2026-09-04,14:00")
    edit(
        school_files / "timetable.csv",
        'EKB-SPA7,fredag,13:00,13:50,2026-08-17,2026-12-18,"34-43,45-51",Språksalen\n',
        "",
    )

    kept = run_import(engine, school_files)
    assert kept.changed_rows == 0
    assert live_counts(engine) == SAMPLE_COUNTS

    synced_deletes = run_import(engine, school_files, sync_deletes=True)

    assert synced_deletes.counts["group_membership"].deleted == 1
    assert synced_deletes.counts["lesson"].deleted == 17  # the Friday Spanish lessons
    assert synced_deletes.counts["lesson"].kept == 1
    counts = live_counts(engine)
    assert counts["group_membership"] == SAMPLE_COUNTS["group_membership"] - 1
    assert counts["lesson"] == SAMPLE_COUNTS["lesson"] - 17
    assert by_external_id(engine, "lesson")["EKB-SV7A-EXTRA-1"].deleted is False


def test_sync_deletes_removes_a_person_and_what_hangs_on_them(
    engine: Engine, school_files: Path
) -> None:
    run_import(engine, school_files)
    # A family entered another way (no external ids) is none of the import's business.
    pupil, parent = uuid.uuid4(), uuid.uuid4()
    with write_transaction(engine) as conn:
        writer = ChangeSetWriter(conn)
        for person_id, name in ((pupil, "Ebba"), (parent, "Lotta")):
            writer.insert(
                "person",
                {
                    "id": person_id,
                    "given_name": name,
                    "family_name": "Ek",
                    "security_marking": "none",
                },
            )
        writer.insert(
            "guardian_relation",
            {
                "id": uuid.uuid4(),
                "pupil_id": pupil,
                "guardian_id": parent,
                "relation_type": "guardian",
            },
        )
        writer.flush()
    drop_line(school_files / "persons.csv", "G-011;")
    edit(school_files / "guardians.csv", "P-009,G-011,Vårdnadshavare\n", "")

    report = run_import(engine, school_files, sync_deletes=True)

    assert report.counts["person"].deleted == 1
    assert report.counts["guardian_relation"].deleted == 1
    persons = by_external_id(engine, "person")
    assert persons["G-011"].deleted is True
    with engine.connect() as conn:
        relation = synced["guardian_relation"]
        live = (
            conn.execute(
                select(relation.c.guardian_id).where(
                    relation.c.pupil_id == persons["P-009"].id, relation.c.deleted.is_(False)
                )
            )
            .scalars()
            .all()
        )
    assert live == [persons["T-JOHA"].id]
    assert len(rows_of_pupil(engine, pupil)) == 1


def rows_of_pupil(engine: Engine, pupil_id: uuid.UUID) -> list[Any]:
    relation = synced["guardian_relation"]
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(relation).where(
                    relation.c.pupil_id == pupil_id, relation.c.deleted.is_(False)
                )
            )
        )


def test_protection_refresh_looks_only_at_the_persons_given(engine: Engine) -> None:
    run_import(engine, SAMPLE)
    person = synced["person"]
    stale = by_external_id(engine, "person")["G-004"]
    with write_transaction(engine) as conn:
        conn.execute(update(person).where(person.c.id == stale.id).values(contact_protected=False))

    with write_transaction(engine) as conn:
        others = refresh_contact_protection(conn, [by_external_id(engine, "person")["G-001"].id])
    with write_transaction(engine) as conn:
        fixed = refresh_contact_protection(conn, [stale.id])
        seq = current_seq(conn)

    assert (others, fixed) == (0, 1)
    refreshed = by_external_id(engine, "person")["G-004"]
    assert refreshed.contact_protected is True
    assert refreshed.seq == seq > stale.seq


def test_a_renumbered_person_is_found_by_personnummer(engine: Engine, school_files: Path) -> None:
    run_import(engine, school_files)
    elsa = by_external_id(engine, "person")["P-001"]
    for name in ("persons.csv", "memberships.csv", "guardians.csv"):
        path = school_files / name
        path.write_text(path.read_text("utf-8-sig").replace("P-001", "P-1001"), "utf-8")

    report = run_import(engine, school_files)

    renumbered = by_external_id(engine, "person")["P-1001"]
    assert renumbered.id == elsa.id
    assert report.counts["person"].created == 0
    assert report.counts["person"].updated == 1
    assert report.counts["group_membership"].created == 2  # their derived ids name the person


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

"""CSV import of a school's roster and timetable (docs/csv_import.md).

Runs on SQLite and, with KLASSBOK_TEST_POSTGRES_URL, on PostgreSQL: each test
gets a fresh database migrated by the real migrations.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select, update

from server.db import current_seq, write_transaction
from server.services.access.protection import refresh_contact_protection
from server.services.sync.change_sets import ChangeSetWriter
from server.tables import synced
from sync_protocol import ids
from tests.server.imports.csv_support import (
    SAMPLE,
    SAMPLE_COUNTS,
    SAMPLE_PROTECTED,
    by_external_id,
    drop_line,
    edit,
    live_counts,
    run_import,
    snapshot,
)


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

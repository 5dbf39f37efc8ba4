"""SS 12000 import from the loopback test double: a full run, then deltas
(docs/ss12000.md, "Importing a school"). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from server.tables import synced
from tests.server.ss12000_import.school import group, person, ref, sid
from tests.server.ss12000_import.support import (
    SCHOOL_COUNTS,
    live_counts,
    live_memberships,
    row_of,
    snapshot,
    state,
    sync,
)
from tests.support.ss12000_double import Ss12000Double


def test_a_full_run_imports_the_school(engine: Engine, double: Ss12000Double) -> None:
    report = sync(engine, double)

    assert report.mode == "full"
    assert report.modified_after is None
    assert {kind: c.created for kind, c in report.counts.items()} == SCHOOL_COUNTS
    assert live_counts(engine) == SCHOOL_COUNTS
    assert report.change_sets
    school = row_of(engine, "school", "unit")
    assert (school.name, school.school_unit_code, school.municipality) == (
        "Ekbackeskolan",
        "58212345",
        "0580",
    )
    alva = row_of(engine, "person", "pupil:alva")
    assert (alva.given_name, alva.civic_no, alva.birth_date) == (
        "Alva",
        "20130312-2345",
        dt.date(2013, 3, 12),
    )
    assert (alva.email, alva.street_address, alva.security_marking) == (
        "alva@elev.se",
        "Bergvägen 3",
        "none",
    )
    # Skyddad folkbokföring protects the pupil and her guardian.
    lova = row_of(engine, "person", "pupil:lova")
    assert (lova.security_marking, lova.contact_protected) == ("protected_registration", True)
    assert row_of(engine, "person", "guardian:per").contact_protected is True
    assert row_of(engine, "person", "guardian:ida").contact_protected is False
    assert row_of(engine, "group", "group:7A").group_type == "class"
    activity = row_of(engine, "activity", "activity:7A")
    assert (activity.subject_code, activity.subject_name, activity.activity_type) == (
        "MA",
        "Matematik",
        "teaching",
    )
    with engine.connect() as conn:
        teachers = synced["activity_teacher"]
        teacher = conn.execute(select(teachers).where(teachers.c.activity_id == activity.id)).one()
    assert teacher.teacher_id == row_of(engine, "person", "teacher:anna").id
    assert teacher.grader is True
    lesson = row_of(engine, "lesson", "lesson:7A:14")
    assert lesson.start_time == dt.datetime(2026, 9, 14, 6, 10, tzinfo=dt.UTC)
    assert (lesson.room, lesson.cancelled, lesson.activity_id) == ("Sal 7A", False, activity.id)
    after = state(engine)
    assert after.source_url == double.url
    assert after.last_run_started_at is not None
    assert after.in_progress_started_at is None
    assert after.last_error is None


def test_paging_asks_with_the_token_alone_and_the_token_stays_in_the_header(
    engine: Engine, double: Ss12000Double
) -> None:
    sync(engine, double)

    persons = [query for path, query, _ in double.requests if path.endswith("/persons")]
    assert len(persons) == 5  # 9 persons, 2 a page
    assert "pageToken" not in persons[0]
    assert all(set(query) == {"pageToken", "limit"} for query in persons[1:])
    assert all(auth == f"Bearer {double.token}" for _, _, auth in double.requests)
    assert not any(double.token in str(query) for _, query, _ in double.requests)
    events = [query for path, query, _ in double.requests if path.endswith("/calendarEvents")]
    assert events[0]["expandReferenceNames"] == ["true"]


def test_a_second_run_asks_for_changes_since_the_first_began(
    engine: Engine, double: Ss12000Double
) -> None:
    first = sync(engine, double)
    started = state(engine).last_run_started_at
    before = snapshot(engine)
    double.requests.clear()

    again = sync(engine, double)

    assert again.mode == "delta"
    assert again.modified_after == started
    assert sum(again.fetched.values()) == 0
    assert again.change_sets == ()
    assert snapshot(engine) == before
    asked = {path.rsplit("/", 1)[1]: query for path, query, _ in double.requests}
    stamp = started.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    assert asked["persons"]["meta.modified.after"] == [stamp]
    assert asked["deletedEntities"]["after"] == [stamp]
    assert first.mode == "full"


def test_a_delta_run_brings_a_new_pupil_a_move_a_deletion_and_a_protection(
    engine: Engine, double: Ss12000Double
) -> None:
    double.put("groups", group("group:mentor", "Mentorsgrupp Ek", ["pupil:omar"], "Mentor"))
    sync(engine, double)
    assert live_memberships(engine, "pupil:omar") == {sid("group:7B"), sid("group:mentor")}
    # A new pupil in 7A; Nils moves from 7B to 7A; the mentor group is
    # deleted; Alva gets sekretessmarkering.
    double.put(
        "persons",
        person("pupil:elsa", "Elsa", "Åberg", "201304041234", responsibles=("guardian:ida",)),
    )
    seven_a = double.get("groups", sid("group:7A"))
    seven_a["groupMemberships"] += [
        {"person": ref("pupil:elsa"), "startDate": "2026-10-05"},
        {"person": ref("pupil:nils"), "startDate": "2026-10-05"},
    ]
    double.put("groups", seven_a)
    seven_b = double.get("groups", sid("group:7B"))
    seven_b["groupMemberships"] = [
        m for m in seven_b["groupMemberships"] if m["person"]["id"] != sid("pupil:nils")
    ]
    double.put("groups", seven_b)
    double.delete("groups", sid("group:mentor"))
    alva = double.get("persons", sid("pupil:alva"))
    alva["securityMarking"] = "Sekretessmarkering"
    double.put("persons", alva)

    report = sync(engine, double)

    assert report.mode == "delta"
    assert report.fetched["persons"] == 2
    assert report.fetched["groups"] == 2
    assert report.deleted == {"groups": 1}
    assert live_memberships(engine, "pupil:elsa") == {sid("group:7A")}
    assert live_memberships(engine, "pupil:nils") == {sid("group:7A")}
    assert live_memberships(engine, "pupil:omar") == {sid("group:7B")}
    assert row_of(engine, "group", "group:mentor").deleted is True
    assert row_of(engine, "person", "pupil:alva").contact_protected is True
    assert row_of(engine, "person", "guardian:ida").contact_protected is True
    counts = live_counts(engine)
    assert counts["person"] == SCHOOL_COUNTS["person"] + 1
    assert counts["group"] == SCHOOL_COUNTS["group"]
    assert counts["guardian_relation"] == SCHOOL_COUNTS["guardian_relation"] + 1
    assert report.counts["group_membership"].deleted == 2  # Nils's in 7B, Omar's mentor group


def test_a_full_run_removes_what_the_source_no_longer_lists(
    engine: Engine, double: Ss12000Double
) -> None:
    sync(engine, double)
    # Gone without a trace in /deletedEntities (a source that keeps none).
    with double._lock:
        del double.objects["calendarEvents"][sid("lesson:7B:16")]

    assert sync(engine, double).counts["lesson"].deleted == 0
    report = sync(engine, double, full=True)

    assert report.mode == "full"
    assert report.counts["lesson"].deleted == 1
    assert row_of(engine, "lesson", "lesson:7B:16").deleted is True
    assert live_counts(engine)["lesson"] == SCHOOL_COUNTS["lesson"] - 1

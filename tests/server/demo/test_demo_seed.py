"""The seeded demo school Björkskolan (server.services.demo.demo_school).

Runs on SQLite and, with KLASSBOK_TEST_POSTGRES_URL, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from argon2 import PasswordHasher
from sqlalchemy import Engine, func, select

from local_db.sync.api_client import ApiClient
from server.db import current_seq, make_engine, write_transaction
from server.migrations import upgrade_to_head
from server.services.demo.demo_assessment import previous_term
from server.services.demo.demo_school import DemoSchoolExists, DemoSummary, seed_demo_school
from server.tables import synced, user_account
from sync_protocol import versions
from sync_protocol.entities import entity
from sync_protocol.hlc import HybridClock
from sync_protocol.wire import OpResult, PushBatch, PushOp, PushTransaction, TermGradeChange
from tests.support.server_process import ServerProcess, run_cli

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WEDNESDAY = dt.date(2026, 11, 25)
PASSWORD = "björk-demo-2026"
CONTACT_FIELDS = [spec.name for spec in entity("person").fields if spec.contact]


@pytest.fixture
def new_engine(database_factory: Callable[[], str]) -> Iterator[Callable[[], Engine]]:
    """Makes migrated, empty databases; disposes of them afterwards."""
    engines: list[Engine] = []

    def make() -> Engine:
        engine = make_engine(database_factory())
        upgrade_to_head(engine)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def engine(new_engine: Callable[[], Engine]) -> Engine:
    return new_engine()


@pytest.fixture(scope="module")
def seeded(database_factory: Callable[[], str]) -> Iterator[tuple[Engine, DemoSummary]]:
    """One demo school per backend for the tests that only read it."""
    engine = make_engine(database_factory())
    upgrade_to_head(engine)
    yield engine, seed(engine)
    engine.dispose()


def seed(engine: Engine, *, seed_value: int = 1, today: dt.date = WEDNESDAY) -> DemoSummary:
    with write_transaction(engine) as conn:
        return seed_demo_school(conn, seed=seed_value, today=today, password=PASSWORD)


def rows(engine: Engine, kind: str, *where: Any) -> list[Any]:
    table = synced[kind]
    with engine.connect() as conn:
        return list(conn.execute(select(table).where(*where).order_by(table.c.id)))


def person_id_of(engine: Engine, username: str) -> uuid.UUID:
    with engine.connect() as conn:
        found = conn.execute(
            select(user_account.c.person_id).where(user_account.c.username == username)
        ).scalar_one()
    assert isinstance(found, uuid.UUID)
    return found


def groups_taught_by(engine: Engine, teacher_id: uuid.UUID) -> set[str]:
    teachers, links, group = synced["activity_teacher"], synced["activity_group"], synced["group"]
    with engine.connect() as conn:
        return set(
            conn.execute(
                select(group.c.display_name)
                .join(links, links.c.group_id == group.c.id)
                .join(teachers, teachers.c.activity_id == links.c.activity_id)
                .where(teachers.c.teacher_id == teacher_id)
            ).scalars()
        )


def demo_lessons_on(engine: Engine, day: dt.date) -> list[Any]:
    teachers = synced["activity_teacher"]
    demo = person_id_of(engine, "demo")
    with engine.connect() as conn:
        activities = set(
            conn.execute(
                select(teachers.c.activity_id).where(teachers.c.teacher_id == demo)
            ).scalars()
        )
    return [
        lesson
        for lesson in rows(engine, "lesson")
        if lesson.activity_id in activities
        and lesson.start_time.astimezone(STOCKHOLM).date() == day
    ]


def test_the_same_seed_gives_the_same_school(new_engine: Callable[[], Engine]) -> None:
    first, second, other = new_engine(), new_engine(), new_engine()
    seed(first, seed_value=7)
    seed(second, seed_value=7)
    seed(other, seed_value=8)

    for kind in (
        "person",
        "group",
        "group_membership",
        "guardian_relation",
        "lesson",
        "attendance",
        "criteria_matrix",
        "assessment",
        "assessment_result",
        "term_grade",
    ):
        ids_first = [row.id for row in rows(first, kind)]
        assert ids_first == [row.id for row in rows(second, kind)], kind
        assert set(ids_first).isdisjoint(row.id for row in rows(other, kind)), kind
    names = [(p.given_name, p.family_name, p.email) for p in rows(first, "person")]
    assert names == [(p.given_name, p.family_name, p.email) for p in rows(second, "person")]
    statuses = [(a.id, a.status, a.late_minutes) for a in rows(first, "attendance")]
    assert statuses == [(a.id, a.status, a.late_minutes) for a in rows(second, "attendance")]
    results = [
        (r.id, r.points, r.levels, r.marker, r.comment) for r in rows(first, "assessment_result")
    ]
    assert results == [
        (r.id, r.points, r.levels, r.marker, r.comment) for r in rows(second, "assessment_result")
    ]
    assert [g.grade for g in rows(first, "term_grade")] == [
        g.grade for g in rows(second, "term_grade")
    ]


def test_the_demo_school_has_the_size_and_shape_of_a_real_one(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    engine, summary = seeded

    assert 450 <= summary.pupils <= 550
    assert 18 <= summary.counts["group"] <= 24
    assert summary.teachers == 21
    groups = {row.display_name: row for row in rows(engine, "group")}
    assert {"1A", "9B", "Spanska 8", "Tyska 9"} <= set(groups)
    memberships = rows(engine, "group_membership")
    class_ids = {row.id for row in groups.values() if row.group_type == "class"}
    pupils_in_classes = {m.person_id for m in memberships if m.group_id in class_ids}
    assert len(pupils_in_classes) == summary.pupils
    # Dated memberships: some pupils joined or left during the term.
    school_year_start = groups["1A"].start_date
    assert sum(1 for m in memberships if m.start_date > school_year_start) >= 3
    assert sum(1 for m in memberships if m.end_date is not None) >= 3
    guardians = rows(engine, "guardian_relation")
    per_pupil = Counter(relation.pupil_id for relation in guardians)
    assert set(per_pupil.values()) == {1, 2}
    assert len(per_pupil) == summary.pupils
    guardian_rows = rows(
        engine, "person", synced["person"].c.id.in_({r.guardian_id for r in guardians})
    )
    for guardian in guardian_rows:
        assert re.fullmatch(r"[a-z0-9.\-]+@example\.(se|com|org|net)", guardian.email), (
            guardian.email
        )
        assert re.fullmatch(r"070-174 06 \d\d", guardian.phone), guardian.phone
    # Siblings share guardians, as in a real school.
    assert len({g.id for g in guardian_rows}) < 2 * summary.pupils
    assert len({(p.given_name, p.family_name) for p in rows(engine, "person")}) > 900


def test_lessons_fill_school_days_without_double_booking(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    engine, _ = seeded
    lessons = rows(engine, "lesson")
    links = {row.activity_id: row.group_id for row in rows(engine, "activity_group")}
    teachers: dict[uuid.UUID, list[uuid.UUID]] = {}
    for row in rows(engine, "activity_teacher"):
        teachers.setdefault(row.activity_id, []).append(row.teacher_id)

    group_slots = Counter((links[lesson.activity_id], lesson.start_time) for lesson in lessons)
    teacher_slots = Counter(
        (teacher, lesson.start_time)
        for lesson in lessons
        for teacher in teachers[lesson.activity_id]
    )
    assert max(group_slots.values()) == 1
    assert max(teacher_slots.values()) == 1
    for lesson in lessons:
        start = lesson.start_time.astimezone(STOCKHOLM)
        end = lesson.end_time.astimezone(STOCKHOLM)
        assert start.weekday() < 5
        assert dt.time(8, 10) <= start.time() < end.time() <= dt.time(15, 30)
    cancelled = [lesson for lesson in lessons if lesson.cancelled]
    assert 3 <= len(cancelled) < len(lessons) // 50
    assert all(lesson.comment for lesson in cancelled)
    assert len({lesson.room for lesson in lessons}) > 20


def test_two_teachers_co_teach_a_group_of_the_demo_teacher(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    engine, _ = seeded
    demo, jonas = person_id_of(engine, "demo"), person_id_of(engine, "jonas")
    by_activity: dict[uuid.UUID, dict[uuid.UUID, bool]] = {}
    for row in rows(engine, "activity_teacher"):
        by_activity.setdefault(row.activity_id, {})[row.teacher_id] = row.grader

    shared = [teachers for teachers in by_activity.values() if {demo, jonas} <= set(teachers)]

    assert shared == [{demo: True, jonas: False}]
    assert "8A" in groups_taught_by(engine, demo) & groups_taught_by(engine, jonas)
    # The third teacher's groups and the demo teacher's never meet.
    assert groups_taught_by(engine, person_id_of(engine, "eva")) == {"2A"}
    # The demo teacher is also 7A's mentor (pupil documentation, issue 11).
    assert groups_taught_by(engine, demo) == {"7A", "7B", "8A", "Mentor 7A"}


def test_protected_pupils_and_their_guardians_are_contact_protected(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    engine, _ = seeded
    persons = {row.id: row for row in rows(engine, "person")}
    marked = [p for p in persons.values() if p.security_marking != "none"]
    guardians_of_marked = {
        r.guardian_id
        for r in rows(engine, "guardian_relation")
        if r.pupil_id in {p.id for p in marked}
    }

    assert {p.security_marking for p in marked} == {"confidential", "protected_registration"}
    assert {p.id for p in persons.values() if p.contact_protected} == {
        *(p.id for p in marked),
        *guardians_of_marked,
    }
    # Skyddad folkbokföring: the school does not know the address at all.
    for pupil in (p for p in marked if p.security_marking == "protected_registration"):
        assert pupil.street_address is None
    memberships = rows(engine, "group_membership")
    groups = {g.id: g.display_name for g in rows(engine, "group")}
    marked_groups = {
        groups[m.group_id] for m in memberships if persons[m.person_id].security_marking != "none"
    }
    assert {"7A", "8A"} <= marked_groups


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2026, 11, 25),  # a Wednesday in term
        dt.date(2026, 11, 28),  # a Saturday
        dt.date(2026, 10, 28),  # höstlov
        dt.date(2027, 7, 15),  # summer holiday
    ],
    ids=["weekday", "saturday", "autumn-break", "summer"],
)
def test_the_demo_teacher_has_lessons_today(engine: Engine, today: dt.date) -> None:
    summary = seed(engine, today=today)

    lessons_today = demo_lessons_on(engine, today)

    assert summary.demo_lessons_today == len(lessons_today) >= 3
    assert not any(lesson.cancelled for lesson in lessons_today)


def test_past_lessons_have_a_roll_call_and_future_ones_none(
    seeded: tuple[Engine, DemoSummary],
) -> None:
    engine, _ = seeded
    lessons = {row.id: row for row in rows(engine, "lesson")}
    attendance = rows(engine, "attendance")
    registrations = rows(engine, "lesson_registration")
    demo = person_id_of(engine, "demo")

    assert attendance
    assert all(
        lessons[a.lesson_id].start_time.astimezone(STOCKHOLM).date() < WEDNESDAY for a in attendance
    )
    assert {a.created_by for a in attendance} == {demo}
    # The merge compares a teacher's later edit with who set each value, and when.
    assert {a.field_clock["status"][1] for a in attendance} == {str(demo)}
    assert {r.lesson_id for r in registrations} == {a.lesson_id for a in attendance}
    statuses = Counter(a.status for a in attendance)
    assert statuses["present"] / len(attendance) > 0.8
    assert {"late", "absent", "valid_absence"} <= set(statuses)
    assert all(a.late_minutes for a in attendance if a.status == "late")
    reports = {row.id: row for row in rows(engine, "absence_report")}
    assert sorted(r.absence_type for r in reports.values()) == [
        "granted_leave",
        "reported_absence",
        "reported_absence",
    ]
    linked = [a for a in attendance if a.absence_report_id is not None]
    assert linked
    assert all(a.status == "valid_absence" and a.absence_report_id in reports for a in linked)
    assert any(r.start_time.astimezone(STOCKHOLM).date() == WEDNESDAY for r in reports.values())


def test_accounts_have_argon2_hashes_that_verify(seeded: tuple[Engine, DemoSummary]) -> None:
    engine, summary = seeded
    with engine.connect() as conn:
        accounts = {row.username: row for row in conn.execute(select(user_account))}

    assert {(a.username, a.role) for a in summary.accounts} == {
        ("demo", "teacher"),
        ("jonas", "teacher"),
        ("eva", "teacher"),
        ("admin", "admin"),
    }
    hasher = PasswordHasher()
    for account in summary.accounts:
        stored = accounts[account.username]
        assert stored.password_hash.startswith("$argon2id$")
        assert PASSWORD not in stored.password_hash
        assert hasher.verify(stored.password_hash, PASSWORD)
        assert stored.person_id == account.person_id
        assert stored.school_id == summary.school_id
    assert accounts["admin"].person_id is None
    assert accounts["demo"].display_name == "Sara Lindholm"


def test_the_seed_is_published_in_change_sets_and_refused_a_second_time(engine: Engine) -> None:
    summary = seed(engine)
    per_seq: Counter[int] = Counter()
    with engine.connect() as conn:
        for table in synced.values():
            per_seq.update(conn.execute(select(table.c.seq)).scalars())
        counter = current_seq(conn)

    assert sum(per_seq.values()) == sum(summary.counts.values())
    assert len(per_seq) == counter >= 15
    assert max(per_seq.values()) <= 1000 + 40  # the last set also takes protection flags

    with pytest.raises(DemoSchoolExists, match="already has the demo school"):
        seed(engine, seed_value=2)
    with engine.connect() as conn:
        assert current_seq(conn) == counter
        assert conn.execute(select(func.count()).select_from(user_account)).scalar_one() == 4


def test_a_teacher_logs_in_to_the_seeded_server_and_receives_the_demo(
    database_factory: Callable[[], str], tmp_path: Path
) -> None:
    """Through the real command line and server process, as the demo launcher runs it."""
    url = database_factory()
    today = dt.date.today()  # the server's scope follows the real date
    run_cli(url, "init-db")
    seeded = run_cli(
        url, "seed-demo", "--json", "--today", today.isoformat(), "--password", PASSWORD
    )
    again = run_cli(url, "seed-demo", check=False)
    summary = json.loads(seeded.stdout)
    assert again.returncode == 1
    assert "already has the demo school" in again.stderr
    assert summary["demo_lessons_today"] >= 3
    assert [a["username"] for a in summary["accounts"]] == ["demo", "jonas", "eva", "admin"]

    server = ServerProcess(url, tmp_path / "server.log")
    server.start()
    try:
        demo_records = _pull(server, "demo")
        eva_records = _pull(server, "eva")
        # Last term is locked in the demo: the change waits for the school.
        last_term = previous_term(summary["term"])[0]
        refused = _regrade_a_term_grade(server, demo_records, op_number=1)
        assert f"the term {last_term} was locked on" in str(refused.reason), refused
        run_cli(url, "unlock-term", "--school-id", summary["school_id"], "--term", last_term)
        regraded = _regrade_a_term_grade(server, demo_records, op_number=2)
        history = _history(server, demo_records, regraded)
    finally:
        server.stop()

    groups = {r["fields"]["display_name"] for r in demo_records if r["kind"] == "group"}
    assert groups == {"7A", "7B", "8A", "Mentor 7A"}
    # Pupil documentation: the demo teacher's notes of each visibility and
    # Jonas's for every teacher reach her; Jonas's private note does not.
    notes = [r for r in demo_records if r["kind"] == "pupil_note" and not r["deleted"]]
    assert {n["fields"]["visibility"] for n in notes} == {"private", "mentors", "teachers"}
    demo_person = next(a["person_id"] for a in summary["accounts"] if a["username"] == "demo")
    private = [n for n in notes if n["fields"]["visibility"] == "private"]
    assert [n["created_by"] for n in private] == [demo_person]
    assert sum(1 for r in demo_records if r["kind"] == "support_adjustment") >= 3
    assert sum(1 for r in demo_records if r["kind"] == "action_programme_ref") == 1
    assert {r["fields"]["display_name"] for r in eva_records if r["kind"] == "group"} == {"2A"}
    lessons_today = [
        r
        for r in demo_records
        if r["kind"] == "lesson"
        and dt.datetime.fromisoformat(r["fields"]["start_time"]).astimezone(STOCKHOLM).date()
        == today
    ]
    assert len(lessons_today) >= summary["demo_lessons_today"]
    persons = [r["fields"] for r in demo_records if r["kind"] == "person"]
    marked = [p for p in persons if p["security_marking"] != "none"]
    assert marked
    assert all(p[name] is None for p in marked for name in CONTACT_FIELDS)
    kinds = Counter(r["kind"] for r in demo_records)
    assert min(kinds[k] for k in ("criteria_matrix", "assessment", "assessment_result")) > 0
    last_term, _ = previous_term(summary["term"])
    terms = {r["fields"]["term"] for r in demo_records if r["kind"] == "term_grade"}
    assert terms == {last_term}
    # The seed's grade, then the teacher's change pushed through the server.
    assert (history[0].from_grade, history[0].changed_by) == (None, "Sara Lindholm")
    assert history[0].client_id == "demo-seed"
    last = history[-1]
    assert (last.from_grade, last.to_grade, last.changed_by, last.client_id) == (
        "C",
        "B",
        "Sara Lindholm",
        "demo-test",
    )


def _regrade_a_term_grade(
    server: ServerProcess, records: list[dict[str, Any]], *, op_number: int
) -> OpResult:
    """The demo teacher raises the first seeded C to a B as the app does."""
    grade = next(r for r in records if r["kind"] == "term_grade" and r["fields"]["grade"] == "C")
    client = ApiClient(server.url)
    try:
        client.login("demo", PASSWORD)
        op = PushOp(
            op=op_number,
            kind="term_grade",
            id=grade["id"],
            fields={"grade": "B"},
            base={"grade": grade["fv"].get("grade", grade["seq"])},
            hlc=HybridClock("demo-test").now().to_text(),
        )
        batch = PushBatch(
            client_id="demo-test", batch_id=uuid.uuid4(), transactions=[PushTransaction(ops=[op])]
        )
        [result] = client.push(batch).results
        return result
    finally:
        client.close()


def _history(
    server: ServerProcess, records: list[dict[str, Any]], result: OpResult
) -> tuple[TermGradeChange, ...]:
    """The history of the grade _regrade_a_term_grade changed, as the app reads it."""
    assert result.outcome == "applied", result
    grade = next(r for r in records if r["kind"] == "term_grade" and r["fields"]["grade"] == "C")
    client = ApiClient(server.url)
    try:
        client.login("demo", PASSWORD)
        return client.term_grade_history(uuid.UUID(grade["id"]))
    finally:
        client.close()


def _pull(server: ServerProcess, username: str) -> list[dict[str, Any]]:
    login = requests.post(
        server.url + "/api/v1/auth/login",
        json={"username": username, "password": PASSWORD},
        timeout=30,
    )
    assert login.status_code == 200, login.text
    headers = {
        "Authorization": f"Bearer {login.json()['token']}",
        versions.PROTOCOL_HEADER: str(versions.PROTOCOL_VERSION),
        versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION),
    }
    records: list[dict[str, Any]] = []
    cursor = ""
    while True:
        response = requests.get(
            server.url + "/api/v1/sync/changes",
            params={"cursor": cursor, "limit": "1000"},
            headers=headers,
            timeout=60,
        )
        assert response.status_code == 200, response.text
        page = response.json()
        records.extend(page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            return records

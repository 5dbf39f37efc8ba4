"""A realistic demo school: Björkskolan in Uppsala, with a term of lessons and history.

`seed_demo_school` writes about 500 pupils in 18 classes and 4 language
groups, their guardians, 21 teachers, a timetable for the whole current term,
attendance already taken for the demo teacher's past lessons, a few guardian
absence reports, a small curriculum catalogue (demo data in Skolverket's format,
demo_catalogue.py) and four accounts to log in with (see DemoSummary). The
same seed and `today` give the same ids and the same school every time.

Written with bulk inserts in change-sets of about 1000 rows (see
change_sets.py), so seeding takes a few seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from server.services.access.protection import refresh_contact_protection
from server.services.accounts import auth
from server.services.demo.demo_assessment import (
    GradedActivity,
    last_term_locks_on,
    previous_term,
    write_assessments,
)
from server.services.demo.demo_calendar import SchoolCalendar, school_calendar
from server.services.demo.demo_catalogue import write_demo_catalogue
from server.services.demo.demo_documentation import write_documentation, write_mentor_group
from server.services.demo.demo_grade_history import lock_term, write_term_grade_history
from server.services.demo.demo_history import TaughtLesson, write_history
from server.services.demo.demo_names import ascii_slug
from server.services.demo.demo_people import DemoPerson, Roster, build_roster
from server.services.demo.demo_timetable import (
    CLASSES,
    LANGUAGE_GROUPS,
    SLOTS,
    SUBJECTS,
    TEACHERS,
    ActivityPlan,
    WeeklyLesson,
    activity_plans,
    class_year,
    weekly_timetable,
)
from server.services.roster.school_time import local_to_utc
from server.services.sync.change_sets import ChangeSetWriter
from server.tables import synced, user_account

SCHOOL_NAME = "Björkskolan"
MUNICIPALITY = "Uppsala"
#: Made up (no real school unit has it); also how the seed recognises a
#: database that already has the demo school. The demo's rows have no
#: external ids, so no CSV import --sync-deletes ever removes them.
SCHOOL_UNIT_CODE = "29990001"
_DEMO_NAMESPACE = uuid.UUID("4a0e7f2c-9d8b-4c51-8f3e-2b6d1a9c7e05")

#: username, role, teacher key (None: not a teacher), what the account shows.
_ACCOUNTS: tuple[tuple[str, str, str | None, str], ...] = (
    (
        "demo",
        "teacher",
        "demo",
        "the main demo teacher: Matematik 7A, 7B, 8A and NO 7A, 7B, lessons today, "
        "attendance history, assessments on every scale with a criteria matrix per subject, "
        "last term's term grades, a pupil with protected identity in 7A and in 8A",
    ),
    (
        "jonas",
        "teacher",
        "co",
        "co-teaches Matematik 8A with the demo teacher (both register the same lessons)",
    ),
    (
        "eva",
        "teacher",
        "kl2a",
        "class teacher of 2A: shares no group with the demo teacher (scope separation)",
    ),
    ("admin", "admin", None, "an administrator: no pupils through the teacher feed"),
)


class DemoSchoolExists(Exception):
    """The database already has the demo school or one of its usernames."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    display_name: str
    person_id: uuid.UUID | None
    shows: str


@dataclass(frozen=True)
class DemoSummary:
    school_id: uuid.UUID
    school_name: str
    municipality: str
    today: dt.date
    term: str  # "HT2026"
    first_day: dt.date
    last_day: dt.date
    accounts: tuple[DemoAccount, ...]
    #: Rows written per kind.
    counts: Mapping[str, int]
    pupils: int
    guardians: int
    teachers: int
    demo_lessons_today: int
    events: tuple[str, ...] = field(default=())


def _rng(seed: int, purpose: str) -> random.Random:
    """A generator of its own per purpose, so changing one part leaves the others as they were.

    Deliberately predictable: demo data must be the same on every run.
    """
    return random.Random(f"klassbok-demo/{seed}/{purpose}")  # noqa: S311


class _Ids:
    """Name-based ids: the same seed gives the same id for the same thing."""

    def __init__(self, seed: int) -> None:
        self._namespace = uuid.uuid5(_DEMO_NAMESPACE, f"seed/{seed}")

    def __call__(self, kind: str, key: str) -> uuid.UUID:
        return uuid.uuid5(self._namespace, f"{kind}/{key}")


def _refuse_if_seeded(conn: Connection) -> None:
    school = synced["school"]
    found = conn.execute(
        select(school.c.id).where(school.c.school_unit_code == SCHOOL_UNIT_CODE)
    ).first()
    if found is not None:
        raise DemoSchoolExists(
            "this database already has the demo school; use a new, empty database for the demo"
        )
    names = [username for username, *_ in _ACCOUNTS]
    taken = conn.execute(
        select(user_account.c.username).where(user_account.c.username.in_(names))
    ).scalars()
    clashes = sorted(taken)
    if clashes:
        raise DemoSchoolExists(
            f"the database already has account(s) {', '.join(clashes)}; "
            "use a new, empty database for the demo"
        )


def _person_row(person: DemoPerson) -> dict[str, object]:
    return {
        "id": person.id,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birth_date": person.birth_date,
        "security_marking": person.security_marking,
        "email": person.email,
        "phone": person.phone,
        "street_address": person.street_address,
        "postal_code": person.postal_code,
        "locality": person.locality,
    }


@dataclass
class _Seeding:
    conn: Connection
    ids: _Ids
    calendar: SchoolCalendar
    writer: ChangeSetWriter
    school_id: uuid.UUID
    counts: Counter[str] = field(default_factory=Counter)

    def insert(self, kind: str, row: dict[str, object]) -> None:
        self.writer.insert(kind, row)
        self.counts[kind] += 1

    def teacher_id(self, key: str) -> uuid.UUID:
        return self.ids("teacher", key)

    def group_id(self, name: str) -> uuid.UUID:
        return self.ids("group", name)

    def activity_id(self, key: str) -> uuid.UUID:
        return self.ids("activity", key)


def _write_organisation(seeding: _Seeding, roster: Roster) -> None:
    calendar = seeding.calendar
    seeding.insert(
        "school",
        {
            "id": seeding.school_id,
            "name": SCHOOL_NAME,
            "school_unit_code": SCHOOL_UNIT_CODE,
            "municipality": MUNICIPALITY,
        },
    )
    for teacher in TEACHERS:
        email = f"{ascii_slug(teacher.given_name)}.{ascii_slug(teacher.family_name)}"
        seeding.insert(
            "person",
            _person_row(
                DemoPerson(
                    seeding.teacher_id(teacher.key),
                    teacher.given_name,
                    teacher.family_name,
                    email=f"{email}@bjorkskolan.example.se",
                )
            ),
        )
    for person in (*roster.pupils, *roster.guardians):
        seeding.insert("person", _person_row(person))
    for name in (*CLASSES, *LANGUAGE_GROUPS):
        seeding.insert(
            "group",
            {
                "id": seeding.group_id(name),
                "school_id": seeding.school_id,
                "display_name": name,
                "group_type": "class" if name in CLASSES else "teaching",
                "school_year": class_year(name),
                "start_date": calendar.school_year_start,
                "end_date": calendar.school_year_end,
            },
        )
    for membership in roster.memberships:
        seeding.insert(
            "group_membership",
            {
                "id": membership.id,
                "group_id": seeding.group_id(membership.group),
                "person_id": membership.pupil_id,
                "start_date": membership.start,
                "end_date": membership.end,
            },
        )
    for pupil_id, guardian_id in roster.relations:
        seeding.insert(
            "guardian_relation",
            {
                "id": seeding.ids("guardian_relation", f"{pupil_id}/{guardian_id}"),
                "pupil_id": pupil_id,
                "guardian_id": guardian_id,
                "relation_type": "guardian",
            },
        )


def _write_activities(seeding: _Seeding, plans: tuple[ActivityPlan, ...]) -> None:
    calendar = seeding.calendar
    for plan in plans:
        activity_id = seeding.activity_id(plan.key)
        seeding.insert(
            "activity",
            {
                "id": activity_id,
                "school_id": seeding.school_id,
                "display_name": plan.display_name,
                "subject_code": plan.subject,
                "subject_name": SUBJECTS[plan.subject],
                "activity_type": "teaching",
                "start_date": calendar.first_day,
                "end_date": calendar.last_day,
            },
        )
    for plan in plans:
        seeding.insert(
            "activity_group",
            {
                "id": seeding.ids("activity_group", plan.key),
                "activity_id": seeding.activity_id(plan.key),
                "group_id": seeding.group_id(plan.group),
            },
        )
    for plan in plans:
        for index, teacher in enumerate(plan.teachers):
            seeding.insert(
                "activity_teacher",
                {
                    "id": seeding.ids("activity_teacher", f"{plan.key}/{teacher}"),
                    "activity_id": seeding.activity_id(plan.key),
                    "teacher_id": seeding.teacher_id(teacher),
                    "grader": index == 0,
                },
            )


def _busiest_weekday(week: tuple[WeeklyLesson, ...], plans: Mapping[str, ActivityPlan]) -> int:
    per_day = Counter(
        lesson.weekday for lesson in week if "demo" in plans[lesson.activity].teachers
    )
    return max(range(5), key=lambda day: (per_day[day], -day))


_CANCEL_REASONS = (
    "Inställd: läraren på fortbildning",
    "Inställd: friluftsdag",
    "Inställd: klassen på studiebesök",
    "Inställd: läraren sjuk, ingen vikarie",
)


def _write_lessons(
    seeding: _Seeding,
    week: tuple[WeeklyLesson, ...],
    plans: Mapping[str, ActivityPlan],
    rng: random.Random,
) -> list[TaughtLesson]:
    """The whole term's lessons; returns the demo teacher's (the history needs them)."""
    calendar = seeding.calendar
    busiest = _busiest_weekday(week, plans)
    by_weekday: dict[int, list[WeeklyLesson]] = {day: [] for day in range(5)}
    for lesson in week:
        by_weekday[lesson.weekday].append(lesson)
    next_day = next((day for day in calendar.school_days if day > calendar.today), None)
    demo_cancelled = False
    taught: list[TaughtLesson] = []
    for day in calendar.school_days:
        for lesson in by_weekday[calendar.weekday_timetable(day, busiest)]:
            plan = plans[lesson.activity]
            start, end = SLOTS[lesson.slot]
            comment = None
            if day != calendar.today and rng.random() < 0.004:
                comment = rng.choice(_CANCEL_REASONS)
            if day == next_day and "demo" in plan.teachers and not demo_cancelled:
                # The demo teacher sees a cancelled lesson tomorrow.
                comment, demo_cancelled = "Inställd: klassen på studiebesök", True
            lesson_id = seeding.ids("lesson", f"{plan.key}/{day}/{lesson.slot}")
            activity_id = seeding.activity_id(plan.key)
            seeding.insert(
                "lesson",
                {
                    "id": lesson_id,
                    "activity_id": activity_id,
                    "start_time": local_to_utc(day, start),
                    "end_time": local_to_utc(day, end),
                    "room": plan.room,
                    "cancelled": comment is not None,
                    "comment": comment,
                },
            )
            if "demo" in plan.teachers:
                taught.append(
                    TaughtLesson(
                        lesson_id,
                        activity_id,
                        plan.group,
                        day,
                        local_to_utc(day, end),
                        comment is not None,
                    )
                )
    return taught


def _graded_by_demo(seeding: _Seeding, plans: Iterable[ActivityPlan]) -> list[GradedActivity]:
    """The activities the demo teacher grades (the first teacher of each)."""
    return [
        GradedActivity(
            plan.key,
            seeding.activity_id(plan.key),
            plan.subject,
            SUBJECTS[plan.subject],
            plan.group,
            class_year(plan.group),
        )
        for plan in plans
        if plan.teachers[0] == "demo"
    ]


def auth_user_id(conn: Connection, username: str) -> uuid.UUID | None:
    found = conn.execute(
        select(user_account.c.id).where(user_account.c.username == username)
    ).scalar_one_or_none()
    return found if isinstance(found, uuid.UUID) else None


def _create_accounts(
    conn: Connection, school_id: uuid.UUID, password: str, ids: _Ids
) -> tuple[DemoAccount, ...]:
    teachers = {teacher.key: teacher for teacher in TEACHERS}
    accounts = []
    for username, role, teacher_key, shows in _ACCOUNTS:
        teacher = teachers.get(teacher_key or "")
        person_id = ids("teacher", teacher.key) if teacher else None
        display_name = (
            f"{teacher.given_name} {teacher.family_name}" if teacher else "Skoladministratör"
        )
        auth.create_user(
            conn,
            username=username,
            password=password,
            display_name=display_name,
            role=role,
            person_id=person_id,
            school_id=school_id,
        )
        accounts.append(DemoAccount(username, role, display_name, person_id, shows))
    return tuple(accounts)


def seed_demo_school(conn: Connection, *, seed: int, today: dt.date, password: str) -> DemoSummary:
    """Write the demo school on `conn` (in the caller's transaction).

    Raises DemoSchoolExists when the database already has it. `today` is
    always a school day with lessons, even on a weekend (see demo_calendar).
    """
    _refuse_if_seeded(conn)
    ids = _Ids(seed)
    calendar = school_calendar(today)
    roster, notable = build_roster(_rng(seed, "people"), ids, calendar)
    week = weekly_timetable(_rng(seed, "timetable"))
    plans = {plan.key: plan for plan in activity_plans()}
    seeding = _Seeding(conn, ids, calendar, ChangeSetWriter(conn), ids("school", "school"))
    _write_organisation(seeding, roster)
    _write_activities(seeding, tuple(plans.values()))
    lessons = _write_lessons(seeding, week, plans, _rng(seed, "cancelled"))
    write_history(
        seeding.insert,
        ids,
        calendar,
        roster,
        notable,
        lessons=lessons,
        demo_teacher_id=seeding.teacher_id("demo"),
        rng=_rng(seed, "history"),
    )
    grade_changes = write_assessments(
        seeding.insert,
        ids,
        calendar,
        roster,
        _graded_by_demo(seeding, plans.values()),
        teacher_id=seeding.teacher_id("demo"),
        rng=_rng(seed, "assessment"),
    )
    write_mentor_group(
        seeding.insert,
        ids,
        calendar,
        roster,
        school_id=seeding.school_id,
        teacher_id=seeding.teacher_id("demo"),
    )
    write_documentation(
        seeding.insert,
        ids,
        calendar,
        roster,
        teacher_id=seeding.teacher_id("demo"),
        colleague_id=seeding.teacher_id("co"),
        rng=_rng(seed, "documentation"),
    )
    seeding.writer.flush()
    catalogue = write_demo_catalogue(conn, today)
    seeding.counts["curriculum_subject"] += len(catalogue.subjects)
    seeding.counts["curriculum_item"] += sum(s.items for s in catalogue.subjects)
    refresh_contact_protection(conn)
    accounts = _create_accounts(conn, seeding.school_id, password, ids)
    write_term_grade_history(
        conn,
        grade_changes,
        teacher_id=seeding.teacher_id("demo"),
        user_id=auth_user_id(conn, "demo"),
    )
    last_term, _ = previous_term(calendar.term.code)
    lock_term(conn, seeding.school_id, last_term, last_term_locks_on(last_term))
    demo_today = sum(1 for lesson in lessons if lesson.day == today)
    return DemoSummary(
        school_id=seeding.school_id,
        school_name=SCHOOL_NAME,
        municipality=MUNICIPALITY,
        today=today,
        term=calendar.term.code,
        first_day=calendar.first_day,
        last_day=calendar.last_day,
        accounts=accounts,
        counts=dict(seeding.counts),
        pupils=len(roster.pupils),
        guardians=len(roster.guardians),
        teachers=len(TEACHERS),
        demo_lessons_today=demo_today,
        events=tuple(roster.events),
    )

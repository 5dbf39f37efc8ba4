"""Planning in the cache (issue 11): copying a unit (to another group, to
next year) with its lesson plans on the new dates, copying a plan, the
shift past a cancelled lesson, and edits that are refused with a clear
reason and nothing written."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from local_db.cache import Cache
from local_db.edits import InvalidEdit
from local_db.planning.reads import (
    catalogue_items,
    matching_items,
    unit_detail,
    unit_lessons,
    units_of_activity,
    week_lessons,
)
from local_db.planning.writes import (
    PlanningError,
    UnitDraft,
    copy_plan,
    copy_unit,
    next_week_lesson,
    save_plan,
    save_unit,
    shift_after_cancelled,
)
from local_db.schema import outbox, synced
from sync_protocol.ids import lesson_plan_id
from sync_protocol.planning_documents import PUBLISHED, CurriculumPicks, Link
from tests.local_db.records import DAY, UTC, RecordBuilder

MONDAY = DAY  # 2026-09-14


@dataclass
class School:
    teacher: uuid.UUID
    ma7a: uuid.UUID
    ma7b: uuid.UUID
    #: Two lessons a week (Monday 8:00, Wednesday 10:00 UTC) for 40 weeks, per activity.
    lessons: dict[uuid.UUID, list[uuid.UUID]]


def _school(cache: Cache) -> School:
    b = RecordBuilder()
    teacher = b.person("Anna", "Lärare")
    ga, gb = b.group("7A"), b.group("7B")
    ma7a = b.activity("Ma 7A", [ga], [teacher], subject_code="MA", subject_name="Matematik")
    ma7b = b.activity("Ma 7B", [gb], [teacher], subject_code="MA", subject_name="Matematik")
    lessons: dict[uuid.UUID, list[uuid.UUID]] = {ma7a: [], ma7b: []}
    for week in range(60):
        monday = dt.datetime.combine(MONDAY, dt.time(8), tzinfo=UTC) + dt.timedelta(weeks=week)
        for activity_id, hours in ((ma7a, 0), (ma7b, 1)):
            lessons[activity_id].append(b.lesson(activity_id, monday + dt.timedelta(hours=hours)))
            lessons[activity_id].append(
                b.lesson(activity_id, monday + dt.timedelta(days=2, hours=2 + hours))
            )
    b.apply_to(cache)
    return School(teacher, ma7a, ma7b, lessons)


def _plan(cache: Cache, school: School, lesson_id: uuid.UUID) -> dict[str, object] | None:
    table = synced["lesson_plan"]
    with cache.connect() as conn:
        row = (
            conn.execute(select(table).where(table.c.id == lesson_plan_id(lesson_id)))
            .mappings()
            .first()
        )
    return None if row is None else dict(row)


def _unit_with_plans(cache: Cache, school: School, count: int, start: int = 0) -> uuid.UUID:
    unit = uuid.uuid4()
    lessons = school.lessons[school.ma7a]
    with cache.begin() as conn:
        save_unit(
            conn,
            unit,
            school.ma7a,
            UnitDraft(
                "Bråk",
                aims="Förstå bråk",
                start_date=MONDAY,
                end_date=MONDAY + dt.timedelta(weeks=3, days=4),
                status=PUBLISHED,
            ),
            actor=school.teacher,
        )
        for number in range(count):
            save_plan(
                conn,
                lessons[start + number],
                content=f"Lektion {number + 1}",
                homework=f"Läxa {number + 1}" if number % 2 else "",
                links=[Link("https://nok.se/bråk", "Bråk")] if number == 0 else [],
                unit_id=unit,
                actor=school.teacher,
            )
    return unit


def test_a_unit_copied_to_another_group_takes_its_plans_to_that_groups_lessons(
    cache: Cache,
) -> None:
    school = _school(cache)
    unit = _unit_with_plans(cache, school, 5)
    with cache.begin() as conn:
        report = copy_unit(conn, unit, school.ma7b, MONDAY, actor=school.teacher)
    assert (report.plans_copied, report.plans_left_out) == (5, 0)
    with cache.connect() as conn:
        copy = unit_detail(conn, report.unit_id)
        lessons = unit_lessons(conn, report.unit_id)
        units = units_of_activity(conn, school.ma7b)
    assert copy is not None
    assert (copy.activity_id, copy.title, copy.aims, copy.status) == (
        school.ma7b,
        "Bråk",
        "Förstå bråk",
        "draft",
    )
    assert (copy.start_date, copy.end_date) == (MONDAY, MONDAY + dt.timedelta(weeks=3, days=4))
    assert [item.lesson_id for item in lessons] == school.lessons[school.ma7b][:5]
    assert [item.content for item in lessons] == [f"Lektion {n}" for n in range(1, 6)]
    first = _plan(cache, school, school.lessons[school.ma7b][0])
    assert first is not None
    assert first["links"] == '[{"url":"https://nok.se/bråk","title":"Bråk"}]'
    assert [(u.title, u.plan_count) for u in units] == [("Bråk", 5)]
    # The original is untouched.
    with cache.connect() as conn:
        assert [item.lesson_id for item in unit_lessons(conn, unit)] == school.lessons[school.ma7a][
            :5
        ]


def test_a_unit_copied_to_next_year_moves_its_weeks_and_plans(cache: Cache) -> None:
    school = _school(cache)
    unit = _unit_with_plans(cache, school, 3, start=1)  # Wednesday, Monday, Wednesday
    next_year = MONDAY + dt.timedelta(weeks=52)
    with cache.begin() as conn:
        report = copy_unit(conn, unit, school.ma7a, next_year, actor=school.teacher)
        lessons = unit_lessons(conn, report.unit_id)
        copy = unit_detail(conn, report.unit_id)
    assert copy is not None
    assert copy.end_date == next_year + dt.timedelta(weeks=3, days=4)
    # The unit's first lesson (Monday) had no plan: the plans keep their places.
    assert [item.lesson_id for item in lessons] == school.lessons[school.ma7a][105:108]
    assert [item.start_time.date() for item in lessons] == [
        next_year + dt.timedelta(days=2),
        next_year + dt.timedelta(days=7),
        next_year + dt.timedelta(days=9),
    ]


def test_plans_beyond_the_timetable_are_counted_not_lost(cache: Cache) -> None:
    school = _school(cache)
    unit = _unit_with_plans(cache, school, 6)
    last_weeks = MONDAY + dt.timedelta(weeks=58)  # four lessons left in the timetable
    with cache.begin() as conn:
        report = copy_unit(conn, unit, school.ma7b, last_weeks, actor=school.teacher)
    assert (report.plans_copied, report.plans_left_out) == (4, 2)


def test_a_plan_copies_to_next_week_and_to_another_groups_lesson(cache: Cache) -> None:
    school = _school(cache)
    unit = _unit_with_plans(cache, school, 1, start=2)
    source = school.lessons[school.ma7a][2]
    with cache.begin() as conn:
        target = next_week_lesson(conn, source)
        assert target == school.lessons[school.ma7a][4]
        copy_plan(conn, source, target, actor=school.teacher)
        other = school.lessons[school.ma7b][2]
        copy_plan(conn, source, other, actor=school.teacher)
    copied, other_plan = _plan(cache, school, target), _plan(cache, school, other)
    assert copied is not None
    assert other_plan is not None
    assert (copied["content"], copied["planning_unit_id"]) == ("Lektion 1", unit)
    # Another group's lesson: the text goes, the unit (7A's) does not.
    assert (other_plan["content"], other_plan["planning_unit_id"]) == ("Lektion 1", None)
    with cache.begin() as conn, pytest.raises(PlanningError, match="has a plan already"):
        copy_plan(conn, source, target, actor=school.teacher)
    with cache.begin() as conn:
        copy_plan(conn, source, target, actor=school.teacher, replace=True)


def test_a_cancelled_lesson_shifts_the_units_plans_one_lesson_on(cache: Cache) -> None:
    school = _school(cache)
    lessons = school.lessons[school.ma7a]
    unit = _unit_with_plans(cache, school, 4)
    # Lesson 5 holds another unit's plan: the shift passes it over.
    with cache.begin() as conn:
        other = uuid.uuid4()
        save_unit(conn, other, school.ma7a, UnitDraft("Geometri"), actor=school.teacher)
        save_plan(
            conn,
            lessons[4],
            content="Geometri",
            homework="",
            links=[],
            unit_id=other,
            actor=school.teacher,
        )
    b = RecordBuilder()
    b.add(
        "lesson",
        lessons[1],
        activity_id=school.ma7a,
        cancelled=True,
        start_time=dt.datetime.combine(MONDAY, dt.time(10), tzinfo=UTC) + dt.timedelta(days=2),
        end_time=dt.datetime.combine(MONDAY, dt.time(11), tzinfo=UTC) + dt.timedelta(days=2),
    )
    b.apply_to(cache)
    with cache.begin() as conn:
        moved = shift_after_cancelled(conn, lessons[1], actor=school.teacher)
        order = unit_lessons(conn, unit)
    assert moved == 3
    assert [(item.lesson_id, item.content) for item in order] == [
        (lessons[0], "Lektion 1"),
        (lessons[2], "Lektion 2"),
        (lessons[3], "Lektion 3"),
        (lessons[5], "Lektion 4"),
    ]
    assert _plan(cache, school, lessons[1]) is None  # moved on: the plan left is deleted
    geometry = _plan(cache, school, lessons[4])
    assert geometry is not None
    assert geometry["content"] == "Geometri"
    homework = _plan(cache, school, lessons[2])
    assert homework is not None
    assert homework["homework"] == "Läxa 2"


def test_a_link_that_is_not_a_link_is_refused_and_nothing_is_written(cache: Cache) -> None:
    school = _school(cache)
    lesson = school.lessons[school.ma7a][0]
    with cache.begin() as conn, pytest.raises(InvalidEdit, match="starts with http"):
        save_plan(
            conn,
            lesson,
            content="Text",
            homework="",
            links=[Link("www.nok.se")],
            unit_id=None,
            actor=school.teacher,
        )
    assert _plan(cache, school, lesson) is None
    with cache.connect() as conn:
        assert conn.execute(select(outbox)).first() is None


def test_an_oversized_text_is_refused_naming_the_limit(cache: Cache) -> None:
    school = _school(cache)
    lesson = school.lessons[school.ma7a][0]
    with cache.begin() as conn, pytest.raises(InvalidEdit, match="longer than 20000 characters"):
        save_plan(
            conn,
            lesson,
            content="x" * 20001,
            homework="",
            links=[],
            unit_id=None,
            actor=school.teacher,
        )
    with cache.begin() as conn, pytest.raises(InvalidEdit, match="longer than 5000 characters"):
        save_plan(
            conn,
            lesson,
            content="",
            homework="x" * 5001,
            links=[],
            unit_id=None,
            actor=school.teacher,
        )
    assert _plan(cache, school, lesson) is None


def test_the_week_shows_each_lesson_with_its_plan(cache: Cache) -> None:
    school = _school(cache)
    _unit_with_plans(cache, school, 2)
    start = dt.datetime.combine(MONDAY, dt.time(), tzinfo=UTC)
    with cache.connect() as conn:
        week = week_lessons(conn, start, start + dt.timedelta(days=7), school.teacher)
    assert len(week) == 4
    shown = [(w.lesson.activity_name, w.plan.content if w.plan else None) for w in week]
    assert shown == [
        ("Ma 7A", "Lektion 1"),
        ("Ma 7B", None),
        ("Ma 7A", "Lektion 2"),
        ("Ma 7B", None),
    ]
    assert week[0].plan is not None
    assert week[0].plan.unit_title == "Bråk"
    assert week[0].plan.links == (Link("https://nok.se/bråk", "Bråk"),)


def test_picks_are_kept_with_subject_and_version(cache: Cache) -> None:
    school = _school(cache)
    b = RecordBuilder()
    subject = b.add(
        "curriculum_subject",
        code="GRGRMAT01",
        name="Matematik",
        version=3,
        start_date=None,
        modified_date=None,
        retrieved_at=dt.datetime(2026, 8, 1, tzinfo=UTC),
        source="Skolverket",
    )
    items = [
        b.add(
            "curriculum_item",
            subject_id=subject,
            subject_code="GRGRMAT01",
            subject_version=3,
            item_kind="central_content",
            year="7-9",
            variant=None,
            grade_step=None,
            heading="Taluppfattning",
            position=n,
            text=text,
            value_words="",
        )
        for n, text in enumerate(["Tal i bråk\u00adform och decimalform.", "Procent."], start=1)
    ]
    b.apply_to(cache)
    with cache.connect() as conn:
        found = catalogue_items(conn, "GRGRMAT01", 3)
    assert [item.id for item in matching_items(found, "bråkform")] == [items[0]]
    unit = uuid.uuid4()
    with cache.begin() as conn:
        save_unit(
            conn,
            unit,
            school.ma7a,
            UnitDraft("Bråk", picks=CurriculumPicks("GRGRMAT01", 3, (items[1], items[0]))),
            actor=school.teacher,
        )
        detail = unit_detail(conn, unit)
    assert detail is not None
    assert detail.picks is not None
    assert (detail.picks.subject, detail.picks.version) == ("GRGRMAT01", 3)
    assert [item.text for item in detail.picked] == [
        "Procent.",
        "Tal i bråk\u00adform och decimalform.",
    ]
    assert (detail.source, detail.subject_name) == ("Skolverket", "Matematik")


def test_a_shift_with_no_lesson_for_the_last_plan_moves_nothing(cache: Cache) -> None:
    school = _school(cache)
    lessons = school.lessons[school.ma7a]
    unit = _unit_with_plans(cache, school, 3, start=len(lessons) - 3)
    b = RecordBuilder()
    last = dt.datetime.combine(MONDAY, dt.time(8), tzinfo=UTC) + dt.timedelta(weeks=58, days=2)
    b.add(
        "lesson",
        lessons[-3],
        activity_id=school.ma7a,
        cancelled=True,
        start_time=last + dt.timedelta(hours=2),
        end_time=last + dt.timedelta(hours=3),
    )
    b.apply_to(cache)
    with cache.connect() as conn:
        queued = len(conn.execute(select(outbox)).all())
    with cache.begin() as conn, pytest.raises(PlanningError, match="no lesson after the last"):
        shift_after_cancelled(conn, lessons[-3], actor=school.teacher)
    with cache.connect() as conn:
        assert len(conn.execute(select(outbox)).all()) == queued
        assert [item.lesson_id for item in unit_lessons(conn, unit)] == lessons[-3:]

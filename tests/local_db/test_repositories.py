"""The queries behind the pages, against a hand-built cache."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest

from local_db.cache import Cache
from local_db.repositories import (
    groups_for_teacher,
    lessons_between,
    pupil_detail,
    pupils_in_group,
    search_pupils,
    sync_status,
)
from local_db.sync.page_apply import apply_page, decode_page
from tests.local_db.records import DAY, RecordBuilder

UTC = dt.UTC
WEEK_START = dt.datetime(2026, 9, 14, tzinfo=UTC)
WEEK_END = WEEK_START + dt.timedelta(days=7)


def at(day_offset: int, hour: int) -> dt.datetime:
    return WEEK_START + dt.timedelta(days=day_offset, hours=hour)


@dataclass
class School:
    me: uuid.UUID
    colleague: uuid.UUID
    class_7a: uuid.UUID
    class_8b: uuid.UUID
    pupils: dict[str, uuid.UUID]
    protected: uuid.UUID
    guardian: uuid.UUID
    maths: uuid.UUID
    swedish: uuid.UUID
    lessons: dict[str, uuid.UUID]


@pytest.fixture
def school(memory_cache: Cache) -> School:
    data = RecordBuilder()
    me = data.person("Karin", "Lärare")
    colleague = data.person("Olle", "Kollega")
    class_7a = data.group("7A", school_year=7)
    class_8b = data.group("8B", school_year=8)
    data.group("6C (ended)", school_year=6, end_date=DAY - dt.timedelta(days=1))
    data.group("9D (not yet)", school_year=9, start_date=DAY + dt.timedelta(days=1))
    pupils: dict[str, uuid.UUID] = {}
    # Family names chosen so that byte order and Swedish order disagree.
    for given, family in [
        ("Zara", "Öberg"),
        ("Adam", "Zetterlund"),
        ("Bo", "Åberg"),
        ("Cia", "Ärlig"),
        ("Eva", "Andersson"),
        ("Ali", "Andersson"),
        ("Élise", "Eriksson"),
    ]:
        pupils[given] = data.person(given, family)
        data.member(class_7a, pupils[given], dt.date(2026, 8, 1))
    # Membership dates are inclusive at both ends.
    pupils["Left"] = data.person("Lisa", "Lämnat")
    data.member(class_7a, pupils["Left"], dt.date(2026, 8, 1), DAY - dt.timedelta(days=1))
    pupils["LastDay"] = data.person("Sista", "Dagen")
    data.member(class_7a, pupils["LastDay"], dt.date(2026, 8, 1), DAY)
    pupils["Joined"] = data.person("Ny", "Elev")
    data.member(class_7a, pupils["Joined"], DAY)
    pupils["Later"] = data.person("Sen", "Kommer")
    data.member(class_7a, pupils["Later"], DAY + dt.timedelta(days=1))
    protected = data.person(
        "Skyddad",
        "Person",
        security_marking="protected_registration",
        # A server must blank these; the cache refuses to keep them anyway.
        email="hidden@example.se",
        phone="070-1",
        street_address="Hemlig väg 1",
    )
    data.member(class_8b, protected, dt.date(2026, 8, 1))
    guardian = data.person("Vera", "Vårdnadshavare", email="vera@example.se", phone="070-2")
    data.add("guardian_relation", pupil_id=protected, guardian_id=guardian)
    data.add("guardian_relation", pupil_id=pupils["Eva"], guardian_id=guardian)

    maths = data.activity("Matematik 7A", [class_7a], [me], subject_name="Matematik")
    swedish = data.activity("Svenska 7A", [class_7a], [colleague], subject_name="Svenska")
    co_taught = data.activity("NO 7A+8B", [class_7a, class_8b], [me, colleague])
    data.activity("Engelska 8B", [class_8b], [colleague])
    lessons = {
        "maths_mon": data.lesson(maths, at(0, 8)),
        "swedish_mon": data.lesson(swedish, at(0, 10)),
        "co_tue": data.lesson(co_taught, at(1, 9), room="B12"),
        "maths_cancelled": data.lesson(maths, at(2, 8), cancelled=True),
        "maths_next_week": data.lesson(maths, at(7, 8)),
        "maths_last_week": data.lesson(maths, at(-7, 8)),
        "maths_deleted": data.lesson(maths, at(3, 8)),
    }
    data.add(
        "lesson_registration",
        lesson_id=lessons["maths_mon"],
        activity_id=maths,
        registered=True,
    )
    data.apply_to(memory_cache)
    data.tombstone("lesson", lessons["maths_deleted"])
    data.apply_to(memory_cache)
    return School(
        me, colleague, class_7a, class_8b, pupils, protected, guardian, maths, swedish, lessons
    )


def test_group_list_shows_groups_of_the_day_with_their_size(
    memory_cache: Cache, school: School
) -> None:
    with memory_cache.connect() as conn:
        groups = groups_for_teacher(conn, school.me, DAY)
    assert [(g.display_name, g.pupil_count, g.taught_by_me) for g in groups] == [
        ("7A", 9, True),  # 7 + the one leaving today + the one joining today
        ("8B", 1, True),  # through the co-taught NO activity
    ]
    with memory_cache.connect() as conn:
        seen_by_colleague = groups_for_teacher(conn, school.colleague, DAY)
        tomorrow = groups_for_teacher(conn, school.me, DAY + dt.timedelta(days=1))
    assert all(g.taught_by_me for g in seen_by_colleague)
    # Tomorrow the leaver is gone and the late joiner has arrived.
    assert {g.display_name: g.pupil_count for g in tomorrow}["7A"] == 9


def test_taught_by_me_is_false_for_a_group_reached_only_through_others(
    memory_cache: Cache, school: School
) -> None:
    stranger = uuid.uuid4()
    with memory_cache.connect() as conn:
        groups = groups_for_teacher(conn, stranger, DAY)
    assert [g.taught_by_me for g in groups] == [False, False]


def test_pupils_follow_membership_dates(memory_cache: Cache, school: School) -> None:
    with memory_cache.connect() as conn:
        today = {p.id for p in pupils_in_group(conn, school.class_7a, DAY)}
        before = {p.id for p in pupils_in_group(conn, school.class_7a, DAY - dt.timedelta(days=1))}
    assert school.pupils["Left"] not in today
    assert school.pupils["LastDay"] in today
    assert school.pupils["Joined"] in today
    assert school.pupils["Later"] not in today
    assert school.pupils["Left"] in before
    assert school.pupils["Joined"] not in before


def test_pupils_are_in_swedish_alphabetical_order(memory_cache: Cache, school: School) -> None:
    with memory_cache.connect() as conn:
        names = [p.full_name for p in pupils_in_group(conn, school.class_7a, DAY)]
    assert names == [
        "Ali Andersson",
        "Eva Andersson",
        "Sista Dagen",
        "Ny Elev",
        "Élise Eriksson",
        "Adam Zetterlund",
        "Bo Åberg",
        "Cia Ärlig",
        "Zara Öberg",
    ]


def test_deleted_pupils_and_memberships_leave_the_list(memory_cache: Cache, school: School) -> None:
    data = RecordBuilder()
    with memory_cache.connect() as conn:
        before = len(pupils_in_group(conn, school.class_7a, DAY))
    data.tombstone("person", school.pupils["Zara"])
    moved = data.member(school.class_7a, school.pupils["Adam"], DAY)  # a second membership
    data.apply_to(memory_cache)
    with memory_cache.connect() as conn:
        assert len(pupils_in_group(conn, school.class_7a, DAY)) == before - 1  # no duplicate
    data.tombstone("group_membership", moved)
    data.apply_to(memory_cache)
    with memory_cache.connect() as conn:
        after = pupils_in_group(conn, school.class_7a, DAY)
        groups = groups_for_teacher(conn, school.me, DAY)
    assert len(after) == before - 1
    assert school.pupils["Zara"] not in {p.id for p in after}
    assert groups[0].pupil_count == len(after)


def test_protected_pupil_has_no_contact_data_anywhere(memory_cache: Cache, school: School) -> None:
    with memory_cache.connect() as conn:
        detail = pupil_detail(conn, school.protected)
        listed = pupils_in_group(conn, school.class_8b, DAY)
        stored = conn.exec_driver_sql(
            "SELECT email, phone, street_address FROM person WHERE id = ?", (school.protected.hex,)
        ).one()
    assert detail is not None
    assert detail.pupil.protected
    assert listed[0].protected
    assert not detail.contact_data_available
    assert tuple(stored) == (None, None, None)
    assert [(g.given_name, g.email, g.phone) for g in detail.guardians] == [("Vera", None, None)]


def test_unprotected_pupil_detail_has_guardians_and_memberships(
    memory_cache: Cache, school: School
) -> None:
    with memory_cache.connect() as conn:
        detail = pupil_detail(conn, school.pupils["Eva"])
        missing = pupil_detail(conn, uuid.uuid4())
    assert missing is None
    assert detail is not None
    assert detail.contact_data_available
    assert not detail.pupil.protected
    assert [(g.email, g.phone, g.relation_type) for g in detail.guardians] == [
        ("vera@example.se", "070-2", "guardian")
    ]
    assert [(m.group_name, m.start_date, m.end_date) for m in detail.memberships] == [
        ("7A", dt.date(2026, 8, 1), None)
    ]


def test_lessons_of_a_week(memory_cache: Cache, school: School) -> None:
    with memory_cache.connect() as conn:
        week = lessons_between(conn, WEEK_START, WEEK_END, school.me, only_mine=False)
    assert [lesson.id for lesson in week] == [
        school.lessons["maths_mon"],
        school.lessons["swedish_mon"],
        school.lessons["co_tue"],
        school.lessons["maths_cancelled"],
    ]
    by_id = {lesson.id: lesson for lesson in week}
    maths = by_id[school.lessons["maths_mon"]]
    assert (maths.mine, maths.registered, maths.group_names) == (True, True, ("7A",))
    assert maths.teacher_names == ("Karin Lärare",)
    assert maths.subject_name == "Matematik"
    assert maths.start_time == at(0, 8)
    assert maths.start_time.tzinfo is not None
    assert maths.minutes == 60
    swedish = by_id[school.lessons["swedish_mon"]]
    assert (swedish.mine, swedish.registered) == (False, False)
    co = by_id[school.lessons["co_tue"]]
    assert co.mine
    assert co.group_names == ("7A", "8B")
    assert co.teacher_names == ("Karin Lärare", "Olle Kollega")
    assert co.room == "B12"
    assert by_id[school.lessons["maths_cancelled"]].cancelled


def test_only_mine_leaves_out_colleagues_lessons(memory_cache: Cache, school: School) -> None:
    with memory_cache.connect() as conn:
        mine = lessons_between(conn, WEEK_START, WEEK_END, school.me, only_mine=True)
        theirs = lessons_between(conn, WEEK_START, WEEK_END, school.colleague, only_mine=True)
    assert school.lessons["swedish_mon"] not in {lesson.id for lesson in mine}
    assert len(mine) == 3
    assert {lesson.id for lesson in theirs} == {
        school.lessons["swedish_mon"],
        school.lessons["co_tue"],
    }


def test_lesson_bounds_must_be_timezone_aware(memory_cache: Cache, school: School) -> None:
    with memory_cache.connect() as conn, pytest.raises(ValueError, match="timezone"):
        lessons_between(conn, dt.datetime(2026, 9, 14), WEEK_END, school.me, only_mine=False)


def test_lesson_bounds_in_another_zone_mean_the_same_instant(
    memory_cache: Cache, school: School
) -> None:
    stockholm_summer = dt.timezone(dt.timedelta(hours=2))
    start = WEEK_START.astimezone(stockholm_summer)
    end = at(0, 9).astimezone(stockholm_summer)
    with memory_cache.connect() as conn:
        found = lessons_between(conn, start, end, school.me, only_mine=False)
    assert [lesson.id for lesson in found] == [school.lessons["maths_mon"]]


def test_search_finds_pupils_by_any_part_of_the_name(memory_cache: Cache, school: School) -> None:
    with memory_cache.connect() as conn:
        by_accent = [p.full_name for p in search_pupils(conn, "åBERG")]
        by_two_words = [p.full_name for p in search_pupils(conn, "andersson eva")]
        guardians = search_pupils(conn, "Vårdnadshavare")
        limited = search_pupils(conn, "a", limit=2)
        blank = search_pupils(conn, "   ")
    assert by_accent == ["Bo Åberg"]
    assert by_two_words == ["Eva Andersson"]
    assert guardians == []
    assert [p.full_name for p in limited] == ["Ali Andersson", "Eva Andersson"]
    assert blank == []


def test_sync_status_of_a_new_and_of_a_synced_cache(memory_cache: Cache) -> None:
    with memory_cache.connect() as conn:
        fresh = sync_status(conn)
    assert (fresh.has_synced_once, fresh.last_sync_at, fresh.pending_changes) == (False, None, 0)
    data = RecordBuilder()
    data.add(
        "sync_conflict",
        record_kind="attendance",
        record_id=uuid.uuid4(),
        field_name="status",
        conflict_type="needs_review",
        activity_id=uuid.uuid4(),
        pupil_id=None,
        current_value=None,
        current_by=None,
        current_at=None,
        rival_value=None,
        rival_by=None,
        rival_at=None,
        addressed_to=None,
        state="open",
        resolved_value=None,
    )
    now = dt.datetime(2026, 9, 14, 7, 30, tzinfo=UTC)
    with memory_cache.begin() as conn:
        apply_page(conn, decode_page(data.page(has_more=False)), now)
    with memory_cache.connect() as conn:
        synced = sync_status(conn)
    assert synced.has_synced_once
    assert synced.last_sync_at == now
    assert synced.open_conflicts == 1

"""The roll call in the cache: who is listed, what a mark saves, what is refused."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from local_db.attendance import (
    Mark,
    Refusal,
    RollCallRefused,
    answer_report,
    lessons_without_roll_call,
    load_roll_call,
    mark_pupil,
    mark_unmarked_present,
    minutes_early_at,
    minutes_late_at,
    set_comment,
)
from local_db.attendance.views import RollCall
from local_db.cache import Cache
from local_db.edits import pending_count
from local_db.schema import outbox, synced
from sync_protocol import ids
from tests.local_db.records import DAY, RecordBuilder

UTC = dt.UTC
#: 10:00 Swedish summer time on DAY.
START = dt.datetime.combine(DAY, dt.time(8, 0), tzinfo=UTC)


@dataclass
class Lesson:
    me: uuid.UUID
    colleague: uuid.UUID
    activity: uuid.UUID
    lesson: uuid.UUID
    cancelled: uuid.UUID
    yesterday: uuid.UUID
    pupils: dict[str, uuid.UUID]
    report: uuid.UUID


@pytest.fixture
def room(memory_cache: Cache) -> Lesson:
    data = RecordBuilder()
    me = data.person("Karin", "Lärare")
    colleague = data.person("Olle", "Kollega")
    class_7a = data.group("7A")
    pupils = {}
    for given, family in [("Alva", "Ahlberg"), ("Axel", "Ås"), ("Elsa", "Eriksson")]:
        pupils[given] = data.person(given, family)
        data.member(class_7a, pupils[given], dt.date(2026, 8, 1))
    pupils["Nils"] = data.person("Nils", "Nord")  # joins on the lesson's day
    data.member(class_7a, pupils["Nils"], DAY)
    pupils["Lisa"] = data.person("Lisa", "Lämnat")  # left the day before
    data.member(class_7a, pupils["Lisa"], dt.date(2026, 8, 1), DAY - dt.timedelta(days=1))
    pupils["Sam"] = data.person("Sam", "Senare")  # joins the day after
    data.member(class_7a, pupils["Sam"], DAY + dt.timedelta(days=1))
    maths = data.activity("Matematik 7A", [class_7a], [me, colleague], subject_name="Matematik")
    lesson = data.lesson(maths, START, minutes=50)
    cancelled = data.lesson(maths, START + dt.timedelta(hours=3), cancelled=True)
    yesterday = data.lesson(maths, START - dt.timedelta(days=1))
    # A mark about Lisa made while she was still listed (stale now).
    data.add(
        "attendance",
        ids.attendance_id(lesson, pupils["Lisa"]),
        lesson_id=lesson,
        pupil_id=pupils["Lisa"],
        activity_id=maths,
        status="present",
    )
    report = data.add(
        "absence_report",
        pupil_id=pupils["Axel"],
        absence_type="reported_absence",
        start_time=START - dt.timedelta(hours=2),
        end_time=START + dt.timedelta(hours=8),
        reported_by_name="Gunnar Ås",
        reported_at=START - dt.timedelta(hours=2, minutes=18),
    )
    data.apply_to(memory_cache)
    return Lesson(me, colleague, maths, lesson, cancelled, yesterday, pupils, report)


def _roll_call(cache: Cache, room: Lesson, lesson: uuid.UUID | None = None) -> RollCall:
    with cache.connect() as conn:
        found = load_roll_call(conn, lesson or room.lesson, room.me)
    assert found is not None
    return found


def _status(call: RollCall) -> dict[str, str | None]:
    return {e.pupil.given_name: (e.mark.status if e.mark else None) for e in call.entries}


def _pending(cache: Cache) -> int:
    with cache.connect() as conn:
        return pending_count(conn)


def test_the_roll_call_lists_the_groups_pupils_on_the_lessons_day(
    memory_cache: Cache, room: Lesson
) -> None:
    call = _roll_call(memory_cache, room)
    assert [e.pupil.given_name for e in call.members] == ["Alva", "Elsa", "Nils", "Axel"]
    stale = [e for e in call.entries if not e.member]
    assert [(e.pupil.given_name, e.mark and e.mark.status) for e in stale] == [("Lisa", "present")]
    assert call.day == DAY
    assert call.lesson.minutes == 50
    assert not call.lesson.registered
    axel = next(e for e in call.entries if e.pupil.given_name == "Axel")
    assert axel.prefilled
    assert axel.report is not None
    assert axel.report.reported_by_name == "Gunnar Ås"


def test_a_mark_saves_the_pupil_and_registers_the_lesson_and_nothing_else(
    memory_cache: Cache, room: Lesson
) -> None:
    with memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, room.pupils["Alva"], Mark("late", 7), actor=room.me)
    call = _roll_call(memory_cache, room)
    alva = next(e for e in call.entries if e.pupil.given_name == "Alva")
    assert alva.mark is not None
    assert (alva.mark.status, alva.mark.late_minutes, alva.mark.marked_by) == ("late", 7, room.me)
    assert call.lesson.registered
    # Axel's guardian reported him: shown as valid absence, never saved by
    # itself (a co-teacher's mark of him must not be overwritten).
    axel = next(e for e in call.entries if e.pupil.given_name == "Axel")
    assert axel.mark is None
    assert axel.prefilled
    assert _status(call) == {
        "Alva": "late",
        "Elsa": None,
        "Nils": None,
        "Axel": None,
        "Lisa": "present",
    }
    with memory_cache.connect() as conn:
        kinds = [row.kind for row in conn.execute(select(outbox.c.kind).order_by(outbox.c.op))]
    assert kinds == ["attendance", "lesson_registration"]
    # Changing the state drops the minutes of the old one.
    with memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, room.pupils["Alva"], Mark("present"), actor=room.me)
    table = synced["attendance"]
    with memory_cache.connect() as conn:
        row = conn.execute(
            select(table).where(table.c.id == ids.attendance_id(room.lesson, room.pupils["Alva"]))
        ).one()
    assert (row.status, row.late_minutes) == ("present", None)
    # Marking the reported pupil explicitly links the report.
    with memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, room.pupils["Axel"], Mark("valid_absence"), actor=room.me)
    axel = next(e for e in _roll_call(memory_cache, room).entries if e.pupil.given_name == "Axel")
    assert axel.mark is not None
    assert (axel.mark.status, axel.mark.absence_report_id) == ("valid_absence", room.report)


@pytest.mark.parametrize(
    ("status", "minutes"),
    [("late", 0), ("late", 51), ("late", -3), ("late", None), ("left_early", 51)],
)
def test_minutes_outside_the_lesson_are_refused_and_nothing_is_saved(
    memory_cache: Cache, room: Lesson, status: str, minutes: int | None
) -> None:
    with pytest.raises(RollCallRefused) as refused, memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, room.pupils["Alva"], Mark(status, minutes), actor=room.me)
    assert refused.value.reason is Refusal.MINUTES_OUT_OF_RANGE
    assert refused.value.limit == 50
    assert _pending(memory_cache) == 0
    assert _status(_roll_call(memory_cache, room))["Alva"] is None


def test_whole_lesson_minutes_are_allowed(memory_cache: Cache, room: Lesson) -> None:
    with memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, room.pupils["Elsa"], Mark("left_early", 50), actor=room.me)
    entry = next(e for e in _roll_call(memory_cache, room).entries if e.pupil.given_name == "Elsa")
    assert entry.mark is not None
    assert entry.mark.left_early_minutes == 50


def test_a_cancelled_lesson_and_pupils_outside_the_group_cannot_be_marked(
    memory_cache: Cache, room: Lesson
) -> None:
    cases = [
        (room.cancelled, room.pupils["Alva"], Refusal.LESSON_CANCELLED),
        (room.lesson, room.pupils["Lisa"], Refusal.NOT_IN_GROUP),
        (room.lesson, room.pupils["Sam"], Refusal.NOT_IN_GROUP),
        (uuid.uuid4(), room.pupils["Alva"], Refusal.UNKNOWN_LESSON),
    ]
    for lesson, pupil, reason in cases:
        with pytest.raises(RollCallRefused) as refused, memory_cache.begin() as conn:
            mark_pupil(conn, lesson, pupil, Mark("present"), actor=room.me)
        assert refused.value.reason is reason
    with pytest.raises(RollCallRefused) as refused, memory_cache.begin() as conn:
        mark_unmarked_present(conn, room.cancelled, actor=room.me)
    assert refused.value.reason is Refusal.LESSON_CANCELLED
    assert _pending(memory_cache) == 0
    # The stale mark is still there, untouched.
    assert _status(_roll_call(memory_cache, room))["Lisa"] == "present"


def test_all_unmarked_present_never_overwrites_a_mark_or_a_reported_absence(
    memory_cache: Cache, room: Lesson
) -> None:
    with memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, room.pupils["Elsa"], Mark("absent"), actor=room.me)
    with memory_cache.begin() as conn:
        count = mark_unmarked_present(conn, room.lesson, actor=room.me)
    assert count == 2  # Alva and Nils
    call = _roll_call(memory_cache, room)
    assert _status(call) == {
        "Alva": "present",
        "Elsa": "absent",
        "Nils": "present",
        "Axel": None,  # reported by his guardian: stays as the report says
        "Lisa": "present",  # not a member: left alone
    }
    assert next(e for e in call.entries if e.pupil.given_name == "Axel").prefilled
    before = _pending(memory_cache)
    with memory_cache.begin() as conn:
        assert mark_unmarked_present(conn, room.lesson, actor=room.me) == 0
    assert _pending(memory_cache) == before  # nothing left to write


def test_a_report_after_an_invalid_absence_is_asked_about_not_swapped(
    memory_cache: Cache, room: Lesson
) -> None:
    elsa = room.pupils["Elsa"]
    with memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, elsa, Mark("absent"), actor=room.me)
    data = RecordBuilder()
    late_report = data.add(
        "absence_report",
        pupil_id=elsa,
        absence_type="reported_absence",
        start_time=START - dt.timedelta(hours=1),
        end_time=START + dt.timedelta(hours=7),
        reported_by_name="Greta Eriksson",
        reported_at=START + dt.timedelta(hours=1, minutes=12),
    )
    data.apply_to(memory_cache)
    entry = next(e for e in _roll_call(memory_cache, room).entries if e.pupil.id == elsa)
    assert entry.mark is not None
    assert entry.mark.status == "absent"
    assert entry.report_needs_answer
    with memory_cache.begin() as conn:
        answer_report(conn, room.lesson, elsa, late_report, accept=False, actor=room.me)
    entry = next(e for e in _roll_call(memory_cache, room).entries if e.pupil.id == elsa)
    assert entry.mark is not None
    assert entry.mark.status == "absent"
    assert not entry.report_needs_answer
    with memory_cache.begin() as conn:
        answer_report(conn, room.lesson, elsa, late_report, accept=True, actor=room.me)
    entry = next(e for e in _roll_call(memory_cache, room).entries if e.pupil.id == elsa)
    assert entry.mark is not None
    assert (entry.mark.status, entry.mark.absence_report_id) == ("valid_absence", late_report)
    assert not entry.report_needs_answer


def test_a_comment_needs_a_mark_and_fits_the_field(memory_cache: Cache, room: Lesson) -> None:
    alva = room.pupils["Alva"]
    with pytest.raises(RollCallRefused) as refused, memory_cache.begin() as conn:
        set_comment(conn, room.lesson, alva, "Glömt boken", actor=room.me)
    assert refused.value.reason is Refusal.NOT_MARKED
    with memory_cache.begin() as conn:
        mark_pupil(conn, room.lesson, alva, Mark("present"), actor=room.me)
    with pytest.raises(RollCallRefused) as refused, memory_cache.begin() as conn:
        set_comment(conn, room.lesson, alva, "x" * 201, actor=room.me)
    assert refused.value.reason is Refusal.COMMENT_TOO_LONG
    with memory_cache.begin() as conn:
        set_comment(conn, room.lesson, alva, "  Glömt   boken ", actor=room.me)
    entry = next(e for e in _roll_call(memory_cache, room).entries if e.pupil.id == alva)
    assert entry.mark is not None
    assert entry.mark.comment == "Glömt boken"


def test_lessons_without_roll_call_are_the_teachers_past_unregistered_ones(
    memory_cache: Cache, room: Lesson
) -> None:
    window = (START - dt.timedelta(days=30), START + dt.timedelta(days=1))
    with memory_cache.connect() as conn:
        missing = lessons_without_roll_call(conn, room.me, *window)
    # Newest first; the cancelled lesson is not missing anything.
    assert [lesson.id for lesson in missing] == [room.lesson, room.yesterday]
    with memory_cache.begin() as conn:
        mark_unmarked_present(conn, room.lesson, actor=room.me)
    with memory_cache.connect() as conn:
        missing = lessons_without_roll_call(conn, room.me, *window)
        strangers = lessons_without_roll_call(conn, uuid.uuid4(), *window)
    assert [lesson.id for lesson in missing] == [room.yesterday]
    assert strangers == []


def test_arrived_now_and_leaving_now_count_whole_minutes_from_the_lesson() -> None:
    end = START + dt.timedelta(minutes=50)
    assert minutes_late_at(START, START + dt.timedelta(minutes=7, seconds=59)) == 7
    assert minutes_late_at(START, START + dt.timedelta(seconds=20)) == 1
    assert minutes_late_at(START, START - dt.timedelta(minutes=1)) < 0
    assert minutes_early_at(end, end - dt.timedelta(minutes=12, seconds=30)) == 12
    assert minutes_early_at(end, end + dt.timedelta(minutes=1)) < 0

"""Attendance statistics against figures worked out by hand.

Class 7A has maths (7A) and PE (7A together with 8B). Two weeks from Monday
14 September 2026 (Swedish time is UTC+2, so every lesson is on its UTC day):

    L1 maths Mon 08:00  60 min  registered   Alva present      Cia late 10
    L2 PE    Mon 10:00  90 min  registered   Alva left early 30 (report
                                             covers 11:00-16:00) Cia absent
    L3 maths Tue 08:00  40 min  CANCELLED    (Alva marked absent: ignored)
    L4 maths Wed 08:00  60 min  registered   Alva valid absence
                                             Bo late 15 (report covers
                                             08:00-08:05)  Cia other activity
    L5 PE    Thu 10:00  90 min  not registered, no marks
    L6 maths Mon 21st   60 min  registered   Alva absent  Bo present  Cia present

Bo joins 7A on Wednesday 16th. Dan is in 8B only. Alva also has a stray
mark in an English 8B lesson, which is not hers to be offered.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest

from local_db.attendance import group_statistics, pupil_attendance
from local_db.attendance.minutes import lesson_sums
from local_db.attendance.views import AttendanceSums, GroupStatistics
from local_db.cache import Cache
from sync_protocol import ids
from tests.local_db.records import RecordBuilder

UTC = dt.UTC
MONDAY = dt.date(2026, 9, 14)
PERIOD = (MONDAY, MONDAY + dt.timedelta(days=13))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(hour, minute), tzinfo=UTC)


@dataclass
class Case:
    class_7a: uuid.UUID
    pupils: dict[str, uuid.UUID]


@pytest.fixture
def case(memory_cache: Cache) -> Case:
    data = RecordBuilder()
    me = data.person("Karin", "Lärare")
    school = data.add("school", name="Ekbackens skola")
    class_7a = data.group("7A", school_id=school)
    class_8b = data.group("8B", school_id=school)
    pupils = {name: data.person(name, "Elev") for name in ("Alva", "Bo", "Cia", "Dan")}
    data.member(class_7a, pupils["Alva"], dt.date(2026, 8, 1))
    data.member(class_7a, pupils["Cia"], dt.date(2026, 8, 1))
    data.member(class_7a, pupils["Bo"], MONDAY + dt.timedelta(days=2))
    data.member(class_8b, pupils["Dan"], dt.date(2026, 8, 1))
    maths = data.activity("Matematik 7A", [class_7a], [me])
    pe = data.activity("Idrott 7A/8B", [class_7a, class_8b], [me])
    english = data.activity("Engelska 8B", [class_8b], [me])
    lessons = {
        "L1": (maths, data.lesson(maths, at(0, 8), 60), True),
        "L2": (pe, data.lesson(pe, at(0, 10), 90), True),
        "L3": (maths, data.lesson(maths, at(1, 8), 40, cancelled=True), True),
        "L4": (maths, data.lesson(maths, at(2, 8), 60), True),
        "L5": (pe, data.lesson(pe, at(3, 10), 90), False),
        "L6": (maths, data.lesson(maths, at(7, 8), 60), True),
        "EN": (english, data.lesson(english, at(1, 12), 60), True),
    }
    for activity, lesson, registered in lessons.values():
        if registered:
            data.add(
                "lesson_registration",
                ids.lesson_registration_id(lesson),
                lesson_id=lesson,
                activity_id=activity,
                registered=True,
            )

    def mark(key: str, pupil: str, status: str, **minutes: int) -> None:
        activity, lesson, _registered = lessons[key]
        data.add(
            "attendance",
            ids.attendance_id(lesson, pupils[pupil]),
            lesson_id=lesson,
            pupil_id=pupils[pupil],
            activity_id=activity,
            status=status,
            **minutes,
        )

    mark("L1", "Alva", "present")
    mark("L1", "Cia", "late", late_minutes=10)
    mark("L2", "Alva", "left_early", left_early_minutes=30)
    mark("L2", "Cia", "absent")
    mark("L2", "Dan", "present")
    mark("L3", "Alva", "absent")
    mark("L4", "Alva", "valid_absence")
    mark("L4", "Bo", "late", late_minutes=15)
    mark("L4", "Cia", "other_activity")
    mark("L6", "Alva", "absent")
    mark("L6", "Bo", "present")
    mark("L6", "Cia", "present")
    mark("EN", "Alva", "absent")
    for pupil, start, end in (("Alva", at(0, 11), at(0, 16)), ("Bo", at(2, 7), at(2, 8, 5))):
        data.add(
            "absence_report",
            pupil_id=pupils[pupil],
            absence_type="reported_absence",
            start_time=start,
            end_time=end,
            reported_at=start,
        )
    for pupil, day, state in (("Alva", 7, "sent"), ("Cia", 0, "failed"), ("Alva", 2, "queued")):
        data.add(
            "absence_notice",
            ids.absence_notice_id(pupils[pupil], MONDAY + dt.timedelta(days=day)),
            pupil_id=pupils[pupil],
            notice_date=MONDAY + dt.timedelta(days=day),
            state=state,
            attempts=1,
        )
    data.apply_to(memory_cache)
    return Case(class_7a, pupils)


def _stats(cache: Cache, case: Case, start: dt.date, end: dt.date) -> GroupStatistics:
    with cache.connect() as conn:
        found = group_statistics(conn, case.class_7a, start, end)
    assert found is not None
    return found


def test_group_statistics_match_the_figures_worked_out_by_hand(
    memory_cache: Cache, case: Case
) -> None:
    stats = _stats(memory_cache, case, *PERIOD)
    by_name = {row.pupil.given_name: row.sums for row in stats.pupils}
    assert list(by_name) == ["Alva", "Bo", "Cia"]  # not Dan (8B only)
    assert by_name["Alva"] == AttendanceSums(
        offered=60 + 90 + 60 + 90 + 60,
        reported=60 + 90 + 60 + 60,
        attendance=60 + 60,
        valid_absence=30 + 60,
        invalid_absence=60,
        other_attendance=0,
        late_count=0,
    )
    assert by_name["Bo"] == AttendanceSums(
        offered=60 + 90 + 60,  # from Wednesday only
        reported=60 + 60,
        attendance=45 + 60,
        valid_absence=5,
        invalid_absence=10,
        late_count=1,
    )
    assert by_name["Cia"] == AttendanceSums(
        offered=360,
        reported=270,
        attendance=50 + 60,
        invalid_absence=10 + 90,
        other_attendance=60,
        late_count=1,
    )
    assert by_name["Alva"].absence_percent == pytest.approx(100 * 150 / 270)
    assert by_name["Bo"].absence_percent == pytest.approx(12.5)
    assert by_name["Cia"].invalid_percent == pytest.approx(100 * 100 / 270)
    flagged = [row.pupil.given_name for row in stats.pupils if row.sums.at_or_above(15)]
    assert flagged == ["Alva", "Cia"]
    assert stats.total == AttendanceSums(
        offered=930,
        reported=660,
        attendance=335,
        valid_absence=95,
        invalid_absence=170,
        other_attendance=60,
        late_count=2,
    )
    assert (stats.lesson_count, stats.registered_count) == (5, 4)
    assert (stats.group_name, stats.school_name) == ("7A", "Ekbackens skola")


def test_the_period_limits_the_lessons_counted(memory_cache: Cache, case: Case) -> None:
    wednesday = MONDAY + dt.timedelta(days=2)
    stats = _stats(memory_cache, case, wednesday, wednesday)
    by_name = {row.pupil.given_name: row.sums for row in stats.pupils}
    assert by_name["Alva"] == AttendanceSums(offered=60, reported=60, valid_absence=60)
    assert by_name["Cia"] == AttendanceSums(offered=60, reported=60, other_attendance=60)
    # Before Bo joined, he is not part of the group at all.
    stats = _stats(memory_cache, case, MONDAY, MONDAY + dt.timedelta(days=1))
    assert [row.pupil.given_name for row in stats.pupils] == ["Alva", "Cia"]


def test_a_pupils_page_has_weeks_and_guardian_notices(memory_cache: Cache, case: Case) -> None:
    with memory_cache.connect() as conn:
        alva = pupil_attendance(conn, case.pupils["Alva"], *PERIOD)
        dan = pupil_attendance(conn, case.pupils["Dan"], *PERIOD)
    assert alva.sums.offered == 360
    assert alva.sums.valid_absence == 90
    assert [(w.week, w.reported, w.valid_absence, w.invalid_absence) for w in alva.weeks] == [
        (38, 210, 90, 0),
        (39, 60, 0, 60),
    ]
    assert [(n.notice_date.day, n.state) for n in alva.notices] == [(21, "sent"), (16, "queued")]
    # Dan (8B) is offered PE and English: 90 + 90 + 60, present once, unmarked otherwise.
    assert dan.sums == AttendanceSums(offered=240, reported=150, attendance=90)


def test_minutes_of_one_lesson_follow_each_state() -> None:
    start = at(0, 8)
    end = start + dt.timedelta(minutes=45)

    def sums(status: str | None, **kw: object) -> AttendanceSums:
        return lesson_sums(start=start, end=end, registered=True, status=status, **kw)  # type: ignore[arg-type]

    assert sums(None) == AttendanceSums(offered=45, reported=45)
    assert sums("late", late_minutes=5, left_early_minutes=10) == AttendanceSums(
        offered=45, reported=45, attendance=30, invalid_absence=15, late_count=1
    )
    covering = [(start - dt.timedelta(hours=1), start + dt.timedelta(hours=1))]
    assert sums("left_early", left_early_minutes=10, reports=covering) == AttendanceSums(
        offered=45, reported=45, attendance=35, valid_absence=10
    )
    # Not marked, but a report covers the lesson: valid, once the roll is taken.
    assert sums(None, reports=covering) == AttendanceSums(offered=45, reported=45, valid_absence=45)
    assert lesson_sums(
        start=start, end=end, registered=False, status=None, reports=covering
    ) == AttendanceSums(offered=45)
    # Minutes beyond the lesson never count more than the lesson.
    assert sums("late", late_minutes=500).invalid_absence == 45
    assert lesson_sums(start=start, end=end, registered=False, status="present") == (
        AttendanceSums(offered=45, reported=0, attendance=45)
    )

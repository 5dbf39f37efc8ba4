"""A pupil's timeline from a real encrypted cache: attendance this term,
results, term grades, notes and adjustments as one list, newest first; a
colleague's private note (should one be in the cache) and other pupils'
records never on it; an empty result left out; the query plans use the
pupil indexes the cache has."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from local_db.attendance.views import WeekAbsence
from local_db.cache import Cache
from local_db.documentation.timeline import (
    ADJUSTMENT,
    ATTENDANCE,
    GRADE,
    KINDS,
    NOTE,
    RESULT,
    TermAttendance,
    TimelineGrade,
    TimelineResult,
    pupil_timeline,
)
from local_db.documentation.views import NoteView
from sync_protocol import ids
from tests.local_db.records import DAY, RecordBuilder

UTC = dt.UTC


@dataclass
class School:
    me: uuid.UUID
    colleague: uuid.UUID
    alva: uuid.UUID
    bo: uuid.UUID


def _lesson_at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(8), UTC)


def build(cache: Cache) -> School:
    data = RecordBuilder()
    me = data.person("Anna", "Andersson")
    colleague = data.person("Cecilia", "Carlsson")
    alva = data.person("Alva", "Ahlberg")
    bo = data.person("Bo", "Berg")
    group = data.group("7A")
    for pupil in (alva, bo):
        data.member(group, pupil, dt.date(2026, 8, 17))
    maths = data.activity("Matematik 7A", [group], [me], subject_name="Matematik")
    # Two weeks of lessons: Alva absent (invalid) in week 37, present in week 38.
    for day, status in ((DAY - dt.timedelta(days=7), "absent"), (DAY, "present")):
        lesson = data.lesson(maths, _lesson_at(day), 60)
        data.add(
            "lesson_registration",
            ids.lesson_registration_id(lesson),
            lesson_id=lesson,
            activity_id=maths,
            registered=True,
        )
        for pupil in (alva, bo):
            data.add(
                "attendance",
                ids.attendance_id(lesson, pupil),
                lesson_id=lesson,
                pupil_id=pupil,
                activity_id=maths,
                status=status if pupil == alva else "present",
            )
    common = {"activity_id": maths, "description": "", "planning_unit_id": None}
    test = data.add(
        "assessment",
        title="Bråktal",
        assessment_type="test",
        assessment_date=DAY - dt.timedelta(days=2),
        scale_kind="points",
        max_points=40,
        **common,
    )
    essay = data.add(
        "assessment", title="Uppsats", assessment_type="assignment", assessment_date=DAY, **common
    )
    data.add(
        "assessment_result",
        ids.assessment_result_id(test, alva),
        assessment_id=test,
        pupil_id=alva,
        activity_id=maths,
        grade=None,
        points=31,
        comment="Bra uträkningar.",
    )
    data.add(
        "assessment_result",  # a result with nothing in it yet: not an event
        ids.assessment_result_id(essay, alva),
        assessment_id=essay,
        pupil_id=alva,
        activity_id=maths,
        grade=None,
        comment="",
    )
    data.add(
        "assessment_result",
        ids.assessment_result_id(test, bo),
        assessment_id=test,
        pupil_id=bo,
        activity_id=maths,
        grade=None,
        points=12,
        comment="Bo's",
    )
    for term, grade in (("VT2026", "C"), ("HT2026", "B")):
        data.add("term_grade", pupil_id=alva, activity_id=maths, term=term, grade=grade)

    def note(pupil: uuid.UUID, body: str, visibility: str, day: dt.date, author: uuid.UUID) -> None:
        data.add(
            "pupil_note",
            pupil_id=pupil,
            category="observation",
            body=body,
            visibility=visibility,
            note_date=day,
        )
        data.written_by(author)

    note(alva, "Räcker upp handen oftare.", "teachers", DAY - dt.timedelta(days=3), colleague)
    note(alva, "Mentorssamtal om läxor.", "mentors", DAY - dt.timedelta(days=5), colleague)
    note(alva, "Min egen minnesanteckning.", "private", DAY - dt.timedelta(days=1), me)
    note(alva, "Cecilias privata.", "private", DAY - dt.timedelta(days=1), colleague)
    note(bo, "Om Bo.", "teachers", DAY, me)
    data.add(
        "support_adjustment",
        pupil_id=alva,
        what="Extra tid på prov",
        start_date=DAY - dt.timedelta(days=20),
        end_date=None,
        evaluation="Fungerar.",
    )
    data.add(
        "action_programme_ref",
        pupil_id=alva,
        decided_on=DAY - dt.timedelta(days=40),
        decided_by="Rektor",
        document_location="Elevhälsans akt",
    )
    data.apply_to(cache)
    return School(me, colleague, alva, bo)


def test_the_timeline_holds_each_kind_newest_first(memory_cache: Cache) -> None:
    school = build(memory_cache)
    with memory_cache.connect() as conn:
        timeline = pupil_timeline(conn, school.alva, school.me, DAY)
    entries = timeline.entries
    days = [entry.day for entry in entries if entry.day is not None]
    assert days == sorted(days, reverse=True), "newest first"
    assert {entry.kind for entry in entries} == set(KINDS)
    assert timeline.attendance_start == dt.date(2026, 8, 1)
    assert timeline.attendance_end == DAY

    summary = next(e.item for e in entries if isinstance(e.item, TermAttendance))
    assert summary.sums.reported == 120
    assert summary.sums.invalid_absence == 60
    weeks = [e.item for e in entries if isinstance(e.item, WeekAbsence)]
    assert [(w.week, w.invalid_absence) for w in weeks] == [(37, 60)], "only weeks with absence"

    results = [e for e in entries if e.kind == RESULT]
    assert len(results) == 1, "the empty result is not an event"
    assert isinstance(results[0].item, TimelineResult)
    assert results[0].item.cell.points == 31
    assert results[0].title == "Bråktal"
    assert results[0].detail == "Bra uträkningar."
    assert results[0].day == DAY - dt.timedelta(days=2)
    assert results[0].source == "Matematik"

    grades = {e.item.term: e for e in entries if isinstance(e.item, TimelineGrade)}
    assert grades["HT2026"].item.cell.grade == "B"
    assert grades["HT2026"].day == DAY, "while the term runs: today"
    assert grades["VT2026"].day == dt.date(2026, 7, 31), "a past term's grade: at its end"

    notes = [e.item for e in entries if e.kind == NOTE]
    assert all(isinstance(n, NoteView) for n in notes)
    bodies = [n.body for n in notes if isinstance(n, NoteView)]
    assert bodies == [
        "Min egen minnesanteckning.",
        "Räcker upp handen oftare.",
        "Mentorssamtal om läxor.",
    ], "mine, the teachers' and the mentors' note; never a colleague's private one"
    assert "Om Bo." not in bodies

    support = [e for e in entries if e.kind == ADJUSTMENT]
    assert [e.title for e in support] == ["Extra tid på prov", "Elevhälsans akt"]


def test_filtering_by_kind_keeps_the_order(memory_cache: Cache) -> None:
    school = build(memory_cache)
    with memory_cache.connect() as conn:
        timeline = pupil_timeline(conn, school.alva, school.me, DAY)
    only = timeline.of_kinds({ATTENDANCE, GRADE})
    assert only
    assert {entry.kind for entry in only} == {ATTENDANCE, GRADE}
    assert list(only) == [e for e in timeline.entries if e.kind in (ATTENDANCE, GRADE)]


def test_a_pupil_with_nothing_recorded_has_an_empty_timeline(memory_cache: Cache) -> None:
    school = build(memory_cache)
    with memory_cache.connect() as conn:
        timeline = pupil_timeline(conn, uuid.uuid4(), school.me, DAY)
    assert timeline.entries == ()


def test_the_timeline_reads_by_the_pupil_indexes(memory_cache: Cache) -> None:
    build(memory_cache)
    plans = {}
    with memory_cache.connect() as conn:
        for table in ("assessment_result", "term_grade", "pupil_note", "support_adjustment"):
            rows = conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN SELECT id FROM {table} WHERE pupil_id = ?",
                (uuid.uuid4().hex,),
            ).all()
            plans[table] = " ".join(str(row[-1]) for row in rows)
    for table, plan in plans.items():
        assert f"ix_{table}_pupil_id" in plan, (table, plan)

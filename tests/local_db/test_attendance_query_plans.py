"""Attendance queries use indexes: on a year of one teacher's data, neither
the roll call, the missing roll calls, a group's statistics nor a pupil's
page reads a whole large table (timings: bench/attendance_statistics.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from local_db.attendance import (
    group_statistics,
    lessons_without_roll_call,
    load_roll_call,
    pupil_attendance,
)
from local_db.cache import Cache
from local_db.schema import synced
from sync_protocol.terms import term_for
from tests.local_db.test_query_plans import _plans, _scans_of_large_tables, year_cache
from tests.local_db.year_of_data import TERM_START, YearOfData

__all__ = ["year_cache"]

TERM = term_for(TERM_START)


def test_roll_call_and_missing_roll_calls_use_indexes(year_cache: tuple[Cache, YearOfData]) -> None:
    cache, data = year_cache
    lesson = synced["lesson"]
    with cache.connect() as conn:
        lesson_id = conn.scalar(select(lesson.c.id).order_by(lesson.c.start_time).limit(1))
        assert lesson_id is not None
        details = _plans(conn, lambda: load_roll_call(conn, lesson_id, data.teacher))
        start = dt.datetime.combine(TERM.start, dt.time(), dt.UTC)
        missing = _plans(
            conn,
            lambda: lessons_without_roll_call(
                conn, data.teacher, start, start + dt.timedelta(days=120)
            ),
        )
    assert _scans_of_large_tables(details) == []
    assert _scans_of_large_tables(missing) == []


def test_statistics_of_a_group_and_a_pupil_use_indexes(
    year_cache: tuple[Cache, YearOfData],
) -> None:
    cache, data = year_cache
    with cache.connect() as conn:
        stats = group_statistics(conn, data.groups[0], TERM.start, TERM.end)
        assert stats is not None
        assert stats.pupils
        pupil = stats.pupils[0].pupil.id
        group_plans = _plans(
            conn, lambda: group_statistics(conn, data.groups[0], TERM.start, TERM.end)
        )
        pupil_plans = _plans(conn, lambda: pupil_attendance(conn, pupil, TERM.start, TERM.end))
    assert _scans_of_large_tables(group_plans) == []
    assert _scans_of_large_tables(pupil_plans) == []

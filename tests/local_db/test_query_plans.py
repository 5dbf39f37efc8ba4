"""The pages' queries use indexes: on a year of data, no query of the week
view, the group list or a group's pupils reads a whole large table.

Plans, not timings, are asserted (timings belong in benchmarks); a plan that
scans `lesson` is slow on every teacher's computer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, event

from local_db.cache import Cache, open_cache
from local_db.repositories import groups_for_teacher, lessons_between, pupils_in_group
from local_db.sync.page_apply import apply_page, decode_page
from tests.local_db.year_of_data import YearOfData, build_year

#: Tables that grow with the year; scanning one of them is a missing index.
LARGE = ("lesson", "attendance", "lesson_registration", "group_membership", "person")


@pytest.fixture(scope="module")
def year_cache() -> Iterator[tuple[Cache, YearOfData]]:
    import secrets

    year = build_year(registered_weeks=4)
    cache = open_cache(None, secrets.token_bytes(32))
    for page in year.pages:
        with cache.begin() as conn:
            apply_page(conn, decode_page(page), dt.datetime.now(dt.UTC))
    yield cache, year
    cache.close()


def _plans(conn: Connection, run: Callable[[], Any]) -> list[str]:
    statements: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, params))

    event.listen(conn, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(conn, "before_cursor_execute", capture)
    assert statements
    details = []
    for statement, params in statements:
        for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params):
            details.append(str(row[3]))
    return details


def _scans_of_large_tables(details: list[str]) -> list[str]:
    return [d for d in details if d.startswith("SCAN") and d.split()[1].strip('"') in LARGE]


def test_week_view_reads_lessons_by_start_time(year_cache: tuple[Cache, YearOfData]) -> None:
    cache, year = year_cache
    start = dt.datetime(2026, 10, 12, tzinfo=dt.UTC)
    for only_mine in (False, True):
        with cache.connect() as conn:
            details = _plans(
                conn,
                lambda mine=only_mine: lessons_between(
                    conn, start, start + dt.timedelta(days=7), year.teacher, mine
                ),
            )
        assert _scans_of_large_tables(details) == []
        assert any("ix_lesson_start_time" in d for d in details)


def test_group_list_and_members_use_the_membership_index(
    year_cache: tuple[Cache, YearOfData],
) -> None:
    cache, year = year_cache
    day = dt.date(2026, 10, 12)
    with cache.connect() as conn:
        groups = _plans(conn, lambda: groups_for_teacher(conn, year.teacher, day))
        pupils = _plans(conn, lambda: pupils_in_group(conn, year.groups[0], day))
    assert _scans_of_large_tables(groups) == []
    assert _scans_of_large_tables(pupils) == []
    assert any("group_membership" in d and "INDEX" in d for d in groups + pupils)

"""The school days of the demo school's current term.

Term dates follow a typical Swedish municipality (here Uppsala): autumn term
from the Wednesday of week 34 to the Friday of week 51 with höstlov in week
44; spring term from the Monday of week 2 to the Friday of week 24 with
sportlov in week 8, påsklov the week after Easter, and the public holidays
that fall on school days (1 May, Ascension Day and the Friday after it,
6 June). Real schools differ by a few days; the demo only needs to look right.

`today` is always a school day of the demo, even on a weekend, in a break or
in the summer holiday: whoever opens the demo must see a day full of lessons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sync_protocol.terms import Term, term_for


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _week(year: int, week: int) -> list[dt.date]:
    monday = dt.date.fromisocalendar(year, week, 1)
    return [monday + dt.timedelta(days=offset) for offset in range(5)]


@dataclass(frozen=True)
class SchoolCalendar:
    today: dt.date
    term: Term  # the calendar half (sync_protocol.terms) the days lie in
    first_day: dt.date  # first day of teaching
    last_day: dt.date  # last day of teaching
    school_days: tuple[dt.date, ...]  # sorted, includes `today`
    school_year_start: dt.date  # first day of the school year (autumn term)
    school_year_end: dt.date  # last day of the school year (spring term)

    def weekday_timetable(self, day: dt.date, busiest_weekday: int) -> int:
        """Which weekday's timetable a school day follows (0 = Monday).

        A weekend `today` follows the weekday on which the demo teacher has
        the most lessons, so the Today page is never empty.
        """
        return day.weekday() if day.weekday() < 5 else busiest_weekday


def _autumn(year: int) -> tuple[dt.date, dt.date, set[dt.date]]:
    first = dt.date.fromisocalendar(year, 34, 3)
    last = dt.date.fromisocalendar(year, 51, 5)
    return first, last, set(_week(year, 44))


def _spring(year: int) -> tuple[dt.date, dt.date, set[dt.date]]:
    first = dt.date.fromisocalendar(year, 2, 1)
    last = dt.date.fromisocalendar(year, 24, 5)
    easter = easter_sunday(year)
    ascension = easter + dt.timedelta(days=39)
    days_off = set(_week(year, 8))
    days_off.add(easter - dt.timedelta(days=2))  # Good Friday
    days_off.update(_week(*(easter + dt.timedelta(days=1)).isocalendar()[:2]))  # påsklov
    days_off.update({dt.date(year, 5, 1), ascension, ascension + dt.timedelta(days=1)})
    days_off.add(dt.date(year, 6, 6))
    return first, last, days_off


def school_calendar(today: dt.date) -> SchoolCalendar:
    term = term_for(today)
    autumn = term.code.startswith("HT")
    first, last, days_off = _autumn(today.year) if autumn else _spring(today.year)
    days: set[dt.date] = set()
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in days_off:
            days.add(day)
        day += dt.timedelta(days=1)
    days.add(today)
    year_of_autumn = today.year if autumn else today.year - 1
    return SchoolCalendar(
        today=today,
        term=term,
        first_day=min(first, today),
        last_day=max(last, today),
        school_days=tuple(sorted(days)),
        school_year_start=min(_autumn(year_of_autumn)[0], today),
        school_year_end=max(_spring(year_of_autumn + 1)[1], today),
    )

"""Swedish school time for attendance: which day a lesson belongs to, and
minutes counted from the lesson's start or end.

Lessons are stored in UTC, but memberships and terms are Swedish calendar
days: a lesson at 00:30 Swedish time in summer is 22:30 UTC the day before.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _school_zone() -> dt.tzinfo:
    try:
        return ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:  # pragma: no cover - only without tz data
        return dt.datetime.now().astimezone().tzinfo or dt.UTC


SCHOOL_TZ = _school_zone()


def school_day(moment: dt.datetime) -> dt.date:
    """The Swedish calendar day of a UTC-aware moment."""
    return moment.astimezone(SCHOOL_TZ).date()


def day_start_utc(day: dt.date) -> dt.datetime:
    """Midnight starting `day` in school time, as UTC (summer time handled)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=SCHOOL_TZ).astimezone(dt.UTC)


def period_bounds_utc(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, end+1 00:00) in school time, as UTC: both days inclusive."""
    return day_start_utc(start), day_start_utc(end + dt.timedelta(days=1))


def minutes_late_at(lesson_start: dt.datetime, now: dt.datetime) -> int:
    """How late a pupil arriving `now` is: whole minutes since the start,
    at least 1 (someone who walks in late is late). Negative before the
    start; the caller refuses values outside the lesson."""
    seconds = (now - lesson_start).total_seconds()
    if seconds < 0:
        return -1
    return max(1, int(seconds // 60))


def minutes_early_at(lesson_end: dt.datetime, now: dt.datetime) -> int:
    """How early a pupil leaving `now` leaves: whole minutes to the end,
    at least 1. Negative after the end."""
    seconds = (lesson_end - now).total_seconds()
    if seconds < 0:
        return -1
    return max(1, int(seconds // 60))

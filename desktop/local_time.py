"""School time: everything is shown in Europe/Stockholm, whatever the
computer's own zone (a teacher's laptop set to UTC must not shift lessons).

Lessons are stored UTC-aware; days and weeks are Swedish calendar days,
turned into UTC bounds for the repositories.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QLocale


def _school_zone() -> dt.tzinfo:
    try:
        return ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:  # pragma: no cover - only without tz data (Windows w/o tzdata)
        return dt.datetime.now().astimezone().tzinfo or dt.UTC


SCHOOL_TZ = _school_zone()


def now() -> dt.datetime:
    """The current time, UTC-aware."""
    return dt.datetime.now(dt.UTC)


def to_local(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:  # defensive: stored values are UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SCHOOL_TZ)


def today() -> dt.date:
    return to_local(now()).date()


def day_bounds_utc(day: dt.date, days: int = 1) -> tuple[dt.datetime, dt.datetime]:
    """UTC bounds of [day 00:00, day+days 00:00) in school time (DST-safe)."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=SCHOOL_TZ)
    end = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(), tzinfo=SCHOOL_TZ)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def clock(moment: dt.datetime) -> str:
    """10:42 (24-hour, as Swedish schools write it in both languages)."""
    return to_local(moment).strftime("%H:%M")


def time_range(start: dt.datetime, end: dt.datetime) -> str:
    return f"{clock(start)}–{clock(end)}"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def long_date(day: dt.date) -> str:
    """'Monday 30 November' in the UI language (QLocale default)."""
    text = QLocale().toString(_qdate(day), "dddd d MMMM")
    return text[:1].upper() + text[1:]


def weekday_name(day: dt.date) -> str:
    text = QLocale().toString(_qdate(day), "dddd")
    return text[:1].upper() + text[1:]


def short_date(day: dt.date) -> str:
    """'30 Nov' in the UI language."""
    return QLocale().toString(_qdate(day), "d MMM").rstrip(".")


def iso_week(day: dt.date) -> int:
    return day.isocalendar().week

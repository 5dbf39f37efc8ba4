"""Swedish school time: timetables are written in local time, stored in UTC."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

#: Every Swedish school keeps Swedish time; the server stores UTC.
SCHOOL_TIME_ZONE = ZoneInfo("Europe/Stockholm")


def local_to_utc(day: dt.date, local: dt.time) -> dt.datetime:
    """A wall-clock time at school on `day` as a UTC instant (summer time handled)."""
    return dt.datetime.combine(day, local, tzinfo=SCHOOL_TIME_ZONE).astimezone(dt.UTC)

"""One pupil's minutes in one lesson, as AttendanceSums (the rules themselves
are shared with the server: sync_protocol.attendance_minutes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from local_db.attendance.views import AttendanceSums
from sync_protocol.attendance_minutes import (
    Figures,
    Interval,
    lesson_figures,
    whole_lesson_figures,
)

__all__ = ["Figures", "Interval", "lesson_figures", "lesson_sums", "whole_lesson_figures"]


def lesson_sums(
    *,
    start: dt.datetime,
    end: dt.datetime,
    registered: bool,
    status: str | None,
    late_minutes: int | None = None,
    left_early_minutes: int | None = None,
    reports: Sequence[Interval] = (),
) -> AttendanceSums:
    """lesson_figures as AttendanceSums."""
    return AttendanceSums(
        *lesson_figures(
            start=start,
            end=end,
            registered=registered,
            status=status,
            late_minutes=late_minutes,
            left_early_minutes=left_early_minutes,
            reports=reports,
        )
    )

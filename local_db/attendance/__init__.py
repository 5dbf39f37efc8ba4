"""Attendance in the local cache: the roll call (reading and marking) and
statistics. Qt-free; the desktop runs these on its database worker."""

from local_db.attendance.marking import (
    COMMENT_MAX_LENGTH,
    Mark,
    Refusal,
    RollCallRefused,
    answer_report,
    check_minutes,
    mark_pupil,
    mark_unmarked_present,
    set_comment,
)
from local_db.attendance.roll_call import lessons_without_roll_call, load_roll_call
from local_db.attendance.school_time import minutes_early_at, minutes_late_at, school_day
from local_db.attendance.statistics import group_statistics, pupil_attendance

__all__ = [
    "COMMENT_MAX_LENGTH",
    "Mark",
    "Refusal",
    "RollCallRefused",
    "answer_report",
    "check_minutes",
    "group_statistics",
    "lessons_without_roll_call",
    "load_roll_call",
    "mark_pupil",
    "mark_unmarked_present",
    "minutes_early_at",
    "minutes_late_at",
    "pupil_attendance",
    "school_day",
    "set_comment",
]

"""One pupil's minutes in one lesson, as SS 12000 counts attendance.

    present         attendance = the lesson's length
    late / left     the minutes missed are absence: valid where a guardian's
    early           report or granted leave covers them, otherwise invalid;
                    the rest is attendance
    absent          invalid absence, the whole lesson (the teacher's call: a
                    report that came later is asked about in the roll call)
    valid_absence   valid absence, the whole lesson
    other_activity  other attendance (a school activity elsewhere): not absence
    no mark         nothing but offered (and reported, if the roll was taken);
                    but in a registered lesson, minutes a guardian's report or
                    granted leave covers are valid absence (the roll call shows
                    such a pupil as validly absent without saving a mark)

Late arrival counts once per lesson marked late.

Shared by the app's statistics (local_db.attendance) and the server's
published SS 12000 Attendance and AggregatedAttendance, so the two count alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sync_protocol.vocabularies import ATTENDANCE_STATUSES

PRESENT, LATE, LEFT_EARLY, ABSENT, VALID_ABSENCE, OTHER_ACTIVITY = ATTENDANCE_STATUSES

Interval = tuple[dt.datetime, dt.datetime]


def _merged(intervals: Sequence[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _covered_seconds(missed: Sequence[Interval], reports: Sequence[Interval]) -> float:
    total = 0.0
    for report_start, report_end in _merged(reports):
        for start, end in missed:
            overlap = (min(end, report_end) - max(start, report_start)).total_seconds()
            total += max(0.0, overlap)
    return total


#: The figures of one lesson in AttendanceSums' field order: offered,
#: reported, attendance, valid absence, invalid absence, other attendance,
#: late count. Statistics add up tuples (no object per lesson and pupil).
Figures = tuple[int, int, int, int, int, int, int]


def whole_lesson_figures(length: int, registered: bool, status: str | None) -> Figures:
    """The figures of a state that covers the whole lesson (not late or
    left early): they depend on the length alone, so statistics count such
    lessons by (length, registered, state) and multiply."""
    reported = length if registered else 0
    if status == PRESENT:
        return (length, reported, length, 0, 0, 0, 0)
    if status == ABSENT:
        return (length, reported, 0, 0, length, 0, 0)
    if status == VALID_ABSENCE:
        return (length, reported, 0, length, 0, 0, 0)
    if status == OTHER_ACTIVITY:
        return (length, reported, 0, 0, 0, length, 0)
    return (length, reported, 0, 0, 0, 0, 0)  # not marked


def lesson_figures(
    *,
    start: dt.datetime,
    end: dt.datetime,
    registered: bool,
    status: str | None,
    late_minutes: int | None = None,
    left_early_minutes: int | None = None,
    reports: Sequence[Interval] = (),
) -> Figures:
    """The figures for one (not cancelled) lesson the pupil was expected at."""
    length = int((end - start).total_seconds() // 60)
    reported = length if registered else 0
    if status is None and registered and reports:
        valid = min(length, round(_covered_seconds([(start, end)], reports) / 60))
        return (length, reported, 0, valid, 0, 0, 0)
    if status not in (LATE, LEFT_EARLY):
        return whole_lesson_figures(length, registered, status)
    # A co-teacher's client may have set both minute fields: count both.
    late = min(max(late_minutes or 0, 0), length)
    early = min(max(left_early_minutes or 0, 0), length - late)
    missed: list[Interval] = []
    if late:
        missed.append((start, start + dt.timedelta(minutes=late)))
    if early:
        missed.append((end - dt.timedelta(minutes=early), end))
    valid = 0
    if reports:
        valid = min(late + early, round(_covered_seconds(missed, reports) / 60))
    lateness = 1 if status == LATE else 0
    return (length, reported, length - late - early, valid, late + early - valid, 0, lateness)

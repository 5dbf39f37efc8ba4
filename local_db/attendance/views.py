"""Frozen values the attendance screens get from the cache (never live rows)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from local_db.views import LessonView, PupilView

PRESENT = "present"
LATE = "late"
LEFT_EARLY = "left_early"
ABSENT = "absent"
VALID_ABSENCE = "valid_absence"
OTHER_ACTIVITY = "other_activity"

#: States that carry minutes (how late, how early the pupil left).
STATES_WITH_MINUTES = (LATE, LEFT_EARLY)


@dataclass(frozen=True)
class AbsenceReportView:
    """A guardian's report (anmäld frånvaro) or granted leave (beviljad ledighet)."""

    id: uuid.UUID
    pupil_id: uuid.UUID
    absence_type: str  # reported_absence | granted_leave
    start_time: dt.datetime
    end_time: dt.datetime
    reported_by_name: str | None
    reported_at: dt.datetime


@dataclass(frozen=True)
class AttendanceMark:
    """What the roll call says about one pupil in one lesson."""

    status: str
    late_minutes: int | None = None
    left_early_minutes: int | None = None
    comment: str | None = None
    #: The report the teacher decided with: set when the mark was made with
    #: a report in view, or when the teacher answered a late report (Accept
    #: or Keep). A report with another id is news to the teacher.
    absence_report_id: uuid.UUID | None = None
    #: Who set it last (a co-teacher's marks arrive through sync).
    marked_by: uuid.UUID | None = None
    marked_by_name: str | None = None

    @property
    def minutes(self) -> int | None:
        if self.status == LATE:
            return self.late_minutes
        if self.status == LEFT_EARLY:
            return self.left_early_minutes
        return None


@dataclass(frozen=True)
class RollCallEntry:
    pupil: PupilView
    mark: AttendanceMark | None
    #: The report overlapping the lesson (the latest one when several do).
    report: AbsenceReportView | None
    #: False: the pupil is not in the lesson's groups on its day, but a mark
    #: exists (made before the membership changed). Shown greyed, never editable.
    member: bool = True

    @property
    def prefilled(self) -> bool:
        """Not marked yet, but a report says the absence is valid."""
        return self.mark is None and self.report is not None and self.member

    @property
    def report_needs_answer(self) -> bool:
        """Marked invalidly absent, and a report came in that the teacher
        has not seen: ask, never swap silently."""
        return (
            self.mark is not None
            and self.mark.status == ABSENT
            and self.report is not None
            and self.mark.absence_report_id != self.report.id
        )


@dataclass(frozen=True)
class RollCall:
    lesson: LessonView
    #: The lesson's school day (Swedish time): whose membership counts.
    day: dt.date
    #: Members (Swedish name order), then stale marks of former members.
    entries: tuple[RollCallEntry, ...]

    @property
    def members(self) -> tuple[RollCallEntry, ...]:
        return tuple(entry for entry in self.entries if entry.member)

    @property
    def marked_count(self) -> int:
        return sum(1 for entry in self.members if entry.mark is not None)


# --- statistics --------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceSums:
    """Minutes as SS 12000 AggregatedAttendance counts them, plus lateness.

    offered: lessons the pupil was expected at (not cancelled, in a group of
    the lesson on its day); reported: of those, lessons whose roll call was
    taken. Percentages are of the reported minutes: a lesson nobody
    registered says nothing about the pupil.
    """

    offered: int = 0
    reported: int = 0
    attendance: int = 0
    valid_absence: int = 0
    invalid_absence: int = 0
    other_attendance: int = 0
    late_count: int = 0

    def __add__(self, other: AttendanceSums) -> AttendanceSums:
        return AttendanceSums(
            offered=self.offered + other.offered,
            reported=self.reported + other.reported,
            attendance=self.attendance + other.attendance,
            valid_absence=self.valid_absence + other.valid_absence,
            invalid_absence=self.invalid_absence + other.invalid_absence,
            other_attendance=self.other_attendance + other.other_attendance,
            late_count=self.late_count + other.late_count,
        )

    def _percent(self, minutes: int) -> float | None:
        return None if self.reported == 0 else 100.0 * minutes / self.reported

    @property
    def absence_percent(self) -> float | None:
        return self._percent(self.valid_absence + self.invalid_absence)

    @property
    def valid_percent(self) -> float | None:
        return self._percent(self.valid_absence)

    @property
    def invalid_percent(self) -> float | None:
        return self._percent(self.invalid_absence)

    @property
    def attendance_percent(self) -> float | None:
        return self._percent(self.attendance)

    def at_or_above(self, threshold_percent: float) -> bool:
        percent = self.absence_percent
        return percent is not None and percent >= threshold_percent


@dataclass(frozen=True)
class PupilSums:
    pupil: PupilView
    sums: AttendanceSums


@dataclass(frozen=True)
class GroupStatistics:
    group_id: uuid.UUID
    group_name: str
    school_name: str | None
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    #: Every pupil who was in the group some day of the period, Swedish order.
    pupils: tuple[PupilSums, ...]
    #: Lessons of the group in the period (not cancelled) / of them registered.
    lesson_count: int
    registered_count: int

    @property
    def total(self) -> AttendanceSums:
        total = AttendanceSums()
        for row in self.pupils:
            total = total + row.sums
        return total


@dataclass(frozen=True)
class WeekAbsence:
    """One ISO week of a pupil's absence, for the chart."""

    monday: dt.date
    week: int
    reported: int
    valid_absence: int
    invalid_absence: int


@dataclass(frozen=True)
class AbsenceNoticeView:
    """The same-day notice to guardians (skollagen 7:17) and where it stands."""

    id: uuid.UUID
    notice_date: dt.date
    state: str  # queued | sent | failed | cancelled
    attempts: int
    sent_at: dt.datetime | None
    last_error: str | None


@dataclass(frozen=True)
class PupilAttendance:
    pupil_id: uuid.UUID
    start: dt.date
    end: dt.date
    sums: AttendanceSums
    weeks: tuple[WeekAbsence, ...]
    notices: tuple[AbsenceNoticeView, ...]

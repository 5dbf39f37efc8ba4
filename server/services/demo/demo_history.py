"""What has already happened in the demo term: roll calls and absence reports.

The demo teacher has taken the roll in every past lesson of the term: most
pupils present, some late, a few absent with or without a valid reason, and
one pupil in 7B absent often enough to stand out in statistics. Guardians
have reported absences: one on a past day (its lessons show valid absence
linked to the report), one today (the roll call should pick it up) and one
granted leave next week.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from server.services.demo.demo_calendar import SchoolCalendar
from server.services.demo.demo_people import DemoMembership, DemoPerson, Roster
from server.services.roster.school_time import local_to_utc
from sync_protocol import ids as natural_ids
from sync_protocol.entities import MergePolicy, entity
from sync_protocol.hlc import HlcStamp

Insert = Callable[[str, dict[str, object]], None]
IdMaker = Callable[[str, str], uuid.UUID]

#: The clock node of edits the seed makes in the demo teacher's name.
_SEED_CLOCK_NODE = "demo-seed"
_STATUSES = ("present", "late", "absent", "valid_absence", "left_early", "other_activity")
_WEIGHTS = (915, 30, 15, 30, 5, 5)
_FREQUENTLY_ABSENT_WEIGHTS = (700, 30, 200, 60, 5, 5)


@dataclass(frozen=True)
class TaughtLesson:
    """A lesson of the demo teacher, as the history needs it."""

    id: uuid.UUID
    activity_id: uuid.UUID
    group: str
    day: dt.date
    end_time: dt.datetime
    cancelled: bool


def _latest_wins(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in entity(kind).fields if f.policy is MergePolicy.LATEST_WINS)


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return local_to_utc(day, dt.time(hour, minute))


def _active(membership: DemoMembership, day: dt.date) -> bool:
    return membership.start <= day and (membership.end is None or membership.end >= day)


class _History:
    def __init__(
        self,
        *,
        insert: Insert,
        make_id: IdMaker,
        calendar: SchoolCalendar,
        roster: Roster,
        teacher_id: uuid.UUID,
        rng: random.Random,
    ) -> None:
        self.insert = insert
        self.make_id = make_id
        self.calendar = calendar
        self.teacher_id = teacher_id
        self.rng = rng
        self.members: dict[str, list[DemoMembership]] = {}
        for membership in roster.memberships:
            self.members.setdefault(membership.group, []).append(membership)
        people = {person.id: person for person in roster.guardians}
        self.guardian_names: dict[uuid.UUID, str] = {}
        for pupil_id, guardian_id in roster.relations:
            self.guardian_names.setdefault(pupil_id, people[guardian_id].full_name)
        #: (pupil id, day) -> absence report id, for valid absence in the roll call
        self.reported: dict[tuple[uuid.UUID, dt.date], uuid.UUID] = {}

    def pupils_on(self, group: str, day: dt.date) -> list[uuid.UUID]:
        return [m.pupil_id for m in self.members.get(group, ()) if _active(m, day)]

    def report(
        self,
        pupil_id: uuid.UUID,
        kind: str,
        first: dt.date,
        last: dt.date,
        reported_at: dt.datetime,
    ) -> None:
        report_id = self.make_id("absence_report", f"{pupil_id}/{first}")
        self.insert(
            "absence_report",
            {
                "id": report_id,
                "pupil_id": pupil_id,
                "absence_type": kind,
                "start_time": _local(first, 8),
                "end_time": _local(last, 16),
                "reported_by_name": self.guardian_names.get(pupil_id),
                "reported_at": reported_at,
            },
        )
        for day in self.calendar.school_days:
            if first <= day <= last:
                self.reported[(pupil_id, day)] = report_id

    def _field_clock(self, kind: str, at: dt.datetime) -> dict[str, list[str]]:
        """Who set each latest-wins field and when, as the merge expects (docs/sync.md)."""
        stamp = HlcStamp(int(at.timestamp() * 1000), 0, _SEED_CLOCK_NODE).to_text()
        return {name: [stamp, str(self.teacher_id)] for name in _latest_wins(kind)}

    def roll_call(self, lesson: TaughtLesson, often_absent: uuid.UUID) -> None:
        by_teacher = {
            "created_by": self.teacher_id,
            "modified_by": self.teacher_id,
            "created_at": lesson.end_time,
            "modified_at": lesson.end_time,
        }
        self.insert(
            "lesson_registration",
            {
                "id": natural_ids.lesson_registration_id(lesson.id),
                "lesson_id": lesson.id,
                "activity_id": lesson.activity_id,
                "registered": True,
                "field_clock": self._field_clock("lesson_registration", lesson.end_time),
                **by_teacher,
            },
        )
        for pupil_id in self.pupils_on(lesson.group, lesson.day):
            weights = _FREQUENTLY_ABSENT_WEIGHTS if pupil_id == often_absent else _WEIGHTS
            status = self.rng.choices(_STATUSES, weights=weights)[0]
            report_id = self.reported.get((pupil_id, lesson.day))
            if report_id is not None:
                status = "valid_absence"
            self.insert(
                "attendance",
                {
                    "id": natural_ids.attendance_id(lesson.id, pupil_id),
                    "lesson_id": lesson.id,
                    "pupil_id": pupil_id,
                    "activity_id": lesson.activity_id,
                    "status": status,
                    "late_minutes": self.rng.randint(2, 20) if status == "late" else None,
                    "left_early_minutes": (
                        self.rng.randint(10, 30) if status == "left_early" else None
                    ),
                    "comment": "Elevrådsmöte" if status == "other_activity" else None,
                    "absence_report_id": report_id,
                    "field_clock": self._field_clock("attendance", lesson.end_time),
                    **by_teacher,
                },
            )


def write_history(
    insert: Insert,
    make_id: IdMaker,
    calendar: SchoolCalendar,
    roster: Roster,
    notable: Mapping[str, DemoPerson],
    *,
    lessons: Sequence[TaughtLesson],
    demo_teacher_id: uuid.UUID,
    rng: random.Random,
) -> None:
    """Absence reports, then the roll calls of the demo teacher's past lessons."""
    history = _History(
        insert=insert,
        make_id=make_id,
        calendar=calendar,
        roster=roster,
        teacher_id=demo_teacher_id,
        rng=rng,
    )
    today = calendar.today
    days = calendar.school_days
    position = days.index(today)
    past_in_7a = sorted({row.day for row in lessons if row.group == "7A" and row.day < today})
    if past_in_7a:
        day = past_in_7a[-1]
        pupil = rng.choice(history.pupils_on("7A", day))
        history.report(pupil, "reported_absence", day, day, _local(day, 7, 12))
    sick_today = [p for p in history.pupils_on("7B", today) if p != notable["left_7b"].id]
    if sick_today:
        history.report(
            rng.choice(sick_today), "reported_absence", today, today, _local(today, 7, 5)
        )
    if position + 7 < len(days):
        first, last = days[position + 5], days[position + 7]
        pupil = rng.choice(history.pupils_on("8A", first))
        reported = days[max(0, position - 3)]
        history.report(pupil, "granted_leave", first, last, _local(reported, 14, 30))
    special = {p.id for p in roster.pupils if p.security_marking != "none"}
    special.update(p.id for p in notable.values())
    often_absent = next(p for p in history.pupils_on("7B", days[0]) if p not in special)
    for lesson in lessons:
        if lesson.day < today and not lesson.cancelled:
            history.roll_call(lesson, often_absent)

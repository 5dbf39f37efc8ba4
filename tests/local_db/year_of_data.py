"""A school year of one teacher's cache, for query-plan tests and timings.

About 40,000 rows: 10 groups of 25 pupils with two guardians each, the
activities of those groups (the teacher teaches a third of them), three
lessons a week per activity for 40 weeks, and the teacher's own roll calls
(registration + attendance of every pupil) for the weeks already past.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from sync_protocol.ids import attendance_id, lesson_registration_id
from sync_protocol.wire import ChangePage
from tests.local_db.records import RecordBuilder

UTC = dt.UTC
TERM_START = dt.date(2026, 8, 17)  # a Monday
WEEKS = 40
GIVEN = ["Alva", "Elsa", "Maja", "Ebba", "Åsa", "Noah", "Hugo", "Olle", "Ärna", "Liam", "Östen"]
FAMILY = ["Andersson", "Berg", "Öberg", "Åkesson", "Ek", "Lind", "Ström", "Zetterlund", "Ärlig"]
SUBJECTS = ["Matematik", "Svenska", "Engelska", "NO", "SO", "Idrott", "Bild", "Musik", "Slöjd"]


@dataclass
class YearOfData:
    teacher: uuid.UUID
    groups: list[uuid.UUID]
    pages: list[ChangePage] = field(default_factory=list)

    @property
    def record_count(self) -> int:
        return sum(len(page.changes) for page in self.pages)


def build_year(seed: int = 1, page_size: int = 2000, registered_weeks: int = 16) -> YearOfData:
    rng = random.Random(seed)
    data = RecordBuilder()
    teacher = data.person("Karin", "Lärare")
    colleagues = [data.person(f"Kollega{n}", "Lärare") for n in range(8)]
    groups: list[uuid.UUID] = []
    members: dict[uuid.UUID, list[uuid.UUID]] = {}
    for number in range(10):
        group = data.group(f"{7 + number % 3}{'ABCD'[number // 3]}", school_year=7 + number % 3)
        groups.append(group)
        members[group] = []
        for _ in range(25):
            pupil = data.person(rng.choice(GIVEN), rng.choice(FAMILY))
            data.member(group, pupil, TERM_START)
            members[group].append(pupil)
            for _ in range(2):
                guardian = data.person(rng.choice(GIVEN), rng.choice(FAMILY), email="g@example.se")
                data.add("guardian_relation", pupil_id=pupil, guardian_id=guardian)
    for index, (group, subject) in enumerate((g, s) for g in groups for s in SUBJECTS):
        mine = index % 3 == 0
        teachers = [teacher] if mine else [rng.choice(colleagues)]
        activity = data.activity(f"{subject} {index}", [group], teachers, subject_name=subject)
        slots = rng.sample(range(5 * 7), 3)  # day x hour of the week
        for week in range(WEEKS):
            monday = dt.datetime.combine(TERM_START, dt.time(7), UTC) + dt.timedelta(weeks=week)
            for slot in slots:
                start = monday + dt.timedelta(days=slot // 7, hours=slot % 7)
                lesson = data.lesson(activity, start)
                if mine and week < registered_weeks:
                    data.add(
                        "lesson_registration",
                        lesson_registration_id(lesson),
                        lesson_id=lesson,
                        activity_id=activity,
                        registered=True,
                    )
                    for pupil in members[group]:
                        data.add(
                            "attendance",
                            attendance_id(lesson, pupil),
                            lesson_id=lesson,
                            pupil_id=pupil,
                            activity_id=activity,
                            status=rng.choice(("present", "present", "present", "absent")),
                            late_minutes=None,
                            left_early_minutes=None,
                            comment=None,
                            absence_report_id=None,
                        )
    year = YearOfData(teacher, groups)
    records = data.records
    for start in range(0, len(records), page_size):
        chunk = records[start : start + page_size]
        last = start + page_size >= len(records)
        year.pages.append(
            ChangePage(
                changes=chunk,
                cursor=f"c{start // page_size + 1}",
                has_more=not last,
                server_time=dt.datetime(2026, 9, 1, tzinfo=UTC),
            )
        )
    return year

"""The published minutes equal the app's own attendance rules.

Many random lessons, marks, roll calls and guardians' reports are written
into a real server; each published Attendance must have the minutes that the
desktop app's statistics give the same mark (local_db.attendance.minutes),
and each AggregatedAttendance the app's sums over the lessons the pupil was
offered, marked or not. The seed is printed; KLASSBOK_SS12000_SEED replays it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass

from local_db.attendance.minutes import lesson_sums
from local_db.attendance.views import AttendanceSums
from sync_protocol import ids
from sync_protocol.vocabularies import ATTENDANCE_STATUSES
from tests.server.ss12000.publish_support import add_client, every_page
from tests.support.school_builder import SchoolBuilder
from tests.support.server_fixtures import ServerFactory

SEED = int(os.environ.get("KLASSBOK_SS12000_SEED", str(random.randrange(2**32))))
CASES = 80
PUPILS = ("alva", "axel", "elsa")


@dataclass
class Case:
    lesson: uuid.UUID
    pupil: str
    start: dt.datetime
    end: dt.datetime
    registered: bool
    status: str
    late: int | None
    early: int | None
    reports: list[tuple[dt.datetime, dt.datetime]]


def _random_case(rng: random.Random, b: SchoolBuilder, activity: uuid.UUID, index: int) -> Case:
    # One day each, from three days on: a report covers no other case's lesson.
    start = b.lesson_start(3 + index, hour=7 + rng.randrange(6)) + dt.timedelta(
        minutes=rng.choice((0, 5, 15))
    )
    length = rng.choice((30, 40, 50, 60, 80))
    status = rng.choice(ATTENDANCE_STATUSES)
    late = rng.choice((None, 0, 1, rng.randrange(length + 20)))
    early = rng.choice((None, 0, rng.randrange(length + 20)))
    reports = []
    for _ in range(rng.choice((0, 0, 1, 2))):
        begins = start + dt.timedelta(minutes=rng.randrange(-40, length + 10))
        reports.append((begins, begins + dt.timedelta(minutes=rng.randrange(1, 90))))
    end = start + dt.timedelta(minutes=length)
    lesson = b.lesson(activity, start, minutes=length)
    return Case(
        lesson, rng.choice(PUPILS), start, end, rng.random() < 0.7, status, late, early, reports
    )


def _write(
    b: SchoolBuilder, activity: uuid.UUID, pupils: dict[str, uuid.UUID], cases: list[Case]
) -> None:
    with b.change_set():
        for n, case in enumerate(cases):
            pupil = pupils[case.pupil]
            b.record(
                "attendance",
                {
                    "lesson_id": case.lesson,
                    "pupil_id": pupil,
                    "activity_id": activity,
                    "status": case.status,
                    "late_minutes": case.late,
                    "left_early_minutes": case.early,
                },
                row_id=ids.attendance_id(case.lesson, pupil),
            )
            b.owned(
                "lesson_registration",
                f"case{n}",
                lesson_id=case.lesson,
                activity_id=activity,
                registered=case.registered,
            )
            for r, (begins, ends) in enumerate(case.reports):
                b.owned(
                    "absence_report",
                    f"case{n}-{r}",
                    pupil_id=pupil,
                    absence_type="reported_absence",
                    start_time=begins,
                    end_time=ends,
                    reported_at=begins,
                )


def _sums(
    case: Case, status: str | None, reports: list[tuple[dt.datetime, dt.datetime]]
) -> AttendanceSums:
    return lesson_sums(
        start=case.start,
        end=case.end,
        registered=case.registered,
        status=status,
        late_minutes=case.late if status else None,
        left_early_minutes=case.early if status else None,
        reports=reports,
    )


def test_published_minutes_follow_the_apps_rules(server_factory: ServerFactory) -> None:
    print(f"seed {SEED} (KLASSBOK_SS12000_SEED={SEED} replays it), {CASES} cases")
    rng = random.Random(SEED)
    server = server_factory()
    school, b = server.school, server.school.builder
    activity = school["activity:ma7a"]
    pupils = {key: school[f"pupil:{key}"] for key in PUPILS}
    cases = [_random_case(rng, b, activity, index) for index in range(CASES)]
    _write(b, activity, pupils, cases)
    token = add_client(server.engine)

    published, _ = every_page(server, "/attendances", token, "Attendance", {"limit": 37})
    by_id = {item["id"]: item for item in published}
    for case in cases:
        item = by_id[str(ids.attendance_id(case.lesson, pupils[case.pupil]))]
        app = _sums(case, case.status, case.reports)
        got = (
            item["attendanceMinutes"],
            item["validAbsenceMinutes"],
            item["invalidAbsenceMinutes"],
            item["otherAttendanceMinutes"],
        )
        expected = (app.attendance, app.valid_absence, app.invalid_absence, app.other_attendance)
        assert got == expected, (SEED, case)
        assert item["isReported"] is case.registered

    # Every 7A pupil is offered every case lesson; only one of them is marked.
    expected_sums: dict[uuid.UUID, AttendanceSums] = defaultdict(AttendanceSums)
    members = {**pupils, "nils": school["pupil:nils"]}
    for case in cases:
        for key, pupil in members.items():
            mine = key == case.pupil
            expected_sums[pupil] += _sums(
                case, case.status if mine else None, case.reports if mine else []
            )
    period = {
        "startDate": (b.today + dt.timedelta(days=3)).isoformat(),
        "endDate": (b.today + dt.timedelta(days=3 + CASES)).isoformat(),
    }
    sums, _ = every_page(server, "/aggregatedAttendance", token, "AggregatedAttendance", period)
    got_sums = {
        uuid.UUID(item["student"]["id"]): item
        for item in sums
        if item["activity"]["id"] == str(activity)
    }
    assert set(got_sums) == set(members.values())
    for pupil, app in expected_sums.items():
        item = got_sums[pupil]
        got = (
            item["offeredSum"],
            item["reportedSum"],
            item["attendanceSum"],
            item["validAbsenceSum"],
            item["invalidAbsenceSum"],
            item["otherAttendanceSum"],
        )
        expected = (
            app.offered,
            app.reported,
            app.attendance,
            app.valid_absence,
            app.invalid_absence,
            app.other_attendance,
        )
        assert got == expected, (SEED, pupil)

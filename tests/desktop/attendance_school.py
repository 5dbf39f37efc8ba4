"""A class of 30 in a real (in-memory, encrypted) cache, and the app's
services around it, for the attendance GUI tests: real widgets, the real
task runner with its DB worker, no server needed (sync is simulated by
applying change pages, as the pull does)."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desktop.local_time import SCHOOL_TZ
from desktop.pages.page import PageServices
from desktop.settings import AppSettings
from desktop.task_runner import TaskRunner
from local_db.cache import Cache, open_cache
from local_db.edits import pending_count
from local_db.schema import synced
from sync_protocol import ids
from tests.desktop.helpers import offline_session
from tests.local_db.records import RecordBuilder

#: A Monday in the autumn term.
DAY = dt.date(2026, 9, 14)
GIVEN = [
    "Alva", "Axel", "Bodil", "Bruno", "Cleo", "David", "Ebba", "Elias", "Freja", "Gustav",
    "Hedda", "Hugo", "Ines", "Isak", "Juni", "Kalle", "Lova", "Ludvig", "Maja", "Melker",
    "Nora", "Olle", "Pia", "Rasmus", "Saga", "Sixten", "Tilde", "Vidar", "Wilma", "Åke",
]  # fmt: skip
FAMILY = [
    "Ahlberg", "Ås", "Björk", "Berg", "Carlsson", "Dahl", "Ek", "Eriksson", "Falk", "Göransson",
    "Holm", "Hedlund", "Isaksson", "Johansson", "Jönsson", "Karlsson", "Lind", "Lundqvist",
    "Månsson", "Nilsson", "Nord", "Olsson", "Persson", "Rask", "Sandberg", "Sjöberg", "Törnqvist",
    "Viklund", "Wallin", "Öberg",
]  # fmt: skip


def local(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """Swedish wall-clock time as a UTC-aware moment."""
    return dt.datetime.combine(day, dt.time(hour, minute, second), SCHOOL_TZ).astimezone(dt.UTC)


@dataclass
class SchoolClock:
    """The app's clock, settable by the test ("the pupil arrives now")."""

    moment: dt.datetime

    def __call__(self) -> dt.datetime:
        return self.moment


@dataclass
class Classroom:
    cache: Cache
    me: uuid.UUID
    colleague: uuid.UUID
    activity: uuid.UUID
    swedish: uuid.UUID
    lesson: uuid.UUID  # today 10:00-10:50, maths
    cancelled: uuid.UUID  # today 13:00, Swedish, cancelled
    missed: uuid.UUID  # last Friday, never registered
    taken: uuid.UUID  # last Thursday, registered
    pupils: dict[str, uuid.UUID] = field(default_factory=dict)
    reported: str = "Hedda"  # her guardian called in this morning
    report: uuid.UUID | None = None
    joined: str = "Åke"  # joins 7A today
    left_pupil: uuid.UUID | None = None  # left yesterday; has a stale mark

    def attendance(self, pupil: str) -> dict[str, object] | None:
        table = synced["attendance"]
        record = ids.attendance_id(self.lesson, self.pupils[pupil])
        with self.cache.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == record)).mappings().first()
        return None if row is None else dict(row)

    def statuses(self, lesson: uuid.UUID | None = None) -> dict[str, str]:
        table = synced["attendance"]
        names = {pupil_id: name for name, pupil_id in self.pupils.items()}
        with self.cache.connect() as conn:
            rows = conn.execute(
                select(table.c.pupil_id, table.c.status).where(
                    table.c.lesson_id == (lesson or self.lesson)
                )
            ).all()
        return {names.get(row.pupil_id, "?"): row.status for row in rows}

    def registered(self, lesson: uuid.UUID | None = None) -> bool:
        table = synced["lesson_registration"]
        record = ids.lesson_registration_id(lesson or self.lesson)
        with self.cache.connect() as conn:
            return bool(conn.scalar(select(table.c.registered).where(table.c.id == record)))

    def pending(self) -> int:
        with self.cache.connect() as conn:
            return pending_count(conn)


def build_classroom(cache: Cache) -> Classroom:
    data = RecordBuilder()
    me = data.person("Anna", "Andersson")
    colleague = data.person("Cecilia", "Carlsson")
    school = data.add("school", name="Ekbackens skola")
    class_7a = data.group("7A", school_id=school)
    pupils: dict[str, uuid.UUID] = {}
    for given, family in zip(GIVEN, FAMILY, strict=True):
        pupils[given] = data.person(given, family)
        start = DAY if given == "Åke" else dt.date(2026, 8, 17)
        data.member(class_7a, pupils[given], start)
    left = data.person("Lisa", "Lämnat")
    data.member(class_7a, left, dt.date(2026, 8, 17), DAY - dt.timedelta(days=1))
    maths = data.activity("Matematik 7A", [class_7a], [me, colleague], subject_name="Matematik")
    swedish = data.activity("Svenska 7A", [class_7a], [me], subject_name="Svenska")
    lesson = data.lesson(maths, local(DAY, 10), 50, room="B12")
    cancelled = data.lesson(swedish, local(DAY, 13), 60, cancelled=True)
    missed = data.lesson(maths, local(DAY - dt.timedelta(days=3), 9), 50)
    taken = data.lesson(maths, local(DAY - dt.timedelta(days=4), 9), 50)
    data.add(
        "lesson_registration",
        ids.lesson_registration_id(taken),
        lesson_id=taken,
        activity_id=maths,
        registered=True,
    )
    data.add(
        "attendance",
        ids.attendance_id(lesson, left),
        lesson_id=lesson,
        pupil_id=left,
        activity_id=maths,
        status="present",
    )
    report = data.add(
        "absence_report",
        pupil_id=pupils["Hedda"],
        absence_type="reported_absence",
        start_time=local(DAY, 8),
        end_time=local(DAY, 16),
        reported_by_name="Henrik Holm",
        reported_at=local(DAY, 7, 42),
    )
    data.apply_to(cache)
    return Classroom(
        cache=cache,
        me=me,
        colleague=colleague,
        activity=maths,
        swedish=swedish,
        lesson=lesson,
        cancelled=cancelled,
        missed=missed,
        taken=taken,
        pupils=pupils,
        report=report,
        left_pupil=left,
    )


def sync_in(cache: Cache, add: Callable[[RecordBuilder], object]) -> None:
    """Records arriving from the server, applied the way a pull applies them."""
    data = RecordBuilder()
    add(data)
    data.apply_to(cache)


@dataclass
class AttendanceApp:
    room: Classroom
    services: PageServices
    runner: TaskRunner
    clock: SchoolClock
    errors: list[Exception]


def make_app(tmp_path: Path, cache_path: Path | None = None) -> Iterator[AttendanceApp]:
    """The school's app on an in-memory cache, or on a file at cache_path."""
    cache = open_cache(cache_path, secrets.token_bytes(32))
    room = build_classroom(cache)
    errors: list[Exception] = []
    runner = TaskRunner(error_handler=errors.append)
    session = offline_session(
        cache,
        username="anna",
        display_name="Anna Andersson",
        person_id=room.me,
        profile_id="test",
        cache_path=cache_path,
    )
    clock = SchoolClock(local(DAY, 10, 7, 40))
    services = PageServices(runner, session, clock, AppSettings(tmp_path))
    yield AttendanceApp(room, services, runner, clock, errors)
    runner.shutdown()
    cache.close()

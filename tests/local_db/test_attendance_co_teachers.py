"""End to end: two co-teachers (Anna and Cecilia, maths in 7A), each with an
encrypted cache of their own, take the same lesson's roll call through the
attendance operations, sync through the real server process, and each
sees the other's marks. Runs on SQLite and, with KLASSBOK_TEST_POSTGRES_URL,
on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from local_db.attendance import (
    Mark,
    load_roll_call,
    mark_pupil,
    mark_unmarked_present,
    set_comment,
)
from local_db.attendance.views import RollCall
from local_db.repositories import unseen_notices
from local_db.schema import outbox
from tests.local_db.two_teachers import Teacher, server, teachers_signed_in
from tests.support.server_fixtures import RunningServer, server_factory

__all__ = ["server", "server_factory"]


@dataclass
class CoTeacher(Teacher):
    def roll_call(self, lesson: uuid.UUID) -> RollCall:
        with self.cache.connect() as conn:
            found = load_roll_call(conn, lesson, self.person_id)
        assert found is not None
        return found

    def marks(self, lesson: uuid.UUID) -> dict[str, tuple[str, int | None, str | None, str | None]]:
        """pupil -> (state, minutes, comment, who marked)"""
        return {
            entry.pupil.given_name: (
                entry.mark.status,
                entry.mark.minutes,
                entry.mark.comment,
                entry.mark.marked_by_name,
            )
            for entry in self.roll_call(lesson).members
            if entry.mark is not None
        }

    def unsent(self) -> int:
        with self.cache.connect() as conn:
            return len(conn.execute(select(outbox.c.op)).all())


@pytest.fixture
def sign_in(
    server: RunningServer, tmp_path: Path, key: bytes
) -> Iterator[Callable[[str], CoTeacher]]:
    with teachers_signed_in(server, tmp_path, key, CoTeacher) as make:
        yield make


def test_co_teachers_take_one_roll_call_and_each_sees_the_others_marks(
    server: RunningServer, sign_in: Callable[[str], CoTeacher]
) -> None:
    lesson = server.school["lesson:ma7a:1"]  # today's maths lesson in 7A
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    pupils = {e.pupil.given_name: e.pupil.id for e in anna.roll_call(lesson).members}
    assert pupils == {e.pupil.given_name: e.pupil.id for e in cecilia.roll_call(lesson).members}
    assert {"Alva", "Axel", "Elsa"} <= set(pupils)
    assert "Hugo" not in pupils  # left 7A before this term

    # Both offline at first: Anna takes two pupils, Cecilia a third with a comment.
    with anna.cache.begin() as conn:
        mark_pupil(conn, lesson, pupils["Alva"], Mark("present"), actor=anna.person_id)
    with anna.cache.begin() as conn:
        mark_pupil(conn, lesson, pupils["Axel"], Mark("late", 5), actor=anna.person_id)
    with cecilia.cache.begin() as conn:
        mark_pupil(conn, lesson, pupils["Elsa"], Mark("absent"), actor=cecilia.person_id)
    with cecilia.cache.begin() as conn:
        set_comment(conn, lesson, pupils["Elsa"], "Hörde av sig", actor=cecilia.person_id)

    assert anna.sync().ops_sent >= 3  # two marks and the registration
    assert cecilia.sync().ops_sent >= 2
    anna.sync()
    expected = {
        "Alva": ("present", None, None, "Anna Andersson"),
        "Axel": ("late", 5, None, "Anna Andersson"),
        "Elsa": ("absent", None, "Hörde av sig", "Cecilia Carlsson"),
    }
    for teacher in (anna, cecilia):
        assert teacher.marks(lesson) == expected, teacher.name
        assert teacher.roll_call(lesson).lesson.registered
        assert teacher.unsent() == 0

    # Cecilia completes it; Anna's marks are left alone and she sees the rest.
    with cecilia.cache.begin() as conn:
        completed = mark_unmarked_present(conn, lesson, actor=cecilia.person_id)
    assert completed == len(pupils) - 3
    cecilia.sync()
    anna.sync()
    for teacher in (anna, cecilia):
        marks = teacher.marks(lesson)
        assert len(marks) == len(pupils)
        assert {name: marks[name] for name in expected} == expected
        assert teacher.unsent() == 0


def test_everyone_present_offline_does_not_overwrite_a_colleagues_unseen_mark(
    server: RunningServer, sign_in: Callable[[str], CoTeacher]
) -> None:
    """Anna marks Elsa absent and syncs; Cecilia, who has not pulled since,
    presses "everyone not yet marked is present" later. Anna's choice stays,
    and nobody gets a notice about a default."""
    lesson = server.school["lesson:ma7a:1"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    elsa = next(e.pupil.id for e in anna.roll_call(lesson).members if e.pupil.given_name == "Elsa")
    with anna.cache.begin() as conn:
        mark_pupil(conn, lesson, elsa, Mark("absent"), actor=anna.person_id)
    anna.sync()
    with cecilia.cache.begin() as conn:
        mark_unmarked_present(conn, lesson, actor=cecilia.person_id)
    assert cecilia.marks(lesson)["Elsa"][0] == "present"  # her own screen, until she syncs
    report = cecilia.sync()
    assert report.push_outcomes.get("merged", 0) >= 1
    anna.sync()
    for teacher in (anna, cecilia):
        assert teacher.marks(lesson)["Elsa"][0] == "absent", teacher.name
        assert teacher.unsent() == 0
    for teacher in (anna, cecilia):
        with teacher.cache.connect() as conn:
            assert unseen_notices(conn, teacher.person_id) == [], teacher.name

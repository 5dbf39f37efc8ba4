"""Two co-teachers plan 7A's maths, each on a laptop of their own, against
the real server process: a unit with its syllabus picks, status and plans
with links reaches the colleague; offline edits of different words of one
plan merge; a plan copied on one computer and a unit copied to another
group on the other both reach both computers."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from sqlalchemy import select

from local_db.planning.reads import unit_lessons, units_of_activity
from local_db.planning.writes import UnitDraft, copy_plan, copy_unit, save_plan, save_unit
from local_db.repositories import open_conflicts, rejected_edits
from local_db.schema import synced
from sync_protocol import ids
from sync_protocol.planning_documents import CurriculumPicks, Link, parse_links, parse_picks
from tests.local_db.two_teachers import Teacher, Wall, server, sign_in, wall
from tests.support.server_fixtures import RunningServer, server_factory

__all__ = ["server", "server_factory", "sign_in", "wall"]


def _start_of(teacher: Teacher, lesson: object) -> dt.datetime:
    table = synced["lesson"]
    with teacher.cache.connect() as conn:
        return conn.execute(select(table.c.start_time).where(table.c.id == lesson)).scalar_one()


def test_two_teachers_plan_offline_and_their_copies_and_edits_meet(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    school = server.school
    ma7a, sv7a = school["activity:ma7a"], school["activity:sv7a"]
    lessons = [school[f"lesson:ma7a:{n}"] for n in range(3)]
    item = school["catalogue:item"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    unit = uuid.uuid4()
    with anna.cache.begin() as conn:
        save_unit(
            conn,
            unit,
            ma7a,
            UnitDraft(
                "Bråk",
                aims="Räkna med bråk",
                start_date=_start_of(anna, lessons[0]).date(),
                status="published",
                picks=CurriculumPicks("GRGRMAT01", 1, (item,)),
            ),
            actor=anna.person_id,
        )
        for number, lesson in enumerate(lessons[:2]):
            save_plan(
                conn,
                lesson,
                content=f"Bråk {number + 1}: introduktion. Övningar 1-5.",
                homework="",
                links=[Link("https://nok.se/bråk", "Boken")],
                unit_id=unit,
                actor=anna.person_id,
            )
    assert anna.sync().push_outcomes == {"applied": 3}
    cecilia.sync()
    stored = cecilia.row("planning_unit", unit)
    assert stored is not None
    assert stored["status"] == "published"
    picks = parse_picks(stored["curriculum"])
    assert picks is not None
    assert picks.items == (item,)
    plan0 = ids.lesson_plan_id(lessons[0])
    row = cecilia.row("lesson_plan", plan0)
    assert row is not None
    assert parse_links(row["links"]) == (Link("https://nok.se/bråk", "Boken"),)

    # Offline: different words of one plan; a plan copied here, a unit copied there.
    with anna.cache.begin() as conn:
        save_plan(
            conn,
            lessons[0],
            content="Bråk 1: genomgång. Övningar 1-5.",
            homework="",
            links=[Link("https://nok.se/bråk", "Boken")],
            unit_id=unit,
            actor=anna.person_id,
        )
        report = copy_unit(
            conn,
            unit,
            sv7a,
            _start_of(anna, school["lesson:sv7a:0"]).date(),
            actor=anna.person_id,
        )
    wall.tick()
    with cecilia.cache.begin() as conn:
        save_plan(
            conn,
            lessons[0],
            content="Bråk 1: introduktion. Övningar 1-10.",
            homework="Läs s. 4",
            links=[Link("https://nok.se/bråk", "Boken")],
            unit_id=unit,
            actor=cecilia.person_id,
        )
        copy_plan(conn, lessons[1], lessons[2], actor=cecilia.person_id)
    assert report.plans_copied == 2
    anna.sync()
    cecilia.sync()
    anna.sync()
    for teacher in (anna, cecilia):
        with teacher.cache.connect() as conn:
            assert rejected_edits(conn) == []
            assert open_conflicts(conn, teacher.person_id) == []
            assert [u.title for u in units_of_activity(conn, sv7a)] == ["Bråk"]
            copied = unit_lessons(conn, report.unit_id)
            order = unit_lessons(conn, unit)
        # The copy took Anna's plan as it was when she copied (Cecilia's edit came later),
        # and passed over 7A Swedish's first lesson, which has a plan of its own.
        assert [c.lesson_id for c in copied] == [school[f"lesson:sv7a:{n}"] for n in (1, 2)]
        assert [c.content for c in copied] == [
            "Bråk 1: genomgång. Övningar 1-5.",
            "Bråk 2: introduktion. Övningar 1-5.",
        ]
        merged = teacher.row("lesson_plan", plan0)
        assert merged is not None
        assert merged["content"] == "Bråk 1: genomgång. Övningar 1-10."
        assert merged["homework"] == "Läs s. 4"
        assert [o.lesson_id for o in order] == lessons
        assert order[2].content == "Bråk 2: introduktion. Övningar 1-5."

"""Two co-teachers grade the same group offline, each on a laptop of their
own, then sync against the real server process: results on different cells
merge, and a term grade both set differently is a conflict each sees in the
gradebook and the Conflicts view, never decided by the machine."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from local_db.assessment.gradebook import load_gradebook
from local_db.assessment.grading import write_entries
from local_db.assessment.views import Gradebook
from local_db.conflicts import resolve_conflict
from local_db.repositories import open_conflicts
from sync_protocol import ids
from sync_protocol.terms import term_for
from tests.local_db.two_teachers import Teacher, Wall, server, sign_in, wall
from tests.server.sync.push_helpers import row
from tests.support.server_fixtures import RunningServer, server_factory

__all__ = ["server", "server_factory", "sign_in", "wall"]


def book_of(teacher: Teacher, activity: uuid.UUID) -> Gradebook:
    with teacher.cache.connect() as conn:
        book = load_gradebook(conn, activity, term_for(dt.date.today()).code)
    assert book is not None
    return book


def grade(
    teacher: Teacher, book: Gradebook, entries: list[tuple[uuid.UUID, str | None, str]]
) -> None:
    columns = {column.title: column for column in book.assessments}
    typed = [
        (pupil, None if title is None else columns[title], text) for pupil, title, text in entries
    ]
    with teacher.cache.begin() as conn:
        write_entries(conn, book, typed, actor=teacher.person_id)


def test_two_teachers_grade_offline_results_merge_and_a_term_grade_waits_for_them(
    server: RunningServer, sign_in: Callable[[str], Teacher], wall: Wall
) -> None:
    school = server.school
    activity = school["activity:ma7a"]
    alva, elsa, axel = school["pupil:alva"], school["pupil:elsa"], school["pupil:axel"]
    anna, cecilia = sign_in("anna"), sign_in("cecilia")
    anna_book, cecilia_book = book_of(anna, activity), book_of(cecilia, activity)
    assert {p.id for p in anna_book.pupils} >= {alva, elsa, axel}

    # Offline: different cells, and the same pupil's term grade set differently.
    grade(anna, anna_book, [(elsa, "Prov 1", "A"), (axel, None, "C")])
    wall.tick()
    grade(cecilia, cecilia_book, [(axel, "Prov 1", "ej inl."), (axel, None, "D")])
    anna.sync()
    cecilia.sync()
    anna.sync()

    test = school["record:test"]
    for teacher in (anna, cecilia):
        book = book_of(teacher, activity)
        assert book.result(elsa, test).grade == "A"
        assert book.result(axel, test).marker == "not_handed_in"
    term_grade = ids.term_grade_id(activity, axel, anna_book.term)
    stored = row(server, "term_grade", term_grade)
    assert stored["grade"] in ("C", "D")
    assert stored["needs_review"] is True  # kept back for the teachers, not decided
    loser = cecilia if stored["grade"] == "C" else anna
    book = book_of(loser, activity)
    assert term_grade in book.in_conflict
    with loser.cache.connect() as conn:
        [conflict] = [c for c in open_conflicts(conn, loser.person_id) if c.record_id == term_grade]

    # The teacher decides in Conflicts; after a sync both laptops hold her choice.
    with loser.cache.begin() as conn:
        resolve_conflict(conn, conflict.id, '"D"', loser.person_id)
    loser.sync()
    for teacher in (anna, cecilia):
        teacher.sync()
        assert teacher.row("term_grade", term_grade)["grade"] == "D"
        assert term_grade not in book_of(teacher, activity).in_conflict

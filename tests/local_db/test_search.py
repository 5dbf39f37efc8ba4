"""Offline search (issue 11, item 7): the FTS5 index in the encrypted cache,
its triggers, the query built from what a teacher types, and what the
teacher may see. Records arrive as the server's do (pages through
apply_page) or as the teacher's own edits (local_db.edits)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import text

from local_db.cache import Cache
from local_db.documentation.writes import NoteDraft, delete_note, save_note
from local_db.search import MATCH_END, MATCH_START, match_expression, search
from local_db.search.views import ADJUSTMENT, CATALOGUE_ITEM, LESSON_PLAN, NOTE, PUPIL, UNIT
from tests.local_db.records import DAY, RecordBuilder
from tests.support.catalogue_files import subject_file
from tests.support.catalogue_records import add_subject

TEACHER = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
COLLEAGUE = uuid.UUID("00000000-0000-4000-8000-0000000000bb")


def _note(data: RecordBuilder, pupil: uuid.UUID, body: str, **fields: object) -> uuid.UUID:
    values: dict[str, object] = {
        "activity_id": None, "category": "observation", "visibility": "teachers",
        "note_date": DAY, "term": None, **fields,
    }  # fmt: skip
    return data.add("pupil_note", pupil_id=pupil, body=body, **values)


class School:
    """A class with two pupils (one guardian), a unit, a lesson plan, notes."""

    def __init__(self, cache: Cache) -> None:
        data = self.data = RecordBuilder()
        group = data.group("7A")
        self.asa = data.person("Åsa", "Öberg")
        self.bo = data.person("Bo", "Ek")
        self.guardian = data.person("Åsa", "Förälder")  # no membership: not a pupil
        for pupil in (self.asa, self.bo):
            data.member(group, pupil, DAY)
        data.add("guardian_relation", pupil_id=self.bo, guardian_id=self.guardian)
        self.activity = data.activity("Matematik 7A", [group], [TEACHER])
        self.unit = data.add(
            "planning_unit", activity_id=self.activity, title="Bråk och procent",
            aims="Eleverna förstår bråktal och procent.", central_content="Tal i bråkform.",
            assessment_criteria="Skriftligt prov.", start_date=None, end_date=None,
            curriculum="", status=None,
        )  # fmt: skip
        lesson = data.lesson(self.activity, _at(9))
        self.plan = data.add(
            "lesson_plan", lesson_id=lesson, activity_id=self.activity,
            planning_unit_id=self.unit, content="Genomgång av stambråk på tallinjen",
            homework="Läs sidan 12", links="",
        )  # fmt: skip
        self.lesson = lesson
        self.note = _note(data, self.asa, "Åsa räknade snabbt med decimaltal idag.")
        data.written_by(COLLEAGUE)
        self.adjustment = data.add(
            "support_adjustment", pupil_id=self.bo, what="Extra tid på prov",
            start_date=DAY, end_date=None, evaluation="Fungerar väl, förlängs.",
        )  # fmt: skip
        data.apply_to(cache)


def _at(hour: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour), dt.UTC)


@pytest.fixture
def school(cache: Cache) -> School:
    return School(cache)


def _found(cache: Cache, typed: str, me: uuid.UUID | None = TEACHER) -> list[tuple[str, uuid.UUID]]:
    with cache.connect() as conn:
        return [(hit.kind, hit.record_id) for hit in search(conn, typed, me).hits]


# --- the query ----------------------------------------------------------------


def test_every_word_becomes_a_quoted_prefix_term() -> None:
    assert match_expression("bråk") == '"bråk"*'
    assert match_expression("  Åsa  decimal ") == '"Åsa"* "decimal"*'


@pytest.mark.parametrize(
    "typed", ['"', "*", "-", "()", "(bråk", 'bråk"', "NOT", "AND OR", "NEAR(a b)", "a:b", "^x", "'"]
)
def test_fts_syntax_typed_by_a_teacher_never_breaks_the_search(
    cache: Cache, school: School, typed: str
) -> None:
    _found(cache, typed)  # no error, whatever comes back


def test_operator_words_are_searched_as_words(cache: Cache, school: School) -> None:
    data = RecordBuilder()
    note = _note(data, school.bo, "Bo skrev OR och NOT på tavlan")
    data.apply_to(cache)
    assert _found(cache, "NOT") == [(NOTE, note)]
    assert _found(cache, "or not") == [(NOTE, note)]
    assert _found(cache, "-bo (not)") == [(NOTE, note)]  # not "bo, but not NOT"


def test_empty_input_finds_nothing(cache: Cache, school: School) -> None:
    for typed in ("", "   ", "--", '""', "*"):
        with cache.connect() as conn:
            assert search(conn, typed, TEACHER).hits == ()


# --- Swedish letters and prefixes ------------------------------------------------


def test_swedish_letters_fold_case_but_stay_letters(cache: Cache, school: School) -> None:
    for typed in ("Åsa", "åsa", "ÅSA", "åS"):
        assert (PUPIL, school.asa) in _found(cache, typed), typed
    assert _found(cache, "asa") == []  # å is not a
    assert (PUPIL, school.asa) in _found(cache, "öberg")
    assert _found(cache, "oberg") == []


def test_a_prefix_finds_the_longer_word(cache: Cache, school: School) -> None:
    found = _found(cache, "bråk")
    assert (UNIT, school.unit) in found  # "Bråk", "bråktal", "bråkform"
    assert (LESSON_PLAN, school.plan) in _found(cache, "stamb")
    assert (NOTE, school.note) in _found(cache, "decim")
    assert (ADJUSTMENT, school.adjustment) in _found(cache, "förläng")


def test_every_word_must_match(cache: Cache, school: School) -> None:
    assert _found(cache, "åsa decimal") == [(NOTE, school.note)]
    assert _found(cache, "åsa procent") == []


def test_a_hit_says_what_to_open(cache: Cache, school: School) -> None:
    with cache.connect() as conn:
        hits = {hit.kind: hit for hit in search(conn, "bråk", TEACHER).hits}
        plan = search(conn, "stambråk", TEACHER).hits[0]
        note = search(conn, "decimaltal", TEACHER).hits[0]
    assert hits[UNIT].activity_id == school.activity
    assert hits[UNIT].title == "Bråk och procent"
    # The title shows apart; the snippet is where the words were found most.
    assert f"{MATCH_START}bråktal{MATCH_END}" in hits[UNIT].snippet
    assert (plan.lesson_id, plan.activity_id, plan.title) == (
        school.lesson, school.activity, "Matematik 7A",
    )  # fmt: skip
    assert plan.lesson_start == _at(9)
    assert (note.pupil_id, note.title, note.day) == (school.asa, "Åsa Öberg", DAY)


def test_the_title_ranks_above_the_body(cache: Cache, school: School) -> None:
    data = RecordBuilder()
    _note(data, school.bo, "Vi pratade om bråk, bråk och mer bråk idag.")
    data.apply_to(cache)
    assert _found(cache, "bråk")[0] == (UNIT, school.unit)


def test_a_limit_and_whether_there_is_more(cache: Cache, school: School) -> None:
    data = RecordBuilder()
    for number in range(12):
        _note(data, school.bo, f"Läsläxa nummer {number}")
    data.apply_to(cache)
    with cache.connect() as conn:
        limited = search(conn, "läsläxa", TEACHER, limit=5)
        everything = search(conn, "läsläxa", TEACHER, limit=50)
    assert (len(limited.hits), limited.more) == (5, True)
    assert (len(everything.hits), everything.more) == (12, False)


def test_catalogue_items_are_found_with_their_text_and_credit(cache: Cache) -> None:
    data = RecordBuilder()
    add_subject(data, subject_file(version=1))
    data.apply_to(cache)
    with cache.connect() as conn:
        hits = search(conn, "problemlösn", TEACHER).hits
    assert hits
    assert {hit.kind for hit in hits} == {CATALOGUE_ITEM}
    assert all("problemlösning" in hit.text.casefold() for hit in hits)
    assert {hit.source for hit in hits} == {"Skolverket"}


# --- what the teacher may see ---------------------------------------------------


def test_a_guardian_is_not_found_as_a_pupil(cache: Cache, school: School) -> None:
    assert _found(cache, "förälder") == []


def test_a_note_narrowed_away_at_sync_is_never_found(cache: Cache, school: School) -> None:
    assert (NOTE, school.note) in _found(cache, "decimaltal")
    # The author made it private: the server sends this teacher a tombstone.
    data = RecordBuilder()
    data.tombstone("pupil_note", school.note)
    data.apply_to(cache)
    assert _found(cache, "decimaltal") == []
    with cache.connect() as conn:
        left = conn.execute(text("SELECT count(*) FROM search_key WHERE kind = 'pupil_note'"))
        assert left.scalar_one() == 0


def test_a_private_note_of_someone_else_is_never_found(cache: Cache, school: School) -> None:
    data = RecordBuilder()
    mine = _note(data, school.bo, "Privat: pratade med Bo om simning", visibility="private")
    data.written_by(TEACHER)
    theirs = _note(data, school.bo, "Privat: simning efter skolan", visibility="private")
    data.written_by(COLLEAGUE)
    data.apply_to(cache)
    assert _found(cache, "simning", TEACHER) == [(NOTE, mine)]
    assert _found(cache, "simning", COLLEAGUE) == [(NOTE, theirs)]
    assert _found(cache, "simning", None) == []


def test_a_note_deleted_here_leaves_the_index_at_once(cache: Cache, school: School) -> None:
    with cache.begin() as conn:
        note = save_note(
            conn, None,
            NoteDraft(school.bo, "observation", "teachers", "Bo läste högt ur Pippi", DAY),
            actor=TEACHER,
        )  # fmt: skip
    assert _found(cache, "pippi") == [(NOTE, note)]
    with cache.begin() as conn:
        delete_note(conn, note, actor=TEACHER)
    assert _found(cache, "pippi") == []


def test_a_row_marked_deleted_is_not_indexed_and_an_edit_is(cache: Cache, school: School) -> None:
    with cache.begin() as conn:
        conn.execute(text("UPDATE planning_unit SET deleted = 1"))
    assert (UNIT, school.unit) not in _found(cache, "procent")
    with cache.begin() as conn:
        conn.execute(text("UPDATE planning_unit SET deleted = 0, title = 'Geometri', aims = ''"))
    assert (UNIT, school.unit) in _found(cache, "geometri")
    assert (UNIT, school.unit) not in _found(cache, "procent")
    with cache.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM search_index WHERE title = 'Geometri'"))
        assert rows.scalar_one() == 1


def test_an_edit_pulled_from_the_server_replaces_the_old_words(
    cache: Cache, school: School
) -> None:
    data = RecordBuilder()
    data.add(
        "support_adjustment", school.adjustment, pupil_id=school.bo, what="Uppläst text",
        start_date=DAY, end_date=None, evaluation="",
    )  # fmt: skip
    data.apply_to(cache)
    assert _found(cache, "uppläst") == [(ADJUSTMENT, school.adjustment)]
    assert _found(cache, "förlängs") == []


def test_a_pupil_who_left_every_group_is_not_found(cache: Cache, school: School) -> None:
    with cache.begin() as conn:
        conn.execute(
            text("DELETE FROM group_membership WHERE person_id = :p"), {"p": school.bo.hex}
        )
    assert _found(cache, "bo ek") == []


def test_every_indexed_table_has_its_three_triggers(cache: Cache) -> None:
    """A later migration that rebuilds one of these tables (batch mode) drops
    its triggers; this fails until it makes them again."""
    with cache.connect() as conn:
        names = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    kinds = ("planning_unit", "lesson_plan", "pupil_note", "support_adjustment",
             "curriculum_item", "person")  # fmt: skip
    assert names >= {f"search_{k}_{a}" for k in kinds for a in ("insert", "update", "delete")}

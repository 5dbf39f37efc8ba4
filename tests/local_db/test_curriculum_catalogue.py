"""The catalogue in the cache: subjects newest version first, a year's
paragraphs per step, and the paragraph rule of a matrix started from them."""

from __future__ import annotations

from local_db.cache import Cache
from local_db.curriculum.catalogue import (
    CriteriaSet,
    Paragraph,
    catalogue_subjects,
    criteria_paragraphs,
)
from local_db.curriculum.matrix_start import (
    PER_PARAGRAPH,
    WHOLE_TEXT,
    matrix_rows,
    start_from_catalogue,
)
from tests.local_db.records import RecordBuilder
from tests.support.catalogue_files import subject_file
from tests.support.catalogue_records import add_subject


def _label(n: int) -> str:
    return f"Stycke {n}"


def test_subjects_list_newest_versions_first_with_their_criteria_years(cache: Cache) -> None:
    data = RecordBuilder()
    add_subject(data, subject_file(version=1))
    add_subject(data, subject_file(version=3, years=("9",)))
    add_subject(data, subject_file(code="GRGRENG01", name="Engelska", source="Demodata"))
    data.apply_to(cache)
    with cache.connect() as conn:
        subjects = catalogue_subjects(conn)
    assert [(s.name, s.version, s.is_skolverket) for s in subjects] == [
        ("Engelska", 1, False),
        ("Matematik", 3, True),
        ("Matematik", 1, True),
    ]
    assert subjects[1].criteria == (CriteriaSet("9"),)
    assert subjects[2].criteria == (CriteriaSet("6"), CriteriaSet("9"))


def test_one_row_per_paragraph_with_e_c_and_a_side_by_side(cache: Cache) -> None:
    data = RecordBuilder()
    add_subject(data, subject_file(version=2))
    data.apply_to(cache)
    with cache.connect() as conn:
        [subject] = catalogue_subjects(conn)
        steps = criteria_paragraphs(conn, subject.id, CriteriaSet("6"))
        start = start_from_catalogue(
            conn, subject, CriteriaSet("6"), row_label=_label, whole_label="Allt"
        )
    assert {step: len(paragraphs) for step, paragraphs in steps.items()} == {
        "E": 3,
        "C": 3,
        "A": 3,
    }
    assert start.rule == PER_PARAGRAPH
    assert [(r.id, r.criterion) for r in start.rows] == [
        ("k1", "Stycke 1"),
        ("k2", "Stycke 2"),
        ("k3", "Stycke 3"),
    ]
    second = start.rows[1].texts
    assert second["E"] == "Testtext 2 för E: eleven gör enkla problemlösningar & resonemang."
    assert second["C"].startswith("Testtext 2 för C:")
    assert second["A"].startswith("Testtext 2 för A:")
    assert start.value_words["k2"] == {"E": ["enkla"], "C": ["utvecklade"], "A": ["välutvecklade"]}


def test_different_paragraph_counts_give_one_row_with_the_whole_texts() -> None:
    def paragraphs(step: str, count: int) -> list[Paragraph]:
        return [Paragraph(n, f"{step}{n}", (f"ord{step}",)) for n in range(1, count + 1)]

    rows, words, rule = matrix_rows(
        {"E": paragraphs("E", 2), "C": paragraphs("C", 3), "A": paragraphs("A", 3)},
        row_label=_label,
        whole_label="Hela texten",
    )
    assert rule == WHOLE_TEXT
    [row] = rows
    assert (row.id, row.criterion) == ("k1", "Hela texten")
    assert row.texts == {"E": "E1\n\nE2", "C": "C1\n\nC2\n\nC3", "A": "A1\n\nA2\n\nA3"}
    assert words == {"k1": {"E": ["ordE"], "C": ["ordC"], "A": ["ordA"]}}
    # A step without criteria is a difference too: its cell stays empty.
    rows, _, rule = matrix_rows(
        {"E": paragraphs("E", 2), "A": paragraphs("A", 2)}, row_label=_label, whole_label="Allt"
    )
    assert rule == WHOLE_TEXT
    assert rows[0].texts["C"] == ""

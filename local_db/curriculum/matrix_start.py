"""A criteria matrix started from the catalogue: the paragraph rule.

Lgr22's criteria for a year are one text per grade step, and paragraph *i*
at E speaks of the same knowledge as paragraph *i* at C and at A. So the
matrix gets one row per paragraph with the E, C and A texts side by side.
When the steps have different numbers of paragraphs the pairing is not
known, and the matrix gets one row with each step's whole text instead.

The texts are copied into the matrix (with the subject code and version it
came from), so a later import of the catalogue never changes it; the value
words go with them, for the matrix to show bold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from local_db.curriculum.catalogue import (
    CatalogueSubject,
    CriteriaSet,
    Paragraph,
    criteria_paragraphs,
)
from sync_protocol.assessment_documents import Criterion, ValueWords
from sync_protocol.grading_rules import RULES

PER_PARAGRAPH, WHOLE_TEXT = "per_paragraph", "whole_text"


@dataclass(frozen=True)
class MatrixStart:
    """What a new matrix gets from the catalogue."""

    subject: CatalogueSubject
    criteria: CriteriaSet
    rows: tuple[Criterion, ...]
    value_words: ValueWords
    #: PER_PARAGRAPH, or WHOLE_TEXT when the steps' paragraph counts differ.
    rule: str


def matrix_rows(
    paragraphs: Mapping[str, Sequence[Paragraph]],
    *,
    row_label: Callable[[int], str],
    whole_label: str,
) -> tuple[tuple[Criterion, ...], ValueWords, str]:
    """The rows, their value words and the rule used (see the module's doc)."""
    steps = RULES.criteria_steps
    counts = {len(paragraphs.get(step, ())) for step in steps}
    if len(counts) == 1 and counts != {0}:
        rows, words = [], {}
        for index in range(counts.pop()):
            row_id = f"k{index + 1}"
            rows.append(
                Criterion(
                    row_id,
                    row_label(index + 1),
                    {step: paragraphs[step][index].text for step in steps},
                )
            )
            words[row_id] = {
                step: list(paragraphs[step][index].value_words)
                for step in steps
                if paragraphs[step][index].value_words
            }
        return tuple(rows), words, PER_PARAGRAPH
    texts = {step: "\n\n".join(p.text for p in paragraphs.get(step, ())) for step in steps}
    whole = {
        step: list(dict.fromkeys(w for p in paragraphs.get(step, ()) for w in p.value_words))
        for step in steps
    }
    return (
        (Criterion("k1", whole_label, texts),),
        {"k1": {step: w for step, w in whole.items() if w}},
        WHOLE_TEXT,
    )


def start_from_catalogue(
    conn: Connection,
    subject: CatalogueSubject,
    criteria: CriteriaSet,
    *,
    row_label: Callable[[int], str],
    whole_label: str,
) -> MatrixStart:
    """The rows of a new matrix from one year's criteria of a subject version."""
    rows, words, rule = matrix_rows(
        criteria_paragraphs(conn, subject.id, criteria),
        row_label=row_label,
        whole_label=whole_label,
    )
    return MatrixStart(subject, criteria, rows, words, rule)

"""Reads of the curriculum catalogue (synced reference data; nothing here writes).

Every subject version the server holds reaches every teacher (Scope.CATALOGUE).
Pages get frozen dataclasses: the subjects with the years that have grading
criteria, and a version's criteria paragraphs per step.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, select

from local_db.repositories._common import live
from local_db.schema import synced
from sync_protocol.kinds.curriculum import DEFAULT_SOURCE, KNOWLEDGE_REQUIREMENT

subject_table = synced["curriculum_subject"]
item_table = synced["curriculum_item"]


@dataclass(frozen=True)
class CriteriaSet:
    """The grading criteria of one year (and variant) of a subject version."""

    year: str
    variant: str | None = None


@dataclass(frozen=True)
class CatalogueSubject:
    id: uuid.UUID
    code: str
    name: str
    version: int
    source: str
    retrieved_at: dt.datetime | None
    #: The years with criteria, in order ("6" before "9").
    criteria: tuple[CriteriaSet, ...]

    @property
    def is_skolverket(self) -> bool:
        return self.source == DEFAULT_SOURCE


@dataclass(frozen=True)
class Paragraph:
    position: int
    text: str
    value_words: tuple[str, ...]


def value_words_of(text: str | None) -> tuple[str, ...]:
    """An item's value words from its JSON list ("" or unreadable: none)."""
    if not text:
        return ()
    try:
        words = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(words, list):
        return ()
    return tuple(w for w in words if isinstance(w, str) and w)


def catalogue_subjects(conn: Connection) -> list[CatalogueSubject]:
    """Every subject version: by name, the newest version of each first."""
    sets: dict[uuid.UUID, set[CriteriaSet]] = defaultdict(set)
    for row in conn.execute(
        select(item_table.c.subject_id, item_table.c.year, item_table.c.variant)
        .where(live(item_table), item_table.c.item_kind == KNOWLEDGE_REQUIREMENT)
        .distinct()
    ):
        sets[row.subject_id].add(CriteriaSet(row.year, row.variant))
    subjects = [
        CatalogueSubject(
            id=row.id,
            code=row.code,
            name=row.name,
            version=row.version,
            source=row.source,
            retrieved_at=row.retrieved_at,
            criteria=tuple(sorted(sets[row.id], key=lambda s: (int(s.year), s.variant or ""))),
        )
        for row in conn.execute(select(subject_table).where(live(subject_table)))
    ]
    return sorted(subjects, key=lambda s: (s.name.casefold(), s.code, -s.version))


def criteria_paragraphs(
    conn: Connection, subject_id: uuid.UUID, criteria: CriteriaSet
) -> dict[str, list[Paragraph]]:
    """{grade step: its paragraphs in order} of one year's criteria."""
    variant = (
        item_table.c.variant.is_(None)
        if criteria.variant is None
        else item_table.c.variant == criteria.variant
    )
    query = (
        select(
            item_table.c.grade_step,
            item_table.c.position,
            item_table.c.text,
            item_table.c.value_words,
        )
        .where(
            live(item_table),
            item_table.c.subject_id == subject_id,
            item_table.c.item_kind == KNOWLEDGE_REQUIREMENT,
            item_table.c.year == criteria.year,
            variant,
        )
        .order_by(item_table.c.grade_step, item_table.c.position)
    )
    steps: dict[str, list[Paragraph]] = defaultdict(list)
    for row in conn.execute(query):
        steps[row.grade_step].append(
            Paragraph(row.position, row.text, value_words_of(row.value_words))
        )
    return dict(steps)

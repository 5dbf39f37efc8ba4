"""Importing catalogue files: every file checked first, then one transaction.

A subject version is a row of `curriculum_subject` with its items beside
it; both have ids from the natural key (sync_protocol.ids), so importing the
same version again finds them and writes nothing. A new version adds a row
and new items next to the old ones: nothing made from an old version (a
matrix copies its text) changes. A version already imported with other text
is refused, not rewritten: a version is kept as first imported.

The caller runs it in one write transaction (server.db.write_transaction);
any problem raises CatalogueImportRejected before the first write, with
every problem of every file, so a bad file imports nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from server.services.curriculum.syllabus_file import (
    CatalogueFileError,
    ParsedSubject,
    read_catalogue_file,
)
from server.services.sync.change_sets import ChangeSetWriter
from server.tables import synced
from sync_protocol.ids import curriculum_item_id, curriculum_subject_id

NEW, UNCHANGED = "new", "unchanged"


class CatalogueImportRejected(Exception):
    """Nothing was imported; `problems` says why, one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class ImportedSubject:
    origin: str
    code: str
    name: str
    version: int
    state: str  # NEW | UNCHANGED
    items: int
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class CatalogueReport:
    subjects: tuple[ImportedSubject, ...]
    change_sets: tuple[int, ...]


def value_words_text(words: Iterable[str]) -> str:
    """The `value_words` field: a JSON list, or "" for none."""
    listed = list(words)
    return json.dumps(listed, ensure_ascii=False) if listed else ""


def subject_row(subject: ParsedSubject, retrieved_at: dt.datetime) -> dict[str, Any]:
    """The `curriculum_subject` row of a subject version."""
    return {
        "id": curriculum_subject_id(subject.code, subject.version),
        "code": subject.code,
        "name": subject.name,
        "version": subject.version,
        "start_date": subject.start_date,
        "modified_date": subject.modified_date,
        "retrieved_at": retrieved_at,
        "source": subject.source,
    }


def item_rows(subject: ParsedSubject) -> list[dict[str, Any]]:
    """The `curriculum_item` rows of a subject version, ids from their places."""
    subject_id = curriculum_subject_id(subject.code, subject.version)
    return [
        {
            "id": curriculum_item_id(
                subject.code,
                subject.version,
                item_kind=item.item_kind,
                year=item.year,
                variant=item.variant,
                grade_step=item.grade_step,
                position=item.position,
            ),
            "subject_id": subject_id,
            "subject_code": subject.code,
            "subject_version": subject.version,
            "item_kind": item.item_kind,
            "year": item.year,
            "variant": item.variant,
            "grade_step": item.grade_step,
            "heading": item.heading,
            "position": item.position,
            "text": item.text,
            "value_words": value_words_text(item.value_words),
        }
        for item in subject.items
    ]


_COMPARED = ("heading", "text", "value_words")


def _same_items(conn: Connection, subject: ParsedSubject) -> bool:
    table = synced["curriculum_item"]
    stored = {
        row.id: tuple(getattr(row, name) for name in _COMPARED)
        for row in conn.execute(
            select(table.c.id, *(table.c[name] for name in _COMPARED)).where(
                table.c.subject_id == curriculum_subject_id(subject.code, subject.version),
                table.c.deleted.is_(False),
            )
        )
    }
    wanted = {row["id"]: tuple(row[name] for name in _COMPARED) for row in item_rows(subject)}
    return stored == wanted


def import_subjects(
    conn: Connection,
    subjects: Sequence[ParsedSubject],
    *,
    retrieved_at: dt.datetime,
    now: dt.datetime | None = None,
) -> CatalogueReport:
    """Write the subject versions not yet in the catalogue (see the module's doc)."""
    problems: list[str] = []
    by_key: dict[tuple[str, int], ParsedSubject] = {}
    for subject in subjects:
        key = (subject.code, subject.version)
        earlier = by_key.get(key)
        if earlier is not None and item_rows(earlier) != item_rows(subject):
            problems.append(
                f"{subject.origin}: {subject.code} version {subject.version} is also in "
                f"{earlier.origin}, with other text"
            )
        by_key.setdefault(key, subject)
    table = synced["curriculum_subject"]
    stored = {
        (row.code, row.version): row
        for row in conn.execute(
            select(table.c.code, table.c.version, table.c.name, table.c.retrieved_at).where(
                table.c.deleted.is_(False)
            )
        )
    }
    states: dict[tuple[str, int], str] = {}
    for key, subject in by_key.items():
        row = stored.get(key)
        if row is None:
            states[key] = NEW
        elif row.name == subject.name and _same_items(conn, subject):
            states[key] = UNCHANGED
        else:
            problems.append(
                f"{subject.origin}: {subject.code} version {subject.version} is already in the "
                f"catalogue (retrieved {row.retrieved_at:%Y-%m-%d}) with other text; a version "
                "is kept as first imported, so new text needs a new version number"
            )
    if problems:
        raise CatalogueImportRejected(problems)
    writer = ChangeSetWriter(conn, now=now)
    for key, subject in by_key.items():
        if states[key] != NEW:
            continue
        writer.insert("curriculum_subject", subject_row(subject, retrieved_at))
    for key, subject in by_key.items():
        if states[key] == NEW:
            for item in item_rows(subject):
                writer.insert("curriculum_item", item)
    writer.flush()
    return CatalogueReport(
        subjects=tuple(
            ImportedSubject(
                origin=subject.origin,
                code=subject.code,
                name=subject.name,
                version=subject.version,
                state=states[(subject.code, subject.version)],
                items=len(subject.items),
                skipped=subject.skipped,
            )
            for subject in subjects
        ),
        change_sets=tuple(writer.seqs),
    )


def import_catalogue_files(
    conn: Connection,
    paths: Sequence[Path],
    *,
    retrieved_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> CatalogueReport:
    """Read every file, then import them all or none (CatalogueImportRejected)."""
    problems: list[str] = []
    subjects: list[ParsedSubject] = []
    for path in paths:
        try:
            subjects.append(read_catalogue_file(path))
        except CatalogueFileError as exc:
            problems.append(str(exc))
    if not paths:
        problems.append("no files given")
    if problems:
        raise CatalogueImportRejected(problems)
    moment = now or dt.datetime.now(dt.UTC)
    return import_subjects(conn, subjects, retrieved_at=retrieved_at or moment, now=moment)

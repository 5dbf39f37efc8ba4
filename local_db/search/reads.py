"""Searching the cache's index: ranked hits with a snippet and what to open.

What the teacher may see: the cache holds only what the server's scope sent
(notes narrowed away are deleted from the cache at sync, and the index with
them, by the triggers of revision 0010), and the index leaves out rows marked
deleted. On top, as the timeline does (`readable_by`), a private note shows
only to its author should one ever sit in a colleague's cache, and a person
is found only as a pupil (someone with a group membership), never as a
guardian or a colleague.

Two steps: the MATCH picks, filters and ranks up to the limit (`rank`:
bm25 with the title counting four times the body, set in revision 0010; FTS5
sorts, so snippets are made only for the rows returned); then the few hits found get their headings
and targets by primary key. docs/search.md has the figures.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select, text

from local_db.schema import synced
from local_db.search import views
from local_db.search.query import match_expression

#: Index kind (the table) to result kind.
_RESULT_KIND = {
    "person": views.PUPIL,
    "pupil_note": views.NOTE,
    "support_adjustment": views.ADJUSTMENT,
    "planning_unit": views.UNIT,
    "lesson_plan": views.LESSON_PLAN,
    "curriculum_item": views.CATALOGUE_ITEM,
}
DEFAULT_LIMIT = 30
#: Words of context a snippet shows around its matches.
SNIPPET_WORDS = 12

_SEARCH = text(
    f"""
    SELECT k.kind, k.record_id,
           snippet(search_index, -1, :start, :end, '…', {SNIPPET_WORDS}) AS snippet
    FROM search_index JOIN search_key AS k ON k.id = search_index.rowid
    WHERE search_index MATCH :match
      AND (k.kind != 'person' OR EXISTS (
            SELECT 1 FROM group_membership AS m
            WHERE m.person_id = k.record_id AND m.deleted = 0))
      AND (k.kind != 'pupil_note' OR EXISTS (
            SELECT 1 FROM pupil_note AS n
            WHERE n.id = k.record_id AND n.deleted = 0
              AND (n.visibility IS NULL OR n.visibility != 'private' OR n.created_by = :me)))
    ORDER BY rank
    LIMIT :limit
    """
)


def search(
    conn: Connection, typed: str, me: uuid.UUID | None, limit: int = DEFAULT_LIMIT
) -> views.SearchResults:
    """The best `limit` hits for what the teacher typed; none for empty input."""
    match = match_expression(typed)
    if match is None or limit <= 0:
        return views.SearchResults(typed, ())
    rows = conn.execute(
        _SEARCH,
        {
            "match": match,
            "start": views.MATCH_START,
            "end": views.MATCH_END,
            "me": None if me is None else me.hex,
            "limit": limit + 1,
        },
    ).all()
    more = len(rows) > limit
    found = [(row.kind, uuid.UUID(hex=row.record_id), row.snippet) for row in rows[:limit]]
    details = _details(conn, found)
    hits = tuple(
        _hit(kind, record_id, snippet, details[kind].get(record_id))
        for kind, record_id, snippet in found
        if details[kind].get(record_id) is not None
    )
    return views.SearchResults(typed, hits, more)


def _ids(found: Iterable[tuple[str, uuid.UUID, str]], kind: str) -> list[uuid.UUID]:
    return [record_id for found_kind, record_id, _snippet in found if found_kind == kind]


_person = synced["person"]
_activity = synced["activity"]


def _pupil_name(row: Any) -> str:
    return "" if row.given_name is None else f"{row.given_name} {row.family_name}"


def _details(
    conn: Connection, found: list[tuple[str, uuid.UUID, str]]
) -> dict[str, dict[uuid.UUID, dict[str, Any]]]:
    """For each kind, {record id: what its hit shows and opens}: one query
    per kind found, each by primary key with what it names joined."""
    details: dict[str, dict[uuid.UUID, dict[str, Any]]] = {kind: {} for kind in _RESULT_KIND}
    for kind, read in _READERS.items():
        ids = _ids(found, kind)
        if ids:
            details[kind] = read(conn, ids)
    return details


def _pupils(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    query = select(_person.c.id, _person.c.given_name, _person.c.family_name).where(
        _person.c.id.in_(ids)
    )
    return {row.id: {"title": _pupil_name(row), "pupil_id": row.id} for row in conn.execute(query)}


def _of_pupil(kind: str, *columns: str) -> Any:
    table = synced[kind]
    return select(
        table.c.id, table.c.pupil_id, *(table.c[name] for name in columns),
        _person.c.given_name, _person.c.family_name,
    ).outerjoin(_person, _person.c.id == table.c.pupil_id)  # fmt: skip


def _notes(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    table = synced["pupil_note"]
    query = _of_pupil("pupil_note", "note_date", "created_at").where(table.c.id.in_(ids))
    return {
        row.id: {
            "title": _pupil_name(row),
            "pupil_id": row.pupil_id,
            "day": row.note_date or (row.created_at.date() if row.created_at else None),
        }
        for row in conn.execute(query)
    }


def _adjustments(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    table = synced["support_adjustment"]
    query = _of_pupil("support_adjustment").where(table.c.id.in_(ids))
    return {
        row.id: {"title": _pupil_name(row), "pupil_id": row.pupil_id} for row in conn.execute(query)
    }


def _units(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    unit = synced["planning_unit"]
    query = (
        select(unit.c.id, unit.c.title, unit.c.activity_id, _activity.c.display_name)
        .outerjoin(_activity, _activity.c.id == unit.c.activity_id)
        .where(unit.c.id.in_(ids))
    )
    return {
        row.id: {
            "title": row.title,
            "activity_id": row.activity_id,
            "activity_name": row.display_name or "",
        }
        for row in conn.execute(query)
    }


def _plans(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    plan, lesson = synced["lesson_plan"], synced["lesson"]
    query = (
        select(
            plan.c.id,
            plan.c.activity_id,
            plan.c.lesson_id,
            _activity.c.display_name,
            lesson.c.start_time,
        )
        .outerjoin(_activity, _activity.c.id == plan.c.activity_id)
        .outerjoin(lesson, lesson.c.id == plan.c.lesson_id)
        .where(plan.c.id.in_(ids))
    )
    return {
        row.id: {
            "title": row.display_name or "",
            "activity_id": row.activity_id,
            "activity_name": row.display_name or "",
            "lesson_id": row.lesson_id,
            "lesson_start": row.start_time,
        }
        for row in conn.execute(query)
    }


def _items(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    item, subject = synced["curriculum_item"], synced["curriculum_subject"]
    query = (
        select(
            item.c.id,
            item.c.year,
            item.c.heading,
            item.c.text,
            item.c.subject_version,
            subject.c.name,
            subject.c.source,
        )
        .outerjoin(subject, subject.c.id == item.c.subject_id)
        .where(item.c.id.in_(ids))
    )
    return {
        row.id: {
            "title": _item_title(row),
            "text": row.text,
            "subject": row.name or "",
            "version": row.subject_version,
            "source": row.source or "",
        }
        for row in conn.execute(query)
    }


_READERS = {
    "person": _pupils,
    "pupil_note": _notes,
    "support_adjustment": _adjustments,
    "planning_unit": _units,
    "lesson_plan": _plans,
    "curriculum_item": _items,
}


def _item_title(row: Any) -> str:
    """Subject, year and heading ("Matematik 7-9: Taluppfattning"), in no
    language: the desktop words the kind."""
    return f"{row.name or ''} {row.year}: {row.heading}".strip()


def _hit(
    kind: str, record_id: uuid.UUID, snippet: str, detail: dict[str, Any] | None
) -> views.SearchHit:
    assert detail is not None
    return views.SearchHit(kind=_RESULT_KIND[kind], record_id=record_id, snippet=snippet, **detail)

"""Searching the cache's index: ranked hits with a snippet and what to open.

What the teacher may see: the cache holds only what the server's scope sent
(notes narrowed away are deleted from the cache at sync, and the index with
them, by the triggers of revision 0010), and the index leaves out rows marked
deleted. On top, as the timeline does (`readable_by`), a private note shows
only to its author should one ever sit in a colleague's cache, and a person
is found only as a pupil (someone with a group membership), never as a
guardian or a colleague.

Two steps: the MATCH picks, filters and ranks (bm25, the title counting more
than the body) up to the limit; then the few hits found get their headings
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
DEFAULT_LIMIT = 40
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
    ORDER BY bm25(search_index, 4.0, 1.0)
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


def _rows(conn: Connection, kind: str, ids: list[uuid.UUID], *columns: str) -> dict[uuid.UUID, Any]:
    if not ids:
        return {}
    table = synced[kind]
    query = select(table.c.id, *(table.c[name] for name in columns)).where(table.c.id.in_(ids))
    return {row.id: row for row in conn.execute(query)}


def _names(conn: Connection, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    person = synced["person"]
    wanted = list(set(ids))
    if not wanted:
        return {}
    query = select(person.c.id, person.c.given_name, person.c.family_name).where(
        person.c.id.in_(wanted)
    )
    return {row.id: f"{row.given_name} {row.family_name}" for row in conn.execute(query)}


def _activity_names(conn: Connection, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    return {
        record_id: row.display_name
        for record_id, row in _rows(conn, "activity", list(set(ids)), "display_name").items()
    }


def _details(
    conn: Connection, found: list[tuple[str, uuid.UUID, str]]
) -> dict[str, dict[uuid.UUID, dict[str, Any]]]:
    """For each kind, {record id: what its hit shows and opens}."""
    notes = _rows(
        conn, "pupil_note", _ids(found, "pupil_note"), "pupil_id", "note_date", "created_at"
    )
    adjustments = _rows(
        conn, "support_adjustment", _ids(found, "support_adjustment"), "pupil_id", "what"
    )
    units = _rows(conn, "planning_unit", _ids(found, "planning_unit"), "activity_id", "title")
    plans = _rows(conn, "lesson_plan", _ids(found, "lesson_plan"), "activity_id", "lesson_id")
    lessons = _rows(conn, "lesson", [row.lesson_id for row in plans.values()], "start_time")
    items = _rows(
        conn, "curriculum_item", _ids(found, "curriculum_item"),
        "subject_id", "item_kind", "year", "grade_step", "heading", "text",
    )  # fmt: skip
    subjects = _rows(
        conn, "curriculum_subject", [row.subject_id for row in items.values()], "name", "source"
    )
    names = _names(
        conn,
        [*_ids(found, "person"), *(r.pupil_id for r in (*notes.values(), *adjustments.values()))],
    )
    activities = _activity_names(
        conn, [row.activity_id for row in (*units.values(), *plans.values())]
    )
    details: dict[str, dict[uuid.UUID, dict[str, Any]]] = {kind: {} for kind in _RESULT_KIND}
    for record_id in _ids(found, "person"):
        if record_id in names:
            details["person"][record_id] = {"title": names[record_id], "pupil_id": record_id}
    for record_id, row in notes.items():
        day = row.note_date or (row.created_at.date() if row.created_at else None)
        details["pupil_note"][record_id] = {
            "title": names.get(row.pupil_id, ""), "pupil_id": row.pupil_id, "day": day,
        }  # fmt: skip
    for record_id, row in adjustments.items():
        details["support_adjustment"][record_id] = {
            "title": names.get(row.pupil_id, ""), "pupil_id": row.pupil_id,
        }  # fmt: skip
    for record_id, row in units.items():
        details["planning_unit"][record_id] = {
            "title": row.title, "activity_id": row.activity_id,
            "activity_name": activities.get(row.activity_id, ""),
        }  # fmt: skip
    for record_id, row in plans.items():
        lesson = lessons.get(row.lesson_id)
        details["lesson_plan"][record_id] = {
            "title": activities.get(row.activity_id, ""), "activity_id": row.activity_id,
            "activity_name": activities.get(row.activity_id, ""), "lesson_id": row.lesson_id,
            "lesson_start": None if lesson is None else lesson.start_time,
        }  # fmt: skip
    for record_id, row in items.items():
        subject = subjects.get(row.subject_id)
        details["curriculum_item"][record_id] = {
            "title": _item_title(row, subject), "text": row.text,
            "source": subject.source if subject is not None else "",
        }  # fmt: skip
    return details


def _item_title(row: Any, subject: Any) -> str:
    """ "Matematik 7-9: Taluppfattning" / "Matematik, betyget E i årskurs 6"-like,
    but language-free: the desktop words the kind; this is subject, year, heading."""
    name = subject.name if subject is not None else ""
    return f"{name} {row.year}: {row.heading}".strip()


def _hit(
    kind: str, record_id: uuid.UUID, snippet: str, detail: dict[str, Any] | None
) -> views.SearchHit:
    assert detail is not None
    return views.SearchHit(kind=_RESULT_KIND[kind], record_id=record_id, snippet=snippet, **detail)

"""A term grade's history, for a teacher who may see the term grade (issue 10).

The history itself is written by every push that changes a term grade
(server.services.sync.term_grade_history). A teacher may read it for a term
grade in their scope, by the same rule as the change feed; anything else
answers None (the route says 404), exactly like an id that does not exist.
Who made a change is told by name, never by id: a teacher who has left the
activity stays in the history without their id reaching anyone.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, Engine, select

from server.db import read_transaction
from server.services.access.scope import compute_scope
from server.services.roster.resources import Caller
from server.services.sync.term_grade_history import history_of
from server.tables import synced, user_account


def visible_history(
    engine: Engine, caller: Caller, term_grade_id: uuid.UUID
) -> list[dict[str, Any]] | None:
    """The term grade's changes, oldest first; None when the caller may not see it."""
    table = synced["term_grade"]
    with read_transaction(engine) as conn:
        scope = compute_scope(
            conn, role=caller.role, person_id=caller.person_id, today=caller.today
        )
        # Tombstones too: the feed gives them, and a deleted grade's history matters.
        condition = scope.where("term_grade")
        if condition is None:
            return None
        found = conn.execute(
            select(table.c.id).where(table.c.id == term_grade_id, condition)
        ).first()
        if found is None:
            return None
        history = history_of(conn, term_grade_id)
        names = _names(conn, history)
        return [
            {
                "from_grade": entry["from_grade"],
                "to_grade": entry["to_grade"],
                "from_reason": entry["from_reason"],
                "to_reason": entry["to_reason"],
                "deleted": entry["deleted"],
                "changed_by": names.get(entry["changed_by"]) or names.get(entry["changed_by_user"]),
                "changed_at": entry["changed_at"],
                "client_id": entry["client_id"],
            }
            for entry in history
        ]


def _names(conn: Connection, history: list[dict[str, Any]]) -> dict[uuid.UUID, str]:
    """Person id or account id -> the name shown for who made a change."""
    persons = {entry["changed_by"] for entry in history} - {None}
    accounts = {entry["changed_by_user"] for entry in history} - {None}
    names: dict[uuid.UUID, str] = {}
    if accounts:
        rows = conn.execute(
            select(user_account.c.id, user_account.c.display_name).where(
                user_account.c.id.in_(sorted(accounts))
            )
        )
        names.update((account_id, name) for account_id, name in rows)
    if persons:
        person = synced["person"]
        people = conn.execute(
            select(person.c.id, person.c.given_name, person.c.family_name).where(
                person.c.id.in_(sorted(persons))
            )
        )
        names.update((person_id, f"{given} {family}") for person_id, given, family in people)
    return names

"""The append-only history of term grades (issue 10).

Every write of a term_grade row a push makes (a new grade, a change, a
delete, a conflict decided) is appended here, in the push's transaction, with
who made it, when, from what to what, and from which computer. Nothing
updates or deletes these rows; tests/server/sync/test_term_grades.py holds
the code to that.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from server.services.sync.push_context import Pusher
from server.tables import term_grade_history

Row = Mapping[str, Any]


def record_term_grade_history(
    conn: Connection,
    changes: Sequence[tuple[Row | None, Row]],
    *,
    pusher: Pusher,
    client_id: str,
    now: dt.datetime,
) -> None:
    entries = []
    for before, after in changes:
        old_grade = None if before is None or before["deleted"] else before["grade"]
        old_reason = None if before is None or before["deleted"] else before["no_basis_reason"]
        deleted = bool(after["deleted"])
        new_grade = None if deleted else after["grade"]
        new_reason = None if deleted else after["no_basis_reason"]
        if before is not None and (old_grade, old_reason, bool(before["deleted"])) == (
            new_grade,
            new_reason,
            deleted,
        ):
            continue  # another field, or a stamp: the grade did not change
        entries.append(
            {
                "term_grade_id": after["id"],
                "pupil_id": after["pupil_id"],
                "activity_id": after["activity_id"],
                "term": after["term"],
                "from_grade": old_grade,
                "to_grade": new_grade,
                "from_reason": old_reason,
                "to_reason": new_reason,
                "deleted": deleted,
                "changed_by": pusher.person_id,
                "changed_by_user": pusher.user_id,
                "changed_at": now,
                "client_id": client_id,
                "seq": after["seq"],
            }
        )
    if entries:
        conn.execute(insert(term_grade_history), entries)


def history_of(conn: Connection, term_grade_id: uuid.UUID) -> list[dict[str, Any]]:
    """A term grade's changes, oldest first."""
    table = term_grade_history
    rows = conn.execute(
        select(table).where(table.c.term_grade_id == term_grade_id).order_by(table.c.id)
    ).mappings()
    return [dict(row) for row in rows]

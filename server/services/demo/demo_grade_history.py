"""The history of the demo's term grades (server.services.sync.term_grade_history).

A push appends a history row for every change of a term grade; the seed
writes its grades in bulk, so it appends their history itself: who set each
grade and when, and the few that were raised after a komplettering.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from server.tables import synced, term_grade_history, term_lock

#: The client id the history names for the seed's changes.
SEED_CLIENT_ID = "demo-seed"


@dataclass(frozen=True)
class GradeChange:
    """One entry of a term grade's history, written once the grade has its seq."""

    term_grade_id: uuid.UUID
    pupil_id: uuid.UUID
    activity_id: uuid.UUID
    term: str
    from_grade: str | None
    to_grade: str
    to_reason: str | None
    at: dt.datetime


def write_term_grade_history(
    conn: Connection,
    changes: Sequence[GradeChange],
    *,
    teacher_id: uuid.UUID,
    user_id: uuid.UUID | None,
) -> None:
    """The seeded term grades' history, at the seq their change-set was given."""
    if not changes:
        return
    table = synced["term_grade"]
    wanted = sorted({change.term_grade_id for change in changes})
    seqs: dict[uuid.UUID, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = select(table.c.id, table.c.seq).where(table.c.id.in_(chunk))
        seqs.update((row_id, seq) for row_id, seq in conn.execute(query))
    previous: dict[uuid.UUID, str | None] = {}
    entries = []
    for change in changes:
        entries.append(
            {
                "term_grade_id": change.term_grade_id,
                "pupil_id": change.pupil_id,
                "activity_id": change.activity_id,
                "term": change.term,
                "from_grade": change.from_grade,
                "to_grade": change.to_grade,
                "from_reason": previous.get(change.term_grade_id),
                "to_reason": change.to_reason,
                "deleted": False,
                "changed_by": teacher_id,
                "changed_by_user": user_id,
                "changed_at": change.at,
                "client_id": SEED_CLIENT_ID,
                "seq": seqs[change.term_grade_id],
            }
        )
        previous[change.term_grade_id] = change.to_reason
    conn.execute(insert(term_grade_history), entries)


def lock_term(conn: Connection, school_id: uuid.UUID, term: str, locks_on: dt.date) -> None:
    """The school locks `term`'s grades on `locks_on`, as `klassbok-server
    lock-term` would: the demo shows a locked term (issue 10)."""
    conn.execute(insert(term_lock).values(school_id=school_id, term=term, locks_on=locks_on))

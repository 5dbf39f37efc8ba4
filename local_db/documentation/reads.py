"""Reading a pupil's documentation from the cache."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Connection, select

from local_db.documentation.views import (
    AdjustmentView,
    NoteView,
    ProgrammeRefView,
    PupilDocumentation,
)
from local_db.repositories._common import live, person
from local_db.schema import synced

pupil_note = synced["pupil_note"]
support_adjustment = synced["support_adjustment"]
action_programme_ref = synced["action_programme_ref"]


def _names(conn: Connection, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = conn.execute(
        select(person.c.id, person.c.given_name, person.c.family_name).where(
            person.c.id.in_(sorted(ids, key=str))
        )
    )
    return {row.id: f"{row.given_name} {row.family_name}" for row in rows}


def _note(row: Any, names: dict[uuid.UUID, str], me: uuid.UUID | None) -> NoteView:
    made = row.created_at.date() if isinstance(row.created_at, dt.datetime) else None
    return NoteView(
        id=row.id,
        pupil_id=row.pupil_id,
        category=row.category,
        visibility=row.visibility or "teachers",
        note_date=row.note_date or made,
        term=row.term,
        body=row.body,
        author_id=row.created_by,
        author_name=names.get(row.created_by) if row.created_by else None,
        mine=me is not None and row.created_by == me,
    )


def pupil_documentation(
    conn: Connection, pupil_id: uuid.UUID, me: uuid.UUID | None
) -> PupilDocumentation:
    """Everything this cache holds about the pupil's documentation."""
    notes = conn.execute(
        select(pupil_note).where(pupil_note.c.pupil_id == pupil_id, live(pupil_note))
    ).all()
    names = _names(conn, {row.created_by for row in notes if row.created_by is not None})
    note_views = sorted(
        (_note(row, names, me) for row in notes),
        key=lambda n: (n.note_date or dt.date.min, str(n.id)),
        reverse=True,
    )
    adjustments = [
        AdjustmentView(
            id=row.id,
            pupil_id=row.pupil_id,
            what=row.what,
            start_date=row.start_date,
            end_date=row.end_date,
            evaluation=row.evaluation,
        )
        for row in conn.execute(
            select(support_adjustment).where(
                support_adjustment.c.pupil_id == pupil_id, live(support_adjustment)
            )
        )
    ]
    today = dt.date.today()

    def adjustment_order(a: AdjustmentView) -> tuple[bool, dt.date, str]:
        ended = a.end_date is not None and a.end_date < today
        return (ended, a.start_date or dt.date.min, a.what.casefold())

    programmes = [
        ProgrammeRefView(
            id=row.id,
            pupil_id=row.pupil_id,
            decided_on=row.decided_on,
            decided_by=row.decided_by,
            document_location=row.document_location,
        )
        for row in conn.execute(
            select(action_programme_ref).where(
                action_programme_ref.c.pupil_id == pupil_id, live(action_programme_ref)
            )
        )
    ]
    return PupilDocumentation(
        pupil_id=pupil_id,
        notes=tuple(note_views),
        adjustments=tuple(sorted(adjustments, key=adjustment_order)),
        programmes=tuple(
            sorted(programmes, key=lambda p: (p.decided_on or dt.date.min, str(p.id)), reverse=True)
        ),
    )

"""Writing a pupil's documentation: drafts, the rules a draft must keep, and
the writes (local_db.edits: one transaction with its outbox entry).

The rules are the server's (server/services/sync/push_documentation.py) as
far as the cache can know them: the pupil is one this teacher teaches, only
the author changes a note, a text is within its limit, a talk has a term.
Whether the pupil has a mentor the cache cannot always know (the mentor
group may be a colleague's), so that one only the server decides, with a
reason the app shows.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, select

from local_db.edits import delete_record, save_record
from local_db.repositories._common import live, membership
from local_db.schema import synced
from sync_protocol.kinds.documentation import (
    ADJUSTMENT_EVALUATION_MAX,
    ADJUSTMENT_WHAT_MAX,
    NOTE_BODY_MAX,
    PROGRAMME_DECIDED_BY_MAX,
    PROGRAMME_LOCATION_MAX,
)
from sync_protocol.terms import parse_term
from sync_protocol.vocabularies import NOTE_CATEGORIES, NOTE_VISIBILITIES


class Problem(enum.Enum):
    """What is wrong with a draft; the app words each for the teacher."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    BAD_TERM = "bad_term"
    BAD_CHOICE = "bad_choice"
    END_BEFORE_START = "end_before_start"
    NOT_MY_PUPIL = "not_my_pupil"
    NOT_AUTHOR = "not_author"


class DocumentationRefused(ValueError):
    """A draft that cannot be saved; nothing was written."""

    def __init__(self, problem: Problem, limit: int | None = None) -> None:
        super().__init__(problem.value if limit is None else f"{problem.value} ({limit})")
        self.problem = problem
        self.limit = limit


@dataclass(frozen=True)
class NoteDraft:
    pupil_id: uuid.UUID
    category: str
    visibility: str
    body: str
    note_date: dt.date
    #: The term of an utvecklingssamtal ("HT2026"); None for other notes.
    term: str | None = None


@dataclass(frozen=True)
class AdjustmentDraft:
    pupil_id: uuid.UUID
    what: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    evaluation: str = ""


@dataclass(frozen=True)
class ProgrammeRefDraft:
    pupil_id: uuid.UUID
    decided_on: dt.date | None
    decided_by: str
    document_location: str


def note_problem(draft: NoteDraft) -> DocumentationRefused | None:
    """What is wrong with a note draft, or None (the editor asks as the teacher types)."""
    if not draft.body.strip():
        return DocumentationRefused(Problem.EMPTY)
    if len(draft.body) > NOTE_BODY_MAX:
        return DocumentationRefused(Problem.TOO_LONG, NOTE_BODY_MAX)
    if draft.category not in NOTE_CATEGORIES or draft.visibility not in NOTE_VISIBILITIES:
        return DocumentationRefused(Problem.BAD_CHOICE)
    if draft.term is not None:
        try:
            parse_term(draft.term)
        except ValueError:
            return DocumentationRefused(Problem.BAD_TERM)
    return None


def _check_pupil(conn: Connection, pupil_id: uuid.UUID) -> None:
    """The pupil is one the cache holds a membership of: one this teacher teaches."""
    found = conn.execute(
        select(membership.c.id).where(membership.c.person_id == pupil_id, live(membership)).limit(1)
    ).first()
    if found is None:
        raise DocumentationRefused(Problem.NOT_MY_PUPIL)


def _check_author(conn: Connection, note_id: uuid.UUID, actor: uuid.UUID | None) -> bool:
    """True when the note exists (and is the actor's); refused when it is someone else's."""
    table = synced["pupil_note"]
    row = conn.execute(select(table.c.created_by).where(table.c.id == note_id)).first()
    if row is None:
        return False
    if row.created_by != actor:
        raise DocumentationRefused(Problem.NOT_AUTHOR)
    return True


def _check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise DocumentationRefused(Problem.TOO_LONG, limit)


def save_note(
    conn: Connection, note_id: uuid.UUID | None, draft: NoteDraft, *, actor: uuid.UUID | None
) -> uuid.UUID:
    """Create the note (note_id None) or change the teacher's own; its id."""
    problem = note_problem(draft)
    if problem is not None:
        raise problem
    _check_pupil(conn, draft.pupil_id)
    record = note_id or uuid.uuid4()
    exists = note_id is not None and _check_author(conn, note_id, actor)
    values: dict[str, object] = {
        "category": draft.category,
        "visibility": draft.visibility,
        "body": draft.body,
        "note_date": draft.note_date,
        "term": draft.term,
    }
    if not exists:
        values["pupil_id"] = draft.pupil_id
    save_record(conn, "pupil_note", record, values, actor=actor)
    return record


def delete_note(conn: Connection, note_id: uuid.UUID, *, actor: uuid.UUID | None) -> None:
    if _check_author(conn, note_id, actor):
        delete_record(conn, "pupil_note", note_id, actor=actor)


def save_adjustment(
    conn: Connection,
    adjustment_id: uuid.UUID | None,
    draft: AdjustmentDraft,
    *,
    actor: uuid.UUID | None,
) -> uuid.UUID:
    if not draft.what.strip():
        raise DocumentationRefused(Problem.EMPTY)
    _check_length(draft.what, ADJUSTMENT_WHAT_MAX)
    _check_length(draft.evaluation, ADJUSTMENT_EVALUATION_MAX)
    if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
        raise DocumentationRefused(Problem.END_BEFORE_START)
    _check_pupil(conn, draft.pupil_id)
    record = adjustment_id or uuid.uuid4()
    values: dict[str, object] = {
        "what": draft.what.strip(),
        "start_date": draft.start_date,
        "end_date": draft.end_date,
        "evaluation": draft.evaluation,
    }
    if adjustment_id is None:
        values["pupil_id"] = draft.pupil_id
    save_record(conn, "support_adjustment", record, values, actor=actor)
    return record


def delete_adjustment(
    conn: Connection, adjustment_id: uuid.UUID, *, actor: uuid.UUID | None
) -> None:
    delete_record(conn, "support_adjustment", adjustment_id, actor=actor)


def save_programme_ref(
    conn: Connection,
    ref_id: uuid.UUID | None,
    draft: ProgrammeRefDraft,
    *,
    actor: uuid.UUID | None,
) -> uuid.UUID:
    if not draft.document_location.strip():
        raise DocumentationRefused(Problem.EMPTY)
    _check_length(draft.decided_by, PROGRAMME_DECIDED_BY_MAX)
    _check_length(draft.document_location, PROGRAMME_LOCATION_MAX)
    _check_pupil(conn, draft.pupil_id)
    record = ref_id or uuid.uuid4()
    values: dict[str, object] = {
        "decided_on": draft.decided_on,
        "decided_by": draft.decided_by.strip(),
        "document_location": draft.document_location.strip(),
    }
    if ref_id is None:
        values["pupil_id"] = draft.pupil_id
    save_record(conn, "action_programme_ref", record, values, actor=actor)
    return record


def delete_programme_ref(conn: Connection, ref_id: uuid.UUID, *, actor: uuid.UUID | None) -> None:
    delete_record(conn, "action_programme_ref", ref_id, actor=actor)

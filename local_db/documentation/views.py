"""What the Pupils page shows of a pupil's documentation: frozen views."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class NoteView:
    id: uuid.UUID
    pupil_id: uuid.UUID
    category: str
    #: private | mentors | teachers; a note from before schema 3 reads as teachers.
    visibility: str
    #: The day the note is about (the day it was made when it has none).
    note_date: dt.date | None
    term: str | None
    body: str
    author_id: uuid.UUID | None
    author_name: str | None
    #: Written by the signed-in teacher: only then may it be changed.
    mine: bool

    @property
    def first_line(self) -> str:
        for line in self.body.splitlines():
            if line.strip():
                return line.strip()
        return ""


@dataclass(frozen=True)
class AdjustmentView:
    """An extra anpassning: what, from and to when, how it went."""

    id: uuid.UUID
    pupil_id: uuid.UUID
    what: str
    start_date: dt.date | None
    end_date: dt.date | None
    evaluation: str


@dataclass(frozen=True)
class ProgrammeRefView:
    """A reference to an åtgärdsprogram: never its text."""

    id: uuid.UUID
    pupil_id: uuid.UUID
    decided_on: dt.date | None
    decided_by: str
    document_location: str


@dataclass(frozen=True)
class PupilDocumentation:
    pupil_id: uuid.UUID
    #: Newest first.
    notes: tuple[NoteView, ...]
    #: Current and coming first, by start date; ended ones after.
    adjustments: tuple[AdjustmentView, ...]
    #: Newest decision first.
    programmes: tuple[ProgrammeRefView, ...]

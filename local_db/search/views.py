"""What a search gives the desktop: frozen values, never ORM rows."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

#: The kinds of result, in the order the results page groups them.
PUPIL = "pupil"
NOTE = "note"
ADJUSTMENT = "adjustment"
UNIT = "unit"
LESSON_PLAN = "lesson_plan"
CATALOGUE_ITEM = "catalogue_item"
KINDS = (PUPIL, NOTE, ADJUSTMENT, UNIT, LESSON_PLAN, CATALOGUE_ITEM)

#: Around the matched words in a snippet; the desktop turns them into bold.
MATCH_START = "\x02"
MATCH_END = "\x03"


@dataclass(frozen=True)
class SearchHit:
    kind: str
    #: The record found (a note's, a unit's, the pupil's own id...).
    record_id: uuid.UUID
    #: A short heading: the pupil's name, a unit's title, a subject and year.
    title: str
    #: Where the words were found, matched words between MATCH_START and MATCH_END.
    snippet: str
    #: The pupil to open (pupils, notes, adjustments).
    pupil_id: uuid.UUID | None = None
    #: The group and subject (units, lesson plans) and its name.
    activity_id: uuid.UUID | None = None
    activity_name: str = ""
    #: A lesson plan's lesson.
    lesson_id: uuid.UUID | None = None
    #: The day a note is about.
    day: dt.date | None = None
    #: When a lesson plan's lesson starts (UTC).
    lesson_start: dt.datetime | None = None
    #: A catalogue item's whole text, its subject and version, its credit ("Skolverket").
    text: str = ""
    subject: str = ""
    version: int | None = None
    source: str = ""


@dataclass(frozen=True)
class SearchResults:
    #: What was searched for, as typed (the page shows only the latest answer).
    typed: str
    hits: tuple[SearchHit, ...]
    #: More matched than the limit let through.
    more: bool = False

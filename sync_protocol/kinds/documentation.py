"""Pupil documentation (issue 11): notes with a visibility, extra anpassningar
and references to åtgärdsprogram.

Documentation is about a pupil, not a lesson: its scope is the pupil (docs/scope.md).
A note's `visibility` narrows it further, and the server enforces it:
"private" reaches only its author's caches, "mentors" only the pupil's
mentors (and the author), "teachers" every teacher of the pupil. A note made
before schema 3 has no visibility (read as "teachers") and an activity; a new
one names no activity.

Everything new here is `since=3`. An åtgärdsprogram is only referenced: when it
was decided, by whom, where the document is kept; never its text.
"""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import IMMUT, LATEST, TEXT, D, E, S, T, U, f
from sync_protocol.vocabularies import NOTE_CATEGORIES, NOTE_VISIBILITIES

#: The longest note body, in characters (the app says so before it saves).
NOTE_BODY_MAX = 20000
#: An extra anpassning's "what" and its evaluation.
ADJUSTMENT_WHAT_MAX = 500
ADJUSTMENT_EVALUATION_MAX = 5000
#: Who decided an åtgärdsprogram, and where its document is kept.
PROGRAMME_DECIDED_BY_MAX = 200
PROGRAMME_LOCATION_MAX = 300

PUPIL_NOTE = EntitySpec(
    "pupil_note",
    (
        f("pupil_id", U, IMMUT, ref="person"),
        # Notes made before schema 3 name the activity they were written in;
        # it no longer limits who sees them. New notes leave it empty.
        f("activity_id", U, IMMUT, nullable=True, ref="activity"),
        f("category", E, LATEST, choices=NOTE_CATEGORIES),
        f("body", T, TEXT, max_length=NOTE_BODY_MAX),
        # None: a note made before schema 3, seen as "teachers".
        f("visibility", E, LATEST, nullable=True, choices=NOTE_VISIBILITIES, since=3),
        # The day the note is about; None: the day it was made (created_at).
        f("note_date", D, LATEST, nullable=True, since=3),
        # The term of an utvecklingssamtal ("HT2026"); None for other notes.
        f("term", S, LATEST, nullable=True, max_length=6, since=3),
    ),
    Scope.PUPIL_NOTE,
    "A teacher's note about a pupil, seen by its author, the pupil's mentors or teachers.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
)

SUPPORT_ADJUSTMENT = EntitySpec(
    "support_adjustment",
    (
        f("pupil_id", U, IMMUT, ref="person", since=3),
        f("what", S, TEXT, max_length=ADJUSTMENT_WHAT_MAX, since=3),
        f("start_date", D, LATEST, nullable=True, since=3),
        f("end_date", D, LATEST, nullable=True, since=3),
        f("evaluation", T, TEXT, max_length=ADJUSTMENT_EVALUATION_MAX, since=3),
    ),
    Scope.PUPIL_CHILD,
    "An extra anpassning for a pupil: what, from and to when, how it went. "
    "Seen by every teacher of the pupil.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
    since=3,
)

ACTION_PROGRAMME_REF = EntitySpec(
    "action_programme_ref",
    (
        f("pupil_id", U, IMMUT, ref="person", since=3),
        f("decided_on", D, LATEST, nullable=True, since=3),
        f("decided_by", S, LATEST, max_length=PROGRAMME_DECIDED_BY_MAX, since=3),
        f("document_location", S, LATEST, max_length=PROGRAMME_LOCATION_MAX, since=3),
    ),
    Scope.PUPIL_CHILD,
    "A reference to a pupil's åtgärdsprogram: when, by whom, where the document is. "
    "Never the programme's text.",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
    since=3,
)

#: Kinds whose conflicts reach only the teachers involved (their text may be private).
DOCUMENTATION_KINDS = ("pupil_note", "support_adjustment", "action_programme_ref")

#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (PUPIL_NOTE, SUPPORT_ADJUSTMENT, ACTION_PROGRAMME_REF)

"""Pupil documentation: teachers' notes about a pupil."""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import IMMUT, LATEST, TEXT, E, T, U, f
from sync_protocol.vocabularies import NOTE_CATEGORIES

PUPIL_NOTE = EntitySpec(
    "pupil_note",
    (
        f("pupil_id", U, IMMUT, ref="person"),
        f("activity_id", U, IMMUT, ref="activity"),
        f("category", E, LATEST, choices=NOTE_CATEGORIES),
        f("body", T, TEXT, max_length=20000),
    ),
    Scope.ACTIVITY_PUPIL,
    "A teacher's documentation about a pupil (observations, extra anpassningar).",
    client_writable=True,
    client_deletable=True,
    delete_needs_review=True,
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (PUPIL_NOTE,)

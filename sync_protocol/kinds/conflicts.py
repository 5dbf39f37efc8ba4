"""Conflicts: edits the server could not settle alone, and notices that it did."""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import DT, LATEST, SERVER, E, S, T, U, f
from sync_protocol.vocabularies import CONFLICT_STATES, CONFLICT_TYPES

SYNC_CONFLICT = EntitySpec(
    "sync_conflict",
    (
        f("record_kind", S, SERVER, max_length=40),
        f("record_id", U, SERVER),
        f("field_name", S, SERVER, nullable=True, max_length=60),
        f("conflict_type", E, SERVER, choices=CONFLICT_TYPES),
        # None for a conflict about pupil documentation, which names no activity.
        f("activity_id", U, SERVER, nullable=True, ref="activity"),
        f("pupil_id", U, SERVER, nullable=True, ref="person"),
        f("current_value", T, SERVER, nullable=True, max_length=40000),
        f("current_by", U, SERVER, nullable=True, ref="person"),
        f("current_at", DT, SERVER, nullable=True),
        f("rival_value", T, SERVER, nullable=True, max_length=40000),
        f("rival_by", U, SERVER, nullable=True, ref="person"),
        f("rival_at", DT, SERVER, nullable=True),
        f("addressed_to", U, SERVER, nullable=True, ref="person"),
        f("state", E, LATEST, choices=CONFLICT_STATES),
        f("resolved_value", T, LATEST, nullable=True, max_length=40000),
    ),
    Scope.ACTIVITY_PUPIL,
    "An edit the server could not settle alone, or a notice that one was settled. "
    "Values are JSON text. A teacher resolves it by writing state and resolved_value.",
    client_writable=True,
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (SYNC_CONFLICT,)

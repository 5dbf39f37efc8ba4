"""The entity registry: every kind of record that travels between server and
client, its fields, each field's merge policy and who may see it.

Server tables, cache tables, wire validation and the merge all read this one
registry, so a later feature gets storage and sync by declaring its kinds in
a module of sync_protocol/kinds/ (one per capability), adding them to
REGISTRY below, and writing a migration on each side.

Names follow SS 12000 where the two overlap (Person, Group, Activity,
CalendarEvent as `lesson`, Attendance, Absence as `absence_report`); codes are
English in the wire format and mapped to SS 12000's Swedish values at the
edges (import/export).
"""

from __future__ import annotations

from sync_protocol.entity_types import (
    EntitySpec,
    FieldSpec,
    FieldType,
    MergePolicy,
    Scope,
)
from sync_protocol.kinds import (
    assessment,
    attendance,
    conflicts,
    curriculum,
    documentation,
    planning,
    roster,
)
from sync_protocol.vocabularies import (
    ABSENCE_TYPES,
    ACTIVITY_TYPES,
    ASSESSMENT_TYPES,
    ATTENDANCE_STATUSES,
    CONFLICT_STATES,
    CONFLICT_TYPES,
    GRADES,
    GROUP_TYPES,
    NOTE_CATEGORIES,
    NOTE_VISIBILITIES,
    NOTICE_STATES,
    SECURITY_MARKINGS,
    SS12000_ABSENCE_TYPES,
    SS12000_ACTIVITY_TYPES,
    SS12000_GROUP_TYPES,
    SS12000_SECURITY_MARKINGS,
)

__all__ = [
    "ABSENCE_TYPES",
    "ACTIVITY_TYPES",
    "ASSESSMENT_TYPES",
    "ATTENDANCE_STATUSES",
    "CONFLICT_STATES",
    "CONFLICT_TYPES",
    "GRADES",
    "GROUP_TYPES",
    "KIND_ORDER",
    "META_COLUMNS",
    "NOTE_CATEGORIES",
    "NOTE_VISIBILITIES",
    "NOTICE_STATES",
    "REGISTRY",
    "SECURITY_MARKINGS",
    "SS12000_ABSENCE_TYPES",
    "SS12000_ACTIVITY_TYPES",
    "SS12000_GROUP_TYPES",
    "SS12000_SECURITY_MARKINGS",
    "EntitySpec",
    "FieldSpec",
    "FieldType",
    "MergePolicy",
    "Scope",
    "client_writable_kinds",
    "entity",
]

#: Columns every synced row has besides its fields. Not part of FieldSpec
#: because the server alone sets them.
META_COLUMNS = ("id", "created_at", "created_by", "modified_at", "modified_by", "seq", "deleted")

#: Every kind, in pull order: a kind comes after the kinds its references
#: point at, so a client applying a page in this order never holds a
#: dangling reference. Each capability declares its kinds in
#: sync_protocol/kinds/; a new one adds its module's kinds here.
REGISTRY: dict[str, EntitySpec] = {
    spec.kind: spec
    for spec in (
        *roster.KINDS,
        *attendance.KINDS,
        *planning.KINDS,
        *curriculum.KINDS,
        assessment.CRITERIA_MATRIX,
        assessment.ASSESSMENT,
        assessment.ASSESSMENT_RESULT,
        *documentation.KINDS,
        assessment.TERM_GRADE,
        *conflicts.KINDS,
    )
}

#: Pull order: a kind comes after the kinds its references point at, so a
#: client applying a page in this order never holds a dangling reference.
KIND_ORDER: tuple[str, ...] = tuple(REGISTRY)


def entity(kind: str) -> EntitySpec:
    """The spec of a kind; KeyError for an unknown kind."""
    return REGISTRY[kind]


def client_writable_kinds() -> tuple[str, ...]:
    return tuple(kind for kind, spec in REGISTRY.items() if spec.client_writable)

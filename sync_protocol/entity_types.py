"""The types the entity registry is declared with: field types, merge
policies, scopes, and the specs of a field and of a kind of record.

The kinds themselves are declared by capability in sync_protocol/kinds/ and
assembled into the registry by sync_protocol.entities.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field


class FieldType(enum.Enum):
    UUID = "uuid"
    STRING = "string"  # short, single line
    TEXT = "text"  # long, free text
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"  # always UTC on the wire: 2026-11-28T07:55:00Z
    ENUM = "enum"


class MergePolicy(enum.Enum):
    """How the server settles two edits of the same field of one record."""

    SERVER_ONLY = "server_only"  # reference data; a client may not write it
    IMMUTABLE = "immutable"  # set when the record is created, never changed
    LATEST_WINS = "latest_wins"  # later hybrid-clock stamp wins; loser gets a notice
    NEEDS_REVIEW = "needs_review"  # a teacher decides; server keeps current, records rival
    TEXT_MERGE = "text_merge"  # three-way merge; overlapping edits keep both versions


class Scope(enum.Enum):
    """Which rows of a kind a teacher may see.

    G = groups the teacher teaches (through an activity's teachers),
    A = activities that include a group in G, P = pupils with a membership in a
    group in G overlapping the current term. See docs/scope.md.
    """

    SCHOOL = "school"  # schools of the groups in G
    GROUP = "group"  # id in G
    GROUP_CHILD = "group_child"  # group_id in G
    ACTIVITY = "activity"  # id in A
    ACTIVITY_CHILD = "activity_child"  # activity_id in A
    PERSON = "person"  # pupils in P, their guardians, teachers of A
    PUPIL_CHILD = "pupil_child"  # pupil_id in P
    ACTIVITY_PUPIL = "activity_pupil"  # activity_id in A and pupil_id in P
    #: National reference data (the curriculum catalogue): every row, for
    #: every teacher with a school in scope.
    CATALOGUE = "catalogue"
    #: pupil_id in P, and the note's visibility lets the caller see it:
    #: "teachers" (or none), "mentors" with the pupil in M, or the author.
    PUPIL_NOTE = "pupil_note"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    policy: MergePolicy
    nullable: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    #: The kind this uuid field points at (documentation and validation).
    ref: str | None = None
    #: Contact data: never sent for a pupil with a security marking, nor for
    #: the guardians of such a pupil.
    contact: bool = False
    #: Integer bounds, inclusive.
    min_value: int | None = None
    max_value: int | None = None
    #: The schema version that added the field. The server leaves it out of
    #: what it sends to a client of an older schema (which it still serves).
    since: int = 1
    #: The field this one qualifies (late minutes qualify a status): a notice
    #: that tells of a lost change to that field shows this one with it.
    detail_of: str | None = None


@dataclass(frozen=True)
class EntitySpec:
    kind: str
    fields: tuple[FieldSpec, ...]
    scope: Scope
    description: str
    #: Teacher-owned: clients may create and edit it (push).
    client_writable: bool = False
    #: Field names whose values make the deterministic id (sync_protocol.ids).
    natural_key: tuple[str, ...] = ()
    #: A delete against a concurrent edit is shown to a teacher, not settled.
    delete_needs_review: bool = False
    #: Client may delete (tombstone) it.
    client_deletable: bool = False
    #: The schema version that added the kind (see FieldSpec.since).
    since: int = 1
    _by_name: dict[str, FieldSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({f.name: f for f in self.fields})

    @property
    def table_name(self) -> str:
        return self.kind

    def field(self, name: str) -> FieldSpec:
        return self._by_name[name]

    def has_field(self, name: str) -> bool:
        return name in self._by_name

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def writable_fields(self) -> Iterator[FieldSpec]:
        """Fields a client may change after creation."""
        for spec in self.fields:
            if spec.policy not in (MergePolicy.SERVER_ONLY, MergePolicy.IMMUTABLE):
                yield spec

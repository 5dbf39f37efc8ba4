"""The entity registry: every kind of record that travels between server and
client, its fields, each field's merge policy and who may see it.

Server tables, cache tables, wire validation and the merge all read this one
declaration, so a later feature gets storage and sync by adding a kind here
(and a migration on each side).

Names follow SS 12000 where the two overlap (Person, Group, Activity,
CalendarEvent as `lesson`, Attendance, Absence as `absence_report`); codes are
English in the wire format and mapped to SS 12000's Swedish values at the
edges (import/export).
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


#: Columns every synced row has besides its fields. Not part of FieldSpec
#: because the server alone sets them.
META_COLUMNS = ("id", "created_at", "created_by", "modified_at", "modified_by", "seq", "deleted")

SECURITY_MARKINGS = ("none", "confidential", "protected_registration")
#: SS 12000 Code_SecurityMarking values, in the order of SECURITY_MARKINGS.
SS12000_SECURITY_MARKINGS = ("Ingen", "Sekretessmarkering", "Skyddad folkbokföring")

GROUP_TYPES = ("class", "teaching", "mentor", "other")
SS12000_GROUP_TYPES = ("Klass", "Undervisning", "Mentor", "Övrigt")

ACTIVITY_TYPES = ("teaching", "pupil_activity", "other")
SS12000_ACTIVITY_TYPES = ("Undervisning", "Elevaktivitet", "Övrigt")

ABSENCE_TYPES = ("reported_absence", "granted_leave")
SS12000_ABSENCE_TYPES = ("Anmäld frånvaro", "Beviljad ledighet")

#: Roll-call states; minutes per SS 12000 Attendance follow from these.
ATTENDANCE_STATUSES = (
    "present",
    "late",
    "left_early",
    "absent",  # invalid (ogiltig) absence
    "valid_absence",  # from a guardian's report or granted leave
    "other_activity",  # taking part in another school activity; not an absence
)

GRADES = ("A", "B", "C", "D", "E", "F", "-")
ASSESSMENT_TYPES = ("test", "assignment", "oral", "lab", "project", "other")
NOTE_CATEGORIES = ("observation", "extra_adjustment", "talk", "other")
NOTICE_STATES = ("queued", "sent", "failed", "cancelled")
CONFLICT_TYPES = ("notice", "needs_review", "text_both", "delete_vs_edit")
CONFLICT_STATES = ("open", "resolved", "acknowledged")

_S = MergePolicy.SERVER_ONLY
_I = MergePolicy.IMMUTABLE
_L = MergePolicy.LATEST_WINS
_R = MergePolicy.NEEDS_REVIEW
_T = MergePolicy.TEXT_MERGE


def _f(name: str, ftype: FieldType, policy: MergePolicy, **kw: object) -> FieldSpec:
    return FieldSpec(name, ftype, policy, **kw)  # type: ignore[arg-type]


U, S, T, N, B, D, DT, E = (
    FieldType.UUID,
    FieldType.STRING,
    FieldType.TEXT,
    FieldType.INT,
    FieldType.BOOL,
    FieldType.DATE,
    FieldType.DATETIME,
    FieldType.ENUM,
)

_ST = "status"

_REFERENCE = (
    EntitySpec(
        "school",
        (
            _f("name", S, _S, max_length=200),
            _f("school_unit_code", S, _S, nullable=True, max_length=20),
            _f("municipality", S, _S, nullable=True, max_length=100),
        ),
        Scope.SCHOOL,
        "A school unit (SS 12000 Organisation of type Skolenhet).",
    ),
    EntitySpec(
        "person",
        (
            _f("given_name", S, _S, max_length=100),
            _f("family_name", S, _S, max_length=100),
            _f("birth_date", D, _S, nullable=True),
            _f("security_marking", E, _S, choices=SECURITY_MARKINGS),
            _f("email", S, _S, nullable=True, max_length=200, contact=True),
            _f("phone", S, _S, nullable=True, max_length=40, contact=True),
            _f("street_address", S, _S, nullable=True, max_length=200, contact=True),
            _f("postal_code", S, _S, nullable=True, max_length=10, contact=True),
            _f("locality", S, _S, nullable=True, max_length=100, contact=True),
        ),
        Scope.PERSON,
        "A pupil, guardian or teacher (SS 12000 Person). Contact fields are "
        "blanked for protected-identity pupils and their guardians.",
    ),
    EntitySpec(
        "group",
        (
            _f("school_id", U, _S, ref="school"),
            _f("display_name", S, _S, max_length=100),
            _f("group_type", E, _S, choices=GROUP_TYPES),
            _f("school_year", N, _S, nullable=True, min_value=0, max_value=10),
            _f("start_date", D, _S),
            _f("end_date", D, _S, nullable=True),
        ),
        Scope.GROUP,
        "A class (klass) or teaching group (undervisningsgrupp).",
    ),
    EntitySpec(
        "group_membership",
        (
            _f("group_id", U, _S, ref="group"),
            _f("person_id", U, _S, ref="person"),
            _f("start_date", D, _S),
            _f("end_date", D, _S, nullable=True),
        ),
        Scope.GROUP_CHILD,
        "A pupil's dated membership of a group (both dates inclusive).",
    ),
    EntitySpec(
        "guardian_relation",
        (
            _f("pupil_id", U, _S, ref="person"),
            _f("guardian_id", U, _S, ref="person"),
            _f("relation_type", E, _S, choices=("guardian", "other_responsible")),
        ),
        Scope.PUPIL_CHILD,
        "A guardian (vårdnadshavare) of a pupil.",
    ),
    EntitySpec(
        "activity",
        (
            _f("school_id", U, _S, ref="school"),
            _f("display_name", S, _S, max_length=100),
            _f("subject_code", S, _S, nullable=True, max_length=20),
            _f("subject_name", S, _S, nullable=True, max_length=100),
            _f("activity_type", E, _S, choices=ACTIVITY_TYPES),
            _f("start_date", D, _S),
            _f("end_date", D, _S, nullable=True),
        ),
        Scope.ACTIVITY,
        "Teaching of a subject to one or more groups by one or more teachers.",
    ),
    EntitySpec(
        "activity_group",
        (
            _f("activity_id", U, _S, ref="activity"),
            _f("group_id", U, _S, ref="group"),
        ),
        Scope.ACTIVITY_CHILD,
        "A group taking part in an activity.",
    ),
    EntitySpec(
        "activity_teacher",
        (
            _f("activity_id", U, _S, ref="activity"),
            _f("teacher_id", U, _S, ref="person"),
            _f("grader", B, _S),
        ),
        Scope.ACTIVITY_CHILD,
        "A teacher of an activity; two rows for one activity is co-teaching.",
    ),
    EntitySpec(
        "lesson",
        (
            _f("activity_id", U, _S, ref="activity"),
            _f("start_time", DT, _S),
            _f("end_time", DT, _S),
            _f("room", S, _S, nullable=True, max_length=50),
            _f("cancelled", B, _S),
            _f("comment", S, _S, nullable=True, max_length=500),
        ),
        Scope.ACTIVITY_CHILD,
        "A scheduled lesson (SS 12000 CalendarEvent).",
    ),
    EntitySpec(
        "absence_report",
        (
            _f("pupil_id", U, _S, ref="person"),
            _f("absence_type", E, _S, choices=ABSENCE_TYPES),
            _f("start_time", DT, _S),
            _f("end_time", DT, _S),
            _f("reported_by_name", S, _S, nullable=True, max_length=200),
            _f("reported_at", DT, _S),
        ),
        Scope.PUPIL_CHILD,
        "A guardian's report of absence or leave granted in advance (SS 12000 Absence). "
        "Read-only input to the roll call.",
    ),
    EntitySpec(
        "absence_notice",
        (
            _f("pupil_id", U, _S, ref="person"),
            _f("notice_date", D, _S),
            _f("state", E, _S, choices=NOTICE_STATES),
            _f("attempts", N, _S, min_value=0),
            _f("sent_at", DT, _S, nullable=True),
            _f("last_error", S, _S, nullable=True, max_length=500),
        ),
        Scope.PUPIL_CHILD,
        "The same-day notice to guardians of an invalid absence (skollagen 7:17).",
    ),
)

_TEACHER_OWNED = (
    EntitySpec(
        "lesson_registration",
        (
            _f("lesson_id", U, _I, ref="lesson"),
            _f("activity_id", U, _I, ref="activity"),
            _f("registered", B, _L),
        ),
        Scope.ACTIVITY_CHILD,
        "Whether a lesson's roll call has been taken.",
        client_writable=True,
        natural_key=("lesson_id",),
    ),
    EntitySpec(
        "attendance",
        (
            _f("lesson_id", U, _I, ref="lesson"),
            _f("pupil_id", U, _I, ref="person"),
            _f("activity_id", U, _I, ref="activity"),
            _f("status", E, _L, choices=ATTENDANCE_STATUSES),
            _f("late_minutes", N, _L, nullable=True, min_value=0, max_value=600, detail_of=_ST),
            _f(
                "left_early_minutes",
                N,
                _L,
                nullable=True,
                min_value=0,
                max_value=600,
                detail_of=_ST,
            ),
            _f("comment", S, _L, nullable=True, max_length=200),
            _f("absence_report_id", U, _L, nullable=True, ref="absence_report"),
        ),
        Scope.ACTIVITY_PUPIL,
        "One pupil's attendance at one lesson (SS 12000 Attendance).",
        client_writable=True,
        natural_key=("lesson_id", "pupil_id"),
    ),
    EntitySpec(
        "planning_unit",
        (
            _f("activity_id", U, _I, ref="activity"),
            _f("title", S, _T, max_length=200),
            _f("aims", T, _T, max_length=20000),
            _f("central_content", T, _T, max_length=20000),
            _f("assessment_criteria", T, _T, max_length=20000),
            _f("start_date", D, _L, nullable=True),
            _f("end_date", D, _L, nullable=True),
        ),
        Scope.ACTIVITY_CHILD,
        "A unit plan (LPP, lokal pedagogisk planering).",
        client_writable=True,
        client_deletable=True,
        delete_needs_review=True,
    ),
    EntitySpec(
        "lesson_plan",
        (
            _f("lesson_id", U, _I, ref="lesson"),
            _f("activity_id", U, _I, ref="activity"),
            _f("planning_unit_id", U, _L, nullable=True, ref="planning_unit"),
            _f("content", T, _T, max_length=20000),
            _f("homework", T, _T, max_length=5000),
        ),
        Scope.ACTIVITY_CHILD,
        "What a lesson will cover.",
        client_writable=True,
        client_deletable=True,
        delete_needs_review=True,
        natural_key=("lesson_id",),
    ),
    EntitySpec(
        "assessment",
        (
            _f("activity_id", U, _I, ref="activity"),
            _f("title", S, _T, max_length=200),
            _f("description", T, _T, max_length=20000),
            _f("assessment_type", E, _L, choices=ASSESSMENT_TYPES),
            _f("assessment_date", D, _L, nullable=True),
            _f("planning_unit_id", U, _L, nullable=True, ref="planning_unit"),
        ),
        Scope.ACTIVITY_CHILD,
        "A test, assignment or other assessment task.",
        client_writable=True,
        client_deletable=True,
        delete_needs_review=True,
    ),
    EntitySpec(
        "assessment_result",
        (
            _f("assessment_id", U, _I, ref="assessment"),
            _f("pupil_id", U, _I, ref="person"),
            _f("activity_id", U, _I, ref="activity"),
            _f("grade", E, _R, nullable=True, choices=GRADES),
            _f("comment", T, _T, max_length=5000),
        ),
        Scope.ACTIVITY_PUPIL,
        "One pupil's result on an assessment.",
        client_writable=True,
        client_deletable=True,
        delete_needs_review=True,
        natural_key=("assessment_id", "pupil_id"),
    ),
    EntitySpec(
        "pupil_note",
        (
            _f("pupil_id", U, _I, ref="person"),
            _f("activity_id", U, _I, ref="activity"),
            _f("category", E, _L, choices=NOTE_CATEGORIES),
            _f("body", T, _T, max_length=20000),
        ),
        Scope.ACTIVITY_PUPIL,
        "A teacher's documentation about a pupil (observations, extra anpassningar).",
        client_writable=True,
        client_deletable=True,
        delete_needs_review=True,
    ),
    EntitySpec(
        "term_grade",
        (
            _f("pupil_id", U, _I, ref="person"),
            _f("activity_id", U, _I, ref="activity"),
            _f("term", S, _I, max_length=6),
            _f("grade", E, _R, nullable=True, choices=GRADES),
        ),
        Scope.ACTIVITY_PUPIL,
        "A term grade (terminsbetyg) in the activity's subject, e.g. term HT2026.",
        client_writable=True,
        client_deletable=True,
        delete_needs_review=True,
        natural_key=("activity_id", "pupil_id", "term"),
    ),
    EntitySpec(
        "sync_conflict",
        (
            _f("record_kind", S, _S, max_length=40),
            _f("record_id", U, _S),
            _f("field_name", S, _S, nullable=True, max_length=60),
            _f("conflict_type", E, _S, choices=CONFLICT_TYPES),
            _f("activity_id", U, _S, ref="activity"),
            _f("pupil_id", U, _S, nullable=True, ref="person"),
            _f("current_value", T, _S, nullable=True, max_length=40000),
            _f("current_by", U, _S, nullable=True, ref="person"),
            _f("current_at", DT, _S, nullable=True),
            _f("rival_value", T, _S, nullable=True, max_length=40000),
            _f("rival_by", U, _S, nullable=True, ref="person"),
            _f("rival_at", DT, _S, nullable=True),
            _f("addressed_to", U, _S, nullable=True, ref="person"),
            _f("state", E, _L, choices=CONFLICT_STATES),
            _f("resolved_value", T, _L, nullable=True, max_length=40000),
        ),
        Scope.ACTIVITY_PUPIL,
        "An edit the server could not settle alone, or a notice that one was settled. "
        "Values are JSON text. A teacher resolves it by writing state and resolved_value.",
        client_writable=True,
    ),
)

REGISTRY: dict[str, EntitySpec] = {spec.kind: spec for spec in (*_REFERENCE, *_TEACHER_OWNED)}

#: Pull order: a kind comes after the kinds its references point at, so a
#: client applying a page in this order never holds a dangling reference.
KIND_ORDER: tuple[str, ...] = tuple(REGISTRY)


def entity(kind: str) -> EntitySpec:
    """The spec of a kind; KeyError for an unknown kind."""
    return REGISTRY[kind]


def client_writable_kinds() -> tuple[str, ...]:
    return tuple(kind for kind, spec in REGISTRY.items() if spec.client_writable)

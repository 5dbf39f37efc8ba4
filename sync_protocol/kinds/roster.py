"""The school's roster and timetable: reference data the server keeps
(imports, SS 12000); clients only read it."""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import DT, SERVER, B, D, E, N, S, U, f
from sync_protocol.vocabularies import ACTIVITY_TYPES, GROUP_TYPES, SECURITY_MARKINGS

SCHOOL = EntitySpec(
    "school",
    (
        f("name", S, SERVER, max_length=200),
        f("school_unit_code", S, SERVER, nullable=True, max_length=20),
        f("municipality", S, SERVER, nullable=True, max_length=100),
    ),
    Scope.SCHOOL,
    "A school unit (SS 12000 Organisation of type Skolenhet).",
)

PERSON = EntitySpec(
    "person",
    (
        f("given_name", S, SERVER, max_length=100),
        f("family_name", S, SERVER, max_length=100),
        f("birth_date", D, SERVER, nullable=True),
        f("security_marking", E, SERVER, choices=SECURITY_MARKINGS),
        f("email", S, SERVER, nullable=True, max_length=200, contact=True),
        f("phone", S, SERVER, nullable=True, max_length=40, contact=True),
        f("street_address", S, SERVER, nullable=True, max_length=200, contact=True),
        f("postal_code", S, SERVER, nullable=True, max_length=10, contact=True),
        f("locality", S, SERVER, nullable=True, max_length=100, contact=True),
    ),
    Scope.PERSON,
    "A pupil, guardian or teacher (SS 12000 Person). Contact fields are "
    "blanked for protected-identity pupils and their guardians.",
)

GROUP = EntitySpec(
    "group",
    (
        f("school_id", U, SERVER, ref="school"),
        f("display_name", S, SERVER, max_length=100),
        f("group_type", E, SERVER, choices=GROUP_TYPES),
        f("school_year", N, SERVER, nullable=True, min_value=0, max_value=10),
        f("start_date", D, SERVER),
        f("end_date", D, SERVER, nullable=True),
    ),
    Scope.GROUP,
    "A class (klass) or teaching group (undervisningsgrupp).",
)

GROUP_MEMBERSHIP = EntitySpec(
    "group_membership",
    (
        f("group_id", U, SERVER, ref="group"),
        f("person_id", U, SERVER, ref="person"),
        f("start_date", D, SERVER),
        f("end_date", D, SERVER, nullable=True),
    ),
    Scope.GROUP_CHILD,
    "A pupil's dated membership of a group (both dates inclusive).",
)

GUARDIAN_RELATION = EntitySpec(
    "guardian_relation",
    (
        f("pupil_id", U, SERVER, ref="person"),
        f("guardian_id", U, SERVER, ref="person"),
        f("relation_type", E, SERVER, choices=("guardian", "other_responsible")),
    ),
    Scope.PUPIL_CHILD,
    "A guardian (vårdnadshavare) of a pupil.",
)

ACTIVITY = EntitySpec(
    "activity",
    (
        f("school_id", U, SERVER, ref="school"),
        f("display_name", S, SERVER, max_length=100),
        f("subject_code", S, SERVER, nullable=True, max_length=20),
        f("subject_name", S, SERVER, nullable=True, max_length=100),
        f("activity_type", E, SERVER, choices=ACTIVITY_TYPES),
        f("start_date", D, SERVER),
        f("end_date", D, SERVER, nullable=True),
    ),
    Scope.ACTIVITY,
    "Teaching of a subject to one or more groups by one or more teachers.",
)

ACTIVITY_GROUP = EntitySpec(
    "activity_group",
    (
        f("activity_id", U, SERVER, ref="activity"),
        f("group_id", U, SERVER, ref="group"),
    ),
    Scope.ACTIVITY_CHILD,
    "A group taking part in an activity.",
)

ACTIVITY_TEACHER = EntitySpec(
    "activity_teacher",
    (
        f("activity_id", U, SERVER, ref="activity"),
        f("teacher_id", U, SERVER, ref="person"),
        f("grader", B, SERVER),
    ),
    Scope.ACTIVITY_CHILD,
    "A teacher of an activity; two rows for one activity is co-teaching.",
)

LESSON = EntitySpec(
    "lesson",
    (
        f("activity_id", U, SERVER, ref="activity"),
        f("start_time", DT, SERVER),
        f("end_time", DT, SERVER),
        f("room", S, SERVER, nullable=True, max_length=50),
        f("cancelled", B, SERVER),
        f("comment", S, SERVER, nullable=True, max_length=500),
    ),
    Scope.ACTIVITY_CHILD,
    "A scheduled lesson (SS 12000 CalendarEvent).",
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (
    SCHOOL,
    PERSON,
    GROUP,
    GROUP_MEMBERSHIP,
    GUARDIAN_RELATION,
    ACTIVITY,
    ACTIVITY_GROUP,
    ACTIVITY_TEACHER,
    LESSON,
)

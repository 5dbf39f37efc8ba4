"""Attendance: guardians' absence reports and notices (kept by the server) and
the roll call (teacher-owned)."""

from __future__ import annotations

from sync_protocol.entity_types import EntitySpec, Scope
from sync_protocol.kinds._declare import DT, IMMUT, LATEST, SERVER, B, D, E, N, S, U, f
from sync_protocol.vocabularies import ABSENCE_TYPES, ATTENDANCE_STATUSES, NOTICE_STATES

#: The field the minutes qualify (FieldSpec.detail_of).
STATUS = "status"


ABSENCE_REPORT = EntitySpec(
    "absence_report",
    (
        f("pupil_id", U, SERVER, ref="person"),
        f("absence_type", E, SERVER, choices=ABSENCE_TYPES),
        f("start_time", DT, SERVER),
        f("end_time", DT, SERVER),
        f("reported_by_name", S, SERVER, nullable=True, max_length=200),
        f("reported_at", DT, SERVER),
    ),
    Scope.PUPIL_CHILD,
    "A guardian's report of absence or leave granted in advance (SS 12000 Absence). "
    "Read-only input to the roll call.",
)

ABSENCE_NOTICE = EntitySpec(
    "absence_notice",
    (
        f("pupil_id", U, SERVER, ref="person"),
        f("notice_date", D, SERVER),
        f("state", E, SERVER, choices=NOTICE_STATES),
        f("attempts", N, SERVER, min_value=0),
        f("sent_at", DT, SERVER, nullable=True),
        f("last_error", S, SERVER, nullable=True, max_length=500),
    ),
    Scope.PUPIL_CHILD,
    "The same-day notice to guardians of an invalid absence (skollagen 7:17).",
)

LESSON_REGISTRATION = EntitySpec(
    "lesson_registration",
    (
        f("lesson_id", U, IMMUT, ref="lesson"),
        f("activity_id", U, IMMUT, ref="activity"),
        f("registered", B, LATEST),
    ),
    Scope.ACTIVITY_CHILD,
    "Whether a lesson's roll call has been taken.",
    client_writable=True,
    natural_key=("lesson_id",),
)

ATTENDANCE = EntitySpec(
    "attendance",
    (
        f("lesson_id", U, IMMUT, ref="lesson"),
        f("pupil_id", U, IMMUT, ref="person"),
        f("activity_id", U, IMMUT, ref="activity"),
        f("status", E, LATEST, choices=ATTENDANCE_STATUSES),
        f("late_minutes", N, LATEST, nullable=True, min_value=0, max_value=600, detail_of=STATUS),
        f(
            "left_early_minutes",
            N,
            LATEST,
            nullable=True,
            min_value=0,
            max_value=600,
            detail_of=STATUS,
        ),
        f("comment", S, LATEST, nullable=True, max_length=200),
        f("absence_report_id", U, LATEST, nullable=True, ref="absence_report"),
    ),
    Scope.ACTIVITY_PUPIL,
    "One pupil's attendance at one lesson (SS 12000 Attendance).",
    client_writable=True,
    natural_key=("lesson_id", "pupil_id"),
)


#: In pull order: a kind after the kinds it points at.
KINDS: tuple[EntitySpec, ...] = (
    ABSENCE_REPORT,
    ABSENCE_NOTICE,
    LESSON_REGISTRATION,
    ATTENDANCE,
)

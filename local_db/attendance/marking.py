"""Taking the roll: every mark is a local_db.edits.save_record in the caller's
write transaction (Cache.begin()), so it is saved at once and queued for the
server with the lesson's registration.

    with cache.begin() as conn:
        mark_pupil(conn, lesson_id, pupil_id, Mark(LATE, minutes=7), actor=me)

What is refused (RollCallRefused, nothing written): a cancelled lesson, a
pupil not in the lesson's groups on its day, minutes outside the lesson, a
comment on a pupil not yet marked. The UI turns the reason into words.

Nothing is written that the teacher did not set. A guardian's report is
shown as a valid absence and counted as one while the pupil is unmarked,
but never saved as a mark by itself: a co-teacher may have marked the
pupil meanwhile, and an automatic write would win over their mark when the
two meet on the server (the later edit wins).
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from local_db.attendance.roll_call import LessonFacts, lesson_facts
from local_db.attendance.views import ABSENT, LATE, PRESENT, STATES_WITH_MINUTES, VALID_ABSENCE
from local_db.edits import save_record
from local_db.schema import synced
from sync_protocol import ids
from sync_protocol.entities import ATTENDANCE_STATUSES, entity

attendance = synced["attendance"]

#: The longest comment the registry allows (attendance.comment).
COMMENT_MAX_LENGTH = entity("attendance").field("comment").max_length or 200


class Refusal(enum.Enum):
    UNKNOWN_LESSON = "unknown_lesson"
    LESSON_CANCELLED = "lesson_cancelled"
    NOT_IN_GROUP = "not_in_group"
    MINUTES_OUT_OF_RANGE = "minutes_out_of_range"
    NOT_MARKED = "not_marked"
    COMMENT_TOO_LONG = "comment_too_long"
    UNKNOWN_STATE = "unknown_state"


class RollCallRefused(ValueError):
    """A mark that cannot be saved; nothing was written. `limit` is the
    lesson's length for MINUTES_OUT_OF_RANGE, the longest comment for
    COMMENT_TOO_LONG."""

    def __init__(self, reason: Refusal, limit: int | None = None) -> None:
        super().__init__(f"roll call refused: {reason.value}" + (f" ({limit})" if limit else ""))
        self.reason = reason
        self.limit = limit


@dataclass(frozen=True)
class Mark:
    status: str
    #: How late (LATE) or how early the pupil left (LEFT_EARLY).
    minutes: int | None = None


def check_minutes(minutes: int | None, lesson_minutes: int) -> int:
    """Minutes must lie within the lesson: 1 up to its length."""
    if minutes is None or not 1 <= minutes <= lesson_minutes:
        raise RollCallRefused(Refusal.MINUTES_OUT_OF_RANGE, lesson_minutes)
    return minutes


def _mark_fields(mark: Mark, lesson_minutes: int) -> dict[str, Any]:
    if mark.status not in ATTENDANCE_STATUSES:
        raise RollCallRefused(Refusal.UNKNOWN_STATE)
    late = left = None
    if mark.status in STATES_WITH_MINUTES:
        minutes = check_minutes(mark.minutes, lesson_minutes)
        late, left = (minutes, None) if mark.status == LATE else (None, minutes)
    # A state's minutes only: switching from late to present forgets the
    # minutes, so statistics never count minutes of a state no longer set.
    return {"status": mark.status, "late_minutes": late, "left_early_minutes": left}


def _open_lesson(conn: Connection, lesson_id: uuid.UUID) -> LessonFacts:
    facts = lesson_facts(conn, lesson_id)
    if facts is None:
        raise RollCallRefused(Refusal.UNKNOWN_LESSON)
    if facts.cancelled:
        raise RollCallRefused(Refusal.LESSON_CANCELLED)
    return facts


def _marked_pupils(conn: Connection, lesson_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        conn.scalars(
            select(attendance.c.pupil_id).where(
                attendance.c.lesson_id == lesson_id, attendance.c.deleted.is_(False)
            )
        )
    )


def _save(
    conn: Connection,
    facts: LessonFacts,
    pupil_id: uuid.UUID,
    changes: dict[str, Any],
    actor: uuid.UUID | None,
    *,
    weak: bool = False,
) -> None:
    record = ids.attendance_id(facts.id, pupil_id)
    exists = conn.execute(select(attendance.c.id).where(attendance.c.id == record)).first()
    if exists is None:
        changes = {
            "lesson_id": facts.id,
            "pupil_id": pupil_id,
            "activity_id": facts.activity_id,
            **changes,
        }
    save_record(conn, "attendance", record, changes, actor=actor, weak=weak)


def _register(conn: Connection, facts: LessonFacts, actor: uuid.UUID | None) -> None:
    """The roll call has been taken (SS 12000: the lesson is reported).
    An unchanged registration writes nothing, so later marks add no ops."""
    save_record(
        conn,
        "lesson_registration",
        ids.lesson_registration_id(facts.id),
        {"lesson_id": facts.id, "activity_id": facts.activity_id, "registered": True},
        actor=actor,
    )


def mark_pupil(
    conn: Connection,
    lesson_id: uuid.UUID,
    pupil_id: uuid.UUID,
    mark: Mark,
    *,
    actor: uuid.UUID | None,
) -> None:
    """Set one pupil's state; the lesson counts as registered from now on."""
    facts = _open_lesson(conn, lesson_id)
    if pupil_id not in facts.members:
        raise RollCallRefused(Refusal.NOT_IN_GROUP)
    fields = _mark_fields(mark, facts.minutes)
    report = facts.reports.get(pupil_id)
    # Marked with the report in view: the teacher has seen it.
    fields["absence_report_id"] = report.id if report is not None else None
    _save(conn, facts, pupil_id, fields, actor)
    _register(conn, facts, actor)


def mark_unmarked_present(
    conn: Connection, lesson_id: uuid.UUID, *, actor: uuid.UUID | None
) -> int:
    """Everyone not yet marked is present, except pupils a guardian's report
    or granted leave covers: they stay unmarked, which counts as valid
    absence. Marks already set are never touched. Returns how many were
    marked present."""
    facts = _open_lesson(conn, lesson_id)
    marked = _marked_pupils(conn, lesson_id)
    count = 0
    for pupil_id in facts.members:
        if pupil_id in marked or pupil_id in facts.reports:
            continue
        # A default, not a choice: offline it must not beat a co-teacher's
        # mark this computer has not seen yet (PushOp.weak).
        _save(
            conn, facts, pupil_id, {"status": PRESENT, "absence_report_id": None}, actor, weak=True
        )
        count += 1
    _register(conn, facts, actor)
    return count


def answer_report(
    conn: Connection,
    lesson_id: uuid.UUID,
    pupil_id: uuid.UUID,
    report_id: uuid.UUID,
    *,
    accept: bool,
    actor: uuid.UUID | None,
) -> None:
    """A guardian's report came after the pupil was marked invalidly absent.
    Accept: valid absence. Keep: stays invalid; either way the report is
    linked so the question is not asked again."""
    facts = _open_lesson(conn, lesson_id)
    if pupil_id not in facts.members:
        raise RollCallRefused(Refusal.NOT_IN_GROUP)
    if pupil_id not in _marked_pupils(conn, lesson_id):
        raise RollCallRefused(Refusal.NOT_MARKED)
    fields: dict[str, Any] = {"absence_report_id": report_id}
    if accept:
        fields.update(status=VALID_ABSENCE, late_minutes=None, left_early_minutes=None)
    else:
        fields["status"] = ABSENT
    _save(conn, facts, pupil_id, fields, actor)


def set_comment(
    conn: Connection,
    lesson_id: uuid.UUID,
    pupil_id: uuid.UUID,
    comment: str,
    *,
    actor: uuid.UUID | None,
) -> None:
    """A short note on a marked pupil ("forgot the book"); empty removes it."""
    facts = _open_lesson(conn, lesson_id)
    if pupil_id not in facts.members:
        raise RollCallRefused(Refusal.NOT_IN_GROUP)
    text = " ".join(comment.split())
    if len(text) > COMMENT_MAX_LENGTH:
        raise RollCallRefused(Refusal.COMMENT_TOO_LONG, COMMENT_MAX_LENGTH)
    if pupil_id not in _marked_pupils(conn, lesson_id):
        raise RollCallRefused(Refusal.NOT_MARKED)
    _save(conn, facts, pupil_id, {"comment": text or None}, actor)

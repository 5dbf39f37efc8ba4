"""Deterministic ids for records with a natural key.

Two teachers who mark the same pupil in the same lesson offline create the
same attendance id, so their edits meet in one record instead of two.
"""

from __future__ import annotations

import uuid

#: Fixed namespace for Klassbok's name-based UUIDs. Never change it: every
#: stored attendance, result and grade id depends on it.
KLASSBOK_NAMESPACE = uuid.UUID("6f1d8a52-3c1e-4f6b-9d51-7b0c2f4e8a10")


def natural_id(kind: str, *parts: uuid.UUID | str) -> uuid.UUID:
    """A UUIDv5 from the kind and the natural key's parts, in order."""
    name = kind + "/" + "/".join(str(part) for part in parts)
    return uuid.uuid5(KLASSBOK_NAMESPACE, name)


def attendance_id(lesson_id: uuid.UUID, pupil_id: uuid.UUID) -> uuid.UUID:
    return natural_id("attendance", lesson_id, pupil_id)


def lesson_registration_id(lesson_id: uuid.UUID) -> uuid.UUID:
    return natural_id("lesson_registration", lesson_id)


def lesson_plan_id(lesson_id: uuid.UUID) -> uuid.UUID:
    return natural_id("lesson_plan", lesson_id)


def assessment_result_id(assessment_id: uuid.UUID, pupil_id: uuid.UUID) -> uuid.UUID:
    return natural_id("assessment_result", assessment_id, pupil_id)


def term_grade_id(activity_id: uuid.UUID, pupil_id: uuid.UUID, term: str) -> uuid.UUID:
    return natural_id("term_grade", activity_id, pupil_id, term)


def absence_notice_id(pupil_id: uuid.UUID, day: object) -> uuid.UUID:
    """At most one same-day notice per pupil and day: the id says so."""
    return natural_id("absence_notice", pupil_id, str(day))


def curriculum_subject_id(code: str, version: int) -> uuid.UUID:
    """One row per subject version: importing the same version again meets it."""
    return natural_id("curriculum_subject", code, str(version))


def curriculum_item_id(
    code: str,
    version: int,
    *,
    item_kind: str,
    year: str,
    variant: str | None,
    grade_step: str | None,
    position: int,
) -> uuid.UUID:
    """A catalogue item's id from where it stands in its subject version."""
    return natural_id(
        "curriculum_item",
        code,
        str(version),
        item_kind,
        year,
        variant or "-",
        grade_step or "-",
        str(position),
    )

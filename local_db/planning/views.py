"""What the planning page shows: frozen dataclasses, never ORM rows."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from local_db.views import LessonView
from sync_protocol.planning_documents import DRAFT, CurriculumPicks, Link


@dataclass(frozen=True)
class TeachingActivity:
    """One of the teacher's activities: a group (or groups) and a subject."""

    id: uuid.UUID
    name: str
    subject_code: str | None
    subject_name: str | None
    group_names: tuple[str, ...]


@dataclass(frozen=True)
class UnitSummary:
    id: uuid.UUID
    activity_id: uuid.UUID
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    status: str
    plan_count: int


@dataclass(frozen=True)
class PickedItem:
    id: uuid.UUID
    item_kind: str
    year: str
    grade_step: str | None
    heading: str
    position: int
    text: str


@dataclass(frozen=True)
class LinkedAssessment:
    id: uuid.UUID
    title: str
    assessment_date: dt.date | None
    linked: bool


@dataclass(frozen=True)
class UnitDetail:
    id: uuid.UUID
    activity_id: uuid.UUID
    title: str
    aims: str
    central_content: str
    assessment_criteria: str
    start_date: dt.date | None
    end_date: dt.date | None
    status: str = DRAFT
    picks: CurriculumPicks | None = None
    picked: tuple[PickedItem, ...] = ()
    #: The catalogue's credit for the picks' subject version ("Skolverket").
    source: str | None = None
    subject_name: str | None = None
    #: The activity's assessments, those of this unit marked `linked`.
    assessments: tuple[LinkedAssessment, ...] = ()


@dataclass(frozen=True)
class PlanView:
    id: uuid.UUID
    lesson_id: uuid.UUID
    activity_id: uuid.UUID
    planning_unit_id: uuid.UUID | None
    unit_title: str | None
    content: str
    homework: str
    links: tuple[Link, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.content.strip() or self.homework.strip() or self.links)


@dataclass(frozen=True)
class WeekLesson:
    lesson: LessonView
    plan: PlanView | None


@dataclass(frozen=True)
class UnitLesson:
    """One lesson of a unit, in order: its number in the unit and its plan."""

    number: int
    lesson_id: uuid.UUID
    start_time: dt.datetime
    cancelled: bool
    content: str

"""What the planning page reads, in one go on the DB worker."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import Connection

from desktop import local_time
from local_db import repositories
from local_db.curriculum.catalogue import CatalogueSubject, catalogue_subjects
from local_db.planning import reads
from local_db.planning.views import (
    TeachingActivity,
    UnitDetail,
    UnitLesson,
    UnitSummary,
    WeekLesson,
)


@dataclass(frozen=True)
class PlanningData:
    synced: bool
    week: list[WeekLesson]
    activities: list[TeachingActivity]
    #: Units of the chosen activity and of the week's, by activity.
    units: dict[uuid.UUID, list[UnitSummary]] = field(default_factory=dict)
    activity_id: uuid.UUID | None = None
    detail: UnitDetail | None = None
    unit_lessons: list[UnitLesson] = field(default_factory=list)
    subjects: list[CatalogueSubject] = field(default_factory=list)


def load_planning(
    conn: Connection,
    teacher: uuid.UUID | None,
    monday: dt.date,
    chosen: uuid.UUID | None,
    unit_id: uuid.UUID | None,
) -> PlanningData:
    """The week of `monday`, the teacher's activities and units, the chosen unit."""
    synced = repositories.sync_status(conn).has_synced_once
    if teacher is None:
        return PlanningData(synced, [], [])
    start, end = local_time.day_bounds_utc(monday, 7)
    week = reads.week_lessons(conn, start, end, teacher)
    activities = reads.teaching_activities(conn, teacher)
    ids = [a.id for a in activities]
    pick = chosen if chosen in ids else (ids[0] if ids else None)
    # Units of the chosen group (the units tab) and of the week's groups (a
    # plan's unit choice): not of every group the teacher has ever taught.
    wanted = {pick} | {item.lesson.activity_id for item in week}
    units = {a: reads.units_of_activity(conn, a) for a in ids if a in wanted}
    detail = reads.unit_detail(conn, unit_id) if unit_id else None
    lessons = reads.unit_lessons(conn, detail.id) if detail else []
    subjects = catalogue_subjects(conn)
    return PlanningData(synced, week, activities, units, pick, detail, lessons, subjects)

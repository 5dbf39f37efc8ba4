"""Reads for the planning page: one short query or a few per call."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, func, select

from local_db.collation import swedish_key
from local_db.curriculum.catalogue import item_table, subject_table
from local_db.planning.views import (
    LinkedAssessment,
    PickedItem,
    PlanView,
    TeachingActivity,
    UnitDetail,
    UnitLesson,
    UnitSummary,
    WeekLesson,
)
from local_db.repositories._common import (
    activity,
    activity_group,
    activity_teacher,
    group,
    lesson,
    live,
)
from local_db.repositories.timetable import lessons_between
from local_db.schema import synced
from sync_protocol.planning_documents import (
    DRAFT,
    PlanningDocumentError,
    parse_links,
    parse_picks,
)

unit_table = synced["planning_unit"]
plan_table = synced["lesson_plan"]
assessment_table = synced["assessment"]

_PLANS_OF_LESSONS = (
    select(
        plan_table.c.id,
        plan_table.c.lesson_id,
        plan_table.c.activity_id,
        plan_table.c.planning_unit_id,
        plan_table.c.content,
        plan_table.c.homework,
        plan_table.c.links,
        unit_table.c.title,
    )
    .select_from(
        plan_table.outerjoin(
            unit_table,
            (unit_table.c.id == plan_table.c.planning_unit_id) & live(unit_table),
        )
    )
    .where(plan_table.c.lesson_id.in_(bindparam("lesson_ids", expanding=True)), live(plan_table))
)


def _plan(row: object) -> PlanView:
    try:
        links = parse_links(row.links or "")  # type: ignore[attr-defined]
    except PlanningDocumentError:
        links = ()  # a stored value is shown as far as it can be, never refused here
    return PlanView(
        id=row.id,  # type: ignore[attr-defined]
        lesson_id=row.lesson_id,  # type: ignore[attr-defined]
        activity_id=row.activity_id,  # type: ignore[attr-defined]
        planning_unit_id=row.planning_unit_id,  # type: ignore[attr-defined]
        unit_title=row.title,  # type: ignore[attr-defined]
        content=row.content or "",  # type: ignore[attr-defined]
        homework=row.homework or "",  # type: ignore[attr-defined]
        links=links,
    )


def plans_of_lessons(
    conn: Connection, lesson_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PlanView]:
    """{lesson id: its plan} for the lessons that have one."""
    found: dict[uuid.UUID, PlanView] = {}
    ids = list(lesson_ids)
    for start in range(0, len(ids), 500):
        for row in conn.execute(_PLANS_OF_LESSONS, {"lesson_ids": ids[start : start + 500]}):
            found[row.lesson_id] = _plan(row)
    return found


def week_lessons(
    conn: Connection, start: dt.datetime, end: dt.datetime, teacher_id: uuid.UUID
) -> list[WeekLesson]:
    """The teacher's lessons in [start, end) with their plans, by start time."""
    lessons = lessons_between(conn, start, end, teacher_id, only_mine=True)
    plans = plans_of_lessons(conn, [item.id for item in lessons]) if lessons else {}
    return [WeekLesson(item, plans.get(item.id)) for item in lessons]


def teaching_activities(conn: Connection, teacher_id: uuid.UUID) -> list[TeachingActivity]:
    """The activities the teacher teaches, by name."""
    rows = conn.execute(
        select(
            activity.c.id, activity.c.display_name, activity.c.subject_code, activity.c.subject_name
        )
        .select_from(
            activity.join(activity_teacher, activity_teacher.c.activity_id == activity.c.id)
        )
        .where(activity_teacher.c.teacher_id == teacher_id, live(activity_teacher), live(activity))
        .distinct()
    ).all()
    groups: dict[uuid.UUID, list[str]] = {}
    if rows:
        for activity_id, name in conn.execute(
            select(activity_group.c.activity_id, group.c.display_name)
            .select_from(activity_group.join(group, group.c.id == activity_group.c.group_id))
            .where(
                activity_group.c.activity_id.in_([row.id for row in rows]),
                live(activity_group),
                live(group),
            )
        ):
            groups.setdefault(activity_id, []).append(name)
    found = [
        TeachingActivity(
            id=row.id,
            name=row.display_name,
            subject_code=row.subject_code,
            subject_name=row.subject_name,
            group_names=tuple(sorted(groups.get(row.id, []), key=swedish_key)),
        )
        for row in rows
    ]
    return sorted(found, key=lambda a: swedish_key(a.name))


def units_of_activity(conn: Connection, activity_id: uuid.UUID) -> list[UnitSummary]:
    """The activity's units, by start date (undated last), then title."""
    counts: dict[uuid.UUID | None, int] = dict(
        conn.execute(
            select(plan_table.c.planning_unit_id, func.count())
            .where(plan_table.c.activity_id == activity_id, live(plan_table))
            .group_by(plan_table.c.planning_unit_id)
        ).all()
    )
    rows = conn.execute(
        select(unit_table).where(unit_table.c.activity_id == activity_id, live(unit_table))
    ).mappings()
    units = [
        UnitSummary(
            id=row["id"],
            activity_id=row["activity_id"],
            title=row["title"],
            start_date=row["start_date"],
            end_date=row["end_date"],
            status=row["status"] or DRAFT,
            plan_count=int(counts.get(row["id"], 0)),
        )
        for row in rows
    ]
    return sorted(
        units,
        key=lambda u: (u.start_date is None, u.start_date or dt.date.min, swedish_key(u.title)),
    )


def unit_detail(conn: Connection, unit_id: uuid.UUID) -> UnitDetail | None:
    row = (
        conn.execute(select(unit_table).where(unit_table.c.id == unit_id, live(unit_table)))
        .mappings()
        .first()
    )
    if row is None:
        return None
    try:
        picks = parse_picks(row["curriculum"] or "")
    except PlanningDocumentError:
        picks = None
    picked: tuple[PickedItem, ...] = ()
    source = subject_name = None
    if picks is not None:
        found = {item.id: item for item in catalogue_items_by_id(conn, picks.items)}
        picked = tuple(found[item] for item in picks.items if item in found)
        subject = conn.execute(
            select(subject_table.c.name, subject_table.c.source).where(
                subject_table.c.code == picks.subject,
                subject_table.c.version == picks.version,
                live(subject_table),
            )
        ).first()
        if subject is not None:
            subject_name, source = subject.name, subject.source
    assessments = tuple(
        LinkedAssessment(a.id, a.title, a.assessment_date, a.planning_unit_id == unit_id)
        for a in conn.execute(
            select(
                assessment_table.c.id,
                assessment_table.c.title,
                assessment_table.c.assessment_date,
                assessment_table.c.planning_unit_id,
            )
            .where(assessment_table.c.activity_id == row["activity_id"], live(assessment_table))
            .order_by(assessment_table.c.assessment_date, assessment_table.c.title)
        )
    )
    return UnitDetail(
        id=row["id"],
        activity_id=row["activity_id"],
        title=row["title"],
        aims=row["aims"] or "",
        central_content=row["central_content"] or "",
        assessment_criteria=row["assessment_criteria"] or "",
        start_date=row["start_date"],
        end_date=row["end_date"],
        status=row["status"] or DRAFT,
        picks=picks,
        picked=picked,
        source=source,
        subject_name=subject_name,
        assessments=assessments,
    )


def _picked(row: object) -> PickedItem:
    return PickedItem(
        id=row.id,  # type: ignore[attr-defined]
        item_kind=row.item_kind,  # type: ignore[attr-defined]
        year=row.year,  # type: ignore[attr-defined]
        grade_step=row.grade_step,  # type: ignore[attr-defined]
        heading=row.heading,  # type: ignore[attr-defined]
        position=row.position,  # type: ignore[attr-defined]
        text=row.text,  # type: ignore[attr-defined]
    )


_ITEM_COLUMNS = (
    item_table.c.id,
    item_table.c.item_kind,
    item_table.c.year,
    item_table.c.grade_step,
    item_table.c.heading,
    item_table.c.position,
    item_table.c.text,
)


def catalogue_items_by_id(conn: Connection, item_ids: Sequence[uuid.UUID]) -> list[PickedItem]:
    ids = list(item_ids)
    found: list[PickedItem] = []
    for start in range(0, len(ids), 500):
        found.extend(
            _picked(row)
            for row in conn.execute(
                select(*_ITEM_COLUMNS).where(
                    item_table.c.id.in_(ids[start : start + 500]), live(item_table)
                )
            )
        )
    return found


def _fold(text: str) -> str:
    return text.replace("\u00ad", "").casefold()


def catalogue_items(conn: Connection, subject_code: str, version: int) -> list[PickedItem]:
    """Every item of one subject version, central content first, in the syllabus's order."""
    rows = conn.execute(
        select(*_ITEM_COLUMNS).where(
            item_table.c.subject_code == subject_code,
            item_table.c.subject_version == version,
            live(item_table),
        )
    )
    items = [_picked(row) for row in rows]
    return sorted(
        items,
        key=lambda i: (i.item_kind != "central_content", i.year, i.grade_step or "", i.position),
    )


def matching_items(items: Sequence[PickedItem], text: str) -> list[PickedItem]:
    """The items whose text or heading holds every word of `text`
    (case and soft hyphens ignored)."""
    words = _fold(text).split()
    if not words:
        return list(items)
    return [
        item
        for item in items
        if all(word in _fold(f"{item.heading} {item.text}") for word in words)
    ]


def unit_lessons(conn: Connection, unit_id: uuid.UUID) -> list[UnitLesson]:
    """The lessons whose plans belong to the unit, in time order, numbered from 1."""
    rows = conn.execute(
        select(lesson.c.id, lesson.c.start_time, lesson.c.cancelled, plan_table.c.content)
        .select_from(plan_table.join(lesson, lesson.c.id == plan_table.c.lesson_id))
        .where(plan_table.c.planning_unit_id == unit_id, live(plan_table), live(lesson))
        .order_by(lesson.c.start_time, lesson.c.id)
    ).all()
    return [
        UnitLesson(number, row.id, row.start_time, bool(row.cancelled), row.content or "")
        for number, row in enumerate(rows, start=1)
    ]

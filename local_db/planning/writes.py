"""Saving units and lesson plans, and the local operations on them.

Copying and shifting are local: they write the new values through
save_record / save_records in the caller's transaction, so they reach the
server as ordinary edits (a colleague's concurrent edit merges with them
field by field). A lesson plan's id is its lesson's natural id, so
"moving" a plan writes its text into the next lesson's plan and deletes the
one it leaves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from local_db.batch_edits import save_records
from local_db.edits import InvalidEdit, delete_record, save_record
from local_db.planning.reads import plan_table, unit_table
from local_db.repositories._common import lesson, live
from sync_protocol.ids import lesson_plan_id
from sync_protocol.planning_documents import (
    DRAFT,
    UNIT_STATUSES,
    CurriculumPicks,
    Link,
    PlanningDocumentError,
    dump_links,
    dump_picks,
    parse_links,
)

_PLAN_TEXT = ("content", "homework", "links")


class PlanningError(ValueError):
    """An operation that cannot be done as asked; nothing was written."""


@dataclass(frozen=True)
class UnitDraft:
    title: str
    aims: str = ""
    central_content: str = ""
    assessment_criteria: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    status: str = DRAFT
    picks: CurriculumPicks | None = None


@dataclass(frozen=True)
class CopyReport:
    unit_id: uuid.UUID
    plans_copied: int
    #: Plans with no lesson to go to in the new period.
    plans_left_out: int


def save_unit(
    conn: Connection,
    unit_id: uuid.UUID,
    activity_id: uuid.UUID,
    draft: UnitDraft,
    *,
    actor: uuid.UUID | None,
) -> None:
    if not draft.title.strip():
        raise InvalidEdit("planning_unit.title: a unit needs a title", "title")
    if draft.status not in UNIT_STATUSES:
        raise InvalidEdit("planning_unit.status: draft or published", "status")
    if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
        raise InvalidEdit("planning_unit.end_date: ends before it starts", "end_date")
    save_record(
        conn,
        "planning_unit",
        unit_id,
        {
            "activity_id": activity_id,
            "title": draft.title.strip(),
            "aims": draft.aims,
            "central_content": draft.central_content,
            "assessment_criteria": draft.assessment_criteria,
            "start_date": draft.start_date,
            "end_date": draft.end_date,
            "status": draft.status,
            "curriculum": dump_picks(draft.picks),
        },
        actor=actor,
    )


def link_assessment(
    conn: Connection,
    assessment_id: uuid.UUID,
    unit_id: uuid.UUID | None,
    *,
    actor: uuid.UUID | None,
) -> None:
    """The assessment assesses this unit (None: no unit)."""
    save_record(conn, "assessment", assessment_id, {"planning_unit_id": unit_id}, actor=actor)


def links_text(links: Sequence[Link]) -> str:
    """The `links` text, checked: InvalidEdit naming what is wrong."""
    text = dump_links(list(links))
    try:
        parse_links(text)
    except PlanningDocumentError as exc:
        raise InvalidEdit(f"lesson_plan.links: {exc}", "links") from None
    return text


def _lesson(conn: Connection, lesson_id: uuid.UUID) -> Any:
    row = conn.execute(select(lesson).where(lesson.c.id == lesson_id, live(lesson))).first()
    if row is None:
        raise PlanningError("the lesson was not found")
    return row


def _plan_row(conn: Connection, lesson_id: uuid.UUID) -> Any:
    return (
        conn.execute(
            select(plan_table).where(plan_table.c.lesson_id == lesson_id, live(plan_table))
        )
        .mappings()
        .first()
    )


def _is_empty(row: Any) -> bool:
    return row is None or not any((row[name] or "").strip() for name in _PLAN_TEXT)


def save_plan(
    conn: Connection,
    lesson_id: uuid.UUID,
    *,
    content: str,
    homework: str,
    links: Sequence[Link],
    unit_id: uuid.UUID | None,
    actor: uuid.UUID | None,
) -> None:
    """Create or change the lesson's plan (InvalidEdit for a bad value: nothing written)."""
    row = _lesson(conn, lesson_id)
    save_record(
        conn,
        "lesson_plan",
        lesson_plan_id(lesson_id),
        {
            "lesson_id": lesson_id,
            "activity_id": row.activity_id,
            "content": content,
            "homework": homework,
            "links": links_text(links),
            "planning_unit_id": unit_id,
        },
        actor=actor,
    )


def copy_plan(
    conn: Connection,
    source_lesson: uuid.UUID,
    target_lesson: uuid.UUID,
    *,
    actor: uuid.UUID | None,
    replace: bool = False,
) -> None:
    """Copy a lesson's plan (text, homework, links) to another lesson.

    The unit goes with it within the same activity; to another group's
    lesson it does not (a unit belongs to its group). A target that has a
    plan of its own is replaced only when `replace` says so."""
    if source_lesson == target_lesson:
        raise PlanningError("a plan is copied to another lesson")
    source = _plan_row(conn, source_lesson)
    if _is_empty(source):
        raise PlanningError("the lesson has no plan to copy")
    target = _lesson(conn, target_lesson)
    if not replace and not _is_empty(_plan_row(conn, target_lesson)):
        raise PlanningError("the other lesson has a plan already")
    same = target.activity_id == source["activity_id"]
    save_record(
        conn,
        "lesson_plan",
        lesson_plan_id(target_lesson),
        {
            "lesson_id": target_lesson,
            "activity_id": target.activity_id,
            "content": source["content"],
            "homework": source["homework"],
            "links": source["links"],
            "planning_unit_id": source["planning_unit_id"] if same else None,
        },
        actor=actor,
    )


def next_week_lesson(conn: Connection, lesson_id: uuid.UUID) -> uuid.UUID | None:
    """The same activity's lesson a week on: the one that starts closest to
    seven days later within that week (None when the week has none)."""
    row = _lesson(conn, lesson_id)
    aim = row.start_time + dt.timedelta(days=7)
    monday = aim - dt.timedelta(days=aim.weekday(), hours=aim.hour, minutes=aim.minute)
    candidates = conn.execute(
        select(lesson.c.id, lesson.c.start_time).where(
            lesson.c.activity_id == row.activity_id,
            lesson.c.start_time >= monday - dt.timedelta(hours=12),
            lesson.c.start_time < monday + dt.timedelta(days=7, hours=12),
            lesson.c.cancelled.is_(False),
            live(lesson),
        )
    ).all()
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (abs((c.start_time - aim).total_seconds()), str(c.id)))
    return uuid.UUID(str(best.id))


def _lessons_from(
    conn: Connection, activity_id: uuid.UUID, after: dt.datetime, *, inclusive: bool = False
) -> list[Any]:
    """The activity's lessons not cancelled from `after` on, in time order."""
    when = lesson.c.start_time >= after if inclusive else lesson.c.start_time > after
    return list(
        conn.execute(
            select(lesson.c.id, lesson.c.start_time)
            .where(
                lesson.c.activity_id == activity_id,
                when,
                lesson.c.cancelled.is_(False),
                live(lesson),
            )
            .order_by(lesson.c.start_time, lesson.c.id)
        ).all()
    )


def _plans_by_lesson(conn: Connection, lesson_ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
    found: dict[uuid.UUID, Any] = {}
    for start in range(0, len(lesson_ids), 500):
        for row in conn.execute(
            select(plan_table).where(
                plan_table.c.lesson_id.in_(lesson_ids[start : start + 500]), live(plan_table)
            )
        ).mappings():
            found[row["lesson_id"]] = row
    return found


def _day_start(day: dt.date) -> dt.datetime:
    # Midnight in Sweden is 22:00 or 23:00 UTC the day before: start early
    # enough, the lessons of a school day begin hours later.
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) - dt.timedelta(hours=3)


def copy_unit(
    conn: Connection,
    unit_id: uuid.UUID,
    target_activity: uuid.UUID,
    start_date: dt.date,
    *,
    actor: uuid.UUID | None,
    new_id: uuid.UUID | None = None,
) -> CopyReport:
    """Copy a unit to another group (activity) or to another period (next year).

    The copy is a draft with the same texts and picks, its weeks moved so
    it starts on `start_date`. Its lesson plans go to the target's lessons
    in the same order: the plan of the unit's k-th lesson to the k-th
    lesson from `start_date` on (lessons cancelled, or with a plan of their
    own, are passed over). Plans beyond the target's timetable are counted
    in `plans_left_out`."""
    unit = (
        conn.execute(select(unit_table).where(unit_table.c.id == unit_id, live(unit_table)))
        .mappings()
        .first()
    )
    if unit is None:
        raise PlanningError("the unit was not found")
    plans = list(
        conn.execute(
            select(plan_table, lesson.c.start_time)
            .select_from(plan_table.join(lesson, lesson.c.id == plan_table.c.lesson_id))
            .where(plan_table.c.planning_unit_id == unit_id, live(plan_table), live(lesson))
            .order_by(lesson.c.start_time, lesson.c.id)
        ).mappings()
    )
    old_start = unit["start_date"] or (plans[0]["start_time"].date() if plans else start_date)
    shift = start_date - old_start
    copy_id = new_id or uuid.uuid4()
    save_record(
        conn,
        "planning_unit",
        copy_id,
        {
            "activity_id": target_activity,
            "title": unit["title"],
            "aims": unit["aims"],
            "central_content": unit["central_content"],
            "assessment_criteria": unit["assessment_criteria"],
            "curriculum": unit["curriculum"],
            "status": DRAFT,
            "start_date": start_date,
            "end_date": unit["end_date"] + shift if unit["end_date"] else None,
        },
        actor=actor,
    )
    if not plans:
        return CopyReport(copy_id, 0, 0)
    # Where each plan stands among the source's lessons of the unit's period.
    source = _lessons_from(conn, unit["activity_id"], _day_start(old_start), inclusive=True)
    place = {row.id: number for number, row in enumerate(source)}
    targets = _lessons_from(conn, target_activity, _day_start(start_date), inclusive=True)
    taken = _plans_by_lesson(conn, [row.id for row in targets])
    free = [row.id for row in targets if _is_empty(taken.get(row.id))]
    items: list[tuple[uuid.UUID, dict[str, Any]]] = []
    left_out = 0
    used = -1
    for plan in plans:
        # A plan on a lesson now cancelled (or before the unit's start) takes the next place.
        number = max(place.get(plan["lesson_id"], used + 1), used + 1)
        used = number
        if number >= len(free):
            left_out += 1
            continue
        target = free[number]
        items.append(
            (
                lesson_plan_id(target),
                {
                    "lesson_id": target,
                    "activity_id": target_activity,
                    "planning_unit_id": copy_id,
                    "content": plan["content"],
                    "homework": plan["homework"],
                    "links": plan["links"],
                },
            )
        )
    save_records(conn, "lesson_plan", items, actor=actor)
    return CopyReport(copy_id, len(items), left_out)


def shift_after_cancelled(
    conn: Connection, cancelled_lesson: uuid.UUID, *, actor: uuid.UUID | None
) -> int:
    """Move the plan of a cancelled lesson, and the rest of its unit's plans,
    one lesson on. Lessons cancelled, or holding a plan of another unit, are
    passed over. Returns how many plans moved; PlanningError (nothing
    written) when the last plan would have no lesson to go to."""
    row = _lesson(conn, cancelled_lesson)
    first = _plan_row(conn, cancelled_lesson)
    if _is_empty(first):
        raise PlanningError("the lesson has no plan to move")
    unit_id = first["planning_unit_id"]
    later = _lessons_from(conn, row.activity_id, row.start_time)
    plans = _plans_by_lesson(conn, [item.id for item in later])

    def ours(lesson_id: uuid.UUID) -> bool:
        plan = plans.get(lesson_id)
        return unit_id is not None and plan is not None and plan["planning_unit_id"] == unit_id

    slots = [cancelled_lesson] + [
        item.id for item in later if ours(item.id) or _is_empty(plans.get(item.id))
    ]
    plans[cancelled_lesson] = first
    moving = [0] + [number for number, lid in enumerate(slots) if number and ours(lid)]
    if moving[-1] + 1 >= len(slots):
        raise PlanningError("there is no lesson after the last plan to move it to")
    items: list[tuple[uuid.UUID, dict[str, Any]]] = []
    for number in moving:
        plan, target = plans[slots[number]], slots[number + 1]
        items.append(
            (
                lesson_plan_id(target),
                {
                    "lesson_id": target,
                    "activity_id": row.activity_id,
                    "planning_unit_id": unit_id,
                    "content": plan["content"],
                    "homework": plan["homework"],
                    "links": plan["links"],
                },
            )
        )
    save_records(conn, "lesson_plan", items, actor=actor)
    filled = {number + 1 for number in moving}
    for number in moving:
        if number not in filled:
            delete_record(conn, "lesson_plan", lesson_plan_id(slots[number]), actor=actor)
    return len(moving)


__all__ = [
    "CopyReport",
    "PlanningError",
    "UnitDraft",
    "copy_plan",
    "copy_unit",
    "link_assessment",
    "links_text",
    "next_week_lesson",
    "save_plan",
    "save_unit",
    "shift_after_cancelled",
]

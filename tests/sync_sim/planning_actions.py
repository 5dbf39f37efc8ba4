"""The simulation's planning work: units (texts, dates, status, catalogue
picks), lesson plans (text, homework, links, unit), and the local
operations of the planning page: a unit copied to another group or period,
a plan copied to next week or another lesson, plans shifted past a
cancelled lesson. Made as the page makes them (local_db.planning.writes)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection

from local_db.edits import InvalidEdit
from local_db.planning.writes import (
    PlanningError,
    copy_plan,
    copy_unit,
    next_week_lesson,
    shift_after_cancelled,
)
from sync_protocol import ids
from sync_protocol.planning_documents import (
    UNIT_STATUSES,
    CurriculumPicks,
    Link,
    dump_links,
    dump_picks,
)
from tests.sync_sim.action_base import (
    Teacher,
    _activity,
    _date,
    _edit_or_create,
    _lessons,
    _new_id,
    _pick,
    _rows,
    _text,
    _unit_of,
    edit_text,
)

_SITES = ("https://skolverket.se", "https://nok.se/bok", "http://exempel.se/a?b=1")


def _picks(conn: Connection, rng: random.Random) -> str:
    """Some catalogue items of one subject version, or none."""
    by_version: dict[tuple[str, int], list[uuid.UUID]] = defaultdict(list)
    for row in _rows(conn, "curriculum_item"):
        by_version[(row["subject_code"], row["subject_version"])].append(row["id"])
    if not by_version or rng.random() < 0.2:
        return ""
    key = rng.choice(sorted(by_version))
    items = sorted(by_version[key], key=str)
    chosen = rng.sample(items, rng.randint(1, len(items)))
    return dump_picks(CurriculumPicks(key[0], key[1], tuple(chosen)))


def _links(rng: random.Random) -> str:
    count = rng.randint(0, 2)
    return dump_links([Link(rng.choice(_SITES), _text(rng, 1)) for _ in range(count)])


def planning_unit(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        activity = _activity(conn, rng)
        if activity is None:
            return None
        return _new_id(rng), {
            "activity_id": activity,
            "title": _text(rng, 2),
            "aims": _text(rng, 6),
            "central_content": _text(rng, 4),
            "start_date": _date(rng),
            "status": rng.choice(UNIT_STATUSES),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        name = rng.choice(
            (
                "title",
                "aims",
                "aims",
                "central_content",
                "assessment_criteria",
                "end_date",
                "status",
                "curriculum",
            )
        )
        if name == "end_date":
            return {name: _date(rng)}
        if name == "status":
            return {name: rng.choice(UNIT_STATUSES)}
        if name == "curriculum":
            return {name: _picks(conn, rng)}
        return {name: edit_text(rng, row[name])}

    return _edit_or_create(
        conn,
        rng,
        me,
        "planning_unit",
        existing=_rows(conn, "planning_unit"),
        create=create,
        edits=edits,
    )


def lesson_plan(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    lesson = _pick(rng, _lessons(conn))
    if lesson is None:
        return None
    record = ids.lesson_plan_id(lesson["id"])
    existing = _rows(conn, "lesson_plan", id=record)

    def create() -> tuple[uuid.UUID, dict[str, Any]]:
        return record, {
            "lesson_id": lesson["id"],
            "activity_id": lesson["activity_id"],
            "content": _text(rng, 6),
            "homework": _text(rng, 2) if rng.random() < 0.5 else "",
            "links": _links(rng) if rng.random() < 0.3 else "",
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        roll = rng.random()
        if roll < 0.15:
            return {"planning_unit_id": _unit_of(conn, rng, row["activity_id"])}
        if roll < 0.3:
            return {"links": _links(rng)}
        name = "content" if roll < 0.85 else "homework"
        return {name: edit_text(rng, row[name])}

    return _edit_or_create(
        conn, rng, me, "lesson_plan", existing=existing, create=create, edits=edits
    )


def copy_planning(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    """The planning page's copies: a unit to another group or period, a plan
    to next week or to another lesson, plans shifted past a cancelled lesson."""
    roll = rng.random()
    try:
        if roll < 0.3:
            unit = _pick(rng, _rows(conn, "planning_unit"))
            target = _activity(conn, rng)
            if unit is None or target is None:
                return None
            start = dt.date.today() + dt.timedelta(days=rng.randint(-10, 20))
            report = copy_unit(
                conn, unit["id"], target, start, actor=me.person, new_id=_new_id(rng)
            )
            return f"copy unit {unit['id']} to {report.unit_id} ({report.plans_copied} plans)"
        plans = [row for row in _rows(conn, "lesson_plan") if row["content"] or row["homework"]]
        plan = _pick(rng, plans)
        if plan is None:
            return None
        if roll < 0.85:
            target_lesson = (
                next_week_lesson(conn, plan["lesson_id"])
                if roll < 0.6
                else (_pick(rng, _lessons(conn)) or {}).get("id")
            )
            if target_lesson is None or target_lesson == plan["lesson_id"]:
                return None
            copy_plan(conn, plan["lesson_id"], target_lesson, actor=me.person, replace=True)
            return f"copy plan of {plan['lesson_id']} to {target_lesson}"
        cancelled = {row["id"] for row in _rows(conn, "lesson") if row["cancelled"]}
        on_cancelled = [row for row in plans if row["lesson_id"] in cancelled]
        chosen = _pick(rng, on_cancelled)
        if chosen is None:
            return None
        moved = shift_after_cancelled(conn, chosen["lesson_id"], actor=me.person)
        return f"shift {moved} plans on from {chosen['lesson_id']}"
    except (PlanningError, InvalidEdit):
        return None  # the page would have said why, and written nothing

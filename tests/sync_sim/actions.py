"""A teacher's random work on their own cache, through the same calls the
desktop's pages make (local_db.attendance.marking, local_db.edits,
local_db.conflicts). Every choice is made from what the cache shows, as a
teacher would see it; a choice the app would refuse (RollCallRefused,
InvalidEdit) is simply not made.

Text is short and drawn from a small vocabulary, so two teachers' edits of
one text often touch the same words (conflicts) and sometimes not (merges).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from typing import Any

from sqlalchemy import Connection, select

from local_db.attendance.marking import Mark, mark_pupil, mark_unmarked_present, set_comment
from local_db.attendance.roll_call import lesson_facts
from local_db.conflicts import DELETE_CHOICE, KEEP_CHOICE, acknowledge_notice, resolve_conflict
from local_db.edits import save_record
from local_db.repositories import open_conflicts
from local_db.schema import synced
from sync_protocol import ids
from sync_protocol.entities import NOTE_CATEGORIES, NOTE_VISIBILITIES
from tests.sync_sim.action_base import (
    STATUSES,
    WORDS,
    Action,
    Teacher,
    _date,
    _edit_or_create,
    _lessons,
    _new_id,
    _pick,
    _rows,
    _text,
    edit_text,
)
from tests.sync_sim.assessment_actions import assessment, criteria_matrix, result, term_grade
from tests.sync_sim.planning_actions import copy_planning, lesson_plan, planning_unit

__all__ = ["WORDS", "Teacher", "edit_text", "pick_concurrent_edit", "pick_edit"]

# --- attendance and registration --------------------------------------------------------


def mark(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    lesson = _pick(rng, _lessons(conn))
    facts = None if lesson is None else lesson_facts(conn, lesson["id"])
    if facts is None or not facts.members:
        return None
    pupil = rng.choice(sorted(facts.members, key=str))
    status = rng.choice(STATUSES)
    minutes = rng.randint(1, facts.minutes) if status in ("late", "left_early") else None
    mark_pupil(conn, facts.id, pupil, Mark(status, minutes), actor=me.person)
    if rng.random() < 0.2:
        set_comment(conn, facts.id, pupil, _text(rng, 2), actor=me.person)
    return f"mark {pupil} {status} in {facts.id}"


def everyone_present(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    lesson = _pick(rng, _lessons(conn))
    if lesson is None:
        return None
    count = mark_unmarked_present(conn, lesson["id"], actor=me.person)
    return f"everyone present in {lesson['id']} ({count} defaults)"


def register(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    lesson = _pick(rng, _lessons(conn))
    if lesson is None:
        return None
    record = ids.lesson_registration_id(lesson["id"])
    current = _rows(conn, "lesson_registration", id=record)
    value = not current[0]["registered"] if current else rng.random() < 0.7
    save_record(
        conn,
        "lesson_registration",
        record,
        {"lesson_id": lesson["id"], "activity_id": lesson["activity_id"], "registered": value},
        actor=me.person,
    )
    return f"registration of {lesson['id']} = {value}"


# --- pupil records -------------------------------------------------------------------------


def _my_pupils(conn: Connection) -> list[uuid.UUID]:
    """Every pupil the cache holds a membership of: the teacher's pupils."""
    return sorted({row["person_id"] for row in _rows(conn, "group_membership")}, key=str)


def note(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    """A note of each visibility; only the author edits one, and narrows or
    widens it now and then (issue 16: a narrowed note must leave colleagues'
    caches, a widened one arrive)."""

    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        pupil = _pick(rng, _my_pupils(conn))
        if pupil is None:
            return None
        category = rng.choice(NOTE_CATEGORIES)
        return _new_id(rng), {
            "pupil_id": pupil,
            "category": category,
            "body": _text(rng, 6),
            "visibility": rng.choice(NOTE_VISIBILITIES),
            "note_date": _date(rng),
            "term": me.term if category == "talk" else None,
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        roll = rng.random()
        if roll < 0.3:
            others = [v for v in NOTE_VISIBILITIES if v != row["visibility"]]
            return {"visibility": rng.choice(others)}
        if roll < 0.4:
            return {"category": rng.choice(NOTE_CATEGORIES)}
        return {"body": edit_text(rng, row["body"])}

    mine = [row for row in _rows(conn, "pupil_note") if row["created_by"] == me.person]
    return _edit_or_create(conn, rng, me, "pupil_note", existing=mine, create=create, edits=edits)


def adjustment(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    """An extra anpassning: any teacher of the pupil writes it, so two do at once."""

    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        pupil = _pick(rng, _my_pupils(conn))
        if pupil is None:
            return None
        return _new_id(rng), {"pupil_id": pupil, "what": _text(rng, 3), "start_date": _date(rng)}

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        roll = rng.random()
        if roll < 0.2:
            return {"end_date": (row["start_date"] or _date(rng)) + dt.timedelta(days=30)}
        if roll < 0.5:
            return {"what": edit_text(rng, row["what"]) or "stöd"}
        return {"evaluation": edit_text(rng, row["evaluation"])}

    return _edit_or_create(
        conn,
        rng,
        me,
        "support_adjustment",
        existing=_rows(conn, "support_adjustment"),
        create=create,
        edits=edits,
    )


def programme_ref(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    """A reference to an åtgärdsprogram: when, who decided, where it is kept."""

    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        pupil = _pick(rng, _my_pupils(conn))
        if pupil is None:
            return None
        return _new_id(rng), {
            "pupil_id": pupil,
            "decided_on": _date(rng),
            "decided_by": "Rektor",
            "document_location": _text(rng, 2),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        if rng.random() < 0.5:
            return {"decided_on": _date(rng)}
        return {"document_location": _text(rng, 2)}

    return _edit_or_create(
        conn,
        rng,
        me,
        "action_programme_ref",
        existing=_rows(conn, "action_programme_ref"),
        create=create,
        edits=edits,
    )


# --- conflicts and notices ----------------------------------------------------------------


def decide_conflict(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    # In an order of their content: the server's ids and times differ between
    # runs of one seed.
    views = sorted(
        open_conflicts(conn, me.person),
        key=lambda v: (
            str(v.record_id),
            v.field_name or "",
            v.conflict_type,
            str(v.rival.value_json),
            str(v.current.value_json),
        ),
    )
    view = _pick(rng, views)
    if view is None:
        return None
    if view.conflict_type == "delete_vs_edit":
        chosen = rng.choice((DELETE_CHOICE, KEEP_CHOICE))
    elif view.conflict_type == "text_both" and rng.random() < 0.4:
        sides = [str(side.value) for side in (view.current, view.rival) if side.value is not None]
        chosen = json.dumps(" ".join(sides), ensure_ascii=False)
    else:
        side = rng.choice((view.current, view.rival))
        chosen = side.value_json or "null"
    resolve_conflict(conn, view.id, chosen, me.person)
    return f"decide {view.conflict_type} {view.id} -> {chosen[:40]}"


def acknowledge(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    table = synced["sync_conflict"]
    rows = conn.execute(
        select(table.c.id, table.c.record_id, table.c.field_name, table.c.rival_value).where(
            table.c.conflict_type == "notice",
            table.c.state == "open",
            table.c.addressed_to == me.person,
            table.c.deleted.is_(False),
        )
    ).all()
    ordered = sorted(
        rows, key=lambda r: (str(r.record_id), r.field_name or "", r.rival_value or "")
    )
    notice = None if not ordered else _pick(rng, ordered).id
    if notice is None:
        return None
    acknowledge_notice(conn, notice, me.person)
    return f"acknowledge {notice}"


#: Kinds of work and how often a teacher does each.
EDITS: tuple[tuple[Action, int], ...] = (
    (mark, 26),
    (everyone_present, 6),
    (register, 6),
    (planning_unit, 8),
    (lesson_plan, 10),
    (copy_planning, 4),
    (criteria_matrix, 4),
    (assessment, 7),
    (result, 14),
    (note, 10),
    (adjustment, 4),
    (programme_ref, 2),
    (term_grade, 7),
    (decide_conflict, 7),
    (acknowledge, 3),
)


def pick_edit(rng: random.Random) -> Action:
    actions, weights = zip(*EDITS, strict=True)
    return rng.choices(actions, weights=weights)[0]


#: Work whose outcome the merge rules promise not to depend on the order in
#: which concurrent edits arrive (tests/sync_sim/test_order_independence.py).
CONCURRENT_EDITS: tuple[tuple[Action, int], ...] = (
    (mark, 24),
    (everyone_present, 6),
    (register, 6),
    (lesson_plan, 12),
    (copy_planning, 3),
    (criteria_matrix, 3),
    (assessment, 4),
    (result, 16),
    (note, 12),
    (adjustment, 4),
    (term_grade, 10),
)


def pick_concurrent_edit(rng: random.Random) -> Action:
    actions, weights = zip(*CONCURRENT_EDITS, strict=True)
    return rng.choices(actions, weights=weights)[0]

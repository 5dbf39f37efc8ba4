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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from local_db.attendance.marking import Mark, mark_pupil, mark_unmarked_present, set_comment
from local_db.attendance.roll_call import lesson_facts
from local_db.conflicts import DELETE_CHOICE, KEEP_CHOICE, acknowledge_notice, resolve_conflict
from local_db.edits import delete_record, save_record
from local_db.repositories import open_conflicts
from local_db.schema import synced
from sync_protocol import ids
from sync_protocol.entities import ASSESSMENT_TYPES, GRADES, NOTE_CATEGORIES

WORDS = (
    "bråk", "procent", "ekvationer", "geometri", "läsning", "skrivande", "grupp", "par",
    "prov", "läxa", "diskussion", "repetition", "kapitel", "övning", "mål", "bedömning",
)  # fmt: skip
STATUSES = ("present", "late", "left_early", "absent", "valid_absence", "other_activity")


#: Kinds other records point at: deleting one refuses (or orphans) what a
#: colleague made on it meanwhile, depending on which arrives first.
REFERENCED = ("planning_unit", "assessment")


@dataclass(frozen=True)
class Teacher:
    person: uuid.UUID
    term: str
    delete_references: bool = True


Action = Callable[[Connection, random.Random, Teacher], str | None]


def _rows(conn: Connection, kind: str, **where: Any) -> list[dict[str, Any]]:
    table = synced[kind]
    query = select(table).where(table.c.deleted.is_(False))
    for name, value in where.items():
        query = query.where(table.c[name] == value)
    return [dict(row) for row in conn.execute(query.order_by(table.c.id)).mappings()]


def _pick(rng: random.Random, rows: list[Any]) -> Any:
    return rng.choice(rows) if rows else None


def _new_id(rng: random.Random) -> uuid.UUID:
    """A random id from the seed (uuid4 would make a replay choose differently)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def edit_text(rng: random.Random, text: str) -> str:
    """Change one word, add one, or drop one."""
    words = text.split()
    roll = rng.random()
    if not words or roll < 0.3:
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    elif roll < 0.8:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    elif len(words) > 1:
        del words[rng.randrange(len(words))]
    return " ".join(words)


def _activity_pupils(conn: Connection, activity: uuid.UUID) -> list[uuid.UUID]:
    """Pupils with a membership of one of the activity's groups (the cache's view)."""
    groups = {row["group_id"] for row in _rows(conn, "activity_group", activity_id=activity)}
    return sorted(
        {row["person_id"] for row in _rows(conn, "group_membership") if row["group_id"] in groups},
        key=str,
    )


def _lessons(conn: Connection) -> list[dict[str, Any]]:
    return [row for row in _rows(conn, "lesson") if not row["cancelled"]]


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


# --- plans and assessments ----------------------------------------------------------------


def _activity(conn: Connection, rng: random.Random) -> uuid.UUID | None:
    row = _pick(rng, _rows(conn, "activity"))
    return None if row is None else row["id"]


def _unit_of(conn: Connection, rng: random.Random, activity: uuid.UUID) -> uuid.UUID | None:
    row = _pick(rng, _rows(conn, "planning_unit", activity_id=activity))
    return None if row is None else row["id"]


def _date(rng: random.Random) -> dt.date:
    return dt.date.today() + dt.timedelta(days=rng.randint(-20, 40))


def _edit_or_create(
    conn: Connection,
    rng: random.Random,
    me: Teacher,
    kind: str,
    *,
    existing: list[dict[str, Any]],
    create: Callable[[], tuple[uuid.UUID, dict[str, Any]] | None],
    edits: Callable[[dict[str, Any]], dict[str, Any]],
) -> str | None:
    row = _pick(rng, existing) if existing and rng.random() < 0.75 else None
    if row is not None and rng.random() < 0.12 and (me.delete_references or kind not in REFERENCED):
        delete_record(conn, kind, row["id"], actor=me.person)
        return f"delete {kind} {row['id']}"
    if row is not None:
        changes = edits(row)
        save_record(conn, kind, row["id"], changes, actor=me.person)
        return f"edit {kind} {row['id']} {sorted(changes)}"
    made = create()
    if made is None:
        return None
    record, values = made
    save_record(conn, kind, record, values, actor=me.person)
    return f"create {kind} {record}"


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
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        name = rng.choice(
            ("title", "aims", "aims", "central_content", "assessment_criteria", "end_date")
        )
        if name == "end_date":
            return {name: _date(rng)}
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
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        roll = rng.random()
        if roll < 0.15:
            return {"planning_unit_id": _unit_of(conn, rng, row["activity_id"])}
        name = "content" if roll < 0.8 else "homework"
        return {name: edit_text(rng, row[name])}

    return _edit_or_create(
        conn, rng, me, "lesson_plan", existing=existing, create=create, edits=edits
    )


def assessment(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        activity = _activity(conn, rng)
        if activity is None:
            return None
        return _new_id(rng), {
            "activity_id": activity,
            "title": _text(rng, 2),
            "description": _text(rng, 5),
            "assessment_type": rng.choice(ASSESSMENT_TYPES),
            "assessment_date": _date(rng),
            "planning_unit_id": _unit_of(conn, rng, activity) if rng.random() < 0.5 else None,
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        name = rng.choice(
            ("title", "description", "assessment_type", "assessment_date", "planning_unit_id")
        )
        if name == "assessment_type":
            return {name: rng.choice(ASSESSMENT_TYPES)}
        if name == "assessment_date":
            return {name: _date(rng)}
        if name == "planning_unit_id":
            return {name: _unit_of(conn, rng, row["activity_id"])}
        return {name: edit_text(rng, row[name])}

    return _edit_or_create(
        conn, rng, me, "assessment", existing=_rows(conn, "assessment"), create=create, edits=edits
    )


# --- pupil records -------------------------------------------------------------------------


def result(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    test = _pick(rng, _rows(conn, "assessment"))
    if test is None:
        return None
    pupil = _pick(rng, _activity_pupils(conn, test["activity_id"]))
    if pupil is None:
        return None
    record = ids.assessment_result_id(test["id"], pupil)

    def create() -> tuple[uuid.UUID, dict[str, Any]]:
        return record, {
            "assessment_id": test["id"],
            "pupil_id": pupil,
            "activity_id": test["activity_id"],
            "grade": rng.choice(GRADES),
            "comment": _text(rng, 3),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        if rng.random() < 0.55:
            return {"grade": rng.choice(GRADES)}
        return {"comment": edit_text(rng, row["comment"])}

    existing = _rows(conn, "assessment_result", id=record)
    return _edit_or_create(
        conn, rng, me, "assessment_result", existing=existing, create=create, edits=edits
    )


def note(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    def create() -> tuple[uuid.UUID, dict[str, Any]] | None:
        activity = _activity(conn, rng)
        pupil = None if activity is None else _pick(rng, _activity_pupils(conn, activity))
        if pupil is None:
            return None
        return _new_id(rng), {
            "pupil_id": pupil,
            "activity_id": activity,
            "category": rng.choice(NOTE_CATEGORIES),
            "body": _text(rng, 6),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        if rng.random() < 0.25:
            return {"category": rng.choice(NOTE_CATEGORIES)}
        return {"body": edit_text(rng, row["body"])}

    return _edit_or_create(
        conn, rng, me, "pupil_note", existing=_rows(conn, "pupil_note"), create=create, edits=edits
    )


def term_grade(conn: Connection, rng: random.Random, me: Teacher) -> str | None:
    activity = _activity(conn, rng)
    pupil = None if activity is None else _pick(rng, _activity_pupils(conn, activity))
    if activity is None or pupil is None:
        return None
    record = ids.term_grade_id(activity, pupil, me.term)

    def create() -> tuple[uuid.UUID, dict[str, Any]]:
        return record, {
            "pupil_id": pupil,
            "activity_id": activity,
            "term": me.term,
            "grade": rng.choice(GRADES),
        }

    def edits(row: dict[str, Any]) -> dict[str, Any]:
        return {"grade": rng.choice(GRADES)}

    return _edit_or_create(
        conn,
        rng,
        me,
        "term_grade",
        existing=_rows(conn, "term_grade", id=record),
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
    (assessment, 7),
    (result, 14),
    (note, 10),
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
    (assessment, 4),
    (result, 16),
    (note, 12),
    (term_grade, 10),
)


def pick_concurrent_edit(rng: random.Random) -> Action:
    actions, weights = zip(*CONCURRENT_EDITS, strict=True)
    return rng.choices(actions, weights=weights)[0]

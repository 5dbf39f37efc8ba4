"""What the simulation's actions share: the teacher, the cache lookups, random text,
and edit-or-create. The actions themselves are in tests/sync_sim/actions.py and
tests/sync_sim/assessment_actions.py."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from local_db.edits import delete_record, save_record
from local_db.schema import synced

WORDS = (
    "bråk", "procent", "ekvationer", "geometri", "läsning", "skrivande", "grupp", "par",
    "prov", "läxa", "diskussion", "repetition", "kapitel", "övning", "mål", "bedömning",
)  # fmt: skip
STATUSES = ("present", "late", "left_early", "absent", "valid_absence", "other_activity")


#: Kinds other records point at: deleting one refuses (or orphans) what a
#: colleague made on it meanwhile, depending on which arrives first.
REFERENCED = ("planning_unit", "assessment", "criteria_matrix")


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

"""One teacher's school year, written straight into a server database.

    plan = YEAR                      # 8 groups, 200 pupils, ~1,000 lessons, ...
    plan = scaled_plan(100_000)      # the same school, more groups, 100,000 rows
    school = write_school(engine, plan, today=dt.date.today())

Used by bench/sync_benchmark.py. Rows go in through server.tables with
server.db.allocate_seq/next_seq, as the server's own writers do, and the
change-sets have the shapes real ones have: reference data as an import
(about 1,000 rows per change-set), each roll call (registration + marks), each
assessment with its results and each note as a change-set of its own (a
push), and a few later edits (attendance corrected: rows whose `fv` is not
empty) and deletes (tombstones of notes). Deterministic for a seed.

Everything is in the scope of one teacher ("larare"); a colleague ("eva")
co-teaches the first group's activity, so she sees that group's roll calls.
Lessons before `today` have their roll call; the last few lessons of each
activity (today and after) have none, for the benchmark's own roll calls.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine

from bench.sync_words import (
    ATTENDANCE,
    FAMILY,
    GIVEN,
    GRADES,
    NOTE_CATEGORIES,
    SUBJECTS,
    WORDS,
)
from server.db import allocate_seq, next_seq, write_transaction
from server.services.access.protection import refresh_contact_protection
from server.services.accounts import auth
from server.tables import synced
from sync_protocol import ids
from sync_protocol.entities import KIND_ORDER, REGISTRY

UTC = dt.UTC
_NAMESPACE = uuid.UUID("6f1d0a53-8c1e-4b3b-9d55-3c7e1a2b4f60")
TEACHER = "larare"
COLLEAGUE = "eva"
PASSWORD = "bench-lösenord-42"
#: The first group is the roll-call group: 30 pupils, as the benchmark's roll call.
ROLL_CALL_SIZE = 30
#: Rows per change-set of the import that brought the reference data.
IMPORT_SET = 1000


@dataclass(frozen=True)
class Plan:
    """The shape of one teacher's year; the counts in the module docstring."""

    name: str
    group_sizes: tuple[int, ...]
    past_lessons: int = 125  # per group, each with its roll call
    future_lessons: int = 20  # per group, without one
    assessments: int = 25  # per group, each with a result per pupil
    notes: int = 1000  # over all groups
    planning_units: int = 6  # per group
    edited_share: float = 0.05  # attendance corrected after the roll call
    deleted_notes: int = 10
    #: Rows added as notes until the scope holds this many (0: as planned).
    top_up_to: int = 0
    seed: int = 1


YEAR = Plan("school year", (30, 28, 26, 25, 24, 23, 22, 22))


def scaled_plan(records: int) -> Plan:
    """The year's school with more groups, topped up with notes to `records` rows."""
    per_group = YEAR.group_sizes
    sizes = tuple(per_group[index % len(per_group)] for index in range(records // 4_300))
    return Plan(
        f"{records:,} records",
        sizes,
        notes=len(sizes) * 125,
        top_up_to=records,
    )


@dataclass
class School:
    """What the benchmark needs to know about the school it wrote."""

    plan: Plan
    teacher_person: uuid.UUID
    colleague_person: uuid.UUID
    rows_in_scope: int
    #: The roll-call group's activity, its pupils and its lessons without marks.
    roll_call_activity: uuid.UUID
    roll_call_pupils: list[uuid.UUID]
    free_lessons: list[uuid.UUID]
    rows_by_kind: dict[str, int] = field(default_factory=dict)


class _Rows:
    """Rows by kind, each stamped with the change-set (seq slot) it belongs to."""

    def __init__(self, now: dt.datetime) -> None:
        self.by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.change_sets = 0
        self._in_set = 0
        self.now = now

    def new_change_set(self) -> None:
        if self._in_set:
            self.change_sets += 1
            self._in_set = 0

    def add(
        self,
        kind: str,
        row_id: uuid.UUID,
        values: dict[str, Any],
        *,
        at: dt.datetime | None = None,
        by: uuid.UUID | None = None,
        import_size: int = 0,
    ) -> uuid.UUID:
        """One row; with `import_size`, change-sets of that many rows (an import)."""
        if import_size and self._in_set >= import_size:
            self.new_change_set()
        stamp = at or self.now
        row: dict[str, Any] = {
            "id": row_id,
            "created_at": stamp,
            "created_by": by,
            "modified_at": stamp,
            "modified_by": by,
            "deleted": False,
            "field_seqs": None,
            "slot": self.change_sets,
        }
        for spec in REGISTRY[kind].fields:
            row[spec.name] = values.get(spec.name)
        table = synced[kind]
        for extra in ("contact_protected", "needs_review"):
            if extra in table.c:
                row[extra] = False
        self.by_kind[kind].append(row)
        self._in_set += 1
        return row_id

    def count(self) -> int:
        return sum(len(rows) for rows in self.by_kind.values())


def _id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}/{key}")


@dataclass
class _Group:
    id: uuid.UUID
    activity: uuid.UUID
    pupils: list[uuid.UUID]
    lessons: list[tuple[uuid.UUID, dt.datetime]] = field(default_factory=list)


class _YearPlanner:
    """Builds the rows of a plan, in the order the server would have written them."""

    def __init__(self, plan: Plan, today: dt.date) -> None:
        self.plan = plan
        self.today = today
        self.rng = random.Random(plan.seed)
        self.rows = _Rows(
            dt.datetime.combine(today, dt.time(5, 0), tzinfo=UTC) - dt.timedelta(days=300)
        )
        self.year_start = today - dt.timedelta(days=365)
        self.groups: list[_Group] = []
        self.school = self.rows.add(
            "school", _id("school", "ekbacken"), {"name": "Ekbackens skola"}
        )
        self.teacher = self.person("teacher", pupil=False)
        self.colleague = self.person("colleague", pupil=False)

    def build(self) -> tuple[_Rows, School]:
        for number, size in enumerate(self.plan.group_sizes):
            self.groups.append(self.group(number, size))
        for number, group in enumerate(self.groups):
            self.lessons(number, group)
        for number, group in enumerate(self.groups):
            self.planning_units(number, group)
        self.rows.new_change_set()  # the import ends here; pushes follow
        for group in self.groups:
            self.roll_calls(group)
        for number, group in enumerate(self.groups):
            self.assessments(number, group)
        self.notes()
        first = self.groups[0]
        school = School(
            plan=self.plan,
            teacher_person=self.teacher,
            colleague_person=self.colleague,
            rows_in_scope=0,
            roll_call_activity=first.activity,
            roll_call_pupils=first.pupils,
            free_lessons=[lesson for lesson, start in first.lessons if start.date() >= self.today],
        )
        return self.rows, school

    def text(self, words: int) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(words))
        return text[:1].upper() + text[1:] + "."

    def person(self, key: str, *, pupil: bool) -> uuid.UUID:
        rng = self.rng
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        number = rng.randrange(10_000)
        born = dt.date(self.today.year - 13, 1, 1) + dt.timedelta(days=rng.randrange(365))
        values: dict[str, Any] = {
            "given_name": given,
            "family_name": family,
            "birth_date": born if pupil else None,
            "security_marking": "none",
            "email": f"{given}.{family}{number}@{'elev' if pupil else 'hem'}.example".lower(),
            "phone": f"070-{number:04d} {rng.randrange(100):02d} {rng.randrange(100):02d}",
            "street_address": f"{family}vägen {rng.randrange(1, 80)}",
            "postal_code": f"{rng.randrange(100, 999)} {rng.randrange(10, 99)}",
            "locality": "Ekby",
        }
        return self.rows.add("person", _id("person", key), values, import_size=IMPORT_SET)

    def group(self, number: int, size: int) -> _Group:
        add = self.rows.add
        name = f"{7 + number % 3}{chr(ord('A') + number // 3 % 26)}{number // 78 or ''}"
        group = add(
            "group",
            _id("group", str(number)),
            {
                "school_id": self.school,
                "display_name": name,
                "group_type": "class",
                "school_year": 7 + number % 3,
                "start_date": self.year_start,
            },
            import_size=IMPORT_SET,
        )
        pupils = []
        for index in range(size):
            pupil = self.person(f"pupil/{number}/{index}", pupil=True)
            pupils.append(pupil)
            add(
                "group_membership",
                _id("group_membership", f"{number}/{index}"),
                {"group_id": group, "person_id": pupil, "start_date": self.year_start},
                import_size=IMPORT_SET,
            )
            for parent in range(2):
                guardian = self.person(f"guardian/{number}/{index}/{parent}", pupil=False)
                add(
                    "guardian_relation",
                    _id("guardian_relation", f"{number}/{index}/{parent}"),
                    {"pupil_id": pupil, "guardian_id": guardian, "relation_type": "guardian"},
                    import_size=IMPORT_SET,
                )
        subject = SUBJECTS[number % len(SUBJECTS)]
        activity = add(
            "activity",
            _id("activity", str(number)),
            {
                "school_id": self.school,
                "display_name": f"{subject} {name}",
                "subject_code": subject[:3].upper(),
                "subject_name": subject,
                "activity_type": "teaching",
                "start_date": self.year_start,
            },
            import_size=IMPORT_SET,
        )
        add(
            "activity_group",
            _id("activity_group", str(number)),
            {"activity_id": activity, "group_id": group},
            import_size=IMPORT_SET,
        )
        # The colleague co-teaches the first group only.
        teachers = [("t", self.teacher)] + ([("c", self.colleague)] if number == 0 else [])
        for who, person in teachers:
            add(
                "activity_teacher",
                _id("activity_teacher", f"{number}/{who}"),
                {"activity_id": activity, "teacher_id": person, "grader": who == "t"},
                import_size=IMPORT_SET,
            )
        return _Group(group, activity, pupils)

    def lessons(self, number: int, group: _Group) -> None:
        """Three a week: `past_lessons` before today, then `future_lessons`."""
        slots = sorted(self.rng.sample(range(5 * 7), 3))  # (weekday, hour)
        monday = self.today - dt.timedelta(days=self.today.weekday())
        week_start = dt.datetime.combine(monday, dt.time(7), UTC) - dt.timedelta(weeks=60)
        starts = [
            week_start + dt.timedelta(weeks=week, days=slot // 7, hours=slot % 7)
            for week in range(120)
            for slot in slots
        ]
        past = [start for start in starts if start.date() < self.today]
        future = [start for start in starts if start.date() >= self.today]
        for start in past[-self.plan.past_lessons :] + future[: self.plan.future_lessons]:
            lesson = self.rows.add(
                "lesson",
                _id("lesson", f"{number}/{start.isoformat()}"),
                {
                    "activity_id": group.activity,
                    "start_time": start,
                    "end_time": start + dt.timedelta(minutes=50),
                    "room": f"B{self.rng.randrange(1, 30)}",
                    "cancelled": False,
                },
                import_size=IMPORT_SET,
            )
            group.lessons.append((lesson, start))

    def planning_units(self, number: int, group: _Group) -> None:
        for unit in range(self.plan.planning_units):
            self.rows.add(
                "planning_unit",
                _id("planning_unit", f"{number}/{unit}"),
                {
                    "activity_id": group.activity,
                    "title": self.text(4),
                    "aims": self.text(60),
                    "central_content": self.text(80),
                    "assessment_criteria": self.text(60),
                },
                by=self.teacher,
                import_size=IMPORT_SET,
            )

    def roll_calls(self, group: _Group) -> None:
        """Each past lesson's registration and marks: one push each."""
        for lesson, start in group.lessons:
            if start.date() >= self.today:
                continue
            at = start + dt.timedelta(minutes=5)
            self.rows.add(
                "lesson_registration",
                ids.lesson_registration_id(lesson),
                {"lesson_id": lesson, "activity_id": group.activity, "registered": True},
                at=at,
                by=self.teacher,
            )
            for pupil in group.pupils:
                status = self.rng.choice(ATTENDANCE)
                self.rows.add(
                    "attendance",
                    ids.attendance_id(lesson, pupil),
                    {
                        "lesson_id": lesson,
                        "pupil_id": pupil,
                        "activity_id": group.activity,
                        "status": status,
                        "late_minutes": self.rng.randrange(3, 20) if status == "late" else None,
                        "left_early_minutes": 15 if status == "left_early" else None,
                    },
                    at=at,
                    by=self.teacher,
                )
            self.rows.new_change_set()

    def assessments(self, number: int, group: _Group) -> None:
        """Each assessment with its results in one push; then the term grades."""
        rng = self.rng
        for index in range(self.plan.assessments):
            at = self.rows.now + dt.timedelta(days=7 * index + number)
            assessment = self.rows.add(
                "assessment",
                _id("assessment", f"{number}/{index}"),
                {
                    "activity_id": group.activity,
                    "title": self.text(3),
                    "description": self.text(25),
                    "assessment_type": rng.choice(["test", "assignment", "oral", "lab"]),
                    "assessment_date": at.date(),
                },
                at=at,
                by=self.teacher,
            )
            for pupil in group.pupils:
                comment = self.text(rng.randrange(1, 12)) if rng.random() < 0.4 else ""
                self.rows.add(
                    "assessment_result",
                    ids.assessment_result_id(assessment, pupil),
                    {
                        "assessment_id": assessment,
                        "pupil_id": pupil,
                        "activity_id": group.activity,
                        "grade": rng.choice(GRADES),
                        "comment": comment,
                    },
                    at=at,
                    by=self.teacher,
                )
            self.rows.new_change_set()
        # Last term's grades (the spring term before an autumn, and so on).
        term = f"VT{self.today.year}" if self.today.month >= 8 else f"HT{self.today.year - 1}"
        for pupil in group.pupils:
            self.rows.add(
                "term_grade",
                ids.term_grade_id(group.activity, pupil, term),
                {"pupil_id": pupil, "activity_id": group.activity, "term": term, "grade": "C"},
                by=self.teacher,
            )
        self.rows.new_change_set()

    def notes(self) -> None:
        """Notes written one at a time; a scaled plan's top-up twenty at a time."""
        plan = self.plan
        total = plan.notes
        if plan.top_up_to:
            total = max(plan.notes, plan.top_up_to - self.rows.count())
        for index in range(total):
            group = self.groups[index % len(self.groups)]
            self.rows.add(
                "pupil_note",
                _id("pupil_note", str(index)),
                {
                    "pupil_id": self.rng.choice(group.pupils),
                    "activity_id": group.activity,
                    "category": self.rng.choice(NOTE_CATEGORIES),
                    "body": self.text(self.rng.randrange(8, 60)),
                },
                at=self.rows.now + dt.timedelta(hours=index),
                by=self.teacher,
            )
            if index < plan.notes or index % 20 == 19:
                self.rows.new_change_set()
        self.rows.new_change_set()


def _later_edits(rows: _Rows, plan: Plan, rng: random.Random, slot_seq: list[int]) -> None:
    """Attendance corrected later (new seq, `fv` for the untouched fields),
    and notes deleted (tombstones). Applied to the rows before they are written."""
    marks = rows.by_kind["attendance"]
    edit_seq = slot_seq[-1] + 1
    edits = int(len(marks) * plan.edited_share)
    field_names = REGISTRY["attendance"].field_names
    for index, row in enumerate(rng.sample(range(len(marks)), edits)):
        mark = marks[row]
        old = mark["seq"]
        mark.update(status="late", late_minutes=5 + index % 10, seq=edit_seq + index // 30)
        changed = {"status", "late_minutes"}
        mark["field_seqs"] = {name: old for name in field_names if name not in changed}
        mark["modified_at"] = rows.now + dt.timedelta(days=200)
    notes = rows.by_kind["pupil_note"]
    for index, row in enumerate(rng.sample(range(len(notes)), plan.deleted_notes)):
        notes[row].update(deleted=True, seq=edit_seq + edits // 30 + 1 + index)


def write_school(engine: Engine, plan: Plan, *, today: dt.date) -> School:
    """Write the plan's school and the two accounts into an initialised, empty database."""
    rows, school = _YearPlanner(plan, today).build()
    rng = random.Random(plan.seed + 1)
    with write_transaction(engine) as conn:
        slot_seq = [allocate_seq(conn)]
        for _ in range(rows.change_sets):
            slot_seq.append(next_seq(conn))
        for kind_rows in rows.by_kind.values():
            for row in kind_rows:
                row["seq"] = slot_seq[row.pop("slot")]
        _later_edits(rows, plan, rng, slot_seq)
        # The counter past the edits' and deletes' seqs.
        highest = max(row["seq"] for kind_rows in rows.by_kind.values() for row in kind_rows)
        while slot_seq[-1] < highest:
            slot_seq.append(next_seq(conn))
        for kind in KIND_ORDER:
            _insert(conn, kind, rows.by_kind.get(kind, []))
        refresh_contact_protection(conn)
        for username, person in (
            (TEACHER, school.teacher_person),
            (COLLEAGUE, school.colleague_person),
        ):
            auth.create_user(
                conn,
                username=username,
                password=PASSWORD,
                display_name=username.title(),
                role="teacher",
                person_id=person,
            )
    school.rows_by_kind = {kind: len(found) for kind, found in rows.by_kind.items()}
    school.rows_in_scope = rows.count()
    return school


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(conn: Connection, kind: str, rows: Iterable[dict[str, Any]]) -> None:
    for chunk in _chunks(list(rows), 2000):
        conn.execute(synced[kind].insert(), chunk)

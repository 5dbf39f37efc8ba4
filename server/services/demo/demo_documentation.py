"""The demo teacher's pupil documentation (issue 11).

The demo teacher is the mentor of 7A: a mentor group "Mentor 7A" (all of
7A's pupils) and its mentorstid, an activity without lessons. Notes of each
visibility about pupils of 7A and 8A (one only for the demo teacher, one for
the mentors, one for every teacher, an utvecklingssamtal of this term, one
about an åtgärdsprogram), a note Jonas (co-teacher of 8A) wrote for every
teacher, and one he keeps to himself, which the server keeps and never
sends to the demo teacher. A few extra anpassningar, one ended and
evaluated, and one åtgärdsprogram reference: when, who decided, where the
document is; never its text.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable

from server.services.demo.demo_calendar import SchoolCalendar
from server.services.demo.demo_grade_history import SEED_CLIENT_ID
from server.services.demo.demo_people import Roster
from sync_protocol.entities import MergePolicy, entity
from sync_protocol.hlc import HlcStamp

Insert = Callable[[str, dict[str, object]], None]
IdMaker = Callable[[str, str], uuid.UUID]

MENTOR_GROUP = "Mentor 7A"

#: (group, visibility, category, text); the author is the demo teacher.
_NOTES = (
    (
        "7A",
        "private",
        "observation",
        "Verkar trött på måndagar. Håll koll innan jag tar det vidare.",
    ),
    (
        "7A",
        "mentors",
        "observation",
        "Berättade att det är oroligt hemma just nu. Mentorn följer upp.",
    ),
    (
        "7A",
        "teachers",
        "observation",
        "Arbetar bäst med tydliga delmål på tavlan.\nFungerade bra i grupparbetet om bråk.",
    ),
    (
        "7A",
        "mentors",
        "talk",
        "Utvecklingssamtal med elev och vårdnadshavare.\nMål: lämna in läxor i tid; "
        "läsa 20 minuter om dagen. Uppföljning i december.",
    ),
    (
        "8A",
        "teachers",
        "action_programme",
        "Åtgärdsprogram beslutat av rektor, se referensen. Följ anpassningarna i alla ämnen.",
    ),
    ("8A", "teachers", "extra_adjustment", "Muntlig redovisning i stället för skriftligt prov."),
)
#: (group, what, days since start, ended days ago or None, evaluation)
_ADJUSTMENTS = (
    ("7A", "Extra tid på prov (25 %)", 40, None, ""),
    ("7A", "Instruktioner även skriftligt, i punktform", 30, None, ""),
    ("8A", "Muntlig redovisning i stället för skriftligt prov", 50, None, ""),
    ("8A", "Sitta nära tavlan", 70, 10, "Fungerade: frågar mer sällan om instruktionerna."),
)


class _Writer:
    def __init__(self, insert: Insert, make_id: IdMaker, calendar: SchoolCalendar) -> None:
        self.insert = insert
        self.make_id = make_id
        self.calendar = calendar

    def by(self, kind: str, teacher: uuid.UUID, day: dt.date) -> dict[str, object]:
        at = dt.datetime.combine(day, dt.time(15, 30), tzinfo=dt.UTC)
        stamp = HlcStamp(int(at.timestamp() * 1000), 0, SEED_CLIENT_ID).to_text()
        names = [f.name for f in entity(kind).fields if f.policy is not MergePolicy.IMMUTABLE]
        return {
            "created_by": teacher,
            "modified_by": teacher,
            "created_at": at,
            "modified_at": at,
            "field_clock": {name: [stamp, str(teacher)] for name in names},
        }

    def day(self, days_ago: int) -> dt.date:
        return max(self.calendar.first_day, self.calendar.today - dt.timedelta(days=days_ago))


def _pupils(roster: Roster, group: str, today: dt.date) -> list[uuid.UUID]:
    return [
        m.pupil_id
        for m in roster.memberships
        if m.group == group and m.start <= today and (m.end is None or m.end >= today)
    ]


def write_mentor_group(
    insert: Insert,
    make_id: IdMaker,
    calendar: SchoolCalendar,
    roster: Roster,
    *,
    school_id: uuid.UUID,
    teacher_id: uuid.UUID,
) -> None:
    """Mentor 7A and its mentorstid: the demo teacher mentors 7A's pupils."""
    group_id = make_id("group", MENTOR_GROUP)
    insert(
        "group",
        {
            "id": group_id,
            "school_id": school_id,
            "display_name": MENTOR_GROUP,
            "group_type": "mentor",
            "school_year": 7,
            "start_date": calendar.school_year_start,
            "end_date": calendar.school_year_end,
        },
    )
    for m in roster.memberships:
        if m.group == "7A":
            insert(
                "group_membership",
                {
                    "id": make_id("group_membership", f"mentor/{m.id}"),
                    "group_id": group_id,
                    "person_id": m.pupil_id,
                    "start_date": m.start,
                    "end_date": m.end,
                },
            )
    activity_id = make_id("activity", "MENTOR-7A")
    insert(
        "activity",
        {
            "id": activity_id,
            "school_id": school_id,
            "display_name": "Mentorstid 7A",
            "subject_code": None,
            "subject_name": None,
            "activity_type": "pupil_activity",
            "start_date": calendar.school_year_start,
            "end_date": calendar.school_year_end,
        },
    )
    insert(
        "activity_group",
        {
            "id": make_id("activity_group", "MENTOR-7A"),
            "activity_id": activity_id,
            "group_id": group_id,
        },
    )
    insert(
        "activity_teacher",
        {
            "id": make_id("activity_teacher", "MENTOR-7A"),
            "activity_id": activity_id,
            "teacher_id": teacher_id,
            "grader": False,
        },
    )


def write_documentation(
    insert: Insert,
    make_id: IdMaker,
    calendar: SchoolCalendar,
    roster: Roster,
    *,
    teacher_id: uuid.UUID,
    colleague_id: uuid.UUID,
    rng: random.Random,
) -> None:
    """Notes, extra anpassningar and an åtgärdsprogram reference."""
    w = _Writer(insert, make_id, calendar)
    today = calendar.today
    pupils = {group: _pupils(roster, group, today) for group in ("7A", "8A")}
    chosen = {group: rng.sample(found, min(4, len(found))) for group, found in pupils.items()}
    for index, (group, visibility, category, body) in enumerate(_NOTES):
        pupil = chosen[group][index % len(chosen[group])]
        day = w.day(rng.randint(2, 30))
        insert(
            "pupil_note",
            {
                "id": make_id("pupil_note", f"demo/{index}"),
                "pupil_id": pupil,
                "activity_id": None,
                "category": category,
                "body": body,
                "visibility": visibility,
                "note_date": day,
                "term": calendar.term.code if category == "talk" else None,
                "needs_review": False,
                **w.by("pupil_note", teacher_id, day),
            },
        )
    pupil_8a = chosen["8A"][0]
    for key, visibility, body in (
        ("co/teachers", "teachers", "Har börjat räcka upp handen mer. Beröm fungerar."),
        ("co/private", "private", "Egen anteckning: prata med specialpedagogen."),
    ):
        day = w.day(rng.randint(2, 20))
        insert(
            "pupil_note",
            {
                "id": make_id("pupil_note", key),
                "pupil_id": pupil_8a,
                "activity_id": None,
                "category": "observation",
                "body": body,
                "visibility": visibility,
                "note_date": day,
                "term": None,
                "needs_review": False,
                **w.by("pupil_note", colleague_id, day),
            },
        )
    for index, (group, what, started, ended, evaluation) in enumerate(_ADJUSTMENTS):
        start = w.day(started)
        insert(
            "support_adjustment",
            {
                "id": make_id("support_adjustment", f"demo/{index}"),
                "pupil_id": chosen[group][index % len(chosen[group])],
                "what": what,
                "start_date": start,
                "end_date": None if ended is None else w.day(ended),
                "evaluation": evaluation,
                "needs_review": False,
                **w.by("support_adjustment", teacher_id, start),
            },
        )
    decided = w.day(45)
    insert(
        "action_programme_ref",
        {
            "id": make_id("action_programme_ref", "demo/0"),
            "pupil_id": chosen["8A"][0 % len(chosen["8A"])],
            "decided_on": decided,
            "decided_by": "Rektor Anna Lindqvist",
            "document_location": "Elevakten hos elevhälsan, pärm 8A",
            "needs_review": False,
            **w.by("action_programme_ref", teacher_id, decided),
        },
    )

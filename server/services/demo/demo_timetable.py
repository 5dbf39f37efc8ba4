"""The demo school's organisation and its weekly timetable.

Björkskolan is an F-9 school with two classes per year (1A-9B) and language
groups (moderna språk) in years 8 and 9. Years 1-3 have class teachers who
teach most subjects; years 4-6 share a teacher per year and two teachers of
mathematics and science; years 7-9 have subject teachers. Weekly hours
follow Lgr22's subjects at roughly the time a real school gives them.

The week is placed by a small greedy scheduler: lessons go into fixed slots
(08:10-15:30) where their classes, teachers and special rooms are free,
spread over the week. It is not a timetabling system, but no class, teacher
or special room is ever in two places at once.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

SUBJECTS: dict[str, str] = {
    "SV": "Svenska",
    "MA": "Matematik",
    "EN": "Engelska",
    "NO": "NO (biologi, fysik, kemi)",
    "SO": "SO (geografi, historia, religionskunskap, samhällskunskap)",
    "BL": "Bild",
    "IDH": "Idrott och hälsa",
    "MU": "Musik",
    "SL": "Slöjd",
    "TK": "Teknik",
    "HKK": "Hem- och konsumentkunskap",
    "M2SPA": "Moderna språk – spanska",
    "M2TYS": "Moderna språk – tyska",
}
#: Short names for activity names ("NO 7A" reads better than the full name).
SHORT_NAMES = {"NO": "NO", "SO": "SO", "M2SPA": "Spanska", "M2TYS": "Tyska"}

#: Lesson slots, Swedish local time.
SLOTS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(8, 10), dt.time(9, 0)),
    (dt.time(9, 10), dt.time(10, 0)),
    (dt.time(10, 20), dt.time(11, 10)),
    (dt.time(11, 20), dt.time(12, 10)),
    (dt.time(12, 50), dt.time(13, 40)),
    (dt.time(13, 50), dt.time(14, 40)),
    (dt.time(14, 45), dt.time(15, 30)),
)
#: The last slot of a day for each stage: the youngest go home (or to
#: fritids) after lunch.
_LAST_SLOT = {"low": 4, "mid": 5, "high": 6}


def _hours(text: str) -> dict[str, int]:
    """'SV:6 MA:4' -> {"SV": 6, "MA": 4}: lessons a week per subject."""
    return {subject: int(count) for subject, count in (item.split(":") for item in text.split())}


_WEEKLY: dict[str, dict[str, int]] = {
    "low": _hours("SV:6 MA:4 EN:1 NO:2 SO:2 BL:1 IDH:2 MU:1 SL:1 TK:1"),
    "mid": _hours("SV:4 MA:4 EN:2 NO:2 SO:2 BL:1 IDH:2 MU:1 SL:2 TK:1"),
    "high": _hours("SV:3 MA:4 EN:3 NO:3 SO:3 BL:1 IDH:2 MU:1 SL:1 TK:1 HKK:1"),
}
_LANGUAGE_LESSONS = 2

CLASSES: tuple[str, ...] = tuple(f"{year}{letter}" for year in range(1, 10) for letter in "AB")
LANGUAGE_GROUPS: dict[str, tuple[str, int]] = {
    "Spanska 8": ("M2SPA", 8),
    "Tyska 8": ("M2TYS", 8),
    "Spanska 9": ("M2SPA", 9),
    "Tyska 9": ("M2TYS", 9),
}


def stage(school_year: int) -> str:
    return "low" if school_year <= 3 else "mid" if school_year <= 6 else "high"


def class_year(group: str) -> int:
    return int(group[0]) if group in CLASSES else LANGUAGE_GROUPS[group][1]


@dataclass(frozen=True)
class Teacher:
    key: str
    given_name: str
    family_name: str
    description: str  # what they teach, for the summary
    #: (subject, group) pairs taught; a group may be a class or language group.
    teaches: tuple[tuple[str, str], ...]


def _each(subjects: str, groups: str) -> tuple[tuple[str, str], ...]:
    return tuple((subject, group) for group in groups.split() for subject in subjects.split())


_LOW = "SV MA EN NO SO BL TK IDH MU"
_HIGH_CLASSES = "7A 7B 8A 8B 9A 9B"

TEACHERS: tuple[Teacher, ...] = (
    Teacher("kl1a", "Karin", "Sundström", "Klasslärare 1A", _each(_LOW, "1A")),
    Teacher("kl1b", "Maria", "Nordin", "Klasslärare 1B", _each(_LOW, "1B")),
    Teacher("kl2a", "Eva", "Holm", "Klasslärare 2A", _each(_LOW, "2A")),
    Teacher("kl2b", "Leila", "Ahmadi", "Klasslärare 2B", _each(_LOW, "2B")),
    Teacher("kl3a", "Per", "Ekdahl", "Klasslärare 3A", _each(_LOW, "3A")),
    Teacher("kl3b", "Ingrid", "Lund", "Klasslärare 3B", _each(_LOW, "3B")),
    Teacher(
        "m4",
        "Johanna",
        "Berglöf",
        "Svenska, SO, engelska, bild, musik åk 4",
        _each("SV SO EN BL MU", "4A 4B"),
    ),
    Teacher(
        "m5",
        "Daniel",
        "Öberg",
        "Svenska, SO, engelska, bild, musik åk 5",
        _each("SV SO EN BL MU", "5A 5B"),
    ),
    Teacher(
        "m6",
        "Amira",
        "Haddad",
        "Svenska, SO, engelska, bild, musik åk 6",
        _each("SV SO EN BL MU", "6A 6B"),
    ),
    Teacher(
        "mn1", "Mikael", "Strand", "Matematik, NO, teknik 4A, 4B, 5A", _each("MA NO TK", "4A 4B 5A")
    ),
    Teacher(
        "mn2",
        "Helena",
        "Vikström",
        "Matematik, NO, teknik 5B, 6A, 6B",
        _each("MA NO TK", "5B 6A 6B"),
    ),
    Teacher(
        "demo",
        "Sara",
        "Lindholm",
        "Matematik och NO åk 7-8",
        (*_each("MA", "7A 7B 8A"), *_each("NO", "7A 7B")),
    ),
    Teacher(
        "co",
        "Jonas",
        "Ekström",
        "Speciallärare: matematik 8A (tillsammans med Sara), NO åk 9, teknik åk 7-9",
        (*_each("NO", "9A 9B"), *_each("TK", _HIGH_CLASSES)),
    ),
    Teacher(
        "hmn",
        "Ali",
        "Karimi",
        "Matematik och NO åk 8-9",
        (*_each("MA", "8B 9A 9B"), *_each("NO", "8A 8B")),
    ),
    Teacher(
        "hsv1", "Cecilia", "Wahlberg", "Svenska och engelska 7A, 7B, 8A", _each("SV EN", "7A 7B 8A")
    ),
    Teacher(
        "hsv2", "Magnus", "Falk", "Svenska och engelska 8B, 9A, 9B", _each("SV EN", "8B 9A 9B")
    ),
    Teacher("hso", "Peter", "Sandell", "SO åk 7-9", _each("SO", _HIGH_CLASSES)),
    Teacher(
        "spa",
        "Carolina",
        "Muñoz",
        "Spanska, bild och hemkunskap åk 7-9",
        (("M2SPA", "Spanska 8"), ("M2SPA", "Spanska 9"), *_each("BL HKK", _HIGH_CLASSES)),
    ),
    Teacher(
        "tys",
        "Thomas",
        "Becker",
        "Tyska och musik åk 7-9",
        (("M2TYS", "Tyska 8"), ("M2TYS", "Tyska 9"), *_each("MU", _HIGH_CLASSES)),
    ),
    Teacher(
        "idh",
        "Emil",
        "Forsgren",
        "Idrott och hälsa åk 4-9",
        _each("IDH", "4A 4B 5A 5B 6A 6B " + _HIGH_CLASSES),
    ),
    Teacher("sl", "Birgitta", "Nyqvist", "Slöjd åk 1-9", _each("SL", " ".join(CLASSES))),
)

#: Co-teaching: (subject, group) -> the second teacher, who does not grade.
CO_TEACHING: dict[tuple[str, str], str] = {("MA", "8A"): "co"}

_SPECIAL_ROOMS = {
    "IDH": "Idrottshallen",
    "SL": "Slöjdsalen",
    "MU": "Musiksalen",
    "HKK": "Hemkunskapssalen",
}


#: Each class's own room: A-huset for years 1-3, B for 4-6, C for 7-9.
CLASSROOMS = {
    group: f"{'ABC'[(class_year(group) - 1) // 3]}{group[0]}{'AB'.index(group[1]) + 1}"
    for group in CLASSES
}


def _room(subject: str, group: str) -> str:
    year = class_year(group)
    if subject == "IDH":
        return "Gymnastiksalen" if year <= 3 else "Idrottshallen"
    if subject in _SPECIAL_ROOMS:
        return _SPECIAL_ROOMS[subject]
    if subject == "BL" and year >= 4:
        return "Bildsalen"
    if year >= 7 and subject in ("NO", "TK"):
        return "NO-salen" if subject == "NO" else "Tekniksalen"
    if group in LANGUAGE_GROUPS:
        return "Språksal 1" if subject == "M2SPA" else "Språksal 2"
    return CLASSROOMS[group]


@dataclass(frozen=True)
class ActivityPlan:
    key: str  # "MA-7A"
    subject: str
    group: str
    teachers: tuple[str, ...]  # first one grades
    room: str
    weekly: int

    @property
    def display_name(self) -> str:
        name = SHORT_NAMES.get(self.subject, SUBJECTS[self.subject])
        return self.group if self.group in LANGUAGE_GROUPS else f"{name} {self.group}"

    @property
    def classes(self) -> tuple[str, ...]:
        """The classes whose pupils take part (both classes of a year for a language group)."""
        if self.group in LANGUAGE_GROUPS:
            year = LANGUAGE_GROUPS[self.group][1]
            return (f"{year}A", f"{year}B")
        return (self.group,)


def activity_plans() -> tuple[ActivityPlan, ...]:
    plans = []
    for teacher in TEACHERS:
        for subject, group in teacher.teaches:
            co = CO_TEACHING.get((subject, group))
            weekly = (
                _LANGUAGE_LESSONS
                if group in LANGUAGE_GROUPS
                else _WEEKLY[stage(class_year(group))][subject]
            )
            teachers = (teacher.key, co) if co else (teacher.key,)
            plans.append(
                ActivityPlan(
                    f"{subject}-{group}", subject, group, teachers, _room(subject, group), weekly
                )
            )
    return tuple(plans)


@dataclass(frozen=True)
class WeeklyLesson:
    activity: str  # ActivityPlan.key
    weekday: int  # 0 = Monday
    slot: int  # index into SLOTS


@dataclass(frozen=True)
class _Request:
    activities: tuple[ActivityPlan, ...]  # two for parallel language groups

    @property
    def resources(self) -> frozenset[str]:
        found: set[str] = set()
        for plan in self.activities:
            found.update(f"class:{group}" for group in plan.classes)
            found.update(f"teacher:{key}" for key in plan.teachers)
            if plan.room not in CLASSROOMS.values():
                found.add(f"room:{plan.room}")  # a room classes share
        return frozenset(found)

    @property
    def last_slot(self) -> int:
        return min(_LAST_SLOT[stage(class_year(plan.group))] for plan in self.activities)


def _requests(plans: tuple[ActivityPlan, ...], rng: random.Random) -> list[_Request]:
    by_key = {plan.key: plan for plan in plans}
    blocks: list[_Request] = []
    for year in (8, 9):
        pair = (by_key[f"M2SPA-Spanska {year}"], by_key[f"M2TYS-Tyska {year}"])
        blocks.extend(_Request(pair) for _ in range(_LANGUAGE_LESSONS))
    in_blocks = {plan.key for block in blocks for plan in block.activities}
    rest = [
        _Request((plan,)) for plan in plans if plan.key not in in_blocks for _ in range(plan.weekly)
    ]
    rng.shuffle(rest)
    # The hardest to place go first: parallel language groups, then the
    # demo teacher (whose week the demo shows), then shared special rooms.
    rest.sort(
        key=lambda r: (r.activities[0].teachers[0] != "demo", "room:" not in str(r.resources))
    )
    return blocks + rest


def weekly_timetable(rng: random.Random) -> tuple[WeeklyLesson, ...]:
    """One week of lessons for the whole school."""
    busy: set[tuple[str, int, int]] = set()
    load: Counter[tuple[str, int]] = Counter()
    placed: list[WeeklyLesson] = []
    for request in _requests(activity_plans(), rng):
        resources = request.resources
        best: tuple[float, int, int] | None = None
        for day in range(5):
            for slot in range(request.last_slot + 1):
                if any((resource, day, slot) in busy for resource in resources):
                    continue
                same_day = any(load[(f"activity:{p.key}", day)] for p in request.activities)
                score = (
                    20 * same_day
                    + 2 * max(load[(r, day)] for r in resources if r.startswith("class:"))
                    + max(load[(r, day)] for r in resources if r.startswith("teacher:"))
                    + 0.3 * slot
                    + rng.random()
                )
                if best is None or score < best[0]:
                    best = (score, day, slot)
        if best is None:
            continue  # a full week; a real school would find another hour
        _, day, slot = best
        for resource in resources:
            busy.add((resource, day, slot))
            load[(resource, day)] += 1
        for plan in request.activities:
            load[(f"activity:{plan.key}", day)] += 1
            placed.append(WeeklyLesson(plan.key, day, slot))
    return tuple(sorted(placed, key=lambda lesson: (lesson.weekday, lesson.slot, lesson.activity)))

"""The demo school's pupils, their guardians and their class memberships.

Pupils come in families: some siblings attend the school in different years
and share their guardians, as in a real school. A few pupils join, leave or
change class during the term, and a few have protected identity; some of
each are in the demo teacher's groups so the demo shows them.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from server.services.demo.demo_calendar import SchoolCalendar
from server.services.demo.demo_names import (
    EMAIL_DOMAINS,
    LOCALITY,
    POSTAL_PREFIXES,
    STREETS,
    NamePool,
    ascii_slug,
    fictional_mobile,
    pick_pool,
)
from server.services.demo.demo_timetable import CLASSES, class_year

IdMaker = Callable[[str, str], uuid.UUID]


@dataclass
class DemoPerson:
    id: uuid.UUID
    given_name: str
    family_name: str
    birth_date: dt.date | None = None
    security_marking: str = "none"
    email: str | None = None
    phone: str | None = None
    street_address: str | None = None
    postal_code: str | None = None
    locality: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass
class _Family:
    pool: NamePool
    family_name: str
    guardians: list[DemoPerson]
    children: list[tuple[DemoPerson, str]] = field(default_factory=list)  # (pupil, class)


@dataclass(frozen=True)
class DemoMembership:
    id: uuid.UUID
    group: str
    pupil_id: uuid.UUID
    start: dt.date
    end: dt.date | None


@dataclass
class Roster:
    pupils: list[DemoPerson] = field(default_factory=list)
    guardians: list[DemoPerson] = field(default_factory=list)
    #: (pupil id, guardian id)
    relations: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)
    memberships: list[DemoMembership] = field(default_factory=list)
    #: What changed during the term, for the summary ("Liam Karlsson joined 7A on ...").
    events: list[str] = field(default_factory=list)


class _RosterMaker:
    def __init__(self, rng: random.Random, make_id: IdMaker, calendar: SchoolCalendar) -> None:
        self.rng = rng
        self.make_id = make_id
        self.calendar = calendar
        self.roster = Roster()
        self.families: list[_Family] = []
        self._emails: set[str] = set()
        self._phones = 0

    def _email(self, given: str, family: str) -> str:
        local = f"{ascii_slug(given)}.{ascii_slug(family)}"
        domain = self.rng.choice(EMAIL_DOMAINS)
        address, number = f"{local}@{domain}", 1
        while address in self._emails:
            number += 1
            address = f"{local}{number}@{domain}"
        self._emails.add(address)
        return address

    def _guardian(self, pool: NamePool, family_name: str, woman: bool) -> DemoPerson:
        given = self.rng.choice(pool.women if woman else pool.men)
        person = DemoPerson(
            self.make_id("guardian", str(len(self.roster.guardians))),
            given,
            family_name,
            email=self._email(given, family_name),
            phone=fictional_mobile(self._phones),
        )
        self._phones += 1
        self.roster.guardians.append(person)
        return person

    def _new_family(self) -> _Family:
        pool = pick_pool(self.rng)
        family_name = self.rng.choice(pool.families)
        first_is_woman = self.rng.random() < 0.55
        guardians = [self._guardian(pool, family_name, first_is_woman)]
        if self.rng.random() < 0.8:
            # Parents often keep different family names; a few are two mothers or fathers.
            second_name = family_name if self.rng.random() < 0.7 else self.rng.choice(pool.families)
            second_is_woman = first_is_woman if self.rng.random() < 0.05 else not first_is_woman
            guardians.append(self._guardian(pool, second_name, second_is_woman))
        street = f"{self.rng.choice(STREETS)} {self.rng.randint(1, 60)}"
        postal = f"{self.rng.choice(POSTAL_PREFIXES)} {self.rng.randint(10, 99)}"
        for guardian in guardians:
            guardian.street_address, guardian.postal_code = street, postal
            guardian.locality = LOCALITY
        family = _Family(pool, family_name, guardians)
        self.families.append(family)
        return family

    def _family_for(self, group: str) -> _Family:
        year = class_year(group)
        if self.rng.random() < 0.22:
            candidates = [
                family
                for family in self.families
                if len(family.children) < 3
                and all(class_year(other) != year for _, other in family.children)
            ]
            if candidates:
                return self.rng.choice(candidates[-40:])
        return self._new_family()

    def add_pupil(self, group: str, *, family: _Family | None = None) -> DemoPerson:
        family = family or self._family_for(group)
        girl = self.rng.random() < 0.5
        names_taken = {child.given_name for child, _ in family.children}
        names = [
            name
            for name in (family.pool.girls if girl else family.pool.boys)
            if name not in names_taken
        ]
        birth_year = self.calendar.school_year_start.year - 6 - class_year(group)
        pupil = DemoPerson(
            self.make_id("pupil", str(len(self.roster.pupils))),
            self.rng.choice(names),
            family.family_name,
            birth_date=dt.date(birth_year, 1, 1) + dt.timedelta(days=self.rng.randrange(365)),
            street_address=family.guardians[0].street_address,
            postal_code=family.guardians[0].postal_code,
            locality=LOCALITY,
        )
        family.children.append((pupil, group))
        self.roster.pupils.append(pupil)
        self.roster.relations.extend((pupil.id, guardian.id) for guardian in family.guardians)
        return pupil

    def member(
        self, group: str, pupil: DemoPerson, start: dt.date, end: dt.date | None = None
    ) -> None:
        membership_id = self.make_id("membership", f"{group}/{pupil.id}/{start}")
        self.roster.memberships.append(DemoMembership(membership_id, group, pupil.id, start, end))

    def school_day(self, offset: int) -> dt.date:
        """The school day `offset` school days from today, kept inside the term."""
        days = self.calendar.school_days
        index = days.index(self.calendar.today) + offset
        return days[max(1, min(len(days) - 1, index))]


def _protect(maker: _RosterMaker, class_group: str, marking: str) -> DemoPerson:
    """Mark a pupil of `class_group` with protected identity, preferably an only child."""
    families = [
        family
        for family in maker.families
        if any(group == class_group for _, group in family.children)
        and all(child.security_marking == "none" for child, _ in family.children)
    ]
    only_children = [family for family in families if len(family.children) == 1]
    family = maker.rng.choice(only_children or families)
    pupil = next(child for child, group in family.children if group == class_group)
    pupil.security_marking = marking
    if marking == "protected_registration":
        # Skyddad folkbokföring: the family's real address is not known to the school.
        for person in (*(child for child, _ in family.children), *family.guardians):
            person.street_address = person.postal_code = person.locality = None
    return pupil


def build_roster(
    rng: random.Random, make_id: IdMaker, calendar: SchoolCalendar
) -> tuple[Roster, dict[str, DemoPerson]]:
    """Pupils, guardians and memberships; also the notable pupils by role in the demo."""
    maker = _RosterMaker(rng, make_id, calendar)
    start = calendar.school_year_start
    for group in CLASSES:
        for _ in range(rng.randint(24, 30)):
            pupil = maker.add_pupil(group)
            maker.member(group, pupil, start)
    roster = maker.roster
    for year in (8, 9):
        for membership in list(roster.memberships):
            if membership.group in (f"{year}A", f"{year}B"):
                language = "Spanska" if rng.random() < 0.55 else "Tyska"
                pupil = next(p for p in roster.pupils if p.id == membership.pupil_id)
                maker.member(f"{language} {year}", pupil, start)
    notable = {
        "confidential_7a": _protect(maker, "7A", "confidential"),
        "protected_8a": _protect(maker, "8A", "protected_registration"),
        "confidential_other": _protect(maker, "4B", "confidential"),
        "confidential_other2": _protect(maker, "9B", "confidential"),
        "protected_other": _protect(maker, "2B", "protected_registration"),
    }
    _term_changes(maker, notable)
    return roster, notable


def _end_membership(
    maker: _RosterMaker, group: str, index: int, end: dt.date, *, leaves_school: bool
) -> DemoPerson:
    """End an unmarked member's membership of `group` (and, leaving the school, all others)."""
    marked = {p.id for p in maker.roster.pupils if p.security_marking != "none"}
    members = [
        m
        for m in maker.roster.memberships
        if m.group == group and m.end is None and m.pupil_id not in marked
    ]
    pupil_id = members[index % len(members)].pupil_id
    for membership in list(maker.roster.memberships):
        ends = membership.group == group or leaves_school
        if membership.pupil_id == pupil_id and membership.end is None and ends:
            maker.roster.memberships.remove(membership)
            maker.member(membership.group, _pupil(maker, pupil_id), membership.start, end)
    return _pupil(maker, pupil_id)


def _pupil(maker: _RosterMaker, pupil_id: uuid.UUID) -> DemoPerson:
    return next(p for p in maker.roster.pupils if p.id == pupil_id)


def _term_changes(maker: _RosterMaker, notable: dict[str, DemoPerson]) -> None:
    """A few pupils who joined, left or changed class this term (dated memberships)."""
    events = maker.roster.events
    for group, offset, key in (("7A", -15, "joined_7a"), ("4B", -30, "joined_4b")):
        day = maker.school_day(offset)
        pupil = maker.add_pupil(group)
        maker.member(group, pupil, day)
        notable[key] = pupil
        events.append(f"{pupil.full_name} joined {group} on {day}")
    for group, offset, key in (
        ("7B", -8, "left_7b"),
        ("3A", -25, "left_3a"),
        ("8A", 5, "leaving_8a"),
    ):
        day = maker.school_day(offset)
        pupil = _end_membership(maker, group, 3, day, leaves_school=True)
        notable[key] = pupil
        verb = "left" if day < maker.calendar.today else "leaves"
        events.append(f"{pupil.full_name} {verb} {group} after {day}")
    move_day = maker.school_day(-20)
    mover = _end_membership(maker, "5A", 5, move_day - dt.timedelta(days=1), leaves_school=False)
    maker.member("5B", mover, move_day)
    notable["moved_5a_5b"] = mover
    events.append(f"{mover.full_name} moved from 5A to 5B on {move_day}")

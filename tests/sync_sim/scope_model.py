"""Who may see what, computed again from the raw rows (docs/scope.md), not
with the server's SQL (server.services.access.scope): a scope bug in the server then
shows up as a record that reached a teacher although this model says no.

The model reads every reference row once per change of the school (the
simulation bumps `version` when an admin writes), so checking every record
a client receives costs a dictionary lookup.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from server.tables import synced
from sync_protocol.entities import REGISTRY, Scope
from sync_protocol.kinds.documentation import DOCUMENTATION_KINDS
from sync_protocol.terms import term_for

Row = Mapping[str, Any]
_REFERENCE_KINDS = (
    "activity",
    "activity_teacher",
    "activity_group",
    "group",
    "group_membership",
    "guardian_relation",
    "person",
)


@dataclass(frozen=True)
class ModelScope:
    """One teacher's sets, as docs/scope.md defines them."""

    schools: frozenset[uuid.UUID]
    groups: frozenset[uuid.UUID]
    activities: frozenset[uuid.UUID]
    pupils: frozenset[uuid.UUID]
    persons: frozenset[uuid.UUID]
    #: Persons whose contact fields must never be sent.
    protected: frozenset[uuid.UUID]
    #: The teacher, and the pupils in P they are a mentor of (a teacher of
    #: an activity with a mentor group the pupil is in this term).
    me: uuid.UUID | None = None
    mentored: frozenset[uuid.UUID] = frozenset()
    #: Every pupil of the school who has a mentor (whoever it is).
    with_mentor: frozenset[uuid.UUID] = frozenset()

    def sees_note(self, row: Row) -> bool:
        """A pupil note: its author, the mentors for "mentors", every teacher of
        the pupil for "teachers" (or none, a note from before visibilities).
        A note being made (no created_by yet) is the teacher's own."""
        if row["pupil_id"] not in self.pupils:
            return False
        visibility = row.get("visibility")
        author = row.get("created_by", self.me)
        return (
            visibility in (None, "teachers")
            or (visibility == "mentors" and row["pupil_id"] in self.mentored)
            or (author is not None and author == self.me)
        )

    def sees(self, kind: str, row: Row) -> bool:
        """Whether a row (tombstone or not) of this kind is in the scope.
        A partial row (an op's fields) lacking a column the rule needs is not."""
        needed = [name for name, _ in _columns(kind)]
        if any(name not in row for name in needed):
            return False
        scope = REGISTRY[kind].scope
        if scope is Scope.CATALOGUE:
            # National reference data: every teacher with a school sees all of it.
            return bool(self.schools)
        if scope is Scope.PUPIL_NOTE:
            return self.sees_note(row)
        if kind == "sync_conflict" and row.get("record_kind") in DOCUMENTATION_KINDS:
            # Only to the teachers it involves: a private note's words travel in it.
            involved = {row.get("current_by"), row.get("rival_by"), row.get("addressed_to")}
            return row["pupil_id"] in self.pupils and self.me in involved
        if scope is Scope.SCHOOL:
            return row["id"] in self.schools
        if scope is Scope.GROUP:
            return row["id"] in self.groups
        if scope is Scope.GROUP_CHILD:
            return row["group_id"] in self.groups and row["person_id"] in self.pupils
        if scope is Scope.ACTIVITY:
            return row["id"] in self.activities
        if scope is Scope.ACTIVITY_CHILD:
            if kind == "activity_group":
                return row["activity_id"] in self.activities and row["group_id"] in self.groups
            return row["activity_id"] in self.activities
        if scope is Scope.PERSON:
            return row["id"] in self.persons
        if scope is Scope.PUPIL_CHILD:
            return row["pupil_id"] in self.pupils
        # ACTIVITY_PUPIL; a conflict about a whole activity names no pupil.
        if row["activity_id"] not in self.activities:
            return False
        pupil = row["pupil_id"]
        return pupil in self.pupils or (pupil is None and kind == "sync_conflict")


def _columns(kind: str) -> tuple[tuple[str, str], ...]:
    spec = REGISTRY[kind]
    if spec.scope is Scope.CATALOGUE:
        return ()
    if spec.scope in (Scope.SCHOOL, Scope.GROUP, Scope.ACTIVITY, Scope.PERSON):
        return (("id", ""),)
    if spec.scope is Scope.GROUP_CHILD:
        return (("group_id", ""), ("person_id", ""))
    if spec.scope in (Scope.PUPIL_CHILD, Scope.PUPIL_NOTE):
        return (("pupil_id", ""),)
    if spec.scope is Scope.ACTIVITY_CHILD:
        return (("activity_id", ""), *((("group_id", ""),) if kind == "activity_group" else ()))
    return (("activity_id", ""), ("pupil_id", ""))


def _live(rows: Iterable[Row]) -> list[Row]:
    return [row for row in rows if not row["deleted"]]


class ScopeModel:
    """Reads the reference rows of a server database and answers per teacher."""

    def __init__(self, engine: Engine, today: dt.date) -> None:
        self.engine = engine
        self.term = term_for(today)
        self.version = 0
        self._loaded_version = -1
        self._rows: dict[str, list[Row]] = {}
        self._scopes: dict[uuid.UUID, ModelScope] = {}

    def changed(self) -> None:
        """The school's reference data changed (an admin wrote)."""
        self.version += 1

    def _load(self) -> None:
        if self._loaded_version == self.version:
            return
        with self.engine.connect() as conn:
            self._rows = {
                kind: [dict(row) for row in conn.execute(select(synced[kind])).mappings()]
                for kind in _REFERENCE_KINDS
            }
        self._scopes = {}
        self._loaded_version = self.version

    def scope_of(self, teacher: uuid.UUID) -> ModelScope:
        self._load()
        if teacher not in self._scopes:
            self._scopes[teacher] = self._compute(teacher)
        return self._scopes[teacher]

    def _compute(self, teacher: uuid.UUID) -> ModelScope:
        rows = self._rows
        live_activities = {row["id"] for row in _live(rows["activity"])}
        teaching = _live(rows["activity_teacher"])
        links = [
            row for row in _live(rows["activity_group"]) if row["activity_id"] in live_activities
        ]
        mine = {row["activity_id"] for row in teaching if row["teacher_id"] == teacher}
        groups = frozenset(row["group_id"] for row in links if row["activity_id"] in mine)
        activities = frozenset(row["activity_id"] for row in links if row["group_id"] in groups)
        term = self.term
        pupils = frozenset(
            row["person_id"]
            for row in _live(rows["group_membership"])
            if row["group_id"] in groups
            and row["start_date"] <= term.end
            and (row["end_date"] is None or row["end_date"] >= term.start)
        )
        relations = _live(rows["guardian_relation"])
        guardians = {row["guardian_id"] for row in relations if row["pupil_id"] in pupils}
        teachers = {row["teacher_id"] for row in teaching if row["activity_id"] in activities}
        schools = frozenset(row["school_id"] for row in rows["group"] if row["id"] in groups)
        marked = {
            row["id"] for row in rows["person"] if row["security_marking"] not in (None, "none")
        }
        protected = marked | {row["guardian_id"] for row in relations if row["pupil_id"] in marked}
        mentor_groups = {row["id"] for row in _live(rows["group"]) if row["group_type"] == "mentor"}
        with_mentor = self._pupils_of(
            {
                link["group_id"]
                for link in links
                if link["group_id"] in mentor_groups
                and any(t["activity_id"] == link["activity_id"] for t in teaching)
            }
        )
        mentored = self._pupils_of(mentor_groups & groups) & pupils
        return ModelScope(
            me=teacher,
            mentored=mentored,
            with_mentor=with_mentor,
            schools=schools,
            groups=groups,
            activities=activities,
            pupils=pupils,
            persons=frozenset(pupils | guardians | teachers),
            protected=frozenset(protected),
        )

    def _pupils_of(self, groups: set[uuid.UUID] | frozenset[uuid.UUID]) -> frozenset[uuid.UUID]:
        """Pupils with a membership of these groups overlapping the term."""
        term = self.term
        return frozenset(
            row["person_id"]
            for row in _live(self._rows["group_membership"])
            if row["group_id"] in groups
            and row["start_date"] <= term.end
            and (row["end_date"] is None or row["end_date"] >= term.start)
        )

    def member_on(self, pupil: uuid.UUID, activity: uuid.UUID, day: dt.date | None) -> bool:
        """The pupil is in one of the activity's groups (on `day`, when given)."""
        self._load()
        groups = {
            row["group_id"]
            for row in _live(self._rows["activity_group"])
            if row["activity_id"] == activity
        }
        return any(
            row["group_id"] in groups
            and (
                day is None
                or (
                    row["start_date"] <= day and (row["end_date"] is None or day <= row["end_date"])
                )
            )
            for row in _live(self._rows["group_membership"])
            if row["person_id"] == pupil
        )

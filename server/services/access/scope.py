"""Who may see what: a teacher's scope, as sets of ids and as SQL conditions.

G = groups the teacher teaches (through a non-deleted activity_teacher row
on a non-deleted activity, and that activity's non-deleted activity_group
rows); A = non-deleted activities with a group in G; P = pupils with a
non-deleted membership of a group in G overlapping the current term; the
visible persons are P, P's guardians and the teachers of A; M = pupils in P
with a current membership of a mentor group in G (the caller mentors them).
A pupil note is seen by its author, by every teacher of the pupil when its
visibility is "teachers", and by the pupil's mentors when it is "mentors".
docs/scope.md says it in full.

Every synced kind's rows are selected by one condition per registry Scope,
so one generic feed (server.services.sync.feed) serves all kinds. Each condition
depends only on the row's own columns and on the sets above; the scope
fingerprint hashes those sets, so any change that can make an old row
visible (or invisible) changes the fingerprint, which the feed reports as
scope_changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select, true

from server.tables import synced
from sync_protocol.entities import REGISTRY, Scope
from sync_protocol.kinds.documentation import DOCUMENTATION_KINDS
from sync_protocol.terms import Term, term_for
from sync_protocol.versions import SCHEMA_VERSION

Ids = frozenset[uuid.UUID]
#: Kinds whose activity_id schema 2 declared required (schema 3 made it optional).
_ACTIVITY_BEFORE_3 = ("pupil_note", "sync_conflict")
_EMPTY: Ids = frozenset()

#: Bumped when the meaning of the sets changes, so old cursors see a change.
_FINGERPRINT_VERSION = "2"


@dataclass(frozen=True)
class TeacherScope:
    term: Term
    schools: Ids = _EMPTY
    groups: Ids = _EMPTY  # G
    activities: Ids = _EMPTY  # A
    pupils: Ids = _EMPTY  # P
    persons: Ids = _EMPTY  # P, their guardians, the teachers of A
    mentored: Ids = _EMPTY  # M: pupils in P this teacher is a mentor of
    #: Notes about pupils in P that this teacher may not see. Only their ids
    #: go into the fingerprint, so a note narrowed away from this teacher
    #: changes it, and the divergence check removes the note from the cache.
    hidden_notes: Ids = _EMPTY
    me: uuid.UUID | None = None  # the teacher's person id

    @property
    def is_empty(self) -> bool:
        return not (self.schools or self.groups or self.activities or self.persons)

    @property
    def fingerprint(self) -> str:
        """A short hash of the sets and the term; equal scopes, equal prints."""
        digest = hashlib.sha256()
        digest.update(f"klassbok-scope/{_FINGERPRINT_VERSION}/{self.term.code}".encode())
        for label, ids in (
            ("s", self.schools),
            ("g", self.groups),
            ("a", self.activities),
            ("p", self.pupils),
            ("v", self.persons),
            ("m", self.mentored),
            ("h", self.hidden_notes),
        ):
            digest.update(f"|{label}:".encode())
            digest.update(b",".join(i.bytes for i in in_order(ids)))
        return digest.hexdigest()[:32]

    def where(self, kind: str, schema_version: int = SCHEMA_VERSION) -> ColumnElement[bool] | None:
        """The condition selecting this kind's rows in scope; None when there are none.

        Deleted rows are not excluded: their tombstones must reach clients.
        A client of schema 2 requires an activity on every note and conflict,
        so it is not sent those that name none (documentation of schema 3).
        """
        condition = self._where(kind)
        if condition is not None and schema_version < 3 and kind in _ACTIVITY_BEFORE_3:
            condition = and_(condition, synced[kind].c.activity_id.is_not(None))
        return condition

    def _where(self, kind: str) -> ColumnElement[bool] | None:
        spec = REGISTRY[kind]
        if spec.scope is Scope.CATALOGUE:
            # National reference data: all of it, for a teacher with a school.
            # The fingerprint hashes the schools, so gaining or losing the
            # last one is a scope change.
            return true() if self.schools else None
        c = synced[kind].c
        if spec.scope is Scope.PUPIL_NOTE:
            return self.note_condition(c) if self.pupils else None
        if kind == "sync_conflict":
            return self._conflict_condition(c)
        # sync_conflict rows about a whole activity name no pupil.
        pupil_optional = spec.scope is Scope.ACTIVITY_PUPIL and spec.field("pupil_id").nullable
        conditions: list[ColumnElement[bool]] = []
        for column_name, set_name in scope_columns(kind):
            column, ids = c[column_name], getattr(self, set_name)
            if pupil_optional and column_name == "pupil_id":
                no_pupil = column.is_(None)
                conditions.append(or_(no_pupil, column.in_(in_order(ids))) if ids else no_pupil)
            elif not ids:
                return None
            else:
                conditions.append(column.in_(in_order(ids)))
        return and_(*conditions)

    def note_visible(self, c: Any) -> ColumnElement[bool]:
        """The visibility part of a pupil note's condition (the pupil in P aside)."""
        seen: list[ColumnElement[bool]] = [
            c.visibility.is_(None),
            c.visibility == "teachers",
        ]
        if self.mentored:
            seen.append(and_(c.visibility == "mentors", c.pupil_id.in_(in_order(self.mentored))))
        if self.me is not None:
            # Not NULL-valued for rows nobody signed (server-made), so that
            # NOT of this condition (hidden notes) finds those too.
            seen.append(and_(c.created_by.is_not(None), c.created_by == self.me))
        return or_(*seen)

    def note_condition(self, c: Any) -> ColumnElement[bool]:
        return and_(c.pupil_id.in_(in_order(self.pupils)), self.note_visible(c))

    def may_see_note(self, row: Any) -> bool:
        """The same rule for one row (a mapping with the note's columns)."""
        if row["pupil_id"] not in self.pupils:
            return False
        visibility = row["visibility"]
        return (
            visibility in (None, "teachers")
            or (visibility == "mentors" and row["pupil_id"] in self.mentored)
            or (self.me is not None and row["created_by"] == self.me)
        )

    def _conflict_condition(self, c: Any) -> ColumnElement[bool] | None:
        """A conflict about documentation reaches only the teachers it involves
        (a private note's words must not travel in one); any other conflict
        is in the scope of its activity and pupil."""
        arms: list[ColumnElement[bool]] = []
        if self.activities:
            pupil = or_(c.pupil_id.is_(None), c.pupil_id.in_(in_order(self.pupils)))
            arms.append(
                and_(
                    c.record_kind.not_in(DOCUMENTATION_KINDS),
                    c.activity_id.in_(in_order(self.activities)),
                    pupil if self.pupils else c.pupil_id.is_(None),
                )
            )
        if self.pupils and self.me is not None:
            arms.append(
                and_(
                    c.record_kind.in_(DOCUMENTATION_KINDS),
                    c.pupil_id.in_(in_order(self.pupils)),
                    or_(c.current_by == self.me, c.rival_by == self.me, c.addressed_to == self.me),
                )
            )
        return or_(*arms) if arms else None


#: Per registry Scope: (column, set of TeacherScope the column's value must be in).
_SCOPE_COLUMNS: dict[Scope, tuple[tuple[str, str], ...]] = {
    Scope.SCHOOL: (("id", "schools"),),
    Scope.GROUP: (("id", "groups"),),
    # A membership row names a pupil; only pupils in P may be named, or a
    # client would learn of pupils who left the group before this term.
    Scope.GROUP_CHILD: (("group_id", "groups"), ("person_id", "pupils")),
    Scope.ACTIVITY: (("id", "activities"),),
    Scope.ACTIVITY_CHILD: (("activity_id", "activities"),),
    Scope.PERSON: (("id", "persons"),),
    Scope.PUPIL_CHILD: (("pupil_id", "pupils"),),
    Scope.ACTIVITY_PUPIL: (("activity_id", "activities"), ("pupil_id", "pupils")),
    # Every row, for a teacher with a school (TeacherScope.where).
    Scope.CATALOGUE: (),
    Scope.PUPIL_NOTE: (("pupil_id", "pupils"),),  # and the visibility (TeacherScope.where)
}


def scope_columns(kind: str) -> tuple[tuple[str, str], ...]:
    """The (column, scope set) pairs a row of this kind must satisfy."""
    spec = REGISTRY[kind]
    pairs = _SCOPE_COLUMNS[spec.scope]
    if spec.scope is Scope.ACTIVITY_CHILD and spec.has_field("group_id"):
        # activity_group: an activity in A may also include a group the
        # teacher does not teach; that group's id is not theirs to see.
        pairs = (*pairs, ("group_id", "groups"))
    return pairs


def in_order(ids: Ids) -> list[uuid.UUID]:
    """The ids sorted as UUIDs sort, by their integers: the feed asks for the
    IN lists of every kind on every page, and UUID.__lt__ in Python made
    sorting them a noticeable part of a first sync."""
    return sorted(ids, key=_AS_INT)


_AS_INT = attrgetter("int")


def _ids(conn: Connection, query: object) -> Ids:
    return frozenset(conn.execute(query).scalars())  # type: ignore[call-overload]


def compute_scope(
    conn: Connection, *, role: str, person_id: uuid.UUID | None, today: dt.date
) -> TeacherScope:
    """The scope of an account on `today`. Admins and other roles see nothing here."""
    term = term_for(today)
    if role != "teacher" or person_id is None:
        return TeacherScope(term=term)
    activity = synced["activity"]
    activity_teacher = synced["activity_teacher"]
    activity_group = synced["activity_group"]
    membership = synced["group_membership"]
    guardian = synced["guardian_relation"]
    group = synced["group"]

    groups = _ids(
        conn,
        select(activity_group.c.group_id)
        .join(activity_teacher, activity_teacher.c.activity_id == activity_group.c.activity_id)
        .join(activity, activity.c.id == activity_group.c.activity_id)
        .where(
            activity_teacher.c.teacher_id == person_id,
            activity_teacher.c.deleted.is_(False),
            activity.c.deleted.is_(False),
            activity_group.c.deleted.is_(False),
        )
        .distinct(),
    )
    if not groups:
        return TeacherScope(term=term)
    group_list = sorted(groups)
    activities = _ids(
        conn,
        select(activity_group.c.activity_id)
        .join(activity, activity.c.id == activity_group.c.activity_id)
        .where(
            activity_group.c.group_id.in_(group_list),
            activity_group.c.deleted.is_(False),
            activity.c.deleted.is_(False),
        )
        .distinct(),
    )
    pupils = _ids(
        conn,
        select(membership.c.person_id)
        .where(
            membership.c.group_id.in_(group_list),
            membership.c.deleted.is_(False),
            membership.c.start_date <= term.end,
            or_(membership.c.end_date.is_(None), membership.c.end_date >= term.start),
        )
        .distinct(),
    )
    guardians = (
        _ids(
            conn,
            select(guardian.c.guardian_id)
            .where(guardian.c.pupil_id.in_(sorted(pupils)), guardian.c.deleted.is_(False))
            .distinct(),
        )
        if pupils
        else _EMPTY
    )
    teachers = _ids(
        conn,
        select(activity_teacher.c.teacher_id)
        .where(
            activity_teacher.c.activity_id.in_(sorted(activities)),
            activity_teacher.c.deleted.is_(False),
        )
        .distinct(),
    )
    schools = _ids(conn, select(group.c.school_id).where(group.c.id.in_(group_list)).distinct())
    mentored = _mentored(conn, group_list, term) & pupils
    scope = TeacherScope(
        term=term,
        schools=schools,
        groups=groups,
        activities=activities,
        pupils=pupils,
        persons=pupils | guardians | teachers,
        mentored=mentored,
        me=person_id,
    )
    if not pupils:
        return scope
    note = synced["pupil_note"]
    hidden = _ids(
        conn,
        select(note.c.id).where(
            note.c.pupil_id.in_(in_order(pupils)),
            note.c.deleted.is_(False),
            ~scope.note_visible(note.c),
        ),
    )
    return dataclasses.replace(scope, hidden_notes=hidden)


def _mentored(conn: Connection, group_list: list[uuid.UUID], term: Term) -> Ids:
    """Pupils with a membership overlapping the term of a mentor group among
    the teacher's groups: a teacher of an activity with a mentor group
    (mentorstid) is the mentor of that group's pupils."""
    group = synced["group"]
    membership = synced["group_membership"]
    return _ids(
        conn,
        select(membership.c.person_id)
        .join(group, group.c.id == membership.c.group_id)
        .where(
            group.c.id.in_(group_list),
            group.c.group_type == "mentor",
            group.c.deleted.is_(False),
            membership.c.deleted.is_(False),
            membership.c.start_date <= term.end,
            or_(membership.c.end_date.is_(None), membership.c.end_date >= term.start),
        )
        .distinct(),
    )


#: The tables compute_scope reads. Every write to them stamps the rows it
#: touches with a new, higher seq (server.db.allocate_seq; a delete is a
#: tombstone), so their highest seqs say whether a scope computed before is
#: still the scope now.
_SCOPE_TABLES = (
    "activity",
    "activity_teacher",
    "activity_group",
    "group_membership",
    "guardian_relation",
    "group",
    # Which notes are hidden from the teacher (TeacherScope.hidden_notes).
    "pupil_note",
)
_SCOPE_MEMO_SIZE = 256
_scope_memo: dict[tuple[Any, ...], tuple[TeacherScope, str]] = {}


def cached_scope(
    conn: Connection, *, role: str, person_id: uuid.UUID | None, today: dt.date
) -> tuple[TeacherScope, str]:
    """compute_scope and its fingerprint, remembered while the tables it reads
    are unchanged. A first sync asks for it once per page, and for a teacher
    of 600 pupils it was a tenth of the server's work on a page; every push
    asks for it too. Read inside the caller's transaction, so the scope is
    that snapshot's."""
    if role != "teacher" or person_id is None:
        scope = compute_scope(conn, role=role, person_id=person_id, today=today)
        return scope, scope.fingerprint
    versions = conn.execute(
        select(*(select(func.max(synced[kind].c.seq)).scalar_subquery() for kind in _SCOPE_TABLES))
    ).one()
    key = (str(conn.engine.url), person_id, today, *versions)
    found = _scope_memo.get(key)
    if found is None:
        scope = compute_scope(conn, role=role, person_id=person_id, today=today)
        found = (scope, scope.fingerprint)
        if len(_scope_memo) >= _SCOPE_MEMO_SIZE:
            _scope_memo.clear()
        _scope_memo[key] = found
    return found

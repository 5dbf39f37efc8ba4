"""Who may see what: a teacher's scope, as sets of ids and as SQL conditions.

G = groups the teacher teaches (through a non-deleted activity_teacher row
on a non-deleted activity, and that activity's non-deleted activity_group
rows); A = non-deleted activities with a group in G; P = pupils with a
non-deleted membership of a group in G overlapping the current term; the
visible persons are P, P's guardians and the teachers of A. docs/scope.md
says it in full.

Every synced kind's rows are selected by one condition per registry Scope,
so one generic feed (server.services.sync.feed) serves all kinds. Each condition
depends only on the row's own columns and on the sets above; the scope
fingerprint hashes those sets, so any change that can make an old row
visible (or invisible) changes the fingerprint, which the feed reports as
scope_changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select, true

from server.tables import synced
from sync_protocol.entities import REGISTRY, Scope
from sync_protocol.terms import Term, term_for

Ids = frozenset[uuid.UUID]
_EMPTY: Ids = frozenset()

#: Bumped when the meaning of the sets changes, so old cursors see a change.
_FINGERPRINT_VERSION = "1"


@dataclass(frozen=True)
class TeacherScope:
    term: Term
    schools: Ids = _EMPTY
    groups: Ids = _EMPTY  # G
    activities: Ids = _EMPTY  # A
    pupils: Ids = _EMPTY  # P
    persons: Ids = _EMPTY  # P, their guardians, the teachers of A

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
        ):
            digest.update(f"|{label}:".encode())
            digest.update(b",".join(i.bytes for i in in_order(ids)))
        return digest.hexdigest()[:32]

    def where(self, kind: str) -> ColumnElement[bool] | None:
        """The condition selecting this kind's rows in scope; None when there are none.

        Deleted rows are not excluded: their tombstones must reach clients.
        """
        spec = REGISTRY[kind]
        if spec.scope is Scope.CATALOGUE:
            # National reference data: all of it, for a teacher with a school.
            # The fingerprint hashes the schools, so gaining or losing the
            # last one is a scope change.
            return true() if self.schools else None
        c = synced[kind].c
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
    return TeacherScope(
        term=term,
        schools=schools,
        groups=groups,
        activities=activities,
        pupils=pupils,
        persons=pupils | guardians | teachers,
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

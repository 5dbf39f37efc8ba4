"""What the sync screens (status bar, Conflicts page, notice toasts) read,
in one call each: conflicts and notices with a structured description of the
record they are about (so the page can say "Grade on “Prov 1”" in the
teacher's language), and who settled a conflict that left the list
("Cecilia already decided this")."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, func, select

from local_db.repositories.labels import person_name
from local_db.repositories.status import sync_status
from local_db.repositories.sync_issues import (
    open_conflicts,
    open_notices,
    rejected_edits,
    unseen_notices,
)
from local_db.schema import synced
from local_db.views import (
    ConflictView,
    NoticeView,
    RejectedEditView,
    SyncStatus,
)

_conflict = synced["sync_conflict"]


@dataclass(frozen=True)
class RecordSubject:
    """What a conflict or notice is about, in parts the UI words itself."""

    kind: str
    activity_name: str | None = None
    #: Title of the assessment (for a result), planning unit or assessment.
    title: str | None = None
    #: Start of the lesson (attendance, roll call, lesson plan).
    lesson_start: dt.datetime | None = None
    #: "HT2024" for a term grade.
    term: str | None = None
    #: The pupil the record is about, if any.
    pupil_name: str | None = None


@dataclass(frozen=True)
class ConflictItem:
    view: ConflictView
    subject: RecordSubject


@dataclass(frozen=True)
class NoticeItem:
    view: NoticeView
    subject: RecordSubject


@dataclass(frozen=True)
class RejectedItem:
    """An edit the server refused, with what it is about."""

    view: RejectedEditView
    subject: RecordSubject


@dataclass(frozen=True)
class SettledConflict:
    """A conflict that was on screen and is no longer open."""

    id: uuid.UUID
    #: resolved | acknowledged | gone (no longer on this computer).
    state: str
    by_id: uuid.UUID | None
    by_name: str | None


@dataclass(frozen=True)
class SyncOverview:
    status: SyncStatus
    conflicts_to_decide: int
    open_notices: int


@dataclass(frozen=True)
class ConflictsSnapshot:
    conflicts: tuple[ConflictItem, ...]
    notices: tuple[NoticeItem, ...]
    #: Of the ids asked about, those no longer open (settled elsewhere or here).
    settled: tuple[SettledConflict, ...]


# --- what a record is ----------------------------------------------------------


def _row(conn: Connection, kind: str, record_id: uuid.UUID | None) -> RowMapping | None:
    if record_id is None or kind not in synced:
        return None
    table = synced[kind]
    return conn.execute(select(table).where(table.c.id == record_id)).mappings().first()


def record_subject(
    conn: Connection, kind: str, record_id: uuid.UUID, activity_id: uuid.UUID | None = None
) -> RecordSubject:
    row = _row(conn, kind, record_id)
    activity = _row(conn, "activity", activity_id or (row["activity_id"] if row else None))
    activity_name = None if activity is None else str(activity["display_name"])
    if row is None:
        return RecordSubject(kind, activity_name)
    title: str | None = None
    lesson_start: dt.datetime | None = None
    if kind == "assessment_result":
        assessment = _row(conn, "assessment", row["assessment_id"])
        title = None if assessment is None else str(assessment["title"])
    elif kind in ("assessment", "planning_unit"):
        title = str(row["title"])
    if kind in ("attendance", "lesson_registration", "lesson_plan"):
        lesson = _row(conn, "lesson", row["lesson_id"])
        lesson_start = None if lesson is None else lesson["start_time"]
    term = str(row["term"]) if kind == "term_grade" else None
    pupil = person_name(conn, row["pupil_id"]) if "pupil_id" in row else None
    return RecordSubject(kind, activity_name, title, lesson_start, term, pupil)


# --- notices -------------------------------------------------------------------


def _activity_of(conn: Connection, conflict_id: uuid.UUID) -> uuid.UUID | None:
    value = conn.execute(
        select(_conflict.c.activity_id).where(_conflict.c.id == conflict_id)
    ).scalar_one_or_none()
    return value if isinstance(value, uuid.UUID) else None


def _notice_items(conn: Connection, views: Iterable[NoticeView]) -> tuple[NoticeItem, ...]:
    return tuple(
        NoticeItem(
            view,
            record_subject(conn, view.record_kind, view.record_id, _activity_of(conn, view.id)),
        )
        for view in views
    )


def unseen_notice_items(conn: Connection, me: uuid.UUID | None) -> tuple[NoticeItem, ...]:
    """Notices not toasted yet (local_db's unseen_notices), with their subject."""
    return _notice_items(conn, unseen_notices(conn, me))


def rejected_items(conn: Connection) -> list[RejectedItem]:
    """Refused edits (local_db's rejected_edits), oldest first, with their subject."""
    return [
        RejectedItem(view, record_subject(conn, view.kind, view.record_id))
        for view in rejected_edits(conn)
    ]


# --- the Conflicts page and the status bar -----------------------------------


def _settled(conn: Connection, ids: Iterable[uuid.UUID]) -> list[SettledConflict]:
    wanted = set(ids)
    if not wanted:
        return []
    rows = {
        row["id"]: row
        for row in conn.execute(select(_conflict).where(_conflict.c.id.in_(wanted))).mappings()
    }
    found = []
    for conflict_id in sorted(wanted, key=str):
        row = rows.get(conflict_id)
        if row is None or row["deleted"]:
            found.append(SettledConflict(conflict_id, "gone", None, None))
        elif row["state"] != "open":
            by = row["modified_by"]
            found.append(SettledConflict(conflict_id, row["state"], by, person_name(conn, by)))
    return found


def conflicts_snapshot(
    conn: Connection, me: uuid.UUID | None, shown: Iterable[uuid.UUID] = ()
) -> ConflictsSnapshot:
    """Everything the Conflicts page shows; `shown` are the ids it showed before,
    so it can say who settled the ones that are gone."""
    views = open_conflicts(conn, me)
    notices = open_notices(conn, me)
    open_ids = {view.id for view in views} | {notice.id for notice in notices}
    items = tuple(
        ConflictItem(
            view,
            record_subject(conn, view.record_kind, view.record_id, _activity_of(conn, view.id)),
        )
        for view in views
    )
    return ConflictsSnapshot(
        conflicts=items,
        notices=_notice_items(conn, notices),
        settled=tuple(_settled(conn, set(shown) - open_ids)),
    )


def _count_open(conn: Connection, *conditions: Any) -> int:
    return int(
        conn.execute(
            select(func.count())
            .select_from(_conflict)
            .where(_conflict.c.state == "open", _conflict.c.deleted.is_(False), *conditions)
        ).scalar_one()
    )


def sync_overview(conn: Connection, me: uuid.UUID | None) -> SyncOverview:
    """The status bar's figures; cheap enough to read after every local edit."""
    status = sync_status(conn)
    return SyncOverview(
        status=status,
        conflicts_to_decide=status.open_conflicts,
        open_notices=0
        if me is None
        else _count_open(
            conn, _conflict.c.conflict_type == "notice", _conflict.c.addressed_to == me
        ),
    )

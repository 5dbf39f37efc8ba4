"""What the app shows about two-way sync besides the status bar: edits the
server refused, conflicts to decide, and notices of edits settled against
the teacher. Conflicts and notices are synced `sync_conflict` records; the
resolution is written through local_db.conflicts."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from local_db.outbox import REJECTED
from local_db.repositories._common import sync_conflict
from local_db.repositories.labels import describe, person_name
from local_db.schema import notice_seen, outbox
from local_db.views import ConflictSide, ConflictView, NoticeView, RejectedEditView

#: Conflict types a teacher decides; "notice" is information only.
DECIDED_TYPES = ("needs_review", "text_both", "delete_vs_edit")


def rejected_edits(conn: Connection) -> list[RejectedEditView]:
    """Refused edits, oldest first."""
    rows = conn.execute(
        select(outbox).where(outbox.c.state == REJECTED).order_by(outbox.c.op)
    ).mappings()
    found = []
    for row in rows:
        label, _ = describe(conn, row["kind"], row["record_id"])
        found.append(
            RejectedEditView(
                op=int(row["op"]),
                kind=row["kind"],
                record_id=row["record_id"],
                record_label=label,
                action=row["action"],
                fields=tuple(sorted(row["fields"] or {})),
                reason=row["reject_reason"] or "",
                edited_at=row["updated_at"],
                rejected_at=row["rejected_at"],
            )
        )
    return found


def decoded_value(value_json: str | None) -> Any:
    if value_json is None:
        return None
    try:
        return json.loads(value_json)
    except ValueError:
        return value_json  # shown as it is rather than hidden


def _side(conn: Connection, row: RowMapping, prefix: str) -> ConflictSide:
    by = row[f"{prefix}_by"]
    return ConflictSide(
        value=decoded_value(row[f"{prefix}_value"]),
        value_json=row[f"{prefix}_value"],
        by_id=by,
        by_name=person_name(conn, by),
        at=row[f"{prefix}_at"],
    )


def open_conflicts(conn: Connection, me: uuid.UUID | None) -> list[ConflictView]:
    """Open conflicts to decide, newest first; `me` is the teacher's person id."""
    rows = conn.execute(
        select(sync_conflict).where(
            sync_conflict.c.state == "open",
            sync_conflict.c.conflict_type.in_(DECIDED_TYPES),
            sync_conflict.c.deleted.is_(False),
        )
    ).mappings()
    found = []
    for row in rows:
        label, pupil = describe(
            conn,
            row["record_kind"],
            row["record_id"],
            pupil_id=row["pupil_id"],
            activity_id=row["activity_id"],
        )
        mine_is = (
            "rival"
            if me is not None and row["rival_by"] == me
            else "current"
            if me is not None and row["current_by"] == me
            else None
        )
        found.append(
            ConflictView(
                id=row["id"],
                conflict_type=row["conflict_type"],
                record_kind=row["record_kind"],
                record_id=row["record_id"],
                record_label=label,
                pupil_name=pupil,
                field_name=row["field_name"],
                current=_side(conn, row, "current"),
                rival=_side(conn, row, "rival"),
                mine_is=mine_is,
            )
        )
    found.sort(key=_latest, reverse=True)
    return found


def _latest(view: ConflictView) -> str:
    times = [side.at.isoformat() for side in (view.current, view.rival) if side.at is not None]
    return max(times, default="")


def conflicts_for_record(
    conn: Connection, kind: str, record_id: uuid.UUID, me: uuid.UUID | None
) -> list[ConflictView]:
    """Open conflicts about one record (a page marks it "needs review")."""
    return [
        view
        for view in open_conflicts(conn, me)
        if view.record_kind == kind and view.record_id == record_id
    ]


def unseen_notices(conn: Connection, me: uuid.UUID | None) -> list[NoticeView]:
    """Open notices addressed to the teacher not yet shown (toasted), oldest first."""
    return _notices(conn, me, unseen_only=True)


def open_notices(conn: Connection, me: uuid.UUID | None) -> list[NoticeView]:
    """Open notices addressed to the teacher, shown or not, newest first: the
    Conflicts page lists them until the teacher dismisses them."""
    return list(reversed(_notices(conn, me, unseen_only=False)))


def _notices(conn: Connection, me: uuid.UUID | None, *, unseen_only: bool) -> list[NoticeView]:
    if me is None:
        return []
    conditions = [
        sync_conflict.c.conflict_type == "notice",
        sync_conflict.c.state == "open",
        sync_conflict.c.addressed_to == me,
        sync_conflict.c.deleted.is_(False),
    ]
    if unseen_only:
        conditions.append(sync_conflict.c.id.not_in(select(notice_seen.c.conflict_id)))
    rows = conn.execute(select(sync_conflict).where(*conditions)).mappings()
    found = []
    for row in rows:
        label, pupil = describe(
            conn,
            row["record_kind"],
            row["record_id"],
            pupil_id=row["pupil_id"],
            activity_id=row["activity_id"],
        )
        current, rival = _side(conn, row, "current"), _side(conn, row, "rival")
        # Addressed to the teacher whose value lost: theirs is the side they set.
        kept, replaced = (rival, current) if current.by_id == me else (current, rival)
        found.append(
            NoticeView(
                id=row["id"],
                record_kind=row["record_kind"],
                record_id=row["record_id"],
                record_label=label,
                pupil_name=pupil,
                field_name=row["field_name"],
                kept=kept,
                replaced=replaced,
            )
        )
    found.sort(key=lambda notice: notice.kept.at.isoformat() if notice.kept.at else "")
    return found

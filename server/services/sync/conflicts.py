"""sync_conflict rows: recording them, and the ops that resolve or acknowledge them.

A conflict is a synced record in the scope of the record it is about
(activity_id, pupil_id copied from it), so every teacher who sees the record
sees the conflict. Teachers decide needs_review, text_both and
delete_vs_edit conflicts by pushing {state: "resolved", resolved_value};
the server writes the chosen value to the record (a new version everyone
pulls). Notices are closed by the teacher they are addressed to with
{state: "acknowledged"}. A record's needs_review flag is set while it has
an open conflict to decide.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from server.services.sync.push_context import OpRejected, PushContext, Row
from server.services.sync.push_merge import DELETE_CHOICE, KEEP_CHOICE, ConflictDraft
from server.services.sync.push_validation import NOT_FOUND, DecodedOp, in_scope
from server.services.sync.term_grade_pairs import decided_grade_writes
from server.tables import synced
from sync_protocol.codec import FieldError, decode_value
from sync_protocol.entities import REGISTRY, EntitySpec, MergePolicy

DECIDED_TYPES = ("needs_review", "text_both", "delete_vs_edit")
_CLIENT_FIELDS = {"state", "resolved_value"}


def open_conflicts(ctx: PushContext, record_id: uuid.UUID) -> list[Row]:
    """Open conflicts about a record, oldest first (read fresh, then cached)."""
    table = synced["sync_conflict"]
    rows = [
        dict(row)
        for row in ctx.conn.execute(
            select(table)
            .where(
                table.c.record_id == record_id,
                table.c.state == "open",
                table.c.deleted.is_(False),
            )
            .order_by(table.c.created_at, table.c.id)
        ).mappings()
    ]
    for row in rows:
        ctx.forget("sync_conflict", row["id"])
    return rows


def record_conflict(ctx: PushContext, kind: str, record: Row, draft: ConflictDraft) -> None:
    """Create the conflict, or update the open one it continues.

    An open conflict is updated only with a later edit of the teacher whose
    value is its rival (they changed their mind: one decision, not two).
    Another teacher's value gets a conflict of its own, so no one's grade or
    words are dropped: replacing the rival would make the first rival's
    value vanish before anyone decided (found by the sync simulation).
    """
    spec = REGISTRY[kind]
    values: dict[str, Any] = {
        "record_kind": kind,
        "record_id": record["id"],
        "field_name": draft.field_name,
        "conflict_type": draft.conflict_type,
        # None for documentation, which is about a pupil, not an activity.
        "activity_id": record.get("activity_id"),
        "pupil_id": record["pupil_id"] if spec.has_field("pupil_id") else None,
        "current_value": draft.current_value,
        "current_by": draft.current_by,
        "current_at": draft.current_at,
        "rival_value": draft.rival_value,
        "rival_by": draft.rival_by,
        "rival_at": draft.rival_at,
        "addressed_to": draft.addressed_to,
        "state": "open",
        "resolved_value": None,
    }
    if draft.conflict_type != "notice":
        for existing in open_conflicts(ctx, record["id"]):
            if (
                existing["conflict_type"] == draft.conflict_type
                and existing["field_name"] == draft.field_name
                and existing["rival_by"] == draft.rival_by
            ):
                changed = {k: v for k, v in values.items() if existing[k] != v}
                if changed:
                    ctx.update("sync_conflict", existing, changed, stamp=None, by=None)
                break
        else:
            ctx.insert("sync_conflict", uuid.uuid4(), values, stamp=None, by=None)
        ctx.set_needs_review(kind, record["id"], True)
        return
    ctx.insert("sync_conflict", uuid.uuid4(), values, stamp=None, by=None)


def refresh_needs_review(ctx: PushContext, kind: str, record_id: uuid.UUID) -> None:
    still_open = any(c["conflict_type"] in DECIDED_TYPES for c in open_conflicts(ctx, record_id))
    ctx.set_needs_review(kind, record_id, still_open)


def _person_name(ctx: PushContext, person_id: uuid.UUID | None) -> str | None:
    person = None if person_id is None else ctx.row("person", person_id)
    return None if person is None else f"{person['given_name']} {person['family_name']}"


def apply_conflict_op(ctx: PushContext, op: DecodedOp) -> bool:
    """Resolve or acknowledge a conflict; True when written exactly as sent."""
    unknown = sorted(set(op.fields) - _CLIENT_FIELDS)
    if unknown:
        raise OpRejected(f"sync_conflict.{unknown[0]}: is set by the server")
    row = ctx.row("sync_conflict", op.wire.id)
    if row is None or row["deleted"] or not in_scope(ctx, op.spec, row):
        raise OpRejected(NOT_FOUND)
    state = op.fields.get("state")
    if state == "acknowledged":
        return _acknowledge(ctx, op, row)
    if state == "resolved":
        return _resolve(ctx, op, row)
    if state == "open":
        raise OpRejected("a conflict cannot be reopened")
    raise OpRejected("a conflict is settled by setting its state to resolved or acknowledged")


def _acknowledge(ctx: PushContext, op: DecodedOp, row: Row) -> bool:
    if row["conflict_type"] != "notice":
        raise OpRejected("only a notice can be acknowledged; a conflict is resolved")
    if row["addressed_to"] != ctx.pusher.person_id:
        raise OpRejected("this notice is addressed to another teacher")
    if op.fields.get("resolved_value") is not None:
        raise OpRejected("a notice has no resolved_value")
    if row["state"] == "acknowledged":
        return False  # acknowledged already (on another computer)
    ctx.update(
        "sync_conflict",
        row,
        {"state": "acknowledged"},
        stamp=op.stamp.to_text(),
        by=ctx.pusher.person_id,
    )
    return True


def _resolve(ctx: PushContext, op: DecodedOp, row: Row) -> bool:
    if row["conflict_type"] == "notice":
        raise OpRejected("a notice is acknowledged, not resolved")
    if row["state"] != "open":
        if _same_choice(op.fields.get("resolved_value"), row["resolved_value"]):
            # Decided the same way already (by a colleague, or by her on her
            # other computer): nothing to do, and nothing to show her.
            return False
        name = _person_name(ctx, row["modified_by"])
        raise OpRejected("already resolved" + (f" by {name}" if name else ""))
    chosen_text = op.fields.get("resolved_value")
    if chosen_text is None:
        raise OpRejected("sync_conflict.resolved_value: needed to resolve a conflict")
    try:
        chosen = json.loads(chosen_text)
    except ValueError:
        raise OpRejected("sync_conflict.resolved_value: not valid JSON") from None
    stamp = op.stamp.to_text()
    by = ctx.pusher.person_id
    kind, record_id = row["record_kind"], row["record_id"]
    spec = REGISTRY.get(kind)
    # Every check before the first write (server.services.sync.push relies on it).
    if row["conflict_type"] == "delete_vs_edit":
        write, choice = _delete_choice(row, chosen), None
    else:
        write, choice = None, None if spec is None else _field_choice(spec, row, chosen)
    record = None if spec is None else ctx.row(kind, record_id)
    if record is not None and write is not None and write.deleted != record["deleted"]:
        ctx.update(kind, record, write.values, stamp=stamp, by=by, deleted=write.deleted)
    if record is not None and choice is not None and not record["deleted"]:
        name, value = choice
        # A term grade's reason goes with the grade chosen (term_grade_pairs).
        writes = decided_grade_writes(kind, name, value, record)
        if any(record[field] != chosen for field, chosen in writes.items()):
            ctx.update(kind, record, writes, stamp=stamp, by=by)
    ctx.update(
        "sync_conflict",
        row,
        {"state": "resolved", "resolved_value": chosen_text},
        stamp=stamp,
        by=by,
    )
    if spec is not None:
        refresh_needs_review(ctx, kind, record_id)
    return True


def _same_choice(chosen: object, decided: object) -> bool:
    if not isinstance(chosen, str) or not isinstance(decided, str):
        return False
    try:
        return bool(json.loads(chosen) == json.loads(decided))
    except ValueError:
        return False


@dataclass(frozen=True)
class _RecordWrite:
    deleted: bool
    values: dict[str, Any]


def _delete_choice(conflict: Row, chosen: object) -> _RecordWrite:
    """What a delete_vs_edit decision does: delete the record, or keep it
    (with the edit that was made against the delete, when it was deleted)."""
    if chosen == DELETE_CHOICE:
        return _RecordWrite(deleted=True, values={})
    if chosen == KEEP_CHOICE:
        return _RecordWrite(deleted=False, values=_kept_edit(conflict["record_kind"], conflict))
    raise OpRejected(f'sync_conflict.resolved_value: choose "{DELETE_CHOICE}" or "{KEEP_CHOICE}"')


def _field_choice(spec: EntitySpec, conflict: Row, chosen: object) -> tuple[str, Any]:
    name = conflict["field_name"]
    if name is None or not spec.has_field(name):
        raise OpRejected(NOT_FOUND)
    try:
        return name, decode_value(spec, spec.field(name), chosen)
    except FieldError as exc:
        raise OpRejected(f"sync_conflict.resolved_value: {exc}") from None


def _kept_edit(kind: str, conflict: Row) -> dict[str, Any]:
    """The edit a delete_vs_edit conflict kept (rival_value), as field values.

    Only fields a teacher may change are taken back; a value that no longer
    decodes (a changed registry) is left as the record has it.
    """
    spec = REGISTRY[kind]
    try:
        edit = json.loads(conflict["rival_value"] or "{}")
    except ValueError:
        return {}
    if not isinstance(edit, dict):
        return {}
    values: dict[str, Any] = {}
    for name, raw in edit.items():
        if not spec.has_field(name) or spec.field(name).policy in (
            MergePolicy.IMMUTABLE,
            MergePolicy.SERVER_ONLY,
        ):
            continue
        try:
            values[name] = decode_value(spec, spec.field(name), raw)
        except FieldError:
            continue
    return values

"""Open conflicts kept true to the record while pushes write it.

A push that writes a field under an open conflict, or deletes its record,
can answer the conflict without anyone deciding it: the teacher whose value
was the rival now agrees with the record, the record's value moved on, or
the record is gone the way a conflict offered. Each rule was found by the
sync simulation's order test, where leaving the conflict open made the
outcome depend on arrival order. Conflicts settled here are resolved by the
pusher with the value that now stands (no decision op of their own).
"""

from __future__ import annotations

from server.services.conflicts import open_conflicts, refresh_needs_review
from server.services.push_context import PushContext, Row
from server.services.push_merge import DELETE_CHOICE, to_json, wire_json
from sync_protocol.entities import REGISTRY


def withdraw_rivals(ctx: PushContext, kind: str, record: Row, names: list[str]) -> None:
    """The pusher's value of these fields now stands (written, or equal to
    what was there): an open conflict holding their own earlier value as its
    rival is settled with it, so a value its teacher has since replaced is
    not offered for decision. Found by the sync simulation's order test: a
    teacher's second grade, equal to the record's, left their first one
    open or not depending on arrival order."""
    if not record.get("needs_review"):
        return  # no open conflict to decide (the flag says so without a query)
    spec = REGISTRY[kind]
    settled = False
    for existing in open_conflicts(ctx, record["id"]):
        name = existing["field_name"]
        if (
            existing["conflict_type"] in ("needs_review", "text_both")
            and name in names
            and existing["rival_by"] == ctx.pusher.person_id
        ):
            _settle(ctx, existing, wire_json(spec, name, record[name]))
            settled = True
    if settled:
        refresh_needs_review(ctx, kind, record["id"])


def follow_writes(ctx: PushContext, kind: str, record: Row, names: list[str]) -> None:
    """Fields to decide were just written (a clean text merge, an edit of
    the value someone saw): an open conflict about them offers the value the
    record holds now as its current one, or is settled when that value is
    its rival's. Deciding for a stale current value would undo the write.
    Found by the sync simulation's order test (seed 2005679596): a third
    teacher's clean merge into a note under a text_both conflict left the
    conflict offering the text from before it, or not, by arrival order."""
    if not record.get("needs_review"):
        return  # no open conflict to decide (the flag says so without a query)
    spec = REGISTRY[kind]
    settled = False
    for existing in open_conflicts(ctx, record["id"]):
        name = existing["field_name"]
        if existing["conflict_type"] not in ("needs_review", "text_both") or name not in names:
            continue
        current = wire_json(spec, name, record[name])
        if current == existing["rival_value"]:
            _settle(ctx, existing, current)
            settled = True
        elif current != existing["current_value"]:
            changes = {
                "current_value": current,
                "current_by": ctx.pusher.person_id,
                "current_at": record["modified_at"],
            }
            ctx.update("sync_conflict", existing, changes, stamp=None, by=ctx.pusher.person_id)
    if settled:
        refresh_needs_review(ctx, kind, record["id"])


def settle_by_delete(ctx: PushContext, kind: str, record: Row) -> None:
    """The pusher's delete of the record stands: open delete_vs_edit
    conflicts it answers are settled as deleted.

    - One that offers to delete it (the rival is a delete): it is deleted.
    - One that holds the pusher's own edit against an earlier delete: she has
      since deleted the record herself.

    Another teacher's edit against a delete still waits for a decision.
    Found by the sync simulation's order test (seed 667713631): a teacher
    who edited a note and then deleted it left her edit open for decision,
    or not, depending on whether a colleague's delete arrived first.
    """
    if not record.get("needs_review"):
        return  # no open conflict to decide (the flag says so without a query)
    delete = to_json(DELETE_CHOICE)
    settled = False
    for existing in open_conflicts(ctx, record["id"]):
        if existing["conflict_type"] != "delete_vs_edit":
            continue
        offered_delete = existing["rival_value"] == delete
        own_edit = (
            existing["current_value"] == delete and existing["rival_by"] == ctx.pusher.person_id
        )
        if offered_delete or own_edit:
            _settle(ctx, existing, delete)
            settled = True
    if settled:
        refresh_needs_review(ctx, kind, record["id"])


def _settle(ctx: PushContext, conflict: Row, value: str) -> None:
    """Resolved by what the pusher's op did (no decision op of its own)."""
    changes = {"state": "resolved", "resolved_value": value}
    ctx.update("sync_conflict", conflict, changes, stamp=None, by=ctx.pusher.person_id)

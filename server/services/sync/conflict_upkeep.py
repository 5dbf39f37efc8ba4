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

from collections.abc import Callable

from server.services.sync.conflicts import open_conflicts, refresh_needs_review
from server.services.sync.push_context import PushContext, Row
from server.services.sync.push_merge import DELETE_CHOICE, to_json, wire_json
from sync_protocol.entities import REGISTRY

_FIELD_CONFLICTS = ("needs_review", "text_both")


def follow_fields(
    ctx: PushContext, kind: str, record: Row, *, stands: list[str], written: list[str]
) -> None:
    """After an op wrote fields to decide, or sent them equal to the record
    (`stands`: the pusher's value of these now stands; `written`: new values
    of these were written, a clean text merge among them):

    - an open conflict holding the pusher's own earlier value as its rival,
      for a field that stands, is settled with the record's value: a value
      its teacher has since replaced is not offered for decision (the order
      test: a teacher's second grade, equal to the record's, left her first
      open or not by arrival order);
    - any other open conflict about a written field offers the value the
      record holds now as its current one, or is settled when that value is
      its rival's: deciding for a stale current value would undo the write
      (seed 2005679596: a third teacher's clean merge into a note under a
      text_both conflict).
    """
    spec = REGISTRY[kind]

    def settle(conflict: Row) -> str | None:
        name = conflict["field_name"]
        if conflict["conflict_type"] not in _FIELD_CONFLICTS:
            return None
        now = wire_json(spec, name, record[name]) if name in record else None
        if name in stands and conflict["rival_by"] == ctx.pusher.person_id:
            return now
        if name not in written or now is None or now == conflict["current_value"]:
            return None
        if now == conflict["rival_value"]:
            return now
        changes = {
            "current_value": now,
            "current_by": ctx.pusher.person_id,
            "current_at": record["modified_at"],
        }
        ctx.update("sync_conflict", conflict, changes, stamp=None, by=ctx.pusher.person_id)
        return None

    _settle_open(ctx, kind, record, settle)


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
    delete = to_json(DELETE_CHOICE)

    def settle(conflict: Row) -> str | None:
        if conflict["conflict_type"] != "delete_vs_edit":
            return None
        offered_delete = conflict["rival_value"] == delete
        own_edit = (
            conflict["current_value"] == delete and conflict["rival_by"] == ctx.pusher.person_id
        )
        return delete if offered_delete or own_edit else None

    _settle_open(ctx, kind, record, settle)


def _settle_open(
    ctx: PushContext, kind: str, record: Row, settle: Callable[[Row], str | None]
) -> None:
    """Resolve each open conflict about the record for which `settle` gives
    a value, by the pusher (no decision op of its own); then the record's
    needs_review follows what is still open."""
    if not record.get("needs_review"):
        return  # no open conflict to decide (the flag says so without a query)
    settled = False
    for conflict in open_conflicts(ctx, record["id"]):
        value = settle(conflict)
        if value is not None:
            changes = {"state": "resolved", "resolved_value": value}
            ctx.update("sync_conflict", conflict, changes, stamp=None, by=ctx.pusher.person_id)
            settled = True
    if settled:
        refresh_needs_review(ctx, kind, record["id"])

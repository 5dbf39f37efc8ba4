"""A term grade and its no-basis reason are one decision (issue 16).

The reason says why "–" was given (sync_protocol.grading_rules); it is never
decided on its own. Three places keep the two together:

- An edit that sends the grade without the reason (the app sends only the
  fields that changed on its computer, and there the reason was already
  empty) carries the reason its grade implies, on the grade's base. Before,
  a teacher's "E" met a colleague's "–" (absence) on the server, was checked
  as "E with reason absence" and refused as "a no-basis reason goes with
  '–' only", a refusal she could not act on (sync simulation, seeds
  1815320499, 326950734 and 1783354873).
- In the merge the reason follows the grade: when the grade is held for the
  teachers to decide, the reason is neither written nor offered as a second
  conflict; when the grade is written, so is the reason sent with it.
- Deciding a grade conflict writes the reason the chosen grade implies.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from server.services.sync.push_merge import MergePlan
from server.services.sync.push_validation import DecodedOp
from sync_protocol.grading_rules import implied_no_basis_reason

KIND = "term_grade"
GRADE, REASON = "grade", "no_basis_reason"
#: (kind, field) -> the field it is decided with (for the sync simulation's judge).
FOLLOWS = {(KIND, REASON): GRADE}


def with_implied_reason(op: DecodedOp, row: Mapping[str, Any], schema_version: int) -> DecodedOp:
    """The op with the reason its grade implies when it sent the grade alone."""
    if op.spec.kind != KIND or GRADE not in op.fields or REASON in op.fields:
        return op
    if schema_version < 2:
        return op  # such a client knows no reason; its "–" stands as before
    reason = implied_no_basis_reason(op.fields[GRADE], row.get(REASON))
    if reason == row.get(REASON):
        return op  # the record's reason fits the grade already
    base = dict(op.wire.base)
    if GRADE in base:
        base[REASON] = base[GRADE]
    wire = op.wire.model_copy(update={"base": base})
    return dataclasses.replace(op, wire=wire, fields={**op.fields, REASON: reason})


def reason_follows_grade(op: DecodedOp, row: Mapping[str, Any], plan: MergePlan) -> MergePlan:
    """The merge plan with the reason decided as its grade was."""
    if op.spec.kind != KIND or REASON not in op.fields or GRADE not in op.fields:
        return plan
    grade_held = any(c.field_name == GRADE for c in plan.conflicts)
    plan.conflicts = [c for c in plan.conflicts if c.field_name != REASON]
    if grade_held:
        plan.writes.pop(REASON, None)
        if REASON in plan.stands:
            plan.stands.remove(REASON)
    elif op.fields[REASON] != row[REASON]:
        plan.writes[REASON] = op.fields[REASON]
    return plan


def decided_grade_writes(
    kind: str, name: str, value: Any, record: Mapping[str, Any]
) -> dict[str, Any]:
    """What deciding a conflict of `name` for `value` writes to the record."""
    if kind != KIND or name != GRADE:
        return {name: value}
    return {GRADE: value, REASON: implied_no_basis_reason(value, record.get(REASON))}

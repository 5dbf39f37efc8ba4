"""The write rules of planning records in a push (issue 11).

A unit's status is draft or published (the field's choices, checked by the
codec), its picked catalogue items exist in the catalogue and belong to the
subject version the picks name, and a lesson plan's links are http(s) web
addresses. Every refusal says why in English (the app shows it with its
Swedish translation). Scope is checked before this, by
push_validation.check_write.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from server.services.sync.push_context import OpRejected, PushContext
from server.tables import synced
from sync_protocol.entities import EntitySpec
from sync_protocol.planning_documents import PlanningDocumentError, parse_links, parse_picks

PLANNING_KINDS = ("planning_unit", "lesson_plan")


def check_planning_write(
    ctx: PushContext, spec: EntitySpec, values: Mapping[str, Any], changed: set[str]
) -> None:
    """OpRejected when the record, as `values` leave it, breaks a planning rule."""
    if spec.kind == "planning_unit" and "curriculum" in changed:
        _check_picks(ctx, values.get("curriculum") or "")
    elif spec.kind == "lesson_plan" and "links" in changed:
        try:
            parse_links(values.get("links") or "")
        except PlanningDocumentError as exc:
            raise OpRejected(f"lesson_plan.links: {exc}") from None


def _check_picks(ctx: PushContext, text: str) -> None:
    try:
        picks = parse_picks(text)
    except PlanningDocumentError as exc:
        raise OpRejected(f"planning_unit.curriculum: {exc}") from None
    if picks is None or not picks.items:
        return
    items = synced["curriculum_item"]
    found: dict[uuid.UUID, tuple[str, int]] = {}
    wanted = list(picks.items)
    for start in range(0, len(wanted), 500):
        rows = ctx.conn.execute(
            select(items.c.id, items.c.subject_code, items.c.subject_version).where(
                items.c.id.in_(wanted[start : start + 500]), items.c.deleted.is_(False)
            )
        )
        for item_id, code, version in rows:
            found[item_id] = (code, version)
    missing = [str(item) for item in wanted if item not in found]
    if missing:
        raise OpRejected(
            f"planning_unit.curriculum: not in the catalogue: {', '.join(missing[:3])}"
            + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        )
    other = [str(item) for item in wanted if found[item] != (picks.subject, picks.version)]
    if other:
        raise OpRejected(
            f"planning_unit.curriculum: items of another subject or version than "
            f"{picks.subject} version {picks.version}: {', '.join(other[:3])}"
        )

"""One run's objects checked, mapped and turned into an ImportPlan.

Every object is checked against its shape first (shapes.py); an object that
fails is reported and not read further, and any problem at all stops the run
before anything is written. Deletions the source reports are applied after
the objects: a deleted object is removed with what hangs on it, unless the
same run lists it again.
"""

from __future__ import annotations

import copy
from typing import Any

from server.services.imports.csv_existing import StoredRows
from server.services.imports.csv_plan import ImportPlan
from server.services.ss12000_import.context import KIND_OF_ENDPOINT, Context, Lookups
from server.services.ss12000_import.errors import ObjectsRejected
from server.services.ss12000_import.reading_roster import (
    claim_persons,
    read_duties,
    read_organisations,
    read_persons,
    read_syllabuses,
)
from server.services.ss12000_import.reading_teaching import (
    read_activities,
    read_calendar_events,
    read_groups,
)
from server.services.ss12000_import.shapes import object_problems
from server.services.ss12000_import.source import ENDPOINTS, Fetched


def _checked(ctx: Context, endpoint: str) -> list[dict[str, Any]]:
    """The endpoint's objects that pass their checks (copies: reading annotates them)."""
    kept: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, obj in enumerate(ctx.fetched.objects.get(endpoint, ())):
        found = object_problems(endpoint, obj, index)
        if not found and obj["id"] in seen:
            found = [f"{endpoint} object {obj['id']}: listed twice"]
        if found:
            ctx.problems.extend(found)
            if isinstance(obj, dict) and isinstance(obj.get("id"), str):
                ctx.failed.add(obj["id"])
            continue
        seen.add(obj["id"])
        kept.append(copy.deepcopy(obj))
    return kept


def _apply_deletions(ctx: Context) -> None:
    for endpoint, ids in ctx.fetched.deleted.items():
        if endpoint == "duties":
            for ss_id in ids:
                ctx.lookups.duties.pop(ss_id, None)
        elif endpoint == "syllabuses":
            for ss_id in ids:
                ctx.lookups.syllabuses.pop(ss_id, None)
        elif endpoint in KIND_OF_ENDPOINT:
            kind = KIND_OF_ENDPOINT[endpoint]
            for ss_id in ids:
                stored = ctx.stored.live(kind, ss_id)
                if stored is not None and ss_id not in ctx.claimed[kind]:
                    ctx.plan.deleted[kind].add(stored.id)


def build_plan(
    fetched: Fetched, stored: StoredRows, lookups: Lookups
) -> tuple[ImportPlan, Lookups]:
    """The plan and the lookups after this run; ObjectsRejected on any problem."""
    ctx = Context(fetched, stored, Lookups.from_json(lookups.to_json()))
    objects = {endpoint: _checked(ctx, endpoint) for endpoint in ENDPOINTS}
    # Deletions first, so nothing of this run resolves to a deleted row.
    _apply_deletions(ctx)
    read_organisations(ctx, objects["organisations"])
    claim_persons(ctx, objects["persons"])
    read_persons(ctx, objects["persons"])
    read_duties(ctx, objects["duties"])
    read_syllabuses(ctx, objects["syllabuses"])
    read_groups(ctx, objects["groups"])
    read_activities(ctx, objects["activities"])
    read_calendar_events(ctx, objects["calendarEvents"])
    if ctx.problems:
        raise ObjectsRejected(ctx.problems)
    return ctx.plan, ctx.lookups

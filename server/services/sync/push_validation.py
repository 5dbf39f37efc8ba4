"""Checks of one pushed op before anything is merged: shape, then right to write.

`decode_op` needs no database: kind, fields and their values (through
sync_protocol.codec), base versions, the clock stamp. `check_write` asks
whether the caller may write the record as it will be: its activity (and
pupil) in the caller's scope, its references belonging to that activity, the
pupil in one of the activity's groups, the lesson not cancelled. Anything
outside the scope is refused as "not found", exactly like an id that does not
exist, and scope is checked before anything that could say more.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from server.services.roster.school_time import SCHOOL_TIME_ZONE
from server.services.sync.push_assessment import ASSESSMENT_KINDS, check_assessment_write
from server.services.sync.push_context import OpRejected, PushContext
from server.services.sync.push_documentation import check_documentation_write
from server.services.sync.push_planning import PLANNING_KINDS, check_planning_write
from server.tables import synced
from sync_protocol.codec import FieldError, decode_fields
from sync_protocol.entities import (
    REGISTRY,
    EntitySpec,
    FieldSpec,
    FieldType,
    MergePolicy,
    Scope,
)
from sync_protocol.hlc import HlcStamp, InvalidStamp
from sync_protocol.ids import natural_id
from sync_protocol.kinds.documentation import DOCUMENTATION_KINDS
from sync_protocol.wire import PushOp

NOT_FOUND = "not found"


@dataclass(frozen=True)
class DecodedOp:
    wire: PushOp
    spec: EntitySpec
    #: The sent fields as Python values (empty for a delete).
    fields: dict[str, Any]
    stamp: HlcStamp

    @property
    def is_create(self) -> bool:
        """The client had never seen the record: every base is 0."""
        return not any(self.wire.base.values())


def known_fields(spec: EntitySpec, schema_version: int) -> tuple[FieldSpec, ...]:
    """The fields a client of this schema knows; it never touches the others."""
    return tuple(f for f in spec.fields if f.since <= schema_version)


def decode_op(op: PushOp, schema_version: int) -> DecodedOp:
    """The op's values, or OpRejected with the reason."""
    spec = REGISTRY.get(op.kind)
    if spec is None or spec.since > schema_version:
        raise OpRejected(f"unknown kind: {op.kind}")
    if not spec.client_writable:
        raise OpRejected(f"{op.kind} records are kept by the school's system, not edited here")
    if op.action == "delete":
        if not spec.client_deletable:
            raise OpRejected(f"{op.kind} records cannot be deleted")
        if op.fields:
            raise OpRejected("a delete carries no fields")
    known = {f.name: f for f in known_fields(spec, schema_version)}
    _check_bases(op, known)
    for name in op.fields:
        if name not in known:
            raise OpRejected(f"{op.kind}.{str(name)[:60]}: unknown field")
        if known[name].policy is MergePolicy.SERVER_ONLY:
            raise OpRejected(f"{op.kind}.{name}: is set by the server")
    try:
        fields = decode_fields(spec, op.fields, require_all=False)
    except FieldError as exc:
        raise OpRejected(str(exc)) from None
    try:
        stamp = HlcStamp.parse(op.hlc)
    except InvalidStamp:
        raise OpRejected("the change's clock stamp is unreadable") from None
    return DecodedOp(op, spec, fields, stamp)


def _check_bases(op: PushOp, known: dict[str, FieldSpec]) -> None:
    for name, version in op.base.items():
        if name not in known:
            raise OpRejected(f"{op.kind}.{name[:60]}: unknown field (in base)")
        if version < 0:
            raise OpRejected(f"{op.kind}.{name}: a base version cannot be negative")
    for name, text in op.base_text.items():
        field = known.get(name)
        if field is None:
            raise OpRejected(f"{op.kind}.{name[:60]}: unknown field (in base_text)")
        if field.max_length is not None and len(text) > field.max_length:
            raise OpRejected(f"{op.kind}.{name}: base text longer than {field.max_length}")


def complete_for_create(op: DecodedOp, schema_version: int) -> dict[str, Any]:
    """Every field of a record being created: missing optional ones get their empty value."""
    spec = op.spec
    values = dict(op.fields)
    for field in spec.fields:
        if field.name in values:
            continue
        if field.nullable:
            values[field.name] = None
        elif field.type is FieldType.TEXT:
            values[field.name] = ""
        elif field.since > schema_version:
            raise OpRejected(f"{spec.kind}.{field.name}: needs a newer Klassbok to create")
        else:
            raise OpRejected(f"{spec.kind}.{field.name}: missing (needed to create the record)")
    if spec.natural_key:
        expected = natural_id(spec.kind, *(values[name] for name in spec.natural_key))
        if expected != op.wire.id:
            key = ", ".join(spec.natural_key)
            raise OpRejected(
                f"the id is not the natural id of {spec.kind} ({key}); see sync_protocol.ids"
            )
    return values


# --- the right to write ------------------------------------------------------------


def in_scope(ctx: PushContext, spec: EntitySpec, values: dict[str, Any]) -> bool:
    """Whether the caller may see (and so write) a record with these values."""
    scope = ctx.scope
    if spec.scope is Scope.PUPIL_NOTE:
        # A note being made has no created_by yet: it is the pusher's.
        return scope.may_see_note({"created_by": ctx.pusher.person_id, **values})
    if spec.scope is Scope.PUPIL_CHILD:
        return values.get("pupil_id") in scope.pupils
    if spec.kind == "sync_conflict" and values.get("record_kind") in DOCUMENTATION_KINDS:
        me = ctx.pusher.person_id
        involved = me in (values["current_by"], values["rival_by"], values["addressed_to"])
        return involved and values.get("pupil_id") in scope.pupils
    if values.get("activity_id") not in scope.activities:
        return False
    if spec.scope is Scope.ACTIVITY_PUPIL:
        pupil = values.get("pupil_id")
        if pupil is None:
            return spec.field("pupil_id").nullable
        return pupil in scope.pupils
    return True


def check_write(
    ctx: PushContext, spec: EntitySpec, values: dict[str, Any], changed: set[str]
) -> None:
    """OpRejected unless the caller may write this record as `values` describe it.

    `values` is the whole record after the op; `changed` the fields the op
    sets (references are checked when set, so a later change elsewhere does
    not lock a record).
    """
    if not in_scope(ctx, spec, values):
        raise OpRejected(NOT_FOUND)
    if spec.kind in DOCUMENTATION_KINDS:
        _check_documentation(ctx, spec, values, changed)
        return
    activity_id = values["activity_id"]
    lesson = None
    if spec.has_field("lesson_id"):
        lesson = ctx.row("lesson", values["lesson_id"])
        if lesson is None or lesson["deleted"] or lesson["activity_id"] != activity_id:
            raise OpRejected("the lesson was not found in this activity")
    if spec.kind == "attendance":
        assert lesson is not None
        if lesson["cancelled"]:
            raise OpRejected("the lesson was cancelled")
        day = lesson["start_time"].astimezone(SCHOOL_TIME_ZONE).date()
        _check_member(ctx, values["pupil_id"], activity_id, day)
    elif spec.scope is Scope.ACTIVITY_PUPIL and values.get("pupil_id") is not None:
        _check_member(ctx, values["pupil_id"], activity_id, None)
    if spec.kind == "assessment_result":
        _check_child_of(ctx, "assessment", values["assessment_id"], activity_id, "assessment")
    if "planning_unit_id" in changed and values.get("planning_unit_id") is not None:
        _check_child_of(
            ctx, "planning_unit", values["planning_unit_id"], activity_id, "planning unit"
        )
    if "absence_report_id" in changed and values.get("absence_report_id") is not None:
        report = ctx.row("absence_report", values["absence_report_id"])
        if report is None or report["deleted"] or report["pupil_id"] != values["pupil_id"]:
            raise OpRejected("the absence report was not found for this pupil")
    _check_kind_rules(ctx, spec, values, changed)


def _check_kind_rules(
    ctx: PushContext, spec: EntitySpec, values: dict[str, Any], changed: set[str]
) -> None:
    """The write rules of one capability's kinds (assessment, planning)."""
    if spec.kind in ASSESSMENT_KINDS:
        check_assessment_write(ctx, spec, values, changed)
    elif spec.kind in PLANNING_KINDS:
        check_planning_write(ctx, spec, values, changed)


def _check_documentation(
    ctx: PushContext, spec: EntitySpec, values: dict[str, Any], changed: set[str]
) -> None:
    # A note made before schema 3 names an activity: still one of the
    # caller's, with the pupil in one of its groups.
    activity_id = values.get("activity_id")
    if "activity_id" in changed and activity_id is not None:
        if activity_id not in ctx.scope.activities:
            raise OpRejected(NOT_FOUND)
        _check_member(ctx, values["pupil_id"], activity_id, None)
    check_documentation_write(ctx, spec, values, changed)


def _check_child_of(
    ctx: PushContext, kind: str, row_id: uuid.UUID, activity_id: uuid.UUID, label: str
) -> None:
    row = ctx.row(kind, row_id)
    if row is None or row["deleted"] or row["activity_id"] != activity_id:
        raise OpRejected(f"the {label} was not found in this activity")


def activity_groups(ctx: PushContext, activity_id: uuid.UUID) -> list[uuid.UUID]:
    key = ("activity_groups", activity_id)
    if key not in ctx.memo:
        table = synced["activity_group"]
        ctx.memo[key] = list(
            ctx.conn.execute(
                select(table.c.group_id).where(
                    table.c.activity_id == activity_id, table.c.deleted.is_(False)
                )
            ).scalars()
        )
    groups: list[uuid.UUID] = ctx.memo[key]
    return groups


def prefetch_memberships(ctx: PushContext, pupil_ids: set[uuid.UUID]) -> None:
    """Every membership of these pupils, in one query (a roll call names thirty)."""
    wanted = sorted((p for p in pupil_ids if ("memberships", p) not in ctx.memo), key=str)
    if not wanted:
        return
    table = synced["group_membership"]
    found: dict[uuid.UUID, list[tuple[uuid.UUID, dt.date, dt.date | None]]] = {
        p: [] for p in wanted
    }
    for start in range(0, len(wanted), 500):
        rows = ctx.conn.execute(
            select(table.c.person_id, table.c.group_id, table.c.start_date, table.c.end_date).where(
                table.c.person_id.in_(wanted[start : start + 500]), table.c.deleted.is_(False)
            )
        )
        for person_id, group_id, start_date, end_date in rows:
            found[person_id].append((group_id, start_date, end_date))
    for pupil_id, memberships in found.items():
        ctx.memo[("memberships", pupil_id)] = memberships


def _check_member(
    ctx: PushContext, pupil_id: uuid.UUID, activity_id: uuid.UUID, day: dt.date | None
) -> None:
    """The pupil is in one of the activity's groups (on `day`, when given)."""
    groups = set(activity_groups(ctx, activity_id))
    prefetch_memberships(ctx, {pupil_id})
    for group_id, start, end in ctx.memo[("memberships", pupil_id)]:
        if group_id in groups and (day is None or (start <= day and (end is None or day <= end))):
            return
    pupil = ctx.row("person", pupil_id)
    who = "The pupil" if pupil is None else f"{pupil['given_name']} {pupil['family_name']}"
    # Only groups the caller teaches are named: another class's name is not theirs.
    shown = groups & ctx.scope.groups
    names = sorted(_group_name(ctx, group_id) for group_id in shown) or ["this activity"]
    where = " or ".join(names)
    raise OpRejected(f"{who} is not in {where}" + ("" if day is None else f" on {day}"))


def _group_name(ctx: PushContext, group_id: uuid.UUID) -> str:
    group = ctx.row("group", group_id)
    return "a group" if group is None else str(group["display_name"])

"""Field-by-field merge of one op into the stored record (docs/sync.md).

For each field the op changes: base version equal to the current version,
nobody else changed it, apply. Equal values are no conflict. Otherwise the
field's MergePolicy decides (LATEST_WINS by hybrid clock with a notice to
the loser, NEEDS_REVIEW keeps the current value and records the rival,
TEXT_MERGE merges words or keeps both). A delete against a later edit, and
an edit of a deleted record, of a `delete_needs_review` kind become a
conflict instead of settling silently.

Functions here decide; they return a MergePlan and write nothing, so an op
is either refused before any write or written whole (server.services.sync.push).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from server.services.sync.push_clock import stamp_time
from server.services.sync.push_context import DEFAULT_MARK, OpRejected, Pusher, Row, field_version
from sync_protocol.codec import encode_value
from sync_protocol.entities import EntitySpec, MergePolicy
from sync_protocol.hlc import HlcStamp, InvalidStamp
from sync_protocol.textmerge import merge_text

#: resolved_value / rival_value of a delete_vs_edit conflict.
DELETE_CHOICE = "__delete__"
KEEP_CHOICE = "__keep__"


@dataclass(frozen=True)
class ConflictDraft:
    """A sync_conflict row to create (or to update an open one with)."""

    conflict_type: str  # notice | needs_review | text_both | delete_vs_edit
    field_name: str | None
    current_value: str | None  # JSON text: the value the server holds
    current_by: uuid.UUID | None
    current_at: dt.datetime | None
    rival_value: str | None  # JSON text: the op's value
    rival_by: uuid.UUID | None
    rival_at: dt.datetime | None
    addressed_to: uuid.UUID | None = None


@dataclass
class MergePlan:
    #: Field -> value to write at the batch's seq.
    writes: dict[str, Any] = field(default_factory=dict)
    #: Every sent field is written exactly as sent (outcome "applied").
    as_sent: bool = True
    #: Conflicts a teacher must decide (outcome "conflict").
    conflicts: list[ConflictDraft] = field(default_factory=list)
    #: Notices to the loser of a LATEST_WINS field.
    notices: list[ConflictDraft] = field(default_factory=list)
    tombstone: bool = False
    revive: bool = False
    #: LATEST_WINS fields sent with the value they have and a later stamp:
    #: the later stamp is recorded (no new version), so the order in which
    #: equal and different values arrive does not decide the winner.
    restamp: list[str] = field(default_factory=list)
    #: Fields to decide (grades, texts) where the op's value now stands:
    #: an open conflict holding the same teacher's earlier value as its rival
    #: is settled (server.services.sync.conflict_upkeep.follow_fields).
    stands: list[str] = field(default_factory=list)
    #: The op is a delete that stands (made now, or the record was deleted
    #: already; `tombstone` says which): open delete_vs_edit conflicts it
    #: answers are settled (server.services.sync.conflict_upkeep.settle_by_delete).
    delete_stands: bool = False


#: Fields a teacher decides when edits clash (grades, texts); the rest merge by rule.
DECIDED_POLICIES = (MergePolicy.NEEDS_REVIEW, MergePolicy.TEXT_MERGE)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def wire_json(spec: EntitySpec, name: str, value: Any) -> str:
    return to_json(encode_value(spec.field(name), value))


@dataclass(frozen=True)
class FieldSetter:
    """Who set a field's current value, and the stamp they set it with."""

    stamp: HlcStamp
    by: uuid.UUID | None
    at: dt.datetime | None
    #: The value is a default nobody chose (written by a weak op).
    default: bool = False


def setter_of(row: Mapping[str, Any], name: str) -> FieldSetter:
    """From field_clock; rows written before push (imports, seeds) fall back on
    the row's modified_at/by, with a stamp at that wall time."""
    entry = (row.get("field_clock") or {}).get(name)
    if isinstance(entry, list) and len(entry) in (2, 3):
        try:
            stamp = HlcStamp.parse(str(entry[0]))
            by = uuid.UUID(str(entry[1]))
        except (InvalidStamp, ValueError):
            pass
        else:
            default = len(entry) == 3 and entry[2] == DEFAULT_MARK
            return FieldSetter(stamp, by, stamp_time(stamp), default)
    modified_at: dt.datetime | None = row.get("modified_at")
    wall = 0 if modified_at is None else int(modified_at.timestamp() * 1000)
    return FieldSetter(HlcStamp(wall, 0, "server"), row.get("modified_by"), modified_at)


@dataclass
class _FieldEdit:
    """One field of an edit, with what the merge needs to decide it."""

    spec: EntitySpec
    row: Row
    name: str
    value: Any
    pusher: Pusher
    at: dt.datetime

    def rival(self, conflict_type: str, setter: FieldSetter) -> ConflictDraft:
        return ConflictDraft(
            conflict_type=conflict_type,
            field_name=self.name,
            current_value=wire_json(self.spec, self.name, self.row[self.name]),
            current_by=setter.by,
            current_at=setter.at,
            rival_value=wire_json(self.spec, self.name, self.value),
            rival_by=self.pusher.person_id,
            rival_at=self.at,
        )


def merge_upsert(
    spec: EntitySpec,
    row: Row,
    fields: Mapping[str, Any],
    *,
    base: Mapping[str, int],
    base_text: Mapping[str, str],
    stamp: HlcStamp,
    pusher: Pusher,
) -> MergePlan:
    """Merge an edit into an existing, not deleted record."""
    plan = MergePlan()
    #: addressee -> fields whose value they lost (LATEST_WINS)
    losers: dict[uuid.UUID, list[tuple[str, FieldSetter]]] = {}
    at = stamp_time(stamp)
    for name, value in fields.items():
        policy = spec.field(name).policy
        if value == row[name]:
            _unchanged(plan, row, name, policy, stamp)
            continue
        if policy is MergePolicy.IMMUTABLE:
            raise OpRejected(f"{spec.kind}.{name}: cannot be changed after the record is made")
        if base.get(name, 0) == field_version(row, name):
            plan.writes[name] = value
            if policy in DECIDED_POLICIES:
                plan.stands.append(name)
            continue
        edit = _FieldEdit(spec, row, name, value, pusher, at)
        setter = setter_of(row, name)
        if policy is MergePolicy.LATEST_WINS:
            loser = _latest_wins(plan, edit, setter, stamp)
            if loser is not None:
                losers.setdefault(loser, []).append((name, setter))
        elif policy is MergePolicy.NEEDS_REVIEW:
            plan.as_sent = False
            plan.conflicts.append(edit.rival("needs_review", setter))
        elif policy is MergePolicy.TEXT_MERGE:
            _merge_text_field(plan, edit, base_text.get(name), setter)
        else:  # SERVER_ONLY: refused by validation before a merge
            raise OpRejected(f"{spec.kind}.{name}: is set by the server")
    for addressee, parts in losers.items():
        plan.notices.append(
            _notice(
                spec,
                addressee,
                parts,
                row,
                fields,
                companions=_companions(spec, parts, plan),
                pusher=pusher,
                at=at,
            )
        )
    return plan


def _companions(
    spec: EntitySpec, parts: list[tuple[str, FieldSetter]], plan: MergePlan
) -> list[str]:
    """The op's written details of the lost fields, shown with them so the
    notice tells the whole change ("from Absent to Late · 10 min", not "to
    Late" when the minutes were empty before and so merged without a contest)."""
    lost = {name for name, _ in parts}
    return [name for name in plan.writes if name not in lost and spec.field(name).detail_of in lost]


def _unchanged(plan: MergePlan, row: Row, name: str, policy: MergePolicy, stamp: HlcStamp) -> None:
    """A field sent with the value it has: no conflict, no new version (an
    unchanged immutable field is fine too)."""
    plan.as_sent = False
    if policy is MergePolicy.LATEST_WINS:
        setter = setter_of(row, name)
        if setter.default or stamp > setter.stamp:
            # Found by the sync simulation's order test: A sets true, C
            # (later) true, B (between) false. Arriving A, C, B, C's equal
            # value left A's stamp on the field and B won.
            plan.restamp.append(name)
    if policy in DECIDED_POLICIES:
        plan.stands.append(name)


def _latest_wins(
    plan: MergePlan, edit: _FieldEdit, setter: FieldSetter, stamp: HlcStamp
) -> uuid.UUID | None:
    """Decide by hybrid clock; returns whom to notify (the loser), if anyone.

    A default ("everyone not yet marked is present") that reached the server
    first is not a choice: a teacher's mark replaces it whatever the clocks
    say, and nobody is told, just as a default arriving second yields
    silently (server.services.sync.push). Weak ops never get here: they only
    create records."""
    # Stamps of one computer (the node is its client id) are that teacher's
    # own edits in order: nobody is told they replaced their own value
    # (found by the sync simulation: a later op of one computer, based on a
    # version from before its earlier op, notified its own teacher).
    same_computer = setter.stamp.node == stamp.node
    if setter.default:
        plan.writes[edit.name] = edit.value
        return None
    if stamp > setter.stamp:
        plan.writes[edit.name] = edit.value
        return None if same_computer else setter.by  # None also for an import's value
    plan.as_sent = False
    return None if same_computer else edit.pusher.person_id


def _merge_text_field(
    plan: MergePlan, edit: _FieldEdit, base_text: str | None, setter: FieldSetter
) -> None:
    limit = edit.spec.field(edit.name).max_length
    current = edit.row[edit.name]
    if base_text is not None:
        merged = merge_text(base_text, current, edit.value)
        text = merged.text
        if merged.clean and text is not None and (limit is None or len(text) <= limit):
            if text != current:
                plan.writes[edit.name] = text
            if text != edit.value:
                plan.as_sent = False
            return
    # Overlapping edits (or no base text to merge from): keep both.
    plan.as_sent = False
    plan.conflicts.append(edit.rival("text_both", setter))


def _notice(
    spec: EntitySpec,
    addressee: uuid.UUID,
    parts: list[tuple[str, FieldSetter]],
    row: Row,
    fields: Mapping[str, Any],
    *,
    companions: list[str],
    pusher: Pusher,
    at: dt.datetime,
) -> ConflictDraft:
    """current = what the server held, rival = the op's value; addressed to the loser.

    One field: field_name and JSON of the values. Several (the lost fields
    and the op's other latest-wins writes, say status and minutes):
    field_name null and JSON objects.
    """
    names = [name for name, _ in parts] + companions
    setter = max((s for _, s in parts), key=lambda s: s.stamp)
    if len(names) == 1:
        name = names[0]
        current = wire_json(spec, name, row[name])
        rival = wire_json(spec, name, fields[name])
    else:
        current = to_json({n: encode_value(spec.field(n), row[n]) for n in names})
        rival = to_json({n: encode_value(spec.field(n), fields[n]) for n in names})
    return ConflictDraft(
        conflict_type="notice",
        field_name=names[0] if len(names) == 1 else None,
        current_value=current,
        current_by=setter.by,
        current_at=setter.at,
        rival_value=rival,
        rival_by=pusher.person_id,
        rival_at=at,
        addressed_to=addressee,
    )


def merge_onto_tombstone(
    spec: EntitySpec, row: Row, fields: Mapping[str, Any], *, stamp: HlcStamp, pusher: Pusher
) -> MergePlan:
    """An edit of a deleted record that needs review: it stays deleted, the
    edit is kept in a delete_vs_edit conflict for a teacher to decide."""
    edit = {name: encode_value(spec.field(name), value) for name, value in fields.items()}
    return MergePlan(
        as_sent=False,
        conflicts=[
            ConflictDraft(
                conflict_type="delete_vs_edit",
                field_name=None,
                current_value=to_json(DELETE_CHOICE),
                current_by=row.get("modified_by"),
                current_at=row.get("modified_at"),
                rival_value=to_json(edit),
                rival_by=pusher.person_id,
                rival_at=stamp_time(stamp),
            )
        ],
    )


def merge_delete(
    spec: EntitySpec,
    row: Row,
    *,
    base: Mapping[str, int],
    known: tuple[str, ...],
    stamp: HlcStamp,
    pusher: Pusher,
) -> MergePlan:
    """A delete: applied unless a field changed after the client's base (then,
    for kinds that need review, the record stays and a conflict says why)."""
    if row["deleted"]:
        return MergePlan(as_sent=False, delete_stands=True)  # deleted already
    edited = [name for name in known if field_version(row, name) != base.get(name, 0)]
    if not edited or not spec.delete_needs_review:
        return MergePlan(tombstone=True, delete_stands=True)
    latest = max((setter_of(row, name) for name in edited), key=lambda s: s.stamp)
    current = {name: encode_value(spec.field(name), row[name]) for name in edited}
    return MergePlan(
        as_sent=False,
        conflicts=[
            ConflictDraft(
                conflict_type="delete_vs_edit",
                field_name=None,
                current_value=to_json(current),
                current_by=latest.by,
                current_at=latest.at,
                rival_value=to_json(DELETE_CHOICE),
                rival_by=pusher.person_id,
                rival_at=stamp_time(stamp),
            )
        ],
    )

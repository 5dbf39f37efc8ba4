"""The client write API: every page that edits calls these, inside the
caller's write transaction (Cache.begin()).

    with cache.begin() as conn:
        save_record(conn, "attendance", ids.attendance_id(lesson, pupil),
                    {"lesson_id": lesson, "pupil_id": pupil, "activity_id": activity,
                     "status": "absent"}, actor=me)

Each call writes the row and its outbox op in the caller's transaction, so
they commit together or not at all. The op carries the wire values of the
changed fields, the version of each field the edit started from (its base),
for text-merged fields the server's text the edit started from, and a stamp
of the cache's hybrid clock. See local_db.outbox for the invariants.

Coalescing: an edit of a record whose last op was never sent folds into that
op (the op keeps its older bases), provided the op's clock stamp stays true
for the LATEST_WINS values it carries (an edit that sets only some of them
gets an op of its own, so a status set at 8:00 never claims a later time).
An op that was sent is never modified.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, RowMapping, insert, select, update

from local_db import clock, settle
from local_db import outbox as ob
from local_db.edit_checks import InvalidEdit, validate_changes, writable_spec
from local_db.schema import outbox, synced
from sync_protocol import versions
from sync_protocol.codec import FieldError, WireValue, decode_fields, encode_value
from sync_protocol.entities import EntitySpec, MergePolicy
from sync_protocol.ids import natural_id

__all__ = [
    "InvalidEdit",
    "delete_record",
    "discard_rejected",
    "pending_count",
    "save_record",
]


def _wire(spec: EntitySpec, name: str, value: Any) -> WireValue:
    return encode_value(spec.field(name), value)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _row(conn: Connection, kind: str, record_id: uuid.UUID) -> RowMapping | None:
    table = synced[kind]
    return conn.execute(select(table).where(table.c.id == record_id)).mappings().first()


def _latest_wins(spec: EntitySpec, names: set[str]) -> set[str]:
    return {n for n in names if spec.field(n).policy is MergePolicy.LATEST_WINS}


def save_record(
    conn: Connection,
    kind: str,
    record_id: uuid.UUID,
    changes: Mapping[str, Any],
    *,
    actor: uuid.UUID | None,
    weak: bool = False,
) -> None:
    """Create the record, or change the given fields of it, and queue the
    change for the server. Unchanged values write nothing. Raises InvalidEdit
    (nothing written) for a bad value, an unknown field, a change of a
    server-maintained or immutable field, a create missing a required field,
    or a natural-key kind created under another id.

    `weak`: the values are a default the teacher did not choose ("everyone
    not yet marked is present"). Only a record that does not exist here is
    created, and the server lets it yield to a colleague's record it has
    (sync_protocol.wire.PushOp.weak); an existing record is left alone."""
    spec = writable_spec(kind)
    if not isinstance(record_id, uuid.UUID):
        raise InvalidEdit(f"{kind}: the record id must be a UUID")
    values = validate_changes(spec, changes)
    row = _row(conn, kind, record_id)
    if row is None:
        _create(conn, spec, record_id, values, actor, weak=weak)
        return
    if weak:
        return
    row, revive = _undelete(conn, kind, row)
    changed: dict[str, Any] = {}
    for name, value in values.items():
        policy = spec.field(name).policy
        same = value == row[name]
        if policy is MergePolicy.SERVER_ONLY:
            if same:
                continue
            raise InvalidEdit(f"{kind}.{name}: is set by the school's system", name)
        if same and not revive:
            continue
        if not same and policy is MergePolicy.IMMUTABLE:
            raise InvalidEdit(f"{kind}.{name}: cannot be changed after the record is made", name)
        changed[name] = value
    if not changed:
        return
    recreate = _as_create(conn, spec, row, changed, revive=revive)
    now = _now()
    table = synced[kind]
    conn.execute(
        update(table)
        .where(table.c.id == record_id)
        .values(**changed, modified_at=now, modified_by=actor, deleted=False)
    )
    _queue_update(
        conn,
        spec=spec,
        row=row,
        changed=changed,
        actor=actor,
        now=now,
        explicit=set(values),
        recreate=recreate,
    )


def _as_create(
    conn: Connection,
    spec: EntitySpec,
    row: RowMapping,
    changed: dict[str, Any],
    *,
    revive: bool,
) -> bool:
    """Whether the edit goes out as a create of the record (every base 0),
    and if so the fields it carries besides those it changes (added to
    `changed`).

    Deleted here and the delete was sent (`revive`): the whole record.
    Made here and refused by the server, with every base still 0: the
    refused create's fields. Either way the server never takes the edit
    for an edit of a record it does not have, or for a create missing its
    required fields. Also when a pull brought the server's record meanwhile
    (a colleague made it) and its tombstone: the bases are still those of
    the refused create, and an edit of two fields with every base 0 was
    refused as "assessment_id: missing" (sync simulation, seed 1774248041).
    (A create still on its way is waited for instead: its answer rebases
    the edit, settle._rebase_later, or makes it the create, settle.reject_op.)"""
    if revive:
        for field in spec.fields:
            if field.policy is not MergePolicy.SERVER_ONLY:
                changed.setdefault(field.name, row[field.name])
        return True
    refused = _refused_create_fields(conn, spec.kind, row["id"])
    if not refused or not _all_bases_zero(conn, spec.kind, row, set(changed)):
        return False
    for name in refused:
        changed.setdefault(name, row[name])
    return True


def _refused_create_fields(conn: Connection, kind: str, record_id: uuid.UUID) -> set[str]:
    """The fields of the record's creates the server refused (still listed)."""
    return {
        name
        for op in ob.ops_of_record(conn, kind, record_id)
        if op.state == ob.REJECTED and op.action == "upsert" and not any(op.base.values())
        for name in op.fields
    }


def _all_bases_zero(conn: Connection, kind: str, row: RowMapping, names: set[str]) -> bool:
    """Whether an edit of these fields would go out with every base 0."""
    known = ob.edit_bases(conn, kind, row["id"])
    return all(
        (known[name].base_version if name in known else ob.field_version(row, name)) == 0
        for name in names
    )


def _undelete(conn: Connection, kind: str, row: RowMapping) -> tuple[RowMapping, bool]:
    """An edit of a record deleted here. A delete that never left this
    computer is simply taken back; after a sent one the edit must bring back
    the whole record (the second value says so)."""
    if not row["deleted"]:
        return row, False
    ops = ob.ops_of_record(conn, kind, row["id"])
    if ops and ops[-1].action == "delete" and ops[-1].unsent:
        settle.discard_op(conn, ops[-1])
        again = _row(conn, kind, row["id"])
        if again is not None and not again["deleted"]:
            return again, False
    return row, True


def _create(
    conn: Connection,
    spec: EntitySpec,
    record_id: uuid.UUID,
    values: dict[str, Any],
    actor: uuid.UUID | None,
    *,
    weak: bool = False,
) -> None:
    for name in values:
        if spec.field(name).policy is MergePolicy.SERVER_ONLY:
            raise InvalidEdit(f"{spec.kind}.{name}: is set by the school's system", name)
    wire = {name: _wire(spec, name, value) for name, value in values.items()}
    try:
        full = decode_fields(spec, wire, require_all=True)
    except FieldError as exc:
        raise InvalidEdit(f"{exc} (needed to create the record)", exc.field_name) from None
    if spec.natural_key:
        expected = natural_id(spec.kind, *(full[name] for name in spec.natural_key))
        if expected != record_id:
            raise InvalidEdit(
                f"{spec.kind}: the id must be the natural id of "
                f"({', '.join(spec.natural_key)}), see sync_protocol.ids"
            )
    now = _now()
    conn.execute(
        insert(synced[spec.kind]).values(
            id=record_id,
            created_at=now,
            created_by=actor,
            modified_at=now,
            modified_by=actor,
            seq=0,
            deleted=False,
            field_seqs=None,
            **full,
        )
    )
    # Only the fields the teacher set travel; the server gives the others
    # their empty value when it makes the record. Sending those too would
    # make them claims: a roll-call mark would wipe out, by the later
    # clock, a comment a colleague wrote on the same pupil's record, made
    # concurrently (found by the sync simulation's order test).
    fields = {name: _wire(spec, name, value) for name, value in full.items() if name in values}
    for name in fields:
        ob.add_edit_base(
            conn, kind=spec.kind, record_id=record_id, name=name, version=0, value=None
        )
    _append(
        conn,
        spec.kind,
        record_id,
        "upsert",
        fields=fields,
        base=dict.fromkeys(fields, 0),
        base_text={},  # a create has no text to merge from
        clock_fields=_latest_wins(spec, set(values)),
        actor=actor,
        now=now,
        weak=weak,
    )


def _bases_for(
    conn: Connection, spec: EntitySpec, row: RowMapping, names: list[str]
) -> tuple[dict[str, int], dict[str, str]]:
    """The version (and, for text-merged fields, the server's text) each
    field's local value descends from; records it for fields not yet edited."""
    known = ob.edit_bases(conn, spec.kind, row["id"])
    base: dict[str, int] = {}
    base_text: dict[str, str] = {}
    for name in names:
        found = known.get(name)
        if found is None:
            version, value = ob.field_version(row, name), _wire(spec, name, row[name])
            ob.add_edit_base(
                conn, kind=spec.kind, record_id=row["id"], name=name, version=version, value=value
            )
        else:
            version, value = found.base_version, found.base_value
        base[name] = version
        if (
            version > 0
            and isinstance(value, str)
            and spec.field(name).policy is MergePolicy.TEXT_MERGE
        ):
            base_text[name] = value
    return base, base_text


def _queue_update(
    conn: Connection,
    *,
    spec: EntitySpec,
    row: RowMapping,
    changed: dict[str, Any],
    actor: uuid.UUID | None,
    now: dt.datetime,
    explicit: set[str],
    recreate: bool = False,
) -> None:
    record_id = row["id"]
    fields = {name: _wire(spec, name, value) for name, value in changed.items()}
    base, base_text = _bases_for(conn, spec, row, list(fields))
    if recreate:
        # After a delete that was sent: a create (every base 0), which the
        # server applies to the tombstone as a new record under the same id.
        base, base_text = dict.fromkeys(fields, 0), {}
    stamped = _latest_wins(spec, explicit & set(fields))
    ops = ob.ops_of_record(conn, spec.kind, record_id)
    last = ops[-1] if ops else None
    if last is not None and last.unsent and last.action == "upsert":
        keeps_stamp = not stamped
        if fold_is_tried(conn, last, stamped) and ob.join_txn(conn, last):
            _fold(
                conn,
                target=last,
                fields=fields,
                base=base,
                base_text=base_text,
                stamped=stamped,
                keep_stamp=keeps_stamp,
                now=now,
            )
            return
    _append(
        conn,
        spec.kind,
        record_id,
        "upsert",
        fields=fields,
        base=base,
        base_text=base_text,
        clock_fields=stamped,
        actor=actor,
        now=now,
    )


def fold_is_tried(conn: Connection, last: ob.OutboxOp, stamped: set[str]) -> bool:
    """Whether an edit stamping `stamped` (its changed LATEST_WINS fields)
    tries to fold into the record's last op, an unsent upsert, rather than
    append an op of its own. Shared with batch_edits, which must decide alike.
    """
    # Written by this very transaction: its values are of this moment.
    same_moment = ob.written_here(conn, last.op)
    # In the txn this transaction writes to (it joined it): a second op of
    # the record there is not allowed, so the edit folds even at the cost of
    # a later stamp for the op's older values (rare: a transaction that
    # re-edits one record and partly edits another).
    same_txn = ob.current_txn(conn) == last.txn
    # The op's stamp stays true: the edit stamps nothing, or every field the
    # op stamped is stamped again now.
    return same_moment or same_txn or not stamped or set(last.clock_fields) <= stamped


def _fold(
    conn: Connection,
    *,
    target: ob.OutboxOp,
    fields: dict[str, WireValue],
    base: dict[str, int],
    base_text: dict[str, str],
    stamped: set[str],
    keep_stamp: bool,
    now: dt.datetime,
) -> None:
    merged_base = {**base, **target.base}  # the older base wins
    merged_text = {**base_text, **target.base_text}
    if set(target.base.values()) == {0}:
        merged_text = {}  # still a create
    values: dict[str, Any] = {
        "fields": {**target.fields, **fields},
        "base": merged_base,
        "base_text": merged_text,
        "updated_at": now,
        # The teacher has now chosen values of the record: no longer a default.
        "weak": False,
    }
    if not keep_stamp:
        values["hlc"] = clock.stamp(conn)
        values["clock_fields"] = sorted(set(target.clock_fields) | stamped)
    conn.execute(update(outbox).where(outbox.c.op == target.op).values(**values))
    ob.note_written(conn, target.op)


def _append(
    conn: Connection,
    kind: str,
    record_id: uuid.UUID,
    action: str,
    *,
    fields: dict[str, WireValue],
    base: dict[str, int],
    base_text: dict[str, str],
    clock_fields: set[str],
    actor: uuid.UUID | None,
    now: dt.datetime,
    weak: bool = False,
) -> None:
    inserted = conn.execute(
        insert(outbox).values(
            txn=ob.txn_for_append(conn),
            kind=kind,
            record_id=record_id,
            action=action,
            fields=fields,
            base=base,
            base_text=base_text,
            clock_fields=sorted(clock_fields),
            hlc=clock.stamp(conn),
            schema_version=versions.SCHEMA_VERSION,
            actor=actor,
            created_at=now,
            updated_at=now,
            attempts=0,
            state=ob.PENDING,
            weak=weak,
        )
    )
    key = inserted.inserted_primary_key
    assert key is not None
    ob.note_written(conn, int(key[0]))


def delete_record(
    conn: Connection, kind: str, record_id: uuid.UUID, *, actor: uuid.UUID | None
) -> None:
    """Delete the record here at once and queue the delete for the server.
    A record that is gone already is left alone."""
    spec = writable_spec(kind)
    if not spec.client_deletable:
        raise InvalidEdit(f"{kind}: records of this kind cannot be deleted")
    row = _row(conn, kind, record_id)
    if row is None or row["deleted"]:
        return
    ops = ob.ops_of_record(conn, kind, record_id)
    if ops and ob.never_on_server(row) and all(op.unsent or op.state == ob.REJECTED for op in ops):
        # Made here and never sent (or refused): the server need not hear of
        # it at all. Sending the create and then the delete would meet a
        # colleague's concurrent record of the same natural id as a delete
        # against an edit, depending on which arrived first (found by the
        # sync simulation's order test).
        for op in reversed(ops):
            settle.discard_op(conn, op)
        return
    last = ops[-1] if ops else None
    if (
        last is not None
        and last.unsent
        and (ob.written_here(conn, last.op) or ob.current_txn(conn) == last.txn)
    ):
        # Edited and deleted in one transaction (or txn): the delete replaces
        # the edit, since two ops of one record never share a txn.
        settle.discard_op(conn, last)
        row = _row(conn, kind, record_id)
        if row is None:  # it was created in this transaction too
            return
    now = _now()
    known = ob.edit_bases(conn, kind, record_id)
    base = {
        field.name: (
            known[field.name].base_version
            if field.name in known
            else ob.field_version(row, field.name)
        )
        for field in spec.fields
    }
    table = synced[kind]
    conn.execute(
        update(table)
        .where(table.c.id == record_id)
        .values(deleted=True, modified_at=now, modified_by=actor)
    )
    _append(
        conn,
        kind,
        record_id,
        "delete",
        fields={},
        base=base,
        base_text={},
        clock_fields=set(),
        actor=actor,
        now=now,
    )


def pending_count(conn: Connection) -> int:
    """Edits waiting to be sent (rejected ones are not waiting)."""
    return ob.pending_count(conn)


def discard_rejected(conn: Connection, op: int) -> None:
    """The teacher dismissed an edit the server refused: drop it and show the
    server's values again. Raises InvalidEdit for an op that is not rejected."""
    found = ob.get_op(conn, op)
    if found is None or found.state != ob.REJECTED:
        raise InvalidEdit("That change is no longer waiting for a decision.")
    settle.discard_op(conn, found)

"""How the server's answer to an op (or the teacher's dismissal of a refused
one) changes the cache: the op leaves the outbox and the row shows what the
server holds as far as the cache knows it. Inside the caller's transaction;
see local_db.outbox for the invariants kept.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, select, update

from local_db.outbox import (
    REJECTED,
    OutboxOp,
    base_key,
    drop_edit_base,
    drop_edit_bases,
    drop_record_state,
    edit_bases,
    held_tombstone_seq,
    hold_tombstone,
    never_on_server,
    ops_of_record,
)
from local_db.schema import edit_base, outbox, synced
from sync_protocol.codec import WireValue, decode_value
from sync_protocol.entities import REGISTRY, MergePolicy


def _decode(kind: str, name: str, value: WireValue) -> Any:
    spec = REGISTRY[kind]
    return decode_value(spec, spec.field(name), value)


def _text_merged(kind: str, name: str) -> bool:
    return REGISTRY[kind].field(name).policy is MergePolicy.TEXT_MERGE


def _rebase_later(conn: Connection, settled: OutboxOp, later: list[OutboxOp], seq: int) -> None:
    """`settled` was applied at `seq`: later unsent ops that started from the
    same bases now start from it (else the server would take the teacher's
    second edit for one concurrent with their first)."""
    for op in later:
        if not op.unsent:
            continue
        base, base_text = dict(op.base), dict(op.base_text)
        for name, version in settled.base.items():
            if base.get(name) != version:
                continue
            base[name] = seq
            value = settled.fields.get(name)
            if _text_merged(op.kind, name) and isinstance(value, str):
                base_text[name] = value
        if base != op.base:
            conn.execute(
                update(outbox).where(outbox.c.op == op.op).values(base=base, base_text=base_text)
            )


def applied_seq(outcome: str, seq: int | None) -> int | None:
    """The seq the server wrote the op's values at; None when it kept others."""
    return seq if outcome == "applied" and seq is not None else None


def settle_op(conn: Connection, op: OutboxOp, outcome: str, seq: int | None) -> None:
    """The server answered `op` (applied, merged, conflict or duplicate): drop
    it and bring the row in line with what the server now holds, as far as
    the cache knows it; the next pull brings the rest (the server's write,
    if any, has a seq past the cursor)."""
    conn.execute(delete(outbox).where(outbox.c.op == op.op))
    later = ops_of_record(conn, op.kind, op.record_id)
    applied = applied_seq(outcome, seq)
    table = synced[op.kind]
    row = conn.execute(select(table).where(table.c.id == op.record_id)).mappings().first()
    if row is None:
        if not later:
            drop_record_state(conn, op.kind, op.record_id)
        return
    values, versions = _settle_fields(conn, op, later, applied, row)
    if op.action == "delete" and applied is None and not any(o.action == "delete" for o in later):
        # The record stays (delete_vs_edit, or deleted there already and
        # the tombstone follows): show it again. Also when other ops of the
        # record remain, such as an earlier edit the server refused: found
        # by the sync simulation, the row stayed hidden for good.
        values["deleted"] = False
    if later:
        if op.action == "delete" and applied is not None:
            # Deleted on the server, but another op of the record is still
            # listed (an edit refused earlier, shown until she dismisses
            # it): the row waits as if its tombstone had been pulled, and
            # goes when the last op does. Without this it stayed hidden on
            # her computer for good once a colleague brought the record
            # back (sync simulation, seed 1311451223).
            hold_tombstone(conn, op.kind, op.record_id, applied)
        _write_row(conn, op.kind, op.record_id, values, versions)
        return
    if held_tombstone_seq(conn, op.kind, op.record_id) is not None or (
        op.action == "delete" and applied is not None
    ):
        # Deleted on the server; if our edit revived it, the pull brings it.
        conn.execute(table.delete().where(table.c.id == op.record_id))
        drop_record_state(conn, op.kind, op.record_id)
        return
    _write_row(conn, op.kind, op.record_id, values, versions)


def _settle_fields(
    conn: Connection,
    op: OutboxOp,
    later: list[OutboxOp],
    applied: int | None,
    row: RowMapping,
) -> tuple[dict[str, Any], dict[str, int]]:
    """New values and versions of the row's fields `op` carried."""
    bases = edit_bases(conn, op.kind, op.record_id)
    values: dict[str, Any] = {}
    versions = dict(row["field_seqs"] or {})
    settled: list[str] = []
    if applied is not None:
        _rebase_later(conn, op, later, applied)
        if not any(op.base.values()) and op.action == "upsert":
            # A create carries the fields the teacher set; the server made
            # the others (their empty values) at the same seq.
            for spec in REGISTRY[op.kind].fields:
                if spec.name not in op.fields and spec.name not in bases:
                    versions[spec.name] = applied
    for name in op.fields:
        if any(name in other.fields for other in later):
            if applied is not None and name in bases:
                conn.execute(
                    update(edit_base)
                    .where(base_key(op.kind, op.record_id, name))
                    .values(base_version=applied, base_value=op.fields[name])
                )
            continue
        found = bases.get(name)
        if (
            found is not None
            and found.server_version is not None
            and (applied is None or found.server_version >= applied)
        ):
            # A newer server value came in while the edit was unsettled.
            values[name] = _decode(op.kind, name, found.server_value)
            versions[name] = found.server_version
        elif applied is not None:
            versions[name] = applied
        elif found is not None and found.base_version > 0:
            # The server wrote none of it (a conflict, a losing or equal
            # value, a merge still to come) and no newer value of it came
            # in: it holds what the edit started from, as far as the cache
            # knows (a later write has a seq past the cursor and the pull
            # brings it). Keeping the teacher's value here left it in the
            # cache for good when the record was out of her scope meanwhile
            # (long runs of the sync simulation, issue 16): nothing was
            # pulled, and the divergence check compares seqs, which agreed.
            # Her value is not lost: the server keeps it as a conflict's
            # rival, or merged it, or it lost with a notice to her.
            values[name] = _decode(op.kind, name, found.base_value)
            versions[name] = found.base_version
        settled.append(name)
    drop_edit_bases(conn, op.kind, op.record_id, settled)
    return values, versions


def _write_row(
    conn: Connection,
    kind: str,
    record_id: uuid.UUID,
    values: dict[str, Any],
    versions: dict[str, int],
) -> None:
    table = synced[kind]
    conn.execute(
        update(table).where(table.c.id == record_id).values(**values, field_seqs=versions or None)
    )


def reject_op(conn: Connection, op: OutboxOp, reason: str, now: dt.datetime) -> None:
    """The server refused the op: keep it, visibly, with the reason. The row
    keeps showing the teacher's value until they discard the edit."""
    conn.execute(
        update(outbox)
        .where(outbox.c.op == op.op)
        .values(state=REJECTED, reject_reason=reason, rejected_at=now)
    )
    if op.action == "upsert" and not any(op.base.values()):
        _carry_refused_create(conn, op)


def _carry_refused_create(conn: Connection, refused: OutboxOp) -> None:
    """The server refused a create. The teacher's later edits of the record
    were made on top of it (every base 0), so the server would take the
    next one for a create missing its required fields and refuse it with a
    reason that means nothing to the teacher. The next unsent op becomes the
    create instead, with the refused op's values under its own: refused
    again for the same reason while that holds, applied once it no longer
    does (the pupil is back in the group), so nothing typed is lost.
    Found by the sync simulation."""
    for later in ops_of_record(conn, refused.kind, refused.record_id):
        if later.op <= refused.op or later.action != "upsert" or not later.unsent:
            continue
        if any(later.base.values()):
            # An edit of the server's record (a pull brought it meanwhile):
            # the server merges it as one.
            return
        fields = {**refused.fields, **later.fields}
        conn.execute(
            update(outbox)
            .where(outbox.c.op == later.op)
            .values(fields=fields, base=dict.fromkeys(fields, 0), base_text={})
        )
        return


def discard_op(conn: Connection, op: OutboxOp) -> None:
    """Drop an op that never reached the server (rejected, or an unsent op
    the teacher's own later edit cancels) and show the server's values of
    its fields again."""
    conn.execute(delete(outbox).where(outbox.c.op == op.op))
    later = ops_of_record(conn, op.kind, op.record_id)
    table = synced[op.kind]
    row = conn.execute(select(table).where(table.c.id == op.record_id)).mappings().first()
    if row is None:
        if not later:
            drop_record_state(conn, op.kind, op.record_id)
        return
    if not later and (
        held_tombstone_seq(conn, op.kind, op.record_id) is not None or never_on_server(row)
    ):
        # Never on the server (a local create), or deleted there meanwhile.
        conn.execute(table.delete().where(table.c.id == op.record_id))
        drop_record_state(conn, op.kind, op.record_id)
        return
    bases = edit_bases(conn, op.kind, op.record_id)
    values: dict[str, Any] = {}
    versions = dict(row["field_seqs"] or {})
    for name in op.fields:
        found = bases.get(name)
        if found is None or any(name in other.fields for other in later):
            continue
        if found.server_version is None and found.base_version == 0:
            # Never on the server: nothing to show instead of the local value.
            drop_edit_base(conn, op.kind, op.record_id, name)
            continue
        if found.server_version is not None:
            values[name] = _decode(op.kind, name, found.server_value)
            versions[name] = found.server_version
        else:
            values[name] = _decode(op.kind, name, found.base_value)
            versions[name] = found.base_version
        drop_edit_base(conn, op.kind, op.record_id, name)
    if op.action == "delete" and not any(other.action == "delete" for other in later):
        values["deleted"] = False
    _write_row(conn, op.kind, op.record_id, values, versions)

"""POST /api/v1/sync/push: a batch of a client's ops, applied in one transaction.

Idempotency: every op's result is stored in applied_op under (client_id, op).
A batch whose ops are all stored is answered from there without taking a
lock or a sequence number; otherwise the stored ops are answered from there
and only the others are applied.

Concurrency: the write transaction first locks the sync counter row (the
lock server.db.allocate_seq takes), before it reads anything. Every writer
of synced rows takes that lock before writing, so pushes run one at a time,
each seeing everything committed before it: two pushes of the same record
merge one after the other, and a resend racing its original finds the
original's results after the lock. Locking rows one by one (SELECT ... FOR
UPDATE) would allow more parallel pushes, but every push must take the
counter lock to commit in seq order anyway, so the row locks would only add
deadlock risk. A push touches tens of rows and holds the lock for
milliseconds. The sequence number itself is allocated at the first write,
so a batch that writes nothing consumes none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from server.db import write_transaction
from server.services.access.scope import cached_scope
from server.services.sync.conflict_upkeep import follow_fields, settle_by_delete
from server.services.sync.conflicts import apply_conflict_op, record_conflict
from server.services.sync.push_assessment import check_assessment_delete
from server.services.sync.push_clock import (
    bound_stamp,
    clock_to_store,
    clock_warning,
    resume_clock,
)
from server.services.sync.push_context import OpRejected, PushContext, Pusher, Row
from server.services.sync.push_documentation import check_documentation_delete
from server.services.sync.push_hooks import run_attendance_hooks
from server.services.sync.push_merge import (
    DECIDED_POLICIES,
    MergePlan,
    merge_delete,
    merge_onto_tombstone,
    merge_upsert,
)
from server.services.sync.push_validation import (
    NOT_FOUND,
    DecodedOp,
    check_write,
    complete_for_create,
    decode_op,
    in_scope,
    known_fields,
    prefetch_memberships,
)
from server.services.sync.term_grade_history import record_term_grade_history
from server.services.sync.term_grade_pairs import reason_follows_grade, with_implied_reason
from server.tables import applied_op, sync_counter
from sync_protocol.entities import REGISTRY, MergePolicy
from sync_protocol.hlc import HybridClock
from sync_protocol.wire import OpOutcome, OpResult, PushBatch, PushOp

#: Ops in one batch. The client sends a few hundred; a batch this large
#: would hold every other teacher's push back for seconds.
MAX_OPS_PER_BATCH = 10_000


#: How long a result stays after its client said it has the answer.
ANSWERED_KEPT = dt.timedelta(days=7)


class InvalidBatch(ValueError):
    """The envelope is wrong as a whole (answered 422)."""


class BatchTooLarge(ValueError):
    """More ops than MAX_OPS_PER_BATCH (answered 413)."""


@dataclass(frozen=True)
class PushOutcome:
    results: list[OpResult]
    clock_warning: str | None
    #: The seq the batch wrote at; None when it wrote nothing.
    seq: int | None


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


def apply_push(
    engine: Engine,
    batch: PushBatch,
    *,
    pusher: Pusher,
    today: dt.date,
    schema_version: int,
    clock: HybridClock,
    now: dt.datetime | None = None,
) -> PushOutcome:
    ops = [op for txn in batch.transactions for op in txn.ops]
    numbers = [op.op for op in ops]
    if len(set(numbers)) != len(numbers):
        raise InvalidBatch("An op number appears twice in the batch.")
    if len(ops) > MAX_OPS_PER_BATCH:
        raise BatchTooLarge(f"A push holds at most {MAX_OPS_PER_BATCH:,} changes.")
    with engine.connect() as conn:
        stored = _stored_results(conn, batch.client_id, numbers)
    if len(stored) == len(ops):
        return PushOutcome([_repeat(op, stored[op.op], pusher) for op in ops], None, None)
    now = now or dt.datetime.now(dt.UTC)
    with write_transaction(engine) as conn:
        stored_clock = _lock_counter(conn)
        resume_clock(clock, stored_clock)
        # Again under the lock: a resend may have raced its original.
        stored = _stored_results(conn, batch.client_id, numbers)
        scope, _ = cached_scope(conn, role="teacher", person_id=pusher.person_id, today=today)
        ctx = PushContext(conn, pusher=pusher, scope=scope, now=now, schema_version=schema_version)
        _prefetch(ctx, [op for op in ops if op.op not in stored])
        results: list[OpResult] = []
        fresh: list[OpResult] = []
        ahead_ms = 0
        wall = _wall_ms()
        for op in ops:
            if op.op in stored:
                results.append(_repeat(op, stored[op.op], pusher))
                continue
            result, ahead = _apply_op(ctx, op, clock, wall)
            ahead_ms = max(ahead_ms, ahead or 0)
            results.append(result)
            fresh.append(result)
        ctx.flush()
        seq = ctx.seq_if_written
        if seq is not None:
            run_attendance_hooks(conn, ctx.attendance_changes, seq=seq, now=now)
            record_term_grade_history(
                conn, ctx.term_grade_changes, pusher=pusher, client_id=batch.client_id, now=now
            )
        _store_results(conn, batch, pusher, fresh, now)
        _forget_answered(conn, batch, pusher, now)
        _store_clock(conn, clock, stored_clock)
    return PushOutcome(results, clock_warning(ahead_ms) if ahead_ms else None, seq)


# --- idempotency -------------------------------------------------------------------


def _stored_results(
    conn: Connection, client_id: str, numbers: Sequence[int]
) -> dict[int, tuple[uuid.UUID, dict[str, Any]]]:
    found: dict[int, tuple[uuid.UUID, dict[str, Any]]] = {}
    for start in range(0, len(numbers), 1000):
        chunk = list(numbers[start : start + 1000])
        rows = conn.execute(
            select(applied_op.c.op, applied_op.c.user_id, applied_op.c.result).where(
                applied_op.c.client_id == client_id, applied_op.c.op.in_(chunk)
            )
        )
        for number, user_id, result in rows:
            found[int(number)] = (user_id, result)
    return found


def _repeat(op: PushOp, stored: tuple[uuid.UUID, dict[str, Any]], pusher: Pusher) -> OpResult:
    user_id, result = stored
    if user_id != pusher.user_id:
        # Another account's op under this client id: its result is not ours to show.
        return OpResult(
            op=op.op,
            outcome="rejected",
            reason="this change number of this computer was used by another account",
        )
    return OpResult.model_validate(result)


def _store_results(
    conn: Connection,
    batch: PushBatch,
    pusher: Pusher,
    results: Sequence[OpResult],
    now: dt.datetime,
) -> None:
    rows = [
        {
            "client_id": batch.client_id,
            "op": result.op,
            "user_id": pusher.user_id,
            "batch_id": batch.batch_id,
            "result": result.model_dump(mode="json"),
            "created_at": now,
        }
        for result in results
    ]
    if rows:
        conn.execute(insert(applied_op), rows)


def _forget_answered(conn: Connection, batch: PushBatch, pusher: Pusher, now: dt.datetime) -> None:
    """Forget the stored results the client says it will never ask for again
    (PushBatch.acked_below), once they are ANSWERED_KEPT old: a copy of an
    old request still on the network (a proxy's retry) gets its first answer
    meanwhile. Without this, applied_op kept every op ever sent. Only the
    pusher's own rows go: a client id is the client's word, not a secret."""
    if batch.acked_below is None:
        return
    conn.execute(
        delete(applied_op).where(
            applied_op.c.client_id == batch.client_id,
            applied_op.c.op < batch.acked_below,
            applied_op.c.user_id == pusher.user_id,
            applied_op.c.created_at < now - ANSWERED_KEPT,
        )
    )


def _lock_counter(conn: Connection) -> str | None:
    """Lock the counter row; returns the server clock's stored last stamp.

    PostgreSQL: the row lock allocate_seq would take, taken before any read.
    SQLite: a no-op; write_transaction's BEGIN IMMEDIATE holds the lock."""
    stored: str | None = conn.execute(
        select(sync_counter.c.last_hlc).where(sync_counter.c.id == 1).with_for_update()
    ).scalar_one()
    return stored


def _store_clock(conn: Connection, clock: HybridClock, stored: str | None) -> None:
    text = clock_to_store(clock, stored)
    if text is not None:
        conn.execute(update(sync_counter).where(sync_counter.c.id == 1).values(last_hlc=text))


# --- one op ------------------------------------------------------------------------


def _prefetch(ctx: PushContext, ops: Sequence[PushOp]) -> None:
    """Read what the ops will need in a few queries rather than per op."""
    by_kind: dict[str, set[uuid.UUID]] = defaultdict(set)
    for op in ops:
        if op.kind in REGISTRY:
            by_kind[op.kind].add(op.id)
    for kind, ids in by_kind.items():
        ctx.prefetch(kind, ids)
        missing = [i for i in ids if ctx.row(kind, i) is None]
        if missing and _may_collide(kind):
            ctx.prefetch_elsewhere(kind, missing)
    references: dict[str, set[uuid.UUID]] = defaultdict(set)
    pupils: set[uuid.UUID] = set()
    for op in ops:
        spec = REGISTRY.get(op.kind)
        if spec is None:
            continue
        row = ctx.row(op.kind, op.id)
        for name, kind in (("lesson_id", "lesson"), ("assessment_id", "assessment")):
            if spec.has_field(name):
                value = _uuid_or_none(row[name] if row else op.fields.get(name))
                if value is not None:
                    references[kind].add(value)
        if spec.has_field("pupil_id") and op.kind != "sync_conflict":
            pupil = _uuid_or_none(row["pupil_id"] if row else op.fields.get("pupil_id"))
            if pupil is not None:
                pupils.add(pupil)
    for kind, ids in references.items():
        ctx.prefetch(kind, ids)
    prefetch_memberships(ctx, pupils & ctx.scope.pupils)


def _may_collide(kind: str) -> bool:
    """Whether a new record's id must be checked against other kinds' tables.

    A natural-key kind's id is fixed by its key (checked on create), so
    another kind's row under it cannot be the same record; refusing it would
    let any stray row block a real roll call. Conflicts are never created by
    clients.
    """
    spec = REGISTRY[kind]
    return not spec.natural_key and kind != "sync_conflict"


def _uuid_or_none(value: object) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str) and len(value) <= 40:
        try:
            return uuid.UUID(value)
        except ValueError:
            return None
    return None


def _apply_op(
    ctx: PushContext, op: PushOp, clock: HybridClock, wall_ms: int
) -> tuple[OpResult, int | None]:
    """The op's result, and how far ahead its clock was if its stamp was replaced."""
    writes_before = ctx.writes
    ahead: int | None = None
    try:
        decoded = decode_op(op, ctx.schema_version)
        bounded = bound_stamp(clock, decoded.stamp, wall_ms)
        ahead = bounded.replaced_ahead_ms
        outcome = _dispatch(ctx, dataclasses.replace(decoded, stamp=bounded.stamp))
    except OpRejected as exc:
        if ctx.writes != writes_before:
            # Every refusal must come before the op's first write.
            raise RuntimeError(f"op {op.op} refused after writing: {exc.reason}") from exc
        return OpResult(op=op.op, outcome="rejected", reason=exc.reason), ahead
    seq = ctx.seq_if_written if ctx.writes != writes_before else None
    return OpResult(op=op.op, outcome=outcome, seq=seq), ahead


def _dispatch(ctx: PushContext, op: DecodedOp) -> OpOutcome:
    spec, wire = op.spec, op.wire
    if spec.kind == "sync_conflict":
        return "applied" if apply_conflict_op(ctx, op) else "merged"
    row = ctx.row(spec.kind, wire.id)
    if row is None:
        if wire.action == "delete" or not op.is_create:
            raise OpRejected(NOT_FOUND)
        if _may_collide(spec.kind) and ctx.kind_elsewhere(spec.kind, wire.id) is not None:
            raise OpRejected("the id belongs to another kind of record")
        values = complete_for_create(op, ctx.schema_version)
        check_write(ctx, spec, values, set(values))
        ctx.insert(
            spec.kind,
            wire.id,
            values,
            stamp=op.stamp.to_text(),
            by=ctx.pusher.person_id,
            defaults=_defaults(op, values),
        )
        return "applied"
    if not in_scope(ctx, spec, row):
        raise OpRejected(NOT_FOUND)
    if wire.weak and not row["deleted"]:
        # A default ("everyone not yet marked is present") meets a record a
        # colleague made: theirs was a choice, so it stays, without a notice.
        # But only a default the teacher may still write yields as "merged";
        # one for a pupil who left the group is refused like any edit, so the
        # app never hears "merged" for a write that could not have been made.
        check_write(ctx, spec, {**row, **op.fields}, set(op.fields))
        return "merged"
    known = tuple(f.name for f in known_fields(spec, ctx.schema_version))
    if wire.action == "delete":
        check_assessment_delete(ctx, spec, row)
        check_documentation_delete(ctx, spec, row)
        plan = merge_delete(
            spec, row, base=wire.base, known=known, stamp=op.stamp, pusher=ctx.pusher
        )
    elif row["deleted"]:
        plan = _onto_tombstone(ctx, op, row)
    else:
        _check_immutable(op, row)
        op = with_implied_reason(op, row, ctx.schema_version)
        check_write(ctx, spec, {**row, **op.fields}, set(op.fields))
        plan = merge_upsert(
            spec,
            row,
            op.fields,
            base=op.wire.base,
            base_text=wire.base_text,
            stamp=op.stamp,
            pusher=ctx.pusher,
        )
        plan = reason_follows_grade(op, row, plan)
    return _apply_plan(ctx, op, row, plan)


def _defaults(op: DecodedOp, values: Mapping[str, Any]) -> set[str]:
    """The fields of a record being made whose values nobody chose: all of a
    weak op's, and the empty values of those a create left out."""
    return set(values) if op.wire.weak else set(values) - set(op.fields)


def _check_immutable(op: DecodedOp, row: Row) -> None:
    for name, value in op.fields.items():
        if op.spec.field(name).policy is MergePolicy.IMMUTABLE and value != row[name]:
            raise OpRejected(f"{op.spec.kind}.{name}: cannot be changed after the record is made")


def _onto_tombstone(ctx: PushContext, op: DecodedOp, row: Row) -> MergePlan:
    """An upsert of a deleted record.

    A create (every base 0: the client never saw the record) makes the record
    anew under its natural id, e.g. a result entered after an earlier one was
    deleted. An edit of what the client knew becomes a delete_vs_edit
    conflict for kinds that need review; other kinds refuse it.
    """
    spec = op.spec
    if op.is_create:
        values = complete_for_create(op, ctx.schema_version)
        _check_immutable(dataclasses.replace(op, fields=values), row)
        # Made anew, it is still the record its creator made (a note keeps its author).
        check_write(ctx, spec, {**values, "created_by": row["created_by"]}, set(values))
        return MergePlan(writes=values, revive=True)
    if not spec.delete_needs_review:
        raise OpRejected("the record was deleted")
    op = with_implied_reason(op, row, ctx.schema_version)
    _check_immutable(op, row)
    check_write(ctx, spec, {**row, **op.fields}, set())
    return merge_onto_tombstone(spec, row, op.fields, stamp=op.stamp, pusher=ctx.pusher)


def _apply_plan(ctx: PushContext, op: DecodedOp, row: Row, plan: MergePlan) -> OpOutcome:
    kind = op.spec.kind
    stamp, by = op.stamp.to_text(), ctx.pusher.person_id
    if plan.delete_stands:
        if plan.tombstone:
            row = ctx.update(kind, row, {}, stamp=stamp, by=by, deleted=True)
        settle_by_delete(ctx, kind, row)
        return "applied" if plan.tombstone else "merged"
    if plan.revive:
        defaults = _defaults(op, plan.writes)
        ctx.update(kind, row, plan.writes, stamp=stamp, by=by, deleted=False, defaults=defaults)
        return "applied"
    if plan.writes:
        row = ctx.update(kind, row, plan.writes, stamp=stamp, by=by)
    if plan.restamp:
        row = ctx.restamp(kind, row, plan.restamp, stamp)
    written = [name for name in plan.writes if op.spec.field(name).policy in DECIDED_POLICIES]
    if plan.stands or written:
        follow_fields(ctx, kind, row, stands=plan.stands, written=written)
    for draft in (*plan.conflicts, *plan.notices):
        record_conflict(ctx, kind, row, draft)
    if plan.conflicts:
        return "conflict"
    return "applied" if plan.as_sent and plan.writes else "merged"

"""Pushing the outbox: batches of whole local transactions, answered per op.

For each batch:
1. One local transaction picks the batch and stamps first_sent_at on its
   ops (from then on they are never modified: a resend must be the same op).
2. The batch goes out gzip-compressed.
3. The answer is checked whole before anything is written (a malformed one
   leaves the outbox as it was; the ops are sent again and the server's
   per-op idempotency returns the same results).
4. One local transaction stores the answer: answered ops leave the outbox
   and their rows take the settled state, refused ones stay as `rejected`
   with the reason, and the clock moves past the server's.

A crash between 1 and 4 leaves ops marked sent and still in the outbox; the
next push sends them again. A batch is a prefix of the pending txns in op
order that never holds two ops of one record: the later op waits for the
earlier one's answer, which gives it the base it must carry.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Sequence

from sqlalchemy import Connection, update

from local_db import clock, settle
from local_db import outbox as ob
from local_db.schema import outbox, sync_state
from local_db.settle_batch import Answer, settle_simple
from local_db.sync.errors import ProtocolError, ServerError, ServerUnreachable
from local_db.sync.run import SyncRun
from sync_protocol.hlc import HlcStamp, InvalidStamp
from sync_protocol.wire import OpResult, PushBatch, PushOp, PushResponse, PushTransaction

log = logging.getLogger(__name__)

#: Ops per batch, and roughly the JSON bytes, before compression. A local
#: transaction larger than either goes alone in a batch of its own.
MAX_BATCH_OPS = 500
MAX_BATCH_BYTES = 1_000_000
#: Limits of the wire format (sync_protocol.wire.PushTransaction/PushBatch).
WIRE_OPS_PER_TXN = 1000
WIRE_TXNS_PER_BATCH = 200
_SETTLED = frozenset({"applied", "merged", "conflict", "duplicate"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _size(op: ob.OutboxOp) -> int:
    return 160 + sum(
        len(json.dumps(part, separators=(",", ":"))) for part in (op.fields, op.base, op.base_text)
    )


def _chunks(group: Sequence[ob.OutboxOp]) -> int:
    return -(-len(group) // WIRE_OPS_PER_TXN)


def next_batch(conn: Connection) -> list[list[ob.OutboxOp]]:
    """The next batch: whole txns in op order, no record twice."""
    groups: dict[int, list[ob.OutboxOp]] = {}
    for op in ob.pending_ops(conn):
        groups.setdefault(op.txn, []).append(op)
    batch: list[list[ob.OutboxOp]] = []
    records: set[tuple[str, uuid.UUID]] = set()
    count = size = wire_txns = 0
    for group in sorted(groups.values(), key=lambda ops: ops[0].op):
        keys = {(op.kind, op.record_id) for op in group}
        group_size = sum(_size(op) for op in group)
        if batch and (
            keys & records
            or count + len(group) > MAX_BATCH_OPS
            or size + group_size > MAX_BATCH_BYTES
            or wire_txns + _chunks(group) > WIRE_TXNS_PER_BATCH
        ):
            break
        batch.append(group)
        records |= keys
        count += len(group)
        size += group_size
        wire_txns += _chunks(group)
    return batch


def to_wire(
    client_id: str, batch: list[list[ob.OutboxOp]], acked_below: int | None = None
) -> PushBatch:
    transactions = []
    for group in batch:
        # One local transaction past the wire's per-transaction limit is
        # split into wire transactions of the same batch: the server applies
        # a batch in one transaction, so it still lands whole.
        for start in range(0, len(group), WIRE_OPS_PER_TXN):
            ops = [
                PushOp(
                    op=op.op,
                    kind=op.kind,
                    id=op.record_id,
                    action="delete" if op.action == "delete" else "upsert",
                    fields=op.fields,
                    base=op.base,
                    base_text=op.base_text,
                    hlc=op.hlc,
                    weak=op.weak,
                )
                for op in group[start : start + WIRE_OPS_PER_TXN]
            ]
            transactions.append(PushTransaction(ops=ops))
    return PushBatch(
        client_id=client_id,
        batch_id=uuid.uuid4(),
        transactions=transactions,
        acked_below=acked_below,
    )


def check_response(response: PushResponse, sent: Sequence[int]) -> dict[int, OpResult]:
    """The answer covers exactly the ops sent, once each, and is usable."""
    results: dict[int, OpResult] = {}
    for result in response.results:
        if result.op in results:
            raise ProtocolError("the server answered one change twice", detail=f"op {result.op}")
        if result.seq is not None and result.seq < 0:
            raise ProtocolError("the server sent a negative sequence number")
        results[result.op] = result
    if set(results) != set(sent):
        missing, extra = set(sent) - set(results), set(results) - set(sent)
        raise ProtocolError(
            "the server's answer did not match the changes sent",
            detail=f"{len(missing)} unanswered, {len(extra)} not sent",
        )
    try:
        HlcStamp.parse(response.server_hlc)
    except InvalidStamp:
        raise ProtocolError("the server's clock stamp is unreadable") from None
    return results


def store_results(
    conn: Connection, results: dict[int, OpResult], response: PushResponse, now: dt.datetime
) -> dict[str, int]:
    """Write the checked answer (inside the caller's transaction); counts by outcome."""
    counts: dict[str, int] = {}
    ops = ob.get_ops(conn, results)
    answers: list[Answer] = []
    for number in sorted(results):
        result = results[number]
        op = ops.get(number)
        if op is None or op.state != ob.PENDING:  # pragma: no cover - sent ops stay put
            log.error("push: op %d vanished while it was being sent", number)
            continue
        if result.outcome in _SETTLED:
            answers.append(Answer(op, result.outcome, result.seq))
        else:
            reason = (result.reason or "").strip()[:1000] or "the server gave no reason"
            settle.reject_op(conn, op, reason, now)
            log.warning("push: op %d (%s) rejected: %s", number, op.kind, reason)
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    # A batch never holds two ops of one record, so settling one answer
    # leaves the others' ops as they were read.
    for answer in settle_simple(conn, answers):
        settle.settle_op(conn, answer.op, answer.outcome, answer.seq)
    clock.observe(conn, response.server_hlc)
    conn.execute(
        update(sync_state)
        .where(sync_state.c.id == 1)
        .values(last_push_at=now, clock_warning=response.clock_warning)
    )
    return counts


def _mark_sent(conn: Connection, numbers: list[int], now: dt.datetime) -> None:
    conn.execute(
        update(outbox)
        .where(outbox.c.op.in_(numbers), outbox.c.first_sent_at.is_(None))
        .values(first_sent_at=now)
    )
    conn.execute(
        update(outbox).where(outbox.c.op.in_(numbers)).values(attempts=outbox.c.attempts + 1)
    )


class PushOutbox:
    """Send the outbox until it holds nothing sendable."""

    name = "push"

    def run(self, run: SyncRun) -> None:
        while not run.should_stop():
            with run.cache.begin() as conn:
                batch = next_batch(conn)
                if not batch:
                    return
                numbers = [op.op for group in batch for op in group]
                # The batch is in the outbox, so the lowest op is at most its first.
                request = to_wire(clock.client_id(conn), batch, ob.lowest_op(conn))
                _mark_sent(conn, numbers, _now())
            try:
                response = run.client.push(request)
            except (ServerUnreachable, ServerError) as exc:
                self._note_failure(run, numbers, exc.detail or type(exc).__name__)
                raise
            results = check_response(response, numbers)
            with run.cache.begin() as conn:
                counts = store_results(conn, results, response, _now())
            run.push_batches += 1
            run.ops_sent += len(numbers)
            for outcome, number in counts.items():
                run.push_outcomes[outcome] = run.push_outcomes.get(outcome, 0) + number
            run.clock_warning = response.clock_warning

    @staticmethod
    def _note_failure(run: SyncRun, numbers: list[int], error: str) -> None:
        # Bookkeeping only; the ops themselves stay exactly as they were.
        with run.cache.begin() as conn:
            conn.execute(
                update(outbox).where(outbox.c.op.in_(numbers)).values(last_error=error[:200])
            )

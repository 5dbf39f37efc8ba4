"""The outbox and the bases of unsettled edits (tables in local_db.schema);
local_db.settle applies the server's answers.

Invariants every function here keeps, so that a crash at any instant leaves
a cache that syncs correctly (everything runs inside the caller's one
transaction):

- A row that shows a local value the server has not settled has an outbox op
  (state pending, or rejected until the teacher discards it) carrying the
  field, and an `edit_base` row for the field: the server version and value
  the local value descends from, and the server's latest value pulled since.
- Ops of one local transaction share a txn. Folding an edit into an older op
  merges every unsent op from that op's transaction on into one txn, so a txn
  is always a contiguous run of op numbers and sending txns in op order keeps
  every record's ops in order.
- No txn holds two ops of one record, and a batch never holds two ops of one
  record either (local_db.sync.push): the later op waits for the earlier
  op's answer, which gives it the base it must carry.
- An op with first_sent_at set is never modified: its answer may be on the
  way, and a resend must be the same op.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from local_db.schema import edit_base, held_tombstone, outbox
from sync_protocol.codec import WireValue

PENDING = "pending"
REJECTED = "rejected"
#: Folding never makes a txn larger than this (a push batch holds about as
#: many ops); past it the edit gets an op of its own.
MAX_FOLD_TXN_OPS = 500
_TXN_KEY = "klassbok.outbox_txn"


@dataclass(frozen=True)
class OutboxOp:
    op: int
    txn: int
    kind: str
    record_id: uuid.UUID
    action: str
    fields: dict[str, WireValue]
    base: dict[str, int]
    base_text: dict[str, str]
    clock_fields: tuple[str, ...]
    hlc: str
    schema_version: int
    actor: uuid.UUID | None
    created_at: dt.datetime
    updated_at: dt.datetime
    first_sent_at: dt.datetime | None
    attempts: int
    last_error: str | None
    state: str
    reject_reason: str | None
    rejected_at: dt.datetime | None
    weak: bool = False

    @property
    def unsent(self) -> bool:
        return self.state == PENDING and self.first_sent_at is None

    @property
    def carried(self) -> set[str]:
        """Fields whose local value this op stands for."""
        return set(self.fields)


def _op(row: RowMapping) -> OutboxOp:
    return OutboxOp(
        op=int(row["op"]),
        txn=int(row["txn"]),
        kind=row["kind"],
        record_id=row["record_id"],
        action=row["action"],
        fields=dict(row["fields"] or {}),
        base={k: int(v) for k, v in (row["base"] or {}).items()},
        base_text=dict(row["base_text"] or {}),
        clock_fields=tuple(row["clock_fields"] or ()),
        hlc=row["hlc"],
        schema_version=int(row["schema_version"]),
        actor=row["actor"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        first_sent_at=row["first_sent_at"],
        attempts=int(row["attempts"]),
        last_error=row["last_error"],
        state=row["state"],
        reject_reason=row["reject_reason"],
        rejected_at=row["rejected_at"],
        weak=bool(row["weak"]),
    )


def ops_of_record(conn: Connection, kind: str, record_id: uuid.UUID) -> list[OutboxOp]:
    """Pending and rejected ops of one record, oldest first."""
    rows = conn.execute(
        select(outbox)
        .where(outbox.c.kind == kind, outbox.c.record_id == record_id)
        .order_by(outbox.c.op)
    ).mappings()
    return [_op(row) for row in rows]


def ops_of_records(
    conn: Connection, kind: str, record_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[OutboxOp]]:
    """ops_of_record for many records in one query (records without ops left out)."""
    found: dict[uuid.UUID, list[OutboxOp]] = {}
    rows = conn.execute(
        select(outbox)
        .where(outbox.c.kind == kind, outbox.c.record_id.in_(list(record_ids)))
        .order_by(outbox.c.op)
    ).mappings()
    for row in rows:
        found.setdefault(row["record_id"], []).append(_op(row))
    return found


def refused_join(conn: Connection, txn: int) -> bool:
    """Whether join_txn refused to join `txn` in this transaction already."""
    return txn in _this(conn).refused


def lowest_op(conn: Connection) -> int | None:
    """The oldest op still in the outbox (pending or rejected). Op numbers
    are never reused, so every op below it has been answered and settled:
    this computer never sends it again."""
    value = conn.execute(select(func.min(outbox.c.op))).scalar()
    return None if value is None else int(value)


def pending_ops(conn: Connection) -> list[OutboxOp]:
    rows = conn.execute(
        select(outbox).where(outbox.c.state == PENDING).order_by(outbox.c.op)
    ).mappings()
    return [_op(row) for row in rows]


def get_op(conn: Connection, op: int) -> OutboxOp | None:
    row = conn.execute(select(outbox).where(outbox.c.op == op)).mappings().first()
    return None if row is None else _op(row)


def get_ops(conn: Connection, numbers: Iterable[int]) -> dict[int, OutboxOp]:
    """The ops with these numbers that are still in the outbox, by number."""
    rows = conn.execute(select(outbox).where(outbox.c.op.in_(list(numbers)))).mappings()
    return {int(row["op"]): _op(row) for row in rows}


def pending_count(conn: Connection) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(outbox).where(outbox.c.state == PENDING)
        ).scalar_one()
    )


def held_records(conn: Connection, kind: str, record_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these records have unsettled (pending or rejected) ops."""
    ids = list(record_ids)
    held: set[uuid.UUID] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        held.update(
            conn.execute(
                select(outbox.c.record_id)
                .distinct()
                .where(outbox.c.kind == kind, outbox.c.record_id.in_(chunk))
            ).scalars()
        )
    return held


def outbox_is_empty(conn: Connection) -> bool:
    return conn.execute(select(outbox.c.op).limit(1)).first() is None


# --- versions and bases ---------------------------------------------------------


def never_on_server(row: RowMapping | Mapping[str, Any]) -> bool:
    """Created here and not (yet known to be) written on the server: no pull
    brought it and no push answer said it was applied."""
    versions = row["field_seqs"] or {}
    return int(row["seq"]) == 0 and not any(int(v) > 0 for v in versions.values())


def field_version(row: RowMapping | Mapping[str, Any], name: str) -> int:
    """The server version of a field as the row knows it (feed `fv` rules)."""
    versions = row["field_seqs"] or {}
    return int(versions.get(name, row["seq"]))


@dataclass(frozen=True)
class EditBase:
    field: str
    base_version: int
    base_value: WireValue
    server_version: int | None
    server_value: WireValue


def edit_bases(conn: Connection, kind: str, record_id: uuid.UUID) -> dict[str, EditBase]:
    rows = conn.execute(
        select(edit_base).where(edit_base.c.kind == kind, edit_base.c.record_id == record_id)
    ).mappings()
    return {row["field"]: edit_base_of(row) for row in rows}


def edit_base_of(row: RowMapping) -> EditBase:
    """An edit_base row as an EditBase."""
    return EditBase(
        field=row["field"],
        base_version=int(row["base_version"]),
        base_value=row["base_value"],
        server_version=None if row["server_version"] is None else int(row["server_version"]),
        server_value=row["server_value"],
    )


def add_edit_base(
    conn: Connection,
    *,
    kind: str,
    record_id: uuid.UUID,
    name: str,
    version: int,
    value: WireValue,
) -> None:
    conn.execute(
        insert(edit_base).values(
            kind=kind, record_id=record_id, field=name, base_version=version, base_value=value
        )
    )


def base_key(kind: str, record_id: uuid.UUID, name: str) -> Any:
    return and_(
        edit_base.c.kind == kind, edit_base.c.record_id == record_id, edit_base.c.field == name
    )


def note_server_value(
    conn: Connection,
    *,
    kind: str,
    record_id: uuid.UUID,
    name: str,
    version: int,
    value: WireValue,
) -> None:
    """A pull brought the server's value of a field that has a local edit."""
    conn.execute(
        update(edit_base)
        .where(base_key(kind, record_id, name))
        .values(server_version=version, server_value=value)
    )


def drop_edit_base(conn: Connection, kind: str, record_id: uuid.UUID, name: str) -> None:
    conn.execute(delete(edit_base).where(base_key(kind, record_id, name)))


def drop_edit_bases(conn: Connection, kind: str, record_id: uuid.UUID, names: list[str]) -> None:
    if names:
        conn.execute(
            delete(edit_base).where(
                edit_base.c.kind == kind,
                edit_base.c.record_id == record_id,
                edit_base.c.field.in_(names),
            )
        )


def drop_record_state(conn: Connection, kind: str, record_id: uuid.UUID) -> None:
    conn.execute(
        delete(edit_base).where(edit_base.c.kind == kind, edit_base.c.record_id == record_id)
    )
    conn.execute(
        delete(held_tombstone).where(
            held_tombstone.c.kind == kind, held_tombstone.c.record_id == record_id
        )
    )


def hold_tombstone(conn: Connection, kind: str, record_id: uuid.UUID, seq: int) -> None:
    """The record is deleted on the server (at `seq`) while it has local
    ops: its row stays until they are settled (local_db.sync.rebase)."""
    statement = sqlite_insert(held_tombstone).values(kind=kind, record_id=record_id, seq=seq)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=[held_tombstone.c.kind, held_tombstone.c.record_id],
            set_={"seq": func.max(held_tombstone.c.seq, statement.excluded.seq)},
        )
    )


def has_delete_op(conn: Connection, kind: str, record_id: uuid.UUID) -> bool:
    """Whether a delete of the record is in the outbox (waiting, or refused
    and not yet dismissed)."""
    found = conn.execute(
        select(outbox.c.op)
        .where(outbox.c.kind == kind, outbox.c.record_id == record_id, outbox.c.action == "delete")
        .limit(1)
    ).first()
    return found is not None


def held_tombstone_seq(conn: Connection, kind: str, record_id: uuid.UUID) -> int | None:
    value = conn.execute(
        select(held_tombstone.c.seq).where(
            held_tombstone.c.kind == kind, held_tombstone.c.record_id == record_id
        )
    ).scalar()
    return None if value is None else int(value)


# --- transactions ---------------------------------------------------------------


@dataclass
class _ThisTransaction:
    """What the open database transaction has written to the outbox."""

    transaction: object
    txn: int | None = None
    ops: set[int] = field(default_factory=set)
    #: Txns join_txn refused to join: a refusal holds for the rest of the
    #: transaction (the span only grows, and nothing is sent meanwhile), and
    #: asking again cost two counts over the span per edit (a re-paste of
    #: 3,000 cells took 40 s, bench/gradebook_bench.py). An undone local
    #: delete can shrink the span; a fold refused then stays refused, and an
    #: op of its own is always correct.
    refused: set[int] = field(default_factory=set)


def _this(conn: Connection) -> _ThisTransaction:
    memo = conn.info.get(_TXN_KEY)
    if memo is None or memo.transaction is not conn.get_transaction():
        memo = _ThisTransaction(conn.get_transaction())
        conn.info[_TXN_KEY] = memo
    assert isinstance(memo, _ThisTransaction)
    return memo


def current_txn(conn: Connection) -> int | None:
    """The txn of the ops this database transaction has written, if any."""
    return _this(conn).txn


def _set_current_txn(conn: Connection, txn: int) -> None:
    _this(conn).txn = txn


def written_here(conn: Connection, op: int) -> bool:
    """Whether this database transaction wrote (or folded into) the op: its
    values are all of this moment, whatever txn it shares."""
    return op in _this(conn).ops


def note_written(conn: Connection, op: int) -> None:
    _this(conn).ops.add(op)


def txn_for_append(conn: Connection) -> int:
    txn = current_txn(conn)
    if txn is None:
        top = conn.execute(select(func.max(outbox.c.txn))).scalar()
        txn = int(top or 0) + 1
        _set_current_txn(conn, txn)
    return txn


def join_txn(conn: Connection, target: OutboxOp) -> bool:
    """Let this transaction fold an edit into `target` (an unsent op of an
    older transaction): every unsent op from target's txn on becomes one txn.
    False (nothing changed) when that would put two ops of one record in a
    txn or make it too large."""
    mine = current_txn(conn)
    if mine == target.txn:
        return True
    if target.txn in _this(conn).refused:
        return False
    first = conn.execute(
        select(func.min(outbox.c.op)).where(outbox.c.txn == target.txn, outbox.c.state == PENDING)
    ).scalar_one()
    in_span = and_(outbox.c.state == PENDING, outbox.c.op >= first)
    span = conn.execute(
        select(
            func.count(),
            # Record ids are unique across kinds (random, or named by kind).
            func.count(outbox.c.record_id.distinct()),
            func.count(outbox.c.first_sent_at),
            func.min(outbox.c.txn),
            func.max(outbox.c.txn),
        ).where(in_span)
    ).one()
    ops, records, sent, lowest, highest = span
    if ops > MAX_FOLD_TXN_OPS or records != ops or sent:
        _this(conn).refused.add(target.txn)
        return False
    if lowest != target.txn or highest != target.txn:
        conn.execute(update(outbox).where(in_span).values(txn=target.txn))
    _set_current_txn(conn, target.txn)
    return True

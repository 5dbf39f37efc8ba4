"""Settling a push's answers in a few statements instead of a few per op.

A roll call answers 30 ops at once; settling each through
local_db.settle.settle_op costs eight statements per op, two thirds of the
roll call's push (docs/benchmarks.md). Most answered ops are the simple
case: an applied upsert of a record with no other op in the outbox, whose
row is there, not held as a tombstone, and with no newer server value noted
while it was unsettled. For those the settled state is only "the op leaves, its
fields' bases go, the row's field versions move to the applied seq", which
this module writes for all of them together. Everything else goes through
settle_op, which stays the one definition of settling: the fast path must
leave exactly what settle_op would (tests/local_db/test_settle_batch.py
compares the two on the same answers).
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, select, update

from local_db.outbox import OutboxOp
from local_db.schema import edit_base, held_tombstone, outbox, synced
from local_db.settle import applied_seq
from sync_protocol.entities import REGISTRY

Key = tuple[str, uuid.UUID]


@dataclass(frozen=True)
class Answer:
    """The server's settled answer to one op (not a refusal)."""

    op: OutboxOp
    outcome: str
    seq: int | None

    @property
    def applied(self) -> int | None:
        return applied_seq(self.outcome, self.seq)


def settle_simple(conn: Connection, answers: Sequence[Answer]) -> list[Answer]:
    """Settle the simple answers together; return the others, in order, for
    settle_op."""
    # Only applied answers: after one that wrote nothing the row must show
    # the server's values again (settle_op restores them from the edit
    # bases), which is not this path's simple case.
    candidates = [a for a in answers if a.op.action == "upsert" and a.applied is not None]
    if not candidates:
        return list(answers)
    record_ids = sorted({a.op.record_id for a in candidates}, key=str)
    ops_per_record = _ops_per_record(conn, record_ids)
    held = _held(conn, record_ids)
    based, noted = _edit_bases(conn, record_ids)
    versions = _field_versions(conn, candidates, based)
    simple: list[tuple[Answer, dict[str, int]]] = []
    for answer in candidates:
        key = (answer.op.kind, answer.op.record_id)
        if ops_per_record[key] == 1 and key not in held and key not in noted and key in versions:
            simple.append((answer, _settled_versions(answer, versions[key])))
    if not simple:
        return list(answers)
    _write(conn, simple)
    done = {id(answer) for answer, _ in simple}
    return [a for a in answers if id(a) not in done]


def _ops_per_record(conn: Connection, record_ids: list[uuid.UUID]) -> Counter[Key]:
    rows = conn.execute(
        select(outbox.c.kind, outbox.c.record_id).where(outbox.c.record_id.in_(record_ids))
    )
    return Counter((row[0], row[1]) for row in rows)


def _held(conn: Connection, record_ids: list[uuid.UUID]) -> set[Key]:
    rows = conn.execute(
        select(held_tombstone.c.kind, held_tombstone.c.record_id).where(
            held_tombstone.c.record_id.in_(record_ids)
        )
    )
    return {(row[0], row[1]) for row in rows}


def _edit_bases(
    conn: Connection, record_ids: list[uuid.UUID]
) -> tuple[dict[Key, set[str]], set[Key]]:
    """One read of the records' edit bases: the fields with one per record,
    and the records with a server value noted while an edit was unsettled
    (settle_op decides which value the row shows)."""
    based: dict[Key, set[str]] = defaultdict(set)
    noted: set[Key] = set()
    for kind, record_id, name, server_version in conn.execute(
        select(
            edit_base.c.kind, edit_base.c.record_id, edit_base.c.field, edit_base.c.server_version
        ).where(edit_base.c.record_id.in_(record_ids))
    ):
        based[(kind, record_id)].add(name)
        if server_version is not None:
            noted.add((kind, record_id))
    return based, noted


@dataclass(frozen=True)
class _Row:
    field_seqs: dict[str, int]
    based: frozenset[str]  # fields with an edit base (an unsettled edit began there)


def _field_versions(
    conn: Connection, answers: list[Answer], based: dict[Key, set[str]]
) -> dict[Key, _Row]:
    by_kind: dict[str, list[uuid.UUID]] = defaultdict(list)
    for answer in answers:
        by_kind[answer.op.kind].append(answer.op.record_id)
    found: dict[Key, _Row] = {}
    for kind, ids in by_kind.items():
        table = synced[kind]
        for row in conn.execute(select(table.c.id, table.c.field_seqs).where(table.c.id.in_(ids))):
            key = (kind, row[0])
            found[key] = _Row(dict(row[1] or {}), frozenset(based.get(key, ())))
    return found


def _settled_versions(answer: Answer, row: _Row) -> dict[str, int]:
    """As local_db.settle._settle_fields computes them for this case."""
    versions = dict(row.field_seqs)
    applied = answer.applied
    assert applied is not None  # settle_simple takes applied answers only
    op = answer.op
    if not any(op.base.values()):
        # A create: the server made the fields it left out at the same seq.
        for spec in REGISTRY[op.kind].fields:
            if spec.name not in op.fields and spec.name not in row.based:
                versions[spec.name] = applied
    for name in op.fields:
        versions[name] = applied
    return versions


def _write(conn: Connection, simple: list[tuple[Answer, dict[str, int]]]) -> None:
    conn.execute(delete(outbox).where(outbox.c.op.in_([a.op.op for a, _ in simple])))
    bases = [
        {"k": a.op.kind, "r": a.op.record_id, "f": name} for a, _ in simple for name in a.op.fields
    ]
    if bases:
        conn.execute(
            delete(edit_base).where(
                and_(
                    edit_base.c.kind == bindparam("k"),
                    edit_base.c.record_id == bindparam("r"),
                    edit_base.c.field == bindparam("f"),
                )
            ),
            bases,
        )
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for answer, versions in simple:
        by_kind[answer.op.kind].append({"rid": answer.op.record_id, "fs": versions or None})
    for kind, params in by_kind.items():
        table = synced[kind]
        conn.execute(
            update(table).where(table.c.id == bindparam("rid")).values(field_seqs=bindparam("fs")),
            params,
        )

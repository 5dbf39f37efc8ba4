"""Reading the server's database the way the oracle compares it: rows with
their field values wire-encoded (as ops carry them), deleted flag, seq and
the version of every field."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from server.tables import applied_op, sync_counter, synced
from sync_protocol.codec import encode_value
from sync_protocol.entities import REGISTRY, client_writable_kinds

#: Kinds a teacher writes, besides the conflicts the server writes about them.
RECORD_KINDS = tuple(kind for kind in client_writable_kinds() if kind != "sync_conflict")


@dataclass(frozen=True)
class WireRow:
    kind: str
    id: uuid.UUID
    seq: int
    deleted: bool
    values: dict[str, Any]
    versions: dict[str, int]
    #: field -> [stamp text, person id] of who set it (server column).
    field_clock: dict[str, Any]

    def version(self, name: str) -> int:
        return self.versions[name]


def wire_row(kind: str, row: Any) -> WireRow:
    spec = REGISTRY[kind]
    seq = int(row["seq"])
    stored = row["field_seqs"] or {}
    return WireRow(
        kind=kind,
        id=row["id"],
        seq=seq,
        deleted=bool(row["deleted"]),
        values={f.name: encode_value(f, row[f.name]) for f in spec.fields},
        versions={f.name: int(stored.get(f.name, seq)) for f in spec.fields},
        field_clock=dict(row.get("field_clock") or {}) if "field_clock" in row else {},
    )


def read_rows(conn: Connection, kind: str, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, WireRow]:
    wanted = sorted(set(ids), key=str)
    if not wanted:
        return {}
    table = synced[kind]
    found: dict[uuid.UUID, WireRow] = {}
    for start in range(0, len(wanted), 500):
        query = select(table).where(table.c.id.in_(wanted[start : start + 500]))
        for row in conn.execute(query).mappings():
            found[row["id"]] = wire_row(kind, row)
    return found


def rows_at_seq(conn: Connection, kind: str, seq: int) -> dict[uuid.UUID, WireRow]:
    table = synced[kind]
    return {
        row["id"]: wire_row(kind, row)
        for row in conn.execute(select(table).where(table.c.seq == seq)).mappings()
    }


def rows_after(conn: Connection, kind: str, seq: int) -> list[WireRow]:
    table = synced[kind]
    query = select(table).where(table.c.seq > seq).order_by(table.c.seq)
    return [wire_row(kind, row) for row in conn.execute(query).mappings()]


def all_rows(engine: Engine, kinds: Iterable[str]) -> dict[tuple[str, uuid.UUID], WireRow]:
    found: dict[tuple[str, uuid.UUID], WireRow] = {}
    with engine.connect() as conn:
        for kind in kinds:
            for row in conn.execute(select(synced[kind])).mappings():
                found[(kind, row["id"])] = wire_row(kind, row)
    return found


def counter(conn: Connection) -> int:
    return int(conn.execute(select(sync_counter.c.value)).scalar_one())


def stored_results(
    conn: Connection, client_id: str, numbers: Iterable[int]
) -> dict[int, dict[str, Any]]:
    wanted = sorted(set(numbers))
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        rows = conn.execute(
            select(applied_op.c.op, applied_op.c.result).where(
                applied_op.c.client_id == client_id,
                applied_op.c.op.in_(wanted[start : start + 500]),
            )
        )
        for number, result in rows:
            found[int(number)] = dict(result)
    return found


def fingerprint(engine: Engine) -> tuple[int, int, tuple[tuple[str, int, int], ...]]:
    """(counter, applied ops, per kind (rows, sum of seqs)): any write changes it."""
    with engine.connect() as conn:
        parts = []
        for kind, table in synced.items():
            rows, seqs = conn.execute(
                select(func.count(), func.coalesce(func.sum(table.c.seq), 0))
            ).one()
            parts.append((kind, int(rows), int(seqs)))
        ops = int(conn.execute(select(func.count()).select_from(applied_op)).scalar_one())
        return counter(conn), ops, tuple(parts)

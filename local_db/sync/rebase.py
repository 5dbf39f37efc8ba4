"""Pulled records that have unsettled local edits (pending or rejected ops).

The server's values and versions are stored, but the fields with local edits
keep showing the teacher's values: their server values go into `edit_base`
(shown once the edit is settled), and the outbox ops keep the bases they
were made from, which is what the server merges against. A tombstone of such
a record is held (held_tombstone) and the row kept until the push answer
says what became of the edit (a delete_vs_edit conflict, typically).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from local_db import outbox as ob
from local_db.schema import held_tombstone, synced
from local_db.sync.decoded import DecodedRecord
from sync_protocol.codec import encode_value
from sync_protocol.entities import REGISTRY


def apply_held(conn: Connection, record: DecodedRecord) -> None:
    """Apply one pulled record (or tombstone) to a row with local edits."""
    if record.deleted:
        ob.hold_tombstone(conn, record.kind, record.id, record.seq)
        return
    conn.execute(
        delete(held_tombstone).where(
            held_tombstone.c.kind == record.kind, held_tombstone.c.record_id == record.id
        )
    )
    spec = REGISTRY[record.kind]
    table = synced[record.kind]
    local = conn.execute(select(table).where(table.c.id == record.id)).mappings().first()
    row: dict[str, Any] = dict(record.row)
    versions = row.get("field_seqs") or {}
    for name in ob.edit_bases(conn, record.kind, record.id):
        ob.note_server_value(
            conn,
            kind=record.kind,
            record_id=record.id,
            name=name,
            version=int(versions.get(name, record.seq)),
            value=encode_value(spec.field(name), row[name]),
        )
        if local is not None:
            row[name] = local[name]
    if local is not None and ob.has_delete_op(conn, record.kind, record.id):
        # A delete made here stays until the server has answered it (or,
        # refused, until the teacher dismisses it). Not one it has answered:
        # a row kept for another op after its delete was applied showed
        # the record as deleted for good when a colleague brought it back
        # (sync simulation, seed 1311451223).
        row["deleted"] = local["deleted"]
    statement = sqlite_insert(table).values(**row)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={name: statement.excluded[name] for name in row if name != "id"},
        )
    )

"""Saving many records of one kind at once: a pasted block in the gradebook.

    with cache.begin() as conn:
        save_records(conn, "assessment_result", [(id1, {...}), (id2, {...})], actor=me)

The same rows, edit bases and outbox ops as calling local_db.edits.save_record
for each item in order (tests/local_db/test_batch_edits.py compares the two),
in a handful of statements instead of about ten per record: a paste of
300 × 10 cells took 5–6 s through save_record, one row at a time
(bench/gradebook_bench.py).

Only the plain cases are batched: a record that is not here yet (a create),
a live record with no op in the outbox (an edit of a synced value), and a
live record whose edit save_record would give an op of its own after the
ones it has (the last is sent, or folding into it is ruled out: its stamp
would be untrue, or this transaction was refused its txn, as after a paste
of more than a push batch). Any other record (an op to fold into, a refused
create, a local delete, a record named twice) goes through save_record
itself, after what was gathered so far is written, so the order of the ops
is that of the items.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from local_db import clock
from local_db import outbox as ob
from local_db.edit_checks import InvalidEdit, validate_changes, writable_spec
from local_db.edits import fold_is_tried, save_record
from local_db.schema import edit_base, outbox, synced
from sync_protocol import versions
from sync_protocol.codec import FieldError, decode_fields, encode_value
from sync_protocol.entities import EntitySpec, MergePolicy
from sync_protocol.ids import natural_id

#: Record ids per IN (...) read.
_CHUNK = 500

Item = tuple[uuid.UUID, Mapping[str, Any]]


def save_records(
    conn: Connection, kind: str, items: Iterable[Item], *, actor: uuid.UUID | None
) -> None:
    """save_record(conn, kind, record_id, changes, actor=actor) for each item,
    in order, in the caller's write transaction. Raises InvalidEdit as
    save_record does (what came before it is written; the caller's
    transaction decides)."""
    spec = writable_spec(kind)
    todo = list(items)
    done: set[uuid.UUID] = set()
    for start in range(0, len(todo), _CHUNK):
        chunk = todo[start : start + _CHUNK]
        for record_id, _ in chunk:
            if not isinstance(record_id, uuid.UUID):
                raise InvalidEdit(f"{kind}: the record id must be a UUID")
        batch = _Batch(conn, spec, actor)
        state = _State.read(conn, spec, [record_id for record_id, _ in chunk])
        for record_id, changes in chunk:
            try:
                values = validate_changes(spec, changes)
                if record_id in done or not state.plain(conn, spec, record_id, values):
                    batch.write()
                    txn = ob.current_txn(conn)
                    save_record(conn, kind, record_id, changes, actor=actor)
                    if ob.current_txn(conn) != txn:
                        # It started or joined a txn (a join moves other ops
                        # into it): what was read of the others is stale.
                        state = _State.read(conn, spec, [i for i, _ in chunk])
                else:
                    batch.add(record_id, state.rows.get(record_id), state.bases(record_id), values)
            except InvalidEdit:
                batch.write()  # what came before stands, as with save_record
                raise
            done.add(record_id)
        batch.write()


class _State:
    """What the cache holds of a chunk's records, read in three queries."""

    def __init__(
        self,
        rows: dict[uuid.UUID, Mapping[str, Any]],
        ops: dict[uuid.UUID, list[ob.OutboxOp]],
        bases: dict[uuid.UUID, dict[str, ob.EditBase]],
    ) -> None:
        self.rows = rows
        self.ops = ops
        self._bases = bases

    @classmethod
    def read(cls, conn: Connection, spec: EntitySpec, ids: Sequence[uuid.UUID]) -> _State:
        table = synced[spec.kind]
        rows: dict[uuid.UUID, Any] = {
            row["id"]: row
            for row in conn.execute(select(table).where(table.c.id.in_(ids))).mappings()
        }
        ops = ob.ops_of_records(conn, spec.kind, ids)
        bases: dict[uuid.UUID, dict[str, ob.EditBase]] = {}
        for row in conn.execute(
            select(edit_base).where(edit_base.c.kind == spec.kind, edit_base.c.record_id.in_(ids))
        ).mappings():
            bases.setdefault(row["record_id"], {})[row["field"]] = ob.edit_base_of(row)
        return cls(rows, ops, bases)

    def bases(self, record_id: uuid.UUID) -> dict[str, ob.EditBase]:
        return self._bases.get(record_id, {})

    def plain(
        self, conn: Connection, spec: EntitySpec, record_id: uuid.UUID, values: Mapping[str, Any]
    ) -> bool:
        """Whether save_record would simply insert the record, or update it
        and append an op of its own, without looking further: the cases a
        batch writes."""
        row = self.rows.get(record_id)
        ops = self.ops.get(record_id)
        if row is None:
            return not ops and record_id not in self._bases
        if row["deleted"]:
            return False
        if not ops:
            return True
        if any(op.state != ob.PENDING for op in ops):
            return False  # a refused op: the edit may have to be the create
        last = ops[-1]
        if not (last.unsent and last.action == "upsert"):
            return True  # nothing to fold into
        stamped = {
            name
            for name, value in values.items()
            if value != row[name] and spec.field(name).policy is MergePolicy.LATEST_WINS
        }
        return not fold_is_tried(conn, last, stamped) or ob.refused_join(conn, last.txn)


class _Batch:
    """Rows, edit bases and ops gathered, written together by write()."""

    def __init__(self, conn: Connection, spec: EntitySpec, actor: uuid.UUID | None) -> None:
        self.conn = conn
        self.spec = spec
        self.actor = actor
        self.now = dt.datetime.now(dt.UTC)
        self.creates: list[dict[str, Any]] = []
        self.updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        self.bases: list[dict[str, Any]] = []
        self.ops: list[dict[str, Any]] = []

    def _wire(self, name: str, value: Any) -> Any:
        return encode_value(self.spec.field(name), value)

    def _stamped(self, names: Iterable[str]) -> list[str]:
        return sorted(n for n in names if self.spec.field(n).policy is MergePolicy.LATEST_WINS)

    def add(
        self,
        record_id: uuid.UUID,
        row: Mapping[str, Any] | None,
        known: dict[str, ob.EditBase],
        values: dict[str, Any],
    ) -> None:
        if row is None:
            self._create(record_id, values)
        else:
            self._update(row, known, values)

    def _create(self, record_id: uuid.UUID, values: dict[str, Any]) -> None:
        spec = self.spec
        for name in values:
            if spec.field(name).policy is MergePolicy.SERVER_ONLY:
                raise InvalidEdit(f"{spec.kind}.{name}: is set by the school's system", name)
        wire = {name: self._wire(name, value) for name, value in values.items()}
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
        self.creates.append(
            {
                "id": record_id,
                "created_at": self.now,
                "created_by": self.actor,
                "modified_at": self.now,
                "modified_by": self.actor,
                "seq": 0,
                "deleted": False,
                "field_seqs": None,
                **full,
            }
        )
        # As save_record: only the fields the teacher set travel.
        fields = {name: self._wire(name, value) for name, value in full.items() if name in values}
        for name in fields:
            self._base(record_id, name, 0, None)
        self._op(record_id, fields, dict.fromkeys(fields, 0), {}, self._stamped(values))

    def _update(
        self, row: Mapping[str, Any], known: dict[str, ob.EditBase], values: dict[str, Any]
    ) -> None:
        spec = self.spec
        changed: dict[str, Any] = {}
        for name, value in values.items():
            policy = spec.field(name).policy
            same = value == row[name]
            if policy is MergePolicy.SERVER_ONLY:
                if same:
                    continue
                raise InvalidEdit(f"{spec.kind}.{name}: is set by the school's system", name)
            if same:
                continue
            if policy is MergePolicy.IMMUTABLE:
                raise InvalidEdit(
                    f"{spec.kind}.{name}: cannot be changed after the record is made", name
                )
            changed[name] = value
        if not changed:
            return
        record_id = row["id"]
        self.updates.setdefault(tuple(sorted(changed)), []).append(
            {"b_id": record_id, **{f"b_{name}": value for name, value in changed.items()}}
        )
        fields = {name: self._wire(name, value) for name, value in changed.items()}
        base: dict[str, int] = {}
        base_text: dict[str, str] = {}
        for name in fields:  # as edits._bases_for
            found = known.get(name)
            if found is None:
                version, value = ob.field_version(row, name), self._wire(name, row[name])
                self._base(record_id, name, version, value)
            else:
                version, value = found.base_version, found.base_value
            base[name] = version
            if (
                version > 0
                and isinstance(value, str)
                and spec.field(name).policy is (MergePolicy.TEXT_MERGE)
            ):
                base_text[name] = value
        self._op(record_id, fields, base, base_text, self._stamped(fields))

    def _base(self, record_id: uuid.UUID, name: str, version: int, value: Any) -> None:
        self.bases.append(
            {
                "kind": self.spec.kind,
                "record_id": record_id,
                "field": name,
                "base_version": version,
                "base_value": value,
            }
        )

    def _op(
        self,
        record_id: uuid.UUID,
        fields: dict[str, Any],
        base: dict[str, int],
        base_text: dict[str, str],
        clock_fields: list[str],
    ) -> None:
        self.ops.append(
            {
                "kind": self.spec.kind,
                "record_id": record_id,
                "action": "upsert",
                "fields": fields,
                "base": base,
                "base_text": base_text,
                "clock_fields": clock_fields,
                "schema_version": versions.SCHEMA_VERSION,
                "actor": self.actor,
                "created_at": self.now,
                "updated_at": self.now,
                "attempts": 0,
                "state": ob.PENDING,
                "weak": False,
            }
        )

    def write(self) -> None:
        """Write what was gathered (executemany per statement) and start afresh."""
        conn, table = self.conn, synced[self.spec.kind]
        if self.creates:
            conn.execute(insert(table), self.creates)
        for names, params in self.updates.items():
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(
                    {
                        **{name: bindparam(f"b_{name}") for name in names},
                        "modified_at": self.now,
                        "modified_by": self.actor,
                        "deleted": False,
                    }
                ),
                params,
            )
        if self.bases:
            conn.execute(insert(edit_base), self.bases)
        if self.ops:
            txn = ob.txn_for_append(conn)
            for op, stamp in zip(self.ops, clock.stamps(conn, len(self.ops)), strict=True):
                op["txn"], op["hlc"] = txn, stamp
            numbers = conn.scalars(insert(outbox).returning(outbox.c.op), self.ops).all()
            for number in numbers:
                ob.note_written(conn, int(number))
        self.creates, self.updates, self.bases, self.ops = [], {}, [], []

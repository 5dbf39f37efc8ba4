"""Bulk writes of synced rows, published as change-sets of about 1000 rows.

An import or the demo seed writes tens of thousands of rows in one
transaction. Stamping them all with one sequence number would make one
change-set a client must take in a single page; `next_seq` per ~1000 rows lets
clients page through it while the one transaction still keeps the whole
import all-or-nothing. Rows are written with executemany, grouped by table and
by the set of columns an update touches, because row-by-row statements make a
school-sized import take minutes on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, update

from server.db import next_seq
from server.tables import synced
from sync_protocol.entities import KIND_ORDER, REGISTRY, FieldType

CHANGE_SET_SIZE = 1000

#: Values for columns a caller leaves out of an inserted row. Every other
#: column defaults to NULL. executemany needs every row of a batch to name
#: the same columns, so defaults are filled in here rather than by the table.
_INSERT_DEFAULTS: dict[str, Any] = {
    "deleted": False,
    "contact_protected": False,
    "needs_review": False,
}

_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


#: Per kind, "" for every text field that is not nullable (a row may leave it out).
_TEXT_DEFAULTS: dict[str, dict[str, str]] = {
    kind: {f.name: "" for f in spec.fields if f.type is FieldType.TEXT and not f.nullable}
    for kind, spec in REGISTRY.items()
}


def kept_field_versions(
    kind: str,
    changed: Iterable[str],
    old_seq: int,
    old_field_seqs: Mapping[str, int] | None,
    new_seq: int | None = None,
) -> dict[str, int] | None:
    """The row's field_seqs after a write at a new seq that changes the fields `changed`.

    A field's version is field_seqs.get(field, seq) (docs/sync.md). The changed
    fields take the new seq and so drop out of field_seqs; every other field
    keeps the version it had, written out because it now differs from the
    row's seq. This keeps the feed's `fv` and a client's push `base` in step.
    `new_seq` (when known) leaves out fields already at it: a row written twice
    in one change-set.
    """
    old = old_field_seqs or {}
    skip = set(changed)
    kept = {
        name: int(old.get(name, old_seq)) for name in REGISTRY[kind].field_names if name not in skip
    }
    return {name: version for name, version in kept.items() if version != new_seq} or None


@dataclass
class _Pending:
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    #: (kind, updated column names) -> rows of {"b_id": id, "v_<column>": value}
    updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    count: int = 0


class ChangeSetWriter:
    """Collects inserts and updates of synced rows and writes them in change-sets.

    Add rows in KIND_ORDER (schools before groups before memberships...):
    a change-set then never holds a row whose referenced row comes in a later
    one, so a client applying page by page never sees a dangling reference.
    Call `flush()` at the end; nothing is written (and no sequence number is
    taken) when nothing was added.
    """

    def __init__(
        self,
        conn: Connection,
        *,
        now: dt.datetime | None = None,
        actor: uuid.UUID | None = None,
        size: int = CHANGE_SET_SIZE,
    ) -> None:
        self._conn = conn
        self._now = now or dt.datetime.now(dt.UTC)
        self._actor = actor
        self._size = size
        self._pending = _Pending()
        self._columns = {kind: tuple(table.c.keys()) for kind, table in synced.items()}
        self.seqs: list[int] = []
        self.rows_written = 0

    def insert(self, kind: str, row: Mapping[str, Any]) -> None:
        """A new row; `row` holds its id and field values (meta columns are filled in).
        A text field left out is empty (text is never NULL unless declared so)."""
        defaults = _TEXT_DEFAULTS[kind]
        full = {
            name: row.get(name, defaults.get(name, _INSERT_DEFAULTS.get(name)))
            for name in self._columns[kind]
        }
        unknown = set(row) - set(full)
        if unknown:
            raise KeyError(f"{kind} has no column(s) {sorted(unknown)}")
        full["created_at"] = row.get("created_at") or self._now
        full["modified_at"] = row.get("modified_at") or self._now
        full["created_by"] = row.get("created_by", self._actor)
        full["modified_by"] = row.get("modified_by", self._actor)
        self._pending.inserts[kind].append(full)
        self._added()

    def update(
        self,
        kind: str,
        row_id: uuid.UUID,
        values: Mapping[str, Any],
        *,
        old_seq: int,
        old_field_seqs: Mapping[str, int] | None,
    ) -> None:
        """Changed columns of an existing row (a tombstone is {"deleted": True}).

        `old_seq` and `old_field_seqs` are the row's as stored, so the fields
        this write leaves alone keep their versions.
        """
        changes = dict(values)
        changes["field_seqs"] = kept_field_versions(kind, values, old_seq, old_field_seqs)
        changes["modified_at"] = self._now
        changes["modified_by"] = self._actor
        names = tuple(sorted(changes))
        params = {f"v_{name}": value for name, value in changes.items()}
        self._pending.updates[(kind, names)].append({"b_id": row_id, **params})
        self._added()

    def _added(self) -> None:
        self._pending.count += 1
        if self._pending.count >= self._size:
            self.flush()

    def flush(self) -> None:
        """Write what is pending as one change-set with a fresh sequence number."""
        pending = self._pending
        if pending.count == 0:
            return
        self._pending = _Pending()
        seq = next_seq(self._conn)
        self.seqs.append(seq)
        for kind in sorted(pending.inserts, key=_KIND_RANK.__getitem__):
            rows = pending.inserts[kind]
            for row in rows:
                row["seq"] = seq
            self._conn.execute(synced[kind].insert(), rows)
        for kind, names in sorted(pending.updates, key=lambda key: (_KIND_RANK[key[0]], key[1])):
            table = synced[kind]
            params = pending.updates[(kind, names)]
            for row in params:
                row["v_seq"] = seq
            statement = (
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({name: bindparam(f"v_{name}") for name in (*names, "seq")})
            )
            self._conn.execute(statement, params)
        self.rows_written += pending.count

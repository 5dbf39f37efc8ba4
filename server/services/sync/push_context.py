"""What one push batch reads and writes: rows by id, the caller, the batch's seq.

Rows are read once per batch (in bulk where the ops are known up front) and
kept here, so an op sees what earlier ops of the same batch wrote, and a
roll call of thirty pupils costs a handful of queries, not a hundred.
Every write goes through `insert`/`update`, which stamp the batch's one
sequence number, keep field versions (`field_seqs`) in step with the feed's
`fv`, and record who set each field when (`field_clock`).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Update, bindparam, select, update

from server.db import allocate_seq
from server.services.access.scope import TeacherScope
from server.services.sync.change_sets import kept_field_versions
from server.services.sync.push_hooks import AttendanceChange
from server.tables import synced
from sync_protocol.entities import REGISTRY, MergePolicy

Row = dict[str, Any]
_CHUNK = 500
#: Third element of a field_clock entry whose value nobody chose (a weak op's,
#: or the empty value of a field a create left out).
DEFAULT_MARK = "default"


class OpRejected(Exception):
    """An op the server refuses; `reason` is shown to the teacher as it is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Pusher:
    """The teacher whose client sent the batch."""

    user_id: uuid.UUID
    person_id: uuid.UUID


@functools.cache
def _update_statement(kind: str, columns: tuple[str, ...]) -> Update:
    """UPDATE of these columns by id, with bound parameters: compiled once per shape."""
    table = synced[kind]
    return (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({name: bindparam(f"v_{name}") for name in columns})
    )


def field_version(row: Mapping[str, Any], name: str) -> int:
    """The seq at which a field last changed (docs/sync.md: field versions)."""
    versions = row["field_seqs"] or {}
    return int(versions.get(name, row["seq"]))


class PushContext:
    """One batch's view of the database, inside its write transaction."""

    def __init__(
        self,
        conn: Connection,
        *,
        pusher: Pusher,
        scope: TeacherScope,
        now: dt.datetime,
        schema_version: int,
    ) -> None:
        self._conn = conn
        #: New rows not yet written, in order: written together (one
        #: executemany per run of one kind) before anything else touches
        #: the connection. A roll call's 30 inserts are one statement, not
        #: 30 round trips to PostgreSQL.
        self._inserts: list[tuple[str, Row]] = []
        self.pusher = pusher
        self.scope = scope
        self.now = now
        self.schema_version = schema_version
        self.writes = 0
        self.attendance_changes: list[AttendanceChange] = []
        #: (before, after) of every term_grade row written: its history (issue 10).
        self.term_grade_changes: list[tuple[Row | None, Row]] = []
        #: Lookups validation keeps for the batch (memberships, group names...).
        self.memo: dict[Any, Any] = {}
        self._rows: dict[tuple[str, uuid.UUID], Row | None] = {}
        self._elsewhere: dict[uuid.UUID, str | None] = {}
        self._seq: int | None = None

    @property
    def conn(self) -> Connection:
        """The transaction's connection, with every buffered insert written
        first: whoever reads or writes through it sees the batch as it stands."""
        self.flush()
        return self._conn

    def flush(self) -> None:
        """Write the buffered inserts (also before the batch's results are stored)."""
        if not self._inserts:
            return
        pending, self._inserts = self._inserts, []
        for kind, run in itertools.groupby(pending, key=lambda item: item[0]):
            self._conn.execute(synced[kind].insert(), [row for _, row in run])

    # --- the batch's sequence number ---------------------------------------

    @property
    def seq_if_written(self) -> int | None:
        return self._seq

    def seq(self) -> int:
        """Taken at the first write only: a batch of refusals consumes no number."""
        if self._seq is None:
            self._seq = allocate_seq(self.conn)
        return self._seq

    # --- reading -----------------------------------------------------------

    def prefetch(self, kind: str, ids: Iterable[uuid.UUID]) -> None:
        wanted = sorted({i for i in ids if (kind, i) not in self._rows}, key=str)
        table = synced[kind]
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found = {
                row["id"]: dict(row)
                for row in self.conn.execute(select(table).where(table.c.id.in_(chunk))).mappings()
            }
            for row_id in chunk:
                self._rows[(kind, row_id)] = found.get(row_id)

    def row(self, kind: str, row_id: uuid.UUID) -> Row | None:
        """The stored row (tombstones included), as this batch has left it."""
        if (kind, row_id) not in self._rows:
            self.prefetch(kind, [row_id])
        return self._rows[(kind, row_id)]

    def kind_elsewhere(self, kind: str, row_id: uuid.UUID) -> str | None:
        """The other kind whose table holds this id, if any (hostile or buggy ids)."""
        if row_id not in self._elsewhere:
            self.prefetch_elsewhere(kind, [row_id])
        found: str | None = self._elsewhere[row_id]
        return found

    def prefetch_elsewhere(self, kind: str, ids: Iterable[uuid.UUID]) -> None:
        wanted = sorted({i for i in ids if i not in self._elsewhere}, key=str)
        if not wanted:
            return
        found: dict[uuid.UUID, str] = {}
        for other, table in synced.items():
            if other == kind:
                continue
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = select(table.c.id).where(table.c.id.in_(chunk))
                for row_id in self.conn.execute(query).scalars():
                    found[row_id] = other
        for row_id in wanted:
            self._elsewhere[row_id] = found.get(row_id)

    def forget(self, kind: str, row_id: uuid.UUID) -> None:
        """Drop a cached row read by other means (a query), so the next read is fresh."""
        self._rows.pop((kind, row_id), None)

    # --- writing -----------------------------------------------------------

    def _clock(
        self,
        row: Mapping[str, Any] | None,
        names: Iterable[str],
        stamp: str | None,
        defaults: Collection[str] = (),
    ) -> Any:
        clock = dict((row or {}).get("field_clock") or {})
        if stamp is not None:
            chosen = [stamp, str(self.pusher.person_id)]
            # A value the teacher did not choose ("everyone present", or a
            # field a create left out): any teacher's choice replaces it,
            # whatever the clocks say (server.services.sync.push_merge).
            default = [*chosen, DEFAULT_MARK]
            for name in names:
                clock[name] = default if name in defaults else chosen
        return clock or None

    def restamp(self, kind: str, row: Row, names: Iterable[str], stamp: str) -> Row:
        """Record a later stamp for values that stay as they are (an equal
        value sent again): who set a LATEST_WINS value last, and when, must
        not depend on the order edits arrive in. Not a synced column, so no
        new seq."""
        clock = self._clock(row, names, stamp)
        table = synced[kind]
        self.conn.execute(update(table).where(table.c.id == row["id"]).values(field_clock=clock))
        new_row = {**row, "field_clock": clock}
        self._rows[(kind, row["id"])] = new_row
        return new_row

    def insert(
        self,
        kind: str,
        row_id: uuid.UUID,
        values: Mapping[str, Any],
        *,
        stamp: str | None,
        by: uuid.UUID | None,
        defaults: Collection[str] = (),
    ) -> Row:
        """A new row with every field in `values`; `stamp` None for server-made rows;
        `defaults` the fields whose values the teacher did not choose."""
        seq = self.seq()
        table = synced[kind]
        row: Row = dict.fromkeys(table.c.keys())
        row.update(values)
        row.update(
            id=row_id,
            seq=seq,
            deleted=False,
            field_seqs=None,
            created_at=self.now,
            created_by=by,
            modified_at=self.now,
            modified_by=by,
        )
        if "needs_review" in table.c:
            row["needs_review"] = bool(values.get("needs_review", False))
        if "contact_protected" in table.c:
            row["contact_protected"] = False
        if "field_clock" in table.c:
            # Immutable fields are set once, by the creator: created_by says who.
            names = [f.name for f in REGISTRY[kind].fields if f.policy is not MergePolicy.IMMUTABLE]
            row["field_clock"] = self._clock(None, names, stamp, defaults)
        # Written at the next flush (see conn), as parameters, not .values():
        # the compiled statement is cached per table.
        self._inserts.append((kind, row))
        self._rows[(kind, row_id)] = row
        self.writes += 1
        if kind == "attendance":
            self.attendance_changes.append(AttendanceChange(dict(row), None))
        elif kind == "term_grade":
            self.term_grade_changes.append((None, dict(row)))
        return row

    def update(
        self,
        kind: str,
        row: Row,
        values: Mapping[str, Any],
        *,
        stamp: str | None,
        by: uuid.UUID | None,
        deleted: bool | None = None,
        defaults: Collection[str] = (),
    ) -> Row:
        """Write changed fields at the batch's seq; other fields keep their versions."""
        seq = self.seq()
        table = synced[kind]
        changes: Row = dict(values)
        changes["field_seqs"] = kept_field_versions(
            kind, values, int(row["seq"]), row["field_seqs"], new_seq=seq
        )
        changes.update(seq=seq, modified_at=self.now, modified_by=by)
        if deleted is not None:
            changes["deleted"] = deleted
        if "field_clock" in table.c:
            changes["field_clock"] = self._clock(row, values, stamp, defaults)
        self.conn.execute(
            _update_statement(kind, tuple(sorted(changes))),
            {"b_id": row["id"], **{f"v_{k}": v for k, v in changes.items()}},
        )
        new_row = {**row, **changes}
        self._rows[(kind, row["id"])] = new_row
        self.writes += 1
        if kind == "attendance":
            self.attendance_changes.append(AttendanceChange(dict(new_row), row["status"]))
        elif kind == "term_grade":
            self.term_grade_changes.append((dict(row), dict(new_row)))
        return new_row

    def set_needs_review(self, kind: str, row_id: uuid.UUID, flag: bool) -> None:
        """The server-side flag only: not a synced field, so no new seq."""
        row = self.row(kind, row_id)
        if row is None or "needs_review" not in row or bool(row["needs_review"]) == flag:
            return
        table = synced[kind]
        self.conn.execute(update(table).where(table.c.id == row_id).values(needs_review=flag))
        self._rows[(kind, row_id)] = {**row, "needs_review": flag}

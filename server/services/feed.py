"""The change feed: every record in a caller's scope changed after a cursor.

Pages hold whole change-sets (all rows of one seq, i.e. of one server
transaction or one `next_seq` slice of an import), ordered by (seq, kind
order, id). Everything is read in one snapshot (server.db.read_transaction);
allocate_seq makes sequence numbers commit in order, so every row with a
seq at or below the counter value seen in the snapshot is visible in it, and
a cursor never jumps over a row that commits later.

The cursor is opaque to clients: base64url of a small JSON object with a
format version, the last seq delivered and the scope fingerprint it was
delivered under. A later format (push, conflicts) bumps `v`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Select, select

from server.db import current_seq, read_transaction
from server.services.scope import TeacherScope, compute_scope
from server.tables import synced
from sync_protocol.codec import encode_datetime
from sync_protocol.entities import KIND_ORDER, REGISTRY, FieldType
from sync_protocol.versions import SCHEMA_VERSION

DEFAULT_LIMIT = 1000
MAX_LIMIT = 5000
CURSOR_VERSION = 1
_CURSOR_TEXT = re.compile(r"^[A-Za-z0-9_-]{1,400}$")
_FINGERPRINT = re.compile(r"^[0-9a-f]{32}$")
_KIND_INDEX = {kind: index for index, kind in enumerate(KIND_ORDER)}

WireRecord = dict[str, Any]


class InvalidCursor(ValueError):
    """A cursor this server did not issue (garbage, or from another database)."""


@dataclass(frozen=True)
class FeedCursor:
    seq: int
    fingerprint: str | None  # None: a pull from the start


def encode_cursor(cursor: FeedCursor) -> str:
    payload = {"v": CURSOR_VERSION, "s": cursor.seq, "f": cursor.fingerprint or ""}
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("ascii")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(text: str | None) -> FeedCursor:
    """The cursor a client sent back; empty means from the start. Strict."""
    if text is None or text == "":
        return FeedCursor(seq=0, fingerprint=None)
    if not _CURSOR_TEXT.match(text):
        raise InvalidCursor("the cursor is not one this server issued")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        payload = json.loads(raw.decode("ascii"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidCursor("the cursor is not one this server issued") from None
    if not isinstance(payload, dict) or set(payload) != {"v", "s", "f"}:
        raise InvalidCursor("the cursor is not one this server issued")
    version, seq, fingerprint = payload["v"], payload["s"], payload["f"]
    if type(version) is not int or version != CURSOR_VERSION:
        raise InvalidCursor("the cursor comes from another version of the server")
    if type(seq) is not int or not 0 <= seq < 2**63:
        raise InvalidCursor("the cursor is not one this server issued")
    if not isinstance(fingerprint, str) or not (
        fingerprint == "" or _FINGERPRINT.match(fingerprint)
    ):
        raise InvalidCursor("the cursor is not one this server issued")
    return FeedCursor(seq=seq, fingerprint=fingerprint or None)


@dataclass(frozen=True)
class FeedPage:
    records: list[WireRecord]
    cursor: str
    has_more: bool
    scope_changed: bool
    #: The counter value of the snapshot the page was read in.
    snapshot_seq: int


# --- rows to wire records ---------------------------------------------------

_META = ("id", "seq", "deleted", "created_at", "created_by", "modified_at", "modified_by")
_ZERO = dt.timedelta(0)


def _uuid_text(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def _date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _datetime_text(value: dt.datetime | None) -> str | None:
    # codec.encode_datetime's output, faster: this runs for every record
    # of a first sync. Stored datetimes come back UTC-tagged.
    if value is None:
        return None
    if value.utcoffset() == _ZERO:
        return value.replace(tzinfo=None).isoformat() + "Z"
    return encode_datetime(value)


def _same(value: Any) -> Any:
    return value


_ENCODERS: dict[FieldType, Callable[[Any], Any]] = {
    FieldType.UUID: _uuid_text,
    FieldType.DATE: _date_text,
    FieldType.DATETIME: _datetime_text,
}


@dataclass(frozen=True)
class _KindCodec:
    """Reads one kind's rows and turns them into wire records."""

    kind: str
    #: (name, encoder, contact field) per field sent, in registry order.
    fields: tuple[tuple[str, Callable[[Any], Any], bool], ...]
    has_contact: bool

    @classmethod
    def for_kind(cls, kind: str, schema_version: int) -> _KindCodec:
        spec = REGISTRY[kind]
        # A client of an older schema (still served) gets only the fields it knows.
        fields = tuple(
            (f.name, _ENCODERS.get(f.type, _same), f.contact)
            for f in spec.fields
            if f.since <= schema_version
        )
        return cls(kind, fields, any(contact for _, _, contact in fields))

    def query(self) -> Select[Any]:
        """Columns by position: the meta columns, field_seqs, the fields, then the flag."""
        table = synced[self.kind]
        columns = [table.c[name] for name in (*_META, "field_seqs")]
        columns += [table.c[name] for name, _, _ in self.fields]
        if self.has_contact:
            columns.append(table.c.contact_protected)
        return select(*columns)

    def to_wire(self, row: Sequence[Any]) -> WireRecord:
        seq = int(row[1])
        deleted = bool(row[2])
        record: WireRecord = {
            "kind": self.kind,
            "id": str(row[0]),
            "seq": seq,
            "deleted": deleted,
            "created_at": _datetime_text(row[3]),
            "created_by": _uuid_text(row[4]),
            "modified_at": _datetime_text(row[5]),
            "modified_by": _uuid_text(row[6]),
            "fields": {},
            "fv": {},
        }
        if deleted:
            return record  # a tombstone carries no values
        protected = self.has_contact and bool(row[-1])
        values: dict[str, Any] = {}
        withheld: set[str] = set()
        for position, (name, encode, contact) in enumerate(self.fields, start=8):
            if contact and protected:
                values[name] = None
                withheld.add(name)
            else:
                values[name] = encode(row[position])
        record["fields"] = values
        field_seqs = row[7]
        if field_seqs:
            record["fv"] = {
                name: version
                for name, version in field_seqs.items()
                if name in values
                and name not in withheld
                and type(version) is int
                and version != seq
            }
        return record


@cache
def _codecs(schema_version: int) -> dict[str, _KindCodec]:
    """The kinds a client of this schema version knows, with their codecs."""
    return {
        kind: _KindCodec.for_kind(kind, schema_version)
        for kind in KIND_ORDER
        if REGISTRY[kind].since <= schema_version
    }


# --- paging -----------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    sort_key: tuple[int, int, uuid.UUID]
    codec: _KindCodec
    row: Sequence[Any]

    @property
    def seq(self) -> int:
        return self.sort_key[0]


def _fetch(
    conn: Connection,
    scope: TeacherScope,
    codecs: Mapping[str, _KindCodec],
    condition: Callable[[Any], Any],
    limit: int | None,
) -> tuple[list[_Candidate], bool]:
    """Rows of every kind matching `condition(table)`; (rows, some kind hit the limit).

    Rows stay rows here; only those that make it into the page are encoded.
    """
    found: list[_Candidate] = []
    truncated = False
    for kind, codec in codecs.items():
        in_scope = scope.where(kind)
        if in_scope is None:
            continue
        table = synced[kind]
        query = codec.query().where(condition(table), in_scope).order_by(table.c.seq, table.c.id)
        if limit is not None:
            query = query.limit(limit + 1)
        rows = conn.execute(query).all()
        if limit is not None and len(rows) > limit:
            truncated = True
        index = _KIND_INDEX[kind]
        found.extend(_Candidate((int(row[1]), index, row[0]), codec, row) for row in rows)
    found.sort(key=lambda candidate: candidate.sort_key)
    return found, truncated


def _page_of(
    conn: Connection,
    *,
    scope: TeacherScope,
    codecs: Mapping[str, _KindCodec],
    after: int,
    upto: int,
    limit: int,
) -> tuple[Sequence[_Candidate], int, bool]:
    """(records, seq to resume after, has_more) for rows in (after, upto]."""
    candidates, truncated = _fetch(
        conn, scope, codecs, lambda t: (t.c.seq > after) & (t.c.seq <= upto), limit
    )
    if len(candidates) <= limit and not truncated:
        return candidates, upto, False
    # Rows below the first seq that does not fit are complete: a kind cut
    # by the limit holds at least `limit + 1` rows up to its last seq, so
    # that seq is at or beyond the cut.
    cut_seq = candidates[limit].seq
    whole = [c for c in candidates if c.seq < cut_seq]
    if whole:
        return whole, cut_seq - 1, True
    # One change-set is larger than a page: it goes out whole, never split.
    first_seq = cut_seq
    batch, _ = _fetch(conn, scope, codecs, lambda t: t.c.seq == first_seq, None)
    more = truncated or any(c.seq > first_seq for c in candidates)
    return batch, first_seq, more


def read_changes(
    engine: Engine,
    *,
    role: str,
    person_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
    today: dt.date,
    schema_version: int = SCHEMA_VERSION,
) -> FeedPage:
    """One page of the caller's changes after `cursor` (InvalidCursor if it is not ours)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    position = decode_cursor(cursor)
    with read_transaction(engine) as conn:
        # First statement of the transaction: fixes the snapshot.
        upto = current_seq(conn)
        if position.seq > upto:
            raise InvalidCursor(
                "the cursor is ahead of this server's data (was the database replaced?)"
            )
        scope = compute_scope(conn, role=role, person_id=person_id, today=today)
        fingerprint = scope.fingerprint
        scope_changed = position.fingerprint is not None and position.fingerprint != fingerprint
        if position.seq == upto or scope.is_empty:
            # A no-op pull: the counter and the scope sets, nothing else.
            records: Sequence[_Candidate] = []
            resume, has_more = upto, False
        else:
            codecs = _codecs(schema_version)
            records, resume, has_more = _page_of(
                conn, scope=scope, codecs=codecs, after=position.seq, upto=upto, limit=limit
            )
    return FeedPage(
        records=[candidate.codec.to_wire(candidate.row) for candidate in records],
        cursor=encode_cursor(FeedCursor(seq=resume, fingerprint=fingerprint)),
        has_more=has_more,
        scope_changed=scope_changed,
        snapshot_seq=upto,
    )

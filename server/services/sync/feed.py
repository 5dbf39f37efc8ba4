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

A page is read in three steps, each as cheap as it can be (docs/benchmarks.md
has the figures): which kinds have any row after the cursor (one EXISTS
query), where the page ends (sequence numbers only, at most `limit + 1` per
kind, by the seq index), then exactly the page's rows, read as text and
written as JSON by server.services.sync.feed_rows.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Select,
    bindparam,
    exists,
    literal,
    select,
    union_all,
)

from server.db import counter_state, read_transaction
from server.services.access.scope import TeacherScope, cached_scope
from server.services.sync.feed_rows import KindCodec, WireRecord, codecs_for
from server.services.sync.feed_sql import for_feed
from server.tables import synced
from sync_protocol.entities import KIND_ORDER
from sync_protocol.versions import SCHEMA_VERSION

__all__ = ["WireRecord"]

#: The per-kind codecs (server.services.sync.digest reads them too).
_codecs = codecs_for

DEFAULT_LIMIT = 1000
MAX_LIMIT = 5000
CURSOR_VERSION = 1
_CURSOR_TEXT = re.compile(r"^[A-Za-z0-9_-]{1,400}$")
_FINGERPRINT = re.compile(r"^[0-9a-f]{32}$")
_KIND_INDEX = {kind: index for index, kind in enumerate(KIND_ORDER)}


class InvalidCursor(ValueError):
    """A cursor this server did not issue (garbage, or from another database)."""


@dataclass(frozen=True)
class FeedCursor:
    seq: int
    fingerprint: str | None  # None: a pull from the start
    #: The data's generation (sync_counter.generation); None in cursors
    #: issued before it existed, which are taken as they are.
    generation: str | None = None


def encode_cursor(cursor: FeedCursor) -> str:
    payload: dict[str, object] = {
        "v": CURSOR_VERSION,
        "s": cursor.seq,
        "f": cursor.fingerprint or "",
    }
    if cursor.generation is not None:
        payload["g"] = cursor.generation
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
    if not isinstance(payload, dict) or set(payload) not in ({"v", "s", "f"}, {"v", "s", "f", "g"}):
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
    generation = payload.get("g")
    if generation is not None and not (
        isinstance(generation, str) and _FINGERPRINT.match(generation)
    ):
        raise InvalidCursor("the cursor is not one this server issued")
    return FeedCursor(seq=seq, fingerprint=fingerprint or None, generation=generation)


@dataclass(frozen=True)
class FeedPage:
    #: Each record as JSON text (server.services.sync.feed_rows.KindCodec.to_json).
    records: list[str]
    cursor: str
    has_more: bool
    scope_changed: bool
    #: The counter value of the snapshot the page was read in.
    snapshot_seq: int


# --- paging -----------------------------------------------------------------


#: A row on its way to a page: (seq, kind order, raw id, codec, row). Tuples
#: sort by (seq, kind, id) and never compare further: an id is in a kind once.
#: (A tuple rather than a small class: a first sync makes 100,000.)
_Candidate = tuple[int, int, Any, KindCodec, Sequence[Any]]


def _conditions(
    scope: TeacherScope, codecs: Mapping[str, KindCodec], dialect_name: str, schema_version: int
) -> dict[str, Any]:
    """Each kind's scope condition, built once per page (the sets are sorted
    into IN lists, which for a large school is not free), in the shape the
    backend plans best (server.services.sync.feed_sql)."""
    found = {}
    shared: dict[Any, Any] = {}  # one array parameter per list (PostgreSQL)
    for kind in codecs:
        condition = scope.where(kind, schema_version)
        if condition is not None:
            found[kind] = for_feed(condition, dialect_name, shared)
    return found


def _fetch(
    conn: Connection,
    codecs: Mapping[str, KindCodec],
    in_scope: Mapping[str, Any],
    after: int,
    upto: int,
) -> list[_Candidate]:
    """The rows in scope with a seq in (after, upto], in page order."""
    found: list[_Candidate] = []
    for kind, condition in in_scope.items():
        codec = codecs[kind]
        table = synced[kind]
        query = codec.query().where(table.c.seq > after, table.c.seq <= upto, condition)
        index = _KIND_INDEX[kind]
        # Raw ids (hex on SQLite, text on PostgreSQL) sort as the UUIDs do.
        found.extend((int(row[1]), index, row[0], codec, row) for row in conn.execute(query).all())
    found.sort()
    return found


def _page_end(
    conn: Connection, in_scope: Mapping[str, Any], *, after: int, upto: int, limit: int
) -> tuple[int, bool, set[str]]:
    """(last seq of the page, has_more, kinds with rows on it).

    Only sequence numbers are read here, the first `limit + 1` of all kinds
    together in one query: each kind's rows come in seq order from its seq
    index and the database merges them, so it stops where the page does.
    (Asking each kind for its own first `limit + 1` read up to five times
    as many rows: a kind with few rows in the range reached far beyond the
    page.) The rows themselves are read once the page's range is known, so
    no row is read and decoded for nothing.
    """
    kinds = list(in_scope)
    if not kinds:
        return upto, False, set()
    arms = [
        select(synced[kind].c.seq.label("seq"), literal(index).label("kind")).where(
            synced[kind].c.seq > after, synced[kind].c.seq <= upto, in_scope[kind]
        )
        for index, kind in enumerate(kinds)
    ]
    if conn.dialect.name == "postgresql":
        # Each arm ordered and limited: PostgreSQL then merges the seq
        # indexes (Merge Append) instead of reading every row to the end of
        # the range in parallel workers and sorting (2.7 ms against 42 ms
        # for the first page of 100,000 records). SQLite merges by itself.
        arms = [
            arm.order_by(arm.selected_columns.seq).limit(limit + 1).subquery().select()
            for arm in arms
        ]
    merged = arms[0] if len(arms) == 1 else union_all(*arms)
    found = conn.execute(merged.order_by("seq").limit(limit + 1)).all()
    if len(found) <= limit:
        return upto, False, {kinds[index] for _, index in found}
    # Rows below the first seq that does not fit are complete: they all
    # come before it in seq order.
    cut_seq = int(found[limit][0])
    if int(found[0][0]) < cut_seq:
        end = cut_seq - 1
        return end, True, {kinds[index] for seq, index in found if seq <= end}
    # One change-set larger than a page goes out whole, never split; rows
    # of it beyond those read may be of any kind.
    return cut_seq, True, set(kinds)


def _kinds_changed(
    conn: Connection, codecs: Mapping[str, KindCodec], *, after: int, upto: int
) -> set[str]:
    """The kinds with any row (anyone's) in (after, upto], in one query.

    An incremental pull (a roll call's 30 marks) finds new rows in a kind or
    two; asking each kind's seq index first spares the others their scope
    conditions, each with IN lists of hundreds of ids to bind.
    """
    kinds = tuple(codecs)
    found = conn.execute(_changed_probe(kinds), {"after": after, "upto": upto}).one()
    return {kind for kind, present in zip(kinds, found, strict=True) if present}


@cache
def _changed_probe(kinds: tuple[str, ...]) -> Select[Any]:
    # Built once: twenty EXISTS clauses cost more to construct than to run.
    after, upto = bindparam("after", type_=BigInteger()), bindparam("upto", type_=BigInteger())
    probes: list[Any] = [
        exists().where(synced[kind].c.seq > after, synced[kind].c.seq <= upto).label(kind)
        for kind in kinds
    ]
    return select(*probes)


def _page_of(
    conn: Connection,
    *,
    scope: TeacherScope,
    codecs: Mapping[str, KindCodec],
    after: int,
    upto: int,
    limit: int,
    schema_version: int,
) -> tuple[Sequence[_Candidate], int, bool]:
    """(records, seq to resume after, has_more) for rows in (after, upto]."""
    changed = _kinds_changed(conn, codecs, after=after, upto=upto)
    in_scope = _conditions(
        scope,
        {k: c for k, c in codecs.items() if k in changed},
        conn.dialect.name,
        schema_version,
    )
    end, has_more, kinds = _page_end(conn, in_scope, after=after, upto=upto, limit=limit)
    on_page = {kind: condition for kind, condition in in_scope.items() if kind in kinds}
    return _fetch(conn, codecs, on_page, after, end), end, has_more


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
        upto, generation = counter_state(conn)
        if position.generation is not None and position.generation != generation:
            raise InvalidCursor("the server's data was restored from a backup or replaced")
        if position.seq > upto:
            raise InvalidCursor(
                "the cursor is ahead of this server's data (was the database replaced?)"
            )
        scope, fingerprint = cached_scope(conn, role=role, person_id=person_id, today=today)
        scope_changed = position.fingerprint is not None and position.fingerprint != fingerprint
        if position.seq == upto or scope.is_empty:
            # A no-op pull: the counter and the scope sets, nothing else.
            records: Sequence[_Candidate] = []
            resume, has_more = upto, False
        else:
            codecs = _codecs(schema_version)
            records, resume, has_more = _page_of(
                conn,
                scope=scope,
                codecs=codecs,
                after=position.seq,
                upto=upto,
                limit=limit,
                schema_version=schema_version,
            )
    return FeedPage(
        records=[codec.to_json(row) for _, _, _, codec, row in records],
        cursor=encode_cursor(
            FeedCursor(seq=resume, fingerprint=fingerprint, generation=generation)
        ),
        has_more=has_more,
        scope_changed=scope_changed,
        snapshot_seq=upto,
    )

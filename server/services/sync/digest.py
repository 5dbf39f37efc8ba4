"""The divergence check: digests, manifests and fetches of what a teacher may see.

The same scope conditions as the change feed (TeacherScope.where), read in
one snapshot. A digest covers the non-deleted rows of a kind in scope, per
activity for kinds with an activity_id (the partition): the count, and the
sha256 hex of the sorted lines "<id>:<seq>\\n". A client computes the same
over what it holds and asks for the manifest (ids and seqs) of the parts
that differ, then fetches the records it lacks or holds stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, String, cast, select

from server.db import counter_state, read_transaction
from server.services.access.scope import TeacherScope, cached_scope
from server.services.sync import feed
from server.services.sync.feed_rows import uuid_text
from server.tables import synced
from sync_protocol.entities import KIND_ORDER, REGISTRY


class UnknownKind(ValueError):
    """A kind this server (or the client's schema version) does not have."""


@dataclass(frozen=True)
class PartDigest:
    kind: str
    partition: uuid.UUID | None
    count: int
    digest: str


def partitioned(kind: str) -> bool:
    """Kinds whose every row names an activity are compared per activity.
    Pupil notes and conflicts may name none (documentation is about a pupil):
    they are compared whole, so a row without an activity is never left out."""
    spec = REGISTRY[kind]
    return spec.has_field("activity_id") and not spec.field("activity_id").nullable


def digest_lines(entries: Iterable[tuple[str | uuid.UUID, int]]) -> tuple[int, str]:
    """(count, sha256 hex of the sorted lines "<id>:<seq>\\n")."""
    lines = sorted(f"{row_id}:{seq}\n" for row_id, seq in entries)
    return len(lines), hashlib.sha256("".join(lines).encode("ascii")).hexdigest()


def _kinds(schema_version: int) -> list[str]:
    return [kind for kind in KIND_ORDER if REGISTRY[kind].since <= schema_version]


def _check_kind(kind: str, schema_version: int) -> None:
    if kind not in REGISTRY or REGISTRY[kind].since > schema_version:
        raise UnknownKind(f"There is no kind of record called {kind!r}.")


def _live_rows(
    conn: Connection,
    scope: TeacherScope,
    kind: str,
    schema_version: int,
    partition: uuid.UUID | None = None,
) -> list[tuple[str, int, str | None]]:
    """(id, seq, activity_id or None) of the non-deleted rows of a kind in scope.

    Ids are read as text: tens of thousands of UUID objects made only to be
    printed again would be most of the digest's time.
    """
    in_scope = scope.where(kind, schema_version)
    if in_scope is None:
        return []
    table = synced[kind]
    columns: list[Any] = [cast(table.c.id, String), table.c.seq]
    if partitioned(kind):
        columns.append(cast(table.c.activity_id, String))
    query = select(*columns).where(in_scope, table.c.deleted.is_(False))
    if partition is not None:
        query = query.where(table.c.activity_id == partition)
    rows = conn.execute(query).all()
    if not rows:
        return []
    if len(rows[0][0]) == 36:  # PostgreSQL: already hyphenated
        hyphenated = [(i.lower(), seq) for i, seq, *_ in rows]
    else:  # SQLite: 32 hex digits; done inline, it is most of the digest's time
        hyphenated = [
            (f"{i[:8]}-{i[8:12]}-{i[12:16]}-{i[16:20]}-{i[20:]}", seq) for i, seq, *_ in rows
        ]
    if not partitioned(kind):
        return [(i, seq, None) for i, seq in hyphenated]
    # A few hundred activities, named by thousands of rows.
    activity_text = {a: uuid_text(a) for a in {row[2] for row in rows}}
    return [(i, seq, activity_text[row[2]]) for (i, seq), row in zip(hyphenated, rows, strict=True)]


@dataclass(frozen=True)
class Digests:
    parts: list[PartDigest]
    cursor: str


def digests(
    engine: Engine,
    *,
    role: str,
    person_id: uuid.UUID | None,
    today: dt.date,
    schema_version: int,
) -> Digests:
    """Per kind (and per activity, for kinds with one) count and digest.

    A kind without an activity_id has one part (partition None), also when
    empty. A kind with one has a part per activity that holds rows; an
    activity left out has none (count 0).
    """
    parts: list[PartDigest] = []
    with read_transaction(engine) as conn:
        upto, generation = counter_state(conn)
        scope, _ = cached_scope(conn, role=role, person_id=person_id, today=today)
        for kind in _kinds(schema_version):
            rows = _live_rows(conn, scope, kind, schema_version)
            if not partitioned(kind):
                count, digest = digest_lines((row_id, seq) for row_id, seq, _ in rows)
                parts.append(PartDigest(kind, None, count, digest))
                continue
            by_activity: dict[str | None, list[tuple[str, int]]] = defaultdict(list)
            for row_id, seq, activity_id in rows:
                by_activity[activity_id].append((row_id, seq))
            for activity_id in sorted(a for a in by_activity if a is not None):
                count, digest = digest_lines(by_activity[activity_id])
                parts.append(PartDigest(kind, uuid.UUID(activity_id), count, digest))
    cursor = feed.encode_cursor(
        feed.FeedCursor(seq=upto, fingerprint=scope.fingerprint, generation=generation)
    )
    return Digests(parts, cursor)


def manifest(
    engine: Engine,
    *,
    role: str,
    person_id: uuid.UUID | None,
    today: dt.date,
    schema_version: int,
    kind: str,
    partition: uuid.UUID | None,
) -> list[tuple[str, int]]:
    """(id, seq) of the non-deleted rows of a kind (in one activity) in scope, by id."""
    _check_kind(kind, schema_version)
    if partition is not None and not partitioned(kind):
        raise UnknownKind(f"{kind} records are not partitioned by activity.")
    with read_transaction(engine) as conn:
        scope, _ = cached_scope(conn, role=role, person_id=person_id, today=today)
        rows = _live_rows(conn, scope, kind, schema_version, partition)
    return sorted((row_id, seq) for row_id, seq, _ in rows)


def fetch(
    engine: Engine,
    *,
    role: str,
    person_id: uuid.UUID | None,
    today: dt.date,
    schema_version: int,
    kind: str,
    ids: Sequence[uuid.UUID],
) -> list[feed.WireRecord]:
    """The records with these ids as the feed would send them (tombstones too),
    only those in scope; unknown and foreign ids are left out."""
    _check_kind(kind, schema_version)
    wanted = sorted(set(ids), key=str)
    if not wanted:
        return []
    # The feed's per-kind codec: the same columns, contact blanking and fv.
    codec = feed._codecs(schema_version)[kind]
    table = synced[kind]
    records: list[feed.WireRecord] = []
    with read_transaction(engine) as conn:
        scope, _ = cached_scope(conn, role=role, person_id=person_id, today=today)
        in_scope = scope.where(kind, schema_version)
        if in_scope is None:
            return []
        for start in range(0, len(wanted), 1000):
            chunk = wanted[start : start + 1000]
            query = codec.query().where(table.c.id.in_(chunk), in_scope).order_by(table.c.id)
            records.extend(codec.to_wire(row) for row in conn.execute(query))
    return records

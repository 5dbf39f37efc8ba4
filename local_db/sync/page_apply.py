"""Validating a change page and applying it to the cache.

Two phases on purpose: `decode_page` checks every record of a page against
the entity registry before anything is written, so a malformed or hostile
page (an unknown kind, a wrong type, an over-long string, an unknown field)
is refused whole and the cache never holds half of it. `apply_page` then
writes the page and its cursor in the caller's one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, delete, update
from sqlalchemy.dialects import sqlite

from local_db import outbox as ob
from local_db.schema import sync_state, synced
from local_db.sync.cache_rows import CacheRowWriter, check_versions, stored_datetime, writer_for
from local_db.sync.decoded import DecodedPage, DecodedRecord
from local_db.sync.errors import ProtocolError
from local_db.sync.rebase import apply_held
from sync_protocol.codec import FieldError
from sync_protocol.entities import KIND_ORDER, REGISTRY
from sync_protocol.wire import ChangePage, ChangeRecord

_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
_DIALECT = sqlite.dialect()
#: How the cache stores field_seqs (SQLAlchemy's JSON: None is "null").
_JSON_TEXT: Callable[[Any], str] = (
    synced["attendance"].c.field_seqs.type.dialect_impl(_DIALECT).bind_processor(_DIALECT)  # type: ignore[assignment]
)
#: SQLite's limit on bound parameters is far higher; this keeps statements small.
_DELETE_CHUNK = 500


def decode_page(page: ChangePage) -> DecodedPage:
    """Every record validated, or ProtocolError naming the first bad one."""
    return DecodedPage(
        records=decode_records(page.changes),
        cursor=page.cursor,
        has_more=page.has_more,
        scope_changed=page.scope_changed,
        server_time=page.server_time,
        server_hlc=page.server_hlc,
    )


def decode_records(changes: Sequence[ChangeRecord]) -> tuple[DecodedRecord, ...]:
    """Every record validated, or ProtocolError naming the first bad one."""
    records = []
    # The records of one push share their timestamps: each is converted once.
    times: dict[dt.datetime | None, str | None] = {None: None}
    for index, record in enumerate(changes):
        try:
            records.append(_decode_record(record, times))
        except FieldError as exc:
            raise ProtocolError(
                f"record {index + 1} of the page is invalid: {exc}",
                detail=f"{record.kind} {record.id}",
            ) from None
    return tuple(records)


def _stored_time(value: dt.datetime | None, times: dict[dt.datetime | None, str | None]) -> Any:
    try:
        return times[value]
    except KeyError:
        # Keyed by value and offset: equal instants in other zones are
        # equal datetimes, and they store the same.
        stored = times[value] = stored_datetime(value)
        return stored


def _decode_record(
    record: ChangeRecord, times: dict[dt.datetime | None, str | None]
) -> DecodedRecord:
    writer = writer_for(record.kind)
    if writer is None:
        raise FieldError(record.kind[:40], "*", "unknown kind of record")
    if record.deleted:
        return DecodedRecord(record.kind, record.id.hex, True, (), record.seq)
    try:
        created_at = _stored_time(record.created_at, times)
        modified_at = _stored_time(record.modified_at, times)
    except ValueError as exc:
        raise FieldError(record.kind, "modified_at", str(exc)) from None
    created_by, modified_by = record.created_by, record.modified_by
    meta = (
        record.id.hex,
        created_at,
        None if created_by is None else created_by.hex,
        modified_at,
        None if modified_by is None else modified_by.hex,
    )
    row = cache_row(writer, meta, record.seq, record.fields, record.fv)
    return DecodedRecord(record.kind, record.id.hex, False, row, record.seq)


def cache_row(
    writer: CacheRowWriter,
    meta: tuple[str, str | None, str | None, str | None, str | None],
    seq: int,
    fields: Mapping[str, object],
    versions: Mapping[str, int],
) -> tuple[Any, ...]:
    """A live record's cache row, in storage form: `meta` is (id, created_at,
    created_by, modified_at, modified_by) as stored. FieldError if a field
    or a version is bad."""
    values = writer.field_values(fields)
    if versions:
        check_versions(writer.spec, versions)
    row = [
        *meta,
        seq,
        0,  # deleted: the cache keeps no tombstones
        _JSON_TEXT(dict(versions)) if versions else "null",
        *values,
    ]
    if writer.has_contact:
        writer.withhold_contact(row)
    return tuple(row)


def apply_page(conn: Connection, page: DecodedPage, now: dt.datetime) -> int:
    """Write the page's records and its cursor (inside the caller's
    transaction). Returns the number of records applied."""
    apply_records(conn, page.records)
    _advance(conn, page, now)
    return len(page.records)


def apply_records(conn: Connection, records: Iterable[DecodedRecord]) -> None:
    """Write decoded records (a page's, or fetched ones) inside the caller's
    transaction. Records with unsettled local edits keep them showing
    (local_db.sync.rebase)."""

    # Keyed by the id's hex text, not the uuid.UUID: its hash is computed in
    # Python each time, and a first sync looks up 100,000 of them.
    latest: dict[tuple[str, str], DecodedRecord] = {}
    for record in records:
        key = (record.kind, record.hex_id)
        # A record twice in a page: its later state (higher seq) wins.
        latest.pop(key, None)
        latest[key] = record
    held = _held(conn, latest.values())
    upserts: dict[str, list[tuple[Any, ...]]] = {}
    deletes: dict[str, list[uuid.UUID]] = {}
    for record in sorted(latest.values(), key=lambda r: _KIND_RANK[r.kind]):
        if held and (record.kind, record.id) in held:
            apply_held(conn, record)
        elif record.deleted:
            deletes.setdefault(record.kind, []).append(record.id)
        else:
            upserts.setdefault(record.kind, []).append(record.stored)
    # Parents before children when writing, children before parents when
    # deleting: the order a cache with foreign keys would need.
    for kind in sorted(upserts, key=_KIND_RANK.__getitem__):
        _upsert(conn, kind, upserts[kind])
    for kind in sorted(deletes, key=_KIND_RANK.__getitem__, reverse=True):
        _delete(conn, kind, deletes[kind])


def _held(conn: Connection, records: Iterable[DecodedRecord]) -> set[tuple[str, uuid.UUID]]:
    """Records of the batch with unsettled local edits (cheap when none)."""
    if ob.outbox_is_empty(conn):
        return set()
    by_kind: dict[str, list[uuid.UUID]] = {}
    for record in records:
        if REGISTRY[record.kind].client_writable:
            by_kind.setdefault(record.kind, []).append(record.id)
    return {
        (kind, record_id)
        for kind, ids in by_kind.items()
        for record_id in ob.held_records(conn, kind, ids)
    }


def _upsert(conn: Connection, kind: str, rows: list[tuple[Any, ...]]) -> None:
    # The driver's executemany with rows already in storage form: the
    # statement is compiled once per kind and no value is processed again.
    # In id order, the inserts walk the primary key's index once instead of
    # jumping about it (ids are unique here: a page's duplicates are gone).
    writer = writer_for(kind)
    assert writer is not None
    rows.sort(key=itemgetter(0))
    conn.exec_driver_sql(writer.upsert_sql, rows)


def _delete(conn: Connection, kind: str, ids: Iterable[uuid.UUID]) -> None:
    table = synced[kind]
    pending = list(ids)
    for start in range(0, len(pending), _DELETE_CHUNK):
        conn.execute(delete(table).where(table.c.id.in_(pending[start : start + _DELETE_CHUNK])))


def _advance(conn: Connection, page: DecodedPage, now: dt.datetime) -> None:
    values: dict[str, Any] = {
        "cursor": page.cursor,
        "last_page_at": now,
        "server_time": page.server_time,
        "server_hlc": page.server_hlc,
    }
    if page.scope_changed:
        # Remembered until the repair step (later sync work) clears it.
        values.update(scope_changed=True, scope_changed_at=now)
    if not page.has_more:
        values.update(last_sync_at=now, has_synced_once=True)
    conn.execute(update(sync_state).where(sync_state.c.id == 1).values(**values))

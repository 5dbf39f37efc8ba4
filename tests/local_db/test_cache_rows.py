"""Pulled records are checked and stored by per-kind writers (local_db.sync.cache_rows).

The writers take a fast way for the plain values our server sends. These
tests hold them to the slow, obvious way they replace: sync_protocol.codec
decodes the value (or refuses it, with the same sentence) and SQLAlchemy's
own bind processors store it. A teacher's cache must not hold a value
differently, nor accept one the codec would refuse, because of the speed-up.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from local_db.cache import Cache
from local_db.schema import synced
from local_db.sync.cache_rows import META_COLUMNS, stored_datetime, writer_for
from local_db.sync.page_apply import decode_records
from sync_protocol.codec import FieldError, decode_fields, encode_fields
from sync_protocol.entities import REGISTRY, FieldType
from sync_protocol.wire import ChangeRecord
from tests.local_db.records import RecordBuilder

DIALECT = sqlite.dialect()
SOME_ID = uuid.UUID("3f2b8c1e-5d4a-4e6f-9a8b-7c6d5e4f3a2b")


def _slow(kind: str, fields: dict[str, Any]) -> list[Any]:
    """What the codec and SQLAlchemy's bind processors make of the fields."""
    spec = REGISTRY[kind]
    values = decode_fields(spec, fields, require_all=True)
    stored = []
    for field in spec.fields:
        column = synced[kind].c[field.name]
        bind = column.type.dialect_impl(DIALECT).bind_processor(DIALECT)
        value = values[field.name]
        stored.append(value if bind is None else bind(value))
    return stored


def _outcome(work: Any) -> tuple[str, Any]:
    try:
        return "stored", work()
    except FieldError as exc:
        return "refused", str(exc)


def _same_outcome(kind: str, fields: dict[str, Any]) -> None:
    """The writer stores what the slow way stores, or refuses with its words."""
    writer = writer_for(kind)
    assert writer is not None
    assert _outcome(lambda: writer.field_values(fields)) == _outcome(lambda: _slow(kind, fields))
    # The generated checks and the check-by-check ones they are made from.
    assert _outcome(lambda: writer.generic_field_values(fields)) == _outcome(
        lambda: writer.field_values(fields)
    )


def _plain_fields(kind: str) -> dict[str, Any]:
    """A valid value for every field, wire-encoded."""
    spec = REGISTRY[kind]
    values: dict[str, Any] = {}
    for field in spec.fields:
        if field.type is FieldType.UUID:
            values[field.name] = SOME_ID
        elif field.type in (FieldType.STRING, FieldType.TEXT):
            values[field.name] = "Åsa Öberg"[: field.max_length or 10]
        elif field.type is FieldType.INT:
            values[field.name] = field.min_value or 0
        elif field.type is FieldType.BOOL:
            values[field.name] = True
        elif field.type is FieldType.DATE:
            values[field.name] = dt.date(2026, 9, 14)
        elif field.type is FieldType.DATETIME:
            values[field.name] = dt.datetime(2026, 9, 14, 7, 55, tzinfo=dt.UTC)
        else:
            values[field.name] = field.choices[-1]
    return dict(encode_fields(spec, values))


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_plain_records_are_stored_as_sqlalchemy_would(kind: str) -> None:
    fields = _plain_fields(kind)
    _same_outcome(kind, fields)
    nulls = {f.name: None if f.nullable else fields[f.name] for f in REGISTRY[kind].fields}
    _same_outcome(kind, nulls)


ODD_VALUES: dict[FieldType, list[Any]] = {
    FieldType.UUID: [
        str(SOME_ID).upper(),
        SOME_ID.hex,
        "{" + str(SOME_ID) + "}",
        "urn:uuid:" + str(SOME_ID),
        "not-a-uuid",
        "",
        12,
        True,
        "x" * 50,
    ],
    FieldType.STRING: ["two\nlines", "nul\x00", "a" * 5000, "", 5, None, ["list"]],
    FieldType.TEXT: ["two\nlines", "nul\x00", "a" * 50_000, "", False],
    FieldType.INT: [True, 1.0, "1", -1, 601, 2**53, -(2**53), 3],
    FieldType.BOOL: [1, 0, "true", None, False],
    FieldType.DATE: ["2026-W38-1", "2026-02-30", "20260914", "2026-09-14T00:00", 20260914],
    FieldType.DATETIME: [
        "2026-09-14T07:55:00+02:00",
        "2026-09-14T07:55:00.123Z",
        "2026-09-14T07:55:00",
        "2026-09-14 07:55:00Z",
        "2026-09-31T07:55:00Z",
        "2026-09-14T25:55:00Z",
        "2026-09-14T07:55:00.000000Z",
        "2026-09-14T07:55:00.000001Z",
    ],
    FieldType.ENUM: ["PRESENT", "", None, 1, ["present"], {"a": 1}],
}


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_odd_values_take_the_codecs_way(kind: str) -> None:
    base = _plain_fields(kind)
    for field in REGISTRY[kind].fields:
        for value in ODD_VALUES[field.type]:
            _same_outcome(kind, {**base, field.name: value})


@pytest.mark.parametrize("kind", ["attendance", "person", "lesson"])
def test_missing_and_unknown_fields_are_judged_by_the_codec(kind: str) -> None:
    base = _plain_fields(kind)
    for name in list(base):
        _same_outcome(kind, {key: value for key, value in base.items() if key != name})
    _same_outcome(kind, {**base, "surprise": 1})
    _same_outcome(kind, {})


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2026, 9, 14, 7, 55, tzinfo=dt.UTC),
        dt.datetime(2026, 9, 14, 7, 55, 0, 17, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        dt.datetime(1, 1, 1, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
    ],
)
def test_meta_datetimes_are_stored_as_sqlalchemy_would(value: dt.datetime) -> None:
    column = synced["attendance"].c.created_at
    store = column.type.dialect_impl(DIALECT).bind_processor(DIALECT)
    assert store is not None
    assert stored_datetime(value) == store(value)


def test_a_naive_meta_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        stored_datetime(dt.datetime(2026, 9, 14, 7, 55))


def test_decoded_rows_read_back_as_written(memory_cache: Cache) -> None:
    """A page's records, written and read through SQLAlchemy, are the values
    the codec decodes; and a record's `row` (used for records with local
    edits) says the same."""
    data = RecordBuilder()
    group = data.group("7A")
    pupil = data.person("Åke", "Öst", email="ake@example.se", security_marking="none")
    marked = data.person("Bea", "Berg", email="bea@example.se", security_marking="confidential")
    data.member(group, pupil, dt.date(2026, 8, 17))
    page = data.page()
    records = decode_records(page.changes)
    with memory_cache.begin() as conn:
        from local_db.sync.page_apply import apply_records

        apply_records(conn, records)
    by_id = {record.id: record for record in page.changes}
    with memory_cache.connect() as conn:
        for decoded in records:
            table = synced[decoded.kind]
            stored = conn.execute(select(table).where(table.c.id == decoded.id)).mappings().one()
            assert dict(stored) == decoded.row
            source: ChangeRecord = by_id[decoded.id]
            values = decode_fields(REGISTRY[decoded.kind], source.fields, require_all=True)
            if decoded.id == marked:
                values["email"] = None  # never kept for a pupil with a security marking
            assert {name: stored[name] for name in values} == values
            assert stored["seq"] == source.seq
            assert stored["created_at"] == source.created_at
            assert set(stored) == set(META_COLUMNS) | set(values)

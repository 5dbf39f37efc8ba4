"""SQLAlchemy tables for registry kinds, shared by the server and the cache.

It builds table descriptions and does no I/O, so it belongs with the registry
it mirrors; keeping it here means the server and the client can never
disagree about a column's type. Each side adds its own extra columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    Uuid,
)
from sqlalchemy.types import TypeEngine

from sync_protocol.entities import EntitySpec, FieldSpec, FieldType


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no time zones: values are stored as naive UTC and come back
    tagged UTC. PostgreSQL stores timestamptz.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Klassbok stores UTC-aware datetimes only")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def column_type(spec: FieldSpec) -> TypeEngine[Any]:
    match spec.type:
        case FieldType.UUID:
            return Uuid()
        case FieldType.STRING:
            return String(spec.max_length or 200)
        case FieldType.TEXT:
            return Text()
        case FieldType.INT:
            return Integer()
        case FieldType.BOOL:
            return Boolean()
        case FieldType.DATE:
            return Date()
        case FieldType.DATETIME:
            return UtcDateTime()
        case FieldType.ENUM:
            return String(40)
    raise AssertionError(spec.type)


def meta_columns() -> list[Column[Any]]:
    """The columns every synced row has (see entities.META_COLUMNS)."""
    return [
        Column("id", Uuid(), primary_key=True),
        Column("created_at", UtcDateTime(), nullable=True),
        Column("created_by", Uuid(), nullable=True),
        Column("modified_at", UtcDateTime(), nullable=True),
        Column("modified_by", Uuid(), nullable=True),
        Column("seq", BigInteger(), nullable=False, default=0),
        Column("deleted", Boolean(), nullable=False, default=False),
        # {field: seq at which it last changed}; only fields that differ
        # from the row's seq are listed.
        Column("field_seqs", JSON(), nullable=True),
    ]


def build_table(
    metadata: MetaData,
    spec: EntitySpec,
    extra_columns: Iterable[Column[Any]] = (),
    *,
    index_seq: bool = True,
) -> Table:
    """A table for one kind: meta columns, its fields, then the extras."""
    columns: list[Column[Any]] = meta_columns()
    for field in spec.fields:
        # Text fields may be empty but not NULL unless declared nullable.
        columns.append(Column(field.name, column_type(field), nullable=field.nullable))
    columns.extend(extra_columns)
    table = Table(spec.table_name, metadata, *columns)
    if index_seq:
        Index(f"ix_{spec.table_name}_seq", table.c.seq)
    for field in spec.fields:
        if field.type is FieldType.UUID and field.ref is not None:
            Index(f"ix_{spec.table_name}_{field.name}", table.c[field.name])
    return table

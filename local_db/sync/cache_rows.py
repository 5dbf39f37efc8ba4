"""Wire records to cache rows, fast: validated and in the cache's storage form.

A first sync writes 100,000 records. Going from JSON to Python objects
(uuid.UUID, datetime) and through SQLAlchemy's bind processing back to the
text SQLite stores cost more than everything else on the client, so each
kind gets a precompiled writer that checks every field value against the
registry and produces what SQLAlchemy would have stored:

- a UUID as 32 lower-case hex digits, a date as YYYY-MM-DD, a datetime as
  naive UTC "YYYY-MM-DD HH:MM:SS.ffffff", a bool as 0/1, JSON as text;
- the row as a tuple in `columns` order, for one executemany of `upsert_sql`.

The fast checks accept only the plain, canonical forms our server sends.
Anything else (an unknown or missing field, a bad value, a UUID in capitals)
goes the slow way: sync_protocol.codec decodes it, which either raises the
FieldError a person can read or returns a value that SQLAlchemy's own bind
processors then store. So the fast path never accepts what the codec would
refuse, and never stores a value differently (tests/local_db/test_cache_rows.py
compares the two).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy.dialects import sqlite

from local_db.repositories._common import is_protected
from local_db.schema import synced
from sync_protocol.codec import FieldError, decode_fields
from sync_protocol.entities import REGISTRY, EntitySpec, FieldSpec, FieldType

#: The cache row's meta columns, in the order `CacheRowWriter.columns` starts with.
META_COLUMNS = (
    "id",
    "created_at",
    "created_by",
    "modified_at",
    "modified_by",
    "seq",
    "deleted",
    "field_seqs",
)

_DIALECT = sqlite.dialect()
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DATETIME_Z = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d{6})?Z")
_ZERO = dt.timedelta(0)
_MISSING = object()

Stored = Any
FastCheck = Callable[[object], Stored]


class _Slow(Exception):
    """Not a plain canonical value: let the codec judge it."""


def stored_datetime(value: dt.datetime | None) -> str | None:
    """An aware datetime as the cache stores it (naive UTC text)."""
    if value is None:
        return None
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("datetime without time zone")
    if offset != _ZERO:
        value = value.astimezone(dt.UTC)
    text = value.replace(tzinfo=None).isoformat(" ")
    return text if value.microsecond else text + ".000000"


#: Canonical UUID texts already checked, and their hex. The same teacher,
#: lessons, pupils and activities come back in thousands of records of a
#: page, and a look-up here costs a tenth of the match. Emptied when full.
_HEX_OF: dict[str, str] = {}
_HEX_OF_MAX = 50_000


def canonical_uuid_hex(raw: object) -> str | None:
    """A UUID in canonical text (lower-case, hyphenated) as the 32 hex
    digits the cache stores; None for anything else."""
    if type(raw) is str and _UUID.fullmatch(raw):
        return raw.replace("-", "")
    return None


def uuid_hex(raw: object) -> str | None:
    """canonical_uuid_hex, remembered: for references, which repeat."""
    try:
        return _HEX_OF[raw]  # type: ignore[index]
    except (KeyError, TypeError):
        pass
    found = canonical_uuid_hex(raw)
    if found is not None:
        if len(_HEX_OF) >= _HEX_OF_MAX:
            _HEX_OF.clear()
        _HEX_OF[raw] = found  # type: ignore[index]
    return found


def canonical_time_text(raw: object) -> str | None:
    """A UTC time in canonical wire text ("YYYY-MM-DDTHH:MM:SS[.ffffff]Z", a
    real date and clock) as the cache stores it (naive UTC, six fraction
    digits); None for anything else."""
    found = _DATETIME_Z.fullmatch(raw) if type(raw) is str else None
    if found is None:
        return None
    try:
        dt.datetime.fromisoformat(found.string)
    except ValueError:
        return None
    day, time, fraction = found.groups()
    return f"{day} {time}{fraction or '.000000'}"


def _fast_uuid(spec: FieldSpec) -> FastCheck:
    def check(raw: object) -> Stored:
        found = uuid_hex(raw)
        if found is None:
            raise _Slow
        return found

    return check


def _fast_string(spec: FieldSpec) -> FastCheck:
    limit = spec.max_length if spec.max_length is not None else float("inf")
    single_line = spec.type is FieldType.STRING

    def check(raw: object) -> Stored:
        if (
            type(raw) is str
            and len(raw) <= limit
            and "\x00" not in raw
            and not (single_line and ("\n" in raw or "\r" in raw))
        ):
            return raw
        raise _Slow

    return check


def _fast_int(spec: FieldSpec) -> FastCheck:
    low = max(spec.min_value if spec.min_value is not None else -(2**53) + 1, -(2**53) + 1)
    high = min(spec.max_value if spec.max_value is not None else 2**53 - 1, 2**53 - 1)

    def check(raw: object) -> Stored:
        if type(raw) is int and low <= raw <= high:
            return raw
        raise _Slow

    return check


def _fast_bool(spec: FieldSpec) -> FastCheck:
    def check(raw: object) -> Stored:
        if raw is True:
            return 1
        if raw is False:
            return 0
        raise _Slow

    return check


def _fast_date(spec: FieldSpec) -> FastCheck:
    def check(raw: object) -> Stored:
        if type(raw) is str and len(raw) == 10:
            try:
                return dt.date.fromisoformat(raw).isoformat()
            except ValueError:
                pass
        raise _Slow

    return check


def _fast_datetime(spec: FieldSpec) -> FastCheck:
    def check(raw: object) -> Stored:
        found = canonical_time_text(raw)
        if found is None:
            raise _Slow
        return found

    return check


def _fast_enum(spec: FieldSpec) -> FastCheck:
    choices = frozenset(spec.choices)

    def check(raw: object) -> Stored:
        if type(raw) is str and raw in choices:
            return raw
        raise _Slow

    return check


_FAST: dict[FieldType, Callable[[FieldSpec], FastCheck]] = {
    FieldType.UUID: _fast_uuid,
    FieldType.STRING: _fast_string,
    FieldType.TEXT: _fast_string,
    FieldType.INT: _fast_int,
    FieldType.BOOL: _fast_bool,
    FieldType.DATE: _fast_date,
    FieldType.DATETIME: _fast_datetime,
    FieldType.ENUM: _fast_enum,
}


def _nullable(check: FastCheck) -> FastCheck:
    def allow_none(raw: object) -> Stored:
        return None if raw is None else check(raw)

    return allow_none


@dataclass(frozen=True)
class CacheRowWriter:
    """One kind's wire fields to a cache row tuple, and the statement that writes it."""

    spec: EntitySpec
    columns: tuple[str, ...]
    upsert_sql: str
    _checks: tuple[tuple[str, FastCheck], ...]
    _binds: tuple[Callable[[Any], Any] | None, ...]
    _contact: tuple[int, ...]
    #: field_values' generated checks (_compiled_field_values), set by for_kind.
    _compiled: Callable[[Mapping[str, object]], list[Stored]] = field(
        default=lambda fields: [], compare=False, hash=False, repr=False
    )

    @classmethod
    def for_kind(cls, kind: str) -> CacheRowWriter:
        spec = REGISTRY[kind]
        table = synced[kind]
        columns = (*META_COLUMNS, *spec.field_names)
        if set(columns) != set(table.c.keys()):
            raise RuntimeError(f"cache table {kind} has other columns than the registry says")
        quote = _DIALECT.identifier_preparer.quote
        names = ", ".join(quote(name) for name in columns)
        updates = ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in columns[1:])
        sql = (
            f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT ({quote('id')}) DO UPDATE SET {updates}"
        )
        checks = tuple(
            (f.name, _nullable(_FAST[f.type](f)) if f.nullable else _FAST[f.type](f))
            for f in spec.fields
        )
        binds = tuple(
            table.c[f.name].type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
            for f in spec.fields
        )
        first_field = len(META_COLUMNS)
        contact = tuple(first_field + i for i, f in enumerate(spec.fields) if f.contact)
        writer = cls(spec, columns, sql, checks, binds, contact if kind == "person" else ())
        # Frozen, and the checks are made from the writer itself.
        object.__setattr__(writer, "_compiled", _compiled_field_values(writer))
        return writer

    def field_values(self, fields: Mapping[str, object]) -> list[Stored]:
        """The fields' stored values in registry order; FieldError if one is bad."""
        return self._compiled(fields)

    def generic_field_values(self, fields: Mapping[str, object]) -> list[Stored]:
        """field_values, check by check: the compiled one's model."""
        if len(fields) == len(self._checks):
            try:
                return [check(fields.get(name, _MISSING)) for name, check in self._checks]
            except _Slow:
                pass
        return self._slow(fields)

    def _slow(self, fields: Mapping[str, object]) -> list[Stored]:
        values = decode_fields(self.spec, fields, require_all=True)  # FieldError if bad
        return [
            values[name] if bind is None else bind(values[name])
            for (name, _), bind in zip(self._checks, self._binds, strict=True)
        ]

    @property
    def has_contact(self) -> bool:
        return bool(self._contact)

    def withhold_contact(self, row: list[Stored]) -> None:
        """A pupil with a security marking: no contact data in the cache, even
        if a server (by mistake) sent some."""
        if self._contact:
            marking = row[len(META_COLUMNS) + self.spec.field_names.index("security_marking")]
            if is_protected(marking):
                for position in self._contact:
                    row[position] = None


def _compiled_field_values(
    writer: CacheRowWriter,
) -> Callable[[Mapping[str, object]], list[Stored]]:
    """CacheRowWriter.generic_field_values as one generated function per kind.

    A first sync checks 100,000 records' fields; going through a list of
    (name, check) pairs, a wrapper for each nullable field and a match for
    each UUID cost more than the checks themselves. The code is generated
    from the registry, as dataclasses does: a UUID is looked up among those
    already seen, each check is called directly, and anything unusual (a
    missing or extra field, a value not in plain form) goes the generic way.
    tests/local_db/test_cache_rows.py holds both to the codec.
    """
    spec = writer.spec
    namespace: dict[str, Any] = {
        "_hex_get": _HEX_OF.get,
        "_Slow": _Slow,
        "_generic": writer.generic_field_values,
    }
    values = []
    for index, spec_field in enumerate(spec.fields):
        name = spec_field.name
        if not name.isidentifier():
            raise ValueError(f"field name not usable in generated code: {name!r}")
        fast = _FAST[spec_field.type](spec_field)
        namespace[f"_check{index}"] = fast
        value = f"_v{index}"
        plain = f"_check{index}({value})"
        if spec_field.type is FieldType.UUID:
            plain = f"(_hex_get({value}) or {plain})"
        if spec_field.nullable:
            plain = f"(None if {value} is None else {plain})"
        values.append((f'{value} = fields["{name}"]', plain))
    source = "\n".join(
        [
            "def field_values(fields):",
            f"    if len(fields) == {len(spec.fields)}:",
            "        try:",
            *(f"            {assign}" for assign, _ in values),
            f"            return [{', '.join(plain for _, plain in values)}]",
            "        except (_Slow, KeyError, TypeError):",
            "            pass",
            "    return _generic(fields)",
        ]
    )
    exec(source, namespace)  # noqa: S102  # our own code, made from the registry
    function: Callable[[Mapping[str, object]], list[Stored]] = namespace["field_values"]
    return function


@cache
def writer_for(kind: str) -> CacheRowWriter | None:
    """The writer of a kind this build knows; None for any other."""
    return CacheRowWriter.for_kind(kind) if kind in REGISTRY else None


def check_versions(spec: EntitySpec, versions: Mapping[str, int]) -> None:
    for name, version in versions.items():
        if not spec.has_field(name):
            raise FieldError(spec.kind, str(name)[:60], "version of an unknown field")
        if version < 0:
            raise FieldError(spec.kind, name, "negative version")

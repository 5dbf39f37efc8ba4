"""Rows of the synced tables as wire records: as dicts, or straight as JSON text.

The feed (server.services.sync.feed) reads columns as text (feed_sql.raw_column:
no SQLAlchemy result processing) and turns them into wire text here. A first
sync sends 100,000 records; parsing every UUID and datetime into Python
objects only to print them again, then building a dict per record for
json.dumps, took most of the server's time. SQLite hands back what
SQLAlchemy stored (hex UUIDs, "YYYY-MM-DD HH:MM:SS.ffffff" naive UTC, 0/1,
JSON text) and PostgreSQL is asked for the same text; the converters also
take typed values (uuid.UUID, aware datetime, date, parsed JSON), as a
query that reads typed columns would give them.

`to_json` writes what json.dumps(to_wire(row), ensure_ascii=False,
separators=(",", ":")) writes, byte for byte (tests/server/sync/test_feed_rows.py
holds it to that): keys in the same order, strings escaped by the json
module's own encoder, and everything else (UUIDs, dates, numbers) made of
characters that need no escaping.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Select, select

from server.services.sync.feed_sql import raw_column
from server.tables import synced
from sync_protocol.codec import encode_datetime
from sync_protocol.entities import KIND_ORDER, REGISTRY, FieldType
from sync_protocol.versions import SCHEMA_VERSION

WireRecord = dict[str, Any]

_META = ("id", "seq", "deleted", "created_at", "created_by", "modified_at", "modified_by")
_ZERO = dt.timedelta(0)


def uuid_text(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        if len(value) == 32:  # SQLite: as SQLAlchemy stores it
            return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
        if len(value) == 36 and value.islower():  # PostgreSQL's uuid::text
            return value
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(value))


def date_text(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        return value if len(value) == 10 else dt.date.fromisoformat(value[:10]).isoformat()
    return str(value.isoformat())


def datetime_text(value: Any) -> str | None:
    # codec.encode_datetime's output, faster.
    if value is None:
        return None
    if type(value) is str:
        # SQLite: naive UTC as SQLAlchemy stores it.
        if len(value) == 26 and value[19] == ".":
            fraction = value[20:]
            tail = "Z" if fraction == "000000" else f".{fraction}Z"
            return f"{value[:10]}T{value[11:19]}{tail}"
        value = dt.datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
    if value.utcoffset() == _ZERO:
        return str(value.replace(tzinfo=None).isoformat()) + "Z"
    return encode_datetime(value)


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _json(value: Any) -> Any:
    if type(value) is str:
        return None if value == "null" else json.loads(value)
    return value


def _same(value: Any) -> Any:
    return value


_ENCODERS: dict[FieldType, Callable[[Any], Any]] = {
    FieldType.UUID: uuid_text,
    FieldType.DATE: date_text,
    FieldType.DATETIME: datetime_text,
    FieldType.BOOL: _bool,
}

# --- the same values as JSON text ---


def _quoted(convert: Callable[[Any], str | None]) -> Callable[[Any], str]:
    # The converters' text (hex digits, dashes, digits, T, Z, dot, colon)
    # needs no escaping.
    def to_json(value: Any) -> str:
        text = convert(value)
        return "null" if text is None else f'"{text}"'

    return to_json


#: Quoted UUID text by stored value: a page names the same lessons, pupils,
#: activities and teachers over and over. Cleared when it grows large.
_UUID_MEMO: dict[Any, str] = {}
_UUID_MEMO_MAX = 100_000


def _uuid_json(value: Any) -> str:
    found = _UUID_MEMO.get(value)
    if found is None:
        text = uuid_text(value)
        found = "null" if text is None else f'"{text}"'
        if len(_UUID_MEMO) >= _UUID_MEMO_MAX:
            _UUID_MEMO.clear()
        _UUID_MEMO[value] = found
    return found


def _string_json(value: Any) -> str:
    return "null" if value is None else str(encode_basestring(value))


def _int_json(value: Any) -> str:
    return "null" if value is None else str(int(value))


def _bool_json(value: Any) -> str:
    return "null" if value is None else ("true" if value else "false")


_JSON_ENCODERS: dict[FieldType, Callable[[Any], str]] = {
    FieldType.UUID: _uuid_json,
    FieldType.DATE: _quoted(date_text),
    FieldType.DATETIME: _quoted(datetime_text),
    FieldType.BOOL: _bool_json,
    FieldType.INT: _int_json,
    FieldType.STRING: _string_json,
    FieldType.TEXT: _string_json,
    FieldType.ENUM: _string_json,
}
_UUID_JSON = _JSON_ENCODERS[FieldType.UUID]
_DATETIME_JSON = _JSON_ENCODERS[FieldType.DATETIME]


@dataclass(frozen=True)
class KindCodec:
    """Reads one kind's rows and turns them into wire records."""

    kind: str
    #: (name, encoder, contact field) per field sent, in registry order.
    fields: tuple[tuple[str, Callable[[Any], Any], bool], ...]
    #: ('"name":', JSON encoder) per field, in the same order.
    json_fields: tuple[tuple[str, Callable[[Any], str]], ...]
    has_contact: bool
    #: to_json's generated writer (_compiled_to_json), set by for_kind.
    _writer: Callable[[Sequence[Any]], str] = field(
        default=lambda row: "", compare=False, hash=False, repr=False
    )

    @classmethod
    def for_kind(cls, kind: str, schema_version: int) -> KindCodec:
        spec = REGISTRY[kind]
        # A client of an older schema (still served) gets only the fields it knows.
        known = [f for f in spec.fields if f.since <= schema_version]
        fields = tuple((f.name, _ENCODERS.get(f.type, _same), f.contact) for f in known)
        json_fields = tuple((f'"{f.name}":', _JSON_ENCODERS[f.type]) for f in known)
        codec = cls(kind, fields, json_fields, any(f.contact for f in known))
        # Frozen, and the writer is made from the codec itself.
        object.__setattr__(codec, "_writer", _compiled_to_json(codec))
        return codec

    def query(self) -> Select[Any]:
        """Columns by position: the meta columns, field_seqs, the fields, then the flag."""
        table = synced[self.kind]
        columns = [raw_column(table.c[name]) for name in (*_META, "field_seqs")]
        columns += [raw_column(table.c[name]) for name, _, _ in self.fields]
        if self.has_contact:
            columns.append(raw_column(table.c.contact_protected))
        return select(*columns)

    def to_wire(self, row: Sequence[Any]) -> WireRecord:
        seq = int(row[1])
        deleted = bool(row[2])
        record: WireRecord = {
            "kind": self.kind,
            "id": uuid_text(row[0]),
            "seq": seq,
            "deleted": deleted,
            "created_at": datetime_text(row[3]),
            "created_by": uuid_text(row[4]),
            "modified_at": datetime_text(row[5]),
            "modified_by": uuid_text(row[6]),
            "fields": {},
            "fv": {},
        }
        if deleted:
            return record  # a tombstone carries no values
        withheld = self._withheld(row)
        values: dict[str, Any] = {}
        for position, (name, encode, _) in enumerate(self.fields, start=8):
            values[name] = None if name in withheld else encode(row[position])
        record["fields"] = values
        record["fv"] = self._versions(row, seq, withheld)
        return record

    def to_json(self, row: Sequence[Any]) -> str:
        """json.dumps(self.to_wire(row), ensure_ascii=False, separators=(",", ":"))."""
        return self._writer(row)

    def generic_to_json(self, row: Sequence[Any]) -> str:
        """to_json, field by field: the compiled one's model, and its way for
        what it does not cover (tombstones, withheld contact data)."""
        seq = int(row[1])
        deleted = bool(row[2])
        head = (
            f'{{"kind":"{self.kind}","id":{_UUID_JSON(row[0])},"seq":{seq},'
            f'"deleted":{"true" if deleted else "false"},'
            f'"created_at":{_DATETIME_JSON(row[3])},"created_by":{_UUID_JSON(row[4])},'
            f'"modified_at":{_DATETIME_JSON(row[5])},"modified_by":{_UUID_JSON(row[6])},'
        )
        if deleted:
            return head + '"fields":{},"fv":{}}'
        withheld = self._withheld(row)
        if withheld:
            values = [
                key + ("null" if name in withheld else encode(value))
                for (key, encode), (name, _, _), value in zip(
                    self.json_fields, self.fields, row[8:], strict=False
                )
            ]
        else:
            values = [
                key + encode(value)
                for (key, encode), value in zip(self.json_fields, row[8:], strict=False)
            ]
        versions = self._versions(row, seq, withheld)
        fv = json.dumps(versions, separators=(",", ":")) if versions else "{}"
        return f'{head}"fields":{{{",".join(values)}}},"fv":{fv}}}'

    def _withheld(self, row: Sequence[Any]) -> frozenset[str]:
        """Contact fields of a person whose contact data must stay on the server."""
        if self.has_contact and row[-1]:
            return frozenset(name for name, _, contact in self.fields if contact)
        return frozenset()

    def _versions(self, row: Sequence[Any], seq: int, withheld: frozenset[str]) -> dict[str, int]:
        field_seqs = _json(row[7])
        if not field_seqs:
            return {}
        sent = {name for name, _, _ in self.fields}
        return {
            name: version
            for name, version in field_seqs.items()
            if name in sent and name not in withheld and type(version) is int and version != seq
        }


#: How the compiled to_json writes a value of each type: an expression of
#: the stored value `%s`. UUIDs are looked up in the memo first.
_INLINE: dict[FieldType, str] = {
    FieldType.UUID: "(_memo_get(%s) or _uuid(%s))",
    FieldType.DATE: "_date(%s)",
    FieldType.DATETIME: "_datetime(%s)",
    FieldType.BOOL: "_bool(%s)",
    FieldType.INT: "_int(%s)",
    FieldType.STRING: "_string(%s)",
    FieldType.TEXT: "_string(%s)",
    FieldType.ENUM: "_string(%s)",
}


def _literal(text: str) -> str:
    """Text inside the generated f-string (its quotes are ')."""
    if "'" in text or "\\" in text:
        raise ValueError(f"cannot be written into generated code: {text!r}")
    return text.replace("{", "{{").replace("}", "}}")


def _value(position: int, field_type: FieldType) -> str:
    column = f"row[{position}]"
    return "{" + _INLINE[field_type].replace("%s", column) + "}"


def _compiled_to_json(codec: KindCodec) -> Callable[[Sequence[Any]], str]:
    """KindCodec.generic_to_json as one function of one f-string per kind.

    A first sync writes 100,000 records; calling an encoder per field
    through zip and a list, then joining, was most of the server's work on
    a page. The code is generated from the kind's fields, as dataclasses
    does, and writes byte for byte what generic_to_json writes
    (tests/server/sync/test_feed_rows.py). Tombstones and a person whose contact
    data is withheld go the generic way.
    """
    types = {f.name: f.type for f in REGISTRY[codec.kind].fields}
    parts = [
        _literal(f'{{"kind":"{codec.kind}","id":'),
        _value(0, FieldType.UUID),
        _literal(',"seq":'),
        "{seq}",
        _literal(',"deleted":false,"created_at":'),
        _value(3, FieldType.DATETIME),
        _literal(',"created_by":'),
        _value(4, FieldType.UUID),
        _literal(',"modified_at":'),
        _value(5, FieldType.DATETIME),
        _literal(',"modified_by":'),
        _value(6, FieldType.UUID),
        _literal(',"fields":{'),
    ]
    for position, (name, _, _) in enumerate(codec.fields, start=8):
        parts.append(_literal(("," if position > 8 else "") + f'"{name}":'))
        parts.append(_value(position, types[name]))
    parts += [_literal('},"fv":'), "{fv}", _literal("}")]
    source = "\n".join(
        [
            "def to_json(row):",
            "    if row[2] or (_contact and row[-1]):",
            "        return _generic(row)",
            "    seq = int(row[1])",
            "    fv = '{}' if row[7] is None or row[7] == 'null' else _fv(row, seq)",
            f"    return f'{''.join(parts)}'",
        ]
    )
    namespace: dict[str, Any] = {
        "_memo_get": _UUID_MEMO.get,
        "_uuid": _uuid_json,
        "_date": _JSON_ENCODERS[FieldType.DATE],
        "_datetime": _DATETIME_JSON,
        "_bool": _bool_json,
        "_int": _int_json,
        "_string": _string_json,
        "_contact": codec.has_contact,
        "_generic": codec.generic_to_json,
        "_fv": lambda row, seq: _fv_json(codec._versions(row, seq, frozenset())),
    }
    exec(source, namespace)  # noqa: S102  # our own code, made from the registry
    function: Callable[[Sequence[Any]], str] = namespace["to_json"]
    return function


def _fv_json(versions: dict[str, int]) -> str:
    return json.dumps(versions, separators=(",", ":")) if versions else "{}"


@cache
def codecs_for(schema_version: int = SCHEMA_VERSION) -> dict[str, KindCodec]:
    """The kinds a client of this schema version knows, with their codecs."""
    return {
        kind: KindCodec.for_kind(kind, schema_version)
        for kind in KIND_ORDER
        if REGISTRY[kind].since <= schema_version
    }

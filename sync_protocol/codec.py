"""Field values between Python and the wire, validated against the registry.

Hand-written rather than generated pydantic models: it runs for every field of
every record in a first sync (100,000 records), and it must reject hostile
input with a reason a person can read.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sync_protocol.entities import EntitySpec, FieldSpec, FieldType

WireValue = str | int | bool | None


class FieldError(ValueError):
    """A field value that does not fit its spec; the message names the field."""

    def __init__(self, kind: str, name: str, reason: str) -> None:
        super().__init__(f"{kind}.{name}: {reason}")
        self.kind = kind
        self.field_name = name
        self.reason = reason


def encode_datetime(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: Klassbok stores UTC-aware datetimes only")
    utc = value.astimezone(dt.UTC)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if utc.microsecond:
        text += f".{utc.microsecond:06d}"
    return text + "Z"


def decode_datetime(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("datetime without time zone")
    return value.astimezone(dt.UTC)


def encode_value(spec: FieldSpec, value: Any) -> WireValue:
    if value is None:
        return None
    kind = spec.type
    if kind is FieldType.UUID:
        return str(value)
    if kind is FieldType.DATE:
        return value.isoformat()
    if kind is FieldType.DATETIME:
        return encode_datetime(value)
    return value


def _decode_uuid(spec: FieldSpec, raw: object) -> uuid.UUID:
    if not isinstance(raw, str) or len(raw) > 40:
        raise ValueError("expected a UUID string")
    return uuid.UUID(raw)


def _decode_string(spec: FieldSpec, raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError("expected a string")
    if spec.max_length is not None and len(raw) > spec.max_length:
        raise ValueError(f"longer than {spec.max_length} characters")
    if "\x00" in raw:
        raise ValueError("contains a NUL character")
    if spec.type is FieldType.STRING and ("\n" in raw or "\r" in raw):
        raise ValueError("must be a single line")
    return raw


def _decode_int(spec: FieldSpec, raw: object) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError("expected an integer")
    if spec.min_value is not None and raw < spec.min_value:
        raise ValueError(f"less than {spec.min_value}")
    if spec.max_value is not None and raw > spec.max_value:
        raise ValueError(f"greater than {spec.max_value}")
    if not -(2**53) < raw < 2**53:
        raise ValueError("out of range")
    return raw


def _decode_bool(spec: FieldSpec, raw: object) -> bool:
    if not isinstance(raw, bool):
        raise ValueError("expected true or false")
    return raw


def _decode_date(spec: FieldSpec, raw: object) -> dt.date:
    if not isinstance(raw, str) or len(raw) != 10:
        raise ValueError("expected a date YYYY-MM-DD")
    return dt.date.fromisoformat(raw)


def _decode_datetime(spec: FieldSpec, raw: object) -> dt.datetime:
    if not isinstance(raw, str) or len(raw) > 40:
        raise ValueError("expected a date-time with time zone")
    return decode_datetime(raw)


def _decode_enum(spec: FieldSpec, raw: object) -> str:
    if raw not in spec.choices:
        shown = ", ".join(spec.choices)
        raise ValueError(f"expected one of {shown}")
    return raw


_DECODERS: dict[FieldType, Callable[[FieldSpec, object], Any]] = {
    FieldType.UUID: _decode_uuid,
    FieldType.STRING: _decode_string,
    FieldType.TEXT: _decode_string,
    FieldType.INT: _decode_int,
    FieldType.BOOL: _decode_bool,
    FieldType.DATE: _decode_date,
    FieldType.DATETIME: _decode_datetime,
    FieldType.ENUM: _decode_enum,
}


def decode_value(entity: EntitySpec, spec: FieldSpec, raw: object) -> Any:
    """A wire value as Python, or FieldError with the reason."""
    if raw is None:
        if spec.nullable:
            return None
        raise FieldError(entity.kind, spec.name, "may not be empty")
    try:
        return _DECODERS[spec.type](spec, raw)
    except FieldError:
        raise
    except (ValueError, TypeError, OverflowError) as exc:
        raise FieldError(entity.kind, spec.name, str(exc) or "invalid value") from None


def decode_fields(
    entity: EntitySpec, raw: Mapping[str, object], *, require_all: bool
) -> dict[str, Any]:
    """Validate a wire mapping of field values.

    Unknown names are an error (never silently dropped: a typo must not look
    like a saved edit). With `require_all`, every non-nullable field must be
    present: that is a record being created.
    """
    if not isinstance(raw, Mapping):
        raise FieldError(entity.kind, "*", "fields must be an object")
    decoded: dict[str, Any] = {}
    for name, value in raw.items():
        if not isinstance(name, str) or not entity.has_field(name):
            raise FieldError(entity.kind, str(name)[:60], "unknown field")
        decoded[name] = decode_value(entity, entity.field(name), value)
    if require_all:
        for spec in entity.fields:
            if spec.name not in decoded:
                if spec.nullable:
                    decoded[spec.name] = None
                elif spec.type is FieldType.TEXT:
                    decoded[spec.name] = ""
                else:
                    raise FieldError(entity.kind, spec.name, "missing")
    return decoded


def encode_fields(entity: EntitySpec, values: Mapping[str, Any]) -> dict[str, WireValue]:
    return {name: encode_value(entity.field(name), value) for name, value in values.items()}

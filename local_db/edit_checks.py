"""Checks of an edit before anything is written: the kind may be written
here, and each value fits its field in the entity registry (type, length,
choices, range). local_db.edits runs them first; a failure raises
InvalidEdit naming the field, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sync_protocol.codec import FieldError, decode_value, encode_value
from sync_protocol.entities import REGISTRY, EntitySpec, FieldSpec, FieldType


class InvalidEdit(ValueError):
    """An edit that cannot be saved; the message names the field. Nothing
    was written."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


_PYTHON_TYPES: dict[FieldType, tuple[type, ...]] = {
    FieldType.UUID: (uuid.UUID,),
    FieldType.STRING: (str,),
    FieldType.TEXT: (str,),
    FieldType.ENUM: (str,),
    FieldType.INT: (int,),
    FieldType.BOOL: (bool,),
    FieldType.DATE: (dt.date,),
    FieldType.DATETIME: (dt.datetime,),
}


def writable_spec(kind: str) -> EntitySpec:
    spec = REGISTRY.get(kind)
    if spec is None:
        raise InvalidEdit(f"{kind}: not a kind of record Klassbok knows")
    if not spec.client_writable:
        raise InvalidEdit(f"{kind}: records of this kind are maintained by the school, not here")
    return spec


def check_python_type(spec: EntitySpec, field: FieldSpec, value: Any) -> None:
    if value is None:
        return
    wrong = not isinstance(value, _PYTHON_TYPES[field.type])
    if field.type is FieldType.INT and isinstance(value, bool):
        wrong = True
    if field.type is FieldType.DATE and isinstance(value, dt.datetime):
        wrong = True
    if field.type is FieldType.DATETIME and isinstance(value, dt.datetime) and not value.tzinfo:
        raise InvalidEdit(f"{spec.kind}.{field.name}: needs a time zone (UTC)", field.name)
    if wrong:
        expected = field.type.value
        raise InvalidEdit(
            f"{spec.kind}.{field.name}: expected a {expected}, got {type(value).__name__}",
            field.name,
        )


def validate_changes(spec: EntitySpec, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Python values, checked against the registry (length, choices, range)."""
    checked: dict[str, Any] = {}
    for name, value in changes.items():
        if not isinstance(name, str) or not spec.has_field(name):
            raise InvalidEdit(f"{spec.kind}.{str(name)[:60]}: no such field", str(name)[:60])
        field = spec.field(name)
        check_python_type(spec, field, value)
        try:
            checked[name] = decode_value(spec, field, encode_value(field, value))
        except FieldError as exc:
            raise InvalidEdit(str(exc), name) from None
    return checked

"""Shorthands for declaring kinds: a field constructor and one letter per
field type and policy, so each declaration reads as a table."""

from __future__ import annotations

from sync_protocol.entity_types import FieldSpec, FieldType, MergePolicy

SERVER = MergePolicy.SERVER_ONLY
IMMUT = MergePolicy.IMMUTABLE
LATEST = MergePolicy.LATEST_WINS
REVIEW = MergePolicy.NEEDS_REVIEW
TEXT = MergePolicy.TEXT_MERGE


def f(name: str, ftype: FieldType, policy: MergePolicy, **kw: object) -> FieldSpec:
    return FieldSpec(name, ftype, policy, **kw)  # type: ignore[arg-type]


U, S, T, N, B, D, DT, E = (
    FieldType.UUID,
    FieldType.STRING,
    FieldType.TEXT,
    FieldType.INT,
    FieldType.BOOL,
    FieldType.DATE,
    FieldType.DATETIME,
    FieldType.ENUM,
)

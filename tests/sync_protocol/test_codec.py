from __future__ import annotations

import datetime as dt
import uuid

import pytest

from sync_protocol.codec import FieldError, decode_fields, encode_fields
from sync_protocol.entities import REGISTRY, entity


def test_a_record_round_trips_through_the_wire_form() -> None:
    spec = entity("lesson")
    values = {
        "activity_id": uuid.uuid4(),
        "start_time": dt.datetime(2026, 11, 30, 7, 10, tzinfo=dt.UTC),
        "end_time": dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC),
        "room": "B12",
        "cancelled": False,
        "comment": None,
    }
    wire = encode_fields(spec, values)
    assert wire["start_time"] == "2026-11-30T07:10:00Z"
    assert decode_fields(spec, wire, require_all=True) == values


@pytest.mark.parametrize(
    ("kind", "fields", "reason"),
    [
        ("attendance", {"status": "asleep"}, "expected one of"),
        ("attendance", {"late_minutes": "5"}, "expected an integer"),
        ("attendance", {"late_minutes": True}, "expected an integer"),
        ("attendance", {"late_minutes": 10_000}, "greater than"),
        ("attendance", {"comment": "x" * 201}, "longer than 200"),
        ("attendance", {"comment": "two\nlines"}, "single line"),
        ("attendance", {"lesson_id": "not-a-uuid"}, "badly formed"),
        ("attendance", {"status": None}, "may not be empty"),
        ("attendance", {"surprise": 1}, "unknown field"),
        ("lesson", {"start_time": "2026-11-30T07:10:00"}, "time zone"),
        ("pupil_note", {"body": "a\x00b"}, "NUL"),
    ],
)
def test_bad_values_are_rejected_with_the_field_named(
    kind: str, fields: dict[str, object], reason: str
) -> None:
    with pytest.raises(FieldError) as caught:
        decode_fields(entity(kind), fields, require_all=False)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(f"{kind}.")


def test_a_new_record_must_have_every_required_field() -> None:
    with pytest.raises(FieldError, match=r"attendance\.status: missing"):
        decode_fields(
            entity("attendance"),
            {
                "lesson_id": str(uuid.uuid4()),
                "pupil_id": str(uuid.uuid4()),
                "activity_id": str(uuid.uuid4()),
            },
            require_all=True,
        )


def test_text_fields_default_to_empty_and_nullable_fields_to_none() -> None:
    decoded = decode_fields(
        entity("pupil_note"),
        {
            "pupil_id": str(uuid.uuid4()),
            "activity_id": str(uuid.uuid4()),
            "category": "observation",
        },
        require_all=True,
    )
    assert decoded["body"] == ""


def test_every_registry_field_has_a_decoder_and_an_encoder() -> None:
    for spec in REGISTRY.values():
        for field in spec.fields:
            # None round-trips for nullable fields; non-nullable reject it.
            if field.nullable:
                assert decode_fields(spec, {field.name: None}, require_all=False) == {
                    field.name: None
                }
            else:
                with pytest.raises(FieldError):
                    decode_fields(spec, {field.name: None}, require_all=False)

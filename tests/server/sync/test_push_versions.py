"""A client of the previous schema version never touches what it does not know.

The registry has no field newer than version 1 yet, so these tests give
attendance's comment a later `since` (as a future registry change would)
and check what the push does with an op from a version-1 client.
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from server.services.sync import push_validation
from server.services.sync.push_context import OpRejected, Pusher
from server.services.sync.push_merge import merge_delete
from server.services.sync.push_validation import complete_for_create, decode_op, known_fields
from sync_protocol import ids
from sync_protocol.entities import REGISTRY, EntitySpec
from sync_protocol.wire import PushOp

HLC = "001796023800000-0000-client"


@pytest.fixture
def newer_attendance(monkeypatch: pytest.MonkeyPatch) -> EntitySpec:
    """attendance as a schema-2 registry might have it: comment added in version 2."""
    spec = REGISTRY["attendance"]
    fields = tuple(
        dataclasses.replace(f, since=2) if f.name == "comment" else f for f in spec.fields
    )
    newer = dataclasses.replace(spec, fields=fields, _by_name={})
    monkeypatch.setitem(push_validation.REGISTRY, "attendance", newer)
    return newer


def _op(**changes: object) -> PushOp:
    lesson, pupil = uuid.uuid4(), uuid.uuid4()
    values: dict[str, object] = {
        "op": 1,
        "kind": "attendance",
        "id": str(ids.attendance_id(lesson, pupil)),
        "fields": {
            "lesson_id": str(lesson),
            "pupil_id": str(pupil),
            "activity_id": str(uuid.uuid4()),
            "status": "present",
        },
        "hlc": HLC,
    }
    values.update(changes)
    return PushOp.model_validate(values)


def test_a_field_newer_than_the_clients_schema_is_unknown_to_it(
    newer_attendance: EntitySpec,
) -> None:
    assert "comment" not in {f.name for f in known_fields(newer_attendance, 1)}
    assert "comment" in {f.name for f in known_fields(newer_attendance, 2)}
    op = _op()
    with_comment = _op(fields={**op.fields, "comment": "Sjuk"})
    with pytest.raises(OpRejected, match=r"attendance\.comment: unknown field"):
        decode_op(with_comment, schema_version=1)
    assert decode_op(with_comment, schema_version=2).fields["comment"] == "Sjuk"
    with pytest.raises(OpRejected, match="unknown field"):
        decode_op(_op(base={"comment": 3}), schema_version=1)


def test_an_old_clients_create_leaves_the_newer_field_empty(newer_attendance: EntitySpec) -> None:
    values = complete_for_create(decode_op(_op(), schema_version=1), schema_version=1)
    assert values["comment"] is None
    assert values["status"] == "present"


def test_an_old_clients_delete_is_judged_on_the_fields_it_knows(
    newer_attendance: EntitySpec,
) -> None:
    record: dict[str, object] = dict.fromkeys(newer_attendance.field_names)
    record.update(id=uuid.uuid4(), seq=7, deleted=False, field_seqs={"comment": 9})
    known = tuple(f.name for f in known_fields(newer_attendance, 1))
    base = dict.fromkeys(known, 7)
    plan = merge_delete(
        dataclasses.replace(newer_attendance, delete_needs_review=True, _by_name={}),
        record,
        base=base,
        known=known,
        stamp=decode_op(_op(), schema_version=1).stamp,
        pusher=Pusher(user_id=uuid.uuid4(), person_id=uuid.uuid4()),
    )
    # The comment it never saw changed after its base; the delete still applies.
    assert plan.tombstone


def test_a_kind_newer_than_the_clients_schema_is_unknown_to_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    newer = dataclasses.replace(REGISTRY["pupil_note"], since=2, _by_name={})
    monkeypatch.setitem(push_validation.REGISTRY, "pupil_note", newer)
    op = PushOp.model_validate(
        {"op": 1, "kind": "pupil_note", "id": str(uuid.uuid4()), "fields": {}, "hlc": HLC}
    )
    with pytest.raises(OpRejected, match="unknown kind: pupil_note"):
        decode_op(op, schema_version=1)

"""The seam for guardian absence notices: what the push hands to work that
follows its attendance writes, in the same transaction.

The hooks run inside the server, so these tests call the push service
in-process on a real database (the server process beside it is used to
make the records).
"""

from __future__ import annotations

import datetime as dt
import sys
import types
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import Connection, func, select

from server.services.sync.push import PushOutcome, apply_push
from server.services.sync.push_clock import make_server_clock
from server.services.sync.push_context import Pusher
from server.services.sync.push_hooks import (
    ABSENCE_NOTICES_MODULE,
    AttendanceChange,
    register_attendance_hook,
    unregister_attendance_hook,
)
from server.tables import applied_op
from sync_protocol.wire import PushBatch
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    counter,
    module_server,
    new_lesson,
    row,
    version,
)
from tests.support.server_fixtures import RunningServer

push_server = module_server()
NOW = dt.datetime(2026, 11, 28, 8, 5, tzinfo=dt.UTC)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[list[AttendanceChange], int, dt.datetime]] = []

    def __call__(
        self,
        conn: Connection,
        changes: Sequence[AttendanceChange],
        *,
        seq: int,
        now: dt.datetime,
    ) -> None:
        self.calls.append((list(changes), seq, now))


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    hook = Recorder()
    register_attendance_hook(hook)
    yield hook
    unregister_attendance_hook(hook)


def _push_in_process(server: RunningServer, client: TeacherClient, *ops: Any) -> PushOutcome:
    batch = PushBatch.model_validate(client.batch(list(ops)))
    pusher = Pusher(user_id=server.user_ids[client.username], person_id=client.person_id)
    return apply_push(
        server.engine,
        batch,
        pusher=pusher,
        today=server.school.builder.today,
        schema_version=1,
        clock=make_server_clock(),
        now=NOW,
    )


def _made(server: RunningServer, pupil: str, status: str) -> tuple[uuid.UUID, int]:
    """An attendance record made over HTTP; (id, version of its fields)."""
    anna = TeacherClient(server, "anna")
    record_id, fields = attendance(server, new_lesson(server), pupil, status=status)
    assert anna.result(anna.op("attendance", record_id, fields))["outcome"] == "applied"
    return record_id, version(row(server, "attendance", record_id), "status")


def test_every_attendance_row_written_reaches_the_hooks_once_per_batch(
    push_server: RunningServer, recorder: Recorder
) -> None:
    marked, marked_version = _made(push_server, "alva", "present")
    commented, commented_version = _made(push_server, "axel", "present")
    new_id, new_fields = attendance(push_server, new_lesson(push_server), "elsa", status="absent")
    anna = TeacherClient(push_server, "anna")
    outcome = _push_in_process(
        push_server,
        anna,
        anna.op("attendance", marked, {"status": "absent"}, base={"status": marked_version}),
        anna.op("attendance", commented, {"comment": "Kom"}, base={"comment": commented_version}),
        anna.op("attendance", new_id, new_fields),
        anna.op("attendance", uuid.uuid4(), {"status": "late"}, base={"status": 3}),  # refused
    )
    assert [r.outcome for r in outcome.results] == ["applied", "applied", "applied", "rejected"]
    ((changes, seq, now),) = recorder.calls
    assert (seq, now) == (outcome.seq, NOW)
    by_id = {change.row["id"]: change for change in changes}
    assert set(by_id) == {marked, commented, new_id}
    assert (by_id[marked].previous_status, by_id[marked].row["status"]) == ("present", "absent")
    assert by_id[marked].became_absent
    assert by_id[commented].previous_status == "present"
    assert not by_id[commented].became_absent
    assert by_id[new_id].previous_status is None
    assert by_id[new_id].became_absent
    assert by_id[new_id].row["seq"] == seq


def test_a_batch_without_attendance_writes_calls_no_hook(
    push_server: RunningServer, recorder: Recorder
) -> None:
    anna = TeacherClient(push_server, "anna")
    refused = anna.op("attendance", uuid.uuid4(), {"status": "late"}, base={"status": 3})
    outcome = _push_in_process(push_server, anna, refused)
    assert outcome.seq is None
    assert recorder.calls == []


def test_a_failing_hook_rolls_the_whole_batch_back(push_server: RunningServer) -> None:
    def broken(conn: Connection, changes: Sequence[AttendanceChange], **_: Any) -> None:
        raise RuntimeError("the notice queue is broken")

    record_id, fields = attendance(push_server, new_lesson(push_server), "alva", status="absent")
    anna = TeacherClient(push_server, "anna")
    seq = counter(push_server)
    register_attendance_hook(broken)
    try:
        with pytest.raises(RuntimeError, match="notice queue"):
            _push_in_process(push_server, anna, anna.op("attendance", record_id, fields))
    finally:
        unregister_attendance_hook(broken)
    assert counter(push_server) == seq
    with push_server.engine.connect() as conn:
        stored = conn.execute(
            select(func.count())
            .select_from(applied_op)
            .where(applied_op.c.client_id == anna.client_id)
        ).scalar_one()
    assert stored == 0, "the client will send it again and must not get a stored answer"


def test_the_absence_notices_module_gets_the_written_rows(
    push_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[dict[str, Any]], int, dt.datetime]] = []
    fake = types.ModuleType(ABSENCE_NOTICES_MODULE)

    def queue_for_attendance(
        conn: Connection, rows: Sequence[dict[str, Any]], *, seq: int, now: dt.datetime
    ) -> None:
        calls.append((list(rows), seq, now))

    fake.queue_for_attendance = queue_for_attendance  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, ABSENCE_NOTICES_MODULE, fake)
    record_id, fields = attendance(push_server, new_lesson(push_server), "axel", status="absent")
    anna = TeacherClient(push_server, "anna")
    outcome = _push_in_process(push_server, anna, anna.op("attendance", record_id, fields))
    ((rows, seq, now),) = calls
    assert (seq, now) == (outcome.seq, NOW)
    assert [(r["id"], r["status"], r["pupil_id"]) for r in rows] == [
        (record_id, "absent", push_server.school["pupil:axel"])
    ]


def test_without_the_absence_notices_module_the_push_still_works(
    push_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, ABSENCE_NOTICES_MODULE, None)
    record_id, fields = attendance(push_server, new_lesson(push_server), "elsa", status="absent")
    anna = TeacherClient(push_server, "anna")
    outcome = _push_in_process(push_server, anna, anna.op("attendance", record_id, fields))
    assert outcome.results[0].outcome == "applied"

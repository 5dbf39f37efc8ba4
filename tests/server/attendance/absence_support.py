"""Helpers for the absence report and notice tests: accounts, pushes, waiting.

Attendance is written the way the desktop app writes it: a PushBatch to the
real server's POST /api/v1/sync/push, so notices are queued by the real
push path.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, select

from server.db import write_transaction
from server.services.accounts import auth
from server.tables import notice_delivery, synced
from sync_protocol import ids
from sync_protocol.hlc import HybridClock
from tests.support.server_fixtures import RunningServer, add_user, password_for

T = TypeVar("T")
_op_numbers = itertools.count(1)


def add_reporter(engine: Engine, username: str, school_id: uuid.UUID | None) -> uuid.UUID:
    """A guardian-facing system's account (role absence_reporter) tied to a school."""
    with write_transaction(engine) as conn:
        return auth.create_user(
            conn,
            username=username,
            password=password_for(username),
            display_name=username.title(),
            role="absence_reporter",
            school_id=school_id,
        )


def today_lesson(server: RunningServer, activity: str) -> uuid.UUID:
    """The small school's lesson of that activity today (index 1 is day offset 0)."""
    return server.school[f"lesson:{activity}:1"]


@dataclass(frozen=True)
class Mark:
    """One roll-call entry: a pupil's status in a lesson."""

    lesson: uuid.UUID
    pupil: uuid.UUID
    activity: uuid.UUID
    status: str


class Teacher:
    """A desktop client of one teacher: its client id, clock and op numbers."""

    def __init__(self, server: RunningServer, username: str) -> None:
        self.server = server
        self.username = username
        self.client_id = f"test-{username}-{uuid.uuid4().hex[:8]}"
        self.clock = HybridClock(self.client_id)

    def batch(self, marks: Sequence[Mark]) -> dict[str, Any]:
        """A push batch setting each mark (create, or change of status)."""
        ops = []
        attendance = synced["attendance"]
        with self.server.engine.connect() as conn:
            for mark in marks:
                record_id = ids.attendance_id(mark.lesson, mark.pupil)
                row = conn.execute(
                    select(attendance.c.seq, attendance.c.field_seqs).where(
                        attendance.c.id == record_id
                    )
                ).first()
                if row is None:
                    fields: dict[str, Any] = {
                        "lesson_id": str(mark.lesson),
                        "pupil_id": str(mark.pupil),
                        "activity_id": str(mark.activity),
                        "status": mark.status,
                        "late_minutes": None,
                        "left_early_minutes": None,
                        "comment": None,
                        "absence_report_id": None,
                    }
                    base = dict.fromkeys(fields, 0)
                else:
                    fields = {"status": mark.status}
                    base = {"status": int((row.field_seqs or {}).get("status", row.seq))}
                ops.append(
                    {
                        "op": next(_op_numbers),
                        "kind": "attendance",
                        "id": str(record_id),
                        "action": "upsert",
                        "fields": fields,
                        "base": base,
                        "hlc": self.clock.now().to_text(),
                    }
                )
        return {
            "client_id": self.client_id,
            "batch_id": str(uuid.uuid4()),
            "transactions": [{"ops": ops}],
        }

    def send(self, batch: dict[str, Any]) -> dict[str, Any]:
        response = self.server.request(
            "POST", "/api/v1/sync/push", self.server.token(self.username), json=batch
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        outcomes = {result["outcome"] for result in body["results"]}
        assert outcomes <= {"applied", "merged"}, body
        return body

    def push(self, *marks: Mark) -> dict[str, Any]:
        return self.send(self.batch(marks))


def teacher_account(server: RunningServer, username: str, person_label: str) -> Teacher:
    """A teacher of the small school, with an account made on first use."""
    if username not in server.user_ids:
        server.user_ids[username] = add_user(
            server.engine, username, person_id=server.school[person_label]
        )
    return Teacher(server, username)


# --- reading what the server did ------------------------------------------------


def notice(
    server: RunningServer, pupil: uuid.UUID, day: dt.date | None = None
) -> dict[str, Any] | None:
    """The pupil's notice for `day`, by default the day of the school's "today" lessons.

    Not the wall clock's school day: between 23:00 and 24:00 UTC Stockholm is
    already on the next date while the builder's lessons are still on this one."""
    table = synced["absence_notice"]
    notice_id = ids.absence_notice_id(pupil, day or server.school.builder.today)
    with server.engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == notice_id)).mappings().first()
    return None if row is None else dict(row)


def deliveries(
    server: RunningServer, pupil: uuid.UUID, day: dt.date | None = None
) -> list[dict[str, Any]]:
    notice_id = ids.absence_notice_id(pupil, day or server.school.builder.today)
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(notice_delivery).where(notice_delivery.c.notice_id == notice_id)
        ).mappings()
        return [dict(row) for row in rows]


def pending_deliveries(engine: Engine) -> int:
    """Deliveries a sender would still act on (queued or being sent)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(notice_delivery.c.id).where(notice_delivery.c.state.in_(("queued", "sending")))
        ).all()
    return len(rows)


def wait_until(read: Callable[[], T], done: Callable[[T], bool], timeout: float = 30.0) -> T:
    """Read until `done(value)`: the server's sender is another process; polling is
    the only way to see its database writes."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting after {timeout} s; last value: {value!r}")
        time.sleep(0.05)


def feed_records(server: RunningServer, username: str, kind: str) -> dict[str, dict[str, Any]]:
    """The teacher's whole feed, latest version of each record of `kind`, by id."""
    pages, _ = server.pull_all(server.token(username))
    found: dict[str, dict[str, Any]] = {}
    for page in pages:
        for record in page["changes"]:
            if record["kind"] == kind:
                found[record["id"]] = record
    return found


@dataclass(frozen=True)
class Family:
    """Siblings in 7A and 8B with two guardians, both guardians of both."""

    sixten: uuid.UUID  # 7A
    saga: uuid.UUID  # 8B
    lena: uuid.UUID
    lars: uuid.UUID


def add_family(server: RunningServer) -> Family:
    builder = server.school.builder
    with builder.change_set():
        sixten = builder.pupil("sixten", "Sixten", "Lind")
        saga = builder.pupil("saga", "Saga", "Lind")
        builder.membership(server.school["group:7a"], sixten)
        builder.membership(server.school["group:8b"], saga)
        lena = builder.guardian("lena", "Lena", "Lind")
        lars = builder.guardian("lars", "Lars", "Lind")
        for child in (sixten, saga):
            for parent in (lena, lars):
                builder.guardian_of(child, parent)
    return Family(sixten=sixten, saga=saga, lena=lena, lars=lars)

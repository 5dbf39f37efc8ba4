"""A classroom on the fake sync server and a cache that has pulled it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select

from local_db.cache import Cache
from local_db.schema import outbox, synced
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import SyncEngine
from sync_protocol import ids
from tests.local_db.fake_sync_server import FakeSyncServer
from tests.local_db.scripted_server import ScriptedServer, scripted_server

SCHOOL = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
ME = uuid.UUID("00000000-0000-4000-8000-000000000001")
COLLEAGUE = uuid.UUID("00000000-0000-4000-8000-000000000002")
LESSON_START = dt.datetime(2026, 9, 14, 8, 0, tzinfo=dt.UTC)


@dataclass
class Classroom:
    activity: uuid.UUID
    lesson: uuid.UUID
    pupils: list[uuid.UUID] = field(default_factory=list)
    assessment: uuid.UUID = field(default_factory=uuid.uuid4)
    note: uuid.UUID = field(default_factory=uuid.uuid4)


def seed_classroom(server: FakeSyncServer, pupils: int = 3) -> Classroom:
    room = Classroom(activity=uuid.uuid4(), lesson=uuid.uuid4())
    server.write("person", ME, given_name="Anna", family_name="Andersson", security_marking="none")
    server.write(
        "person", COLLEAGUE, given_name="Cecilia", family_name="Carlsson", security_marking="none"
    )
    server.write(
        "activity",
        room.activity,
        school_id=SCHOOL,
        display_name="Matematik 7A",
        activity_type="teaching",
        start_date=dt.date(2026, 8, 17),
    )
    server.write(
        "lesson",
        room.lesson,
        activity_id=room.activity,
        start_time=LESSON_START,
        end_time=LESSON_START + dt.timedelta(minutes=50),
        cancelled=False,
    )
    names = ["Alva Ahlberg", "Axel Ås", "Elsa Eriksson", "Nils Nord", "Bodil Björk"]
    for index in range(pupils):
        given, family = names[index % len(names)].split()
        pupil = uuid.uuid4()
        server.write("person", pupil, given_name=given, family_name=family, security_marking="none")
        room.pupils.append(pupil)
    server.write(
        "assessment",
        room.assessment,
        activity_id=room.activity,
        title="Prov 1",
        description="Bråk och procent",
        assessment_type="test",
    )
    server.write(
        "pupil_note",
        room.note,
        pupil_id=room.pupils[0],
        activity_id=room.activity,
        category="observation",
        body="Arbetar bra med bråk",
    )
    return room


@dataclass
class FakeWorld:
    server: FakeSyncServer
    http: ScriptedServer
    room: Classroom

    def client(self) -> ApiClient:
        return ApiClient(self.http.url, token="t")

    def engine(self, cache: Cache, **kwargs: object) -> SyncEngine:
        return SyncEngine(cache, self.client(), **kwargs)  # type: ignore[arg-type]

    def attendance(
        self, pupil: int = 0, status: str = "absent"
    ) -> tuple[uuid.UUID, dict[str, Any]]:
        """The id and values of a pupil's mark in the classroom's lesson."""
        room = self.room
        values = {
            "lesson_id": room.lesson,
            "pupil_id": room.pupils[pupil],
            "activity_id": room.activity,
            "status": status,
        }
        return ids.attendance_id(room.lesson, room.pupils[pupil]), values


@pytest.fixture
def world() -> Iterator[FakeWorld]:
    server = FakeSyncServer()
    room = seed_classroom(server)
    with scripted_server(server) as http:
        yield FakeWorld(server, http, room)


def outbox_rows(cache: Cache) -> list[dict[str, object]]:
    with cache.connect() as conn:
        return [dict(row) for row in conn.execute(select(outbox).order_by(outbox.c.op)).mappings()]


def row_of(cache: Cache, kind: str, record_id: uuid.UUID) -> dict[str, object] | None:
    table = synced[kind]
    with cache.connect() as conn:
        found = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    return None if found is None else dict(found)

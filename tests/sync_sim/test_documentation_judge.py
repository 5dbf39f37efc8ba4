"""The simulation's judge of pupil documentation (issue 16): a note narrowed
to "only me" leaves a colleague's cache at the next sync, and a cache still
holding a note its teacher may not see is reported, by the model's rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from local_db.cache import Cache
from local_db.documentation import NoteDraft, save_note
from local_db.schema import synced
from tests.support.server_fixtures import ServerFactory
from tests.sync_sim.invariants import faults_off, judge_documentation
from tests.sync_sim.world import World

_NOTES = synced["pupil_note"]


def _note(cache: Cache, note_id: uuid.UUID) -> dict[str, Any] | None:
    with cache.connect() as conn:
        found = conn.execute(select(_NOTES).where(_NOTES.c.id == note_id)).mappings().first()
    return None if found is None else dict(found)


def test_the_judge_sees_a_note_left_behind_and_a_narrowed_note_leave(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    world = World(server_factory(), tmp_path, seed=1)
    try:
        world.open_clients()
        faults_off(world)
        anna, cecilia = world.clients[0], world.clients[2]
        for client in world.clients:
            client.sync()
        draft = NoteDraft(
            pupil_id=world.server.school["pupil:alva"],
            category="observation",
            visibility="teachers",
            body="Läser långsamt",
            note_date=dt.date.today(),
        )
        with anna.cache.begin() as conn:
            note = save_note(conn, None, draft, actor=anna.person_id)
        for client in world.clients:
            client.sync()
        assert _note(cecilia.cache, note) is not None
        assert judge_documentation(world) == []

        with anna.cache.begin() as conn:
            narrowed = dataclasses.replace(draft, visibility="private")
            save_note(conn, note, narrowed, actor=anna.person_id)
        anna.sync()
        # Before Cecilia's next sync her cache holds what she may no longer see.
        assert judge_documentation(world) == [f"cecilia: holds note {note} it may not see"]
        cecilia.sync()
        assert _note(cecilia.cache, note) is None
        assert judge_documentation(world) == []

        # A stale copy written past the sync is reported too.
        row = _note(anna.cache, note)
        assert row is not None
        with cecilia.cache.begin() as conn:
            conn.execute(insert(_NOTES).values(**row))
        assert judge_documentation(world) == [f"cecilia: holds note {note} it may not see"]
    finally:
        world.close()

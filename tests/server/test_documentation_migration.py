"""Server migration 0010 (issue 11) on a database with data: notes made
before visibilities read as visible to the pupil's teachers, conflicts keep
their activity, and afterwards a note or a conflict may name no activity;
the extra anpassningar and åtgärdsprogram tables are there. SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid

from alembic import command
from sqlalchemy import Engine, insert, inspect, select, text

from server.db import make_engine, write_transaction
from server.migrations import alembic_config, current_revision, head_revision, upgrade_to_head
from server.tables import synced
from tests.conftest import DatabaseFactory


def _insert_raw(engine: Engine, table: str, values: dict[str, object]) -> None:
    """Only the columns revision 0009 has, as plain SQL."""
    sqlite = engine.dialect.name == "sqlite"
    params = {k: (v.hex if sqlite and isinstance(v, uuid.UUID) else v) for k, v in values.items()}
    names = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    with write_transaction(engine) as conn:
        conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), params)


def test_notes_from_before_visibilities_survive_the_upgrade(
    database_factory: DatabaseFactory,
) -> None:
    engine = make_engine(database_factory())
    config = alembic_config()
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0009")
    note, conflict, activity, pupil, teacher = (uuid.uuid4() for _ in range(5))
    made = dt.datetime(2026, 9, 14, 12, 0, tzinfo=dt.UTC)
    meta = {"seq": 1, "deleted": False, "needs_review": False, "created_at": made}
    _insert_raw(
        engine,
        "pupil_note",
        {**meta, "id": note, "pupil_id": pupil, "activity_id": activity,
         "category": "observation", "body": "Läser bra", "created_by": teacher},
    )  # fmt: skip
    _insert_raw(
        engine,
        "sync_conflict",
        {"seq": 2, "deleted": False, "id": conflict, "record_kind": "pupil_note",
         "record_id": note, "conflict_type": "text_both", "activity_id": activity,
         "pupil_id": pupil, "state": "open", "needs_review": False},
    )  # fmt: skip
    assert current_revision(engine) == "0009"
    assert upgrade_to_head(engine) == ("0009", head_revision())

    with engine.connect() as conn:
        row = conn.execute(select(synced["pupil_note"])).mappings().one()
        kept = conn.execute(select(synced["sync_conflict"])).mappings().one()
    assert (row["body"], row["activity_id"], row["created_by"]) == ("Läser bra", activity, teacher)
    # No visibility: the note is seen as it was, by the pupil's teachers.
    assert (row["visibility"], row["note_date"], row["term"]) == (None, None, None)
    assert kept["activity_id"] == activity

    # Now a note, and a conflict about documentation, may name no activity.
    with write_transaction(engine) as conn:
        conn.execute(
            insert(synced["pupil_note"]).values(
                id=uuid.uuid4(), seq=3, deleted=False, needs_review=False, pupil_id=pupil,
                activity_id=None, category="talk", body="Samtal", visibility="private",
                note_date=dt.date(2026, 10, 1), term="HT2026",
            )
        )  # fmt: skip
        conn.execute(
            insert(synced["sync_conflict"]).values(
                id=uuid.uuid4(), seq=4, deleted=False, needs_review=False,
                record_kind="support_adjustment", record_id=uuid.uuid4(),
                conflict_type="notice", activity_id=None, pupil_id=pupil, state="open",
            )
        )  # fmt: skip
        conn.execute(
            insert(synced["support_adjustment"]).values(
                id=uuid.uuid4(), seq=5, deleted=False, needs_review=False, pupil_id=pupil,
                what="Extra tid", evaluation="",
            )
        )  # fmt: skip
        conn.execute(
            insert(synced["action_programme_ref"]).values(
                id=uuid.uuid4(), seq=6, deleted=False, needs_review=False, pupil_id=pupil,
                decided_by="Rektor", document_location="Elevhälsans akt",
            )
        )  # fmt: skip
    tables = set(inspect(engine).get_table_names())
    assert {"support_adjustment", "action_programme_ref"} <= tables
    engine.dispose()

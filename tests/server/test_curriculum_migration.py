"""Server migration 0011 (issue 11) on a database with a matrix: the matrix
reads as it did, with no catalogue source, and the catalogue's tables are
there and take an import. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select, text

from server.db import make_engine, write_transaction
from server.migrations import alembic_config, current_revision, head_revision, upgrade_to_head
from server.services.curriculum.catalogue_import import import_catalogue_files
from server.tables import synced
from tests.conftest import DatabaseFactory
from tests.support.catalogue_files import subject_file, write


def test_a_matrix_from_before_the_catalogue_survives_the_upgrade(
    database_factory: DatabaseFactory, tmp_path: Path
) -> None:
    engine = make_engine(database_factory())
    config = alembic_config()
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0010")
    matrix, activity = uuid.uuid4(), uuid.uuid4()
    sqlite = engine.dialect.name == "sqlite"
    params = {
        "id": matrix.hex if sqlite else matrix,
        "a": activity.hex if sqlite else activity,
        "now": dt.datetime.now(dt.UTC),
    }
    with write_transaction(engine) as conn:
        # Only the columns revision 0010 has.
        conn.execute(
            text(
                "INSERT INTO criteria_matrix (id, seq, deleted, needs_review, modified_at, "
                "activity_id, title, subject, year_band, criteria) VALUES (:id, 1, false, "
                "false, :now, :a, 'Problemlösning', 'Matematik', '7-9', '[]')"
            ),
            params,
        )
    assert current_revision(engine) == "0010"
    assert upgrade_to_head(engine) == ("0010", head_revision())
    with engine.connect() as conn:
        row = conn.execute(select(synced["criteria_matrix"])).mappings().one()
    assert (row["title"], row["criteria"]) == ("Problemlösning", "[]")
    assert (row["source_subject"], row["source_version"], row["value_words"]) == (None, None, "")
    assert {"curriculum_subject", "curriculum_item"} <= set(inspect(engine).get_table_names())
    with write_transaction(engine) as conn:
        report = import_catalogue_files(conn, [write(tmp_path / "m.json", subject_file())])
    assert report.subjects[0].items == 27
    engine.dispose()

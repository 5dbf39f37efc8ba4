"""Server migration 0005 (issue 10) on a database with data: the assessments,
results and term grades made before scales read as they did, and the new
tables (matrices, term-grade history, term locks) are there. SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid

from alembic import command
from sqlalchemy import inspect, select, text

from server.db import make_engine, write_transaction
from server.migrations import alembic_config, current_revision, head_revision, upgrade_to_head
from server.tables import synced
from tests.conftest import DatabaseFactory


def test_records_from_before_scales_survive_the_upgrade(database_factory: DatabaseFactory) -> None:
    engine = make_engine(database_factory())
    config = alembic_config()
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
    activity, test, result, grade = (uuid.uuid4() for _ in range(4))
    now = dt.datetime.now(dt.UTC)
    meta = {"seq": 1, "deleted": False, "needs_review": False, "modified_at": now}
    with write_transaction(engine) as conn:
        # Only the columns revision 0004 has.
        for table, values in (
            ("assessment", {"id": test, "activity_id": activity, "title": "Prov 1",
                            "description": "", "assessment_type": "test"}),
            ("assessment_result", {"id": result, "assessment_id": test, "pupil_id": activity,
                                   "activity_id": activity, "grade": "C", "comment": "Bra"}),
            ("term_grade", {"id": grade, "pupil_id": activity, "activity_id": activity,
                            "term": "VT2026", "grade": "B"}),
        ):  # fmt: skip
            columns = {c.name for c in synced[table].columns}
            row = {k: v for k, v in {**meta, **values}.items() if k in columns}
            names = ", ".join(row)
            marks = ", ".join(f":{k}" for k in row)
            # SQLite keeps a UUID as 32 hex digits (SQLAlchemy's Uuid), PostgreSQL natively.
            sqlite = engine.dialect.name == "sqlite"
            params = {
                k: (v.hex if sqlite and isinstance(v, uuid.UUID) else v) for k, v in row.items()
            }
            conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), params)
    assert current_revision(engine) == "0004"
    before, after = upgrade_to_head(engine)
    assert (before, after) == ("0004", head_revision())
    with engine.connect() as conn:
        test_row = conn.execute(select(synced["assessment"])).mappings().one()
        result_row = conn.execute(select(synced["assessment_result"])).mappings().one()
        grade_row = conn.execute(select(synced["term_grade"])).mappings().one()
    assert (test_row["title"], test_row["scale_kind"], test_row["max_points"]) == (
        "Prov 1",
        None,
        None,
    )
    assert test_row["published"] in (None, False)
    assert (
        result_row["grade"],
        result_row["points"],
        result_row["levels"],
        result_row["marker"],
    ) == ("C", None, "", None)
    assert result_row["comment"] == "Bra"
    assert (grade_row["grade"], grade_row["no_basis_reason"]) == ("B", None)
    tables = set(inspect(engine).get_table_names())
    assert {"criteria_matrix", "term_grade_history", "term_lock"} <= tables
    engine.dispose()

"""Server migration 0012 (issue 11) on a database with a unit and a lesson
plan: both read as they did, the unit a draft with no catalogue picks, the
plan with no links. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid

from alembic import command
from sqlalchemy import select, text

from server.db import make_engine, write_transaction
from server.migrations import alembic_config, current_revision, head_revision, upgrade_to_head
from server.tables import synced
from tests.conftest import DatabaseFactory


def test_a_unit_and_a_plan_from_before_survive_the_upgrade(
    database_factory: DatabaseFactory,
) -> None:
    engine = make_engine(database_factory())
    config = alembic_config()
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0011")
    unit, plan, lesson, activity = (uuid.uuid4() for _ in range(4))
    sqlite = engine.dialect.name == "sqlite"

    def idv(value: uuid.UUID) -> object:
        return value.hex if sqlite else value

    params = {
        "u": idv(unit),
        "p": idv(plan),
        "l": idv(lesson),
        "a": idv(activity),
        "now": dt.datetime.now(dt.UTC),
    }
    with write_transaction(engine) as conn:
        # Only the columns revision 0011 has.
        conn.execute(
            text(
                "INSERT INTO planning_unit (id, seq, deleted, needs_review, modified_at, "
                "activity_id, title, aims, central_content, assessment_criteria, start_date) "
                "VALUES (:u, 1, false, false, :now, :a, 'Bråk', 'Förstå bråk', 'Tal', "
                "'Prov v. 12', '2027-03-01')"
            ),
            params,
        )
        conn.execute(
            text(
                "INSERT INTO lesson_plan (id, seq, deleted, needs_review, modified_at, "
                "lesson_id, activity_id, planning_unit_id, content, homework) VALUES "
                "(:p, 2, false, false, :now, :l, :a, :u, 'Introduktion', 'Läs s. 4')"
            ),
            params,
        )
    assert current_revision(engine) == "0011"
    assert upgrade_to_head(engine) == ("0011", head_revision())
    with engine.connect() as conn:
        unit_row = conn.execute(select(synced["planning_unit"])).mappings().one()
        plan_row = conn.execute(select(synced["lesson_plan"])).mappings().one()
    assert (unit_row["title"], unit_row["aims"], unit_row["start_date"]) == (
        "Bråk",
        "Förstå bråk",
        dt.date(2027, 3, 1),
    )
    assert (unit_row["curriculum"], unit_row["status"]) == ("", None)
    assert (plan_row["content"], plan_row["homework"], plan_row["links"]) == (
        "Introduktion",
        "Läs s. 4",
        "",
    )
    assert plan_row["planning_unit_id"] == unit
    engine.dispose()

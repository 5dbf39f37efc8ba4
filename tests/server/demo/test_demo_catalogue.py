"""The demo school's curriculum catalogue: a few subjects through the real
import, marked as demo data, for every teacher of the school. SQLite and,
with KLASSBOK_TEST_POSTGRES_URL, PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, func, select

from server.db import make_engine
from server.migrations import upgrade_to_head
from server.services.access.scope import compute_scope
from server.services.demo.demo_catalogue import DEMO_SOURCE, demo_catalogue_files
from server.services.demo.demo_school import DemoSummary
from server.tables import synced
from tests.server.demo.test_demo_seed import WEDNESDAY, person_id_of, rows, seed


@pytest.fixture(scope="module")
def seeded(database_factory: Callable[[], str]) -> Iterator[tuple[Engine, DemoSummary]]:
    engine = make_engine(database_factory())
    upgrade_to_head(engine)
    yield engine, seed(engine)
    engine.dispose()


def test_the_demo_catalogue_is_marked_as_demo_data(seeded: tuple[Engine, DemoSummary]) -> None:
    engine, summary = seeded
    assert all("demo" in path.name for path in demo_catalogue_files())
    subjects = rows(engine, "curriculum_subject")
    assert sorted(s.name for s in subjects) == ["Biologi", "Engelska", "Matematik", "Svenska"]
    assert {s.source for s in subjects} == {DEMO_SOURCE}
    assert {s.retrieved_at.date() for s in subjects} == {WEDNESDAY}
    items = rows(engine, "curriculum_item")
    assert all("demodata, inte kursplanens text" in item.text for item in items)
    assert not any("\u00ad" in item.text for item in items)
    assert summary.counts["curriculum_subject"] == 4
    assert summary.counts["curriculum_item"] == len(items)
    # Svenska's E criteria for year 6 have fewer paragraphs: the one-row rule shows.
    svenska_e6 = [
        i for i in items if (i.subject_code, i.year, i.grade_step) == ("GRGRSVE01", "6", "E")
    ]
    assert len(svenska_e6) == 2


def test_every_demo_teacher_receives_the_catalogue(seeded: tuple[Engine, DemoSummary]) -> None:
    engine, summary = seeded
    with engine.connect() as conn:
        for username in ("demo", "eva"):
            scope = compute_scope(
                conn, role="teacher", person_id=person_id_of(engine, username), today=summary.today
            )
            condition = scope.where("curriculum_item")
            assert condition is not None
            table = synced["curriculum_item"]
            seen = conn.execute(select(func.count()).select_from(table).where(condition))
            assert seen.scalar_one() == summary.counts["curriculum_item"]
        nobody = compute_scope(conn, role="admin", person_id=None, today=summary.today)
        assert nobody.where("curriculum_subject") is None

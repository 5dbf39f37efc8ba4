"""Fixtures of the SS 12000 import tests: a fresh migrated database per test
(on each backend of the run) and a started test double holding the school."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from server.db import make_engine
from server.migrations import upgrade_to_head
from tests.server.ss12000_import.school import fill
from tests.support.ss12000_double import Ss12000Double


@pytest.fixture
def engine(database_factory: Callable[[], str]) -> Iterator[Engine]:
    engine = make_engine(database_factory())
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def double() -> Iterator[Ss12000Double]:
    started = Ss12000Double().start()
    fill(started)
    yield started
    started.stop()

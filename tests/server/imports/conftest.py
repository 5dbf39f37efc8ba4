"""Fixtures of the CSV import tests: a fresh migrated database per test (on
each backend of the run) and a copy of the sample school to edit."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from server.db import make_engine
from server.migrations import upgrade_to_head
from tests.server.imports.csv_support import SAMPLE


@pytest.fixture
def engine(database_factory: Callable[[], str]) -> Iterator[Engine]:
    engine = make_engine(database_factory())
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def school_files(tmp_path: Path) -> Path:
    """A copy of the sample school the test may edit."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "school"))

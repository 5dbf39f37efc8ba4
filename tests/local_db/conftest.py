"""Fixtures of the cache tests: keys and caches on disk and in memory."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from local_db.cache import Cache, open_cache


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "profiles" / "abc" / "cache.db"


@pytest.fixture
def cache(cache_path: Path, key: bytes) -> Iterator[Cache]:
    opened = open_cache(cache_path, key)
    yield opened
    opened.close()


@pytest.fixture
def memory_cache(key: bytes) -> Iterator[Cache]:
    opened = open_cache(None, key)
    yield opened
    opened.close()

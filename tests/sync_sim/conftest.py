"""Fixtures of the sync simulation: fresh servers on the small school (per
backend: SQLite, and PostgreSQL when KLASSBOK_TEST_POSTGRES_URL is set)."""

from tests.support.server_fixtures import server_factory

__all__ = ["server_factory"]

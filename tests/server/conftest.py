"""Server tests run against the real server process (tests/support/server_fixtures.py)."""

from tests.support.server_fixtures import school_server, school_servers, server_factory

__all__ = ["school_server", "school_servers", "server_factory"]

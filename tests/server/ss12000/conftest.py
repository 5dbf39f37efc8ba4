"""The published SS 12000 API's tests run against the real server process."""

from tests.support.server_fixtures import school_server, school_servers, server_factory

__all__ = ["school_server", "school_servers", "server_factory"]

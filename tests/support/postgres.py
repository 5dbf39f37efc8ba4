"""A PostgreSQL database of its own for each test run.

KLASSBOK_TEST_POSTGRES_URL names the server (CI: postgresql://postgres@127.0.0.1:5432/test).
When it is set and the server cannot be reached, the run fails: CI must never
pass by skipping PostgreSQL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

ENV_VAR = "KLASSBOK_TEST_POSTGRES_URL"


def admin_url() -> str | None:
    return os.environ.get(ENV_VAR) or None


@contextmanager
def temporary_database(prefix: str = "klassbok_test") -> Iterator[str]:
    """Create a fresh database, yield its SQLAlchemy URL, drop it afterwards."""
    base = admin_url()
    if base is None:
        raise RuntimeError(f"{ENV_VAR} is not set")
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise RuntimeError(
            f"PostgreSQL at {base} is unreachable ({exc}); start it or unset {ENV_VAR}"
        ) from exc
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    info = psycopg.conninfo.conninfo_to_dict(base)
    info["dbname"] = name
    user = info.get("user", "postgres")
    host = info.get("host", "127.0.0.1")
    port = info.get("port", 5432)
    url = f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    try:
        yield url
    finally:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

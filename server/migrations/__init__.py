"""The server database's migrations (Alembic), run in-process.

`upgrade_to_head` is what `klassbok-server init-db` does; the revision
scripts live in versions/ and ship with the package.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, insert, select

from server.db import new_generation, write_transaction
from server.tables import sync_counter

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("the server migrations have no head revision")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> tuple[str | None, str]:
    """Create or migrate the database; returns (revision before, revision after)."""
    before = current_revision(engine)
    config = alembic_config()
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    _ensure_counter(engine)
    return before, head_revision()


def _ensure_counter(engine: Engine) -> None:
    # The one counter row every writing transaction increments
    # (server.db.allocate_seq). Made here, not in a revision, so a database
    # restored without it is repaired by running init-db again.
    with write_transaction(engine) as conn:
        exists = conn.execute(select(sync_counter.c.id).where(sync_counter.c.id == 1)).first()
        if exists is None:
            conn.execute(insert(sync_counter).values(id=1, value=0))
        generation = conn.execute(
            select(sync_counter.c.generation).where(sync_counter.c.id == 1)
        ).scalar()
        if generation is None:
            new_generation(conn)

"""In-process Alembic migrations of the cache.

Revisions live in versions/ and ship inside the package. A later feature adds
tables by adding a revision whose down_revision is the current head (see
docs/cache.md); nothing here changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

SCRIPT_LOCATION = Path(__file__).resolve().parent

#: The newest revision in versions/. A constant so that opening an
#: up-to-date cache (every start but the first after an update) never imports
#: Alembic, which costs a quarter of a second of start-up; a test keeps it
#: equal to what Alembic finds. Update it with every new revision.
HEAD_REVISION = "0010"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    return HEAD_REVISION


def alembic_head_revision() -> str:
    """The head as Alembic reads it from versions/ (slow: imports Alembic)."""
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("no cache migrations found")
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in script_directory().walk_revisions())


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the file; None for a file never migrated."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, revision: str = "head") -> None:
    """Upgrade inside the caller's transaction (the caller commits)."""
    from alembic import command

    command.upgrade(_config(conn), revision)

"""`klassbok-server init-db` (alias `migrate`): create or migrate the database."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from server.config import ensure_sqlite_folder, resolve_database_url


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "init-db",
        aliases=["migrate"],
        help="create the database, or migrate it to this version's schema",
        description="Create the server database, or bring an existing one up to the "
        "schema of this version. Safe to run again: it does nothing when already current.",
    )
    parser.set_defaults(func=run_init_db)


def shown_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def run_init_db(args: argparse.Namespace) -> int:
    from server.db import make_engine
    from server.migrations import upgrade_to_head

    url = resolve_database_url(args.database_url)
    ensure_sqlite_folder(url)
    engine = make_engine(url)
    try:
        before, after = upgrade_to_head(engine)
    except OperationalError as exc:
        print(
            f"Could not open the database at {shown_url(url)}: {exc.orig}. "
            "Check that the database server is running and the URL is right.",
            file=sys.stderr,
        )
        return 1
    finally:
        engine.dispose()
    if before == after:
        print(f"Database at {shown_url(url)} is up to date (revision {after}).")
    elif before is None:
        print(f"Created the database at {shown_url(url)} (revision {after}).")
    else:
        print(f"Migrated the database at {shown_url(url)} from revision {before} to {after}.")
    return 0

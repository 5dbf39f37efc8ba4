"""`klassbok-server`: the server's command line.

Each command lives in its own module under server.cli_commands and adds
itself to the parser through `register(subparsers)`; its handler takes the
parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from server.cli_commands import COMMAND_MODULES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="klassbok-server",
        description="The Klassbok central server: database, accounts, imports and the API.",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL of the database (default: $KLASSBOK_DATABASE_URL, else a "
        "SQLite file in the user data folder). PostgreSQL: postgresql://user@host/db",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"server.cli_commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())

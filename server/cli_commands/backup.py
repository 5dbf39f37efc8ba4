"""`klassbok-server backup FILE` and `klassbok-server restore FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from server.config import resolve_database_url


def register(subparsers: Any) -> None:
    backup: argparse.ArgumentParser = subparsers.add_parser(
        "backup",
        help="write a consistent backup of the database to a file (while the server runs)",
        description="SQLite: the online backup API. PostgreSQL: pg_dump (custom format); "
        "needs the PostgreSQL client tools. See docs/deployment.md.",
    )
    backup.add_argument("file", type=Path, help="the backup file to write")
    backup.set_defaults(func=run_backup)
    restore: argparse.ArgumentParser = subparsers.add_parser(
        "restore",
        help="replace the database's contents with a backup (stop the server first)",
        description="Takes the school back to the backup's moment. The apps then download "
        "everything again; edits still waiting in an app are sent as usual.",
    )
    restore.add_argument("file", type=Path, help="a file written by `backup`")
    restore.add_argument(
        "--yes", action="store_true", help="do not ask; replace the database's contents"
    )
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from server.cli_commands.database import shown_url
    from server.services.operations.backup import BackupError, backup

    url = resolve_database_url(args.database_url)
    try:
        result = backup(url, args.file)
    except BackupError as exc:
        print(f"klassbok-server: backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"Backed up {shown_url(url)} to {result.path} ({result.size_bytes:,} bytes).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from server.cli_commands.database import shown_url
    from server.services.operations.backup import BackupError, restore

    url = resolve_database_url(args.database_url)
    if not args.yes:
        answer = input(f"Replace everything in {shown_url(url)} with {args.file}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            print("Nothing was changed.")
            return 1
    try:
        restore(url, args.file)
    except BackupError as exc:
        print(f"klassbok-server: restore failed, nothing was changed: {exc}", file=sys.stderr)
        return 1
    print(
        f"Restored {shown_url(url)} from {args.file}. Run `klassbok-server init-db` if this "
        "version is newer than the backup's, then start the server; the apps download "
        "everything again at their next sync."
    )
    return 0

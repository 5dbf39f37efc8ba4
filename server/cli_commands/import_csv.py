"""`klassbok-server import-csv DIRECTORY`: import a school's roster and timetable.

The files and their columns are described in docs/csv_import.md. Problems
are printed all at once, each with file and line, and then nothing has been
imported; fix the files and run the command again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from server.config import resolve_database_url

#: How the import summaries name each kind (the SS 12000 import's too).
KIND_TITLES = {
    "school": "schools",
    "person": "persons",
    "group": "groups",
    "group_membership": "memberships",
    "guardian_relation": "guardian links",
    "activity": "activities",
    "activity_group": "activity groups",
    "activity_teacher": "activity teachers",
    "lesson": "lessons",
}


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import-csv",
        help="import schools, persons, groups, activities and lessons from CSV files",
        description="Import a school's roster and timetable from a directory of CSV files "
        "(see docs/csv_import.md). Re-importing updates what changed. Nothing is imported "
        "when any row has a problem; all problems are listed with file and line.",
    )
    parser.add_argument("directory", type=Path, help="the directory with the CSV files")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check the files and show what would change, without writing anything",
    )
    parser.add_argument(
        "--sync-deletes",
        action="store_true",
        help="treat each file as complete: imported rows missing from it are removed "
        "(lessons whose roll call was taken are kept)",
    )
    parser.set_defaults(func=run)


def shown_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def open_initialised_database(database_url: str | None) -> tuple[Engine | None, str]:
    """An engine for an initialised database, or None and the message to print."""
    from server.db import make_engine

    url = resolve_database_url(database_url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ready = inspect(conn).has_table("sync_counter")
    except OperationalError as exc:
        engine.dispose()
        return None, (
            f"could not open the database at {shown_url(url)}: {exc.orig}. "
            "Check that the database server is running and the URL is right."
        )
    if not ready:
        engine.dispose()
        return None, (
            f"the database at {shown_url(url)} has no Klassbok tables; "
            "run `klassbok-server init-db` first"
        )
    return engine, ""


def _print_counts(counts: dict[str, Any], *, dry_run: bool) -> None:
    header = ("", "new", "changed", "unchanged", "removed")
    print(f"  {header[0]:<18}{header[1]:>8}{header[2]:>9}{header[3]:>11}{header[4]:>9}")
    for kind, title in KIND_TITLES.items():
        found = counts[kind]
        if found.created + found.updated + found.unchanged + found.deleted + found.kept == 0:
            continue
        kept = f"  ({found.kept} kept: roll call taken)" if found.kept else ""
        print(
            f"  {title:<18}{found.created:>8}{found.updated:>9}{found.unchanged:>11}"
            f"{found.deleted:>9}{kept}"
        )
    if dry_run:
        print("Dry run: the files are valid; nothing was written.")


def run(args: argparse.Namespace) -> int:
    from server.db import read_transaction, write_transaction
    from server.services.imports.csv_import import CsvImportRejected, import_csv_directory

    engine, message = open_initialised_database(args.database_url)
    if engine is None:
        print(f"klassbok-server: {message}", file=sys.stderr)
        return 1
    directory: Path = args.directory
    try:
        transaction = read_transaction if args.dry_run else write_transaction
        with transaction(engine) as conn:
            report = import_csv_directory(
                conn, directory, dry_run=args.dry_run, sync_deletes=args.sync_deletes
            )
    except CsvImportRejected as rejected:
        count = len(rejected.problems)
        print(
            f"Nothing was imported: {count} problem{'s' if count != 1 else ''} in {directory}. "
            "Fix them and run the import again.",
            file=sys.stderr,
        )
        for problem in rejected.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    verb = "Checked" if report.dry_run else "Imported"
    print(f"{verb} {directory} ({', '.join(report.files)}):")
    _print_counts(dict(report.counts), dry_run=report.dry_run)
    if report.change_sets:
        first, last = report.change_sets[0], report.change_sets[-1]
        span = f"{first}" if first == last else f"{first}-{last}"
        print(f"Published as change-set {span}.")
    elif not report.dry_run:
        print("Nothing changed.")
    if report.protection_changes:
        print(f"Contact protection switched for {report.protection_changes} person(s).")
    return 0

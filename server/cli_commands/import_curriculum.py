"""`klassbok-server import-curriculum FILE…`: add syllabuses to the curriculum catalogue.

Each file is one subject as Skolverket's Syllabus API answers
`/v1/subjects/{code}` (docs/curriculum.md). Every file is checked first;
when any has a problem, every problem is printed and nothing is imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from server.cli_commands.import_csv import open_initialised_database


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import-curriculum",
        help="import syllabuses (Skolverket's Syllabus API format) into the catalogue",
        description="Import national syllabuses into the curriculum catalogue from files "
        "saved from Skolverket's Syllabus API (GET /v1/subjects/{code}), one subject per "
        "file (see docs/curriculum.md). A new version is added beside the old ones; the "
        "same version again changes nothing. Nothing is imported when any file has a "
        "problem; all problems are listed with the file's name.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="JSON files")
    parser.add_argument(
        "--retrieved",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the files were fetched from Skolverket (default: today)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from server.db import write_transaction
    from server.services.curriculum.catalogue_import import (
        NEW,
        CatalogueImportRejected,
        import_catalogue_files,
    )

    engine, message = open_initialised_database(args.database_url)
    if engine is None:
        print(f"klassbok-server: {message}", file=sys.stderr)
        return 1
    retrieved = (
        None
        if args.retrieved is None
        else dt.datetime.combine(args.retrieved, dt.time(12), tzinfo=dt.UTC)
    )
    try:
        with write_transaction(engine) as conn:
            report = import_catalogue_files(conn, args.files, retrieved_at=retrieved)
    except CatalogueImportRejected as rejected:
        count = len(rejected.problems)
        print(
            f"Nothing was imported: {count} problem{'s' if count != 1 else ''}. "
            "Fix the files and run the import again.",
            file=sys.stderr,
        )
        for problem in rejected.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    for subject in report.subjects:
        state = "imported" if subject.state == NEW else "already in the catalogue, unchanged"
        print(
            f"{subject.origin}: {subject.code} {subject.name} version {subject.version}: "
            f"{state} ({subject.items} items)"
        )
        for note in subject.skipped:
            print(f"  left out: {note}")
    if report.change_sets:
        first, last = report.change_sets[0], report.change_sets[-1]
        span = f"{first}" if first == last else f"{first}-{last}"
        print(f"Published as change-set {span}.")
    else:
        print("Nothing changed.")
    return 0

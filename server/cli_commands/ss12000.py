"""`klassbok-server ss12000-sync` and `ss12000-import DIR` (docs/ss12000.md).

ss12000-sync reads a student information system's SS 12000 API: the first
run (or --full) everything, later runs what changed since the last
successful run began, and what was deleted. With --every it runs on a
schedule until stopped. The bearer token comes from --token-file or the
environment variable KLASSBOK_SS12000_TOKEN, never from the command line
(where every user of the machine can read it in the process list).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

from server.cli_commands.import_csv import KIND_TITLES, open_initialised_database

TOKEN_VARIABLE = "KLASSBOK_SS12000_TOKEN"  # noqa: S105 (the variable's name, not a token)


def register(subparsers: Any) -> None:
    sync: argparse.ArgumentParser = subparsers.add_parser(
        "ss12000-sync",
        # No abbreviations: `--token SECRET` must be refused, not taken as
        # --token-file (the secret would be in the process list).
        allow_abbrev=False,
        help="import schools, persons, groups, activities and lessons from an SS 12000 API",
        description="Import from a student information system's SS 12000 2.1.0 API. The first "
        "run reads everything, later runs what changed since the last successful run. A run "
        "that fails changes nothing; run it again.",
    )
    sync.add_argument("--url", required=True, help="the API's base URL, e.g. https://sis/v2")
    sync.add_argument(
        "--token-file",
        type=Path,
        help=f"a file holding the bearer token (else the environment's {TOKEN_VARIABLE})",
    )
    sync.add_argument(
        "--full", action="store_true", help="read everything; imported rows not listed are removed"
    )
    sync.add_argument(
        "--every", type=float, metavar="MINUTES", help="run again every MINUTES until stopped"
    )
    sync.add_argument(
        "--max-runs", type=int, default=0, help="with --every: stop after this many runs"
    )
    sync.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    sync.set_defaults(func=run_sync)
    folder: argparse.ArgumentParser = subparsers.add_parser(
        "ss12000-import",
        help="import a folder of SS 12000 JSON files (persons.json, groups.json, ...)",
        description="Import a folder of JSON files in the SS 12000 API's list response shape. "
        "Each file is the complete list of its objects.",
    )
    folder.add_argument("directory", type=Path, help="the folder with the JSON files")
    folder.set_defaults(func=run_folder)


def _read_token(args: argparse.Namespace) -> str | None:
    if args.token_file is not None:
        try:
            token = args.token_file.read_text("utf-8").strip()
        except OSError as exc:
            print(f"klassbok-server: cannot read the token file: {exc.strerror}", file=sys.stderr)
            return None
        if not token:
            print(f"klassbok-server: the token file {args.token_file} is empty", file=sys.stderr)
            return None
        return token
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        print(
            f"klassbok-server: give the bearer token in a file (--token-file) "
            f"or the environment variable {TOKEN_VARIABLE}",
            file=sys.stderr,
        )
        return None
    return token


def _print_report(report: Any) -> None:
    since = f" since {report.modified_after:%Y-%m-%d %H:%M:%S} UTC" if report.modified_after else ""
    read = ", ".join(f"{count} {name}" for name, count in report.fetched.items() if count)
    print(f"SS 12000 {report.mode} run{since}: read {read or 'nothing new'}.")
    if report.deleted:
        shown = ", ".join(f"{count} {name}" for name, count in report.deleted.items())
        print(f"Deleted at the source: {shown}.")
    for note in report.notes:
        print(f"Note: {note}.")
    print(f"  {'':<18}{'new':>8}{'changed':>9}{'unchanged':>11}{'removed':>9}")
    for kind, title in KIND_TITLES.items():
        found = report.counts[kind]
        if found.created + found.updated + found.unchanged + found.deleted + found.kept == 0:
            continue
        kept = f"  ({found.kept} kept: roll call taken)" if found.kept else ""
        print(
            f"  {title:<18}{found.created:>8}{found.updated:>9}{found.unchanged:>11}"
            f"{found.deleted:>9}{kept}"
        )
    if report.change_sets:
        first, last = report.change_sets[0], report.change_sets[-1]
        print(f"Published as change-set {first if first == last else f'{first}-{last}'}.")
    else:
        print("Nothing changed.")
    if report.protection_changes:
        print(f"Contact protection switched for {report.protection_changes} person(s).")


def run_sync(args: argparse.Namespace) -> int:
    from server.services.ss12000_import.errors import Ss12000Error
    from server.services.ss12000_import.run import sync_from_api

    token = _read_token(args)
    if token is None:
        return 1
    engine, message = open_initialised_database(args.database_url)
    if engine is None:
        print(f"klassbok-server: {message}", file=sys.stderr)
        return 1
    runs = 0
    failed = False
    try:
        while True:
            runs += 1
            try:
                report = sync_from_api(
                    engine, args.url, token, full=args.full and runs == 1, timeout=args.timeout
                )
                _print_report(report)
                failed = False
            except Ss12000Error as exc:
                failed = True
                print(f"Nothing was imported: {exc}", file=sys.stderr)
            sys.stdout.flush()
            if args.every is None or (args.max_runs and runs >= args.max_runs):
                break
            # A failed run is retried at the next tick: it changed nothing.
            next_run = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=args.every)
            print(f"Next run at {next_run:%H:%M:%S} UTC.", flush=True)
            time.sleep(args.every * 60)
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        engine.dispose()
    return 1 if failed else 0


def run_folder(args: argparse.Namespace) -> int:
    from server.services.ss12000_import.errors import Ss12000Error
    from server.services.ss12000_import.run import import_folder

    engine, message = open_initialised_database(args.database_url)
    if engine is None:
        print(f"klassbok-server: {message}", file=sys.stderr)
        return 1
    try:
        report = import_folder(engine, args.directory)
    except Ss12000Error as exc:
        print(f"Nothing was imported from {args.directory}: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    _print_report(report)
    return 0

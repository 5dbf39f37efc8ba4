"""`klassbok-server seed-demo`: fill an empty database with the demo school.

Run `klassbok-server init-db` first. Prints the accounts to log in with, or
with --json a machine-readable summary (the demo launcher reads it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from server.cli_commands.import_csv import open_initialised_database

if TYPE_CHECKING:
    from server.services.demo.demo_school import DemoSummary

#: Printed in the help and the summary: the demo is for showing, not for real data.
DEFAULT_PASSWORD = "demo"  # noqa: S105


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, not {text!r}") from None


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "seed-demo",
        help="fill an empty database with the demo school Björkskolan",
        description="Write the demo school (about 500 pupils, their guardians, 21 teachers, "
        "a term's timetable and some attendance history) and four accounts. The same seed "
        "and date give the same school. Refuses a database that already has it.",
    )
    parser.add_argument("--seed", type=int, default=1, help="varies names and timetable")
    parser.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the demo's today: it always has lessons, even on a weekend (default: today)",
    )
    parser.add_argument(
        "--password",
        default=DEFAULT_PASSWORD,
        help=f"password of every demo account (default: {DEFAULT_PASSWORD!r}; demo use only)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(func=run)


def _summary_json(summary: DemoSummary, seconds: float) -> str:
    return json.dumps(
        {
            "school_id": str(summary.school_id),
            "school_name": summary.school_name,
            "municipality": summary.municipality,
            "today": summary.today.isoformat(),
            "term": summary.term,
            "first_day": summary.first_day.isoformat(),
            "last_day": summary.last_day.isoformat(),
            "pupils": summary.pupils,
            "guardians": summary.guardians,
            "teachers": summary.teachers,
            "demo_lessons_today": summary.demo_lessons_today,
            "counts": dict(summary.counts),
            "events": list(summary.events),
            "seconds": round(seconds, 2),
            "accounts": [
                {
                    "username": account.username,
                    "role": account.role,
                    "display_name": account.display_name,
                    "person_id": str(account.person_id) if account.person_id else None,
                    "shows": account.shows,
                }
                for account in summary.accounts
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _print_table(summary: DemoSummary, password: str, seconds: float) -> None:
    print(
        f"Seeded {summary.school_name} ({summary.municipality}) in {seconds:.1f} s: "
        f"{summary.pupils} pupils, {summary.guardians} guardians, {summary.teachers} teachers, "
        f"{summary.counts.get('lesson', 0)} lessons in {summary.term} "
        f"({summary.first_day} to {summary.last_day})."
    )
    print(f"Today ({summary.today}) the demo teacher has {summary.demo_lessons_today} lessons.")
    print()
    rows = [("username", "role", "name", "shows")]
    rows += [(a.username, a.role, a.display_name, a.shows) for a in summary.accounts]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]
        )
    print()
    shown = "the password given with --password" if password != DEFAULT_PASSWORD else "'demo'"
    print(f"Every account's password is {shown}.")


def run(args: argparse.Namespace) -> int:
    from server.db import write_transaction
    from server.services.demo.demo_school import DemoSchoolExists, seed_demo_school

    if not args.password:
        print("klassbok-server: the password may not be empty", file=sys.stderr)
        return 1
    engine, message = open_initialised_database(args.database_url)
    if engine is None:
        print(f"klassbok-server: {message}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        with write_transaction(engine) as conn:
            summary = seed_demo_school(
                conn, seed=args.seed, today=args.today or dt.date.today(), password=args.password
            )
    except DemoSchoolExists as exc:
        print(f"klassbok-server: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    if args.json:
        print(_summary_json(summary, seconds))
    else:
        _print_table(summary, args.password, seconds)
    return 0

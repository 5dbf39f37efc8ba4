"""`lock-term` and `unlock-term`: the date a term's grades lock, and an administrator's unlock.

A school sets the date per term (`lock-term --term HT2026 --date 2027-01-20`);
from that day a push that changes a term grade of the term is refused with a
reason that says so. `unlock-term` lets the teachers change them again (a
correction after the lock); `lock-term` locks the term again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import uuid
from typing import Any

from sync_protocol.terms import parse_term


def register(subparsers: Any) -> None:
    lock = subparsers.add_parser(
        "lock-term",
        help="lock a term's term grades from a date",
        description="From --date on, the school's term grades of --term change only after "
        "an administrator unlocks the term. Run again to move the date or lock again.",
    )
    _school_and_term(lock)
    lock.add_argument(
        "--date", type=dt.date.fromisoformat, required=True, help="YYYY-MM-DD (Swedish date)"
    )
    lock.set_defaults(func=run_lock_term)

    unlock = subparsers.add_parser(
        "unlock-term",
        help="let teachers change a locked term's grades again",
        description="Unlock a term's term grades until `lock-term` locks them again. Every "
        "change stays in the term grades' history.",
    )
    _school_and_term(unlock)
    unlock.add_argument("--by", default="", help="who unlocked it, kept with the lock")
    unlock.set_defaults(func=run_unlock_term)


def _school_and_term(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--school-id", type=uuid.UUID, help="the school's Klassbok id")
    which.add_argument("--school-external-id", help="the school's id in its own system")
    parser.add_argument("--term", required=True, help="the term: HT2026, VT2027")


def _fail(message: str, status: int = 1) -> int:
    print(f"klassbok-server: {message}", file=sys.stderr)
    return status


def _prepare(args: argparse.Namespace) -> tuple[Any, uuid.UUID | None, int | None]:
    """(engine, school id, None), or an exit status once the problem is printed."""
    from sqlalchemy import select

    from server.cli_commands.import_csv import open_initialised_database
    from server.tables import synced

    try:
        parse_term(args.term)
    except ValueError:
        return (
            None,
            None,
            _fail(f"--term must be a term like HT2026 or VT2027, not {args.term!r}", 2),
        )
    engine, problem = open_initialised_database(args.database_url)
    if engine is None:
        return None, None, _fail(problem)
    school = synced["school"]
    if args.school_id is not None:
        query = select(school.c.id).where(school.c.id == args.school_id)
    else:
        query = select(school.c.id).where(school.c.external_id == args.school_external_id)
    with engine.connect() as conn:
        found = conn.execute(query.where(school.c.deleted.is_(False))).scalar_one_or_none()
    if found is None:
        engine.dispose()
        return None, None, _fail("no such school")
    return engine, found, None


def run_lock_term(args: argparse.Namespace) -> int:
    from sqlalchemy import delete, insert

    from server.db import write_transaction
    from server.tables import term_lock

    engine, school_id, status = _prepare(args)
    if status is not None:
        return status
    try:
        with write_transaction(engine) as conn:
            conn.execute(
                delete(term_lock).where(
                    term_lock.c.school_id == school_id, term_lock.c.term == args.term
                )
            )
            conn.execute(
                insert(term_lock).values(school_id=school_id, term=args.term, locks_on=args.date)
            )
    finally:
        engine.dispose()
    print(f"The term grades of {args.term} lock on {args.date}.")
    return 0


def run_unlock_term(args: argparse.Namespace) -> int:
    from sqlalchemy import update

    from server.db import write_transaction
    from server.tables import term_lock

    engine, school_id, status = _prepare(args)
    if status is not None:
        return status
    try:
        with write_transaction(engine) as conn:
            changed = conn.execute(
                update(term_lock)
                .where(term_lock.c.school_id == school_id, term_lock.c.term == args.term)
                .values(unlocked_at=dt.datetime.now(dt.UTC), unlocked_by=args.by[:100] or None)
            ).rowcount
    finally:
        engine.dispose()
    if not changed:
        return _fail(f"{args.term} has no lock date at this school; nothing to unlock")
    print(f"The term grades of {args.term} may be changed again, until `lock-term` locks them.")
    return 0

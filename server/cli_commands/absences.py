"""`report-absence`, `list-notices` and `send-notices`: absence reports and guardian notices.

report-absence records a guardian's report (or granted leave) the school
office took by phone, and the demo uses it; list-notices is the
administrator's view of the same-day notices; send-notices runs the sender
once, for cron-style use or when the server's own sender is not running.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import uuid
from typing import Any

from server.config import SettingsError, load_notice_settings
from server.services.roster.school_time import SCHOOL_TIME_ZONE
from sync_protocol.entities import ABSENCE_TYPES, NOTICE_STATES


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "report-absence",
        help="record a guardian's absence report or granted leave",
        description="Record an absence report (anmäld frånvaro) or granted leave (beviljad "
        "ledighet) for a pupil. It reaches the teachers' roll call as valid absence for "
        "every lesson it overlaps. Times without a time zone are Swedish time.",
    )
    who = report.add_mutually_exclusive_group(required=True)
    who.add_argument("--pupil-id", type=uuid.UUID, help="the pupil's Klassbok id")
    who.add_argument("--pupil-external-id", help="the pupil's id in the school's own system")
    report.add_argument("--type", choices=ABSENCE_TYPES, default="reported_absence")
    when = report.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=dt.date.fromisoformat, help="a day: YYYY-MM-DD")
    when.add_argument("--start", type=dt.datetime.fromisoformat, help="ISO date and time")
    report.add_argument("--end", type=dt.datetime.fromisoformat, help="ISO date and time")
    report.add_argument(
        "--part-of-day",
        metavar="HH:MM-HH:MM",
        help="with --date: only this part of the day, e.g. 08:00-11:30",
    )
    report.add_argument("--reported-by", help="who reported it, e.g. the guardian's name")
    report.set_defaults(func=run_report_absence)

    notices = subparsers.add_parser(
        "list-notices",
        help="show the same-day absence notices to guardians and how they went",
        description="The notices to guardians about invalid absence: pupil, day, state, "
        "attempts, last error and when they were sent.",
    )
    notices.add_argument("--date", type=dt.date.fromisoformat, help="only this day: YYYY-MM-DD")
    notices.add_argument("--state", choices=NOTICE_STATES, help="only notices in this state")
    notices.add_argument(
        "--deliveries", action="store_true", help="also one line per guardian e-mail"
    )
    notices.add_argument(
        "--show-addresses",
        action="store_true",
        help="with --deliveries: print guardians' e-mail addresses (never those of a "
        "family with protected identity)",
    )
    notices.set_defaults(func=run_list_notices)

    send = subparsers.add_parser(
        "send-notices",
        help="send the absence notices that are due, once",
        description="Send every absence notice due now through KLASSBOK_SMTP_HOST, then "
        "stop. The server sends them by itself while it runs; this is for cron-style use.",
    )
    send.set_defaults(func=run_send_notices)


def _fail(message: str, status: int = 1) -> int:
    print(f"klassbok-server: {message}", file=sys.stderr)
    return status


def _open(args: argparse.Namespace) -> tuple[Any, int | None]:
    from server.cli_commands.import_csv import open_initialised_database

    engine, problem = open_initialised_database(args.database_url)
    if engine is None:
        return None, _fail(problem)
    return engine, None


def _local(value: dt.datetime) -> dt.datetime:
    # A time without zone typed at a Swedish school means Swedish time.
    return value.replace(tzinfo=SCHOOL_TIME_ZONE) if value.tzinfo is None else value


def _interval(args: argparse.Namespace) -> tuple[dt.datetime, dt.datetime] | str:
    """[start, end) from the options, or the message saying what is missing."""
    if args.date is not None:
        if args.end is not None:
            return "--end goes with --start, not --date"
        start_time, end_time = dt.time(0), dt.time(0)
        next_day = args.date + dt.timedelta(days=1)
        if args.part_of_day:
            try:
                first, _, last = args.part_of_day.partition("-")
                start_time, end_time = dt.time.fromisoformat(first), dt.time.fromisoformat(last)
            except ValueError:
                return f"--part-of-day must be like 08:00-11:30, not {args.part_of_day!r}"
            next_day = args.date
        start = dt.datetime.combine(args.date, start_time, tzinfo=SCHOOL_TIME_ZONE)
        return start, dt.datetime.combine(next_day, end_time, tzinfo=SCHOOL_TIME_ZONE)
    if args.end is None:
        return "--start needs --end"
    if args.part_of_day:
        return "--part-of-day goes with --date"
    return _local(args.start), _local(args.end)


def _swedish_time(value: dt.datetime) -> str:
    return value.astimezone(SCHOOL_TIME_ZONE).strftime("%Y-%m-%d %H:%M")


def run_report_absence(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from server.db import write_transaction
    from server.services.attendance import absence_reports
    from server.tables import synced

    interval = _interval(args)
    if isinstance(interval, str):
        return _fail(interval, 2)
    now = dt.datetime.now(dt.UTC)
    person = synced["person"]
    membership = synced["group_membership"]
    engine, status = _open(args)
    if engine is None:
        return status or 1
    try:
        with write_transaction(engine) as conn:
            found = conn.execute(
                select(person.c.id, person.c.given_name, person.c.family_name).where(
                    person.c.id == args.pupil_id
                    if args.pupil_id is not None
                    else person.c.external_id == args.pupil_external_id,
                    person.c.deleted.is_(False),
                    select(membership.c.id).where(membership.c.person_id == person.c.id).exists(),
                )
            ).first()
            if found is None:
                return _fail("there is no pupil with that id")
            values = absence_reports.check_report(
                absence_reports.ReportValues(
                    pupil_id=found.id,
                    absence_type=args.type,
                    start_time=interval[0],
                    end_time=interval[1],
                    reported_by_name=args.reported_by,
                ),
                now=now,
            )
            report, changes = absence_reports.record_report(
                conn, values, report_id=uuid.uuid4(), account_id=None, now=now
            )
    except absence_reports.InvalidReport as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    kind = "granted leave" if report.absence_type == "granted_leave" else "reported absence"
    print(
        f"Recorded {kind} for {found.given_name} {found.family_name}: "
        f"{_swedish_time(report.start_time)} to {_swedish_time(report.end_time)} "
        f"(report {report.id})."
    )
    if changes.cancelled:
        print(f"Cancelled {len(changes.cancelled)} notice(s) to guardians not yet sent.")
    return 0


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        return _swedish_time(value)
    return str(value)


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]
    lines = []
    for row in (headers, tuple("-" * w for w in widths), *rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


def run_list_notices(args: argparse.Namespace) -> int:
    from server.db import read_transaction
    from server.services.notices.notice_admin import list_notices

    engine, status = _open(args)
    if engine is None:
        return status or 1
    try:
        with read_transaction(engine) as conn:
            lines = list_notices(conn, day=args.date, state=args.state)
    finally:
        engine.dispose()
    if not lines:
        print("No absence notices" + (f" on {args.date}" if args.date else "") + ".")
        return 0
    headers = ("Date", "Pupil", "State", "Attempts", "Sent at", "Last error")
    rows: list[tuple[str, ...]] = []
    for notice in lines:
        rows.append(
            (
                notice.notice_date.isoformat(),
                notice.pupil_name,
                notice.state,
                str(notice.attempts),
                _cell(notice.sent_at),
                _cell(notice.last_error),
            )
        )
        if args.deliveries:
            for delivery in notice.deliveries:
                shown = delivery.guardian_name
                if args.show_addresses:
                    address = delivery.email or "address withheld: protected identity"
                    shown = f"{shown} <{address}>"
                rows.append(
                    (
                        "",
                        f"  to {shown}",
                        delivery.state,
                        str(delivery.attempts),
                        _cell(delivery.sent_at),
                        _cell(delivery.last_error),
                    )
                )
    print(_table(headers, rows))
    print("Times are Swedish time. Failed notices: tell the guardians another way.")
    return 0


def run_send_notices(args: argparse.Namespace) -> int:
    from server.services.notices.notice_sender import NoticeSender

    try:
        settings = load_notice_settings()
    except SettingsError as exc:
        return _fail(str(exc), 2)
    if not settings.enabled:
        return _fail("set KLASSBOK_SMTP_HOST (and KLASSBOK_SMTP_FROM) to send notices", 2)
    engine, status = _open(args)
    if engine is None:
        return status or 1
    try:
        report = NoticeSender(engine, settings).run_once()
    finally:
        engine.dispose()
    print(f"Absence notices: {report}.")
    return 0

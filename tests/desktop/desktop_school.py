"""The school the desktop tests browse: tests/support's small school on a
real server database, with login accounts made through the server's CLI."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass

from server.db import make_engine
from sync_protocol.terms import term_for
from tests.support.server_process import run_cli
from tests.support.small_school import TEACHERS, SmallSchool, build_small_school


@dataclass(frozen=True)
class DesktopSchool:
    database_url: str
    today: dt.date
    school: SmallSchool
    #: username -> password (made at random for this run).
    passwords: dict[str, str]

    def __getitem__(self, label: str) -> uuid.UUID:
        return self.school[label]


def school_day(today: dt.date | None = None) -> dt.date:
    """A weekday in the current term near today, so Today and the week view
    both have lessons whatever day the tests run."""
    today = today or dt.date.today()
    if today.weekday() < 5:
        return today
    earlier = today - dt.timedelta(days=today.weekday() - 4)  # Friday before
    if term_for(earlier) == term_for(today):
        return earlier
    return today + dt.timedelta(days=7 - today.weekday())  # Monday after


def build_desktop_school(database_url: str) -> DesktopSchool:
    run_cli(database_url, "init-db")
    day = school_day()
    engine = make_engine(database_url)
    try:
        school = build_small_school(engine, today=day)
        # A cancelled lesson, struck through in the timetable.
        school.builder.update("lesson", school["lesson:sv7a:2"], cancelled=True)
    finally:
        engine.dispose()
    passwords = {}
    for username, display_name in TEACHERS.items():
        password = secrets.token_urlsafe(12)
        run_cli(
            database_url,
            "create-user",
            username,
            "--display-name",
            display_name,
            "--role",
            "teacher",
            "--person-id",
            str(school[f"teacher:{username}"]),
            "--password-stdin",
            stdin=password + "\n",
        )
        passwords[username] = password
    return DesktopSchool(database_url, day, school, passwords)

"""Render the attendance screens with the demo school, offscreen, to PNG files.

    .venv/bin/python -m tests.desktop.attendance_screenshots [--lang en|sv] [--out docs/screenshots]

Like screenshot_tool.py: a demo server of its own (temporary database),
the demo teacher logged in with an in-memory keyring, the app's clock at
10:20 on a school day. Before the first sync the tool makes the demo
school show what the attendance screens are for: three earlier lessons
without roll call, and a guardian's report this morning for a pupil of the
lesson at hand. Then it types a roll call half-way (one late, one absent),
and grabs Today, the roll call, the statistics of 7B (a pupil above the
threshold) and that pupil's page with the chart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Connection, and_, insert, or_, select, update

from desktop import local_time
from desktop.app_controller import AppController
from desktop.application import create_application
from desktop.demo_server import DemoServer, demo_teacher
from desktop.error_reporter import ErrorReporter
from desktop.main_window import MainWindow
from local_db.collation import name_sort_key
from local_db.keystore import KeyStore
from server.db import allocate_seq, make_engine, write_transaction
from server.tables import synced, user_account
from tests.desktop.desktop_school import school_day
from tests.desktop.screenshot_tool import (
    SIZE,
    save,
    settle,
    show_page,
    use_dark_system_palette,
    wait_until,
)
from tests.support.keyring_backend import MemoryKeyring

MISSING_ROLL_CALLS = 3


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), local_time.SCHOOL_TZ).astimezone(dt.UTC)


def _teacher_lessons(conn: Connection, teacher: uuid.UUID) -> list[object]:
    lesson, teacher_link = synced["lesson"], synced["activity_teacher"]
    activities = select(teacher_link.c.activity_id).where(
        teacher_link.c.teacher_id == teacher, teacher_link.c.deleted.is_(False)
    )
    return list(
        conn.execute(
            select(lesson)
            .where(
                lesson.c.activity_id.in_(activities),
                lesson.c.deleted.is_(False),
                lesson.c.cancelled.is_(False),
            )
            .order_by(lesson.c.start_time)
        )
    )


def _pupils_of(conn: Connection, activity_id: uuid.UUID, day: dt.date) -> list[object]:
    groups, members, person = (
        synced["activity_group"],
        synced["group_membership"],
        synced["person"],
    )
    rows = conn.execute(
        select(person.c.id, person.c.given_name, person.c.family_name)
        .select_from(
            members.join(person, person.c.id == members.c.person_id).join(
                groups, groups.c.group_id == members.c.group_id
            )
        )
        .where(
            groups.c.activity_id == activity_id,
            members.c.start_date <= day,
            or_(members.c.end_date.is_(None), members.c.end_date >= day),
            members.c.deleted.is_(False),
        )
    ).all()
    return sorted(rows, key=lambda r: name_sort_key(r.family_name, r.given_name))


def prepare_demo(database_url: str, day: dt.date, moment: dt.datetime) -> uuid.UUID:
    """Make the demo show missing roll calls and a report this morning; the
    lesson whose roll call the screenshot takes."""
    engine = make_engine(database_url)
    try:
        with write_transaction(engine) as conn:
            seq = allocate_seq(conn)
            teacher = conn.scalar(
                select(user_account.c.person_id).where(user_account.c.username == "demo")
            )
            assert teacher is not None
            lessons = _teacher_lessons(conn, teacher)
            today_start = _local(day, 0)
            past_days = sorted(
                {
                    local_time.to_local(r.start_time).date()
                    for r in lessons
                    if r.start_time < today_start
                }
            )
            undone = []
            for past in past_days[-MISSING_ROLL_CALLS:]:
                first = next(r for r in lessons if local_time.to_local(r.start_time).date() == past)
                undone.append(first.id)
            for kind in ("lesson_registration", "attendance"):
                table = synced[kind]
                conn.execute(
                    update(table).where(table.c.lesson_id.in_(undone)).values(deleted=True, seq=seq)
                )
            at_hand = next(r for r in lessons if r.end_time > moment)
            pupils = _pupils_of(conn, at_hand.activity_id, day)
            reported = pupils[3]
            reports = synced["absence_report"]
            covered = conn.scalar(
                select(reports.c.id).where(
                    reports.c.pupil_id == reported.id,
                    and_(
                        reports.c.start_time < at_hand.end_time,
                        reports.c.end_time > at_hand.start_time,
                    ),
                )
            )
            if covered is None:
                conn.execute(
                    insert(reports).values(
                        id=uuid.uuid4(),
                        seq=seq,
                        deleted=False,
                        created_at=_local(day, 7, 42),
                        modified_at=_local(day, 7, 42),
                        pupil_id=reported.id,
                        absence_type="reported_absence",
                        start_time=_local(day, 7),
                        end_time=_local(day, 17),
                        reported_by_name=f"Vårdnadshavare till {reported.given_name}",
                        reported_at=_local(day, 7, 42),
                    )
                )
            return at_hand.id
    finally:
        engine.dispose()


def type_roll_call(window: MainWindow, lesson_id: uuid.UUID) -> None:
    """Half a roll call, as a teacher types it: present, present, 7 minutes
    late, absent, present...; pupils with a guardian's report are skipped."""
    page = window.attendance_page
    loaded: list[bool] = []
    page.roll_call.loaded.connect(lambda: loaded.append(True))
    window.open_roll_call(lesson_id)
    wait_until(lambda: bool(loaded))
    view = page.roll_call
    plan = ["Space", "Space", "7S", "F", "Space", "Space", "Space"]
    while plan:
        entry = view.current_entry()
        reported = entry is not None and entry.report is not None
        keys = "Down" if reported else plan.pop(0)
        for key in [keys] if keys in ("Space", "Down") else list(keys):
            QTest.keyClick(view.table, getattr(Qt.Key, f"Key_{key}"))
    runner = window.services.runner
    wait_until(lambda: runner.pending("db") == 0)
    settle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("sv", "en"), default="en")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--dark", action="store_true", help="a dark system palette")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"{args.lang}-dark-" if args.dark else f"{args.lang}-"
    day = school_day(local_time.today())
    moment = _local(day, 10, 20)

    with tempfile.TemporaryDirectory(prefix="klassbok-attendance-shots-") as temp:
        folder = Path(temp)
        server = DemoServer(folder / "server", day)
        accounts = server.prepare()
        lesson_id = prepare_demo(server.database_url, day, moment)
        url = server.start()
        try:
            if args.dark:
                use_dark_system_palette([sys.argv[0]])
            _app = create_application([sys.argv[0]], args.lang)  # kept alive
            keyring.set_keyring(MemoryKeyring())
            reporter = ErrorReporter(folder / "klassbok.log")
            reporter.dialogs_enabled = False
            reporter.message_shown.connect(lambda t, m: print(f"  message: {t}: {m}"))
            controller = AppController(
                folder / "client",
                keystore=KeyStore(),
                reporter=reporter,
                server_url=url,
                demo=True,
                clock=lambda: moment,
            )
            teacher = demo_teacher(accounts)
            controller.log_in(url, teacher.username, teacher.password)
            wait_until(lambda: controller.window is not None)
            wait_until(
                lambda: (
                    controller.sync is not None
                    and controller.sync.state.has_synced_once
                    and not controller.sync.state.syncing
                )
            )
            window = controller.window
            assert window is not None
            window.resize(*SIZE)

            show_page(controller, window.today_page)
            save(window, out, prefix + "today-roll-calls")

            type_roll_call(window, lesson_id)
            save(window, out, prefix + "roll-call")

            page = window.attendance_page
            page.roll_call.back_requested.emit()
            statistics = page.statistics
            loaded: list[bool] = []
            statistics.loaded.connect(lambda: loaded.append(True))
            page.show_statistics()
            wait_until(lambda: bool(loaded))
            group = next(
                i
                for i in range(statistics.group_combo.count())
                if statistics.group_combo.itemText(i) == "7B"
            )
            loaded.clear()
            statistics.select_group(uuid.UUID(statistics.group_combo.itemData(group)))
            wait_until(lambda: bool(loaded))
            statistics.table.sortByColumn(statistics.model.ABSENCE, Qt.SortOrder.DescendingOrder)
            save(window, out, prefix + "attendance-statistics")

            assert statistics.stats is not None
            top = max(statistics.stats.pupils, key=lambda r: r.sums.absence_percent or 0)
            window.resize(SIZE[0], 900)
            pupils = window.pupils_page
            pupils.search_edit.setText(top.pupil.family_name)
            pupils.show_pupil(top.pupil.id)
            show_page(controller, pupils)
            save(window, out, prefix + "pupil-attendance")
            controller.shutdown()
            window.close()
            QApplication.processEvents()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

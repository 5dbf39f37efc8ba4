"""What the sync and Conflicts tests share: a fresh school per test (they
change it), teachers logged in through the real dialog with shortened sync
timings, edits written the way pages write them (on the DB worker), and
looks at the server's database to see what arrived."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from desktop import local_time
from desktop.app_controller import AppController
from desktop.error_reporter import ErrorReporter
from desktop.main_window import MainWindow
from desktop.sync_controller import SyncOptions
from desktop.task_runner import Task
from local_db import clock
from local_db.edits import save_record
from local_db.keystore import KeyStore
from local_db.schema import outbox
from server.db import make_engine
from server.tables import synced as server_tables
from sync_protocol import ids
from tests.desktop.conftest import Reported
from tests.desktop.desktop_school import DesktopSchool, build_desktop_school
from tests.desktop.helpers import TIMEOUT_MS, log_in
from tests.support.server_process import ServerProcess

#: Quick retries, so a test sees several attempts in a second or two.
QUICK_RETRY_S = 0.3


@dataclass
class ServedSchool:
    """A school of its own on a real server process (these tests write to it)."""

    school: DesktopSchool
    server: ServerProcess
    #: The server's database, to see what arrived.
    db: Engine

    def clock(self) -> dt.datetime:
        """The app's clock: mid-morning of the school day the school was built for."""
        return dt.datetime.combine(
            self.school.today, dt.time(10, 30), tzinfo=local_time.SCHOOL_TZ
        ).astimezone(dt.UTC)


@pytest.fixture
def served_school(database_factory: Callable[[], str], tmp_path: Path) -> Iterator[ServedSchool]:
    school = build_desktop_school(database_factory())
    process = ServerProcess(school.database_url, tmp_path / "server.log")
    process.start()
    engine = make_engine(school.database_url)
    yield ServedSchool(school, process, engine)
    process.stop()
    engine.dispose()


class Wall:
    """One wall clock for every cache in the test, moved on by hand, so who
    edited later is the test's decision, not the machine's speed."""

    def __init__(self) -> None:
        self.now = clock._system_wall_ms()

    def __call__(self) -> int:
        return self.now

    def tick(self, seconds: float = 60) -> None:
        self.now += int(seconds * 1000)


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> Wall:
    ticking = Wall()
    monkeypatch.setattr(clock, "wall_ms", ticking)
    return ticking


@dataclass
class Teacher:
    username: str
    controller: AppController
    window: MainWindow

    @property
    def person_id(self) -> uuid.UUID:
        session = self.controller.session
        assert session is not None
        assert session.person_id is not None
        return session.person_id


TeacherFactory = Callable[..., Teacher]


@dataclass
class SyncWorld:
    """A fresh school on a real server, and a way to log its teachers in."""

    school: DesktopSchool
    server: ServerProcess
    #: The server's database, to see what arrived.
    db: Engine
    #: Every message the error reporter showed (dialogs are off in tests).
    reported: Reported
    #: teacher("anna", debounce_ms=400, ...) logs Anna in; options are SyncOptions'.
    teacher: TeacherFactory

    def row(self, kind: str, record_id: uuid.UUID) -> dict[str, Any] | None:
        """A record as the server has it now."""
        table = server_tables[kind]
        with self.db.connect() as conn:
            found = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
        return None if found is None else dict(found)

    def attendance(self, lesson: str, pupil: str) -> tuple[uuid.UUID, dict[str, Any]]:
        """(id, the fields a new mark needs) of a pupil's attendance at a lesson."""
        school = self.school
        values = {
            "lesson_id": school[lesson],
            "pupil_id": school[pupil],
            "activity_id": school[f"activity:{lesson.split(':')[1]}"],
        }
        return ids.attendance_id(school[lesson], school[pupil]), values


@pytest.fixture
def world(
    qtbot: QtBot,
    tmp_path: Path,
    served_school: ServedSchool,
    reporter: tuple[ErrorReporter, Reported],
) -> Iterator[SyncWorld]:
    """Log teachers in (each with a data folder of their own). The debounce
    is long by default, so a test syncs when it says so; retries are quick."""
    school, server = served_school.school, served_school.server
    made: list[AppController] = []

    def make(username: str, **options: Any) -> Teacher:
        options.setdefault("debounce_ms", 60_000)
        options.setdefault("retry_delay", lambda _attempt: QUICK_RETRY_S)
        controller = AppController(
            tmp_path / f"client-{username}",
            keystore=KeyStore(),
            reporter=reporter[0],
            clock=served_school.clock,
            sync_options=SyncOptions(**options),
        )
        made.append(controller)
        window = log_in(qtbot, controller, server.url, username, school.passwords[username])
        return Teacher(username, controller, window)

    yield SyncWorld(school, server, served_school.db, reporter[1], make)
    for controller in made:
        controller.shutdown()
        if controller.window is not None:
            controller.window.close()
            controller.window.deleteLater()


def write(
    qtbot: QtBot,
    who: Teacher,
    kind: str,
    record_id: uuid.UUID,
    changes: dict[str, Any],
) -> None:
    """An edit as a page makes it: save_record in one transaction on the DB
    worker, then the runner's broadcast."""
    controller = who.controller
    session = controller.session
    assert session is not None
    actor = session.person_id
    done: list[bool] = []

    def run(_context: object) -> None:
        with session.cache.begin() as conn:
            save_record(conn, kind, record_id, changes, actor=actor)

    controller.runner.run_db(
        Task(
            run=run,
            on_success=lambda _r: done.append(True),
            changes=frozenset({"test_edit"}),
        )
    )
    qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT_MS)


def outbox_ops(who: Teacher) -> list[dict[str, Any]]:
    """The cache's outbox as it is (read from the test thread while the
    workers are idle)."""
    session = who.controller.session
    assert session is not None
    with session.cache.connect() as conn:
        return [dict(row) for row in conn.execute(select(outbox).order_by(outbox.c.op)).mappings()]


#: Bookkeeping of sending (when first sent, how often, the last error): it
#: changes with every attempt; the edits themselves must not.
SENDING_COLUMNS = ("first_sent_at", "attempts", "last_error")


def unsent_edits(who: Teacher) -> list[dict[str, Any]]:
    """The outbox without the bookkeeping of sending: what the teacher did."""
    return [
        {name: value for name, value in op.items() if name not in SENDING_COLUMNS}
        for op in outbox_ops(who)
    ]


def sync_and_wait(qtbot: QtBot, who: Teacher) -> bool:
    """Press "Sync now" and wait for that sync's end; True when it succeeded."""
    sync = who.controller.sync
    assert sync is not None
    qtbot.waitUntil(lambda: not sync.state.syncing, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        sync.sync_now()
    # The status figures are read again after the sync: let them arrive.
    qtbot.waitUntil(lambda: who.controller.runner.pending("db") == 0, timeout=TIMEOUT_MS)
    return bool(finished.args[0])

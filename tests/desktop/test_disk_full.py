"""A disk that fills up during a roll call: the mark that could not be saved
says so in plain words, the roll call goes on, nothing saved before is lost,
and once there is space again the same key saves it.

The disk is real: a small tmpfs holding the encrypted cache, filled to the
last byte (needs root to mount, as CI has; skipped elsewhere)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.pages.attendance.roll_call_view import RollCallView
from desktop.pages.page import PageServices
from desktop.settings import AppSettings
from desktop.task_runner import TaskRunner
from local_db.cache import open_cache
from tests.desktop.attendance_school import (
    DAY,
    AttendanceApp,
    Classroom,
    SchoolClock,
    build_classroom,
    local,
)
from tests.desktop.helpers import offline_session

TIMEOUT_MS = 10_000
DISK_MB = 16


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def app(small_disk: Path, tmp_path: Path) -> Iterator[AttendanceApp]:
    """The attendance test school, its cache a file on the small disk."""
    path = small_disk / "cache.db"
    cache = open_cache(path, secrets.token_bytes(32))
    room = build_classroom(cache)
    errors: list[Exception] = []
    runner = TaskRunner(error_handler=errors.append)
    session = offline_session(
        cache,
        username="anna",
        display_name="Anna Andersson",
        person_id=room.me,
        profile_id="disk-full",
        cache_path=path,
    )
    clock = SchoolClock(local(DAY, 10, 7, 40))
    services = PageServices(runner, session, clock, AppSettings(tmp_path / "settings"))
    yield AttendanceApp(room, services, runner, clock, errors)
    runner.shutdown()
    cache.close()


def fill(disk: Path) -> Path:
    """Write a file until the disk has no byte left."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 16, 4096, 512, 1):
            block = b"\0" * size
            try:
                while os.write(fd, block):
                    pass
            except OSError:
                continue
    finally:
        os.close(fd)
    return filler


def empty_the_journal(room: Classroom) -> None:
    """Checkpoint and truncate the WAL: the next write must take new space."""
    with room.cache.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def press(qtbot: QtBot, view: RollCallView, key: Qt.Key) -> None:
    with qtbot.waitSignal(view.write_finished, timeout=TIMEOUT_MS):
        qtbot.keyClick(view.table, key)


def select(view: RollCallView, pupil: uuid.UUID) -> None:
    row = view.model.row_of(pupil)
    assert row is not None
    view.table.setCurrentIndex(view.model.index(row, 0))


def test_a_full_disk_loses_no_saved_mark_and_the_mark_saves_once_there_is_room(
    qtbot: QtBot, app: AttendanceApp, small_disk: Path
) -> None:
    room = app.room
    view = RollCallView(app.services)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.open_lesson(room.lesson)

    select(view, room.pupils["Alva"])
    press(qtbot, view, Qt.Key.Key_N)  # present: saved while there is room
    assert room.statuses()["Alva"] == "present"
    pending_before = room.pending()
    saved_before = room.statuses()

    empty_the_journal(room)
    filler = fill(small_disk)
    select(view, room.pupils["Bruno"])
    press(qtbot, view, Qt.Key.Key_F)  # absent: the disk is full

    assert view.message_label.isVisible()
    assert view.message_label.text() == (
        "The disk is full: this change was not saved, and nothing saved before was lost. "
        "Free some space, then try again."
    )
    qtbot.waitUntil(lambda: app.runner.pending("db") == 0, timeout=TIMEOUT_MS)
    assert app.errors == [], "a full disk is not a bug"
    filler.unlink()  # the teacher frees some space
    assert room.statuses() == saved_before, "nothing saved was lost, nothing half-saved"
    assert room.pending() == pending_before

    select(view, room.pupils["Bruno"])
    press(qtbot, view, Qt.Key.Key_F)  # the same key, now with room
    assert room.statuses()["Bruno"] == "absent"
    assert room.statuses()["Alva"] == "present"
    assert room.pending() == pending_before + 1

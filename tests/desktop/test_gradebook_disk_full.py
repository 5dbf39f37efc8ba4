"""A disk that fills up while the teacher types a grade: SQLite's own
SQLITE_FULL ("database or disk is full") from a real full disk (the small
tmpfs of test_disk_full; a page limit on the connection does not do it, since
a small write fits in the pages the cache has), a clear message, nothing
half-saved, and the typed value offered again so it saves once there is room."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.desktop.attendance_school import AttendanceApp
from tests.desktop.gradebook_school import (
    cell,
    gradebook_app,
    open_page,
    queued,
    result_row,
    type_in,
    wait_written,
)
from tests.desktop.helpers import TIMEOUT_MS
from tests.desktop.test_disk_full import empty_the_journal, fill, small_disk

__all__ = ["small_disk"]


@pytest.fixture
def app(small_disk: Path, tmp_path: Path) -> Iterator[AttendanceApp]:
    """The gradebook school, its encrypted cache a file on the small disk."""
    yield from gradebook_app(tmp_path, small_disk / "cache.db")


def test_a_full_disk_keeps_the_typed_grade_to_save_again(
    qtbot: QtBot, app: AttendanceApp, small_disk: Path
) -> None:
    page = open_page(qtbot, app)
    table = page.table
    row, column = cell(page, "Alva", "Algebra")
    table.setFocus()
    table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)

    empty_the_journal(app.room)
    filler = fill(small_disk)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):  # the reload after the failure
        type_in(qtbot, table, "31", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.runner.pending("db") == 0, timeout=TIMEOUT_MS)

    assert page.message_label.isVisible()
    assert page.message_label.text().startswith("The disk is full: this change was not saved")
    assert app.errors == [], "a full disk is not a bug"
    assert result_row(app, app.ids["points"], "Alva") is None, "nothing half-saved"
    assert queued(app) == before
    assert page.proxy.index(row, column).data() in (None, ""), "the cell shows what is saved"
    # The typed value is offered again, in its cell's editor.
    qtbot.waitUntil(lambda: table.viewport().findChild(QLineEdit) is not None, timeout=TIMEOUT_MS)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    assert editor.text() == "31"
    assert table.currentIndex().row() == row

    filler.unlink()  # the teacher frees some space
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_written(qtbot, app, before)
    assert result_row(app, app.ids["points"], "Alva")["points"] == 31

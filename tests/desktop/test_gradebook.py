"""The gradebook as a teacher types in it: move like a spreadsheet, paste a block
from Excel, undo, set term grades. Every write is checked in the cache and its
outbox, where the server will get it from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from local_db.schema import synced
from tests.desktop.attendance_school import AttendanceApp
from tests.desktop.gradebook_school import (
    TERM,
    app,
    cell,
    open_page,
    queued,
    reload,
    result_row,
    type_in,
    wait_written,
)
from tests.desktop.helpers import TIMEOUT_MS

__all__ = ["app"]


def test_the_gradebook_shows_pupils_down_and_assessments_across(
    qtbot: QtBot, app: AttendanceApp, qtmodeltester: ModelTester
) -> None:
    page = open_page(qtbot, app)
    proxy = page.proxy
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    assert headers == [
        "Pupil",
        "Algebra /40",
        "Uppsats",
        "Problem",
        "Summary",
        f"Term grade {TERM}",
    ]
    assert proxy.rowCount() == len(page.model.gradebook().pupils) >= 29
    assert page.stack.currentWidget() is page.split
    qtmodeltester.check(page.model)
    qtmodeltester.check(proxy)
    # The guidance limits are in the points column's tooltip, never turned into a grade.
    tip = proxy.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "E 12, C 22, A 32" in tip
    assert "guidance" in tip


def test_typing_enter_moves_down_and_tab_moves_right(qtbot: QtBot, app: AttendanceApp) -> None:
    page = open_page(qtbot, app)
    table = page.table
    row, column = cell(page, "Alva", "Algebra")
    table.setFocus()
    table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)
    type_in(qtbot, table, "31", Qt.Key.Key_Return)
    wait_written(qtbot, app, before)
    assert result_row(app, app.ids["points"], "Alva")["points"] == 31
    assert table.currentIndex().row() == row + 1
    assert table.currentIndex().column() == column
    before = queued(app)
    type_in(qtbot, table, "c", Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: table.currentIndex().column() == column + 1, timeout=TIMEOUT_MS)
    assert table.currentIndex().row() == row + 1
    # "c" is no number of points: refused with why, nothing written, and the cursor moved on.
    assert "is not a number of points" in page.message_label.text()
    assert queued(app) == before
    second = page.proxy.index(row + 1, 0).data().split()[0]
    assert result_row(app, app.ids["points"], second) is None
    # Enter on a cell without typing moves down too.
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert table.currentIndex().row() == row + 2


def test_a_value_outside_the_scale_is_refused_with_a_clear_message(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Algebra")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)
    page.paste_text("41")
    assert "above this test's maximum of 40" in page.message_label.text()
    page.paste_text("-3")
    assert "below 0" in page.message_label.text()
    row, column = cell(page, "Alva", "Uppsats")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    page.paste_text("G")
    assert "“G” is not a grade" in page.message_label.text()
    assert queued(app) == before
    assert result_row(app, app.ids["points"], "Alva") is None


def test_a_block_from_excel_pastes_after_its_shape_and_values_are_checked(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Algebra")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)
    page.paste_text("12\tE\r\n38\tej inl.\r\n20\tA\r\n")
    # On screen at once, before the DB worker has written anything.
    assert [page.proxy.index(row + n, column).data() for n in range(3)] == ["12", "38", "20"]
    assert page.proxy.index(row + 1, column + 1).data() == "not in"
    wait_written(qtbot, app, before)
    pupils = [page.proxy.index(row + n, 0).data().split()[0] for n in range(3)]
    assert [result_row(app, app.ids["points"], p)["points"] for p in pupils] == [12, 38, 20]
    essay = [result_row(app, app.ids["grades"], p) for p in pupils]
    assert [(r["grade"], r["marker"]) for r in essay] == [
        ("E", None),
        (None, "not_handed_in"),
        ("A", None),
    ]
    reload(qtbot, page)
    assert page.proxy.index(row + 1, column + 1).data() == "not in"

    # A block that runs over the matrix column, or has an unknown value, writes nothing.
    written = queued(app)
    page.table.setCurrentIndex(page.proxy.index(row, column + 1))
    page.paste_text("A\tB\n")
    assert "uses a criteria matrix" in page.message_label.text()
    page.table.setCurrentIndex(page.proxy.index(row, column + 3))
    page.paste_text("A\tB\n")
    assert "cannot be typed in" in page.message_label.text()
    page.table.setCurrentIndex(page.proxy.index(row, column))
    page.paste_text("10\tE\n99\tC\n")
    assert "Row 2, column 1" in page.message_label.text()
    last_row = page.proxy.rowCount() - 1
    page.table.setCurrentIndex(page.proxy.index(last_row, column))
    page.paste_text("1\n2\n")
    assert "does not fit" in page.message_label.text()
    assert queued(app) == written
    assert result_row(app, app.ids["points"], pupils[0])["points"] == 12


def test_undo_puts_the_values_back_through_the_outbox(qtbot: QtBot, app: AttendanceApp) -> None:
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Uppsats")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)
    page.paste_text("C")
    wait_written(qtbot, app, before)
    qtbot.waitUntil(lambda: bool(page.undo_steps), timeout=TIMEOUT_MS)
    page.paste_text("A")
    qtbot.waitUntil(lambda: len(page.undo_steps) == 2, timeout=TIMEOUT_MS)
    assert result_row(app, app.ids["grades"], "Alva")["grade"] == "A"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: result_row(app, app.ids["grades"], "Alva")["grade"] == "C", timeout=TIMEOUT_MS
    )
    page.undo_last()
    qtbot.waitUntil(
        lambda: result_row(app, app.ids["grades"], "Alva")["grade"] is None, timeout=TIMEOUT_MS
    )
    page.undo_last()
    assert page.message_label.text() == "Nothing to undo."


def test_term_grades_are_typed_in_their_column_and_the_dash_carries_its_reason(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Term grade")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)
    page.paste_text("B\n–\n")
    wait_written(qtbot, app, before)
    table = synced["term_grade"]
    with app.room.cache.connect() as conn:
        rows = {
            r.pupil_id: (r.grade, r.no_basis_reason, r.term)
            for r in conn.execute(select(table).where(table.c.activity_id == app.room.activity))
        }
    first, second = (
        page.model.pupil_at(page.proxy.mapToSource(page.proxy.index(row + n, 0)).row())
        for n in range(2)
    )
    assert rows[first] == ("B", None, TERM)
    assert rows[second] == ("-", "absence", TERM)
    page.paste_text("X")
    assert "is not a term grade" in page.message_label.text()

"""The gradebook as a teacher uses it: type and move like a spreadsheet, paste
a block from Excel, undo, set term grades, open a matrix cell, export.

Every write is checked in the cache and its outbox, where the server will
get it from; nothing here computes a grade, and no test expects one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.exports.gradebook_export import gradebook_csv, pupil_summary_html
from desktop.models.gradebook_model import CONFLICT_ROLE
from desktop.pages.assessment.assessment_page import AssessmentPage
from desktop.pages.assessment.gradebook_exports import export_csv, export_pdf
from desktop.pages.assessment.levels_dialog import LevelsDialog
from local_db.schema import outbox, synced
from sync_protocol import ids
from sync_protocol.assessment_documents import Criterion, dump_criteria
from tests.desktop.attendance_school import DAY, AttendanceApp, make_app, sync_in
from tests.desktop.helpers import TIMEOUT_MS
from tests.local_db.records import RecordBuilder

TERM = "HT2026"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    """7A's maths with three assessments: a points test, a graded essay, a matrix task."""
    made = make_app(tmp_path)
    app = next(made)
    room = app.room

    def assessments(data: RecordBuilder) -> None:
        common = {"activity_id": room.activity, "description": "", "planning_unit_id": None}
        data.add(
            "assessment",
            ids_for["points"],
            title="Algebra",
            assessment_type="test",
            assessment_date=DAY - dt.timedelta(days=7),
            scale_kind="points",
            max_points=40,
            e_limit=12,
            c_limit=22,
            a_limit=32,
            **common,
        )
        data.add(
            "assessment",
            ids_for["grades"],
            title="Uppsats",
            assessment_type="assignment",
            assessment_date=DAY - dt.timedelta(days=3),
            **common,
        )
        data.add(
            "criteria_matrix",
            ids_for["matrix"],
            activity_id=room.activity,
            title="Problemlösning",
            subject="Matematik",
            year_band="7-9",
            criteria=dump_criteria(
                [
                    Criterion(
                        "k1",
                        "Väljer metod",
                        {"E": "i huvudsak fungerande", "C": "fungerande", "A": "ändamålsenliga"},
                    ),
                    Criterion(
                        "k2", "Resonerar", {"E": "enkla", "C": "utvecklade", "A": "välutvecklade"}
                    ),
                ]
            ),
        )
        data.add(
            "assessment",
            ids_for["matrix_task"],
            title="Problem",
            assessment_type="assignment",
            assessment_date=DAY - dt.timedelta(days=1),
            scale_kind="matrix",
            criteria_matrix_id=ids_for["matrix"],
            **common,
        )

    ids_for = {name: uuid.uuid4() for name in ("points", "grades", "matrix", "matrix_task")}
    sync_in(room.cache, assessments)
    app.ids = ids_for  # type: ignore[attr-defined]
    yield app
    next(made, None)


def open_page(qtbot: QtBot, app: AttendanceApp) -> AssessmentPage:
    page = AssessmentPage(app.services)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show()
    return page


def reload(qtbot: QtBot, page: AssessmentPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.refresh()


def result_row(app: AttendanceApp, assessment: uuid.UUID, pupil: str) -> dict | None:
    table = synced["assessment_result"]
    record = ids.assessment_result_id(assessment, app.room.pupils[pupil])
    with app.room.cache.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == record)).mappings().first()
    return None if row is None else dict(row)


def queued(app: AttendanceApp) -> int:
    with app.room.cache.connect() as conn:
        return conn.scalar(select(func.count()).select_from(outbox)) or 0


def wait_written(qtbot: QtBot, app: AttendanceApp, before: int) -> None:
    qtbot.waitUntil(lambda: queued(app) > before, timeout=TIMEOUT_MS)


def type_in(qtbot: QtBot, table: QTableView, text: str, end: Qt.Key) -> None:
    """Type as a teacher does: the first key opens the cell's editor, the rest go to it."""
    qtbot.keyClick(table, text[0])
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None, "typing opened no editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, end)


def cell(page: AssessmentPage, pupil: str, column_title: str) -> tuple[int, int]:
    proxy = page.proxy
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    row = next(n for n, name in enumerate(names) if name.startswith(pupil + " "))
    column = next(n for n, h in enumerate(headers) if h and h.startswith(column_title))
    return row, column


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


def test_a_cell_in_an_open_sync_conflict_is_marked(qtbot: QtBot, app: AttendanceApp) -> None:
    room = app.room
    pupil = room.pupils["Alva"]
    result = ids.assessment_result_id(app.ids["grades"], pupil)

    def conflict(data: RecordBuilder) -> None:
        data.add(
            "assessment_result",
            result,
            assessment_id=app.ids["grades"],
            pupil_id=pupil,
            activity_id=room.activity,
            grade="C",
            comment="",
        )
        data.add(
            "sync_conflict",
            record_kind="assessment_result",
            record_id=result,
            field_name="grade",
            conflict_type="needs_review",
            activity_id=room.activity,
            pupil_id=pupil,
            current_value='"C"',
            rival_value='"B"',
            state="open",
        )

    sync_in(room.cache, conflict)
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Uppsats")
    index = page.proxy.index(row, column)
    assert index.data() == "C"
    assert index.data(CONFLICT_ROLE) is True
    assert "choose which to keep" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert page.proxy.index(row + 1, column).data(CONFLICT_ROLE) is False


def test_a_matrix_cell_opens_its_criteria_and_keeps_a_level_per_criterion(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Problem")
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(row, column))
    page.paste_text("C")
    assert "criteria matrix" in page.message_label.text()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = page.last_dialog
    assert isinstance(dialog, LevelsDialog)
    for button in dialog.groups["k1"].buttons():
        if button.property("level") == "C":
            button.setChecked(True)
    for button in dialog.groups["k2"].buttons():
        if button.property("level") == "not_yet":
            button.setChecked(True)
    dialog.comment_edit.setPlainText("Bra val av metod.")
    before = queued(app)
    dialog.accept()
    wait_written(qtbot, app, before)
    qtbot.waitUntil(
        lambda: (
            result_row(app, app.ids["matrix_task"], "Alva") is not None
            and result_row(app, app.ids["matrix_task"], "Alva")["comment"] != ""
        ),
        timeout=TIMEOUT_MS,
    )
    stored = result_row(app, app.ids["matrix_task"], "Alva")
    assert stored["levels"] == '{"k1": "C", "k2": "not_yet"}'
    assert stored["comment"] == "Bra val av metod."
    reload(qtbot, page)
    assert page.proxy.index(row, column).data() == "C×1 Not yet×1"


def test_exports_read_back_with_swedish_letters_intact(
    qtbot: QtBot, app: AttendanceApp, tmp_path: Path
) -> None:
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Algebra")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)
    page.paste_text("31\tC\n")
    wait_written(qtbot, app, before)
    reload(qtbot, page)
    path = tmp_path / "betyg.csv"
    assert export_csv(page, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:3] == ["Pupil", "Algebra (/40)", "Uppsats"]
    alva = next(line for line in lines if line.startswith("Ahlberg, Alva;"))
    assert alva.split(";")[1:3] == ["31", "C"]
    assert any("Å" in line or "å" in line or "ö" in line for line in lines[1:])
    assert gradebook_csv(page.model.gradebook()) == raw.decode("utf-8-sig")
    pdf = tmp_path / "betyg.pdf"
    assert export_pdf(page, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    book = page.model.gradebook()
    alva_view = next(p for p in book.pupils if p.given_name == "Alva")
    summary = pupil_summary_html(book, alva_view, DAY)
    assert "Algebra" in summary
    assert "31" in summary
    # A folder that cannot be written says so and changes nothing.
    assert not export_csv(page, tmp_path / "missing" / "x.csv")
    assert "couldn't save" in page.message_label.text()


def test_the_evidence_beside_a_term_grade_has_results_levels_and_absence(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    room = app.room
    alva = room.pupils["Alva"]

    def absent_once(data: RecordBuilder) -> None:
        data.add(
            "attendance",
            ids.attendance_id(room.taken, alva),
            lesson_id=room.taken,
            pupil_id=alva,
            activity_id=room.activity,
            status="absent",
        )

    sync_in(room.cache, absent_once)
    page = open_page(qtbot, app)
    row, column = cell(page, "Alva", "Algebra")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    before = queued(app)
    page.paste_text("31")
    wait_written(qtbot, app, before)
    reload(qtbot, page)
    row, column = cell(page, "Alva", "Term grade")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    shown = page.evidence.text.text()
    assert "Alva Ahlberg" in shown
    assert "Algebra: 31" in shown
    assert "Invalid 100.0 %" in shown  # her one registered maths lesson, absent
    assert "never suggests one" in shown
    other_row, _ = cell(page, "Axel", "Term grade")
    page.table.setCurrentIndex(page.proxy.index(other_row, column))
    assert "Invalid 0.0 %" in page.evidence.text.text()


def test_last_terms_assessments_are_hidden_until_asked_for(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    def spring_test(data: RecordBuilder) -> None:
        data.add(
            "assessment",
            activity_id=app.room.activity,
            title="Vårprov",
            description="",
            assessment_type="test",
            assessment_date=dt.date(2026, 5, 20),
            planning_unit_id=None,
        )

    sync_in(app.room.cache, spring_test)
    page = open_page(qtbot, app)

    def titles() -> list[str]:
        proxy = page.proxy
        return [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]

    assert "Vårprov" not in titles()
    page.period_combo.setCurrentIndex(1)
    page.period_combo.activated.emit(1)
    assert "Vårprov" in titles()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("assignment"))
    page.kind_combo.activated.emit(page.kind_combo.currentIndex())
    assert titles() == ["Pupil", "Uppsats", "Problem", "Summary", f"Term grade {TERM}"]


def test_the_grade_history_offline_says_where_it_lives(qtbot: QtBot, app: AttendanceApp) -> None:
    page = open_page(qtbot, app)
    page.show_history()
    assert page.message_label.text() == "Select a pupil's row first."
    row, column = cell(page, "Alva", "Term grade")
    page.table.setCurrentIndex(page.proxy.index(row, column))
    page.show_history()  # this session has no server: the network worker says so
    qtbot.waitUntil(
        lambda: "kept on the school's server" in page.message_label.text(), timeout=TIMEOUT_MS
    )


def test_the_grade_history_lists_each_change_with_who_and_where() -> None:
    from desktop.pages.assessment.history_dialog import HistoryDialog
    from sync_protocol.wire import TermGradeChange

    when = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
    changes = (
        TermGradeChange(
            from_grade=None,
            to_grade="C",
            from_reason=None,
            to_reason=None,
            deleted=False,
            changed_by="Anna Andersson",
            changed_at=when,
            client_id="a1b2",
        ),
        TermGradeChange(
            from_grade="C",
            to_grade="-",
            from_reason=None,
            to_reason="absence",
            deleted=False,
            changed_by="Cecilia Claesson",
            changed_at=when,
            client_id="c3d4",
        ),
    )
    dialog = HistoryDialog("Term grade HT2026: Alva", changes)
    texts = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(2)]
    assert [t[1:] for t in texts] == [
        ["— → C", "Anna Andersson", "a1b2"],
        ["C → –", "Cecilia Claesson", "c3d4"],
    ]

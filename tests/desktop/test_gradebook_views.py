"""What the gradebook shows beside the values: conflicts, a matrix cell's criteria,
the evidence for a term grade, the period filter, the grade history, exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.exports.gradebook_export import (
    gradebook_csv,
    pupil_summary_html,
    write_pupil_summary_pdf,
)
from desktop.models.gradebook_model import CONFLICT_ROLE
from desktop.pages.assessment.gradebook_exports import export_csv, export_pdf
from desktop.pages.assessment.levels_dialog import LevelsDialog
from sync_protocol import ids
from tests.desktop.attendance_school import DAY, AttendanceApp, sync_in
from tests.desktop.gradebook_school import (
    TERM,
    app,
    cell,
    open_page,
    queued,
    reload,
    result_row,
    wait_written,
)
from tests.desktop.helpers import TIMEOUT_MS
from tests.local_db.records import RecordBuilder

__all__ = ["app"]


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
    text = pdf_text(pdf)
    for expected in ("Ahlberg", "Alva", "Algebra", "31"):
        assert expected in text
    assert any(letter in text for letter in "åäöÅÄÖ"), "Swedish letters survive the PDF"
    book = page.model.gradebook()
    alva_view = next(p for p in book.pupils if p.given_name == "Alva")
    summary = pupil_summary_html(book, alva_view, DAY)
    assert "Algebra" in summary
    assert "31" in summary
    single = tmp_path / "alva.pdf"
    write_pupil_summary_pdf(single, book, alva_view, DAY)
    alone = pdf_text(single)
    for expected in ("Alva", "Algebra", "31"):
        assert expected in alone
    others = [p.given_name for p in book.pupils if p.given_name != "Alva"]
    assert not any(name in alone for name in others), "one pupil's summary names no other"
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


def test_a_new_points_test_and_a_copied_matrix_are_made_from_their_dialogs(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    from PySide6.QtWidgets import QTableWidgetItem
    from sqlalchemy import select

    from desktop.pages.assessment.assessment_dialog import AssessmentDialog
    from desktop.pages.assessment.matrix_dialog import MatrixDialog
    from local_db.schema import synced

    page = open_page(qtbot, app)
    page.new_button.click()
    dialog = page.last_dialog
    assert isinstance(dialog, AssessmentDialog)
    dialog.title_edit.setText("Geometri")
    dialog.scale_combo.setCurrentIndex(dialog.scale_combo.findData("points"))
    dialog.max_spin.setValue(30)
    dialog.limits_check.setChecked(True)
    dialog.limit_spins[2].setValue(35)
    dialog.buttons.accepted.emit()
    assert dialog.problem.text() == "A limit cannot be above the maximum points."
    dialog.limit_spins[2].setValue(28)
    before = queued(app)
    dialog.buttons.accepted.emit()
    wait_written(qtbot, app, before)
    reload(qtbot, page)
    titles = [
        page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())
    ]
    assert "Geometri /30" in titles

    page.matrix_button.click()
    qtbot.waitUntil(lambda: isinstance(page.last_dialog, MatrixDialog), timeout=TIMEOUT_MS)
    matrices = page.last_dialog
    assert isinstance(matrices, MatrixDialog)
    matrices.matrix_combo.setCurrentIndex(1)  # Problemlösning, this group's
    matrices.copy_button.click()
    matrices.title_edit.setText("Problemlösning 2")
    matrices.table.setItem(
        0, 1, QTableWidgetItem("väljer och använder i huvudsak fungerande metoder")
    )
    before = queued(app)
    matrices.accept()
    wait_written(qtbot, app, before)
    table = synced["criteria_matrix"]
    with app.room.cache.connect() as conn:
        rows = {r.title: r for r in conn.execute(select(table))}
    assert rows["Problemlösning 2"].template_of == rows["Problemlösning"].id
    assert "i huvudsak fungerande metoder" in rows["Problemlösning 2"].criteria
    assert "i huvudsak fungerande metoder" not in rows["Problemlösning"].criteria


def pdf_text(path: Path) -> str:
    """The text of every page, as a PDF reader sees it."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)

"""A criteria matrix started from the syllabus in the matrix dialog: subject,
version (newest first) and year, one row per paragraph with the value words
bold, the source shown; saved like any matrix, with where it came from."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel, QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.pages.assessment.levels_dialog import LevelsDialog
from desktop.pages.assessment.matrix_dialog import MatrixDialog
from desktop.pages.assessment.value_words import emphasized_html
from local_db.assessment.gradebook import load_gradebook
from local_db.assessment.views import AssessmentColumn, MatrixSource
from local_db.schema import synced
from tests.desktop.attendance_school import AttendanceApp, sync_in
from tests.desktop.gradebook_school import TERM, app, open_page, queued, wait_written
from tests.desktop.helpers import TIMEOUT_MS
from tests.local_db.records import RecordBuilder
from tests.support.catalogue_files import subject_file
from tests.support.catalogue_records import add_subject

__all__ = ["app"]


def test_value_words_are_bold_and_the_text_is_escaped() -> None:
    html = emphasized_html("Eleven gör <enkla> & enklare enkla val.\nNy rad", ["enkla"])
    assert html == "Eleven gör &lt;<b>enkla</b>&gt; &amp; enklare <b>enkla</b> val.<br>Ny rad"
    assert emphasized_html("relativt väl och väl", ["väl", "relativt väl"]) == (
        "<b>relativt väl</b> och <b>väl</b>"
    )


def _open_dialog(qtbot: QtBot, app: AttendanceApp) -> MatrixDialog:
    page = open_page(qtbot, app)
    page.last_dialog = None
    page.matrix_button.click()
    qtbot.waitUntil(lambda: isinstance(page.last_dialog, MatrixDialog), timeout=TIMEOUT_MS)
    dialog = page.last_dialog
    assert isinstance(dialog, MatrixDialog)
    return dialog


def test_a_matrix_starts_from_the_syllabus_and_keeps_its_source(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    def catalogue(data: RecordBuilder) -> None:
        add_subject(data, subject_file(version=1))
        add_subject(data, subject_file(version=2, paragraphs={"E": 2, "C": 3, "A": 3}))

    sync_in(app.room.cache, catalogue)
    dialog = _open_dialog(qtbot, app)
    picker = dialog.picker
    assert picker.isVisibleTo(dialog)
    assert picker.subject_combo.currentText() == "Matematik"
    assert [picker.version_combo.itemText(i) for i in range(2)] == ["version 2", "version 1"]
    picker.version_combo.setCurrentIndex(1)
    assert [picker.year_combo.itemText(i) for i in range(2)] == ["Year 6", "Year 9"]
    picker.start_button.click()
    qtbot.waitUntil(lambda: dialog.source_label.isVisibleTo(dialog), timeout=TIMEOUT_MS)
    assert dialog.source_label.text() == "Source: Skolverket, Matematik, version 1"
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(1, 0).text() == "Paragraph 2"
    c_cell = dialog.table.item(1, 2)
    assert c_cell.text().startswith("Testtext 2 för C:")
    index = dialog.table.model().index(1, 2)
    assert "<b>utvecklade</b>" in emphasized_html(c_cell.text(), dialog.words_at(index))
    assert dialog.words_at(dialog.table.model().index(1, 0)) == []
    assert (dialog.title_edit.text(), dialog.year_edit.text()) == ("Matematik, year 6", "6")

    # The teacher edits it like any matrix before saving.
    dialog.table.setItem(0, 0, QTableWidgetItem("Problemlösning"))
    before = queued(app)
    dialog.accept()
    wait_written(qtbot, app, before)
    table = synced["criteria_matrix"]
    with app.room.cache.connect() as conn:
        saved = conn.execute(select(table).where(table.c.title == "Matematik, year 6")).one()
    assert (saved.source_subject, saved.source_version, saved.year_band) == ("GRGRMAT01", 1, "6")
    criteria = json.loads(saved.criteria)
    labels = [row["criterion"] for row in criteria]
    assert labels == ["Problemlösning", "Paragraph 2", "Paragraph 3"]
    assert criteria[2]["A"].startswith("Testtext 3 för A:")
    assert json.loads(saved.value_words)["k3"]["A"] == ["välutvecklade"]

    # The gradebook knows its source and value words: a matrix cell credits it.
    with app.room.cache.connect() as conn:
        book = load_gradebook(conn, app.room.activity, TERM)
    assert book is not None
    assert book.matrix_sources[saved.id] == MatrixSource("Matematik", 1, "Skolverket")
    levels = LevelsDialog(
        "Alva Ahlberg",
        AssessmentColumn(saved.id, "Uppgift", "assignment", None, "matrix", matrix_id=saved.id),
        criteria=book.matrices[saved.id],
        levels={},
        comment="",
        value_words=book.matrix_value_words[saved.id],
        source=book.matrix_sources[saved.id],
    )
    qtbot.addWidget(levels)
    assert levels.source_label.text() == "Source: Skolverket, Matematik, version 1"
    shown = {label.text() for label in levels.findChildren(QLabel)}
    assert any("<b>välutvecklade</b>" in text for text in shown)

    # Opened again, it shows where it came from; version 2's counts differ: one row.
    again = _open_dialog(qtbot, app)
    combo = again.matrix_combo
    [mine] = [i for i in range(combo.count()) if combo.itemText(i).startswith("Matematik, year 6")]
    combo.setCurrentIndex(mine)
    assert again.source_label.text() == "Source: Skolverket, Matematik, version 1"
    again.picker.start_button.click()  # version 2 (newest), year 6
    qtbot.waitUntil(lambda: again.table.item(0, 0).text().startswith("All criteria"))
    assert again.table.rowCount() == 1
    assert again.table.item(0, 1).text().count("Testtext") == 2
    assert again.source_label.text() == "Source: Skolverket, Matematik, version 2"
    again.reject()


def test_without_a_catalogue_the_choice_is_not_offered(qtbot: QtBot, app: AttendanceApp) -> None:
    dialog = _open_dialog(qtbot, app)
    assert not dialog.picker.isVisibleTo(dialog)
    assert not dialog.source_label.isVisibleTo(dialog)
    dialog.reject()

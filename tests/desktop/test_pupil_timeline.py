"""The pupil's timeline and the two PDF exports, offscreen with real widgets
and a real cache: the Timeline tab lists attendance, results, term grades,
notes and adjustments newest first and filters by kind; the documentation
PDF for the development talk reads back with only what the reader may see
(no colleague's private note, the teacher's own only when ticked, no other
pupil, no contact data of a protected pupil); the unit plan PDF reads back
with the syllabus items and the catalogue's credit line; a folder that
cannot be written says so. Every new model passes qtmodeltester."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.exports.documentation_pdf import DEFAULT_VISIBILITIES
from desktop.models.timeline_models import TimelineTableModel
from desktop.pages.documentation.documentation_export import (
    DocumentationExportDialog,
    export_documentation,
)
from desktop.pages.planning.planning_page import PlanningPage
from desktop.pages.planning.unit_export import export_unit
from desktop.pages.pupils_page import PupilsPage
from local_db.documentation.timeline import ADJUSTMENT, ATTENDANCE, GRADE, KINDS, NOTE, RESULT
from tests.desktop.attendance_school import DAY, AttendanceApp, local, make_app, sync_in
from tests.desktop.helpers import TIMEOUT_MS
from tests.desktop.test_disk_full import fill, small_disk
from tests.desktop.timeline_school import PHONE, fraction_unit, timeline_records
from tests.local_db.records import RecordBuilder

__all__ = ["small_disk"]


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    """The classroom of timeline_school."""
    made = make_app(tmp_path)
    app = next(made)
    sync_in(app.room.cache, lambda data: timeline_records(app.room, data))
    yield app
    next(made, None)


def _open(qtbot: QtBot, app: AttendanceApp, name: str) -> PupilsPage:
    page = PupilsPage(app.services)
    qtbot.addWidget(page)
    page.resize(1200, 850)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show_pupil(app.room.pupils[name])
    page.detail_tabs.setCurrentWidget(page.timeline)
    return page


def _table(page: PupilsPage) -> list[list[str]]:
    model = page.timeline.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def pdf_text(path: Path) -> str:
    """The PDF's words, one space between each (pypdf gives tabs and line breaks)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_timeline_lists_every_kind_newest_first_and_filters(
    qtbot: QtBot, app: AttendanceApp, qtmodeltester: ModelTester
) -> None:
    page = _open(qtbot, app, "Alva")
    panel = page.timeline
    qtmodeltester.check(panel.model)
    assert panel.title.text() == "Timeline of Alva Ahlberg"
    assert panel.table.isVisible()
    rows = _table(page)
    kinds = {row[TimelineTableModel.KIND] for row in rows}
    assert kinds == {"Attendance", "Result", "Term grade", "Note", "Adjustment"}
    dates = [row[0] for row in rows]
    assert dates == sorted(dates, reverse=True), "newest first"
    what = [row[TimelineTableModel.WHAT] for row in rows]
    assert "Bråktal: 31/40" in what
    assert "Matematik, term grade VT2026: C" in what
    assert "Extra adjustment: Extra tid på prov" in what
    assert "Observation: Min egen minnesanteckning." in what
    assert not any("Cecilias privata" in text for text in what), "a colleague's private note"
    assert not any("Axel" in text for text in what), "another pupil's note"
    assert any(text.startswith("Week 37: absent 0.8 h (0.8 h invalid)") for text in what)
    note = next(row for row in rows if "Räcker upp" in row[TimelineTableModel.WHAT])
    assert note[TimelineTableModel.DETAIL] == (
        "Visible to: The pupil's teachers · written by Cecilia Carlsson"
    )

    panel.toggles[NOTE].setChecked(False)
    panel.toggles[ATTENDANCE].setChecked(False)
    shown = {row[TimelineTableModel.KIND] for row in _table(page)}
    assert shown == {"Result", "Term grade", "Adjustment"}
    for kind in (RESULT, GRADE, ADJUSTMENT):
        panel.toggles[kind].setChecked(False)
    assert panel.model.rowCount() == 0
    assert panel.empty.isVisible()
    assert panel.empty.text() == "Nothing of the chosen kinds. Turn on more above."
    panel.toggles[NOTE].setChecked(True)
    assert {row[TimelineTableModel.KIND] for row in _table(page)} == {"Note"}
    assert set(panel.shown_kinds()) == {NOTE}
    assert tuple(panel.toggles) == KINDS


def test_the_documentation_pdf_holds_only_what_the_reader_may_see(
    qtbot: QtBot, app: AttendanceApp, tmp_path: Path
) -> None:
    page = _open(qtbot, app, "Alva")
    talk = tmp_path / "alva.pdf"
    assert export_documentation(page, talk, visibilities=DEFAULT_VISIBILITIES, with_attendance=True)
    assert page.timeline.message.text() == f"Saved {talk}."
    text = pdf_text(talk)
    for expected in (
        "Alva Ahlberg",
        "7A",
        "Räcker upp handen oftare.",
        "Samtal med mentor om läxor.",
        "The pupil's teachers",
        "The pupil's mentor(s)",
        "Cecilia Carlsson",
        "Extra tid på prov",
        "Fungerar bra.",
        "Attendance this term",
        "Anna Andersson",
    ):
        assert expected in text, expected
    assert "Min egen minnesanteckning." not in text, "a private note only when asked for"
    assert "Cecilias privata" not in text, "never a colleague's private note"
    others = [name for name in app.room.pupils if name != "Alva"]
    assert not any(f"{name} " in text for name in others), "names no other pupil"

    mine = tmp_path / "alva-all.pdf"
    assert export_documentation(
        page, mine, visibilities=frozenset({"private"}), with_attendance=False
    )
    text = pdf_text(mine)
    assert "Min egen minnesanteckning." in text
    assert "Only me" in text, "each note says who may see it"
    assert "Räcker upp" not in text
    assert "Cecilias privata" not in text
    assert "Attendance this term" not in text


def test_the_export_asks_what_and_where_and_a_bad_folder_is_said(
    qtbot: QtBot, app: AttendanceApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _open(qtbot, app, "Alva")
    asked: list[DocumentationExportDialog] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, DocumentationExportDialog)
        assert dialog.visibilities() == DEFAULT_VISIBILITIES, "private notes off by default"
        dialog.visibility_boxes["mentors"].setChecked(False)
        asked.append(dialog)
        return True

    page.detail.documentation.exec_dialog = answer
    target = tmp_path / "missing" / "alva.pdf"
    suggested: list[str] = []

    def save_name(*args: object) -> tuple[str, str]:
        suggested.append(str(args[2]))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    page.timeline.export_button.click()
    assert asked
    assert suggested == ["Alva Ahlberg HT2026.pdf"]
    assert not target.exists()
    assert "couldn't save" in page.timeline.message.text()
    assert "couldn't save" in page.detail.documentation.message.text()
    assert app.errors == [], "a folder that cannot be written is not a bug"

    target = tmp_path / "alva.pdf"
    page.detail.documentation.export_button.click()
    text = pdf_text(target)
    assert "Räcker upp handen oftare." in text
    assert "Samtal med mentor" not in text, "the unticked visibility is left out"


def test_a_protected_pupils_pdf_has_no_contact_data(
    qtbot: QtBot, app: AttendanceApp, tmp_path: Path
) -> None:
    page = _open(qtbot, app, "Bodil")
    path = tmp_path / "bodil.pdf"
    assert export_documentation(page, path, visibilities=DEFAULT_VISIBILITIES, with_attendance=True)
    text = pdf_text(path)
    assert "Arbetar lugnt." in text
    for withheld in (PHONE, "berit@example.se", "Berit"):
        assert withheld not in text


def test_the_unit_plan_pdf_has_the_syllabus_items_and_their_source(
    qtbot: QtBot, app: AttendanceApp, tmp_path: Path
) -> None:
    room = app.room
    unit = uuid.uuid4()
    items: list[dict[str, object]] = []

    def records(data: RecordBuilder) -> None:
        items.extend(fraction_unit(room, data, unit))
        data.lesson(room.activity, local(DAY + dt.timedelta(days=1), 10), 50)

    sync_in(room.cache, records)
    page = PlanningPage(app.services)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show()
    page.tabs.setCurrentIndex(1)
    assert not page.unit_editor.export_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.unit_list.setCurrentIndex(page.unit_model.index(0))
    assert page.unit_editor.export_button.isEnabled()
    path = tmp_path / "lpp.pdf"
    assert export_unit(page, path)
    text = pdf_text(path)
    for expected in (
        "Bråk och procent",
        "Matematik 7A",
        "Published",
        "Eleverna ska kunna räkna med bråk.",
        "Börja med pizzabitar.",
        "Ett skriftligt prov i vecka 40.",
        "Source: Skolverket, Matematik, version 1",
        "Introduktion till bråk",
    ):
        assert expected in text, expected
    assert " ".join(str(items[0]["text"]).split()[:3]) in text
    assert page.unit_editor.message.text() == f"Saved {path}."

    page.unit_editor.title_edit.setText("Ändrad men inte sparad")
    assert not export_unit(page, tmp_path / "dirty.pdf")
    assert "Save the unit first" in page.unit_editor.message.text()
    assert not (tmp_path / "dirty.pdf").exists()
    page.unit_editor.title_edit.setText("Bråk och procent")
    assert not export_unit(page, tmp_path / "missing" / "lpp.pdf")
    assert "couldn't save" in page.unit_editor.message.text()


def test_a_full_disk_says_so_and_leaves_no_half_written_pdf(
    qtbot: QtBot, app: AttendanceApp, small_disk: Path
) -> None:
    page = _open(qtbot, app, "Alva")
    filler = fill(small_disk)
    target = small_disk / "alva.pdf"
    assert not export_documentation(
        page, target, visibilities=DEFAULT_VISIBILITIES, with_attendance=True
    )
    message = page.timeline.message.text()
    assert message.startswith(f"Klassbok couldn't save {target} (No space left on device)")
    assert not target.exists(), "no half-written PDF left behind"
    assert app.errors == [], "a full disk is not a bug"
    filler.unlink()  # the teacher frees some space and tries again
    assert export_documentation(
        page, target, visibilities=DEFAULT_VISIBILITIES, with_attendance=True
    )
    assert "Räcker upp handen oftare." in pdf_text(target)

"""A pupil's documentation on the Pupils page, offscreen with real widgets
and a real cache: the notes list (date, kind, who sees it, author, first
line), writing, changing and deleting a note through the editor, the
editor's refusals (empty, oversized), a colleague's note read but not
changed, extra anpassningar and åtgärdsprogram references. Every model
passes qtmodeltester; the visibility choices read in plain Swedish."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.application import install_language
from desktop.pages.documentation.note_dialog import NoteDialog
from desktop.pages.documentation.record_dialogs import AdjustmentDialog, ProgrammeDialog
from desktop.pages.pupils_page import PupilsPage
from local_db.documentation import NoteDraft, save_note
from local_db.schema import outbox, synced
from sync_protocol.kinds.documentation import NOTE_BODY_MAX
from tests.desktop.attendance_school import DAY, AttendanceApp, make_app, sync_in
from tests.desktop.helpers import TIMEOUT_MS
from tests.local_db.records import RecordBuilder


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    """The classroom, with Cecilia's note about Alva for every teacher, an
    extra anpassning and an åtgärdsprogram reference."""
    made = make_app(tmp_path)
    app = next(made)
    room = app.room

    def documentation(data: RecordBuilder) -> None:
        data.add(
            "pupil_note",
            pupil_id=room.pupils["Alva"],
            category="observation",
            body="Räcker upp handen oftare nu.\nBeröm fungerar.",
            visibility="teachers",
            note_date=DAY - dt.timedelta(days=3),
        )
        data.written_by(room.colleague)
        data.add(
            "support_adjustment",
            pupil_id=room.pupils["Alva"],
            what="Extra tid på prov",
            start_date=DAY - dt.timedelta(days=30),
            evaluation="",
        )
        data.add(
            "action_programme_ref",
            pupil_id=room.pupils["Alva"],
            decided_on=DAY - dt.timedelta(days=40),
            decided_by="Rektor",
            document_location="Elevhälsans akt",
        )

    sync_in(room.cache, documentation)
    yield app
    next(made, None)


def _open_alva(qtbot: QtBot, app: AttendanceApp) -> PupilsPage:
    page = PupilsPage(app.services)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show_pupil(app.room.pupils["Alva"])
    return page


def _rows(page: PupilsPage) -> list[list[str]]:
    model = page.detail.documentation.notes.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _answering(fill: Callable[[QDialog], None]) -> Callable[[QDialog], bool]:
    """Stands in for the teacher: fills the dialog and presses OK if it is enabled."""

    def answer(dialog: QDialog) -> bool:
        fill(dialog)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[union-attr]
        return bool(ok is not None and ok.isEnabled())

    return answer


def _select_note(page: PupilsPage, row: int) -> None:
    table = page.detail.documentation.notes.table
    table.setCurrentIndex(table.model().index(row, 0))


def test_the_pupils_documentation_is_listed(
    qtbot: QtBot, app: AttendanceApp, qtmodeltester: ModelTester
) -> None:
    page = _open_alva(qtbot, app)
    panel = page.detail.documentation
    assert panel.isVisible()
    assert _rows(page) == [
        [
            (DAY - dt.timedelta(days=3)).isoformat(),
            "Observation",
            "The pupil's teachers",
            "Cecilia Carlsson",
            "Räcker upp handen oftare nu.",
        ]
    ]
    assert panel.adjustments.model.index(0, 0).data() == "Extra tid på prov"
    assert panel.adjustments.model.index(0, 2).data() == "ongoing"
    assert panel.programmes.model.index(0, 2).data() == "Elevhälsans akt"
    for model in (panel.notes.model, panel.adjustments.model, panel.programmes.model):
        qtmodeltester.check(model)
    # A colleague's note is read, not changed or deleted.
    _select_note(page, 0)
    assert panel.notes.edit_button.text() == "Read…"
    assert not panel.notes.remove_button.isEnabled()


def test_writing_changing_and_deleting_a_note(qtbot: QtBot, app: AttendanceApp) -> None:
    page = _open_alva(qtbot, app)
    panel = page.detail.documentation

    def write(dialog: QDialog) -> None:
        assert isinstance(dialog, NoteDialog)
        dialog.body_edit.setPlainText("Läser långsamt.\nBehöver mer tid.")
        dialog.visibility_buttons["private"].setChecked(True)

    panel.exec_dialog = _answering(write)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        panel.notes.add_button.click()
    mine = [row for row in _rows(page) if row[3] == "You"]
    assert mine == [[DAY.isoformat(), "Observation", "Only me", "You", "Läser långsamt."]]
    with app.room.cache.connect() as conn:
        assert [r.kind for r in conn.execute(select(outbox))] == ["pupil_note"]

    row = next(i for i, r in enumerate(_rows(page)) if r[3] == "You")
    _select_note(page, row)
    assert panel.notes.edit_button.text() == "Change…"

    def talk(dialog: QDialog) -> None:
        assert isinstance(dialog, NoteDialog)
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("talk"))
        dialog.visibility_buttons["mentors"].setChecked(True)

    panel.exec_dialog = _answering(talk)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        panel.notes.edit_button.click()
    [changed] = [r for r in _rows(page) if r[3] == "You"]
    assert changed[1].startswith("Development talk ")  # with its term
    assert changed[2] == "The pupil's mentor(s)"

    row = next(i for i, r in enumerate(_rows(page)) if r[3] == "You")
    _select_note(page, row)
    panel.confirm = lambda _question: True
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        panel.notes.remove_button.click()
    assert [r for r in _rows(page) if r[3] == "You"] == []


def test_the_editor_says_what_is_wrong_and_saves_nothing(qtbot: QtBot, app: AttendanceApp) -> None:
    page = _open_alva(qtbot, app)
    dialog = NoteDialog(app.room.pupils["Alva"], "Alva Ahlberg", DAY)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    assert not ok.isEnabled()
    assert dialog.problem_label.text() == "Write something first."
    dialog.body_edit.setPlainText("x" * (NOTE_BODY_MAX + 1))
    assert not ok.isEnabled()
    assert dialog.problem_label.text() == (
        f"The text is too long: at most {NOTE_BODY_MAX} characters. Shorten it; nothing was lost."
    )
    assert dialog.count_label.text() == f"{NOTE_BODY_MAX + 1} of at most {NOTE_BODY_MAX} characters"
    dialog.body_edit.setPlainText("Kort")
    assert ok.isEnabled()
    assert page.detail.documentation.message.isHidden()


def test_a_refused_write_is_said_and_nothing_is_lost(qtbot: QtBot, app: AttendanceApp) -> None:
    page = _open_alva(qtbot, app)
    panel = page.detail.documentation
    colleague_note = panel.notes.model.row_at(0)
    assert colleague_note is not None
    draft = NoteDraft(
        pupil_id=app.room.pupils["Alva"],
        category="observation",
        visibility="teachers",
        body="Ändrat",
        note_date=DAY,
    )
    me = app.room.me
    page.run_write(lambda conn: save_note(conn, colleague_note.id, draft, actor=me))
    qtbot.waitUntil(lambda: not panel.message.isHidden(), timeout=TIMEOUT_MS)
    assert panel.message.text() == "Only the teacher who wrote a note can change or delete it."
    with app.room.cache.connect() as conn:
        table = synced["pupil_note"]
        body = conn.execute(select(table.c.body).where(table.c.id == colleague_note.id)).scalar()
    assert body == colleague_note.body


def test_adjustments_and_programme_references(qtbot: QtBot, app: AttendanceApp) -> None:
    page = _open_alva(qtbot, app)
    panel = page.detail.documentation

    def adjustment(dialog: QDialog) -> None:
        assert isinstance(dialog, AdjustmentDialog)
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # type: ignore[union-attr]
        dialog.what_edit.setText("Sitta nära tavlan")

    panel.exec_dialog = _answering(adjustment)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        panel.adjustments.add_button.click()
    whats = [
        panel.adjustments.model.index(r, 0).data()
        for r in range(panel.adjustments.model.rowCount())
    ]
    assert sorted(whats) == ["Extra tid på prov", "Sitta nära tavlan"]

    def reference(dialog: QDialog) -> None:
        assert isinstance(dialog, ProgrammeDialog)
        dialog.by_edit.setText("Rektor")
        dialog.where_edit.setText("Elevhälsans pärm")

    panel.exec_dialog = _answering(reference)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        panel.programmes.add_button.click()
    assert panel.programmes.model.rowCount() == 2


def test_the_visibility_choices_read_in_plain_swedish(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    install_language(qapp, "sv")
    try:
        dialog = NoteDialog(uuid.uuid4(), "Alva Ahlberg", DAY)
        qtbot.addWidget(dialog)
        labels = {code: button.text() for code, button in dialog.visibility_buttons.items()}
        assert labels == {
            "private": "Bara jag",
            "mentors": "Elevens mentor(er)",
            "teachers": "Elevens lärare",
        }
    finally:
        install_language(qapp, "en")

"""The roll call as a teacher uses it: keyboard first, real widgets, the real
DB worker and an encrypted cache; every key event sent is counted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel
from pytestqt.qtbot import QtBot

from desktop.models.roll_call_model import RollCallModel
from desktop.pages.attendance.roll_call_view import RollCallView
from sync_protocol import ids
from tests.desktop.attendance_school import DAY, AttendanceApp, local, make_app, sync_in

TIMEOUT_MS = 10_000


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    yield from make_app(tmp_path)


class Keyboard:
    """Sends keys to the roll call's list and counts them."""

    def __init__(self, qtbot: QtBot, view: RollCallView) -> None:
        self.qtbot = qtbot
        self.view = view
        self.presses = 0

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.view.table, key, modifier)
        self.presses += 1

    def type(self, text: str) -> None:
        for char in text:
            self.press(Qt.Key(ord(char.upper())))


def open_roll_call(qtbot: QtBot, app: AttendanceApp, lesson: object = None) -> RollCallView:
    view = RollCallView(app.services)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.open_lesson(lesson or app.room.lesson)  # type: ignore[arg-type]
    return view


def settle(qtbot: QtBot, app: AttendanceApp) -> None:
    """Every save and read queued so far is done and shown."""
    qtbot.waitUntil(lambda: app.runner.pending("db") == 0, timeout=TIMEOUT_MS)
    assert app.errors == []


def current_name(view: RollCallView) -> str:
    entry = view.current_entry()
    assert entry is not None
    return entry.pupil.given_name


def test_a_class_of_30_takes_at_most_35_key_presses(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app)
    room = app.room
    names = [e.pupil.given_name for e in view.model.entries() if e.member]
    assert len(names) == 30
    assert current_name(view) == names[0]  # starts at the first pupil
    keys = Keyboard(qtbot, view)
    plan = {"Bruno": "F", "Kalle": "F", "Cleo": "S", "Isak": "12S", "Pia": "20T", "Saga": "A"}
    for name in names:
        assert current_name(view) == name
        if name == room.reported:
            keys.press(Qt.Key.Key_Down)  # pre-filled from the guardian's report: skip
        elif name in plan:
            keys.type(plan[name])
        else:
            keys.press(Qt.Key.Key_Space)
    settle(qtbot, app)
    assert keys.presses <= 35, keys.presses
    statuses = room.statuses()
    assert len(statuses) == 30  # 29 pupils + the stale mark of the pupil who left
    assert room.reported not in statuses  # the report decides her; nothing saved
    reported = view.model.entry_at(view.model.row_of(room.pupils[room.reported]) or 0)
    assert reported is not None
    assert reported.prefilled
    assert [n for n, s in statuses.items() if s == "absent"] == ["Bruno", "Kalle"]
    assert statuses["Saga"] == "other_activity"
    cleo, isak, pia = (room.attendance(name) for name in ("Cleo", "Isak", "Pia"))
    assert cleo is not None
    assert isak is not None
    assert pia is not None
    assert (cleo["status"], cleo["late_minutes"]) == ("late", 7)  # 10:07:40, lesson at 10:00
    assert (isak["status"], isak["late_minutes"]) == ("late", 12)
    assert (pia["status"], pia["left_early_minutes"]) == ("left_early", 20)
    assert room.registered()
    assert view.progress_label.text().startswith("30 of 30 marked")


def test_all_unmarked_present_keeps_reports_and_marks(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app)
    keys = Keyboard(qtbot, view)
    assert current_name(view) == "Alva"
    keys.press(Qt.Key.Key_F)  # Alva absent
    assert current_name(view) == "Bruno"  # Berg: Swedish order by family name
    keys.type("5S")  # Bruno 5 minutes late
    settle(qtbot, app)
    keys.press(
        Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    settle(qtbot, app)
    room = app.room
    statuses = room.statuses()
    assert statuses["Alva"] == "absent"
    assert statuses["Bruno"] == "late"
    assert room.reported not in statuses  # a guardian's report: left as it says
    others = {n: s for n, s in statuses.items() if n not in ("Alva", "Bruno", room.reported, "?")}
    assert set(others.values()) == {"present"}
    assert len(others) == 27
    assert not view.all_present_button.isEnabled()  # nobody left to mark


def test_late_arrived_now_counts_from_the_lesson_start(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app)
    keys = Keyboard(qtbot, view)
    app.clock.moment = local(DAY, 10, 23, 59)
    keys.press(Qt.Key.Key_S)
    app.clock.moment = local(DAY, 10, 41, 10)
    keys.press(Qt.Key.Key_T)  # leaving now: 8 minutes before 10:50
    settle(qtbot, app)
    alva, bruno = app.room.attendance("Alva"), app.room.attendance("Bruno")
    assert alva is not None
    assert (alva["status"], alva["late_minutes"]) == ("late", 23)
    assert bruno is not None
    assert (bruno["status"], bruno["left_early_minutes"]) == ("left_early", 8)
    # Before the lesson (or after it) "now" says nothing: type the minutes.
    app.clock.moment = local(DAY, 9, 55)
    keys.press(Qt.Key.Key_S)
    assert view.message_label.isVisible()
    assert "Type the minutes" in view.message_label.text()
    assert current_name(view) == "Bodil"  # the selection did not move
    settle(qtbot, app)
    assert app.room.attendance("Bodil") is None


def test_minutes_outside_the_lesson_are_refused_with_a_message(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    view = open_roll_call(qtbot, app)
    keys = Keyboard(qtbot, view)
    keys.type("51")
    assert "51 min" in view.minutes_label.text()
    keys.press(Qt.Key.Key_S)
    assert view.message_label.isVisible()
    assert "between 1 and 50" in view.message_label.text()
    assert not view.minutes_label.isVisible()  # the typed minutes are cleared
    keys.type("0T")
    assert "between 1 and 50" in view.message_label.text()
    keys.type("9")
    keys.press(Qt.Key.Key_Backspace)
    keys.type("5")
    keys.press(Qt.Key.Key_Return)  # Enter needs a pupil already late or gone early
    assert "then S (late) or T (left early)" in view.message_label.text()
    settle(qtbot, app)
    assert app.room.pending() == 0
    assert app.room.attendance("Alva") is None
    assert current_name(view) == "Alva"
    assert "5 min" in view.minutes_label.text()  # kept: S or T can still follow
    keys.press(Qt.Key.Key_Escape)  # clears the typed minutes and the message
    assert not view.minutes_label.isVisible()
    assert not view.message_label.isVisible()
    keys.type("50T")  # the whole lesson is allowed
    settle(qtbot, app)
    alva = app.room.attendance("Alva")
    assert alva is not None
    assert alva["left_early_minutes"] == 50
    keys.press(Qt.Key.Key_Up)
    keys.type("30")
    keys.press(Qt.Key.Key_Return)  # change the minutes of a pupil gone early
    settle(qtbot, app)
    alva = app.room.attendance("Alva")
    assert alva is not None
    assert alva["left_early_minutes"] == 30


def test_a_cancelled_lesson_is_read_only(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app, app.room.cancelled)
    assert view.banner.isVisible()
    assert "This lesson was cancelled" in view.banner.text()
    assert not view.all_present_button.isEnabled()
    keys = Keyboard(qtbot, view)
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_F)
    assert "cancelled" in view.message_label.text()
    view.mark_all_present()
    settle(qtbot, app)
    assert app.room.pending() == 0
    assert app.room.statuses(app.room.cancelled) == {}


def test_membership_dates_decide_who_is_listed(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app)
    entries = view.model.entries()
    names = [e.pupil.full_name for e in entries if e.member]
    assert "Åke Öberg" in names  # joined today
    assert "Lisa Lämnat" not in names  # left yesterday
    stale = [e for e in entries if not e.member]
    assert [e.pupil.full_name for e in stale] == ["Lisa Lämnat"]
    row = view.model.row_of(stale[0].pupil.id)
    assert row == len(entries) - 1  # after the class
    index = view.model.index(row, RollCallModel.NOTE)
    assert "No longer in the group" in index.data()
    assert (
        view.model.index(row, RollCallModel.NAME).data(Qt.ItemDataRole.ForegroundRole) is not None
    )
    view.select_row(row)
    Keyboard(qtbot, view).press(Qt.Key.Key_F)
    assert "Lisa Lämnat is not in the lesson's groups" in view.message_label.text()
    settle(qtbot, app)
    assert app.room.statuses()["?"] == "present"  # the stale mark is kept as it was


def test_a_late_guardian_report_is_asked_about(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app)
    keys = Keyboard(qtbot, view)
    room = app.room
    keys.press(Qt.Key.Key_Down)
    assert current_name(view) == "Bruno"
    keys.press(Qt.Key.Key_F)  # absent, invalid
    keys.press(Qt.Key.Key_Up)  # back to Bruno
    settle(qtbot, app)
    assert not view.question.isVisible()
    report = ids.natural_id("test-report", room.pupils["Bruno"])

    def arrives(data: object) -> None:
        data.add(  # type: ignore[attr-defined]
            "absence_report",
            report,
            pupil_id=room.pupils["Bruno"],
            absence_type="reported_absence",
            start_time=local(DAY, 8),
            end_time=local(DAY, 16),
            reported_by_name="Berit Berg",
            reported_at=local(DAY, 9, 12),
        )

    sync_in(room.cache, arrives)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        app.runner.operation_did_execute.emit(frozenset({"sync"}))
    assert current_name(view) == "Bruno"
    assert room.statuses()["Bruno"] == "absent"  # never swapped silently
    assert view.question.isVisible()
    assert "Reported by guardian at 09:12 — accept" in view.question_label.text()
    note = view.model.index(1, RollCallModel.NOTE).data()
    assert "Reported by guardian at 09:12" in note
    qtbot.mouseClick(view.keep_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    bruno = room.attendance("Bruno")
    assert bruno is not None
    assert (bruno["status"], bruno["absence_report_id"]) == ("absent", report)
    assert not view.question.isVisible()


def test_accepting_a_late_report_makes_the_absence_valid(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app)
    keys = Keyboard(qtbot, view)
    room = app.room
    keys.press(Qt.Key.Key_F)
    keys.press(Qt.Key.Key_Up)
    settle(qtbot, app)
    sync_in(
        room.cache,
        lambda data: data.add(
            "absence_report",
            pupil_id=room.pupils["Alva"],
            absence_type="reported_absence",
            start_time=local(DAY, 8),
            end_time=local(DAY, 16),
            reported_at=local(DAY, 9, 12),
        ),
    )
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        app.runner.operation_did_execute.emit(frozenset({"sync"}))
    assert view.question.isVisible()
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    assert room.statuses()["Alva"] == "valid_absence"
    assert not view.question.isVisible()


def test_a_co_teachers_marks_arrive_without_moving_the_selection(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    view = open_roll_call(qtbot, app)
    room = app.room
    view.select_row(5)
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    sync_in(
        room.cache,
        lambda data: data.add(
            "attendance",
            ids.attendance_id(room.lesson, room.pupils["Bodil"]),
            lesson_id=room.lesson,
            pupil_id=room.pupils["Bodil"],
            activity_id=room.activity,
            status="late",
            late_minutes=4,
        ),
    )
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        app.runner.operation_did_execute.emit(frozenset({"sync"}))
    assert view.table.currentIndex().row() == 5
    assert resets == []
    assert view.model.index(2, RollCallModel.MARK).data() == "Late · 4 min"


def test_a_comment_is_saved_with_a_hint_against_health_details(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    view = open_roll_call(qtbot, app)
    assert "health" in view.comment_edit.placeholderText()
    keys = Keyboard(qtbot, view)
    keys.press(Qt.Key.Key_K)
    assert "Mark Alva Ahlberg first" in view.message_label.text()
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_Up)
    keys.press(Qt.Key.Key_K)
    assert view.comment_edit.hasFocus()
    view.comment_edit.insert("Glömt boken")  # QTest types ASCII only
    qtbot.keyClick(view.comment_edit, Qt.Key.Key_Return)
    settle(qtbot, app)
    alva = app.room.attendance("Alva")
    assert alva is not None
    assert (alva["status"], alva["comment"]) == ("present", "Glömt boken")
    assert view.table.hasFocus()
    assert "“Glömt boken”" in view.model.index(0, RollCallModel.NOTE).data()


def test_the_legend_shows_every_key(qtbot: QtBot, app: AttendanceApp) -> None:
    view = open_roll_call(qtbot, app)
    caps = [label.text() for label in view.findChildren(QLabel, "keyCap")]
    for key in ("Space / N", "F", "S", "12 S", "T", "G", "A", "K", "↑ ↓"):
        assert key in caps
    hints = [label.text() for label in view.findChildren(QLabel, "hintLabel")]
    assert any(hint.startswith("Ctrl+Shift+N: everyone not yet marked") for hint in hints)
    assert view.findChild(QFrame, "keyLegend").isVisible()

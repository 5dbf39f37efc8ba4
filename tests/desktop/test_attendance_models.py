"""The attendance item models pass QAbstractItemModelTester and say what a
teacher relies on; the absence chart draws what the figures say."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.models.absence_notice_model import AbsenceNoticeModel
from desktop.models.attendance_statistics_model import SORT_ROLE, AttendanceStatisticsModel
from desktop.models.missing_roll_call_model import MissingRollCallModel
from desktop.models.roll_call_model import STATE_ROLE, RollCallModel
from desktop.widgets.absence_chart import (
    INVALID_COLOR,
    VALID_COLOR,
    AbsenceChart,
    axis_top,
    tick_step,
    week_shares,
)
from local_db.attendance.views import (
    AbsenceNoticeView,
    AbsenceReportView,
    AttendanceMark,
    AttendanceSums,
    PupilSums,
    RollCallEntry,
    WeekAbsence,
)
from local_db.views import LessonView, PupilView
from tests.desktop.attendance_school import DAY, local


def _pupil(given: str, family: str) -> PupilView:
    return PupilView(uuid.uuid4(), given, family, protected=False)


def _report(pupil: PupilView, hour: int, minute: int) -> AbsenceReportView:
    return AbsenceReportView(
        id=uuid.uuid4(),
        pupil_id=pupil.id,
        absence_type="reported_absence",
        start_time=local(DAY, 8),
        end_time=local(DAY, 16),
        reported_by_name="Berit Björk",
        reported_at=local(DAY, hour, minute),
    )


def test_roll_call_model_updates_rows_in_place(qtmodeltester: ModelTester) -> None:
    model = RollCallModel()
    qtmodeltester.check(model)
    alva, bodil, lisa = _pupil("Alva", "Ahlberg"), _pupil("Bodil", "Björk"), _pupil("Lisa", "L")
    entries = [
        RollCallEntry(alva, AttendanceMark("late", late_minutes=7), None),
        RollCallEntry(bodil, None, _report(bodil, 7, 42)),
        RollCallEntry(lisa, AttendanceMark("present"), None, member=False),
    ]
    model.set_entries(entries, DAY)
    assert model.rowCount() == 3
    assert model.index(0, RollCallModel.BADGE).data() == "AA"
    assert model.index(0, RollCallModel.MARK).data() == "Late · 7 min"
    assert model.index(1, RollCallModel.MARK).data() == "Valid absence"  # pre-filled
    assert model.index(1, RollCallModel.NOTE).data() == "Reported by guardian 07:42"
    assert model.index(1, 0).data(STATE_ROLE) == "valid_absence"
    assert model.index(1, RollCallModel.MARK).data(Qt.ItemDataRole.FontRole).italic()
    assert "No longer in the group" in model.index(2, RollCallModel.NOTE).data()
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Alva Ahlberg: Late · 7 min"
    )
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    model.modelReset.connect(lambda: resets.append(True))
    absent = AttendanceMark("absent", absence_report_id=None)
    update = [entries[0], dataclasses.replace(entries[1], mark=absent), entries[2]]
    model.set_entries(update, DAY)
    assert changed == [(1, 1)]  # one ranged signal, no reset
    assert resets == []
    assert model.index(1, RollCallModel.MARK).data() == "Absent (invalid)"
    assert "accept as valid absence?" in model.index(1, RollCallModel.NOTE).data()
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    model.set_entries(update[:2], DAY)  # someone left the list: a reset
    assert resets == [True]
    assert model.row_of(lisa.id) is None


def test_statistics_model_highlights_pupils_at_or_above_the_threshold(
    qtmodeltester: ModelTester,
) -> None:
    model = AttendanceStatisticsModel()
    qtmodeltester.check(model)
    high = PupilSums(
        _pupil("Alva", "Ahlberg"),
        AttendanceSums(
            offered=600, reported=600, valid_absence=60, invalid_absence=30, late_count=2
        ),
    )
    low = PupilSums(
        _pupil("Bo", "Berg"), AttendanceSums(offered=600, reported=600, invalid_absence=30)
    )
    model.set_rows([high, low])
    assert model.index(0, model.ABSENCE).data() == "15.0 %"
    assert model.index(0, model.NOTE).data() == "At or above 15 %"
    assert model.index(1, model.NOTE).data() == ""
    assert model.index(0, model.PUPIL).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, model.PUPIL).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, model.REPORTED).data() == "10.0 h"
    assert model.index(0, model.ABSENCE).data(SORT_ROLE) == 15.0
    model.set_threshold(16)
    assert model.index(0, model.NOTE).data() == ""


def test_missing_roll_calls_and_notices_models(qtmodeltester: ModelTester) -> None:
    lesson = LessonView(
        id=uuid.uuid4(),
        activity_id=uuid.uuid4(),
        activity_name="Matematik 7A",
        subject_name="Matematik",
        group_names=("7A",),
        start_time=local(DAY, 9),
        end_time=local(DAY, 9, 50),
        room="B12",
        cancelled=False,
        mine=True,
        teacher_names=(),
        registered=False,
    )
    missing = MissingRollCallModel()
    qtmodeltester.check(missing)
    missing.set_rows([lesson])
    assert missing.index(0, missing.DATE).data() == "Monday 14 Sep"
    assert missing.index(0, missing.TIME).data() == "09:00–09:50"
    notices = AbsenceNoticeModel()
    qtmodeltester.check(notices)
    notices.set_rows(
        [
            AbsenceNoticeView(uuid.uuid4(), DAY, "sent", 1, local(DAY, 11, 5), None),
            AbsenceNoticeView(uuid.uuid4(), DAY, "failed", 3, None, "No guardian e-mail"),
            AbsenceNoticeView(uuid.uuid4(), DAY, "queued", 0, None, None),
        ]
    )
    assert notices.index(0, notices.STATE).data() == "Sent 11:05"
    assert "3 attempts" in notices.index(1, notices.STATE).data()
    assert notices.index(1, notices.STATE).data(Qt.ItemDataRole.ToolTipRole) == "No guardian e-mail"
    assert notices.index(2, notices.STATE).data() == "Waiting to be sent"


def _weeks() -> list[WeekAbsence]:
    monday = dt.date(2026, 8, 17)
    return [
        WeekAbsence(monday, 34, reported=1000, valid_absence=100, invalid_absence=50),
        WeekAbsence(
            monday + dt.timedelta(days=7), 35, reported=0, valid_absence=0, invalid_absence=0
        ),
        WeekAbsence(
            monday + dt.timedelta(days=14), 36, reported=500, valid_absence=0, invalid_absence=150
        ),
    ]


def test_chart_shares_and_axis() -> None:
    assert week_shares(_weeks()) == [(10.0, 5.0), None, (0.0, 30.0)]
    assert axis_top(3) == 10
    assert axis_top(30) == 30
    assert axis_top(31) == 40
    assert axis_top(51) == 75
    assert axis_top(120) == 100
    assert [tick_step(top) for top in (10, 30, 40, 50, 75, 100)] == [2, 10, 10, 10, 25, 20]


def test_chart_draws_stacked_bars_with_labels(qtbot: QtBot) -> None:
    chart = AbsenceChart()
    qtbot.addWidget(chart)
    chart.resize(600, 240)
    chart.set_weeks(_weeks())
    chart.show()
    image: QImage = chart.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, 600, 2) for y in range(0, 240, 2)}
    assert VALID_COLOR in colours
    assert INVALID_COLOR in colours
    assert "week 34: valid 10.0 %, invalid 5.0 %" in chart.accessibleDescription()
    assert "week 35" not in chart.accessibleDescription()  # nothing registered that week
    empty = AbsenceChart()
    qtbot.addWidget(empty)
    empty.set_weeks([])
    assert empty.describe() == "No registered lessons in this period."

"""Every item model passes QAbstractItemModelTester, and shows what a
teacher relies on (without any widget)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester

from desktop import local_time
from desktop.models.group_table_model import GroupTableModel
from desktop.models.lesson_table_model import TIMING_ROLE, LessonTableModel, LessonTiming
from desktop.models.membership_table_model import MembershipTableModel
from desktop.models.pupil_table_model import PupilTableModel
from desktop.models.rows_table_model import ROW_ROLE
from local_db.views import GroupView, LessonView, MembershipView, PupilView

DAY = dt.date(2026, 11, 25)  # a Wednesday


def _at(hour: int, minute: int = 0) -> dt.datetime:
    local = dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=local_time.SCHOOL_TZ)
    return local.astimezone(dt.UTC)


def _lesson(
    name: str,
    hour: int,
    *,
    cancelled: bool = False,
    registered: bool = False,
    room: str | None = "B12",
) -> LessonView:
    return LessonView(
        id=uuid.uuid4(),
        activity_id=uuid.uuid4(),
        activity_name=f"{name} 7A",
        subject_name=name,
        group_names=("7A",),
        start_time=_at(hour),
        end_time=_at(hour, 50),
        room=room,
        cancelled=cancelled,
        mine=True,
        teacher_names=("Anna Andersson",),
        registered=registered,
    )


def test_lesson_model_marks_current_and_next_and_strikes_cancelled(
    qtmodeltester: ModelTester,
) -> None:
    model = LessonTableModel()
    qtmodeltester.check(model)
    lessons = [
        _lesson("Svenska", 10),
        _lesson("Matematik", 8, registered=True),
        _lesson("Biologi", 13, cancelled=True),
        _lesson("Engelska", 14, room=None),
    ]
    model.set_rows(lessons)
    qtmodeltester.check(model)
    assert [model.index(r, model.SUBJECT).data() for r in range(4)] == [
        "Matematik",
        "Svenska",
        "Biologi",
        "Engelska",
    ]  # in time order
    assert model.index(0, model.TIME).data() == "08:00–08:50"  # Stockholm time

    with_signal: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b: with_signal.append((a.row(), b.row())))
    model.set_now(_at(10, 20))  # during Svenska
    timings = [model.index(r, 0).data(TIMING_ROLE) for r in range(4)]
    assert timings == [LessonTiming.PAST, LessonTiming.CURRENT, None, None]
    assert with_signal == [(0, 1)]  # one ranged change, no reset

    model.set_now(_at(11, 0))  # between lessons: the next one (cancelled is skipped)
    assert model.index(3, 0).data(TIMING_ROLE) is LessonTiming.NEXT
    font = model.index(2, model.SUBJECT).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.strikeOut()
    assert model.index(0, model.ROLL_CALL).data() == "Taken"
    assert model.index(2, model.ROLL_CALL).data() == "Cancelled"
    assert model.index(3, model.ROLL_CALL).data() == "Later"
    assert model.index(3, model.ROOM).data() == ""
    assert isinstance(model.index(1, 0).data(ROW_ROLE), LessonView)
    qtmodeltester.check(model)


def test_group_model_lists_own_groups_first_with_counts(qtmodeltester: ModelTester) -> None:
    model = GroupTableModel()
    model.set_rows(
        [
            GroupView(uuid.uuid4(), "8B", "class", 8, 21, taught_by_me=False),
            GroupView(uuid.uuid4(), "7B", "teaching", 7, 12, taught_by_me=True),
            GroupView(uuid.uuid4(), "7A", "class", None, 24, taught_by_me=True),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(r, model.NAME).data() for r in range(3)] == ["7A", "7B", "8B"]
    assert model.index(0, model.PUPILS).data() == "24"
    assert model.index(0, model.YEAR).data() == ""
    assert model.index(1, model.KIND).data() == "Teaching group"
    assert model.headerData(model.PUPILS, Qt.Orientation.Horizontal) == "Pupils"


def test_pupil_model_sorts_by_family_name_and_marks_protected(
    qtmodeltester: ModelTester,
) -> None:
    model = PupilTableModel()
    model.set_rows(
        [
            PupilView(uuid.uuid4(), "Axel", "Ås", protected=False),
            PupilView(uuid.uuid4(), "Elsa", "Eriksson", protected=True),
            PupilView(uuid.uuid4(), "Alva", "Ahlberg", protected=False),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(r, model.NAME).data() for r in range(3)] == [
        "Ahlberg, Alva",
        "Eriksson, Elsa",
        "Ås, Axel",
    ]
    assert model.index(1, model.NOTE).data() == "Protected"
    assert model.index(0, model.NOTE).data() == ""


def test_membership_model_shows_dates(qtmodeltester: ModelTester) -> None:
    model = MembershipTableModel()
    model.set_rows(
        [
            MembershipView(uuid.uuid4(), "Sv-grupp", dt.date(2026, 8, 20), dt.date(2026, 12, 18)),
            MembershipView(uuid.uuid4(), "7A", dt.date(2026, 8, 20), None),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, model.GROUP).data() == "7A"
    assert model.index(0, model.UNTIL).data() == "ongoing"
    assert model.index(1, model.UNTIL).data() == "2026-12-18"

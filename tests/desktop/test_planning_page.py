"""Planering, offscreen against a real (in-memory, encrypted) cache: the
week's lessons with their plans, saving a plan, a link that is not a link
and an oversized text (a clear message, nothing lost), copying to next
week, the cancelled lesson's offer to move the plans on, and a unit with
syllabus items picked from the catalogue. Every model passes qtmodeltester."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.models.planning_models import CatalogueItemModel, UnitListModel, WeekPlanModel
from desktop.pages.planning.plan_editor import index_of
from desktop.pages.planning.planning_dialogs import (
    CataloguePickDialog,
    CopyPlanDialog,
    CopyUnitDialog,
)
from desktop.pages.planning.planning_page import PlanningPage
from local_db.planning.views import PickedItem, PlanView, UnitSummary, WeekLesson
from local_db.schema import synced
from local_db.views import LessonView
from sync_protocol import ids
from sync_protocol.planning_documents import Link, parse_picks
from tests.desktop.attendance_school import DAY, AttendanceApp, local, make_app, sync_in
from tests.desktop.helpers import TIMEOUT_MS
from tests.local_db.records import RecordBuilder
from tests.support.catalogue_files import subject_file
from tests.support.catalogue_records import add_subject


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    made = make_app(tmp_path)
    app = next(made)
    room = app.room

    def more(data: RecordBuilder) -> None:
        # Next Monday's maths lesson, and one the Monday after.
        for weeks in (1, 2):
            data.lesson(room.activity, local(DAY + dt.timedelta(weeks=weeks), 10), 50)
        data.add(
            "lesson_plan",
            ids.lesson_plan_id(room.cancelled),
            lesson_id=room.cancelled,
            activity_id=room.swedish,
            planning_unit_id=None,
            content="Högläsning kapitel 3",
            homework="",
        )
        data.lesson(room.swedish, local(DAY + dt.timedelta(days=1), 13), 60)
        add_subject(data, subject_file(version=1))

    sync_in(room.cache, more)
    yield app
    next(made, None)


def _open(qtbot: QtBot, app: AttendanceApp) -> PlanningPage:
    page = PlanningPage(app.services)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show()
    return page


def _plan(app: AttendanceApp, lesson: uuid.UUID) -> dict[str, object] | None:
    table = synced["lesson_plan"]
    with app.room.cache.connect() as conn:
        row = (
            conn.execute(
                select(table).where(table.c.lesson_id == lesson, table.c.deleted.is_(False))
            )
            .mappings()
            .first()
        )
    return None if row is None else dict(row)


def _choose(page: PlanningPage, lesson: uuid.UUID) -> None:
    row = page.week_model.row_of_lesson(lesson)
    assert row >= 0
    page.week_table.setCurrentIndex(page.week_model.index(row, 0))


def _written(qtbot: QtBot, page: PlanningPage, action: object) -> None:
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        action()  # type: ignore[operator]


def test_a_plan_is_written_in_the_week_and_copied_to_next_week(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = _open(qtbot, app)
    room = app.room
    assert page.week_label.text().startswith("Week 38")
    rows = [page.week_model.row_at(n) for n in range(page.week_model.rowCount())]
    assert room.lesson in [r.lesson.id for r in rows if r is not None]
    _choose(page, room.lesson)
    editor = page.plan_editor
    editor.content_edit.setPlainText("Bråk: introduktion")
    editor.homework_edit.setPlainText("Läs s. 12")
    editor.links_edit.setPlainText("https://nok.se/bråk Bråkboken")
    _written(qtbot, page, editor.save_button.click)
    stored = _plan(app, room.lesson)
    assert stored is not None
    assert (stored["content"], stored["homework"]) == ("Bråk: introduktion", "Läs s. 12")
    assert stored["links"] == '[{"url":"https://nok.se/bråk","title":"Bråkboken"}]'
    row = page.week_model.row_of_lesson(room.lesson)
    assert page.week_model.index(row, WeekPlanModel.PLAN).data() == "Bråk: introduktion"
    assert page.week_model.index(row, WeekPlanModel.LINKS).data() == "1"

    _choose(page, room.lesson)
    assert editor.next_week_button.isEnabled()
    _written(qtbot, page, editor.next_week_button.click)
    assert editor.message.text() == "Copied to next week."
    page.next_button.click()
    qtbot.waitUntil(lambda: page.week_label.text().startswith("Week 39"), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: page.week_model.rowCount() > 0, timeout=TIMEOUT_MS)
    shown = [
        page.week_model.index(n, WeekPlanModel.PLAN).data()
        for n in range(page.week_model.rowCount())
    ]
    assert "Bråk: introduktion" in shown


def test_a_link_that_is_not_a_link_and_an_oversized_plan_say_why_and_keep_the_text(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = _open(qtbot, app)
    _choose(page, app.room.lesson)
    editor = page.plan_editor
    editor.content_edit.setPlainText("Geometri")
    editor.links_edit.setPlainText("https://skolverket.se\nwww.nok.se/geometri")
    editor.save_button.click()
    assert editor.message.isVisibleTo(page)
    assert editor.message.text().startswith("Line 2 of the links is not a link")
    assert editor.links_edit.toPlainText() == "https://skolverket.se\nwww.nok.se/geometri"
    assert _plan(app, app.room.lesson) is None

    editor.links_edit.setPlainText("")
    editor.content_edit.setPlainText("x" * 20_001)
    editor.save_button.click()
    assert editor.message.text().startswith(
        "The plan is too long: at most 20 000 characters (it has 20001)."
    )
    assert len(editor.content_edit.toPlainText()) == 20_001
    assert _plan(app, app.room.lesson) is None
    # A refresh (a sync, say) keeps what is being typed.
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.refresh()
    assert len(editor.content_edit.toPlainText()) == 20_001


def test_a_cancelled_lesson_offers_to_move_its_plan_on(qtbot: QtBot, app: AttendanceApp) -> None:
    page = _open(qtbot, app)
    room = app.room
    _choose(page, room.cancelled)
    editor = page.plan_editor
    assert editor.cancelled_box.isVisibleTo(page)
    _written(qtbot, page, editor.shift_button.click)
    assert page.message_label.text() == "1 plans moved one lesson on."
    assert _plan(app, room.cancelled) is None
    moved = [
        r
        for r in (page.week_model.row_at(n) for n in range(page.week_model.rowCount()))
        if r is not None and r.plan is not None and r.plan.content == "Högläsning kapitel 3"
    ]
    assert len(moved) == 1
    assert moved[0].lesson.start_time == local(DAY + dt.timedelta(days=1), 13)


def test_a_unit_is_written_with_items_picked_from_the_syllabus(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = _open(qtbot, app)
    page.tabs.setCurrentIndex(1)
    assert page.activity_combo.currentText() == "Matematik 7A"
    page.new_unit_button.click()
    editor = page.unit_editor
    editor.title_edit.setText("Bråk och procent")
    editor.aims_edit.setPlainText("Eleverna ska kunna räkna med bråk.")
    editor.pick_button.click()
    dialog = page.last_dialog
    assert isinstance(dialog, CataloguePickDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=TIMEOUT_MS)
    total = dialog.model.rowCount()
    dialog.search_edit.setText("punkt 2")
    assert 0 < dialog.model.rowCount() < total
    first = dialog.model.index(0)
    dialog.model.setData(first, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.source_label.text() == "Source: Skolverket, Matematik, version 1"
    dialog.accept()
    assert editor.picked_list.count() == 1
    assert editor.source_label.text() == "Source: Skolverket, Matematik, version 1"
    editor.status_combo.setCurrentIndex(1)
    _written(qtbot, page, editor.save_button.click)
    qtbot.waitUntil(lambda: page.unit_model.rowCount() == 1, timeout=TIMEOUT_MS)
    table = synced["planning_unit"]
    with app.room.cache.connect() as conn:
        row = conn.execute(select(table)).mappings().one()
    assert (row["title"], row["status"]) == ("Bråk och procent", "published")
    picks = parse_picks(row["curriculum"])
    assert picks is not None
    assert (picks.subject, picks.version, len(picks.items)) == ("GRGRMAT01", 1, 1)
    assert "Published" in page.unit_model.index(0).data()


def test_typing_in_a_unit_is_saved_before_another_unit_takes_its_place(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    page = _open(qtbot, app)
    page.tabs.setCurrentIndex(1)
    editor = page.unit_editor
    for title in ("Bråk", "Geometri"):
        page.new_unit_button.click()
        editor.title_edit.setText(title)
        _written(qtbot, page, editor.save_button.click)
    qtbot.waitUntil(lambda: page.unit_model.rowCount() == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: editor.unit is not None, timeout=TIMEOUT_MS)
    typed_in = editor.unit_id
    editor.aims_edit.setPlainText("Skrivet men inte sparat")
    other = next(
        n
        for n in range(2)
        if page.unit_model.unit_at(n).id != typed_in  # type: ignore[union-attr]
    )
    _written(qtbot, page, lambda: page.unit_list.setCurrentIndex(page.unit_model.index(other)))
    table = synced["planning_unit"]
    with app.room.cache.connect() as conn:
        aims = conn.scalar(select(table.c.aims).where(table.c.id == typed_in))
    assert aims == "Skrivet men inte sparat"

    # A unit that cannot be saved as it is (no title) keeps the editor.
    editor.title_edit.setText("")
    page.new_unit_button.click()
    assert editor.title_edit.text() == ""
    assert editor.message.text() == "A unit needs a title."


def _lesson(**kw: object) -> LessonView:
    start = dt.datetime(2026, 9, 14, 8, tzinfo=dt.UTC)
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "activity_id": uuid.uuid4(),
        "activity_name": "Ma 7A",
        "subject_name": "Matematik",
        "group_names": ("7A",),
        "start_time": start,
        "end_time": start + dt.timedelta(minutes=50),
        "room": None,
        "cancelled": False,
        "mine": True,
        "teacher_names": (),
        "registered": False,
    }
    values.update(kw)
    return LessonView(**values)  # type: ignore[arg-type]


def test_the_planning_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    week = WeekPlanModel()
    qtmodeltester.check(week)
    lesson = _lesson()
    plan = PlanView(
        uuid.uuid4(),
        lesson.id,
        lesson.activity_id,
        None,
        "Bråk",
        "Introduktion\nmer",
        "Läxa",
        (Link("https://nok.se"),),
    )
    week.set_rows([WeekLesson(lesson, plan), WeekLesson(_lesson(cancelled=True), None)])
    qtmodeltester.check(week)
    assert week.index(0, WeekPlanModel.PLAN).data() == "Bråk: Introduktion"
    assert week.index(1, WeekPlanModel.LESSON).data() == "Ma 7A (cancelled)"
    assert week.index(1, WeekPlanModel.PLAN).data() == "No plan yet"

    units = UnitListModel()
    qtmodeltester.check(units)
    units.set_units(
        [
            UnitSummary(
                uuid.uuid4(),
                uuid.uuid4(),
                "Bråk",
                dt.date(2026, 9, 14),
                dt.date(2026, 10, 9),
                "draft",
                3,
            )
        ]
    )
    qtmodeltester.check(units)
    assert units.index(0).data() == "Bråk · weeks 38–41 · Draft"

    items = CatalogueItemModel()
    qtmodeltester.check(items)
    picked = [
        PickedItem(uuid.uuid4(), "central_content", "7-9", None, "Taluppfattning", n, f"Punkt {n}")
        for n in (1, 2)
    ]
    items.set_items(picked)
    qtmodeltester.check(items)
    assert items.setData(items.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert items.checked() == [picked[1].id]
    assert items.index(1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert items.index(0).data() == "Central content 7-9, Taluppfattning: Punkt 1"
    assert not items.setData(QModelIndex(), True, Qt.ItemDataRole.CheckStateRole)
    qtmodeltester.check(items)


def test_a_unit_is_copied_to_another_group_and_a_plan_to_another_lesson(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    room = app.room
    unit = uuid.uuid4()

    def planned(data: RecordBuilder) -> None:
        data.add(
            "planning_unit",
            unit,
            activity_id=room.activity,
            title="Bråk",
            aims="Räkna med bråk",
            central_content="",
            assessment_criteria="",
            start_date=DAY,
            end_date=DAY + dt.timedelta(weeks=2),
            curriculum="",
            status="published",
        )
        data.add(
            "lesson_plan",
            ids.lesson_plan_id(room.lesson),
            lesson_id=room.lesson,
            activity_id=room.activity,
            planning_unit_id=unit,
            content="Bråk: introduktion",
            homework="",
        )

    sync_in(room.cache, planned)
    page = _open(qtbot, app)
    _choose(page, room.lesson)
    page.plan_editor.elsewhere_button.click()
    qtbot.waitUntil(lambda: page.last_dialog is not None, timeout=TIMEOUT_MS)
    dialog = page.last_dialog
    assert isinstance(dialog, CopyPlanDialog)
    texts = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    tuesday = next(n for n, text in enumerate(texts) if "Svenska 7A" in text)
    dialog.list.setCurrentRow(tuesday)
    _written(qtbot, page, dialog.accept)
    swedish = [r for r in page.week_model.rows() if r.lesson.activity_id == room.swedish]
    copied = [r for r in swedish if r.plan is not None and r.plan.content == "Bråk: introduktion"]
    assert len(copied) == 1
    assert copied[0].plan is not None
    assert copied[0].plan.planning_unit_id is None  # 7A maths' unit stays in maths

    page.tabs.setCurrentIndex(1)
    page.unit_list.setCurrentIndex(page.unit_model.index(0))
    qtbot.waitUntil(lambda: page.unit_editor.unit is not None, timeout=TIMEOUT_MS)
    assert page.unit_editor.lesson_list.count() == 1
    page.unit_editor.copy_button.click()
    copy = page.last_dialog
    assert isinstance(copy, CopyUnitDialog)
    assert copy.start_edit.date().toPython() == DAY + dt.timedelta(weeks=52)
    copy.activity_combo.setCurrentIndex(index_of(copy.activity_combo, room.swedish))
    copy.start_edit.setDate(QDate(DAY.year, DAY.month, DAY.day + 1))
    _written(qtbot, page, copy.accept)
    # Swedish's one lesson from then on has the plan copied above: it is passed over.
    assert page.message_label.text() == (
        "Copied: the copy has 0 lesson plans. "
        "1 plans found no lesson in the timetable yet and were not copied."
    )
    page.activity_combo.setCurrentIndex(index_of(page.activity_combo, room.swedish))

    def swedish_units() -> bool:
        shown = page.unit_model.unit_at(0)
        return shown is not None and shown.activity_id == room.swedish

    qtbot.waitUntil(swedish_units, timeout=TIMEOUT_MS)
    assert page.unit_model.index(0).data() == "Bråk · weeks 38–40 · Draft"

"""The gradebook tests' school: 7A's maths with a points test, a graded essay and a
matrix task, and the steps a teacher takes in the gradebook."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.pages.assessment.assessment_page import AssessmentPage
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
    yield from gradebook_app(tmp_path)


def gradebook_app(tmp_path: Path, cache_path: Path | None = None) -> Iterator[AttendanceApp]:
    """The gradebook school (see app), its cache in memory or at cache_path."""
    made = make_app(tmp_path, cache_path)
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

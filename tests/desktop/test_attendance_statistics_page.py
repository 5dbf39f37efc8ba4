"""Statistics in the app: a group's term from the cache, pupils at or above
the threshold highlighted, the threshold kept in the settings, exports for
Excel (exact bytes) and PDF, and the chart and notices on the pupil page."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.exports.attendance_csv import summary_csv, write_summary_csv
from desktop.exports.attendance_pdf import summary_document, write_summary_pdf
from desktop.pages.attendance.statistics_view import LAST_TERM, StatisticsView
from desktop.pages.pupils_page import PupilsPage
from desktop.settings import AppSettings
from local_db.attendance import Mark, mark_pupil, mark_unmarked_present
from local_db.attendance.views import AttendanceSums, GroupStatistics, PupilSums
from local_db.views import PupilView
from sync_protocol import ids
from tests.desktop.attendance_school import DAY, AttendanceApp, make_app, sync_in

TIMEOUT_MS = 10_000


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    made = make_app(tmp_path)
    app = next(made)
    room = app.room
    with room.cache.begin() as conn:
        # Today: Bruno absent, everyone else present (Hedda: reported, valid).
        mark_pupil(conn, room.lesson, room.pupils["Bruno"], Mark("absent"), actor=room.me)
        mark_unmarked_present(conn, room.lesson, actor=room.me)
    with room.cache.begin() as conn:
        # Last Thursday: Bruno absent again, everyone else present.
        mark_pupil(conn, room.taken, room.pupils["Bruno"], Mark("absent"), actor=room.me)
        mark_unmarked_present(conn, room.taken, actor=room.me)
    yield app
    next(made, None)


def open_statistics(qtbot: QtBot, app: AttendanceApp) -> StatisticsView:
    view = StatisticsView(app.services)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.refresh()
    return view


def test_the_group_term_highlights_pupils_at_or_above_the_threshold(
    qtbot: QtBot, app: AttendanceApp, tmp_path: Path
) -> None:
    view = open_statistics(qtbot, app)
    stats = view.stats
    assert stats is not None
    assert (stats.group_name, stats.lesson_count, stats.registered_count) == ("7A", 3, 2)
    flagged = [r.pupil.given_name for r in stats.pupils if view.model.flagged(r)]
    assert flagged == ["Bruno", "Hedda"]  # 100 % invalid; 50 % valid
    bruno = next(r for r in stats.pupils if r.pupil.given_name == "Bruno")
    assert bruno.sums == AttendanceSums(offered=150, reported=100, invalid_absence=100)
    lisa = next(r for r in stats.pupils if r.pupil.given_name == "Lisa")
    assert lisa.sums.offered == 100  # left yesterday: counted while she was in 7A
    ake = next(r for r in stats.pupils if r.pupil.given_name == "Åke")
    assert ake.sums.offered == 50  # joined today
    assert "2 of 31 pupils at or above 15 %" in view.summary_label.text()
    view.set_threshold(60)
    assert AppSettings(tmp_path).absence_threshold == 60  # remembered
    assert [r.pupil.given_name for r in stats.pupils if view.model.flagged(r)] == ["Bruno"]
    assert "1 of 31 pupils at or above 60 %" in view.summary_label.text()
    view.period_combo.setCurrentIndex(LAST_TERM)
    qtbot.waitUntil(lambda: view.stats is not None and view.stats.start.month == 1)
    assert view.stats is not None
    assert view.stats.lesson_count == 0


def test_exports_from_the_page(qtbot: QtBot, app: AttendanceApp, tmp_path: Path) -> None:
    view = open_statistics(qtbot, app)
    assert view.export_name("csv") == "Attendance 7A HT2026.csv"
    csv_path, pdf_path = tmp_path / "7A.csv", tmp_path / "7A.pdf"
    assert view.export_csv(csv_path)
    lines = csv_path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Pupil;Offered (min);Registered (min);")
    assert "Berg, Bruno;150;100;0;0;100;0;100,0;100,0;0;yes" in lines
    assert lines[-2].startswith("Whole group 7A;")
    assert view.export_pdf(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    assert "Saved" in view.message_label.text()
    assert not view.export_csv(tmp_path / "no-such-folder" / "x.csv")
    assert "couldn't save" in view.message_label.text()


def _small_group() -> GroupStatistics:
    def pupil(given: str, family: str) -> PupilView:
        return PupilView(uuid.uuid4(), given, family, protected=False)

    return GroupStatistics(
        group_id=uuid.uuid4(),
        group_name="7A",
        school_name="Ekbackens skola",
        start=dt.date(2026, 8, 1),
        end=dt.date(2026, 12, 31),
        pupils=(
            PupilSums(
                pupil("Åsa", "Öberg"),
                AttendanceSums(600, 540, 450, 45, 36, 9, 3),
            ),
            PupilSums(pupil("Ärna", "Ek"), AttendanceSums(600, 540, 540, 0, 0, 0, 0)),
        ),
        lesson_count=12,
        registered_count=11,
    )


def test_csv_is_exact_for_swedish_excel(tmp_path: Path) -> None:
    stats = _small_group()
    expected = (
        "Pupil;Offered (min);Registered (min);Present (min);Valid absence (min);"
        "Invalid absence (min);Other school activity (min);Absence (%);Invalid absence (%);"
        "Late arrivals;At or above threshold\r\n"
        "Öberg, Åsa;600;540;450;45;36;9;15,0;6,7;3;yes\r\n"
        "Ek, Ärna;600;540;540;0;0;0;0,0;0,0;0;\r\n"
        "Whole group 7A;1200;1080;990;45;36;9;7,5;3,3;3;\r\n"
    )
    assert summary_csv(stats, 15) == expected
    path = tmp_path / "närvaro.csv"
    write_summary_csv(path, stats, 15)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for å, ä, ö
    assert raw[3:] == expected.encode("utf-8")


def test_pdf_is_an_a4_table_with_school_group_period_and_threshold(tmp_path: Path) -> None:
    stats = _small_group()
    text = summary_document(stats, 15, dt.date(2026, 12, 1)).toPlainText()
    for part in (
        "Attendance 7A",
        "School: Ekbackens skola",
        "Group: 7A",
        "Period: 2026-08-01 – 2026-12-31",
        "Threshold: 15 % absence",
        "Öberg, Åsa",
        "Whole group",
    ):
        assert part in text
    path = tmp_path / "närvaro.pdf"
    write_summary_pdf(path, stats, 15, dt.date(2026, 12, 1))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 5_000
    assert b"/MediaBox [0 0 595" in data  # A4: 595 x 842 points


def test_the_pupil_page_shows_the_term_chart_and_guardian_notices(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    room = app.room
    bruno = room.pupils["Bruno"]
    sync_in(
        room.cache,
        lambda data: data.add(
            "absence_notice",
            ids.absence_notice_id(bruno, DAY),
            pupil_id=bruno,
            notice_date=DAY,
            state="queued",
            attempts=0,
        ),
    )
    page = PupilsPage(app.services)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show_pupil(bruno)
    panel = page.detail.attendance
    assert panel.isVisible()
    assert "HT2026" in panel.title.text()
    assert panel.summary.text().startswith("Absence 100.0 % (valid 0.0 %, invalid 100.0 %)")
    assert panel.flag.isVisible()
    weeks = panel.chart.weeks()
    assert [(w.week, w.reported, w.invalid_absence) for w in weeks] == [(37, 50, 50), (38, 50, 50)]
    assert panel.notice_model.index(0, 1).data() == "Waiting to be sent"
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT_MS):
        page.show_pupil(room.pupils["Alva"])
    assert not panel.flag.isVisible()
    assert panel.no_notices.isVisible()

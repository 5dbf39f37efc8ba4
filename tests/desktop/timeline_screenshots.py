"""Render the pupil's timeline offscreen to PNG files, to look at it as a teacher will.

    .venv/bin/python -m tests.desktop.timeline_screenshots [--lang sv|en] [--out docs/screenshots]

The classroom of the timeline tests (tests/desktop/timeline_school.py: an
in-memory encrypted cache, no server), the app's style and language. Grabs
the Pupils page on Alva's timeline (every kind, then with attendance and notes
turned off), the documentation PDF's choices, and the PDF's first page as the
teacher's PDF reader shows it (its HTML laid out on an A4-shaped image).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QApplication

from desktop.application import create_application
from desktop.exports.documentation_pdf import documentation_html
from desktop.exports.unit_pdf import unit_html
from desktop.pages.documentation.documentation_export import DocumentationExportDialog
from desktop.pages.pupils_page import PupilsPage
from local_db.documentation.timeline import ATTENDANCE, NOTE
from local_db.planning import reads
from server.services.curriculum.catalogue_import import item_rows
from server.services.curriculum.syllabus_file import parse_catalogue
from sync_protocol import ids
from sync_protocol.planning_documents import CurriculumPicks, dump_picks
from tests.desktop.attendance_school import DAY, AttendanceApp, make_app, sync_in
from tests.desktop.screenshot_tool import SIZE, save, wait_until
from tests.desktop.timeline_school import timeline_records
from tests.local_db.records import RecordBuilder
from tests.support.catalogue_files import subject_file
from tests.support.catalogue_records import add_subject


def _pdf_preview(html_text: str, out: Path, name: str) -> Path:
    """The first A4 page at 96 dpi, white, as a reader shows it."""
    width, height = 794, 1123
    document = QTextDocument()
    document.setHtml(html_text)
    document.setPageSize(QSizeF(width - 2 * 57, height))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(57, 57)
    document.drawContents(painter)
    painter.end()
    path = out / f"{name}.png"
    image.save(str(path))
    print(f"  {path}")
    return path


def _unit_page(app: AttendanceApp) -> str:
    """A unit of 7A's maths with two syllabus items and its first lesson, as its PDF's HTML."""
    room = app.room
    file = subject_file(version=1)
    items = item_rows(parse_catalogue(file, origin="test.json"))
    unit = uuid.uuid4()

    def records(data: RecordBuilder) -> None:
        add_subject(data, file)
        data.add(
            "planning_unit",
            unit,
            activity_id=room.activity,
            title="Bråk och procent",
            aims="Eleverna ska kunna räkna med bråk och förklara hur de tänker.",
            central_content="Börja med pizzabitar; sedan tallinjen.",
            assessment_criteria="Ett skriftligt prov i vecka 40 och samtal under lektionerna.",
            start_date=DAY,
            end_date=DAY + dt.timedelta(weeks=3, days=4),
            curriculum=dump_picks(
                CurriculumPicks("GRGRMAT01", 1, (items[0]["id"], items[1]["id"]))
            ),
            status="published",
        )
        data.add(
            "lesson_plan",
            ids.lesson_plan_id(room.lesson),
            lesson_id=room.lesson,
            activity_id=room.activity,
            planning_unit_id=unit,
            content="Introduktion till bråk\nÖvningar s. 12",
            homework="",
        )

    sync_in(room.cache, records)
    with room.cache.connect() as conn:
        detail = reads.unit_detail(conn, unit)
        lessons = reads.unit_lessons(conn, unit)
    assert detail is not None
    return unit_html(detail, "Matematik 7A", lessons, app.services.today())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="sv", choices=("sv", "en"))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    create_application(sys.argv, args.lang)
    with tempfile.TemporaryDirectory() as folder:
        made = make_app(Path(folder))
        app = next(made)
        sync_in(app.room.cache, lambda data: timeline_records(app.room, data))
        page = PupilsPage(app.services)
        page.resize(*SIZE)
        page.show()
        loads: list[bool] = []
        page.loaded.connect(lambda: loads.append(True))
        wait_until(lambda: bool(loads))
        loads.clear()
        page.show_pupil(app.room.pupils["Alva"])
        wait_until(lambda: bool(loads) and page.timeline.timeline is not None)
        page.detail_tabs.setCurrentWidget(page.timeline)
        prefix = f"{args.lang}-timeline"
        save(page, args.out, prefix)
        page.timeline.toggles[NOTE].setChecked(False)
        page.timeline.toggles[ATTENDANCE].setChecked(False)
        save(page, args.out, f"{prefix}-filtered")
        page.timeline.toggles[NOTE].setChecked(True)
        page.timeline.toggles[ATTENDANCE].setChecked(True)
        dialog = DocumentationExportDialog(page)
        dialog.show()
        save(dialog, args.out, f"{prefix}-pdf-choices")
        dialog.close()
        shown = page.shown
        assert shown is not None
        _asked, _groups, detail, attendance, documentation, _timeline = shown
        assert detail is not None
        assert documentation is not None
        text = documentation_html(
            detail.pupil,
            detail.memberships,
            documentation,
            attendance,
            teacher_name=app.services.session.display_name,
            made_on=app.services.today(),
        )
        _pdf_preview(text, args.out, f"{prefix}-pdf")
        _pdf_preview(_unit_page(app), args.out, f"{args.lang}-unit-pdf")
        page.close()
        QApplication.processEvents()
        next(made, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())

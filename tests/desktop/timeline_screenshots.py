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
from tests.desktop.attendance_school import AttendanceApp, make_app, sync_in
from tests.desktop.screenshot_tool import SIZE, save, wait_until
from tests.desktop.timeline_school import fraction_unit, timeline_records
from tests.local_db.records import RecordBuilder


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
    unit = uuid.uuid4()

    def records(data: RecordBuilder) -> None:
        fraction_unit(room, data, unit)

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

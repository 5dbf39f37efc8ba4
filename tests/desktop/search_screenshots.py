"""Render the main window's search offscreen to PNG files, to look at it as a teacher will.

    .venv/bin/python -m tests.desktop.search_screenshots [--lang sv|en] [--out docs/screenshots]

The classroom of the timeline tests (tests/desktop/timeline_school.py) with
its unit on fractions: the window after typing "bråk", results of every
kind grouped, the matched words in bold.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from desktop.application import create_application
from desktop.main_window import MainWindow
from tests.desktop.attendance_school import make_app, sync_in
from tests.desktop.screenshot_tool import SIZE, save, wait_until
from tests.desktop.timeline_school import fraction_unit, timeline_records

TYPED = "bråk"


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
        room = app.room
        sync_in(room.cache, lambda data: timeline_records(room, data))
        sync_in(room.cache, lambda data: fraction_unit(room, data, uuid.uuid4()))
        window = MainWindow(app.services)
        window.resize(*SIZE)
        window.show()
        page = window.search_page
        window.search_field.edit.setText(TYPED)
        wait_until(lambda: page.results is not None and page.results.typed == TYPED)
        QApplication.processEvents()
        save(window, args.out, f"{args.lang}-search")
        window.close()
        QApplication.processEvents()
        next(made, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())

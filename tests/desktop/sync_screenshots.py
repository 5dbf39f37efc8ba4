"""Render the sync screens to PNG files, offscreen.

    .venv/bin/python -m tests.desktop.sync_screenshots [--lang en|sv] [--out docs/screenshots]

Builds the small school (tests/support) in a temporary SQLite database,
starts the real server, and logs two co-teachers of maths in 7A in, each
with a cache of their own (Anna and Cecilia, in-memory keyring). They edit
the same grade, the same lesson plan and the same pupil's attendance, Anna
also marks a pupil in a cancelled lesson; then both sync. Anna's window is
grabbed: Conflicts with a grade and with a text conflict, the notice toast,
the refused edit, the first download's progress, the update banner, and a
sheet of the status bar's states.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from desktop import local_time, resources, update_translations
from desktop.app_controller import AppController
from desktop.application import create_application
from desktop.error_reporter import ErrorReporter
from desktop.first_sync_dialog import FirstSyncDialog
from desktop.notice_toast import NoticeToast
from desktop.rejected_edits_dialog import RejectedEditsDialog
from desktop.status_bar import SyncStatusBar
from desktop.sync_controller import SyncOptions
from desktop.sync_state import Connection, SyncState
from desktop.sync_views import SyncViews
from desktop.task_runner import ProgressInfo, Task
from local_db import clock
from local_db.edits import save_record
from local_db.keystore import KeyStore
from sync_protocol import ids
from tests.desktop.desktop_school import DesktopSchool, build_desktop_school
from tests.desktop.screenshot_tool import SIZE, save, settle, show_page, wait_until
from tests.support.keyring_backend import MemoryKeyring
from tests.support.server_process import ServerProcess


def english_plurals(folder: Path) -> QTranslator:
    """The English catalogue as the lead will regenerate it: lupdate over the
    current code into a copy, each new '%n change(s)' given its two English
    forms, then lrelease. Only for these pictures; the committed catalogues
    are not touched."""
    ts_file = folder / "klassbok_en.ts"
    shutil.copy(resources.TRANSLATIONS_DIR / "klassbok_en.ts", ts_file)
    update_translations.update(ts_file, "-pluralonly")
    tree = ElementTree.parse(ts_file)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        forms = translation.findall("numerusform")
        if all(form.text for form in forms) and translation.get("type") != "unfinished":
            continue
        for form in forms:
            translation.remove(form)
        for text in (source.replace("(s)", ""), source.replace("(s)", "s")):
            ElementTree.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    update_translations.release(ts_file)
    translator = QTranslator()
    if not translator.load(str(ts_file.with_suffix(".qm"))):
        raise SystemExit("could not load the English plural forms")
    return translator


class Wall:
    def __init__(self) -> None:
        self.now = clock._system_wall_ms()

    def __call__(self) -> int:
        return self.now


def _write(
    controller: AppController, kind: str, record_id: object, changes: dict[str, object]
) -> None:
    session = controller.session
    assert session is not None
    done: list[bool] = []

    def run(_context: object) -> None:
        with session.cache.begin() as conn:
            save_record(conn, kind, record_id, changes, actor=session.person_id)  # type: ignore[arg-type]

    controller.runner.run_db(
        Task(run=run, on_success=lambda _r: done.append(True), changes=frozenset({"edit"}))
    )
    wait_until(lambda: bool(done))


def _make_conflicts(
    anna: AppController, cecilia: AppController, school: DesktopSchool, wall: Wall
) -> None:
    """The same grade, plan and mark edited by both, Cecilia a little later;
    and Anna marks a pupil in a lesson that was cancelled."""
    lesson, axel = school["lesson:ma7a:1"], school["pupil:axel"]
    mark = {"lesson_id": lesson, "pupil_id": axel, "activity_id": school["activity:ma7a"]}
    result, plan = school["record:result"], school["record:plan"]
    _write(anna, "assessment_result", result, {"grade": "B"})
    _write(anna, "lesson_plan", plan, {"content": "Läsning i par: kapitel 3, sedan samtal."})
    _write(anna, "attendance", ids.attendance_id(lesson, axel), {**mark, "status": "absent"})
    cancelled, alva = school["lesson:sv7a:2"], school["pupil:alva"]
    refused = {"lesson_id": cancelled, "pupil_id": alva, "activity_id": school["activity:sv7a"]}
    _write(anna, "attendance", ids.attendance_id(cancelled, alva), {**refused, "status": "absent"})
    wall.now += 180_000
    _write(cecilia, "assessment_result", result, {"grade": "A"})
    _write(
        cecilia,
        "lesson_plan",
        plan,
        {"content": "Läsning i helklass: kapitel 4, sedan skrivuppgift."},
    )
    late = {**mark, "status": "late", "late_minutes": 10}
    _write(cecilia, "attendance", ids.attendance_id(lesson, axel), late)


def _sync(controller: AppController) -> None:
    sync = controller.sync
    assert sync is not None
    finished: list[bool] = []
    sync.sync_finished.connect(finished.append)
    sync.sync_now()
    wait_until(lambda: bool(finished))
    wait_until(lambda: controller.runner.pending("db") == 0)
    sync.sync_finished.disconnect(finished.append)


def _status_sheet(out: Path, name: str) -> None:
    """Each state of the status bar, one under the other, with a caption."""
    now = time.monotonic()
    synced = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=12)
    warning = (
        "Your computer's clock is 3 hours fast. Set the time automatically to keep "
        "attendance changes in order. Your changes were saved with the server's time instead."
    )
    base = SyncState(connection=Connection.ONLINE, last_sync_at=synced, has_synced_once=True)
    states = [
        ("Online, everything sent", base),
        ("Two changes just made, not sent yet", dataclasses.replace(base, pending_changes=2)),
        (
            "Offline: the changes wait on this computer",
            dataclasses.replace(
                base, connection=Connection.OFFLINE, pending_changes=3, retry_at=now + 40
            ),
        ),
        (
            "The login expired",
            dataclasses.replace(base, needs_login=True, pending_changes=3),
        ),
        (
            "Something to look at: refused edits, conflicts, a fast clock",
            dataclasses.replace(base, rejected_changes=1, open_conflicts=2, clock_warning=warning),
        ),
        (
            "This version is too old",
            dataclasses.replace(base, update_required=True, pending_changes=3),
        ),
    ]
    sheet = QWidget()
    sheet.setObjectName("pageStack")
    layout = QVBoxLayout(sheet)
    layout.setContentsMargins(16, 12, 16, 16)
    layout.setSpacing(4)
    for caption, state in states:
        label = QLabel(caption)
        label.setObjectName("hintLabel")
        bar = SyncStatusBar()
        bar.monotonic = lambda: now
        bar.show_state(state)
        bar.sync_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus ring in the picture
        layout.addWidget(label)
        layout.addWidget(bar)
    sheet.resize(SIZE[0], sheet.sizeHint().height())
    sheet.show()
    save(sheet, out, name)
    sheet.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("sv", "en"), default="en")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"{args.lang}-"
    app = create_application([sys.argv[0]], args.lang)
    keyring.set_keyring(MemoryKeyring())
    wall = Wall()
    clock.wall_ms = wall  # one clock for both caches: Cecilia edits later

    with tempfile.TemporaryDirectory(prefix="klassbok-sync-shots-") as temp:
        folder = Path(temp)
        if args.lang == "en":
            plurals = english_plurals(folder)
            app.installTranslator(plurals)
        school = build_desktop_school(f"sqlite:///{folder / 'server.sqlite3'}")
        server = ServerProcess(school.database_url, folder / "server.log")
        url = server.start()
        controllers: list[AppController] = []
        try:
            reporter = ErrorReporter(folder / "klassbok.log")
            reporter.dialogs_enabled = False
            reporter.message_shown.connect(lambda t, m: print(f"  message: {t}: {m}"))
            moment = dt.datetime.combine(
                school.today, dt.time(10, 20), tzinfo=local_time.SCHOOL_TZ
            ).astimezone(dt.UTC)
            for username in ("anna", "cecilia"):
                controller = AppController(
                    folder / username,
                    keystore=KeyStore(),
                    reporter=reporter,
                    server_url=url,
                    clock=lambda: moment,
                    sync_options=SyncOptions(debounce_ms=3_600_000),
                )
                controller.log_in(url, username, school.passwords[username])
                wait_until(lambda c=controller: c.window is not None)
                wait_until(
                    lambda c=controller: (
                        c.sync is not None
                        and c.sync.state.has_synced_once
                        and not c.sync.state.syncing
                    )
                )
                controllers.append(controller)
            anna, cecilia = controllers
            window = anna.window
            assert window is not None
            window.resize(*SIZE)

            _make_conflicts(anna, cecilia, school, wall)
            _sync(anna)
            _sync(cecilia)
            _sync(anna)  # conflicts, the notice (a toast) and the refused mark arrive

            show_page(anna, window.today_page)
            wait_until(lambda: any(t.isVisible() for t in window.findChildren(NoticeToast)))
            save(window, out, prefix + "sync-notice-toast")
            for toast in window.findChildren(NoticeToast):
                toast.close()
            settle()

            page = window.conflicts_page
            show_page(anna, page)
            grade = next(i for i in page.model.rows() if i.view.conflict_type == "needs_review")
            text = next(i for i in page.model.rows() if i.view.conflict_type == "text_both")
            page.select_conflict(grade.view.id)
            save(window, out, prefix + "conflicts-grade")
            page.select_conflict(text.view.id)
            save(window, out, prefix + "conflicts-text")
            page.detail.open_merge()
            settle()
            page.detail_scroll.ensureWidgetVisible(page.detail.save_merged)
            save(window, out, prefix + "conflicts-text-combine")

            views = window.findChild(SyncViews)
            assert views is not None
            views.open_rejected_edits()
            dialog = window.findChild(RejectedEditsDialog)
            assert dialog is not None
            wait_until(lambda: len(dialog.cards) == 1)
            save(dialog, out, prefix + "sync-refused-edit")
            dialog.close()

            sync = anna.sync
            assert sync is not None
            state = sync.state
            views.show_state(dataclasses.replace(state, update_required=True))
            window.status.show_state(dataclasses.replace(state, update_required=True))
            show_page(anna, window.today_page)
            save(window, out, prefix + "sync-update-required")
            views.show_state(state)
            window.status.show_state(state)

            progress = window.findChild(FirstSyncDialog)
            assert progress is not None
            progress.start(ProgressInfo(task_id=-1, label="", cancellable=True, done=1234))
            save(progress, out, prefix + "sync-first-download")
            progress.finish(-1)

            _status_sheet(out, prefix + "sync-status-bar")
        finally:
            for controller in controllers:
                controller.shutdown()
                if controller.window is not None:
                    controller.window.close()
            server.stop()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

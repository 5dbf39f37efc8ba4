"""`klassbok --self-test`: does this build of Klassbok work on this computer?

Run by CI on the built installer (tests/desktop/test_installer.py) and by an
IT administrator after installing. Touches nothing of the teacher's: it
works in a temporary profile that is removed afterwards, needs no server,
network or keyring, and prints one line per check:

- a fresh encrypted cache opens (SQLCipher and its crypto are in the build),
  its file is not readable as plain SQLite, and a wrong key is refused;
- the main window is built with every page, and each page shows data read
  through the DB worker from that cache;
- the Swedish and English catalogues load and translate, and Qt's own
  Swedish catalogue loads;
- Swedish text works as Qt's ICU data has it (the Linux bundle carries a
  trimmed copy, desktop/installer_icu.py): Å, Ä, Ö sort after Z, case
  mapping, Swedish time-zone names;
- the icons, the style sheet and the About dialog's licences are there;
- the keyring backends for this platform import.

Exit code 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import functools
import secrets
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\0"
PAGE_TIMEOUT_S = 20.0


class SelfTest:
    def __init__(self) -> None:
        self.failures = 0

    def check(self, what: str, test: Callable[[], str | None]) -> None:
        try:
            detail = test()
        except Exception as exc:
            self.failures += 1
            print(f"FAILED  {what}: {exc!r}", flush=True)
            traceback.print_exc()
            return
        print(f"ok      {what}" + (f" ({detail})" if detail else ""), flush=True)


def run(language: str | None = None) -> int:
    from desktop.application import create_application, import_core_before_qt

    import_core_before_qt()
    app = create_application(sys.argv[:1], language or "sv")
    test = SelfTest()
    with tempfile.TemporaryDirectory(prefix="klassbok-self-test-") as folder:
        profile = Path(folder)
        test.check("encrypted cache", lambda: _encrypted_cache(profile))
        test.check("main window with every page", lambda: _main_window(profile))
    test.check("translations", lambda: _translations(app))
    test.check("Swedish sorting and names", _swedish_text)
    test.check("icons and style sheet", _icons_and_style)
    test.check("About dialog and licences", _about)
    test.check("keyring backends", _keyring)
    print("self-test " + ("passed" if test.failures == 0 else f"FAILED ({test.failures})"))
    return 0 if test.failures == 0 else 1


def _encrypted_cache(profile: Path) -> str:
    from local_db.cache import CacheUnreadable, open_cache

    path = profile / "check.db"
    cache = open_cache(path, secrets.token_bytes(32))
    cache.close()
    if path.read_bytes()[:16] == SQLITE_HEADER:
        raise AssertionError("the cache file is plain SQLite, not encrypted")
    try:
        open_cache(path, secrets.token_bytes(32)).close()
    except CacheUnreadable:
        pass
    else:
        raise AssertionError("a wrong key opened the cache")
    return f"{path.stat().st_size} bytes, wrong key refused"


def _main_window(profile: Path) -> str:
    from desktop.main_window import MainWindow
    from desktop.pages.page import PageServices
    from desktop.session import Session
    from desktop.task_runner import TaskRunner
    from local_db.cache import open_cache
    from local_db.identity import Identity, set_identity

    cache = open_cache(profile / "cache.db", secrets.token_bytes(32))
    identity = Identity(uuid.uuid4(), "self-test", "Self Test", uuid.uuid4(), "https://x.invalid")
    with cache.begin() as conn:
        set_identity(conn, identity)
    session = Session(
        server_url=identity.server_url,
        username=identity.username,
        display_name=identity.display_name,
        person_id=identity.person_id,
        profile_id="self-test",
        cache=cache,
        cache_path=profile / "cache.db",
        token=None,
        persistent=False,
    )
    errors: list[Exception] = []
    runner = TaskRunner(errors.append)
    window = MainWindow(PageServices(runner, session))
    loaded: set[int] = set()
    for number, (page, _icon) in enumerate(window.pages):
        page.loaded.connect(functools.partial(loaded.add, number))
    try:
        window.show()
        for number, (page, _icon) in enumerate(window.pages):
            window.show_page(page)
            _wait_until(functools.partial(_loaded_or_failed, loaded, number, errors))
        if errors:
            raise errors[0]
        missing = [page.title() for n, (page, _i) in enumerate(window.pages) if n not in loaded]
        if missing:
            raise AssertionError(f"no data shown on: {', '.join(missing)}")
        return f"{len(window.pages)} pages"
    finally:
        window.close()
        runner.shutdown()
        session.closed = True
        cache.close()


def _loaded_or_failed(loaded: set[int], number: int, errors: list[Exception]) -> bool:
    return number in loaded or bool(errors)


def _wait_until(condition: Callable[[], bool]) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + PAGE_TIMEOUT_S
    while not condition() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def _translations(app: object) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from desktop import resources

    expected = {"sv": "Logga ut…", "en": "Log out…"}
    for language, text in expected.items():
        catalogue = QTranslator()
        if not catalogue.load(str(resources.translation_file(language))):
            raise AssertionError(f"{resources.translation_file(language)} does not load")
        got = catalogue.translate("MainWindow", "Log out…") or "Log out…"
        if got != text:
            raise AssertionError(f"{language}: 'Log out…' became {got!r}")
    qt_own = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt_own.load("qtbase_sv", qt_dir):
        raise AssertionError(f"Qt's own Swedish catalogue is missing from {qt_dir}")
    return "sv, en, qtbase_sv"


def _swedish_text() -> str:
    import functools

    from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone

    swedish = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    names = ["Östen", "Zoe", "Ärla", "Åsa", "adam", "Émile"]
    got = sorted(names, key=functools.cmp_to_key(QCollator(swedish).compare))
    if got != ["adam", "Émile", "Zoe", "Åsa", "Ärla", "Östen"]:
        raise AssertionError(f"Swedish collation sorts {got}")
    if swedish.toUpper("åäö") != "ÅÄÖ":
        raise AssertionError(f"'åäö' in capitals became {swedish.toUpper('åäö')!r}")
    zone = QTimeZone(b"Europe/Stockholm")
    winter = QDateTime.fromString("2026-12-07T10:00:00", "yyyy-MM-ddTHH:mm:ss")
    name = zone.displayName(winter, QTimeZone.NameType.LongName, swedish)
    if "normaltid" not in name:
        raise AssertionError(f"Stockholm's time zone is called {name!r} in Swedish")
    return name


def _icons_and_style() -> str:
    from desktop import resources

    names = ("klassbok", "today", "timetable", "groups", "pupils", "attendance", "conflicts")
    for name in names:
        if resources.icon(name).pixmap(32, 32).isNull():
            raise AssertionError(f"the {name} icon does not draw")
    if "QPushButton" not in resources.style_sheet():
        raise AssertionError("the style sheet is missing")
    return f"{len(names)} icons"


def _about() -> str:
    from desktop.about_dialog import AboutDialog

    dialog = AboutDialog()
    rows = {
        name.lower().replace("_", "-"): (version, licence)
        for name, version, licence in dialog.rows()
    }
    dialog.deleteLater()
    for needed in ("qt", "sqlcipher", "pyside6-essentials", "sqlalchemy", "sqlcipher3"):
        version, licence = rows.get(needed, ("", ""))
        if not version or not licence:
            raise AssertionError(f"{needed}: no version or licence in the About dialog")
    return f"{len(rows)} components"


def _keyring() -> str:
    import keyring.backends.SecretService

    if sys.platform == "darwin":
        import keyring.backends.macOS
    if sys.platform == "win32":
        import keyring.backends.Windows  # noqa: F401
    return sys.platform

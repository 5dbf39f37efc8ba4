"""The QApplication as Klassbok sets it up: name, icon, style, language,
and the import order that keeps start-up fast.

Shared by the app (desktop.app), the self-test and the screenshot tools.
Importing this module loads no Qt library: Qt is imported inside the
functions, after the Qt-free core (see import_core_before_qt).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

APP_NAME = "Klassbok"
LANGUAGES = ("sv", "en")


def system_language() -> str:
    from PySide6.QtCore import QLocale

    return "sv" if QLocale.system().language() == QLocale.Language.Swedish else "en"


def create_application(
    argv: Sequence[str], language: str, text_size: str = "normal"
) -> QApplication:
    """The QApplication with Klassbok's style and translations installed."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desktop import resources

    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(resources.icon("klassbok"))
    install_language(app, language)
    from desktop import theme

    # Decided before our palette replaces the system's: a desktop in dark mode
    # gets Klassbok in dark colours.
    theme.apply(app, resources.style_sheet(), dark=theme.system_prefers_dark(), size=text_size)
    theme.follow_desktop(app, resources.style_sheet())
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Swedish if language == "sv" else QLocale.Language.English,
            QLocale.Country.Sweden if language == "sv" else QLocale.Country.UnitedKingdom,
        )
    )
    return app


def apply_text_size(size: str) -> None:
    """The teacher's text size, app-wide at once (open windows included)."""
    from PySide6.QtWidgets import QApplication

    from desktop import resources, theme

    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.apply(app, resources.style_sheet(), dark=theme.is_dark(), size=size)


def install_language(app: QApplication, language: str) -> None:
    """Install our catalogue (English: plural forms only) and, for Swedish,
    Qt's own (standard buttons, the calendar popup)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from desktop import resources

    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    ours = QTranslator(app)
    if ours.load(str(resources.translation_file(language))):
        app.installTranslator(ours)
    else:
        log.warning("no translation for %s", language)
    if language == "en":
        return
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)


def damaged_catalogue(language: str) -> Path | None:
    """Our catalogue for the language when it exists but Qt cannot read it
    (or is missing from an install): the app goes on in English source text."""
    from PySide6.QtCore import QTranslator

    from desktop import resources

    path = resources.translation_file(language)
    return None if QTranslator().load(str(path)) else path


def damaged_catalogue_message(path: Path) -> str:
    # Not translated: the translation is what failed to load.
    return (
        f"Klassbok's translation file {path} is damaged or missing, so Klassbok shows "
        "English. Your data is not affected. Reinstall Klassbok to repair it. / "
        "Klassboks översättningsfil är skadad eller saknas, därför visas engelska. "
        "Dina uppgifter påverkas inte. Installera om Klassbok för att laga det."
    )


def import_core_before_qt() -> None:
    """Import the Qt-free core before PySide6.

    Once PySide6 is imported, its __feature__ import hook reads the source of
    every module imported after it, which adds about a third to start-up for
    SQLAlchemy, alembic, pydantic and requests. Their import order does not
    matter otherwise.
    """
    import local_db.cache
    import local_db.repositories
    import local_db.sync.api_client
    import local_db.sync.engine  # noqa: F401

"""Icons, the style sheet and translations, from the repository's resources/."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
ICONS_DIR = RESOURCES_DIR / "icons"
STYLE_SHEET = RESOURCES_DIR / "style" / "klassbok.qss"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"


@cache
def icon(name: str) -> QIcon:
    path = ICONS_DIR / f"{name}.svg"
    if not path.exists():
        log.warning("icon missing: %s", path)
        return QIcon()
    return QIcon(str(path))


def style_sheet() -> str:
    try:
        return STYLE_SHEET.read_text("utf-8")
    except OSError:
        log.warning("style sheet missing: %s", STYLE_SHEET)
        return ""


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"klassbok_{language}.qm"

"""Icons, the style sheet and translations: data files of this package.

They sit beside this module (icons/, style/, translations/) and are found
through importlib.resources, so the same code works from a checkout, an
installed wheel and the PyInstaller bundle; nothing assumes where the
checkout is. Qt wants file names, so a resource that is not a file on disk
(a zipped install) is extracted once and kept until the process ends.
Importing this module loads no Qt library (desktop.preflight relies on it).
"""

from __future__ import annotations

import atexit
import logging
from contextlib import ExitStack
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

_extracted = ExitStack()
atexit.register(_extracted.close)


def resource_path(*parts: str) -> Path:
    """The file system path of a resource of this package (it may not exist)."""
    found = importlib_resources.files(__name__).joinpath(*parts)
    if isinstance(found, Path):
        return found
    return _extracted.enter_context(importlib_resources.as_file(found))


TRANSLATIONS_DIR = resource_path("translations")


def icon(name: str) -> QIcon:
    """An icon; in the dark look its strokes take their dark counterparts
    (desktop.theme), except the app's own icon, which keeps its colours."""
    from desktop import theme

    return _icon(name, theme.is_dark() and name != "klassbok")


@cache
def _icon(name: str, dark: bool) -> QIcon:
    # Imported here: the preflight check reads translations through this
    # module before QtGui is known to load.
    from PySide6.QtGui import QIcon

    path = resource_path("icons", f"{name}.svg")
    if not path.exists():
        log.warning("icon missing: %s", path)
        return QIcon()
    if not dark:
        return QIcon(str(path))
    from PySide6.QtCore import QBuffer, QByteArray, QSize
    from PySide6.QtGui import QImageReader, QPixmap

    from desktop import theme

    svg = theme.themed_style_sheet(path.read_text("utf-8"), dark=True).encode()
    made = QIcon()
    for size in (16, 20, 24, 40, 48):  # 200 % displays take the doubled sizes
        buffer = QBuffer()
        buffer.setData(QByteArray(svg))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        made.addPixmap(QPixmap.fromImage(reader.read()))
    return made


def style_sheet() -> str:
    path = resource_path("style", "klassbok.qss")
    try:
        return path.read_text("utf-8")
    except OSError:
        log.warning("style sheet missing: %s", path)
        return ""


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"klassbok_{language}.qm"

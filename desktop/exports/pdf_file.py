"""Writing an HTML document as an A4 PDF: QTextDocument lays it out, QPdfWriter
writes it (no extra dependency). Shared by every export.

The PDF is made in memory and then written by Python, so a full disk or a
folder without permission comes back as the OSError it is (ENOSPC, EACCES,
ENOENT) rather than as a Qt warning and an empty file; a half-written
file is removed."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

log = logging.getLogger(__name__)

RESOLUTION_DPI = 300
MARGIN_MM = 15.0


def write_html_pdf(
    path: Path, document: QTextDocument, title: str, *, landscape: bool = False
) -> None:
    """Raises OSError when the file cannot be written."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    writer.setTitle(title)
    writer.setCreator("Klassbok")
    document.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    data = bytes(buffer.data().data())
    if not data:
        raise OSError(f"the PDF could not be made for {path}")
    try:
        path.write_bytes(data)
    except OSError:
        if path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()  # half-written: not a PDF anyone should open
        raise


def save_or_explain(path: Path, write: Callable[[Path], None]) -> tuple[bool, str]:
    """Write the file; (True, "Saved …") or (False, what went wrong and what to do).

    A full disk or a folder without permission is an OSError the teacher can
    act on: it is said plainly, never raised as a bug."""
    try:
        write(path)
    except OSError as exc:
        log.warning("export to %s failed: %s", path, exc)
        return False, QCoreApplication.translate(
            "Exports",
            "Klassbok couldn't save {file} ({reason}). Choose another folder, or check "
            "that the disk isn't full.",
        ).format(file=str(path), reason=exc.strerror or str(exc))
    return True, QCoreApplication.translate("Exports", "Saved {file}.").format(file=str(path))

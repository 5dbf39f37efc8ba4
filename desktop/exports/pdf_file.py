"""Writing an HTML document as an A4 PDF: QTextDocument lays it out, QPdfWriter
writes it (no extra dependency). Shared by every export.

The PDF is made in memory and then written by Python, so a full disk or a
folder without permission comes back as the OSError it is (ENOSPC, EACCES,
ENOENT) rather than as a Qt warning and an empty file; a half-written
file is removed."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

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

"""Writing an HTML document as an A4 PDF: QTextDocument lays it out, QPdfWriter
writes it (no extra dependency). Shared by every export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

log = logging.getLogger(__name__)

RESOLUTION_DPI = 300
MARGIN_MM = 15.0


def write_html_pdf(
    path: Path, document: QTextDocument, title: str, *, landscape: bool = False
) -> None:
    """Raises OSError when the file cannot be written."""
    writer = QPdfWriter(str(path))
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
    del writer  # finishes the file
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")


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

"""Saving an export from a page: ask where, write, say what happened.

Shared by the gradebook's, the unit plan's and the documentation's exports.
A full disk or a folder without permission is an OSError the teacher can act
on: it is said plainly, never raised as a bug, and nothing in the cache
changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

log = logging.getLogger(__name__)


def ask_save_path(parent: QWidget, title: str, suggested: str, kind: str) -> Path | None:
    """The file the teacher chose to save to (None: cancelled)."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, kind)
    return Path(chosen) if chosen else None


def save_or_explain(path: Path, write: Callable[[Path], None]) -> tuple[bool, str]:
    """Write the file; (True, "Saved …") or (False, what went wrong and what to do)."""
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

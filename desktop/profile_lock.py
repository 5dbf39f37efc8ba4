"""One Klassbok per profile folder, and a folder it can write to.

Two apps on one encrypted cache would each sync the same outbox and fight
over the file, so the second one says "Klassbok is already open" and
exits. The lock is Qt's QLockFile: it holds the owner's pid, so the lock of
a Klassbok that crashed or was killed is noticed as stale and taken over:
a leftover never keeps the teacher out.

A folder Klassbok cannot write to (read-only, another user's, a full or
missing drive) is said plainly, with what to do, before anything else.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile

LOCK_FILE = "klassbok.lock"

#: sysexits: EX_TEMPFAIL (try again later) and EX_CANTCREAT (cannot write).
EXIT_ALREADY_OPEN = 75
EXIT_FOLDER_NOT_WRITABLE = 73


def lock_folder(folder: Path, name: str = LOCK_FILE) -> QLockFile | None:
    """Hold the folder's lock until the returned object is unlocked or the
    process ends; None when a running Klassbok holds it.

    Raises OSError when the folder cannot be made or written to.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / name))
    lock.setStaleLockTime(0)  # stale only when its owner is gone, however long it ran
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    raise PermissionError(errno.EACCES, "cannot create the lock file", str(folder / name))


def already_open_message() -> str:
    return QCoreApplication.translate(
        "ProfileLock",
        "Klassbok is already open on this computer. Switch to its window (it may be "
        "minimised or on another desktop); a second window on the same data is not possible.",
    )


def folder_not_writable_message(folder: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return QCoreApplication.translate(
        "ProfileLock",
        "Klassbok can't write to its folder {folder} ({reason}). Check that the drive is "
        "connected and that you may write there, or start Klassbok with --data-dir and "
        "another folder. Nothing was changed.",
    ).format(folder=folder, reason=reason)


def refuse_to_start(text: str, *, dialog: bool = True) -> None:
    """Say why Klassbok does not start: in the terminal, and in a dialog
    (the app may have been started from a desktop icon)."""
    print(f"Klassbok: {text}", file=sys.stderr, flush=True)
    if not dialog:
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("ProfileLock", "Klassbok"),
        text,
    )
    box.setObjectName("startRefusedMessage")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()

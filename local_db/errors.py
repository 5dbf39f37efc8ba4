"""Errors of the local cache that a teacher can act on.

Each carries a complete sentence for the user (str(error)); the desktop shows
it as is. None of them ever carries a key, a token or a password.
"""

from __future__ import annotations

from pathlib import Path


class CacheError(Exception):
    """Base of the cache's user-facing errors."""


class CacheUnreadable(CacheError):
    """Wrong key, a damaged file or not a Klassbok cache at all.

    The file is left exactly as it was: it may hold edits that never reached
    the server. `set_aside_cache` moves it away when the teacher chooses to
    start over.
    """

    def __init__(self, path: Path | None, reason: str) -> None:
        where = str(path) if path is not None else "memory"
        super().__init__(
            "The local copy could not be opened: it was made with a different key or "
            "is damaged. Klassbok can download it again from the server; your unsent "
            f"changes, if any, are kept in {where}."
        )
        self.path = path
        #: For the log: what exactly failed (never shown as the main message).
        self.reason = reason


class CacheTooNew(CacheError):
    """The file was written by a newer Klassbok; it is left untouched."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            "This local copy was written by a newer version of Klassbok "
            f"(schema {revision}). Update Klassbok to open it."
        )
        self.path = path
        self.revision = revision


class CacheMigrationFailed(CacheError):
    """Updating the file to this version failed; it was rolled back."""

    def __init__(self, path: Path, backup: Path | None, reason: str) -> None:
        kept = f" A copy made before the update is in {backup}." if backup else ""
        super().__init__(
            "Klassbok could not update the local copy to this version; it was left as "
            f"it was.{kept} Please report this problem."
        )
        self.path = path
        self.backup = backup
        self.reason = reason

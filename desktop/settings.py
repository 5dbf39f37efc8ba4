"""What the app remembers between runs: the last server and user name, and
the teacher's choices (the absence threshold of the statistics, the text
size).

Never the password or token (those live in the keyring or nowhere). Kept
in an ini file in the data folder, so each --data-dir is a profile of its
own and tests never touch the real user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

#: The teacher's text sizes (desktop.theme scales the style sheet by these).
TEXT_SIZES = ("small", "normal", "large", "larger")
DEFAULT_TEXT_SIZE = "normal"

SETTINGS_FILE = "settings.ini"

#: Pupils at or above this share of absence are highlighted in statistics.
#: No law sets it; 15 % is a level schools use, so it is only the default.
DEFAULT_ABSENCE_THRESHOLD = 15


class AppSettings:
    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)

    @property
    def server_url(self) -> str:
        return str(self._settings.value("login/server_url", "") or "")

    @property
    def username(self) -> str:
        return str(self._settings.value("login/username", "") or "")

    def remember_login(self, server_url: str, username: str) -> None:
        self._settings.setValue("login/server_url", server_url)
        self._settings.setValue("login/username", username)
        self._settings.sync()

    @property
    def absence_threshold(self) -> int:
        """Percent, 1–100; a damaged value falls back to the default."""
        value = self._settings.value("attendance/absence_threshold", DEFAULT_ABSENCE_THRESHOLD)
        try:
            number = int(str(value))
        except ValueError:
            return DEFAULT_ABSENCE_THRESHOLD
        return number if 1 <= number <= 100 else DEFAULT_ABSENCE_THRESHOLD

    @property
    def text_size(self) -> str:
        """One of TEXT_SIZES; a damaged value falls back to normal."""
        value = str(self._settings.value("appearance/text_size", DEFAULT_TEXT_SIZE) or "")
        return value if value in TEXT_SIZES else DEFAULT_TEXT_SIZE

    def set_text_size(self, size: str) -> None:
        if size not in TEXT_SIZES:
            raise ValueError(f"unknown text size {size!r}")
        self._settings.setValue("appearance/text_size", size)
        self._settings.sync()

    def set_absence_threshold(self, percent: int) -> None:
        self._settings.setValue("attendance/absence_threshold", int(percent))
        self._settings.sync()

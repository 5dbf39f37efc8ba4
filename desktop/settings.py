"""What the app remembers between runs: the last server and user name.

Never the password or token (those live in the keyring or nowhere). Kept
in an ini file in the data folder, so each --data-dir is a profile of its
own and tests never touch the real user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_FILE = "settings.ini"


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

"""The login dialog: server address, user name, password.

UI only: it asks the controller to log in (login_requested) and shows the
outcome; the HTTP call runs on the network worker. Errors appear inline, in
plain words with what to do. The password is never stored or logged.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.error_messages import user_message


def no_keyring_notice() -> str:
    """Said wherever it matters that nothing is kept (login dialog, main window)."""
    return QCoreApplication.translate(
        "KeyringNotice",
        "This computer has no secure password store (keyring), so Klassbok won't keep "
        "pupils' data on disk. It will work until you close it, and you'll need to log "
        "in each time.",
    )


def normalize_server_url(text: str) -> str:
    """'skola.example.se' -> 'https://skola.example.se'; a local server keeps http."""
    text = text.strip().rstrip("/")
    if not text:
        return ""
    if "://" not in text:
        host = text.split("/")[0].split(":")[0]
        local = host in ("localhost", "::1") or host.startswith("127.")
        text = ("http://" if local else "https://") + text
    return text


def looks_like_server_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class LoginDialog(QDialog):
    """Emits login_requested(server_url, username, password)."""

    login_requested = Signal(str, str, str)

    def __init__(
        self,
        server_url: str = "",
        username: str = "",
        *,
        keyring_available: bool = True,
        relogin: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to Klassbok"))
        self.setMinimumWidth(440)
        self._relogin = relogin

        heading = QLabel(self.tr("Log in again") if relogin else self.tr("Welcome to Klassbok"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(
            self.tr(
                "Your login has expired. Enter your password to continue syncing. "
                "Everything on this computer is kept."
            )
            if relogin
            else self.tr("Log in with the account your school gave you.")
        )
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")

        self.server_edit = QLineEdit(server_url)
        self.user_edit = QLineEdit(username)
        self.password_edit = QLineEdit()
        form = self._form(relogin)

        self.error_label = QLabel()
        self.error_label.setObjectName("inlineError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.keyring_notice = QLabel(no_keyring_notice())
        self.keyring_notice.setObjectName("noticeLabel")
        self.keyring_notice.setWordWrap(True)
        self.keyring_notice.setVisible(not keyring_available)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.keyring_notice)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        if not server_url:
            self.server_edit.setFocus()
        elif not username:
            self.user_edit.setFocus()
        else:
            self.password_edit.setFocus()

    def _form(self, relogin: bool) -> QFormLayout:
        self.server_edit.setPlaceholderText(self.tr("e.g. klassbok.myschool.se"))
        self.server_edit.setAccessibleName(self.tr("Server address"))
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        # Logging in again is for the same account on the same server.
        self.server_edit.setReadOnly(relogin)
        self.user_edit.setReadOnly(relogin)
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow(self.tr("Server address"), self.server_edit)
        form.addRow(self.tr("User name"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        return form

    # --- input -----------------------------------------------------------------

    def _submit(self) -> None:
        server = normalize_server_url(self.server_edit.text())
        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not looks_like_server_url(server):
            self.show_message(
                self.tr("Enter the server address your school gave you, e.g. klassbok.myschool.se.")
            )
            self.server_edit.setFocus()
            return
        if not username:
            self.show_message(self.tr("Enter your user name."))
            self.user_edit.setFocus()
            return
        if not password:
            self.show_message(self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        self.server_edit.setText(server)
        self.set_busy(True)
        self.login_requested.emit(server, username, password)

    # --- outcome (called by the controller) ------------------------------------

    def set_busy(self, busy: bool) -> None:
        self.login_button.setEnabled(not busy)
        self.login_button.setText(self.tr("Logging in…") if busy else self.tr("Log in"))
        for edit in (self.server_edit, self.user_edit, self.password_edit):
            edit.setEnabled(not busy)
        if busy:
            self.error_label.hide()

    def show_error(self, exc: Exception) -> bool:
        """Show a login error inline; False when it is a bug the caller must report."""
        self.set_busy(False)
        message = user_message(exc)
        if message is None:
            return False
        self.show_message(message)
        self.password_edit.setFocus()
        self.password_edit.selectAll()
        return True

    def show_message(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def password(self) -> str:
        return self.password_edit.text()

    def clear_password(self) -> None:
        self.password_edit.clear()

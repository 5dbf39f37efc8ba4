"""Asks before logging out, and whether to remove the local copy.

Removing is refused while changes are still waiting to be sent: logging out
must never lose a teacher's work.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class LogoutDialog(QDialog):
    def __init__(
        self, *, has_local_copy: bool, pending_changes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("logoutDialog")
        self.setWindowTitle(self.tr("Log out"))
        self.setMinimumWidth(460)
        self._has_local_copy = has_local_copy

        heading = QLabel(self.tr("Log out of Klassbok?"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("You'll need your password to log in again."))
        intro.setWordWrap(True)

        self.wipe_box = QCheckBox(self.tr("Also remove this computer's copy of the school data"))
        self.wipe_hint = QLabel(
            self.tr(
                "Choose this on a shared or borrowed computer. The data is downloaded "
                "again when you log in."
            )
        )
        self.wipe_hint.setObjectName("hintLabel")
        self.wipe_hint.setWordWrap(True)
        if pending_changes > 0:
            self.wipe_box.setEnabled(False)
            self.wipe_hint.setText(
                self.tr(
                    "%n change(s) haven't reached the server yet, so the copy on this "
                    "computer is kept. Sync first to remove it.",
                    "",
                    pending_changes,
                )
            )
        self.wipe_box.setVisible(has_local_copy)
        self.wipe_hint.setVisible(has_local_copy)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.logout_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.logout_button.setText(self.tr("Log out"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.wipe_box)
        layout.addWidget(self.wipe_hint)
        layout.addWidget(buttons)

    def wipe_requested(self) -> bool:
        return self._has_local_copy and self.wipe_box.isEnabled() and self.wipe_box.isChecked()

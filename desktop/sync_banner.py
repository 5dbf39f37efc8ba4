"""The calm, lasting banner over the pages when syncing cannot go on until
the teacher does something outside Klassbok (install an update)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.sync_state import SyncState


class SyncBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBanner")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_state(self, state: SyncState) -> None:
        if state.update_required:
            self.setText(
                self.tr(
                    "This version of Klassbok is too old to sync. Your changes are kept on "
                    "this computer. Update Klassbok to send them."
                )
            )
        self.setVisible(state.update_required)

"""The teacher's settings: for now the text size, applied at once app-wide
and kept in the profile's settings (desktop.settings)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop import resources
from desktop.application import apply_text_size
from desktop.settings import TEXT_SIZES, AppSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setWindowIcon(resources.icon("klassbok"))

        heading = QLabel(self.tr("Settings"))
        heading.setObjectName("dialogHeading")
        names = {
            "small": self.tr("Small"),
            "normal": self.tr("Normal"),
            "large": self.tr("Large"),
            "larger": self.tr("Larger"),
        }
        self.text_size = QComboBox()
        self.text_size.setObjectName("textSizeChoice")
        for size in TEXT_SIZES:
            self.text_size.addItem(names[size], size)
        self.text_size.setCurrentIndex(TEXT_SIZES.index(settings.text_size))
        self.text_size.currentIndexChanged.connect(self._text_size_chosen)
        label = QLabel(self.tr("&Text size"))
        label.setBuddy(self.text_size)
        hint = QLabel(self.tr("The size of the text on every page; it changes at once."))
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)

        # The label above its choice: at the larger sizes a label beside it was cut.
        form = QVBoxLayout()
        form.setSpacing(6)
        form.addWidget(label)
        form.addWidget(self.text_size)
        form.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _text_size_chosen(self, index: int) -> None:
        size = str(self.text_size.itemData(index))
        self.settings.set_text_size(size)
        apply_text_size(size)

"""Pages whose features come later: each says plainly what is coming."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.pages.page import Page, PageServices, page_heading


def _coming_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("comingSoon")
    label.setWordWrap(True)
    return label


class PlanningPage(Page):
    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("planningPage")
        heading, _title, _subtitle = page_heading(self.title(), self.tr("Coming soon"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(
            _coming_label(
                self.tr(
                    "Here you'll write unit plans (LPP) with aims, central content and how "
                    "learning is assessed, and plan each lesson and its homework. Plans are "
                    "saved on this computer first and shared with co-teachers when you sync."
                )
            )
        )
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Planning")

    def refresh(self) -> None:
        self.loaded.emit()

""" "Start from the syllabus": subject, version (newest first) and year of the
curriculum catalogue, and the credit line shown with catalogue text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from local_db.curriculum.catalogue import CatalogueSubject, CriteriaSet


def source_text(subject_name: str, version: int, source: str) -> str:
    """ "Källa: Skolverket, Matematik, version 3" (or the demo's own source)."""
    return (
        QCoreApplication.translate("CataloguePicker", "Source: %1, %2, version %3")
        .replace("%1", source)
        .replace("%2", subject_name)
        .replace("%3", str(version))
    )


def year_text(criteria: CriteriaSet) -> str:
    label = QCoreApplication.translate("CataloguePicker", "Year %1").replace("%1", criteria.year)
    return label if criteria.variant is None else f"{label} ({criteria.variant})"


class CataloguePicker(QWidget):
    """Emits start_requested(subject, criteria) when the teacher asks for the rows."""

    start_requested = Signal(object, object)

    def __init__(
        self,
        subjects: list[CatalogueSubject],
        preferred_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cataloguePicker")
        self.subjects = [s for s in subjects if s.criteria]
        self.subject_combo = QComboBox()
        self.subject_combo.setAccessibleName(self.tr("Subject in the syllabus"))
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName(self.tr("Version"))
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(self.tr("Year"))
        self.start_button = QPushButton(self.tr("Start from the syllabus"))
        self.start_button.setObjectName("startFromSyllabus")
        self.start_button.setToolTip(
            self.tr(
                "A new matrix with the syllabus's grading criteria for the year: one row per "
                "paragraph, E, C and A side by side. The text is copied; edit it as you like."
            )
        )
        names = list(dict.fromkeys(s.name for s in self.subjects))
        for name in names:
            self.subject_combo.addItem(name, name)
        preferred = next((n for n in names if n.casefold() == preferred_name.casefold()), None)
        if preferred is not None:
            self.subject_combo.setCurrentIndex(names.index(preferred))
        self.subject_combo.currentIndexChanged.connect(self._subject_chosen)
        self.version_combo.currentIndexChanged.connect(self._version_chosen)
        self.start_button.clicked.connect(self._start)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Syllabus:")))
        layout.addWidget(self.subject_combo, 2)
        layout.addWidget(self.version_combo, 1)
        layout.addWidget(self.year_combo, 1)
        layout.addWidget(self.start_button)
        self._subject_chosen()

    def _versions(self) -> list[CatalogueSubject]:
        name = self.subject_combo.currentData()
        return [s for s in self.subjects if s.name == name]  # newest first (catalogue order)

    def _subject_chosen(self) -> None:
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for subject in self._versions():
            label = self.tr("version %1").replace("%1", str(subject.version))
            self.version_combo.addItem(label, subject.id)
        self.version_combo.blockSignals(False)
        self._version_chosen()

    def chosen_subject(self) -> CatalogueSubject | None:
        chosen = self.version_combo.currentData()
        return next((s for s in self.subjects if s.id == chosen), None)

    def _version_chosen(self) -> None:
        self.year_combo.clear()
        subject = self.chosen_subject()
        for criteria in subject.criteria if subject is not None else ():
            self.year_combo.addItem(year_text(criteria), criteria)
        self.start_button.setEnabled(subject is not None)

    def _start(self) -> None:
        subject, criteria = self.chosen_subject(), self.year_combo.currentData()
        if subject is not None and isinstance(criteria, CriteriaSet):
            self.start_requested.emit(subject, criteria)

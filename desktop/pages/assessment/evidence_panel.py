"""Beside the gradebook: the evidence for one pupil's term grade.

Every result this term (with the level per criterion on a matrix), and the
pupil's valid and invalid absence in this subject (a term grade states the
invalid absence; "–" needs absence to be the reason). The decision stays the
teacher's: the panel shows what there is and suggests nothing.
"""

from __future__ import annotations

import html
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop import theme
from desktop.models.attendance_texts import hours, percent
from desktop.models.gradebook_texts import grade_text, level_text, marker_meaning, result_text
from local_db.assessment.views import Gradebook
from local_db.attendance.views import AttendanceSums


class EvidencePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self.setMinimumWidth(260)
        self.text = QLabel()
        self.text.setObjectName("evidenceText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_pupil(None, None, {})

    def show_pupil(
        self,
        book: Gradebook | None,
        pupil_id: uuid.UUID | None,
        absence: dict[uuid.UUID, AttendanceSums],
    ) -> None:
        pupil = None if book is None else next((p for p in book.pupils if p.id == pupil_id), None)
        if book is None or pupil is None:
            self.text.setText(
                self.tr("Select a pupil to see the evidence for the term grade here.")
            )
            return
        parts = [f"<h3>{html.escape(pupil.full_name)}</h3>"]
        grade = book.term_grades.get(pupil.id)
        shown = grade_text(grade.grade if grade else None) or self.tr("not set")
        parts.append(
            "<p>"
            + html.escape(self.tr("Term grade {term}: {grade}").format(term=book.term, grade=shown))
            + "</p>"
        )
        results_title = self.tr("Results")
        parts.append(f"<p><b>{html.escape(results_title)}</b></p><ul>")
        for column in book.assessments:
            cell = book.result(pupil.id, column.id)
            value = result_text(column, cell) or self.tr("no result")
            if cell is not None and cell.marker:
                value = marker_meaning(cell.marker)
            parts.append(f"<li>{html.escape(column.title)}: {html.escape(value)}")
            criteria = book.matrices.get(column.matrix_id) if column.matrix_id else None
            if criteria and cell is not None and cell.levels:
                parts.append("<ul>")
                for criterion in criteria:
                    if criterion.id in cell.levels:
                        level = level_text(cell.levels[criterion.id])
                        parts.append(
                            f"<li>{html.escape(level)}: {html.escape(criterion.criterion)}</li>"
                        )
                parts.append("</ul>")
            parts.append("</li>")
        parts.append("</ul>")
        sums = absence.get(pupil.id)
        absence_title = self.tr("Absence in this subject this term")
        parts.append(f"<p><b>{html.escape(absence_title)}</b><br>")
        if sums is None or sums.reported == 0:
            parts.append(html.escape(self.tr("No roll call taken yet.")))
        else:
            parts.append(
                html.escape(
                    self.tr(
                        "Invalid {invalid} ({invalid_h}), valid {valid} ({valid_h}) of {total}"
                    ).format(
                        invalid=percent(sums.invalid_percent),
                        invalid_h=hours(sums.invalid_absence),
                        valid=percent(sums.valid_percent),
                        valid_h=hours(sums.valid_absence),
                        total=hours(sums.reported),
                    )
                )
            )
        parts.append("</p>")
        parts.append(
            f'<p style="color:{theme.hex_colour("#4b5563")}">'
            + html.escape(
                self.tr(
                    "The term grade is your overall judgement of everything the pupil has "
                    "shown; Klassbok never suggests one."
                )
            )
            + "</p>"
        )
        self.text.setText("".join(parts))

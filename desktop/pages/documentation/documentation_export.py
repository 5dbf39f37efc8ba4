"""Exporting a pupil's documentation as a PDF for the development talk:
ask what to include (which notes by who may see them, the attendance),
ask where, write, say what happened.

The PDF is made from what the Pupils page read on the DB worker (nothing
is read again); laying out a few pages of text on the UI thread is as
quick as the gradebook's exports. A full disk or a folder without
permission is said plainly on the panel; nothing in the cache changes."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.exports.documentation_pdf import (
    DEFAULT_VISIBILITIES,
    documentation_html,
    write_documentation_pdf,
)
from desktop.models.documentation_texts import visibility_name
from desktop.pages.documentation.documentation_panel import DocumentationPanel
from desktop.pages.documentation.timeline_panel import TimelinePanel
from desktop.pages.export_files import ask_save_path, save_or_explain
from desktop.pages.page import PageServices
from local_db.attendance.views import PupilAttendance
from local_db.documentation import PupilDocumentation
from local_db.views import PupilDetail
from sync_protocol.terms import term_for


class _Detail(Protocol):
    documentation: DocumentationPanel


class DocumentationHost(Protocol):
    """What the export needs of the Pupils page (which imports this module)."""

    services: PageServices
    timeline: TimelinePanel
    last_dialog: QDialog | None

    @property
    def detail(self) -> _Detail: ...

    def shown_documentation(
        self,
    ) -> tuple[PupilDetail, PupilAttendance | None, PupilDocumentation] | None: ...

    def as_widget(self) -> QWidget: ...


#: The visibilities in the order the dialog offers them.
VISIBILITY_ORDER = ("teachers", "mentors", "private")


class DocumentationExportDialog(QDialog):
    """What goes into the PDF. The talk is with the pupil and the guardians:
    the teacher's own "only me" notes are left out unless ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Documentation as PDF"))
        hint = QLabel(
            self.tr(
                "The PDF is for the development talk. Include only what the pupil and "
                "the guardians may read. Each note in it says who may see it."
            )
        )
        hint.setWordWrap(True)
        self.visibility_boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        for code in VISIBILITY_ORDER:
            box = QCheckBox(self.tr("Notes visible to: {who}").format(who=visibility_name(code)))
            box.setChecked(code in DEFAULT_VISIBILITIES)
            self.visibility_boxes[code] = box
            layout.addWidget(box)
        self.attendance_box = QCheckBox(self.tr("This term's attendance in brief"))
        self.attendance_box.setChecked(True)
        layout.addWidget(self.attendance_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def visibilities(self) -> frozenset[str]:
        return frozenset(code for code, box in self.visibility_boxes.items() if box.isChecked())


def export_name(pupil_name: str, term: str) -> str:
    return f"{pupil_name} {term}.pdf"


def _say(page: DocumentationHost, text: str) -> None:
    page.detail.documentation.show_message(text)
    page.timeline.show_message(text)


def export_documentation(
    page: DocumentationHost,
    path: Path | None = None,
    *,
    visibilities: frozenset[str] | None = None,
    with_attendance: bool | None = None,
) -> bool:
    """The shown pupil's documentation as a PDF; asks what and where unless told."""
    shown = page.shown_documentation()
    if shown is None:
        return False
    detail, attendance, documentation = shown
    if visibilities is None or with_attendance is None:
        dialog = DocumentationExportDialog(page.as_widget())
        page.last_dialog = dialog
        if not page.detail.documentation.exec_dialog(dialog):
            return False
        visibilities = dialog.visibilities()
        with_attendance = dialog.attendance_box.isChecked()
    if path is None:
        term = attendance.start if attendance is not None else page.services.today()
        path = ask_save_path(
            page.as_widget(),
            QCoreApplication.translate("DocumentationExport", "Save documentation"),
            export_name(detail.pupil.full_name, term_for(term).code),
            QCoreApplication.translate("DocumentationExport", "PDF (*.pdf)"),
        )
        if path is None:
            return False
    text = documentation_html(
        detail.pupil,
        detail.memberships,
        documentation,
        attendance if with_attendance else None,
        teacher_name=page.services.session.display_name,
        visibilities=visibilities,
        made_on=page.services.today(),
    )
    saved, message = save_or_explain(
        path, lambda target: write_documentation_pdf(target, text, detail.pupil)
    )
    _say(page, message)
    return saved

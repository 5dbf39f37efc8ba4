"""A unit plan (LPP) as a PDF from the planning page: ask where, write, say
what happened. Made from the unit the page read on the DB worker (its detail
and its lessons): nothing is read again, and laying out a few pages of text
is as quick as the gradebook's exports. A full disk or a folder without
permission is said plainly under the editor; the unit is not touched."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.exports.unit_pdf import unit_html, write_unit_pdf
from desktop.pages.export_files import ask_save_path, save_or_explain
from desktop.pages.page import PageServices
from desktop.pages.planning.planning_data import PlanningData
from desktop.pages.planning.unit_editor import UnitEditor


class UnitExportHost(Protocol):
    """What the export needs of the planning page (which imports this module)."""

    services: PageServices
    unit_editor: UnitEditor
    data: PlanningData | None

    def as_widget(self) -> QWidget: ...


def export_unit(page: UnitExportHost, path: Path | None = None) -> bool:
    """The unit open in the editor, as saved, to a PDF; asks where unless told."""
    unit, data = page.unit_editor.unit, page.data
    if unit is None or data is None:
        return False
    if page.unit_editor.is_dirty():
        page.unit_editor.show_message(
            QCoreApplication.translate(
                "UnitExport", "Save the unit first: the PDF shows the unit as saved."
            )
        )
        return False
    activity = next((a for a in data.activities if a.id == unit.activity_id), None)
    name = activity.name if activity is not None else ""
    if path is None:
        path = ask_save_path(
            page.as_widget(),
            QCoreApplication.translate("UnitExport", "Save unit plan"),
            f"{unit.title} {name}".strip() + ".pdf",
            QCoreApplication.translate("UnitExport", "PDF (*.pdf)"),
        )
        if path is None:
            return False
    lessons = data.unit_lessons if data.detail is not None and data.detail.id == unit.id else []
    text = unit_html(unit, name, lessons, page.services.today())
    saved, message = save_or_explain(path, lambda target: write_unit_pdf(target, text, unit.title))
    page.unit_editor.show_message(message)
    return saved

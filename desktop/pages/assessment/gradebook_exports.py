"""The page's exports: ask where, write, say what happened (a full disk or a
folder without permission is said plainly; nothing in the gradebook changes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.exports.gradebook_export import (
    write_gradebook_csv,
    write_gradebook_pdf,
    write_pupil_summary_pdf,
)
from desktop.pages.assessment.gradebook_writes import GradebookHost
from desktop.pages.export_files import ask_save_path, save_or_explain


def export_name(page: GradebookHost, suffix: str, pupil: str | None = None) -> str:
    book = page.model.gradebook()
    if book is None:
        return f"gradebook.{suffix}"
    if pupil is not None:
        return f"{pupil} {book.activity.subject or book.activity.name} {book.term}.{suffix}"
    name = QCoreApplication.translate("GradebookExports", "Gradebook {group} {term}").format(
        group=book.activity.name, term=book.term
    )
    return f"{name}.{suffix}"


def _ask(page: GradebookHost, name: str, kind: str) -> Path | None:
    title = QCoreApplication.translate("GradebookExports", "Save")
    return ask_save_path(page.as_widget(), title, name, kind)


def save_export(page: GradebookHost, path: Path, write: Callable[[Path], None]) -> bool:
    saved, message = save_or_explain(path, write)
    page.show_message(message)
    return saved


def export_csv(page: GradebookHost, path: Path | None = None) -> bool:
    book = page.model.gradebook()
    if book is None:
        return False
    path = path or _ask(
        page,
        export_name(page, "csv"),
        QCoreApplication.translate("GradebookExports", "CSV for Excel (*.csv)"),
    )
    return path is not None and save_export(page, path, lambda p: write_gradebook_csv(p, book))


def export_pdf(page: GradebookHost, path: Path | None = None) -> bool:
    book = page.model.gradebook()
    if book is None:
        return False
    path = path or _ask(
        page,
        export_name(page, "pdf"),
        QCoreApplication.translate("GradebookExports", "PDF (*.pdf)"),
    )
    today = page.services.today()
    return path is not None and save_export(
        page, path, lambda p: write_gradebook_pdf(p, book, today)
    )


def export_pupil_pdf(page: GradebookHost, path: Path | None = None) -> bool:
    book = page.model.gradebook()
    current = page.table.currentIndex()
    if book is None or not current.isValid():
        page.show_message(
            QCoreApplication.translate("GradebookExports", "Select a pupil's row first.")
        )
        return False
    source = page.proxy.mapToSource(current)
    pupil = next((p for p in book.pupils if p.id == page.model.pupil_at(source.row())), None)
    if pupil is None:
        return False
    path = path or _ask(
        page,
        export_name(page, "pdf", pupil.full_name),
        QCoreApplication.translate("GradebookExports", "PDF (*.pdf)"),
    )
    today = page.services.today()
    return path is not None and save_export(
        page, path, lambda p: write_pupil_summary_pdf(p, book, pupil, today)
    )

"""Swedish is what a teacher reads, so the catalogue must be whole: what the
tools make from the code is what is committed (plurals included, which
pyside6-lupdate alone loses), every plural has its forms in both languages,
and the main window built in Swedish shows no English a catalogue knows."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop import resources, update_translations
from desktop.application import install_language
from desktop.main_window import MainWindow
from tests.desktop.attendance_school import AttendanceApp, make_app
from tests.desktop.helpers import open_page

Key = tuple[str, str]  # (context, source)


def _catalogue(ts_file: Path) -> dict[Key, tuple[bool, str | None, list[str]]]:
    """(context, source) → (plural?, unfinished-type, texts)."""
    entries: dict[Key, tuple[bool, str | None, list[str]]] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            plural = message.get("numerus") == "yes"
            texts = (
                [form.text or "" for form in translation.findall("numerusform")]
                if plural
                else [translation.text or ""]
            )
            key = (name, message.findtext("source") or "")
            entries[key] = (plural, translation.get("type"), texts)
    return entries


def _committed(language: str) -> dict[Key, tuple[bool, str | None, list[str]]]:
    return _catalogue(resources.TRANSLATIONS_DIR / f"klassbok_{language}.ts")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogues as update_translations makes them from today's code."""
    folder = tmp_path_factory.mktemp("translations")
    for language in ("sv", "en"):
        name = f"klassbok_{language}.ts"
        shutil.copy(resources.TRANSLATIONS_DIR / name, folder / name)
    update_translations.main(folder, compile_qm=False, quiet=True)
    return folder


@pytest.mark.parametrize("language", ["sv", "en"])
def test_updating_the_catalogue_changes_nothing(regenerated: Path, language: str) -> None:
    """A string in the code but not translated, a translation left for a
    string the code no longer has, or a plural the tools turned into a plain
    message: each shows up as a difference here."""
    fresh = _catalogue(regenerated / f"klassbok_{language}.ts")
    committed = _committed(language)
    rerun = "run: python -m desktop.update_translations"
    assert sorted(set(fresh) - set(committed)) == [], rerun
    assert sorted(set(committed) - set(fresh)) == [], f"obsolete strings; {rerun}"
    changed = {key: (committed[key], fresh[key]) for key in fresh if fresh[key] != committed[key]}
    assert changed == {}


def test_every_count_is_a_plural_in_both_languages() -> None:
    swedish, english = _committed("sv"), _committed("en")
    counted = {key for key in swedish if "%n" in key[1]}
    assert counted, "the app has plurals"
    assert counted == set(english), "English carries exactly the plurals"
    for key in counted:
        for language, catalogue in (("sv", swedish), ("en", english)):
            plural, unfinished, forms = catalogue[key]
            assert plural, f"{language}: {key} is not a plural"
            assert unfinished is None, f"{language}: {key} is unfinished"
            assert len(forms) == 2, f"{language}: {key} needs singular and plural"
            for form in forms:
                assert "%n" in form, f"{language}: {form!r} drops the number"
                assert "(s)" not in form, f"{language}: {form!r} is not a plural form"
        _plural, _type, english_forms = english[key]
        if "(s)" in key[1]:
            assert english_forms[0] != english_forms[1], f"English singular = plural in {key}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_plurals_read_right_at_run_time(qapp: QApplication, language: str) -> None:
    install_language(qapp, language)
    try:
        for (context, source), (_plural, _type, forms) in _committed(language).items():
            if "%n" not in source:
                continue
            one = QCoreApplication.translate(context, source, "", 1)
            many = QCoreApplication.translate(context, source, "", 3)
            assert one == forms[0].replace("%n", "1")
            assert many == forms[1].replace("%n", "3")
    finally:
        install_language(qapp, "en")


def test_swedish_forms_differ_where_the_word_does() -> None:
    swedish = _committed("sv")
    _plural, _type, forms = swedish[("ConflictTexts", "%n minute(s)")]
    assert forms == ["%n minut", "%n minuter"]
    _plural, _type, forms = swedish[("RollCallLayout", "%n late")]
    assert forms == ["%n sen", "%n sena"]


# --- the window as a Swedish teacher sees it ----------------------------------


@pytest.fixture
def swedish_app(qapp: QApplication, tmp_path: Path) -> Iterator[AttendanceApp]:
    install_language(qapp, "sv")
    made = make_app(tmp_path)
    yield next(made)
    next(made, None)
    install_language(qapp, "en")


def _visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        yield name, widget.toolTip()
        yield name, widget.accessibleName()
        if isinstance(widget, QLabel | QAbstractButton):
            yield name, widget.text()
        if isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(widget, QListView) else model.columnCount(QModelIndex())
            for column in range(columns):
                yield name, str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            for row in range(min(model.rowCount(QModelIndex()), 5)):
                for column in range(columns):
                    yield name, str(model.index(row, column).data() or "")


def test_the_main_window_in_swedish_shows_no_english(
    qtbot: QtBot, swedish_app: AttendanceApp
) -> None:
    """Catches a tr() looked up under another context than lupdate filed it
    (PySide6 uses the instance's class), and strings built outside tr()."""
    english_only = {
        source
        for (_context, source), (_plural, _type, texts) in _committed("sv").items()
        if source not in texts and "{" not in source and "%n" not in source
    }
    window = MainWindow(swedish_app.services)
    qtbot.addWidget(window)
    window.show()
    assert window.nav.item(0).text() == "Idag"
    untranslated: set[tuple[str, str]] = set()
    for page, _icon in window.pages:
        open_page(qtbot, window, page)
        for where, text in _visible_texts(window):
            if text in english_only:
                untranslated.add((where, text))
    assert untranslated == set()

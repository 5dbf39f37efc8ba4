"""Every visible string is translated into Swedish, the catalogue matches
the code, and the compiled .qm files are the ones the .ts files make."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop import resources
from desktop.application import install_language
from desktop.login_dialog import LoginDialog
from desktop.update_translations import ROOT, source_files

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n")


def _messages(ts_file: Path) -> list[ET.Element]:
    return list(ET.parse(ts_file).getroot().iter("message"))


def _tool(name: str) -> str:
    import sys

    return str(Path(sys.executable).with_name(name))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_message_is_finished_and_keeps_its_placeholders(language: str) -> None:
    messages = _messages(resources.TRANSLATIONS_DIR / f"klassbok_{language}.ts")
    assert messages
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, f"unfinished: {source!r}"
        forms = [f.text or "" for f in translation.findall("numerusform")]
        texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
        for text in texts:
            assert text.strip(), f"empty translation of {source!r}"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                f"placeholders differ in {text!r}"
            )


def test_swedish_catalogue_matches_the_code(tmp_path: Path) -> None:
    """A string added to the code without a translation fails here."""
    copy = tmp_path / "klassbok_sv.ts"
    shutil.copy(resources.TRANSLATIONS_DIR / "klassbok_sv.ts", copy)
    subprocess.run(
        [_tool("pyside6-lupdate"), "-no-obsolete", *source_files(), "-ts", str(copy)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    current = {m.findtext("source") for m in _messages(copy)}
    committed = {
        m.findtext("source") for m in _messages(resources.TRANSLATIONS_DIR / "klassbok_sv.ts")
    }
    assert current - committed == set(), "run: python -m desktop.update_translations"
    assert committed - current == set(), (
        "obsolete strings: run python -m desktop.update_translations"
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_compiled_catalogue_is_up_to_date(language: str, tmp_path: Path) -> None:
    ts_file = resources.TRANSLATIONS_DIR / f"klassbok_{language}.ts"
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == ts_file.with_suffix(".qm").read_bytes()


def test_the_login_dialog_speaks_swedish(qapp: QApplication) -> None:
    install_language(qapp, "sv")
    try:
        dialog = LoginDialog("https://klassbok.skola.se", "anna")
        assert dialog.windowTitle() == "Logga in i Klassbok"
        assert dialog.login_button.text() == "Logga in"
        dialog.deleteLater()
    finally:
        install_language(qapp, "en")


def test_english_plurals_read_naturally(qapp: QApplication) -> None:
    from desktop.status_bar import SyncStatusBar
    from desktop.sync_state import SyncState

    bar = SyncStatusBar()
    bar.show_state(SyncState(pending_changes=1))
    assert bar.pending_label.text() == "1 change waiting to be sent"
    bar.show_state(SyncState(pending_changes=3))
    assert bar.pending_label.text() == "3 changes waiting to be sent"
    bar.deleteLater()

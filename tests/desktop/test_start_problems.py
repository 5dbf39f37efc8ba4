"""What stops Klassbok from starting is said plainly, and nothing is lost:
a second app on the same profile, a stale lock of a killed one, a profile
folder it cannot write to, a damaged translation file."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import profile_lock, resources
from desktop.app import run_app
from desktop.application import damaged_catalogue, damaged_catalogue_message, install_language
from desktop.login_dialog import LoginDialog

HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture(autouse=True)
def keep_the_default_locale() -> Iterator[None]:
    """run_app sets the app's locale; later tests expect the one they had."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture
def other_app(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the profile's lock, as a running Klassbok does."""
    profile = tmp_path / "profile"
    profile.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(profile / profile_lock.LOCK_FILE)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    yield holder
    holder.kill()
    holder.wait()
    holder.stdout.close()


def _answer_the_message(seen: list[str]) -> None:
    """Read and close the modal message run_app shows (as the teacher would)."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, close)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(50, close)


def test_a_second_app_on_the_same_profile_says_it_is_already_open(
    qapp: QApplication, tmp_path: Path, other_app: subprocess.Popen[str]
) -> None:
    seen: list[str] = []
    _answer_the_message(seen)
    code = run_app(data_dir=tmp_path / "profile", server_url=None, language="en")
    assert code == profile_lock.EXIT_ALREADY_OPEN
    assert seen
    assert seen[0].startswith("Klassbok is already open on this computer")
    assert other_app.poll() is None, "the first app is left alone"
    assert not (tmp_path / "profile" / "logs").exists(), "nothing of the profile was touched"


def test_the_lock_of_a_killed_app_is_taken_over(
    tmp_path: Path, other_app: subprocess.Popen[str]
) -> None:
    folder = tmp_path / "profile"
    assert profile_lock.lock_folder(folder) is None
    other_app.kill()
    other_app.wait()
    assert (folder / profile_lock.LOCK_FILE).exists(), "a killed app leaves its lock behind"
    lock = profile_lock.lock_folder(folder)
    assert lock is not None
    lock.unlock()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to, root included (root ignores mode bits:
    the immutable attribute stops it too)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    immutable = os.geteuid() == 0 and shutil.which("chattr") is not None
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o500)
    try:
        try:
            (folder / "probe").touch()
        except OSError:
            yield folder
        else:
            pytest.skip("cannot make a folder read-only here")
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o700)


def test_a_read_only_profile_folder_is_explained(
    qapp: QApplication, read_only_folder: Path
) -> None:
    seen: list[str] = []
    _answer_the_message(seen)
    code = run_app(data_dir=read_only_folder, server_url=None, language="en")
    assert code == profile_lock.EXIT_FOLDER_NOT_WRITABLE
    assert seen
    assert f"Klassbok can't write to its folder {read_only_folder}" in seen[0]
    assert "--data-dir" in seen[0]
    assert list(read_only_folder.iterdir()) == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "missing"])
def test_a_damaged_translation_leaves_english_and_says_how_to_repair(
    damage: str,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = resources.translation_file("sv").read_bytes()
    broken = tmp_path / "klassbok_sv.qm"
    if damage == "garbage":
        broken.write_bytes(os.urandom(len(good)))
    elif damage == "truncated":
        broken.write_bytes(good[:10])
    monkeypatch.setattr(resources, "TRANSLATIONS_DIR", tmp_path)

    assert damaged_catalogue("sv") == broken
    with caplog.at_level(logging.WARNING, logger="desktop.application"):
        install_language(qapp, "sv")  # does not raise; our strings stay English
    assert "no translation for sv" in caplog.text, "the log says why the app is in English"
    try:
        dialog = LoginDialog("https://klassbok.skola.se", "anna")
        assert dialog.windowTitle() == "Log in to Klassbok"
        dialog.deleteLater()
    finally:
        install_language(qapp, "en")
    text = damaged_catalogue_message(broken)
    assert str(broken) in text
    assert "Reinstall Klassbok" in text
    assert "Installera om Klassbok" in text


def test_the_shipped_catalogues_load() -> None:
    assert damaged_catalogue("sv") is None
    assert damaged_catalogue("en") is None

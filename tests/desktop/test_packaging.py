"""Klassbok's resources travel with its code: the wheel holds the icons, the
style sheet and the compiled catalogues, and an installed wheel finds them
through importlib.resources, away from any checkout. The About dialog names
the version and the licences of what is shipped."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from desktop import licences, resources
from desktop.about_dialog import AboutDialog
from desktop.application import install_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("klassbok-*.whl")
    return built


def test_the_wheel_holds_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = Path(resources.__file__).parent
    shipped = [
        path.relative_to(ROOT).as_posix()
        for path in folder.rglob("*")
        if path.suffix in {".svg", ".qss", ".qm"}
    ]
    assert len(shipped) >= 12
    missing = [name for name in shipped if name not in names]
    assert missing == []
    assert not [n for n in names if n.startswith("resources/")], "nothing outside a package"


@pytest.mark.slow
def test_an_installed_wheel_finds_its_resources_without_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--no-deps", "--quiet"),
            *("--target", str(target), str(wheel)),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    probe = (
        "from desktop import resources\n"
        "path = resources.translation_file('sv')\n"
        "assert path.is_file(), path\n"
        "assert 'QPushButton' in resources.style_sheet()\n"
        "print(path)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,  # not the checkout
        env={**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(target)


def test_the_about_dialog_names_the_version_and_the_licences(qapp: QApplication) -> None:
    dialog = AboutDialog()
    rows = {name: (version, licence) for name, version, licence in dialog.rows()}
    assert rows["Qt"][1] == "LGPL-3.0-only"
    assert rows["SQLCipher"][1] == "BSD-3-Clause"
    assert rows["SQLCipher"][0], "SQLCipher reports its version"
    pyside = next(v for k, v in rows.items() if k.lower().startswith("pyside6"))
    assert "LGPL-3.0-only" in pyside[1]
    assert rows["sqlcipher3"][1] == "zlib"  # its metadata names none: what the project states
    assert rows["SQLAlchemy"][1] == "MIT"
    assert f"Klassbok {licences.app_version()}" in {
        label.text() for label in dialog.findChildren(QLabel)
    }
    dialog.deleteLater()


def test_the_about_dialog_speaks_swedish(qapp: QApplication) -> None:
    install_language(qapp, "sv")
    try:
        dialog = AboutDialog()
        assert dialog.windowTitle() == "Om Klassbok"
        assert dialog.table.horizontalHeaderItem(2).text() == "Licens"  # type: ignore[union-attr]
        dialog.deleteLater()
    finally:
        install_language(qapp, "en")

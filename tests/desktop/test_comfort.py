"""Accessibility and comfort: the teacher's text size persists and applies
app-wide at once; the dark look keeps every text readable on its background
(WCAG AA, 4.5:1) in both looks; the app builds its pages at 200 % scaling."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop import resources, theme
from desktop.application import apply_text_size, create_application
from desktop.main_window import MainWindow
from desktop.models.attendance_texts import STATE_COLORS
from desktop.settings import AppSettings
from desktop.settings_dialog import SettingsDialog
from tests.desktop.attendance_school import AttendanceApp, make_app
from tests.desktop.palettes import dark_palette

#: (text, background) in the light colours, as the style sheet and the
#: painted cells pair them.
PAIRS = [
    ("#1f2933", "#f7f8fa"),  # text on the window
    ("#1f2933", "#ffffff"),  # text in tables, cards, inputs
    ("#1f2933", "#fafbfc"),  # alternate rows
    ("#1f2933", "#dbe8f6"),  # selected row
    ("#1f2933", "#e4f0fb"),  # the current lesson
    ("#1f2933", "#fde7c8"),  # a grade in conflict (gradebook)
    ("#1f2933", "#fdf6e3"),  # the demo badge; a roll call's open question
    ("#6b7280", "#f7f8fa"),  # subtitles, hints
    ("#6b7280", "#ffffff"),  # table headers, muted lessons, a former member
    ("#6b7280", "#f7f8fa"),  # a cancelled lesson's card
    ("#6b6b6b", "#ffffff"),  # markers in the gradebook (frånv., befr.)
    ("#4b5563", "#eef1f5"),  # sidebar user, status bar
    ("#4b5563", "#f7f8fa"),  # empty states, the chart's text
    ("#4b5563", "#f1f1ef"),  # protected identity notice
    ("#374151", "#f7f8fa"),  # roll-call progress
    ("#1d4f80", "#dbe8f6"),  # the selected page in the sidebar
    ("#1d4f80", "#e4f0fb"),  # minutes entry
    ("#2f6fae", "#f7f8fa"),  # back link
    ("#ffffff", "#2f6fae"),  # primary and default buttons
    ("#ffffff", "#275f96"),  # primary button, hovered
    ("#ffffff", "#a15c07"),  # the Conflicts count in the sidebar
    ("#9b2c2c", "#fdf2f2"),  # an inline error
    ("#9b2c2c", "#eef1f5"),  # rejected edits link in the status bar
    ("#5b4a1a", "#fdf6e3"),  # notices, banners
    ("#276b43", "#eef1f5"),  # online
    ("#a15c07", "#eef1f5"),  # offline; the conflicts link
    ("#9a5b00", "#fdf0d9"),  # flagged statistics row
    ("#b42318", "#ffffff"),  # a notice that failed
    *[(text, fill) for text, fill in STATE_COLORS.values()],  # roll-call marks
]


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    yield
    theme._theme.dark = False
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_is_readable_on_its_background(
    dark: bool, text: str, background: str, restore_look: None
) -> None:
    theme._theme.dark = dark
    ratio = theme.contrast_ratio(theme.colour(text), theme.colour(background))
    assert ratio >= 4.5, f"{theme.hex_colour(text)} on {theme.hex_colour(background)}: {ratio:.2f}"


def test_every_colour_of_the_app_has_a_dark_counterpart() -> None:
    root = Path(__file__).resolve().parents[2] / "desktop"
    sources = [resources.resource_path("style", "klassbok.qss")]
    sources += [p for p in root.rglob("*.py") if "exports" not in p.parts]  # PDFs are paper
    missing = {
        (path.name, colour.lower())
        for path in sources
        for colour in re.findall(r"#[0-9a-fA-F]{6}\b", path.read_text("utf-8"))
        if colour.lower() not in theme.DARK and path.name != "theme.py"
    }
    assert missing == set()


def test_a_dark_desktop_gets_the_dark_look(qapp: QApplication, restore_look: None) -> None:
    qapp.setPalette(dark_palette())
    create_application([sys.argv[0]], "en")
    assert theme.is_dark()
    window = qapp.palette().color(QPalette.ColorRole.Window)
    assert window == QColor(theme.DARK["#f7f8fa"])
    assert "#f7f8fa" not in qapp.styleSheet()
    label = QLabel("Idag")
    label.ensurePolished()
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(theme.DARK["#1f2933"])
    label.deleteLater()


def test_the_look_follows_the_desktop_switching_to_dark_and_back(
    qapp: QApplication, restore_look: None
) -> None:
    create_application([sys.argv[0]], "en")
    hints = qapp.styleHints()
    assert not theme.is_dark()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # as the desktop says when it switches
    assert theme.is_dark()
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(theme.DARK["#f7f8fa"])
    assert theme.DARK["#1f2933"] in qapp.styleSheet()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark()
    assert "#1f2933" in qapp.styleSheet()


def darkest_stroke(icon: QIcon) -> int:
    image = icon.pixmap(48, 48).toImage()
    pixels = ((x, y) for x in range(image.width()) for y in range(image.height()))
    seen = [QColor.fromRgba(image.pixel(x, y)) for x, y in pixels]
    return min(c.lightness() for c in seen if c.alpha() > 200)


def test_icons_take_light_strokes_in_the_dark_look(restore_look: None) -> None:
    light = darkest_stroke(resources.icon("today"))
    theme._theme.dark = True
    assert darkest_stroke(resources.icon("today")) > light + 60, "slate on the dark sidebar"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    yield from make_app(tmp_path)


def test_an_open_window_follows_the_switch_to_dark(
    qapp: QApplication, qtbot: QtBot, app: AttendanceApp, restore_look: None
) -> None:
    create_application([sys.argv[0]], "en")
    window = MainWindow(app.services)
    qtbot.addWidget(window)
    window.show()
    light = darkest_stroke(window.nav.item(0).icon())

    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: darkest_stroke(window.nav.item(0).icon()) > light + 60)
    window.settings_button.click()  # the settings open in the dark look too
    assert window.settings_dialog is not None
    assert window.settings_dialog.isVisible()
    window.settings_dialog.close()


def test_a_light_desktop_keeps_the_light_look(qapp: QApplication, restore_look: None) -> None:
    create_application([sys.argv[0]], "en")
    assert not theme.is_dark()
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor("#f7f8fa")


def test_the_text_size_is_kept_and_applied_at_once(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, restore_look: None
) -> None:
    settings = AppSettings(tmp_path)
    assert settings.text_size == "normal"
    label = QLabel("Närvaro")
    qtbot.addWidget(label)
    label.show()
    normal = label.font().pointSizeF()

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.text_size.setCurrentIndex(dialog.text_size.findData("larger"))

    assert AppSettings(tmp_path).text_size == "larger", "kept for the next start"
    assert qapp.font().pointSizeF() == pytest.approx(theme.BASE_POINT_SIZE * 1.45)
    qtbot.waitUntil(lambda: label.font().pointSizeF() > normal * 1.4)  # an open widget follows

    dialog.text_size.setCurrentIndex(dialog.text_size.findData("small"))
    qtbot.waitUntil(lambda: label.font().pointSizeF() < normal)
    assert AppSettings(tmp_path).text_size == "small"


def test_a_damaged_text_size_falls_back_to_normal(tmp_path: Path, restore_look: None) -> None:
    (tmp_path / "settings.ini").write_text("[appearance]\ntext_size=huge\n")
    assert AppSettings(tmp_path).text_size == "normal"
    apply_text_size("huge")  # an unknown size is the normal one, not an error
    with pytest.raises(ValueError, match="unknown text size"):
        AppSettings(tmp_path).set_text_size("huge")


@pytest.mark.parametrize("look", ["light", "dark"])
def test_every_page_builds_at_200_percent(look: str, tmp_path: Path) -> None:
    """The self-test (every page built and loaded) in a process of its own:
    QT_SCALE_FACTOR is read when the QApplication starts."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    code = "from desktop.app import main; raise SystemExit(main(['--self-test']))"
    if look == "dark":
        code = (
            "from PySide6.QtWidgets import QApplication;"
            "from tests.desktop.palettes import dark_palette;"
            "app = QApplication([]); app.setPalette(dark_palette());" + code
        )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "Warning" not in done.stderr, done.stderr

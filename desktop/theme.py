"""Klassbok's look in light and dark, and the teacher's text size.

The style sheet and the painted colours are written once, in the light
colours; a dark desktop gets each light colour's dark counterpart (DARK),
chosen to keep text readable (at least 4.5:1, WCAG AA) on its background
(tests/desktop/test_comfort.py checks the pairs the app uses). Colours keep
their role across the swap: a pale fill becomes a deep one, dark text
becomes light, the accent becomes a lighter blue, and white text on the
accent becomes the dark surface colour.

The text size scales every point size of the style sheet and the app's
font, so a teacher's choice reaches every page at once.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

#: The teacher's text sizes, as the factor applied to every point size.
TEXT_SCALES: dict[str, float] = {"small": 0.9, "normal": 1.0, "large": 1.2, "larger": 1.45}
BASE_POINT_SIZE = 10.5  # the style sheet's QWidget font-size

DARK: dict[str, str] = {
    # backgrounds
    "#f7f8fa": "#1b1f24",  # window
    "#ffffff": "#242a31",  # surfaces: tables, cards, inputs; text on the accent
    "#fafbfc": "#272d34",  # alternate rows
    "#eef1f5": "#20252b",  # sidebar, status bar, "no state"
    "#f3f4f6": "#2c333b",  # read-only, key caps, cancelled lessons
    "#f0f4f9": "#2c3540",  # hover
    "#e2e7ee": "#2c3540",  # sidebar hover
    "#dbe8f6": "#1f3a57",  # selection
    "#e4f0fb": "#1c3550",  # the current lesson, valid absence
    "#fdf6e3": "#3a3220",  # notices
    "#fdf0d9": "#3d2f1a",  # late, flagged
    "#fdf2f2": "#3d2424",  # errors
    "#fde7e6": "#42262a",  # absent
    "#fde7c8": "#4a3418",  # a grade in conflict
    "#e3f3e8": "#1f3a2a",  # present
    "#efeafc": "#2f2746",  # other activity
    "#f1f1ef": "#2e2e2b",  # protected identity
    "#e5e7eb": "#39414a",  # chart grid
    # lines
    "#d5dbe3": "#3a424c",
    "#c5cdd8": "#4a535e",
    "#c9ccd1": "#4a535e",
    "#b9d3ec": "#2f5478",
    "#eedfb0": "#6b5a2a",
    "#f1c9c9": "#6b3434",
    "#dedcd6": "#4a4944",
    # text
    "#1f2933": "#e6e9ed",
    "#374151": "#d1d5db",
    "#4b5563": "#b8c0ca",
    "#6b7280": "#a3acb6",
    "#9ca3af": "#7f8894",  # disabled, axes: not text to read
    "#1d4f80": "#a9cdf2",
    "#2f6fae": "#7fb2e5",  # the accent
    "#475569": "#b8c0ca",  # icons' strokes
    "#275f96": "#9cc4ec",
    "#5b4a1a": "#f0dca0",
    "#9b2c2c": "#f4a3a3",
    "#b42318": "#f59e94",
    "#9a5b00": "#f0b35c",
    "#a15c07": "#eba65a",
    "#276b43": "#7fd1a0",
    "#6941c6": "#c3adf7",
    "#6b6b6b": "#a0a0a0",
    "#5b8fc9": "#6ea3dc",
    "#d9822b": "#e39a52",
}

_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
_POINTS = re.compile(r"font-size:\s*([0-9.]+)pt")


class _Theme:
    """The look in use: set once at start (apply), read by painting code."""

    dark = False
    size = "normal"
    following = False  # connected to the desktop's colour scheme changes


_theme = _Theme()


def is_dark() -> bool:
    return _theme.dark


def colour(light: str) -> QColor:
    """The colour to paint for a light-theme colour, in the theme in use."""
    return QColor(DARK.get(light.lower(), light) if _theme.dark else light)


def hex_colour(light: str) -> str:
    return colour(light).name()


def system_prefers_dark(palette: QPalette | None = None) -> bool:
    """The desktop is in dark mode: Qt says so, or its palette is dark."""
    hints = QGuiApplication.styleHints()
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return True
    palette = palette if palette is not None else QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def text_scale(size: str) -> float:
    return TEXT_SCALES.get(size, 1.0)


def themed_style_sheet(source: str, *, dark: bool, scale: float = 1.0) -> str:
    """The style sheet in the theme's colours with every point size scaled."""
    text = source
    if dark:
        text = _HEX.sub(lambda m: DARK.get(m.group(0).lower(), m.group(0)), text)
    if scale != 1.0:
        text = _POINTS.sub(lambda m: f"font-size: {float(m.group(1)) * scale:.1f}pt", text)
    return text


def palette(dark: bool) -> QPalette:
    """A palette in the style sheet's colours, for what the sheet does not
    paint (menus, tooltips, pop-up calendars, scroll areas)."""

    def pick(light: str) -> QColor:
        return QColor(DARK[light] if dark else light)

    result = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#f7f8fa",
        QPalette.ColorRole.WindowText: "#1f2933",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#fafbfc",
        QPalette.ColorRole.Text: "#1f2933",
        QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: "#1f2933",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#dbe8f6",
        QPalette.ColorRole.HighlightedText: "#1f2933",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1f2933",
        QPalette.ColorRole.PlaceholderText: "#6b7280",
        QPalette.ColorRole.Link: "#2f6fae",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#eef1f5",
        QPalette.ColorRole.Mid: "#c5cdd8",
        QPalette.ColorRole.Dark: "#9ca3af",
        QPalette.ColorRole.Shadow: "#6b7280",
    }
    for role, light in roles.items():
        result.setColor(role, pick(light))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        result.setColor(QPalette.ColorGroup.Disabled, role, pick("#9ca3af"))
    return result


def apply(app: QGuiApplication, style_source: str, *, dark: bool, size: str) -> None:
    """Put the look and text size in place app-wide; open windows follow at once."""
    from PySide6.QtWidgets import QApplication

    _theme.dark = dark
    _theme.size = size
    scale = text_scale(size)
    app.setPalette(palette(dark))
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    if isinstance(app, QApplication):
        app.setStyleSheet(themed_style_sheet(style_source, dark=dark, scale=scale))


def current_size() -> str:
    return _theme.size


def follow_desktop(app: QGuiApplication, style_source: str) -> None:
    """Switch look when the desktop switches between light and dark while
    Klassbok runs (the painted colours follow at the next repaint; pages with
    icons reset them on the palette change)."""
    hints = QGuiApplication.styleHints()
    if hints is None or _theme.following:
        return
    _theme.following = True

    def changed(scheme: Qt.ColorScheme) -> None:
        dark = scheme == Qt.ColorScheme.Dark
        if dark != _theme.dark:
            apply(app, style_source, dark=dark, size=_theme.size)

    hints.colorSchemeChanged.connect(changed)


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)

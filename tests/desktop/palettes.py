"""A dark system palette, as KDE's Breeze Dark or GNOME/Windows dark mode give
an app: what Klassbok meets on a teacher's desktop in dark mode."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

_DARK = {
    QPalette.ColorRole.Window: "#2a2e32",
    QPalette.ColorRole.WindowText: "#fcfcfc",
    QPalette.ColorRole.Base: "#1b1e20",
    QPalette.ColorRole.AlternateBase: "#232629",
    QPalette.ColorRole.Text: "#fcfcfc",
    QPalette.ColorRole.Button: "#31363b",
    QPalette.ColorRole.ButtonText: "#fcfcfc",
    QPalette.ColorRole.Highlight: "#3daee9",
    QPalette.ColorRole.HighlightedText: "#fcfcfc",
    QPalette.ColorRole.ToolTipBase: "#31363b",
    QPalette.ColorRole.ToolTipText: "#fcfcfc",
    QPalette.ColorRole.PlaceholderText: "#a1a9b1",
    QPalette.ColorRole.Link: "#1d99f3",
    QPalette.ColorRole.Mid: "#41474d",
    QPalette.ColorRole.Light: "#40464c",
    QPalette.ColorRole.Dark: "#141618",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    return palette

"""Every page of the main window can be used from the keyboard and by a
screen reader: Tab reaches each enabled control a mouse could use, and
each control it reaches says what it is (an accessible name, or a label
whose buddy it is)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.main_window import MainWindow
from tests.desktop.attendance_school import AttendanceApp, make_app
from tests.desktop.helpers import open_page

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[AttendanceApp]:
    yield from make_app(tmp_path)


def interactive_controls(root: QWidget) -> list[QWidget]:
    """What a mouse could use on the page as shown now."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INTERACTIVE)
        and widget.isVisibleTo(root)
        and widget.isEnabled()
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        # A combo box's line edit and a spin box's editor are one control.
        and not isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))
    ]


def tab_route(window: MainWindow, qtbot: QtBot) -> list[QWidget]:
    """Every widget Tab visits, from the sidebar round once."""
    window.nav.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.nav)
    seen: list[QWidget] = [window.nav]
    for _ in range(400):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is None or widget is window.nav:
            break
        seen.append(widget)
    return seen


def group_reached(control: QWidget, route: list[QWidget]) -> bool:
    """Tab stops once in an exclusive button group (Day | Week); the arrow
    keys and each button's Alt shortcut move within it."""
    group = control.group() if isinstance(control, QAbstractButton) else None
    return group is not None and any(button in route for button in group.buttons())


def spoken_name(widget: QWidget) -> str:
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().strip():
        return widget.text()
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return label.text()
    return ""


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(no object name)'}"


def test_tab_reaches_every_control_on_every_page_and_each_has_a_name(
    qtbot: QtBot, app: AttendanceApp
) -> None:
    window = MainWindow(app.services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    for page, _icon in window.pages:
        open_page(qtbot, window, page)
        route = tab_route(window, qtbot)
        for control in interactive_controls(page):
            if control not in route and not group_reached(control, route):
                problems.append(f"{page.title()}: Tab never reaches {describe(control)}")
        for control in route:
            if not spoken_name(control):
                problems.append(f"{page.title()}: {describe(control)} has no accessible name")
    assert not problems, "\n".join(problems)

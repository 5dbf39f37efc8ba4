"""The roll call's keys: one key per state, digits for minutes.

The letters are the Swedish words' first letters, the same in both
languages (a teacher who switches the app to English keeps their habits,
and none of them needs a modifier on a Swedish or an English keyboard):

    Space, N  present (närvarande)        G  valid absence (giltig)
    F         absent, invalid (frånvaro)  A  other activity (annan aktivitet)
    S         late, arrived now (sen)     K  comment (kommentar); F2 as well
    T         left early, leaving now (gick tidigt)
    digits, then S or T: that many minutes late / early; Enter changes the
    minutes of a pupil already late or gone early
    Ctrl+Shift+N  everyone not yet marked is present
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent

from local_db.attendance.views import (
    ABSENT,
    LATE,
    LEFT_EARLY,
    OTHER_ACTIVITY,
    PRESENT,
    VALID_ABSENCE,
)

STATE_KEYS: dict[int, str] = {
    Qt.Key.Key_Space: PRESENT,
    Qt.Key.Key_N: PRESENT,
    Qt.Key.Key_F: ABSENT,
    Qt.Key.Key_S: LATE,
    Qt.Key.Key_T: LEFT_EARLY,
    Qt.Key.Key_G: VALID_ABSENCE,
    Qt.Key.Key_A: OTHER_ACTIVITY,
}
COMMENT_KEYS = (Qt.Key.Key_K, Qt.Key.Key_F2)
ALL_PRESENT_SHORTCUT = "Ctrl+Shift+N"
#: Minutes have at most three digits (a lesson is shorter than 1000 minutes).
MAX_DIGITS = 3


class KeyKind(enum.Enum):
    STATE = "state"
    DIGIT = "digit"
    BACKSPACE = "backspace"
    ENTER = "enter"
    ESCAPE = "escape"
    COMMENT = "comment"


@dataclass(frozen=True)
class KeyAction:
    kind: KeyKind
    state: str | None = None
    digit: int | None = None


def action_for(event: QKeyEvent) -> KeyAction | None:
    """What a key press means in the roll call; None: the table's own key
    (arrows, Page Up/Down, Home/End, Tab) or a shortcut with Ctrl/Alt."""
    modifiers = event.modifiers()
    if modifiers & (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    ):
        return None
    key = event.key()
    if key in STATE_KEYS:
        return KeyAction(KeyKind.STATE, state=STATE_KEYS[Qt.Key(key)])
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:  # top row and keypad alike
        return KeyAction(KeyKind.DIGIT, digit=key - Qt.Key.Key_0)
    if key in COMMENT_KEYS:
        return KeyAction(KeyKind.COMMENT)
    if key == Qt.Key.Key_Backspace:
        return KeyAction(KeyKind.BACKSPACE)
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return KeyAction(KeyKind.ENTER)
    if key == Qt.Key.Key_Escape:
        return KeyAction(KeyKind.ESCAPE)
    return None


def legend() -> list[tuple[str, str]]:
    """(keys, what they do) for the legend beside the list."""
    translate = QCoreApplication.translate
    return [
        (translate("RollCallKeys", "Space / N"), translate("RollCallKeys", "Present")),
        ("F", translate("RollCallKeys", "Absent (invalid)")),
        ("S", translate("RollCallKeys", "Late, arrived now")),
        ("T", translate("RollCallKeys", "Left early, leaving now")),
        (translate("RollCallKeys", "12 S"), translate("RollCallKeys", "12 min late (12 T: early)")),
        ("G", translate("RollCallKeys", "Valid absence")),
        ("A", translate("RollCallKeys", "Other school activity")),
        ("K", translate("RollCallKeys", "Comment")),
        ("↑ ↓", translate("RollCallKeys", "Move")),
    ]


def all_present_hint() -> str:
    return QCoreApplication.translate(
        "RollCallKeys", "Ctrl+Shift+N: everyone not yet marked is present."
    )


def legend_footnote() -> str:
    return QCoreApplication.translate(
        "RollCallKeys",
        "The letters are Swedish: Närvarande, Frånvarande, Sen, gick Tidigt, Giltig, "
        "Annan aktivitet, Kommentar.",
    )

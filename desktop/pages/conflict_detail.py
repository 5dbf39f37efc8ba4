"""One conflict, mine against theirs side by side, decided with one click.

- needs review (grades, results): "Keep mine" / "Use theirs";
- both texts kept (overlapping edits): the same, plus an editor prefilled
  with both versions, clearly marked, and "Save this text";
- deleted against edited: "Keep deleted" / "Keep with the edit".

The widget only says what was chosen (`decided`); the page writes it.
"""

from __future__ import annotations

import json
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.conflict_texts import (
    DELETED_MARK,
    FIELD_IN_HEADING,
    person,
    side_value,
    type_text,
    what_text,
    when_text,
)
from local_db.conflicts import DELETE_CHOICE, KEEP_CHOICE
from local_db.repositories.sync_overview import ConflictItem
from local_db.views import ConflictSide

#: Values up to this long are shown large (a grade, a status).
_SHORT = 24


class SideCard(QFrame):
    """One side: whose, the value, when, and the button that chooses it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictSide")
        self.caption = QLabel(caption)
        self.caption.setObjectName("conflictSideCaption")
        self.value_label = QLabel()
        self.value_label.setObjectName("conflictValue")
        self.value_label.setWordWrap(True)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_text = QPlainTextEdit()
        self.value_text.setObjectName("conflictText")
        self.value_text.setReadOnly(True)
        self.value_text.setFixedHeight(110)  # long texts scroll inside
        self.who = QLabel()
        self.who.setObjectName("hintLabel")
        self.who.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("primaryButton")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.caption)
        layout.addWidget(self.value_label)
        layout.addWidget(self.value_text)
        layout.addWidget(self.who)
        layout.addStretch(1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_side(self, caption: str, value: str, who: str, button: str, large: bool) -> None:
        self.caption.setText(caption)
        short = large and len(value) <= _SHORT and "\n" not in value
        self.value_label.setVisible(short)
        self.value_text.setVisible(not short)
        self.value_label.setText(value)
        self.value_label.setProperty("large", short)
        self.value_label.style().unpolish(self.value_label)
        self.value_label.style().polish(self.value_label)
        self.value_text.setPlainText(value)
        self.who.setText(who)
        self.button.setText(button)
        self.button.setAccessibleName(f"{button}: {value}")


def merged_draft(mine: tuple[str, str], theirs: tuple[str, str]) -> str:
    """Both texts in one, each under a line saying whose it is, for the
    teacher to edit into one version."""
    (mine_caption, mine_text), (their_caption, their_text) = mine, theirs
    return f"——— {mine_caption} ———\n{mine_text}\n\n——— {their_caption} ———\n{their_text}\n"


class ConflictDetail(QWidget):
    #: (conflict id, chosen JSON) — one click decides.
    decided = Signal(uuid.UUID, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDetail")
        self.item: ConflictItem | None = None
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.pupil = QLabel()
        self.pupil.setObjectName("pageSubtitle")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.left = SideCard("")
        self.right = SideCard("")
        sides = QHBoxLayout()
        sides.setSpacing(12)
        sides.addWidget(self.left, 1)
        sides.addWidget(self.right, 1)
        self.merge_box = self._merge_section()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.pupil)
        layout.addWidget(self.explanation)
        layout.addLayout(sides)
        layout.addWidget(self.merge_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.merge_box, 1)
        layout.addStretch(0)
        self._draft = ""
        self._choices: dict[SideCard, str] = {}
        self.left.button.clicked.connect(lambda: self._choose(self.left))
        self.right.button.clicked.connect(lambda: self._choose(self.right))

    def _merge_section(self) -> QFrame:
        """The editor for one text from both versions (text conflicts)."""
        box = QFrame()
        box.setObjectName("mergeBox")
        merge_title = QLabel(self.tr("Or write one text from both"))
        merge_title.setObjectName("sectionTitle")
        merge_hint = QLabel(
            self.tr(
                "Both versions are below, each under a line saying whose it is. Edit them "
                "into one text, remove the lines, then save."
            )
        )
        merge_hint.setObjectName("hintLabel")
        merge_hint.setWordWrap(True)
        self.merge_edit = QPlainTextEdit()
        self.merge_edit.setObjectName("mergeEdit")
        self.merge_edit.setAccessibleName(self.tr("One text from both versions"))
        self.merge_edit.setMinimumHeight(150)
        self.merge_edit.textChanged.connect(self._merge_changed)
        self.merge_toggle = QPushButton(self.tr("Or write one text from both…"))
        self.merge_toggle.setObjectName("linkButton")
        self.merge_toggle.clicked.connect(self.open_merge)
        self.save_merged = QPushButton(self.tr("Save this text"))
        self.save_merged.clicked.connect(self._save_merged)
        merge = QVBoxLayout(box)
        merge.setContentsMargins(0, 8, 0, 0)
        merge.setSpacing(6)
        merge.addWidget(merge_title)
        merge.addWidget(merge_hint)
        merge.addWidget(self.merge_edit, 1)
        merge.addWidget(self.save_merged, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    # --- showing ---------------------------------------------------------------

    def show_conflict(self, item: ConflictItem) -> None:
        self.item = item
        view = item.view
        self.title.setText(what_text(item))
        # Under the heading: whom it is about and what clashed, where the
        # heading does not say it already.
        parts = [view.pupil_name or ""]
        if item.subject.kind in FIELD_IN_HEADING:
            parts.append(item.subject.activity_name or "")
        else:
            parts.append(type_text(item))
        self.pupil.setText(" · ".join(part for part in parts if part))
        left, right = self._ordered(item)
        self.explanation.setText(self._explanation(item, left, right))
        for card, (side, caption) in ((self.left, left), (self.right, right)):
            self._fill(card, item, side, caption)
        text_both = view.conflict_type == "text_both"
        # The editor opens on request: the two versions and their buttons come first.
        self.merge_box.setVisible(False)
        self.merge_toggle.setVisible(text_both)
        if text_both:
            self._draft = merged_draft(
                (left[1], side_value(item, left[0])), (right[1], side_value(item, right[0]))
            )
            self.merge_edit.setPlainText(self._draft)
        self.set_busy(False)

    def _ordered(self, item: ConflictItem) -> tuple[tuple[ConflictSide, str], ...]:
        """(side, caption) for left and right: mine first when one is mine."""
        view = item.view
        if view.mine is not None:
            theirs = view.theirs
            return (
                (view.mine, self.tr("Yours")),
                (
                    theirs,
                    self.tr("{name}'s").format(name=person(theirs.by_name)),
                ),
            )
        return (
            (view.current, self.tr("{name}'s").format(name=person(view.current.by_name))),
            (view.rival, self.tr("{name}'s").format(name=person(view.rival.by_name))),
        )

    def _explanation(
        self,
        item: ConflictItem,
        left: tuple[ConflictSide, str],
        right: tuple[ConflictSide, str],
    ) -> str:
        view = item.view
        mine = view.mine is not None
        other = person(view.theirs.by_name) if mine else person(right[0].by_name)
        if view.conflict_type == "delete_vs_edit":
            deleter = view.current if view.current.value == DELETED_MARK else view.rival
            editor = view.rival if deleter is view.current else view.current
            return self.tr(
                "{deleter} deleted this while {editor} changed it. Decide whether it "
                "should stay. Until then it is kept."
            ).format(deleter=person(deleter.by_name), editor=person(editor.by_name))
        kept = side_value(item, view.current)
        if view.conflict_type == "text_both":
            return (
                self.tr(
                    "You and {other} changed the same words at the same time. Choose one "
                    "version, or write one text from both below."
                ).format(other=other)
                if mine
                else self.tr(
                    "{a} and {b} changed the same words at the same time. Choose one version."
                ).format(a=person(left[0].by_name), b=other)
            )
        return (
            self.tr(
                "You and {other} entered different values at about the same time. "
                "Klassbok never picks a grade by itself: until one of you decides, it "
                "keeps {kept}, the value that reached the server first."
            ).format(other=other, kept=kept)
            if mine
            else self.tr(
                "{a} and {b} entered different values. Until a teacher decides, Klassbok keeps "
                "{kept}."
            ).format(a=person(left[0].by_name), b=other, kept=kept)
        )

    def _fill(self, card: SideCard, item: ConflictItem, side: ConflictSide, caption: str) -> None:
        view = item.view
        value = side_value(item, side)
        when = when_text(side.at)
        who = (
            self.tr("{name}, {when}").format(name=person(side.by_name), when=when)
            if when
            else person(side.by_name)
        )
        if view.conflict_type == "delete_vs_edit":
            deleted = side.value == DELETED_MARK
            button = self.tr("Keep deleted") if deleted else self.tr("Keep with the edit")
            self._choices[card] = DELETE_CHOICE if deleted else KEEP_CHOICE
            caption = (
                self.tr("Deleted by {name}") if deleted else self.tr("Changed by {name}")
            ).format(name=person(side.by_name))
        else:
            if view.mine is not None:
                button = self.tr("Keep mine") if side is view.mine else self.tr("Use theirs")
            else:
                button = self.tr("Choose this")
            self._choices[card] = side.value_json or json.dumps(None)
        large = view.conflict_type == "needs_review" or (
            view.conflict_type == "delete_vs_edit" and side.value == DELETED_MARK
        )
        card.show_side(caption, value, who, button, large)

    def open_merge(self) -> None:
        """Show the editor prefilled with both versions."""
        self.merge_toggle.setVisible(False)
        self.merge_box.setVisible(True)
        self.merge_edit.setFocus()

    # --- deciding --------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        """While a decision is being saved nothing can be clicked twice."""
        for button in (self.left.button, self.right.button):
            button.setEnabled(not busy)
        self.save_merged.setEnabled(not busy and self.merge_edit.toPlainText() != self._draft)

    def _choose(self, card: SideCard) -> None:
        if self.item is not None and card in self._choices:
            self.decided.emit(self.item.view.id, self._choices[card])

    def _merge_changed(self) -> None:
        text = self.merge_edit.toPlainText()
        self.save_merged.setEnabled(bool(text.strip()) and text != self._draft)

    def _save_merged(self) -> None:
        if self.item is not None:
            text = self.merge_edit.toPlainText().strip("\n")
            self.decided.emit(self.item.view.id, json.dumps(text, ensure_ascii=False))

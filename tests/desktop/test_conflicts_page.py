"""Conflicts between two teachers who co-teach maths in 7A (Anna and
Cecilia), each with the app open on a cache of their own, against the real
server: what needs a decision shows for both, one click decides it, the
other sees it go with a note of who decided, and an attendance edit that
lost shows the loser a toast."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.notice_toast import NoticeToast, NoticeToaster
from desktop.sidebar_badge import BADGE_ROLE
from tests.desktop.helpers import TIMEOUT_MS, open_page, wait_reads_done
from tests.desktop.sync_helpers import (
    SyncWorld,
    Teacher,
    Wall,
    served_school,
    sync_and_wait,
    wall,
    world,
    write,
)

__all__ = ["served_school", "wall", "world"]


def _badge(who: Teacher) -> object:
    window = who.window
    row = next(i for i, (page, _icon) in enumerate(window.pages) if page is window.conflicts_page)
    item = window.nav.item(row)
    return item.data(BADGE_ROLE)


def _open_conflicts(qtbot: QtBot, who: Teacher) -> None:
    open_page(qtbot, who.window, who.window.conflicts_page)


def test_a_grade_conflict_shows_for_both_and_one_click_settles_it_for_both(
    qtbot: QtBot,
    wall: Wall,
    world: SyncWorld,
) -> None:
    result = world.school["record:result"]  # Alva on Prov 1, grade C
    anna, cecilia = world.teacher("anna"), world.teacher("cecilia")
    write(qtbot, anna, "assessment_result", result, {"grade": "B"})
    wall.tick()
    write(qtbot, cecilia, "assessment_result", result, {"grade": "A"})
    assert sync_and_wait(qtbot, anna)
    assert sync_and_wait(qtbot, cecilia)  # her grade meets Anna's: a conflict
    assert sync_and_wait(qtbot, anna)

    for who, mine, theirs, other in (
        (anna, "B", "A", "Cecilia Carlsson"),
        (cecilia, "A", "B", "Anna Andersson"),
    ):
        assert _badge(who) == 1
        link = who.window.status.conflicts_button
        assert link.isVisible()
        assert link.text().startswith("1 conflict")
        link.click()  # the status bar's link opens Conflicts
        assert who.window.stack.currentWidget() is who.window.conflicts_page
        _open_conflicts(qtbot, who)
        page = who.window.conflicts_page
        assert len(page.model.rows()) == 1
        assert page.model.index(0, page.model.PUPIL).data() == "Alva Ahlberg"
        assert page.model.index(0, page.model.WHAT).data() == "Grade on “Prov 1”"
        assert page.model.index(0, page.model.WITH).data() == other
        detail = page.detail
        assert detail.isVisible()
        assert detail.title.text() == "Grade on “Prov 1”"
        assert (detail.left.caption.text(), detail.left.value_label.text()) == ("Yours", mine)
        assert (detail.right.caption.text(), detail.right.value_label.text()) == (
            f"{other}'s",
            theirs,
        )
        assert detail.right.who.text().startswith(f"{other}, ")  # who and when
        assert (detail.left.button.text(), detail.right.button.text()) == (
            "Keep mine",
            "Use theirs",
        )
        # Nothing was decided by the machine: the first grade stands for now.
        assert "keeps B" in detail.explanation.text()

    # Anna keeps her grade: one click, then the app syncs by itself.
    sync = anna.controller.sync
    assert sync is not None
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(anna.window.conflicts_page.detail.left.button, Qt.MouseButton.LeftButton)
    assert finished.args == [True]
    wait_reads_done(qtbot, anna.window)
    qtbot.waitUntil(lambda: anna.window.conflicts_page.model.rows() == [], timeout=TIMEOUT_MS)
    assert not anna.window.conflicts_page.note.isVisible()  # her own decision: no note
    qtbot.waitUntil(lambda: _badge(anna) == 0, timeout=TIMEOUT_MS)
    row = world.row("assessment_result", result)
    assert row is not None
    assert (row["grade"], row["needs_review"]) == ("B", False)

    # Cecilia's app, at its next sync: the conflict is gone, and she is told why.
    assert sync_and_wait(qtbot, cecilia)
    page = cecilia.window.conflicts_page
    qtbot.waitUntil(lambda: page.model.rows() == [], timeout=TIMEOUT_MS)
    assert page.note.isVisible()
    assert page.note.text() == (
        "Anna Andersson has already decided Grade on “Prov 1” for Alva Ahlberg."
    )
    assert page.decide_stack.currentWidget() is page.empty
    assert _badge(cecilia) == 0
    assert not cecilia.window.status.conflicts_button.isVisible()
    assert world.reported.messages == []


def test_overlapping_text_edits_can_be_combined_into_one_text(
    qtbot: QtBot,
    wall: Wall,
    world: SyncWorld,
) -> None:
    plan = world.school["record:plan"]  # Svenska 7A, "Läsning"
    anna, cecilia = world.teacher("anna"), world.teacher("cecilia")
    write(qtbot, anna, "lesson_plan", plan, {"content": "Läsning i par"})
    wall.tick()
    write(qtbot, cecilia, "lesson_plan", plan, {"content": "Läsning i helklass"})
    assert sync_and_wait(qtbot, anna)
    assert sync_and_wait(qtbot, cecilia)

    _open_conflicts(qtbot, cecilia)
    page = cecilia.window.conflicts_page
    [item] = page.model.rows()
    assert page.model.index(0, page.model.FIELD).data() == "Plan text (two versions)"
    detail = page.detail
    assert detail.left.value_text.toPlainText() == "Läsning i helklass"
    assert detail.right.value_text.toPlainText() == "Läsning i par"
    assert not detail.merge_box.isVisible()  # the two versions first
    qtbot.mouseClick(detail.merge_toggle, Qt.MouseButton.LeftButton)
    assert detail.merge_box.isVisible()
    draft = detail.merge_edit.toPlainText()
    # Both versions, each marked with whose it is.
    assert "——— Yours ———\nLäsning i helklass" in draft
    assert "——— Anna Andersson's ———\nLäsning i par" in draft
    assert not detail.save_merged.isEnabled()  # nothing written yet
    detail.merge_edit.setPlainText("Läsning i par, sedan i helklass")
    assert detail.save_merged.isEnabled()
    sync = cecilia.controller.sync
    assert sync is not None
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(detail.save_merged, Qt.MouseButton.LeftButton)
    row = world.row("lesson_plan", plan)
    assert row is not None
    assert row["content"] == "Läsning i par, sedan i helklass"
    qtbot.waitUntil(lambda: page.model.rows() == [], timeout=TIMEOUT_MS)
    assert item.view.conflict_type == "text_both"


def test_the_teacher_whose_attendance_mark_lost_gets_a_toast_and_a_note_to_dismiss(
    qtbot: QtBot,
    wall: Wall,
    world: SyncWorld,
) -> None:
    record, values = world.attendance("lesson:ma7a:1", "pupil:axel")
    anna, cecilia = world.teacher("anna"), world.teacher("cecilia")
    write(qtbot, anna, "attendance", record, {**values, "status": "absent"})
    wall.tick()
    write(qtbot, cecilia, "attendance", record, {**values, "status": "late", "late_minutes": 10})
    assert sync_and_wait(qtbot, anna)
    assert sync_and_wait(qtbot, cecilia)  # later mark wins; Anna is told

    toaster = anna.window.findChild(NoticeToaster)
    assert toaster is not None
    with qtbot.waitSignal(toaster.shown, timeout=TIMEOUT_MS):
        assert sync_and_wait(qtbot, anna)
    [toast] = [t for t in anna.window.findChildren(NoticeToast) if t.isVisible()]
    text = toast.text_label.text()
    assert text.startswith(
        "Cecilia Carlsson changed Axel Ås from Absent (invalid) to Late · 10 min in Matematik 7A, "
    )
    # A toast, not a dialog: the window keeps working, nothing was reported.
    assert world.reported.messages == []
    # Cecilia, who won, is not told anything.
    assert [t for t in cecilia.window.findChildren(NoticeToast) if t.isVisible()] == []
    # Seen once: the next sync does not toast it again.
    toast.close()
    assert sync_and_wait(qtbot, anna)
    assert [t for t in anna.window.findChildren(NoticeToast) if t.isVisible()] == []

    # It waits in Conflicts, "For your information", until dismissed.
    _open_conflicts(qtbot, anna)
    page = anna.window.conflicts_page
    assert page.notices_box.isVisible()
    [card] = page.notice_cards
    assert card.item.view.pupil_name == "Axel Ås"
    assert page.model.rows() == []  # nothing to decide
    sync = anna.controller.sync
    assert sync is not None
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(card.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.notices_box.isVisible(), timeout=TIMEOUT_MS)
    assert sync.state.open_notices == 0

"""Opening Planering at a unit or a lesson plan from elsewhere (a search result).

Kept beside the page rather than in it (planning_page.py is at its size);
it moves the page's own choices (week, group and subject, unit) the way its
buttons and lists do, then lets the page read as it always does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from desktop import local_time

if TYPE_CHECKING:
    from desktop.pages.planning.planning_page import PlanningPage

WEEK_TAB, UNITS_TAB = 0, 1


def open_unit(page: PlanningPage, activity_id: uuid.UUID, unit_id: uuid.UUID) -> None:
    """The Units tab at the unit, its group and subject chosen (the unit being
    typed saved first, or kept open with its problem shown)."""
    page.tabs.setCurrentIndex(UNITS_TAB)
    if not page.unit_editor.save_before_leaving():
        return
    page.activity_id = activity_id
    page.unit_id = unit_id
    page.unit_editor.unit_id = None  # as choosing it in the list: its data replaces the editor's
    page.refresh()


def open_lesson_plan(page: PlanningPage, lesson_id: uuid.UUID, starts: dt.datetime) -> None:
    """The Week tab at the lesson's week, the lesson chosen (its plan in the editor)."""
    page.tabs.setCurrentIndex(WEEK_TAB)
    page.monday = local_time.monday_of(local_time.to_local(starts).date())
    page.plan_editor.show_lesson(None, [])

    def choose() -> None:
        row = page.week_model.row_of_lesson(lesson_id)
        page.loaded.disconnect(choose)
        if row >= 0:
            index = page.week_model.index(row, 0)
            page.week_table.setCurrentIndex(index)
            page.week_table.selectRow(row)
            page.week_table.scrollTo(index)

    page.loaded.connect(choose)
    page.refresh()

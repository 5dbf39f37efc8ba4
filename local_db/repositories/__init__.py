"""Every query a page needs: functions taking a Connection and returning
local_db.views values, never live rows."""

from local_db.repositories.groups import groups_for_teacher
from local_db.repositories.pupils import pupil_detail, pupils_in_group, search_pupils
from local_db.repositories.status import sync_status
from local_db.repositories.sync_issues import (
    conflicts_for_record,
    open_conflicts,
    open_notices,
    rejected_edits,
    unseen_notices,
)
from local_db.repositories.timetable import lessons_between

__all__ = [
    "conflicts_for_record",
    "groups_for_teacher",
    "lessons_between",
    "open_conflicts",
    "open_notices",
    "pupil_detail",
    "pupils_in_group",
    "rejected_edits",
    "search_pupils",
    "sync_status",
    "unseen_notices",
]

"""Plain frozen values that repositories hand to the UI.

Never live ORM rows: the UI thread must not touch a database session
(ARCHITECTURE.md, Threading). Everything a page shows is one of these.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupView:
    id: uuid.UUID
    display_name: str
    group_type: str  # class | teaching | mentor | other
    school_year: int | None
    pupil_count: int  # members on the day asked about
    #: True when the signed-in teacher teaches the group themselves (false for
    #: a group seen only through co-teaching of another activity).
    taught_by_me: bool


@dataclass(frozen=True)
class PupilView:
    id: uuid.UUID
    given_name: str
    family_name: str
    #: Any security marking: show a discreet marker, never contact data.
    protected: bool

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.family_name.casefold(), self.given_name.casefold())

    @property
    def initials(self) -> str:
        return (self.given_name[:1] + self.family_name[:1]).upper()


@dataclass(frozen=True)
class GuardianView:
    id: uuid.UUID
    given_name: str
    family_name: str
    relation_type: str
    #: None when withheld (a protected pupil) or unknown.
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class MembershipView:
    group_id: uuid.UUID
    group_name: str
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True)
class PupilDetail:
    pupil: PupilView
    birth_date: dt.date | None
    memberships: tuple[MembershipView, ...]
    guardians: tuple[GuardianView, ...]
    #: False for a protected pupil: the server sent no contact data at all.
    contact_data_available: bool


@dataclass(frozen=True)
class LessonView:
    id: uuid.UUID
    activity_id: uuid.UUID
    activity_name: str
    subject_name: str | None
    group_names: tuple[str, ...]
    start_time: dt.datetime  # UTC-aware; pages show local time
    end_time: dt.datetime
    room: str | None
    cancelled: bool
    #: The signed-in teacher is one of the activity's teachers.
    mine: bool
    teacher_names: tuple[str, ...]
    #: The roll call has been taken (lesson_registration.registered).
    registered: bool

    @property
    def minutes(self) -> int:
        return int((self.end_time - self.start_time).total_seconds() // 60)


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows."""

    last_sync_at: dt.datetime | None
    pending_changes: int
    open_conflicts: int
    has_synced_once: bool

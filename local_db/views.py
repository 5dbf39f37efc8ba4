"""Plain frozen values that repositories hand to the UI.

Never live ORM rows: the UI thread must not touch a database session
(ARCHITECTURE.md, Threading). Everything a page shows is one of these.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from local_db.collation import swedish_key


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
        # Swedish order: å, ä, ö after z (local_db.collation).
        return (swedish_key(self.family_name), swedish_key(self.given_name))

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
    #: Edits the server refused, waiting for the teacher to look at them.
    rejected_changes: int = 0
    #: The server's sentence about this computer's clock (None: fine).
    clock_warning: str | None = None


# --- two-way sync: what the teacher sees of unsettled and disputed edits -------


@dataclass(frozen=True)
class RejectedEditView:
    """An edit the server refused: shown as "couldn't be sent: <reason>"
    until the teacher dismisses it (local_db.edits.discard_rejected(op))."""

    op: int
    kind: str
    record_id: uuid.UUID
    #: "Alva Ahlberg – Prov 1": who and what, as the teacher knows it.
    record_label: str
    action: str  # upsert | delete
    fields: tuple[str, ...]
    reason: str
    edited_at: dt.datetime
    rejected_at: dt.datetime | None


@dataclass(frozen=True)
class ConflictSide:
    """One value in a conflict, with who set it and when."""

    #: The value as JSON-decoded Python (a grade "C", a text, None, or for a
    #: delete_vs_edit the edited fields / "__delete__").
    value: object
    #: The value as the server stores it (JSON text): resolve with this.
    value_json: str | None
    by_id: uuid.UUID | None
    by_name: str | None
    at: dt.datetime | None


@dataclass(frozen=True)
class ConflictView:
    """A conflict a teacher must decide (needs_review, text_both,
    delete_vs_edit). `current` is the value the server kept, `rival` the
    one it set aside; `mine`/`theirs` say which is the signed-in teacher's."""

    id: uuid.UUID
    conflict_type: str
    record_kind: str
    record_id: uuid.UUID
    record_label: str
    pupil_name: str | None
    field_name: str | None
    current: ConflictSide
    rival: ConflictSide
    #: "current", "rival" or None (a co-teacher's two colleagues disagree).
    mine_is: str | None

    @property
    def mine(self) -> ConflictSide | None:
        return {"current": self.current, "rival": self.rival}.get(self.mine_is or "")

    @property
    def theirs(self) -> ConflictSide:
        return self.current if self.mine_is == "rival" else self.rival


@dataclass(frozen=True)
class NoticeView:
    """A LATEST_WINS edit settled against the signed-in teacher ("Eva changed
    Ana from absent to late"): a toast once (mark_notice_seen), then it may
    be acknowledged."""

    id: uuid.UUID
    record_kind: str
    record_id: uuid.UUID
    record_label: str
    pupil_name: str | None
    #: The one field, or None when the notice covers several (then the
    #: values are objects {field: value}; see field_names).
    field_name: str | None
    #: The value that stands (set by a colleague) and the teacher's own value
    #: that was replaced.
    kept: ConflictSide
    replaced: ConflictSide

    @property
    def field_names(self) -> tuple[str, ...]:
        if self.field_name is not None:
            return (self.field_name,)
        value = self.kept.value
        return tuple(sorted(value)) if isinstance(value, dict) else ()

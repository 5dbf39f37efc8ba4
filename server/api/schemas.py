"""Response bodies of the scoped resource endpoints.

Kept apart from the tables: a column exists here only when it may leave the
server (no civic_no, no external ids, no bookkeeping columns). The sync
bodies live in sync_protocol.wire, shared with the client.
"""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class GroupOut(_Out):
    id: uuid.UUID
    school_id: uuid.UUID
    display_name: str
    group_type: str = Field(description="class | teaching | mentor | other")
    school_year: int | None
    start_date: dt.date
    end_date: dt.date | None


class PersonOut(_Out):
    id: uuid.UUID
    given_name: str
    family_name: str
    birth_date: dt.date | None
    security_marking: str = Field(description="none | confidential | protected_registration")
    #: Contact fields are null when withheld (a protected pupil, or a guardian of one).
    email: str | None
    phone: str | None
    street_address: str | None
    postal_code: str | None
    locality: str | None
    protected: bool = Field(description="The person has a security marking.")
    contact_withheld: bool = Field(description="Contact fields were withheld (sent as null).")


class MemberOut(_Out):
    membership_id: uuid.UUID
    start_date: dt.date
    end_date: dt.date | None
    pupil: PersonOut


class LessonOut(_Out):
    id: uuid.UUID
    activity_id: uuid.UUID
    start_time: dt.datetime
    end_time: dt.datetime
    room: str | None
    cancelled: bool
    comment: str | None


class ActivityOut(_Out):
    id: uuid.UUID
    school_id: uuid.UUID
    display_name: str
    subject_code: str | None
    subject_name: str | None
    activity_type: str = Field(description="teaching | pupil_activity | other")
    start_date: dt.date
    end_date: dt.date | None
    group_ids: list[uuid.UUID] = Field(description="The activity's groups that are in your scope.")
    teacher_ids: list[uuid.UUID]

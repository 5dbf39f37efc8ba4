"""Request and response bodies of the Klassbok API (pydantic 2).

The envelope is validated here; the field values inside a record are
validated against the entity registry by `sync_protocol.codec`, so that one
bad field rejects one record (or one op) with a reason, not a whole page.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Username = Annotated[str, StringConstraints(min_length=1, max_length=100, strip_whitespace=True)]
Password = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
Kind = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]
HlcText = Annotated[str, StringConstraints(max_length=100)]
Cursor = Annotated[str, StringConstraints(max_length=2000)]

# Numbers a peer sends end up in BIGINT columns or in comparisons with them:
# beyond signed 64 bits the database overflows (a 500), so refuse them here.
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]

# Times a school deals with; far from the calendar's ends, so converting a
# time zone or adding a day or a year never overflows (year 1 at +12:20 did).
FIRST_YEAR = 1900
LAST_YEAR = 2999
_YEARS_MESSAGE = f"must be between the years {FIRST_YEAR} and {LAST_YEAR}"


def _within_years_datetime(value: dt.datetime) -> dt.datetime:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"Times {_YEARS_MESSAGE}.")
    return value


def _within_years_date(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"Dates {_YEARS_MESSAGE}.")
    return value


#: A date-time a request may carry (see FIRST_YEAR, LAST_YEAR).
BoundedDatetime = Annotated[dt.datetime, AfterValidator(_within_years_datetime)]
#: A date a request may carry.
BoundedDate = Annotated[dt.date, AfterValidator(_within_years_date)]


class _Strict(BaseModel):
    # A hostile or buggy peer's extra keys are refused, not ignored: the
    # client must never believe the server said something it did not.
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Lenient(BaseModel):
    # Responses tolerate extra keys so a newer server (one schema version
    # ahead, which it still serves) does not break an older client.
    model_config = ConfigDict(extra="ignore", frozen=True)


# --- errors -----------------------------------------------------------------


class ErrorBody(_Lenient):
    """Every error response: a stable code for programs, a sentence for people."""

    error: str
    message: str
    detail: Any = None


# --- accounts ---------------------------------------------------------------


class LoginRequest(_Strict):
    username: Username
    password: Password
    device_name: Annotated[str, StringConstraints(max_length=100)] = ""


class UserInfo(_Lenient):
    id: uuid.UUID
    username: str
    display_name: str
    role: Literal["teacher", "admin", "absence_reporter"]
    person_id: uuid.UUID | None
    school_id: uuid.UUID | None = None


class LoginResponse(_Lenient):
    token: str
    expires_at: dt.datetime
    user: UserInfo


class ServerInfo(_Lenient):
    """GET /api/v1/info: what a client checks before logging in."""

    name: str
    protocol_version: int
    schema_version: int
    min_protocol_version: int
    min_schema_version: int
    server_time: dt.datetime


# --- change feed (pull) -----------------------------------------------------


class ChangeRecord(_Lenient):
    """One record as it is now on the server (or its tombstone)."""

    kind: Kind
    id: uuid.UUID
    seq: int = Field(ge=0)
    deleted: bool = False
    created_at: dt.datetime | None = None
    created_by: uuid.UUID | None = None
    modified_at: dt.datetime | None = None
    modified_by: uuid.UUID | None = None
    #: Field values (absent for a tombstone). Validated by sync_protocol.codec.
    fields: dict[str, Any] = Field(default_factory=dict)
    #: Per-field versions: the seq at which a field last changed, given only
    #: for fields whose version differs from the record's seq (most records
    #: were written once, so this is usually empty).
    fv: dict[str, int] = Field(default_factory=dict)


class ChangePage(_Lenient):
    changes: list[ChangeRecord]
    #: Opaque; send it back to get the next page.
    cursor: Cursor
    has_more: bool
    #: Changes the scope check asks the client to repair (see docs/sync.md).
    scope_changed: bool = False
    server_time: dt.datetime
    server_hlc: HlcText | None = None


# --- push (client changes) --------------------------------------------------


class PushOp(_Strict):
    """One record change, as captured in the client's outbox."""

    op: int = Field(ge=1, le=INT64_MAX)  # per-client counter; (client_id, op) is the op id
    kind: Kind
    id: uuid.UUID
    action: Literal["upsert", "delete"] = "upsert"
    fields: dict[str, Any] = Field(default_factory=dict)
    #: The version (seq) each changed field had when the teacher edited it;
    #: 0 means the client had never seen the record.
    base: dict[str, Int64] = Field(default_factory=dict)
    #: For text-merged fields: the text the edit started from.
    base_text: dict[str, str] = Field(default_factory=dict)
    hlc: HlcText
    #: A default the teacher did not choose ("everyone not yet marked is
    #: present"): it creates the record if nobody has, and otherwise yields
    #: to whatever is there, without a notice (outcome "merged").
    weak: bool = False


class PushTransaction(_Strict):
    """Ops the client committed together; never split across batches."""

    ops: list[PushOp] = Field(min_length=1, max_length=1000)


class PushBatch(_Strict):
    client_id: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_.-]{1,64}$")]
    batch_id: uuid.UUID
    transactions: list[PushTransaction] = Field(min_length=1, max_length=200)
    #: Protocol 2: this computer has every answer below this op number and
    #: never sends those ops again, so the server may forget their stored
    #: results (after a grace period for copies of a request still on the
    #: network). None: the client says nothing (protocol 1).
    acked_below: int | None = Field(default=None, ge=1, le=INT64_MAX)


OpOutcome = Literal["applied", "merged", "conflict", "rejected", "duplicate"]


class OpResult(_Lenient):
    op: int
    outcome: OpOutcome
    reason: str | None = None
    seq: int | None = None


class PushResponse(_Lenient):
    results: list[OpResult]
    server_hlc: HlcText
    server_time: dt.datetime
    #: Set when the client's clock stamps were beyond the accepted skew.
    clock_warning: str | None = None


# --- divergence check -------------------------------------------------------


class ScopeDigest(_Lenient):
    """Count and digest of the records of one kind (and partition) in scope."""

    kind: Kind
    partition: uuid.UUID | None = None
    count: int
    digest: str


class DigestResponse(_Lenient):
    digests: list[ScopeDigest]
    #: The cursor position the digests were computed at.
    cursor: Cursor


class ManifestRequest(_Strict):
    kind: Kind
    partition: uuid.UUID | None = None


class ManifestEntry(_Lenient):
    id: uuid.UUID
    seq: int


class ManifestResponse(_Lenient):
    kind: Kind
    entries: list[ManifestEntry]


class FetchRequest(_Strict):
    kind: Kind
    ids: list[uuid.UUID] = Field(max_length=5000)


class FetchResponse(_Lenient):
    changes: list[ChangeRecord]


# --- guardian-facing absence reports ----------------------------------------


class AbsenceReportIn(_Strict):
    pupil_id: uuid.UUID
    absence_type: Literal["reported_absence", "granted_leave"]
    start_time: BoundedDatetime
    end_time: BoundedDatetime
    reported_by_name: Annotated[str, StringConstraints(max_length=200)] | None = None


# --- term grades --------------------------------------------------------------


class TermGradeChange(_Lenient):
    """One change of a term grade, as the server's append-only history keeps it."""

    #: The grade before and after ("-" is the streck); None: none yet, or deleted.
    from_grade: str | None
    to_grade: str | None
    #: Why "-" was given, before and after ("absence"); None with a real grade.
    from_reason: str | None
    to_reason: str | None
    #: The change deleted the term grade.
    deleted: bool
    #: Who made the change (a person's name); None when the server does not know.
    changed_by: str | None
    changed_at: dt.datetime
    #: The computer (client id) the change was pushed from.
    client_id: str | None


class TermGradeHistory(_Lenient):
    """GET /api/v1/term-grades/{id}/history: every change, oldest first."""

    term_grade_id: uuid.UUID
    changes: list[TermGradeChange]

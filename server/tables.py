"""The server's tables.

Synced kinds come from the entity registry (sync_protocol.entities) with a
few server-only columns each; accounts, tokens and bookkeeping are declared
here. SQLAlchemy Core tables rather than ORM classes: the hot paths (change
feed, push, imports) are set-based, and services hand plain rows to routes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Uuid,
)

from sync_protocol.entities import REGISTRY, MergePolicy
from sync_protocol.sql_columns import UtcDateTime, build_table

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def _extras(kind: str) -> list[Column[Any]]:
    extras: list[Column[Any]] = []
    spec = REGISTRY[kind]
    if kind in ("school", "person", "group", "activity", "lesson", "group_membership"):
        # The id a school's own system uses; imports match on it.
        extras.append(Column("external_id", String(100), nullable=True, unique=True))
    if kind == "person":
        # Personnummer: used to match imports, never sent to any client.
        extras.append(Column("civic_no", String(13), nullable=True, unique=True))
        # Derived: this person's contact data must not leave the server
        # (a protected pupil, or a guardian of one). Kept up to date by
        # server.services.access.protection so the feed needs no join.
        extras.append(Column("contact_protected", Boolean(), nullable=False, default=False))
    if spec.client_writable or any(f.policy is MergePolicy.LATEST_WINS for f in spec.fields):
        # {field: [hybrid-clock stamp, person id]} of the push that set it:
        # LATEST_WINS compares the stamps, and every conflict says who set
        # the current value and when (server.services.sync.push_merge).
        extras.append(Column("field_clock", JSON(), nullable=True))
    if kind == "absence_report":
        # The guardian-facing system's account that reported it (None: entered
        # at school). Server-only: a system lists and withdraws its own reports.
        extras.append(Column("reporter_account_id", Uuid(), nullable=True))
    if spec.client_writable:
        # "needs review": an unresolved conflict exists on this record.
        extras.append(Column("needs_review", Boolean(), nullable=False, default=False))
    return extras


synced: dict[str, Table] = {
    kind: build_table(metadata, spec, _extras(kind)) for kind, spec in REGISTRY.items()
}

# A push looks for open conflicts about the record it writes.
Index("ix_sync_conflict_record_id", synced["sync_conflict"].c.record_id)
# Every push with attendance looks for the day's lessons (absence notices):
# from the lessons of the day, not from every mark of the year of 30 pupils.
Index("ix_lesson_start_time", synced["lesson"].c.start_time)

# One row, id = 1. Every writing transaction takes the next value and stamps
# all rows it writes with it (see server.db.allocate_seq): the row lock makes
# transactions commit in sequence order, so a reader never sees seq N+1
# without seq N.
sync_counter = Table(
    "sync_counter",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("value", BigInteger(), nullable=False),
    # The server clock's last stamp (server.services.sync.push_clock): a
    # restarted process, or another worker, resumes after it rather than
    # from its own wall clock, so a stamp it gives is never older than one
    # it gave before (issue 16).
    Column("last_hlc", String(100), nullable=True),
    # Which life of the data this is: made at init-db, made anew by every
    # restore. Feed cursors carry it, so an app whose cursor comes from data
    # that was restored away pulls everything again instead of trusting a
    # seq that now means other rows.
    Column("generation", String(32), nullable=True),
)

user_account = Table(
    "user_account",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("display_name", String(200), nullable=False),
    # teacher | admin | absence_reporter (a guardian-facing system)
    Column("role", String(20), nullable=False),
    Column("person_id", Uuid(), nullable=True),
    Column("school_id", Uuid(), nullable=True),
    Column("active", Boolean(), nullable=False, default=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Failed sign-ins, so that every worker process throttles alike
# (server.services.accounts.login_throttle). One row per (scope, key):
# scope "address" keys the source address (an IPv6 address by its /64);
# "account" keys the sha256 of the username as typed (normalized), whether
# or not an account has that name; "pair" keys the sha256 of address and
# username together. Rows are pruned once nothing in them matters any more.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("scope", String(10), nullable=False),
    Column("key", String(64), nullable=False),
    # Failures in a row; forgotten `forget_seconds` after the last one.
    Column("failures", Integer(), nullable=False, default=0),
    Column("last_failure_at", UtcDateTime(), nullable=True),
    # Attempts let through and still having their password checked.
    Column("in_flight", Integer(), nullable=False, default=0),
    # No attempt through this gate before then (a wait, or an attempt in flight).
    Column("next_attempt_at", UtcDateTime(), nullable=True),
    Column("updated_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("scope", "key"),
)
Index("ix_login_throttle_updated_at", login_throttle.c.updated_at)

auth_token = Table(
    "auth_token",
    metadata,
    Column("id", Uuid(), primary_key=True),
    # sha256 of the bearer token; the token itself is never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Uuid(), ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False),
    Column("device_name", String(100), nullable=False, default=""),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("last_used_at", UtcDateTime(), nullable=True),
    Column("revoked_at", UtcDateTime(), nullable=True),
)
Index("ix_auth_token_user_id", auth_token.c.user_id)

# Push idempotency: the result of every op ever applied, by (client, op).
applied_op = Table(
    "applied_op",
    metadata,
    Column("client_id", String(64), nullable=False),
    Column("op", BigInteger(), nullable=False),
    Column("user_id", Uuid(), nullable=False),
    Column("batch_id", Uuid(), nullable=False),
    Column("result", JSON(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    PrimaryKeyConstraint("client_id", "op"),
)

# Guardian e-mail for an absence notice: one row per notice and recipient.
notice_delivery = Table(
    "notice_delivery",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("notice_id", Uuid(), nullable=False),
    Column("guardian_id", Uuid(), nullable=False),
    Column("email", String(200), nullable=False),
    # queued | sending | sent | failed | cancelled (server.services.notices.absence_notices)
    Column("state", String(20), nullable=False),
    Column("attempts", Integer(), nullable=False, default=0),
    # queued: when to try; sending: when the send's lease runs out.
    Column("next_attempt_at", UtcDateTime(), nullable=True),
    Column("sent_at", UtcDateTime(), nullable=True),
    Column("message_id", String(200), nullable=True),
    Column("last_error", String(500), nullable=True),
)
Index("ix_notice_delivery_notice_id", notice_delivery.c.notice_id)
# The sender's poll: due deliveries, and sends whose lease ran out.
Index("ix_notice_delivery_state", notice_delivery.c.state, notice_delivery.c.next_attempt_at)

# Every change of a term grade, appended by the push that made it and never
# updated or deleted (issue 10): who, when, from what to what, from which
# computer. The synced term_grade row holds only the current grade.
term_grade_history = Table(
    "term_grade_history",
    metadata,
    Column("id", Integer(), primary_key=True, autoincrement=True),
    Column("term_grade_id", Uuid(), nullable=False),
    Column("pupil_id", Uuid(), nullable=False),
    Column("activity_id", Uuid(), nullable=False),
    Column("term", String(6), nullable=False),
    Column("from_grade", String(40), nullable=True),
    Column("to_grade", String(40), nullable=True),
    Column("from_reason", String(40), nullable=True),
    Column("to_reason", String(40), nullable=True),
    # The record was deleted (to_grade then None) or made again.
    Column("deleted", Boolean(), nullable=False, default=False),
    Column("changed_by", Uuid(), nullable=True),
    Column("changed_by_user", Uuid(), nullable=True),
    Column("changed_at", UtcDateTime(), nullable=False),
    Column("client_id", String(64), nullable=True),
    Column("seq", BigInteger(), nullable=False),
)
Index("ix_term_grade_history_term_grade_id", term_grade_history.c.term_grade_id)

# The date a school's term locks its term grades (issue 10). After it a term
# grade changes only while an administrator has unlocked the term
# (`klassbok-server unlock-term`; `lock-term` locks it again).
term_lock = Table(
    "term_lock",
    metadata,
    Column("school_id", Uuid(), nullable=False),
    Column("term", String(6), nullable=False),
    Column("locks_on", Date(), nullable=False),
    Column("unlocked_at", UtcDateTime(), nullable=True),
    Column("unlocked_by", String(100), nullable=True),
    PrimaryKeyConstraint("school_id", "term"),
)

# The systems that read the published SS 12000 API (issue 13), apart from
# teachers' accounts: an administrator creates one with its scopes
# (`klassbok-server create-api-client`), the token is shown once and only
# its sha256 kept; revoking keeps the row for the record.
api_client = Table(
    "api_client",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    # Space-separated (server.services.ss12000_api.clients.SCOPES).
    Column("scopes", String(500), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_used_at", UtcDateTime(), nullable=True),
    Column("revoked_at", UtcDateTime(), nullable=True),
)


# The state of imports from a student information system's SS 12000 API
# (issue 13; server/services/ss12000_import). One row: one source per server.
# A run is one transaction, so a failed run changes nothing here but the
# marker and the error; the next run starts again from last_run_started_at.
ss12000_import_state = Table(
    "ss12000_import_state",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("source_url", String(500), nullable=False),
    #: When the last successful run began: the next run's meta.modified.after.
    Column("last_run_started_at", UtcDateTime(), nullable=True),
    Column("last_run_finished_at", UtcDateTime(), nullable=True),
    #: Set when a run begins, cleared when it commits: a run that died left it.
    Column("in_progress_started_at", UtcDateTime(), nullable=True),
    Column("last_error", String(1000), nullable=True),
    #: What a delta run needs of objects Klassbok has no table for:
    #: {"duties": {duty id: person id}, "syllabuses": {id: [code, name]},
    #:  "organisations": {id: school unit id or null}}.
    Column("lookups", JSON(), nullable=False),
)

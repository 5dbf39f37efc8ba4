"""Pieces shared by the repositories."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, or_

from local_db.schema import synced

person = synced["person"]
group = synced["group"]
membership = synced["group_membership"]
guardian_relation = synced["guardian_relation"]
activity = synced["activity"]
activity_group = synced["activity_group"]
activity_teacher = synced["activity_teacher"]
lesson = synced["lesson"]
lesson_registration = synced["lesson_registration"]
sync_conflict = synced["sync_conflict"]

NO_MARKING = "none"


def live(table: FromClause) -> ColumnElement[bool]:
    """Not deleted. The cache drops tombstoned rows, but a row marked deleted
    locally (the later outbox work) must vanish from pages at once."""
    return table.c.deleted.is_(False)


def valid_on(table: FromClause, day: dt.date) -> ColumnElement[bool]:
    """start_date <= day <= end_date, an open end running on; both inclusive."""
    return and_(
        table.c.start_date <= day,
        or_(table.c.end_date.is_(None), table.c.end_date >= day),
    )


def is_protected(security_marking: Any) -> bool:
    """Any security marking at all: show no contact data, ever."""
    return security_marking != NO_MARKING


def require_utc(value: dt.datetime, name: str) -> None:
    if value.tzinfo is None:
        raise ValueError(f"{name} must be a timezone-aware datetime (UTC)")

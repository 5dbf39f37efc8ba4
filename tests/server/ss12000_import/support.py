"""Helpers of the SS 12000 import tests: a run, and what the database holds."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from server.db import current_seq
from server.services.imports.csv_existing import IMPORTED_KINDS
from server.services.ss12000_import.errors import Ss12000Error
from server.services.ss12000_import.run import RunReport, sync_from_api
from server.tables import ss12000_import_state, synced
from tests.server.ss12000_import.school import sid
from tests.support.ss12000_double import Ss12000Double

#: What tests/server/ss12000_import/school.py holds, as Klassbok rows.
SCHOOL_COUNTS = {
    "school": 1,
    "person": 9,
    "group": 2,  # the staff group is read past
    "group_membership": 4,
    "guardian_relation": 4,
    "activity": 2,
    "activity_group": 2,
    "activity_teacher": 2,
    "lesson": 6,
}


def sync(engine: Engine, double: Ss12000Double, **options: Any) -> RunReport:
    return sync_from_api(engine, double.url, double.token, **options)


def failed_sync(engine: Engine, double: Ss12000Double, **options: Any) -> str:
    with pytest.raises(Ss12000Error) as caught:
        sync(engine, double, **options)
    return str(caught.value)


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every imported row, all columns, and the sequence counter."""
    with engine.connect() as conn:
        rows = {
            kind: sorted(
                (tuple(row) for row in conn.execute(select(synced[kind]))), key=lambda r: str(r[0])
            )
            for kind in IMPORTED_KINDS
        }
        return {"rows": rows, "counter": current_seq(conn)}


def live_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            kind: conn.execute(
                select(func.count())
                .select_from(synced[kind])
                .where(synced[kind].c.deleted.is_(False))
            ).scalar_one()
            for kind in IMPORTED_KINDS
        }


def row_of(engine: Engine, kind: str, name: str) -> Any:
    """The row imported from the object the school calls `name`."""
    table = synced[kind]
    with engine.connect() as conn:
        return conn.execute(select(table).where(table.c.external_id == sid(name))).one()


def live_memberships(engine: Engine, pupil: str) -> set[str]:
    """The external ids of the groups the pupil is a live member of."""
    membership, group = synced["group_membership"], synced["group"]
    person_id = row_of(engine, "person", pupil).id
    with engine.connect() as conn:
        return set(
            conn.execute(
                select(group.c.external_id)
                .join(membership, membership.c.group_id == group.c.id)
                .where(membership.c.person_id == person_id, membership.c.deleted.is_(False))
            ).scalars()
        )


def state(engine: Engine) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(ss12000_import_state)).one()

"""SS 12000 Absence: a guardian's report of absence (Anmäld frånvaro) or
leave the school granted in advance (Beviljad ledighet).

Published from Klassbok's absence reports, by their ids. registeredBy is not
published: Klassbok keeps the reporter's name as the guardian-facing system
gave it, not a person of the register; organisation neither (a pupil's
school follows from their groups, not from the report).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, select

from server.services.ss12000_api.paging import (
    META_FILTERS,
    BadRequest,
    ListRequest,
    meta,
    meta_conditions,
    page_of,
    parse_bool,
    parse_uuid,
    seq_after,
    timestamp,
)
from server.services.ss12000_api.references import References
from server.tables import synced
from sync_protocol.vocabularies import ABSENCE_TYPES, SS12000_ABSENCE_TYPES

KIND = "absences"
SUPPORTED = ("student", "type", *META_FILTERS, "expandReferenceNames")
NOT_SUPPORTED = (
    "organisation",
    "registeredBy",
    "startTime.onOrBefore",
    "startTime.onOrAfter",
    "endTime.onOrBefore",
    "endTime.onOrAfter",
    "sortkey",
)
TO_SS12000 = dict(zip(ABSENCE_TYPES, SS12000_ABSENCE_TYPES, strict=True))
FROM_SS12000 = {value: key for key, value in TO_SS12000.items()}

_REPORT = synced["absence_report"]


def _publish(conn: Connection, rows: Sequence[Row[Any]], expand: bool) -> list[dict[str, Any]]:
    refs = References(conn, expand)
    refs.load(people=[row.pupil_id for row in rows])
    return [
        {
            "id": str(row.id),
            "meta": meta(row.created_at, row.modified_at),
            "startTime": timestamp(row.start_time),
            "endTime": timestamp(row.end_time),
            "type": TO_SS12000[row.absence_type],
            "student": refs.person(row.pupil_id),
        }
        for row in rows
    ]


def list_absences(
    conn: Connection, request: ListRequest
) -> tuple[list[dict[str, Any]], str | None]:
    filters = request.filters
    query = select(_REPORT).where(
        _REPORT.c.deleted.is_(False),
        *meta_conditions(_REPORT, filters),
        *seq_after(_REPORT, request.after),
    )
    if "student" in filters:
        query = query.where(_REPORT.c.pupil_id == parse_uuid("student", filters["student"]))
    if "type" in filters:
        if filters["type"] not in FROM_SS12000:
            known = " or ".join(repr(value) for value in FROM_SS12000)
            raise BadRequest(f"type must be {known}.")
        query = query.where(_REPORT.c.absence_type == FROM_SS12000[filters["type"]])
    expand = parse_bool("expandReferenceNames", filters.get("expandReferenceNames", "false"))
    rows = conn.execute(query.order_by(_REPORT.c.seq, _REPORT.c.id).limit(request.limit + 1)).all()
    kept, token = page_of(KIND, request, rows, lambda row: [row.seq, str(row.id)])
    return _publish(conn, kept, expand), token


def get_absence(conn: Connection, absence_id: uuid.UUID) -> dict[str, Any] | None:
    row = conn.execute(
        select(_REPORT).where(_REPORT.c.id == absence_id, _REPORT.c.deleted.is_(False))
    ).first()
    return None if row is None else _publish(conn, [row], False)[0]

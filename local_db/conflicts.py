"""Deciding conflicts and dismissing notices (writes; call inside Cache.begin()).

A resolution is an edit of the synced `sync_conflict` record, queued through
the outbox like any edit: the server writes the chosen value to the record
(a new version every client pulls), marks the conflict resolved for every
teacher and refuses a second resolution that chose otherwise ("already
resolved by <name>"), which the app then lists among the refused edits. A
second resolution that chose the same is accepted and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from local_db.edits import InvalidEdit, save_record
from local_db.repositories._common import sync_conflict
from local_db.repositories.sync_issues import DECIDED_TYPES
from local_db.schema import notice_seen
from sync_protocol.codec import FieldError, decode_value
from sync_protocol.entities import REGISTRY

#: The choices of a delete_vs_edit conflict, as JSON text.
DELETE_CHOICE = json.dumps("__delete__")
KEEP_CHOICE = json.dumps("__keep__")


def _open_conflict(
    conn: Connection, conflict_id: uuid.UUID, types: tuple[str, ...]
) -> dict[str, Any]:
    row = (
        conn.execute(select(sync_conflict).where(sync_conflict.c.id == conflict_id))
        .mappings()
        .first()
    )
    if row is None or row["conflict_type"] not in types:
        raise InvalidEdit("That conflict is not on this computer.")
    if row["state"] != "open":
        raise InvalidEdit("That conflict has already been settled.")
    return dict(row)


def _check_choice(row: dict[str, Any], chosen_json: str) -> str:
    try:
        chosen = json.loads(chosen_json)
    except (TypeError, ValueError):
        raise InvalidEdit("The chosen value is not valid JSON.", "resolved_value") from None
    if row["conflict_type"] == "delete_vs_edit":
        if chosen not in ("__delete__", "__keep__"):
            raise InvalidEdit(
                'Choose "__delete__" or "__keep__" for a deleted record.', "resolved_value"
            )
        return json.dumps(chosen)
    spec = REGISTRY.get(row["record_kind"])
    field = row["field_name"]
    if spec is not None and field and spec.has_field(field):
        try:
            decode_value(spec, spec.field(field), chosen)
        except FieldError as exc:
            raise InvalidEdit(str(exc), "resolved_value") from None
    return json.dumps(chosen, ensure_ascii=False)


def resolve_conflict(
    conn: Connection, conflict_id: uuid.UUID, chosen_json: str, actor: uuid.UUID | None
) -> None:
    """Decide an open conflict: `chosen_json` is the JSON text of the chosen
    value (one side's value_json, or a value the teacher wrote, e.g. merged
    text), or DELETE_CHOICE/KEEP_CHOICE for a delete_vs_edit conflict."""
    row = _open_conflict(conn, conflict_id, DECIDED_TYPES)
    chosen = _check_choice(row, chosen_json)
    save_record(
        conn,
        "sync_conflict",
        conflict_id,
        {"state": "resolved", "resolved_value": chosen},
        actor=actor,
    )


def acknowledge_notice(conn: Connection, conflict_id: uuid.UUID, actor: uuid.UUID | None) -> None:
    """The teacher has read a notice: it is closed for good (on the server too)."""
    _open_conflict(conn, conflict_id, ("notice",))
    save_record(conn, "sync_conflict", conflict_id, {"state": "acknowledged"}, actor=actor)
    mark_notice_seen(conn, conflict_id)


def mark_notice_seen(conn: Connection, conflict_id: uuid.UUID) -> None:
    """The notice was shown (a toast): not again at the next start. Local only."""
    statement = sqlite_insert(notice_seen).values(
        conflict_id=conflict_id, seen_at=dt.datetime.now(dt.UTC)
    )
    conn.execute(statement.on_conflict_do_nothing(index_elements=[notice_seen.c.conflict_id]))

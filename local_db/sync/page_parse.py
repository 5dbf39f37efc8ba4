"""A change page read straight from its JSON into cache rows.

pydantic's ChangePage (sync_protocol.wire) makes 100,000 ChangeRecord
objects for a first sync, with uuid.UUID and datetime values that
page_apply then prints again as the text the cache stores: that was a third
of the client's work on a page. Here pydantic's JSON reader alone reads the
page (the same reader, so the same JSON is accepted) and each record goes
to its cache row in one step.

Only the plain, canonical forms our server sends go this way: lower-case
hyphenated UUIDs, UTC times as "...T...Z" with no or six fraction digits,
ints that are ints (the forms local_db.sync.cache_rows checks). Anything
else, and any error at all, sends the whole page the slow way (ChangePage,
then decode_page), which refuses it with the message a person can read or
accepts it. So this way never accepts what the slow way refuses, never
refuses what it accepts, and gives the same DecodedPage
(tests/local_db/test_page_parse.py compares the two on real and hostile
pages).
"""

from __future__ import annotations

import datetime as dt

from pydantic_core import from_json

from local_db.sync.api_client import CHANGES_PATH, parse_body
from local_db.sync.cache_rows import (
    canonical_time_text,
    canonical_uuid_hex,
    uuid_hex,
    writer_for,
)
from local_db.sync.decoded import DecodedPage, DecodedRecord
from local_db.sync.page_apply import cache_row, decode_page
from sync_protocol.wire import ChangePage

_CURSOR_MAX = 2000
_HLC_MAX = 100


class _NotPlain(Exception):
    """Not in the canonical form this way reads: the slow way decides."""


def decode_page_body(body: bytes) -> DecodedPage:
    """The page's records validated, or ProtocolError naming what is wrong."""
    try:
        return _plain_page(body)
    except Exception:
        # Anything unusual, and every error: the slow way gives the answer
        # (and the teacher a readable message).
        return decode_page(parse_body(CHANGES_PATH, ChangePage, body))


def _plain_page(body: bytes) -> DecodedPage:
    # pydantic's own JSON reader: the same JSON the slow way reads (no NaN,
    # no lone surrogates, UTF-8 only), and faster than the json module.
    data = from_json(body, allow_inf_nan=False, cache_strings="keys")
    if type(data) is not dict:
        raise _NotPlain("not an object")
    changes, cursor = data["changes"], data["cursor"]
    has_more, scope_changed = data["has_more"], data.get("scope_changed", False)
    server_hlc = data.get("server_hlc")
    if not (
        type(changes) is list
        and type(cursor) is str
        and len(cursor) <= _CURSOR_MAX
        and type(has_more) is bool
        and type(scope_changed) is bool
        and (server_hlc is None or (type(server_hlc) is str and len(server_hlc) <= _HLC_MAX))
    ):
        raise _NotPlain("envelope")
    times: dict[object, str | None] = {None: None}
    records = tuple(_plain_record(record, times) for record in changes)
    return DecodedPage(
        records=records,
        cursor=cursor,
        has_more=has_more,
        scope_changed=scope_changed,
        server_time=_aware_time(data["server_time"]),
        server_hlc=server_hlc,
    )


def _aware_time(raw: object) -> dt.datetime:
    if canonical_time_text(raw) is None:
        raise _NotPlain("time")
    return dt.datetime.fromisoformat(raw)  # type: ignore[arg-type]  # canonical text


def _stored_time(raw: object, times: dict[object, str | None]) -> str | None:
    """A canonical UTC time as the cache stores it; a page's records share
    their times, so each is converted once."""
    try:
        return times[raw]
    except (KeyError, TypeError):
        pass
    stored = canonical_time_text(raw)
    if stored is None:
        raise _NotPlain("time")
    times[raw] = stored
    return stored


def _hex(raw: object) -> str | None:
    """A reference to a person (created_by, modified_by): few, often repeated."""
    if raw is None:
        return None
    found = uuid_hex(raw)
    if found is None:
        raise _NotPlain("uuid")
    return found


def _plain_record(record: object, times: dict[object, str | None]) -> DecodedRecord:
    if type(record) is not dict:
        raise _NotPlain("record")
    kind, raw_id, seq = record["kind"], record["id"], record["seq"]
    deleted = record.get("deleted", False)
    fields, versions = record.get("fields", {}), record.get("fv", {})
    writer = writer_for(kind) if type(kind) is str else None
    if (
        writer is None
        or type(seq) is not int
        or seq < 0
        or type(deleted) is not bool
        or type(fields) is not dict
        or type(versions) is not dict
        or any(type(version) is not int for version in versions.values())
    ):
        raise _NotPlain("record")
    # Each record's own id is new: matched, not remembered (see uuid_hex).
    id_hex = canonical_uuid_hex(raw_id)
    if id_hex is None:
        raise _NotPlain("id")
    meta = (
        id_hex,
        _stored_time(record.get("created_at"), times),
        _hex(record.get("created_by")),
        _stored_time(record.get("modified_at"), times),
        _hex(record.get("modified_by")),
    )
    if deleted:
        return DecodedRecord(kind, id_hex, True, (), seq)
    return DecodedRecord(kind, id_hex, False, cache_row(writer, meta, seq, fields, versions), seq)

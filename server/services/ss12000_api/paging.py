"""Paging and filters of the published SS 12000 lists.

SS 12000's paging: the first request names its filters and a `limit`; the
answer's `pageToken` fetches the next page and cannot be combined with other
filters (only with `limit`). Here the token is opaque base64 JSON holding the
filters and the last key given, so the next page repeats the same query after
that key. Lists are ordered by (seq, id): a row that changes while a client
pages gets a higher seq and so comes again later, never skipped; rows are
never removed (deletes are tombstones, listed by /deletedEntities).

A filter the standard defines that Klassbok does not implement is refused
with 400 and says so, rather than ignored: a client that filters on
`organisation` must not get every school's pupils believing it got one.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_

#: A page when the client names no limit, and the most it may ask for.
DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
_PAGING = ("limit", "pageToken")
_META = ("meta.created.before", "meta.created.after", "meta.modified.before", "meta.modified.after")


class BadRequest(ValueError):
    """A request the API answers with 400; the message says what to change."""


@dataclass(frozen=True)
class ListRequest:
    """One page's question: the filters (as sent on the first page) and where to go on."""

    filters: dict[str, Any]
    limit: int
    #: The last key of the previous page (seq and id, or what the list orders by).
    after: list[Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def encode_token(kind: str, filters: Mapping[str, Any], after: Sequence[Any]) -> str:
    body = json.dumps({"k": kind, "f": dict(filters), "a": list(after)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(body.encode("utf-8")).decode("ascii").rstrip("=")


def _decode_token(kind: str, token: str) -> tuple[dict[str, Any], list[Any]]:
    try:
        padded = token + "=" * (-len(token) % 4)
        body = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, ValueError, UnicodeError) as exc:
        raise BadRequest("The pageToken is not one this server gave.") from exc
    if (
        not isinstance(body, dict)
        or body.get("k") != kind
        or not isinstance(body.get("f"), dict)
        or not isinstance(body.get("a"), list)
    ):
        raise BadRequest("The pageToken is not one this server gave for this list.")
    return body["f"], body["a"]


def parse_limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or int(text) < 1:
        raise BadRequest("limit must be a whole number of at least 1.")
    return min(int(text), MAX_LIMIT)


def parse_datetime(name: str, raw: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadRequest(
            f"{name} must be an RFC 3339 time, e.g. 2026-08-17T08:00:00+02:00."
        ) from exc
    if moment.tzinfo is None:
        raise BadRequest(f"{name} needs a UTC offset, e.g. 2026-08-17T08:00:00+02:00.")
    return moment.astimezone(dt.UTC)


def parse_date(name: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise BadRequest(f"{name} must be a date, e.g. 2026-08-17.") from exc


def parse_uuid(name: str, raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError as exc:
        raise BadRequest(f"{name} must be a UUID.") from exc


def parse_bool(name: str, raw: str) -> bool:
    text = raw.strip().lower()
    if text not in ("true", "false"):
        raise BadRequest(f"{name} must be true or false.")
    return text == "true"


def read_list_request(
    kind: str,
    params: Sequence[tuple[str, str]],
    *,
    supported: Sequence[str],
    not_supported: Sequence[str] = (),
    repeatable: Sequence[str] = (),
) -> ListRequest:
    """The filters of a list request (or of its pageToken), checked.

    `supported`: the filters this list implements, beside limit and
    pageToken; `not_supported`: filters the standard defines that Klassbok
    does not (400 naming them); `repeatable`: filters that are arrays.
    Values stay text here; each list parses its own.
    """
    given: dict[str, list[str]] = {}
    for name, value in params:
        given.setdefault(name, []).append(value)
    refused = [name for name in given if name in not_supported]
    if refused:
        raise BadRequest(
            f"Klassbok does not support the filter {', '.join(refused)} on /{kind} yet; "
            f"it supports {', '.join(supported) or 'no filters'}."
        )
    unknown = [name for name in given if name not in supported and name not in _PAGING]
    if unknown:
        raise BadRequest(f"/{kind} has no parameter {', '.join(unknown)}.")
    for name, values in given.items():
        if len(values) > 1 and name not in repeatable:
            raise BadRequest(f"Give {name} once.")
    limit = parse_limit(given["limit"][0] if "limit" in given else None)
    filters: dict[str, Any] = {
        name: values if name in repeatable else values[0]
        for name, values in given.items()
        if name not in _PAGING
    }
    if "pageToken" in given:
        if filters:
            raise BadRequest(
                "pageToken cannot be combined with other filters (only with limit): "
                "the token repeats the first page's filters."
            )
        filters, after = _decode_token(kind, given["pageToken"][0])
        return ListRequest(filters=filters, limit=limit, after=after)
    return ListRequest(filters=filters, limit=limit)


def meta_conditions(table: Table, filters: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """meta.created/modified.after (exclusive) and .before (inclusive)."""
    conditions: list[ColumnElement[bool]] = []
    for name in _META:
        if name not in filters:
            continue
        moment = parse_datetime(name, str(filters[name]))
        column = table.c.created_at if ".created." in name else table.c.modified_at
        conditions.append(column > moment if name.endswith(".after") else column <= moment)
    return conditions


def seq_after(table: Table, after: list[Any] | None) -> list[ColumnElement[bool]]:
    """Rows after the key (seq, id) the previous page ended on."""
    if after is None:
        return []
    try:
        seq, row_id = int(after[0]), uuid.UUID(str(after[1]))
    except (ValueError, TypeError, IndexError) as exc:
        raise BadRequest("The pageToken is not one this server gave.") from exc
    return [or_(table.c.seq > seq, and_(table.c.seq == seq, table.c.id > row_id))]


META_FILTERS = _META


def timestamp(moment: dt.datetime) -> str:
    """RFC 3339 with its offset, as SS 12000 writes times."""
    return moment.astimezone(dt.UTC).isoformat()


def meta(created: dt.datetime | None, modified: dt.datetime | None) -> dict[str, str]:
    """SS 12000 Meta. Every writer sets both; one stands in for a missing other."""
    first = created or modified
    last = modified or created
    assert first is not None, "a published row without timestamps"
    assert last is not None
    return {"created": timestamp(first), "modified": timestamp(last)}


def page_of(
    kind: str, request: ListRequest, rows: Sequence[Any], key: Any
) -> tuple[list[Any], str | None]:
    """The page's rows and the next pageToken (None: nothing more). `rows`
    were fetched with limit + 1, so one more row means another page."""
    if len(rows) <= request.limit:
        return list(rows), None
    kept = list(rows[: request.limit])
    return kept, encode_token(kind, request.filters, key(kept[-1]))

"""GET /api/v1/sync/changes: the change feed. Every /sync route checks versions.

The push and the divergence check are in server.api.push_routes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from server.api.deps import (
    CallerDep,
    ClientVersionsDep,
    EngineDep,
    ServerClockDep,
    require_supported_versions,
)
from server.api.errors import ApiError
from server.metrics import PULL_RECORDS
from server.services.sync import feed
from sync_protocol.codec import encode_datetime
from sync_protocol.versions import CURSOR_HEADER, HAS_MORE_HEADER
from sync_protocol.wire import ChangePage, ErrorBody

router = APIRouter(
    prefix="/sync",
    tags=["sync"],
    # Versions first: an outdated client is told to update before anything else.
    dependencies=[Depends(require_supported_versions)],
    responses={
        401: {"model": ErrorBody, "description": "not_authenticated, token_invalid, token_expired"},
        426: {"model": ErrorBody, "description": "update_required"},
    },
)


@router.get(
    "/changes",
    response_model=ChangePage,
    responses={422: {"model": ErrorBody, "description": "invalid_request or invalid_cursor"}},
)
def changes(
    *,
    client: ClientVersionsDep,
    caller: CallerDep,
    engine: EngineDep,
    clock: ServerClockDep,
    cursor: Annotated[
        str | None,
        Query(max_length=2000, description="From the previous page; empty for the start."),
    ] = None,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=feed.MAX_LIMIT,
            description="Records per page. A change-set larger than this comes whole.",
        ),
    ] = feed.DEFAULT_LIMIT,
) -> Response:
    """The caller's records changed after the cursor, one page of whole change-sets."""
    try:
        page = feed.read_changes(
            engine,
            role=caller.role,
            person_id=caller.person_id,
            cursor=cursor,
            limit=limit,
            today=caller.today,
            schema_version=client.schema,
        )
    except feed.InvalidCursor as exc:
        raise ApiError(
            422,
            "invalid_cursor",
            f"{exc}. Start again from an empty cursor.",
        ) from None
    # Written as JSON text rather than through ChangePage or JSONResponse: a
    # first sync sends tens of thousands of records, each already JSON from
    # feed.py (server.services.sync.feed_rows), and the shape is fixed there.
    rest = json.dumps(
        {
            "cursor": page.cursor,
            "has_more": page.has_more,
            "scope_changed": page.scope_changed,
            "server_time": encode_datetime(dt.datetime.now(dt.UTC)),
            # The client's clock moves past it: its next edits come after these.
            "server_hlc": clock.now().to_text(),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    PULL_RECORDS.observe(len(page.records))
    body = '{"changes":[' + ",".join(page.records) + "]," + rest[1:]
    return Response(
        body.encode("utf-8"),
        media_type="application/json",
        # The next page's cursor, readable before the body: a client may ask
        # for the next page while it still parses this one (the body says
        # the same; it is what the client stores).
        headers={
            CURSOR_HEADER: page.cursor,
            HAS_MORE_HEADER: "true" if page.has_more else "false",
        },
    )

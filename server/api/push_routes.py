"""Two-way sync: POST /sync/push, GET /sync/digest, POST /sync/manifest, POST /sync/fetch.

Thin routes over server.services.sync.push and server.services.sync.digest. Like every
/sync route they check the client's versions first (426 update_required).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from server.api.deps import (
    CallerDep,
    ClientVersions,
    ClientVersionsDep,
    CurrentUser,
    EngineDep,
    ServerClockDep,
    require_supported_versions,
    today,
)
from server.api.errors import ApiError
from server.metrics import PUSH_OPS
from server.services.roster.resources import Caller
from server.services.sync import digest, push
from server.services.sync.push_context import Pusher
from sync_protocol.wire import (
    DigestResponse,
    ErrorBody,
    FetchRequest,
    FetchResponse,
    ManifestRequest,
    ManifestResponse,
    PushBatch,
    PushResponse,
)

router = APIRouter(
    prefix="/sync",
    tags=["sync"],
    dependencies=[Depends(require_supported_versions)],
    responses={
        401: {"model": ErrorBody, "description": "not_authenticated, token_invalid, token_expired"},
        422: {"model": ErrorBody, "description": "invalid_request"},
        426: {"model": ErrorBody, "description": "update_required"},
    },
)


def _pusher(user: CurrentUser) -> Pusher:
    if user.role != "teacher" or user.person_id is None:
        raise ApiError(403, "forbidden", "Only a teacher's account can send changes.")
    return Pusher(user_id=user.user_id, person_id=user.person_id)


@router.post(
    "/push",
    response_model=PushResponse,
    responses={
        403: {"model": ErrorBody, "description": "forbidden: not a teacher's account"},
        413: {"model": ErrorBody, "description": "content_too_large (also once decompressed)"},
    },
)
def push_changes(
    batch: PushBatch,
    client: ClientVersionsDep,
    user: CurrentUser,
    engine: EngineDep,
    clock: ServerClockDep,
) -> PushResponse:
    """Apply a batch of the client's ops in one transaction; a result per op.

    Sending the same batch again returns the same results and changes nothing.
    The body may be gzip-compressed (Content-Encoding: gzip).
    """
    pusher = _pusher(user)
    PUSH_OPS.observe(sum(len(t.ops) for t in batch.transactions))
    try:
        outcome = push.apply_push(
            engine,
            batch,
            pusher=pusher,
            today=today(),
            schema_version=client.schema,
            clock=clock,
        )
    except push.InvalidBatch as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    except push.BatchTooLarge as exc:
        raise ApiError(413, "content_too_large", str(exc)) from None
    return PushResponse(
        results=outcome.results,
        server_hlc=clock.now().to_text(),
        server_time=dt.datetime.now(dt.UTC),
        clock_warning=outcome.clock_warning,
    )


def _caller_args(caller: Caller, client: ClientVersions) -> dict[str, Any]:
    return {
        "role": caller.role,
        "person_id": caller.person_id,
        "today": caller.today,
        "schema_version": client.schema,
    }


@router.get("/digest", response_model=DigestResponse)
def sync_digest(client: ClientVersionsDep, caller: CallerDep, engine: EngineDep) -> JSONResponse:
    """Count and digest of the non-deleted records in your scope, per kind
    (and per activity for kinds with one): sha256 of sorted "<id>:<seq>\\n"."""
    found = digest.digests(engine, **_caller_args(caller, client))
    return JSONResponse(
        {
            "digests": [
                {
                    "kind": part.kind,
                    "partition": None if part.partition is None else str(part.partition),
                    "count": part.count,
                    "digest": part.digest,
                }
                for part in found.parts
            ],
            "cursor": found.cursor,
        }
    )


@router.post("/manifest", response_model=ManifestResponse)
def sync_manifest(
    request: ManifestRequest, client: ClientVersionsDep, caller: CallerDep, engine: EngineDep
) -> JSONResponse:
    """Ids and seqs of the non-deleted records of a kind (in one activity) in your scope."""
    try:
        entries = digest.manifest(
            engine,
            **_caller_args(caller, client),
            kind=request.kind,
            partition=request.partition,
        )
    except digest.UnknownKind as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    return JSONResponse(
        {
            "kind": request.kind,
            "entries": [{"id": row_id, "seq": seq} for row_id, seq in entries],
        }
    )


@router.post("/fetch", response_model=FetchResponse)
def sync_fetch(
    request: FetchRequest, client: ClientVersionsDep, caller: CallerDep, engine: EngineDep
) -> JSONResponse:
    """The current records (or tombstones) with these ids, as the feed sends them;
    ids that are unknown or outside your scope are left out."""
    try:
        records = digest.fetch(
            engine, **_caller_args(caller, client), kind=request.kind, ids=request.ids
        )
    except digest.UnknownKind as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    return JSONResponse({"changes": records})

"""GET /api/v1/info (no sign-in) and /api/v1/me."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from server.api.auth_routes import user_info
from server.api.deps import CurrentUser
from sync_protocol import versions
from sync_protocol.wire import ErrorBody, ServerInfo, UserInfo

router = APIRouter(tags=["info"])

SERVER_NAME = "Klassbok server"


@router.get("/info", response_model=ServerInfo)
def info() -> ServerInfo:
    """What a client checks before signing in: versions and the server's clock."""
    return ServerInfo(
        name=SERVER_NAME,
        protocol_version=versions.PROTOCOL_VERSION,
        schema_version=versions.SCHEMA_VERSION,
        min_protocol_version=versions.MIN_SUPPORTED_PROTOCOL_VERSION,
        min_schema_version=versions.MIN_SUPPORTED_SCHEMA_VERSION,
        server_time=dt.datetime.now(dt.UTC),
    )


@router.get("/me", response_model=UserInfo, responses={401: {"model": ErrorBody}})
def me(user: CurrentUser) -> UserInfo:
    """The signed-in account."""
    return user_info(user)

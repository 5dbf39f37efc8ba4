"""Route dependencies, as `Annotated` aliases routes can name in their signatures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from server.api.errors import ApiError
from server.config import Settings
from server.services.accounts import auth
from server.services.roster.resources import Caller
from sync_protocol import versions
from sync_protocol.hlc import HybridClock


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_server_clock(request: Request) -> HybridClock:
    """The server's hybrid clock (node "server"), one per process."""
    clock: HybridClock = request.app.state.server_clock
    return clock


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
ServerClockDep = Annotated[HybridClock, Depends(get_server_clock)]

# auto_error=False: a missing header is answered by us, in our error shape.
_bearer = HTTPBearer(auto_error=False, description="The token from POST /api/v1/auth/login.")


def current_user(
    engine: EngineDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> auth.AuthenticatedUser:
    if credentials is None:
        raise auth.NotAuthenticated("Sign in first: this needs an Authorization: Bearer token.")
    return auth.authenticate(engine, credentials.credentials)


CurrentUser = Annotated[auth.AuthenticatedUser, Depends(current_user)]


def today() -> dt.date:
    """The school day in the server's time zone; decides the current term."""
    return dt.date.today()


def current_caller(user: CurrentUser) -> Caller:
    if user.role == "absence_reporter":
        # A guardian-facing system's credentials open its own routes, nothing
        # of the teachers' (feed, resources): a leaked key shows no pupil data.
        raise ApiError(
            403, "forbidden", "This account may only report absences (/api/v1/absence-reports)."
        )
    return Caller(role=user.role, person_id=user.person_id, today=today())


CallerDep = Annotated[Caller, Depends(current_caller)]


def _version(raw: str | None, header: str) -> int | None:
    if raw is None:
        return None
    text = raw.strip()
    # isascii: "²" is a digit to isdigit() but not to int().
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise ApiError(422, "invalid_request", f"The {header} header must be a whole number.")
    return int(text)


@dataclass(frozen=True)
class ClientVersions:
    protocol: int
    schema: int


def require_supported_versions(
    protocol: Annotated[str | None, Header(alias=versions.PROTOCOL_HEADER)] = None,
    schema: Annotated[str | None, Header(alias=versions.SCHEMA_HEADER)] = None,
) -> ClientVersions:
    """Every /api/v1/sync/* request names its protocol and schema versions."""
    protocol_version = _version(protocol, versions.PROTOCOL_HEADER)
    schema_version = _version(schema, versions.SCHEMA_HEADER)
    supported = {
        "protocol_version": versions.PROTOCOL_VERSION,
        "schema_version": versions.SCHEMA_VERSION,
        "min_protocol_version": versions.MIN_SUPPORTED_PROTOCOL_VERSION,
        "min_schema_version": versions.MIN_SUPPORTED_SCHEMA_VERSION,
    }
    if protocol_version is None or schema_version is None:
        raise ApiError(
            426,
            "update_required",
            "This version of Klassbok is too old for the server. Update Klassbok.",
            detail=supported,
        )
    if versions.is_supported(protocol_version, schema_version):
        return ClientVersions(protocol=protocol_version, schema=schema_version)
    newer = protocol_version > versions.PROTOCOL_VERSION or schema_version > versions.SCHEMA_VERSION
    message = (
        "The server is older than this version of Klassbok. Ask the school's "
        "administrator to update the server."
        if newer
        else "This version of Klassbok is too old for the server. Update Klassbok."
    )
    raise ApiError(426, "update_required", message, detail=supported)


ClientVersionsDep = Annotated[ClientVersions, Depends(require_supported_versions)]

"""POST /api/v1/auth/login and /logout."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request, Response

from server.api.deps import CurrentUser, EngineDep, SettingsDep
from server.services.accounts import auth
from sync_protocol.wire import ErrorBody, LoginRequest, LoginResponse, UserInfo

router = APIRouter(prefix="/auth", tags=["auth"])


def user_info(user: auth.AuthenticatedUser) -> UserInfo:
    return UserInfo(
        id=user.user_id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,  # type: ignore[arg-type]
        person_id=user.person_id,
        school_id=user.school_id,
    )


@router.post(
    "/login",
    response_model=LoginResponse,
    responses={
        401: {"model": ErrorBody, "description": "invalid_credentials"},
        403: {"model": ErrorBody, "description": "account_disabled"},
        429: {"model": ErrorBody, "description": "too_many_attempts (see Retry-After)"},
    },
)
def login(
    body: LoginRequest, request: Request, engine: EngineDep, settings: SettingsDep
) -> LoginResponse:
    """Exchange a username and password for a bearer token.

    Failed attempts slow down the next ones from the same address and on the
    same username (429 with Retry-After; docs/api.md, "Login throttling")."""
    issued = auth.login(
        engine,
        body.username,
        body.password,
        device_name=body.device_name,
        token_ttl=dt.timedelta(seconds=settings.token_ttl_seconds),
        policy=settings.login_throttle,
        # Behind the TLS proxy (--allow-remote) uvicorn puts the address the
        # proxy forwarded here (X-Forwarded-For from a trusted proxy).
        client_address=request.client.host if request.client else None,
    )
    return LoginResponse(
        token=issued.token, expires_at=issued.expires_at, user=user_info(issued.user)
    )


@router.post(
    "/logout",
    status_code=204,
    response_class=Response,
    responses={401: {"model": ErrorBody}},
)
def logout(user: CurrentUser, engine: EngineDep) -> Response:
    """Revoke the token this request carries."""
    auth.logout(engine, user)
    return Response(status_code=204)

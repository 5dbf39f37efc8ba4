"""One JSON error shape for every failure (sync_protocol.wire.ErrorBody).

A hostile or broken request gets a code and a sentence, never a traceback;
bugs are logged here with theirs.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.services.accounts.auth import AuthError, TooManyAttempts
from sync_protocol.wire import ErrorBody

log = logging.getLogger(__name__)

_AUTH_STATUS = {
    "invalid_credentials": 401,
    "too_many_attempts": 429,
    "account_disabled": 403,
    "not_authenticated": 401,
    "token_invalid": 401,
    "token_expired": 401,
}

_HTTP_CODES = {
    400: ("bad_request", "The request is malformed."),
    401: ("not_authenticated", "Sign in first."),
    403: ("forbidden", "You may not do that."),
    404: ("not_found", "There is nothing here, or it is not yours to see."),
    405: ("method_not_allowed", "This address does not accept that method."),
    413: ("content_too_large", "The request is too large."),
    415: ("unsupported_media_type", "Send JSON (Content-Type: application/json)."),
    422: ("invalid_request", "The request is not valid."),
}


class ApiError(Exception):
    """An error a route raises on purpose, with its status and code."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers


def error_response(
    status: int,
    code: str,
    message: str,
    detail: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=code, message=message, detail=detail)
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


#: The published SS 12000 API answers errors in the standard's shape.
SS12000_PREFIX = "/ss12000/"


def _respond(
    request: Request,
    status: int,
    code: str,
    message: str,
    detail: Any = None,
    *,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Our error shape, or SS 12000's `{code, message}` under /ss12000/."""
    if request.url.path.startswith(SS12000_PREFIX):
        return JSONResponse({"code": code, "message": message}, status_code=status, headers=headers)
    return error_response(status, code, message, detail, headers)


def not_found(what: str) -> ApiError:
    # The same answer for "does not exist" and "not yours": a foreign id
    # must not be told apart from a random one.
    return ApiError(404, "not_found", f"No such {what}, or it is not yours to see.")


def _validation_detail(errors: Any) -> list[dict[str, Any]]:
    # Only location, message and type: echoing the input back would
    # reflect whatever a hostile client sent, at any size.
    detail = []
    for error in list(errors)[:20]:
        detail.append(
            {
                "loc": [str(part)[:100] for part in error.get("loc", ())],
                "msg": str(error.get("msg", ""))[:300],
                "type": str(error.get("type", ""))[:100],
            }
        )
    return detail


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _respond(request, exc.status, exc.code, exc.message, exc.detail, headers=exc.headers)


async def _auth_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AuthError)
    status = _AUTH_STATUS.get(exc.code, 401)
    headers: dict[str, str] = {}
    detail = None
    if status == 401 and exc.code != "invalid_credentials":
        headers["WWW-Authenticate"] = 'Bearer realm="klassbok"'
    if isinstance(exc, TooManyAttempts):
        headers["Retry-After"] = str(exc.retry_after_seconds)
        detail = {"retry_after_seconds": exc.retry_after_seconds}
    return _respond(request, status, exc.code, exc.message, detail, headers=headers or None)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return _respond(
        request,
        422,
        "invalid_request",
        "The request is not valid.",
        _validation_detail(exc.errors()),
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, message = _HTTP_CODES.get(exc.status_code, ("http_error", "The request failed."))
    headers = dict(exc.headers) if exc.headers else None
    return _respond(request, exc.status_code, code, message, headers=headers)


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return _respond(
        request,
        500,
        "internal_error",
        "The server failed to handle the request. The error has been logged; "
        "try again, and tell the administrator if it keeps happening.",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(AuthError, _auth_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)

"""Every request gets an id, a log line and its metrics (issue 12, operations).

The id is the caller's X-Request-Id when it is a plain token (letters,
digits, . _ -, 8–64 of them: a reverse proxy's id, so both logs can be
joined), otherwise a new one; it is answered in X-Request-Id and carried by
every log line written while the request runs (server.logs). The log line
names the method, the route template, the status and the time taken: never
the path's ids, the query, a header or the body, so no token, password or
pupil name reaches the log through it.

Pure ASGI, outermost: it also times and counts what the size limits refuse.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.metrics import UNMATCHED, observe_request

REQUEST_ID_HEADER = "X-Request-Id"
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

#: The id of the request this code runs for (None outside a request).
request_id: ContextVar[str | None] = ContextVar("klassbok_request_id", default=None)

log = logging.getLogger("klassbok.access")


def route_of(scope: Scope) -> str:
    """The matched route's template, e.g. "/api/v1/term-grades/{grade_id}/history".

    A route of an included router knows its path without the router's prefix
    ("/sync/push"); the prefix is the request path's leading segments that
    the template does not cover (static text here: no prefix has a parameter).
    """
    route = scope.get("route")
    template = getattr(route, "path", None)
    if not isinstance(template, str):
        return UNMATCHED
    asked = str(scope.get("path", "")).rstrip("/").split("/")
    own = template.rstrip("/").split("/")
    extra = len(asked) - len(own)
    # Both lists start with the empty text before the first "/".
    return "/".join(asked[: extra + 1]) + template if extra > 0 else template


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER)
        rid = given if given is not None and _PLAIN_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500  # a request that ends without an answer counts as failed

        async def answering(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, rid)
            await send(message)

        try:
            await self.app(scope, receive, answering)
        finally:
            seconds = time.perf_counter() - started
            route, method = route_of(scope), str(scope.get("method", ""))
            observe_request(method, route, status, seconds)
            log.info(
                "%s %s %s %.1f ms",
                method,
                route,
                status,
                seconds * 1000,
                extra={
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                },
            )
            request_id.reset(token)

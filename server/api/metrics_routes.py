"""GET /metrics: Prometheus' text format (server.metrics).

Readable from loopback (a Prometheus or node agent on the same host), or
from anywhere with `Authorization: Bearer <KLASSBOK_METRICS_TOKEN>` when the
administrator set one; otherwise 403. The figures name no person, but the
routes and counts are the school's business.
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import APIRouter, Request
from fastapi.responses import Response

from server.api.errors import ApiError
from server.metrics import CONTENT_TYPE, exposition

router = APIRouter(tags=["operations"])


def _from_loopback(request: Request) -> bool:
    host = request.client.host if request.client is not None else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _has_token(request: Request, expected: str | None) -> bool:
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    return (
        expected is not None
        and scheme.lower() == "bearer"
        and hmac.compare_digest(token.strip().encode(), expected.encode())
    )


@router.get("/metrics", responses={403: {"description": "not from loopback, and no token"}})
def metrics(request: Request) -> Response:
    """Requests by route and status, latency, push and pull sizes, the notice queue."""
    if not (
        _from_loopback(request) or _has_token(request, request.app.state.settings.metrics_token)
    ):
        raise ApiError(
            403, "forbidden", "Metrics are read from this host, or with the metrics token."
        )
    return Response(exposition(request.app.state.engine), media_type=CONTENT_TYPE)

"""GET /healthz and /readyz: for the load balancer, the container runtime, monitoring.

/healthz: the process answers (liveness: restart it if not). /readyz: it can
serve, i.e. the database answers and holds this version's schema (readiness:
send it no traffic if not, for example during an upgrade before
`klassbok-server init-db` has migrated). Neither needs a sign-in, and
neither says more than ok or what is wrong in a sentence; no data.
"""

from __future__ import annotations

import functools

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from server.migrations import current_revision, head_revision

router = APIRouter(tags=["operations"])


@functools.cache
def _head() -> str:
    return head_revision()  # reads the migration scripts: once per process


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


def readiness_problem(engine: Engine) -> str | None:
    """Why the server cannot serve now, or None."""
    try:
        current = current_revision(engine)  # a query: it also shows the database answers
    except SQLAlchemyError:
        return "the database does not answer"
    head = _head()
    if current != head:
        return f"the database schema is at {current or 'nothing'}, this server needs {head}"
    return None


@router.get("/readyz", responses={503: {"description": "not ready, and why"}})
async def readyz(request: Request) -> JSONResponse:
    """The database answers and its schema is this server's."""
    problem = await anyio.to_thread.run_sync(readiness_problem, request.app.state.engine)
    if problem is not None:
        return JSONResponse({"status": "not ready", "problem": problem}, status_code=503)
    return JSONResponse({"status": "ok"})

"""The FastAPI application: `create_app(settings)`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from server.api import (
    API_PREFIX,
    absence_routes,
    api_router,
    health_routes,
    metrics_routes,
    ss12000_routes,
)
from server.api.errors import install_error_handlers
from server.api.middleware import (
    BodyLimitMiddleware,
    GzipRequestMiddleware,
    SecurityHeadersMiddleware,
)
from server.api.request_context import RequestContextMiddleware
from server.config import Settings
from server.db import make_engine
from server.services.sync.push_clock import (
    SERVER_NODE,
    make_server_clock,
    resume_clock_at_start,
)

API_DESCRIPTION = """\
The Klassbok central server. Teachers' desktop apps sign in, pull the change
feed of everything in their scope, push their edits and read scoped resources.

Every error is a JSON object `{"error": code, "message": text, "detail": ...}`.
Requests to `/api/v1/sync/*` carry `X-Klassbok-Protocol` and `X-Klassbok-Schema`.
See docs/api.md and docs/scope.md in the source.
"""


def create_app(settings: Settings, *, clock_node: str = SERVER_NODE) -> FastAPI:
    """The app; `clock_node` names this process's clock (one per worker process)."""
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        resume_clock_at_start(app.state.server_clock, engine)
        yield
        engine.dispose()

    app = FastAPI(
        title="Klassbok server",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/openapi.json",
        # The interactive pages load scripts from a CDN; a school server
        # does not hand pupils' data to pages built from third-party code.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.server_clock = make_server_clock(clock_node)
    install_error_handlers(app)
    app.include_router(api_router())
    app.include_router(health_routes.router)
    app.include_router(metrics_routes.router)
    app.include_router(absence_routes.router, prefix=API_PREFIX)
    # The published SS 12000 API, for API clients only (docs/ss12000.md).
    app.include_router(ss12000_routes.router)
    # Last added runs first: size limit before anything reads the body.
    app.add_middleware(SecurityHeadersMiddleware)
    # Level 1: a first sync's 100,000 records (54 MB of JSON) compress to
    # 5.0 MB in 0.16 s of CPU; level 6 gives 4.2 MB for 0.4 s. Either is a
    # fifth of the JSON's fields, and the server's CPU is shared by every
    # teacher (docs/benchmarks.md).
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=1)
    # A gzip-compressed body (a push) is capped again once decompressed.
    app.add_middleware(GzipRequestMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    # Outermost: the request id, the access line and the metrics cover every answer.
    app.add_middleware(RequestContextMiddleware)
    return app


def create_worker_app() -> FastAPI:
    """The app of one worker process of `klassbok-server serve --workers N`.

    uvicorn starts each worker in a fresh process and imports this factory by
    name; the parent put the settings in the environment. Each worker's clock
    has a node of its own (`server-<pid>`), so two workers' stamps never tie;
    they share the clock's last stamp through the database
    (sync_counter.last_hlc), so neither stamps behind the other."""
    import os

    from server.config import load_settings
    from server.logs import configure_logging

    settings = load_settings(env=os.environ)
    configure_logging(settings.log_level, settings.log_format)
    return create_app(settings, clock_node=f"{SERVER_NODE}-{os.getpid()}")

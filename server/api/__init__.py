"""The HTTP API: thin routes over server.services. Mounted at /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from server.api import (
    assessment_routes,
    auth_routes,
    info_routes,
    push_routes,
    resource_routes,
    sync_routes,
)

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    router.include_router(info_routes.router)
    router.include_router(auth_routes.router)
    router.include_router(sync_routes.router)
    router.include_router(push_routes.router)
    router.include_router(resource_routes.router)
    router.include_router(assessment_routes.router)
    return router

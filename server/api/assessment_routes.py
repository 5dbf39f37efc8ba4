"""Read-only assessment resources beyond the feed: a term grade's history."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter

from server.api.deps import CallerDep, EngineDep
from server.api.errors import ApiError
from server.services.assessment.term_grade_history_reads import visible_history
from sync_protocol.wire import ErrorBody, TermGradeHistory

router = APIRouter(
    tags=["assessment"],
    responses={
        401: {"model": ErrorBody, "description": "not_authenticated, token_invalid, token_expired"},
        422: {"model": ErrorBody, "description": "invalid_request"},
    },
)
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "not_found (also for ids outside your scope)"}
}


@router.get(
    "/term-grades/{term_grade_id}/history", response_model=TermGradeHistory, responses=_NOT_FOUND
)
def term_grade_history(
    term_grade_id: uuid.UUID, caller: CallerDep, engine: EngineDep
) -> dict[str, Any]:
    """Every change of a term grade you may see, oldest first: from, to, who, when, where."""
    changes = visible_history(engine, caller, term_grade_id)
    if changes is None:
        # detail names the kind, so a client tells "no such term grade" from
        # a server without this route; it says nothing about the id.
        raise ApiError(
            404,
            "not_found",
            "No such term grade, or it is not yours to see.",
            detail={"kind": "term_grade"},
        )
    return {"term_grade_id": term_grade_id, "changes": changes}

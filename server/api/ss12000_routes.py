"""The published SS 12000 2.1.0 API, read-only: /ss12000/v2/ (issue 13).

Thin routes over server.services.ss12000_api. Every route needs an API
client's token with the list's scope (docs/ss12000.md); a teacher's or an
administrator's sign-in token is refused. Errors are SS 12000's
`{code, message}` (server.api.errors). Parameters are read as text and
checked by the services, so a bad value is a 400 that says what to change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.api.deps import EngineDep
from server.api.errors import ApiError
from server.db import read_transaction
from server.services.ss12000_api import absences, aggregated, attendances, deleted, grades
from server.services.ss12000_api.clients import ApiClient, ClientRefused, authenticate_client
from server.services.ss12000_api.paging import BadRequest, ListRequest, read_list_request

PREFIX = "/ss12000/v2"
router = APIRouter(prefix=PREFIX, tags=["SS 12000"])

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiClientToken",
    description="An API client's token (klassbok-server create-api-client).",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _client(scope: str | None) -> Callable[..., ApiClient]:
    def dependency(engine: EngineDep, credentials: Credentials) -> ApiClient:
        try:
            return authenticate_client(
                engine, None if credentials is None else credentials.credentials, scope
            )
        except ClientRefused as exc:
            headers = {"WWW-Authenticate": 'Bearer realm="ss12000"'} if exc.status == 401 else None
            raise ApiError(exc.status, exc.code, exc.message, headers=headers) from exc

    return dependency


AttendanceClient = Annotated[ApiClient, Depends(_client("attendances"))]
AbsenceClient = Annotated[ApiClient, Depends(_client("absences"))]
AggregatedClient = Annotated[ApiClient, Depends(_client("aggregatedAttendance"))]
GradeClient = Annotated[ApiClient, Depends(_client("grades"))]
#: deletedEntities lists the kinds the client may read (checked by the route).
AnyClient = Annotated[ApiClient, Depends(_client(None))]

Text = Annotated[str | None, Query()]
Student = Annotated[str | None, Query(description="A pupil's id.")]
Limit = Annotated[str | None, Query(description="At most this many (1-1000; default 500).")]
PageToken = Annotated[str | None, Query(alias="pageToken")]
CreatedBefore = Annotated[str | None, Query(alias="meta.created.before")]
CreatedAfter = Annotated[str | None, Query(alias="meta.created.after")]
ModifiedBefore = Annotated[str | None, Query(alias="meta.modified.before")]
ModifiedAfter = Annotated[str | None, Query(alias="meta.modified.after")]
Expand = Annotated[str | None, Query(alias="expandReferenceNames")]


def _bad(exc: BadRequest) -> ApiError:
    return ApiError(400, "bad_request", str(exc))


def _page(engine: Any, lister: Any, question: ListRequest) -> dict[str, Any]:
    """One page of a list: {data, pageToken}, a bad question answered 400."""
    try:
        with read_transaction(engine) as conn:
            data, token = lister(conn, question)
    except BadRequest as exc:
        raise _bad(exc) from exc
    return {"data": data, "pageToken": token}


def _read(request: Request, module: Any, repeatable: tuple[str, ...] = ()) -> ListRequest:
    try:
        return read_list_request(
            module.KIND,
            request.query_params.multi_items(),
            supported=module.SUPPORTED,
            not_supported=getattr(module, "NOT_SUPPORTED", ()),
            repeatable=repeatable,
        )
    except BadRequest as exc:
        raise _bad(exc) from exc


def _id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise ApiError(400, "bad_request", "The id must be a UUID.") from exc


def _found(item: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if item is None:
        raise ApiError(404, "not_found", f"No {what} with that id.")
    return item


def _expand(raw: str | None) -> bool:
    if raw not in (None, "true", "false"):
        raise ApiError(400, "bad_request", "expandReferenceNames must be true or false.")
    return raw == "true"


@router.get("/attendances", summary="Attendance per lesson and pupil, in minutes")
def list_attendances(
    *,
    request: Request,
    engine: EngineDep,
    _client: AttendanceClient,
    student: Student = None,
    calendar_event: Annotated[str | None, Query(alias="calendarEvent")] = None,
    created_before: CreatedBefore = None,
    created_after: CreatedAfter = None,
    modified_before: ModifiedBefore = None,
    modified_after: ModifiedAfter = None,
    expand: Expand = None,
    limit: Limit = None,
    page_token: PageToken = None,
) -> dict[str, Any]:
    return _page(engine, attendances.list_attendances, _read(request, attendances))


@router.get("/attendances/{attendance_id}", summary="One attendance")
def get_attendance(
    engine: EngineDep, _client: AttendanceClient, attendance_id: str, expand: Expand = None
) -> dict[str, Any]:
    with read_transaction(engine) as conn:
        item = attendances.get_attendance(conn, _id(attendance_id), expand=_expand(expand))
    return _found(item, "attendance")


@router.get("/absences", summary="Guardians' absence reports and granted leave")
def list_absences(
    *,
    request: Request,
    engine: EngineDep,
    _client: AbsenceClient,
    student: Student = None,
    type: Annotated[str | None, Query(description="Anmäld frånvaro or Beviljad ledighet.")] = None,
    created_before: CreatedBefore = None,
    created_after: CreatedAfter = None,
    modified_before: ModifiedBefore = None,
    modified_after: ModifiedAfter = None,
    expand: Expand = None,
    limit: Limit = None,
    page_token: PageToken = None,
) -> dict[str, Any]:
    return _page(engine, absences.list_absences, _read(request, absences))


@router.get("/absences/{absence_id}", summary="One absence report or granted leave")
def get_absence(engine: EngineDep, _client: AbsenceClient, absence_id: str) -> dict[str, Any]:
    with read_transaction(engine) as conn:
        item = absences.get_absence(conn, _id(absence_id))
    return _found(item, "absence")


@router.get("/aggregatedAttendance", summary="Each pupil's minutes per activity over a period")
def list_aggregated_attendance(
    *,
    request: Request,
    engine: EngineDep,
    _client: AggregatedClient,
    start_date: Annotated[str | None, Query(alias="startDate")] = None,
    end_date: Annotated[str | None, Query(alias="endDate")] = None,
    student: Annotated[list[str] | None, Query()] = None,
    expand: Expand = None,
    limit: Limit = None,
    page_token: PageToken = None,
) -> dict[str, Any]:
    return _page(
        engine, aggregated.list_aggregated, _read(request, aggregated, repeatable=("student",))
    )


@router.get("/grades", summary="Term grades once set, with the grading teacher")
def list_grades(
    *,
    request: Request,
    engine: EngineDep,
    _client: GradeClient,
    student: Student = None,
    created_before: CreatedBefore = None,
    created_after: CreatedAfter = None,
    modified_before: ModifiedBefore = None,
    modified_after: ModifiedAfter = None,
    expand: Expand = None,
    limit: Limit = None,
    page_token: PageToken = None,
) -> dict[str, Any]:
    return _page(engine, grades.list_grades, _read(request, grades))


@router.get("/grades/{grade_id}", summary="One grade")
def get_grade(
    engine: EngineDep, _client: GradeClient, grade_id: str, expand: Expand = None
) -> dict[str, Any]:
    with read_transaction(engine) as conn:
        item = grades.get_grade(conn, _id(grade_id), expand=_expand(expand))
    return _found(item, "grade")


@router.get("/deletedEntities", summary="Ids of attendances, absences and grades removed")
def list_deleted_entities(
    *,
    request: Request,
    engine: EngineDep,
    client: AnyClient,
    after: Text = None,
    entities: Annotated[list[str] | None, Query()] = None,
    limit: Limit = None,
    page_token: PageToken = None,
) -> dict[str, Any]:
    readable = [name for name, (_, scope, _) in deleted.PUBLISHED.items() if scope in client.scopes]
    if not readable:
        raise ApiError(
            403, "forbidden", "This API client may read none of Attendance, Absence, Grade."
        )
    question = _read(request, deleted, repeatable=("entities",))
    try:
        types = deleted.requested_types(question.filters, client.scopes)
        refused = [name for name in types if deleted.PUBLISHED[name][1] not in client.scopes]
        if refused:
            raise ApiError(403, "forbidden", f"This API client may not read {', '.join(refused)}.")
        with read_transaction(engine) as conn:
            data, token = deleted.list_deleted(conn, question, types)
    except BadRequest as exc:
        raise _bad(exc) from exc
    return {"data": data, "pageToken": token}

"""/api/v1/absence-reports: guardian-facing systems report absence and leave.

Only `absence_reporter` accounts (a guardian-facing system's service
account, tied to one school) may use these routes; everyone else gets 403.
The router's lifespan also runs the absence notice sender
(server.services.notices.notice_sender) while the server is up.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response
from pydantic import BaseModel, ConfigDict

from server.api.deps import CurrentUser, EngineDep, today
from server.api.errors import ApiError
from server.config import Settings
from server.services.attendance import absence_reports
from server.services.notices.notice_sender import NoticeSender
from sync_protocol.wire import AbsenceReportIn, ErrorBody

log = logging.getLogger(__name__)


@asynccontextmanager
async def notice_sender_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Run the notice sender thread while the app runs (when SMTP is configured)."""
    settings: Settings = app.state.settings
    sender: NoticeSender | None = None
    if settings.notices.enabled:
        sender = NoticeSender(app.state.engine, settings.notices)
        sender.start()
    else:
        log.warning(
            "KLASSBOK_SMTP_HOST is not set: absence notices are queued for guardians "
            "but not e-mailed"
        )
    app.state.notice_sender = sender
    try:
        yield
    finally:
        if sender is not None:
            # Joining may wait for one SMTP exchange; not on the event loop.
            await asyncio.to_thread(sender.stop)


router = APIRouter(
    prefix="/absence-reports",
    tags=["absence reports"],
    lifespan=notice_sender_lifespan,
    responses={
        401: {"model": ErrorBody, "description": "not_authenticated, token_invalid, token_expired"},
        403: {"model": ErrorBody, "description": "forbidden: not an absence_reporter account"},
        422: {"model": ErrorBody, "description": "invalid_request"},
    },
)
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "not_found (also: a pupil of another school)"}
}


class AbsenceReportOut(BaseModel):
    """A stored report, as the reporting system sees it."""

    model_config = ConfigDict(frozen=True)

    id: uuid.UUID
    pupil_id: uuid.UUID
    absence_type: Literal["reported_absence", "granted_leave"]
    start_time: dt.datetime
    end_time: dt.datetime
    reported_by_name: str | None
    reported_at: dt.datetime
    #: Withdrawn (DELETE): kept for the record, no longer offered to teachers.
    withdrawn: bool


@dataclass(frozen=True)
class Reporter:
    account_id: uuid.UUID
    school_id: uuid.UUID


def current_reporter(user: CurrentUser) -> Reporter:
    if user.role != "absence_reporter":
        raise ApiError(
            403,
            "forbidden",
            "Only a guardian-facing system's account (role absence_reporter) may report absences.",
        )
    if user.school_id is None:
        raise ApiError(
            403,
            "forbidden",
            "This account is not tied to a school. Ask the administrator to create it "
            "with --school-id.",
        )
    return Reporter(account_id=user.user_id, school_id=user.school_id)


ReporterDep = Annotated[Reporter, Depends(current_reporter)]


def _out(report: absence_reports.StoredReport) -> AbsenceReportOut:
    return AbsenceReportOut(
        id=report.id,
        pupil_id=report.pupil_id,
        absence_type=report.absence_type,  # type: ignore[arg-type]
        start_time=report.start_time,
        end_time=report.end_time,
        reported_by_name=report.reported_by_name,
        reported_at=report.reported_at,
        withdrawn=report.withdrawn,
    )


def _wake_sender(request: Request) -> None:
    sender: NoticeSender | None = getattr(request.app.state, "notice_sender", None)
    if sender is not None:
        sender.wake()


def _not_found() -> ApiError:
    return ApiError(404, "not_found", absence_reports.NOT_AT_SCHOOL)


@router.post(
    "",
    response_model=AbsenceReportOut,
    status_code=201,
    responses={
        200: {"model": AbsenceReportOut, "description": "a retry: the report made the first time"},
        409: {"model": ErrorBody, "description": "idempotency_conflict"},
        **_NOT_FOUND,
    },
)
def report_absence(
    body: AbsenceReportIn,
    reporter: ReporterDep,
    engine: EngineDep,
    request: Request,
    response: Response,
    *,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="Any unique text (a UUID): a retry with the same key makes no "
            "second report.",
        ),
    ] = None,
) -> AbsenceReportOut:
    """Report a pupil's absence (anmäld frånvaro) or granted leave (beviljad ledighet).

    Whole days and parts of a day alike: the report covers every lesson that
    overlaps [start_time, end_time). Times need a time zone.
    """
    values = absence_reports.ReportValues(
        pupil_id=body.pupil_id,
        absence_type=body.absence_type,
        start_time=body.start_time,
        end_time=body.end_time,
        reported_by_name=body.reported_by_name,
    )
    try:
        report, created = absence_reports.create_report(
            engine,
            values,
            account_id=reporter.account_id,
            school_id=reporter.school_id,
            idempotency_key=idempotency_key,
            now=dt.datetime.now(dt.UTC),
        )
    except absence_reports.InvalidReport as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    except absence_reports.PupilNotAtSchool:
        raise _not_found() from None
    except absence_reports.IdempotencyConflict as exc:
        raise ApiError(409, "idempotency_conflict", str(exc)) from None
    response.headers["Location"] = f"{request.url.path}/{report.id}"
    if created:
        _wake_sender(request)
    else:
        response.status_code = 200
    return _out(report)


@router.get("", response_model=list[AbsenceReportOut], responses=_NOT_FOUND)
def list_reports(
    reporter: ReporterDep,
    engine: EngineDep,
    pupil_id: Annotated[uuid.UUID, Query(description="The pupil whose reports to list.")],
) -> list[AbsenceReportOut]:
    """The reports this system made about a pupil, withdrawn ones included."""
    reports = absence_reports.list_reports(
        engine,
        pupil_id,
        account_id=reporter.account_id,
        school_id=reporter.school_id,
        today=today(),
    )
    if reports is None:
        raise _not_found()
    return [_out(report) for report in reports]


@router.get("/{report_id}", response_model=AbsenceReportOut, responses=_NOT_FOUND)
def get_report(report_id: uuid.UUID, reporter: ReporterDep, engine: EngineDep) -> AbsenceReportOut:
    """One of this system's reports."""
    report = absence_reports.get_report(engine, report_id, account_id=reporter.account_id)
    if report is None:
        raise ApiError(404, "not_found", "No absence report with that id from this system.")
    return _out(report)


@router.delete("/{report_id}", status_code=204, response_class=Response, responses=_NOT_FOUND)
def withdraw_report(
    report_id: uuid.UUID, reporter: ReporterDep, engine: EngineDep, request: Request
) -> Response:
    """Withdraw a report (the guardian cancelled it). Teachers' copies are removed.

    An absence the report covered counts as invalid again, and may bring a
    same-day notice.
    """
    report = absence_reports.withdraw_report(
        engine, report_id, account_id=reporter.account_id, now=dt.datetime.now(dt.UTC)
    )
    if report is None:
        raise ApiError(404, "not_found", "No absence report with that id from this system.")
    _wake_sender(request)
    return Response(status_code=204)

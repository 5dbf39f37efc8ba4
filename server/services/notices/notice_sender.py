"""The background sender of absence notices: a thread in the server process.

Each delivery is claimed in a transaction of its own: state "sending", one
more attempt, a Message-ID and a lease (next_attempt_at = when the send is
considered abandoned) are committed BEFORE the SMTP transaction starts. So a
delivery is never sent twice:

- a second sender (another worker process, `klassbok-server send-notices`)
  cannot claim it (the row is selected FOR UPDATE SKIP LOCKED on PostgreSQL
  and claimed by a conditional UPDATE ... WHERE state = 'queued');
- if this process dies mid-send, the row stays "sending"; once the lease has
  run out any sender marks it failed ("delivery uncertain — check with the
  guardian") instead of sending again blind.

Transient failures go back to "queued" with exponential backoff until
max_attempts; the outcome updates the synced absence_notice row (new seq),
so teachers see queued/sent/failed on the pupil.

Requests never wait for it: they only write rows, and may `wake()` it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import make_msgid

from sqlalchemy import Connection, Engine, func, or_, select, update

from server.config import NoticeSettings
from server.db import allocate_seq, write_transaction
from server.services.notices import absence_notices as notices
from server.services.notices.notice_mailer import (
    DeliveryFailure,
    Outcome,
    send_message,
    sender_domain,
)
from server.services.notices.notice_templates import NoticeText, build_notice_message
from server.tables import notice_delivery, synced

log = logging.getLogger(__name__)

_DELIVERY = notice_delivery
_NOTICE = synced["absence_notice"]
_PERSON = synced["person"]
_MEMBERSHIP = synced["group_membership"]
_GROUP = synced["group"]
_SCHOOL = synced["school"]

#: Retries wait retry_seconds, doubling each time, but never longer than this.
MAX_BACKOFF = dt.timedelta(minutes=30)
#: A send holding its claim longer than this many SMTP timeouts was interrupted.
LEASE_TIMEOUTS = 4

Clock = Callable[[], dt.datetime]
Mailer = Callable[..., None]  # send_message's signature


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Outgoing:
    """One claimed delivery: everything the e-mail needs, and nothing more."""

    delivery_id: uuid.UUID
    notice_id: uuid.UUID
    message_id: str
    recipient: str
    attempt: int
    text: NoticeText


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    uncertain: int = 0

    def __str__(self) -> str:
        return (
            f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed, "
            f"{self.uncertain} uncertain"
        )


class NoticeSender:
    """Claims due deliveries, sends them, records the outcome."""

    def __init__(
        self,
        engine: Engine,
        settings: NoticeSettings,
        *,
        clock: Clock = _utc_now,
        mailer: Mailer = send_message,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._clock = clock
        self._mailer = mailer
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lease = dt.timedelta(seconds=settings.smtp_timeout_seconds * LEASE_TIMEOUTS)

    # --- the thread ---------------------------------------------------------

    def start(self) -> None:
        # A daemon: a send stuck in SMTP must not keep a stopping server alive;
        # its lease makes it "uncertain" later.
        self._thread = threading.Thread(target=self._run, name="notice-sender", daemon=True)
        self._thread.start()
        log.info("absence notice sender started (SMTP %s)", self._settings.smtp_host)

    def wake(self) -> None:
        """Look for due deliveries now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=self._settings.smtp_timeout_seconds + 5)
            if self._thread.is_alive():
                log.warning("absence notice sender still busy at shutdown; its send is uncertain")
            self._thread = None

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self.run_once()
                wait = self._next_wait()
            except Exception:
                # A database that is down, or a bug: logged, and tried again later.
                log.exception("absence notice sender failed; trying again shortly")
                wait = self._settings.poll_seconds
            self._wake.wait(wait)

    def _next_wait(self) -> float:
        with self._engine.connect() as conn:
            due = conn.execute(
                select(func.min(_DELIVERY.c.next_attempt_at)).where(
                    _DELIVERY.c.state.in_((notices.QUEUED, notices.SENDING))
                )
            ).scalar()
        wait = self._settings.poll_seconds
        if due is not None:
            wait = min(wait, (due - self._clock()).total_seconds())
        return max(wait, 0.01)

    # --- one pass -----------------------------------------------------------

    def run_once(self) -> SendReport:
        """Send every delivery due now (each once); returns what happened."""
        report = SendReport()
        started = self._clock()
        report.uncertain += self.expire_interrupted_sends(started)
        while not self._stopping.is_set():
            job = self._claim(started)
            if job is None:
                break
            self._deliver(job, report)
        return report

    def expire_interrupted_sends(self, now: dt.datetime) -> int:
        """Sends whose lease ran out (a process died mid-send): failed, never resent."""
        stale = (_DELIVERY.c.state == notices.SENDING) & (_DELIVERY.c.next_attempt_at < now)
        with self._engine.connect() as conn:
            if conn.execute(select(_DELIVERY.c.id).where(stale).limit(1)).first() is None:
                return 0
        with write_transaction(self._engine) as conn:
            seq = allocate_seq(conn)
            rows = conn.execute(select(_DELIVERY.c.id, _DELIVERY.c.notice_id).where(stale)).all()
            for delivery_id, _notice_id in rows:
                conn.execute(
                    update(_DELIVERY)
                    .where(_DELIVERY.c.id == delivery_id, _DELIVERY.c.state == notices.SENDING)
                    .values(state=notices.FAILED, last_error=notices.UNCERTAIN_ERROR)
                )
                log.warning(
                    "absence notice delivery %s was interrupted while sending; marked uncertain",
                    delivery_id,
                )
            for notice_id in sorted({notice for _, notice in rows}):
                notices.refresh_notice(conn, notice_id, seq=seq, now=now)
        return len(rows)

    def _claim(self, now: dt.datetime) -> Outgoing | None:
        while True:
            with write_transaction(self._engine) as conn:
                row = conn.execute(
                    select(_DELIVERY.c.id, _DELIVERY.c.notice_id, _DELIVERY.c.email)
                    .where(notices.due_condition(now))
                    .order_by(_DELIVERY.c.next_attempt_at, _DELIVERY.c.id)
                    .limit(1)
                    # PostgreSQL: several worker processes each run a sender;
                    # each takes a row nobody holds instead of queueing behind
                    # (and then losing) the same one. SQLite ignores it: the
                    # write transaction's lock already lets one sender in.
                    .with_for_update(skip_locked=True)
                ).first()
                if row is None:
                    return None
                message_id = make_msgid(domain=sender_domain(self._settings))
                claimed = conn.execute(
                    update(_DELIVERY)
                    .where(_DELIVERY.c.id == row.id, _DELIVERY.c.state == notices.QUEUED)
                    .values(
                        state=notices.SENDING,
                        attempts=_DELIVERY.c.attempts + 1,
                        message_id=message_id,
                        next_attempt_at=self._clock() + self._lease,
                    )
                    .returning(_DELIVERY.c.attempts)
                ).first()
                if claimed is None:
                    continue  # another sender took it first
                return Outgoing(
                    delivery_id=row.id,
                    notice_id=row.notice_id,
                    message_id=message_id,
                    recipient=row.email,
                    attempt=int(claimed.attempts),
                    text=self._notice_text(conn, row.notice_id),
                )

    def _notice_text(self, conn: Connection, notice_id: uuid.UUID) -> NoticeText:
        notice = conn.execute(
            select(_NOTICE.c.pupil_id, _NOTICE.c.notice_date).where(_NOTICE.c.id == notice_id)
        ).one()
        pupil = conn.execute(
            select(_PERSON.c.given_name, _PERSON.c.family_name).where(
                _PERSON.c.id == notice.pupil_id
            )
        ).one()
        day: dt.date = notice.notice_date
        school = conn.execute(
            select(_SCHOOL.c.name)
            .join(_GROUP, _GROUP.c.school_id == _SCHOOL.c.id)
            .join(_MEMBERSHIP, _MEMBERSHIP.c.group_id == _GROUP.c.id)
            .where(
                _MEMBERSHIP.c.person_id == notice.pupil_id,
                _MEMBERSHIP.c.deleted.is_(False),
                _MEMBERSHIP.c.start_date <= day,
                or_(_MEMBERSHIP.c.end_date.is_(None), _MEMBERSHIP.c.end_date >= day),
                _GROUP.c.deleted.is_(False),
            )
            .order_by(_SCHOOL.c.name)
            .limit(1)
        ).scalar()
        return NoticeText(
            pupil_name=f"{pupil.given_name} {pupil.family_name}",
            school_name=school,
            notice_date=day,
        )

    def _deliver(self, job: Outgoing, report: SendReport) -> None:
        message = build_notice_message(
            job.text,
            sender=self._settings.smtp_from or "",
            recipient=job.recipient,
            message_id=job.message_id,
            now=self._clock(),
        )
        failure: DeliveryFailure | None = None
        try:
            self._mailer(self._settings, message, job.recipient)
        except DeliveryFailure as exc:
            failure = exc
        except Exception:
            # A bug in our own sending code: the message may or may not have
            # gone, so it is treated like an interrupted send.
            log.exception("absence notice delivery %s failed unexpectedly", job.delivery_id)
            failure = DeliveryFailure(Outcome.UNCERTAIN, "Klassbok failed while sending.")
        self._finish(job, failure, report)

    def _finish(self, job: Outgoing, failure: DeliveryFailure | None, report: SendReport) -> None:
        now = self._clock()
        if failure is None:
            values: dict[str, object] = {
                "state": notices.SENT,
                "sent_at": now,
                "next_attempt_at": None,
                "last_error": None,
            }
            report.sent += 1
            log.info("absence notice delivery %s sent (%s)", job.delivery_id, job.message_id)
        elif failure.outcome is Outcome.UNCERTAIN:
            values = {"state": notices.FAILED, "last_error": notices.UNCERTAIN_ERROR}
            report.uncertain += 1
            log.warning("absence notice delivery %s uncertain: %s", job.delivery_id, failure)
        elif failure.outcome is Outcome.RETRY and job.attempt < self._settings.max_attempts:
            values = {
                "state": notices.QUEUED,
                "next_attempt_at": now + self._backoff(job.attempt),
                "last_error": failure.reason,
            }
            report.retrying += 1
            log.info("absence notice delivery %s will be retried: %s", job.delivery_id, failure)
        else:
            reason = failure.reason
            if failure.outcome is Outcome.RETRY:
                reason = f"Gave up after {job.attempt} attempts. {reason}"
            values = {"state": notices.FAILED, "next_attempt_at": None, "last_error": reason[:500]}
            report.failed += 1
            log.warning("absence notice delivery %s failed: %s", job.delivery_id, reason)
        with write_transaction(self._engine) as conn:
            seq = allocate_seq(conn)
            # Only our own claim: an expired lease already marked "uncertain"
            # is corrected by what we now know; anything else is left alone.
            done = conn.execute(
                update(_DELIVERY)
                .where(
                    _DELIVERY.c.id == job.delivery_id,
                    _DELIVERY.c.message_id == job.message_id,
                    _DELIVERY.c.state.in_((notices.SENDING, notices.FAILED)),
                )
                .values(**values)
            )
            if done.rowcount:
                notices.refresh_notice(conn, job.notice_id, seq=seq, now=now)

    def _backoff(self, attempt: int) -> dt.timedelta:
        first = dt.timedelta(seconds=self._settings.retry_seconds)
        # A retry delay configured above the cap is taken as it is.
        return min(first * 2 ** min(attempt - 1, 16), max(MAX_BACKOFF, first))

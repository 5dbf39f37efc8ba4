"""Queueing and sending notices, in-process against a real database and SMTP server.

The end-to-end tests (test_notices.py) go through the server process; these
pin down the rules at the edges (which days, which absences, which rows)
and the sender's retry policy with a controlled clock instead of waiting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, insert, select

from server.config import NoticeSettings
from server.db import allocate_seq, make_engine, write_transaction
from server.migrations import upgrade_to_head
from server.services.notices import absence_notices
from server.services.notices.absence_notices import day_bounds, queue_for_attendance, school_day
from server.services.notices.notice_sender import NoticeSender
from server.tables import notice_delivery, synced
from sync_protocol import ids
from tests.support.small_school import SmallSchool, build_small_school
from tests.support.smtp_server import SENDER, CapturingSmtpServer

NOW = dt.datetime.now(dt.UTC)
TODAY = school_day(NOW)


@pytest.fixture
def school(database_factory: Callable[[], str]) -> Iterator[SmallSchool]:
    engine = make_engine(database_factory())
    upgrade_to_head(engine)
    yield build_small_school(engine)
    engine.dispose()


def _engine(school: SmallSchool) -> Engine:
    return school.builder.engine


def _write_attendance(
    school: SmallSchool, lesson: uuid.UUID, pupil: uuid.UUID, activity: uuid.UUID, status: str
) -> dict[str, object]:
    """Write one attendance row and run the hook in the same transaction, as the push does."""
    table = synced["attendance"]
    row_id = ids.attendance_id(lesson, pupil)
    with write_transaction(_engine(school)) as conn:
        seq = allocate_seq(conn)
        exists = conn.execute(select(table.c.id).where(table.c.id == row_id)).first()
        if exists is None:
            conn.execute(
                insert(table).values(
                    id=row_id,
                    seq=seq,
                    deleted=False,
                    lesson_id=lesson,
                    pupil_id=pupil,
                    activity_id=activity,
                    status=status,
                    needs_review=False,
                )
            )
        else:
            conn.execute(table.update().where(table.c.id == row_id).values(status=status, seq=seq))
        row = {"id": row_id, "lesson_id": lesson, "pupil_id": pupil, "status": status}
        queue_for_attendance(conn, [row], seq=seq, now=NOW)
    return row


def _notice(school: SmallSchool, pupil: uuid.UUID, day: dt.date) -> dict[str, object] | None:
    table = synced["absence_notice"]
    with _engine(school).connect() as conn:
        found = conn.execute(
            select(table).where(table.c.id == ids.absence_notice_id(pupil, day))
        ).mappings()
        row = found.first()
        return None if row is None else dict(row)


def _lesson_at(school: SmallSchool, activity: str, when: dt.datetime) -> uuid.UUID:
    return school.builder.lesson(school[f"activity:{activity}"], when)


def test_yesterdays_absence_queues_but_older_ones_do_not(school: SmallSchool) -> None:
    bodil, en8b = school["pupil:bodil"], school["activity:en8b"]
    yesterday = NOW - dt.timedelta(days=1)
    old = NOW - dt.timedelta(days=3)
    _write_attendance(school, _lesson_at(school, "en8b", yesterday), bodil, en8b, "absent")
    _write_attendance(school, _lesson_at(school, "en8b", old), bodil, en8b, "absent")
    assert _notice(school, bodil, school_day(yesterday)) is not None
    assert _notice(school, bodil, school_day(old)) is None


def test_the_same_rows_again_change_nothing(school: SmallSchool) -> None:
    bodil, lesson = school["pupil:bodil"], school["lesson:en8b:1"]
    row = _write_attendance(school, lesson, bodil, school["activity:en8b"], "absent")
    first = _notice(school, bodil, TODAY)
    assert first is not None
    assert first["state"] == "queued"
    with write_transaction(_engine(school)) as conn:
        changes = queue_for_attendance(conn, [row], seq=allocate_seq(conn), now=NOW)
    assert not changes
    assert _notice(school, bodil, TODAY) == first
    with _engine(school).connect() as conn:
        assert len(conn.execute(select(notice_delivery)).all()) == 1


def test_rows_may_be_given_by_id_alone(school: SmallSchool) -> None:
    bodil, lesson = school["pupil:bodil"], school["lesson:en8b:1"]
    _write_attendance(school, lesson, bodil, school["activity:en8b"], "present")
    attendance = synced["attendance"]
    with write_transaction(_engine(school)) as conn:
        seq = allocate_seq(conn)
        conn.execute(
            attendance.update()
            .where(attendance.c.id == ids.attendance_id(lesson, bodil))
            .values(status="absent", seq=seq)
        )
        changes = queue_for_attendance(
            conn, [{"id": str(ids.attendance_id(lesson, bodil))}], seq=seq, now=NOW
        )
    assert changes.queued == [ids.absence_notice_id(bodil, TODAY)]


def test_cancelled_lessons_and_withdrawn_reports(school: SmallSchool) -> None:
    b = school.builder
    bodil, en8b = school["pupil:bodil"], school["activity:en8b"]
    lesson = school["lesson:en8b:1"]
    b.update("lesson", lesson, cancelled=True)
    _write_attendance(school, lesson, bodil, en8b, "absent")
    assert _notice(school, bodil, TODAY) is None  # no lesson, no absence

    b.update("lesson", lesson, cancelled=False)
    low, high = day_bounds(TODAY)
    report = b.owned(
        "absence_report",
        "bodil-today",
        pupil_id=bodil,
        absence_type="reported_absence",
        start_time=low,
        end_time=high,
        reported_at=NOW,
    )
    _write_attendance(school, lesson, bodil, en8b, "absent")
    assert _notice(school, bodil, TODAY) is None  # covered by the report

    b.delete("absence_report", report)
    _write_attendance(school, lesson, bodil, en8b, "absent")
    notice = _notice(school, bodil, TODAY)
    assert notice is not None
    assert notice["state"] == "queued"


def test_school_days_follow_swedish_time() -> None:
    # 23:30 UTC on 30 November is already 1 December at school.
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
    assert school_day(late) == dt.date(2026, 12, 1)
    # The day summer time ends has 25 hours.
    low, high = day_bounds(dt.date(2026, 10, 25))
    assert high - low == dt.timedelta(hours=25)


class _Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def _settings(smtp: CapturingSmtpServer, **changes: object) -> NoticeSettings:
    base = NoticeSettings(
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_starttls=False,
        smtp_from=SENDER,
        smtp_timeout_seconds=5,
        retry_seconds=60,
        max_attempts=3,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_retries_back_off_then_give_up(school: SmallSchool) -> None:
    with CapturingSmtpServer() as smtp:
        smtp.refuse_next(3, 421)
        bodil = school["pupil:bodil"]
        _write_attendance(school, school["lesson:en8b:1"], bodil, school["activity:en8b"], "absent")
        clock = _Clock(NOW)
        sender = NoticeSender(_engine(school), _settings(smtp), clock=clock)
        assert sender.run_once().retrying == 1
        assert sender.run_once().retrying == 0  # not due yet: 60 s backoff
        clock.now += dt.timedelta(seconds=61)
        assert sender.run_once().retrying == 1
        clock.now += dt.timedelta(seconds=61)  # the second retry waits 120 s
        assert sender.run_once().retrying == 0
        clock.now += dt.timedelta(seconds=60)
        report = sender.run_once()
        assert (report.failed, report.sent) == (1, 0)
    notice = _notice(school, bodil, TODAY)
    assert notice is not None
    assert notice["state"] == "failed"
    assert notice["attempts"] == 3
    assert str(notice["last_error"]).startswith("Gave up after 3 attempts.")
    assert "421" in str(notice["last_error"])
    assert "@" not in str(notice["last_error"])
    assert smtp.messages == []


def test_a_sender_never_takes_a_delivery_another_one_holds(school: SmallSchool) -> None:
    with CapturingSmtpServer() as smtp:
        bodil = school["pupil:bodil"]
        _write_attendance(school, school["lesson:en8b:1"], bodil, school["activity:en8b"], "absent")
        with write_transaction(_engine(school)) as conn:
            conn.execute(
                notice_delivery.update().values(
                    state="sending", next_attempt_at=NOW + dt.timedelta(minutes=2)
                )
            )
        clock = _Clock(NOW)
        sender = NoticeSender(_engine(school), _settings(smtp), clock=clock)
        assert sender.run_once().sent == 0  # another process is sending it
        clock.now += dt.timedelta(minutes=3)  # ... and died: its lease ran out
        report = sender.run_once()
        assert (report.uncertain, report.sent) == (1, 0)
        assert smtp.messages == []
    notice = _notice(school, bodil, TODAY)
    assert notice is not None
    assert notice["last_error"] == absence_notices.UNCERTAIN_ERROR

"""Same-day notices to guardians: a real server process, real pushes, a real SMTP server.

The roll call reaches the server through POST /api/v1/sync/push, the
server's own sender thread e-mails the guardians through the SMTP server on
loopback (tests/support/smtp_server.py), and teachers see the outcome on the
synced absence_notice row.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from server.services.notices.absence_notices import NO_ADDRESS_ERROR
from tests.server.attendance.absence_support import (
    Family,
    Mark,
    add_family,
    deliveries,
    feed_records,
    notice,
    pending_deliveries,
    teacher_account,
    today_lesson,
    wait_until,
)
from tests.support.server_fixtures import RunningServer, ServerFactory
from tests.support.server_process import run_cli
from tests.support.smtp_server import CapturingSmtpServer


@pytest.fixture
def smtp() -> Iterator[CapturingSmtpServer]:
    with CapturingSmtpServer() as server:
        yield server


@pytest.fixture
def school(server_factory: ServerFactory, smtp: CapturingSmtpServer) -> RunningServer:
    """A fresh small school whose server e-mails through `smtp`."""
    return server_factory(env=smtp.klassbok_env())


def _bodil_absent(server: RunningServer, status: str = "absent") -> Mark:
    s = server.school
    return Mark(today_lesson(server, "en8b"), s["pupil:bodil"], s["activity:en8b"], status)


def _sent(server: RunningServer, pupil_label: str) -> dict[str, object]:
    pupil = server.school[pupil_label]
    row = wait_until(
        lambda: notice(server, pupil),
        lambda n: n is not None and n["state"] in ("sent", "failed"),
    )
    assert row is not None
    return row


def _settled(server: RunningServer) -> None:
    """Nothing left for any sender to do."""
    wait_until(lambda: pending_deliveries(server.engine), lambda n: n == 0)


def test_an_invalid_absence_emails_the_guardian_once(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    bertil = teacher_account(school, "bertil", "teacher:bertil")
    batch = bertil.batch([_bodil_absent(school)])
    first = bertil.send(batch)

    [message] = smtp.wait_for_messages(1)
    assert message.recipients == ("berit@hem.example",)
    assert message.message["To"] == "berit@hem.example"
    assert "Bodil Björk" in message.message["Subject"]
    assert "Bodil Björk" in message.text
    assert "Ekbackens skola" in message.text
    assert "skollagen 7 kap. 17 §" in message.text
    assert "In English:" in message.text
    assert message.message["Auto-Submitted"] == "auto-generated"

    row = _sent(school, "pupil:bodil")
    assert row["state"] == "sent"
    assert row["attempts"] == 1
    assert row["sent_at"] is not None
    [delivery] = deliveries(school, school.school["pupil:bodil"])
    # The Message-ID recorded before sending is the one the guardian got.
    assert delivery["message_id"] == message.message["Message-ID"]

    # The teacher sees it on the pupil.
    [record] = [
        r
        for r in feed_records(school, "bertil", "absence_notice").values()
        if r["fields"]["pupil_id"] == str(school.school["pupil:bodil"])
    ]
    assert record["fields"]["state"] == "sent"
    assert record["fields"]["attempts"] == 1

    # A retried push (same batch) and the same absence pushed again: nothing more.
    assert bertil.send(batch)["results"] == first["results"]
    bertil.push(_bodil_absent(school))
    run_cli(school.database_url, "send-notices", env=smtp.klassbok_env())
    _settled(school)
    assert len(smtp.messages) == 1


def test_two_absent_lessons_one_day_make_one_notice_per_guardian(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    family = add_family(school)
    s = school.school
    anna = teacher_account(school, "anna", "teacher:anna")
    anna.push(
        Mark(today_lesson(school, "ma7a"), family.sixten, s["activity:ma7a"], "absent"),
        Mark(today_lesson(school, "sv7a"), family.sixten, s["activity:sv7a"], "absent"),
    )
    messages = smtp.wait_for_messages(2)
    _settled(school)
    assert sorted(m.recipients[0] for m in smtp.messages) == [
        "lars@hem.example",
        "lena@hem.example",
    ]
    assert all("Sixten Lind" in m.text for m in messages)
    row = notice(school, family.sixten)
    assert row is not None
    assert row["state"] == "sent"


def test_siblings_get_a_message_each_naming_only_that_child(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    family: Family = add_family(school)
    s = school.school
    teacher_account(school, "anna", "teacher:anna").push(
        Mark(today_lesson(school, "ma7a"), family.sixten, s["activity:ma7a"], "absent")
    )
    teacher_account(school, "bertil", "teacher:bertil").push(
        Mark(today_lesson(school, "en8b"), family.saga, s["activity:en8b"], "absent")
    )
    smtp.wait_for_messages(4)
    _settled(school)
    by_guardian: dict[str, list[str]] = {}
    for message in smtp.messages:
        assert len(message.recipients) == 1
        whole = f"{message.message['Subject']}\n{message.text}"
        named = [child for child in ("Sixten", "Saga") if child in whole]
        assert len(named) == 1, whole  # one child per message, never the sibling
        by_guardian.setdefault(message.recipients[0], []).append(named[0])
    assert {guardian: sorted(children) for guardian, children in by_guardian.items()} == {
        "lena@hem.example": ["Saga", "Sixten"],
        "lars@hem.example": ["Saga", "Sixten"],
    }


def test_a_refused_delivery_is_retried_and_sent_once(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    smtp.refuse_next(1, 451)
    teacher_account(school, "bertil", "teacher:bertil").push(_bodil_absent(school))
    smtp.wait_for_messages(1)
    _settled(school)
    row = notice(school, school.school["pupil:bodil"])
    assert row is not None
    assert (row["state"], row["attempts"], row["last_error"]) == ("sent", 2, None)
    [delivery] = deliveries(school, school.school["pupil:bodil"])
    assert delivery["attempts"] == 2
    assert len(smtp.messages) == 1


def test_a_permanent_refusal_fails_with_an_error_that_names_no_address(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    smtp.refuse_next(1, 550)
    teacher_account(school, "bertil", "teacher:bertil").push(_bodil_absent(school))
    row = _sent(school, "pupil:bodil")
    assert row["state"] == "failed"
    [record] = [
        r
        for r in feed_records(school, "bertil", "absence_notice").values()
        if r["fields"]["pupil_id"] == str(school.school["pupil:bodil"])
    ]
    error = record["fields"]["last_error"]
    assert record["fields"]["state"] == "failed"
    assert "550" in error
    assert "User unknown" in error
    assert "@" not in error
    assert "berit" not in error.lower()
    assert "hem.example" not in error
    assert smtp.messages == []
    assert "berit@hem.example" not in school.process.log_path.read_text()


def test_a_correction_before_sending_cancels_the_notice(
    server_factory: ServerFactory, smtp: CapturingSmtpServer
) -> None:
    # The server's sender looks only once an hour: the correction comes first.
    school = server_factory(env=smtp.klassbok_env(KLASSBOK_NOTICE_POLL_SECONDS="3600"))
    bertil = teacher_account(school, "bertil", "teacher:bertil")
    bertil.push(_bodil_absent(school))
    queued = notice(school, school.school["pupil:bodil"])
    assert queued is not None
    assert queued["state"] == "queued"

    bertil.push(_bodil_absent(school, "present"))
    run_cli(school.database_url, "send-notices", env=smtp.klassbok_env())
    row = notice(school, school.school["pupil:bodil"])
    assert row is not None
    assert row["state"] == "cancelled"
    assert smtp.messages == []
    [record] = [
        r
        for r in feed_records(school, "bertil", "absence_notice").values()
        if r["fields"]["pupil_id"] == str(school.school["pupil:bodil"])
    ]
    assert record["fields"]["state"] == "cancelled"

    # Marked absent again the same day: the notice comes back.
    bertil.push(_bodil_absent(school))
    run_cli(school.database_url, "send-notices", env=smtp.klassbok_env())
    assert len(smtp.wait_for_messages(1)) == 1
    row = notice(school, school.school["pupil:bodil"])
    assert row is not None
    assert row["state"] == "sent"


def test_a_correction_after_sending_leaves_the_notice_sent(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    bertil = teacher_account(school, "bertil", "teacher:bertil")
    bertil.push(_bodil_absent(school))
    smtp.wait_for_messages(1)
    assert _sent(school, "pupil:bodil")["state"] == "sent"
    bertil.push(_bodil_absent(school, "late"))
    row = notice(school, school.school["pupil:bodil"])
    assert row is not None
    assert row["state"] == "sent"
    assert len(smtp.messages) == 1


def test_a_reported_absence_sends_no_notice(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    # Alva's guardian reported her absent this morning (the small school's report).
    s = school.school
    teacher_account(school, "anna", "teacher:anna").push(
        Mark(today_lesson(school, "ma7a"), s["pupil:alva"], s["activity:ma7a"], "absent")
    )
    assert notice(school, s["pupil:alva"]) is None
    run_cli(school.database_url, "send-notices", env=smtp.klassbok_env())
    assert smtp.messages == []


def test_a_pupil_without_a_guardian_address_fails_at_once(school: RunningServer) -> None:
    s = school.school
    teacher_account(school, "anna", "teacher:anna").push(
        Mark(today_lesson(school, "ma7a"), s["pupil:axel"], s["activity:ma7a"], "absent")
    )
    row = notice(school, s["pupil:axel"])
    assert row is not None
    assert (row["state"], row["last_error"]) == ("failed", NO_ADDRESS_ERROR)


def test_a_protected_pupils_guardian_is_told_but_their_address_stays_on_the_server(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    s = school.school
    teacher_account(school, "anna", "teacher:anna").push(
        Mark(today_lesson(school, "ma7a"), s["pupil:elsa"], s["activity:ma7a"], "absent")
    )
    [message] = smtp.wait_for_messages(1)
    assert message.recipients == ("greta@hem.example",)  # the law applies to them too
    assert "Elsa Eriksson" in message.text
    assert _sent(school, "pupil:elsa")["state"] == "sent"

    pages, _ = school.pull_all(school.token("anna"))
    assert "greta@hem.example" not in str(pages)
    listing = run_cli(
        school.database_url, "list-notices", "--deliveries", "--show-addresses"
    ).stdout
    assert "Elsa Eriksson" in listing
    assert "Greta Eriksson" in listing
    assert "greta@hem.example" not in listing
    assert "address withheld: protected identity" in listing
    assert "greta@hem.example" not in school.process.log_path.read_text()


def test_a_send_interrupted_by_a_crash_is_never_repeated(
    server_factory: ServerFactory, smtp: CapturingSmtpServer
) -> None:
    env = smtp.klassbok_env(KLASSBOK_SMTP_TIMEOUT_SECONDS="1")
    school = server_factory(env=env)
    arrived = smtp.hold_next_message()
    teacher_account(school, "bertil", "teacher:bertil").push(_bodil_absent(school))
    assert arrived.wait(30), "the message never reached the SMTP server"
    school.process.kill()  # mid-send: the server has the text, Klassbok has no answer
    [delivery] = deliveries(school, school.school["pupil:bodil"])
    assert delivery["state"] == "sending"

    school.process.start()
    row = wait_until(
        lambda: notice(school, school.school["pupil:bodil"]),
        lambda n: n is not None and n["state"] == "failed",
    )
    assert row is not None
    assert "uncertain" in row["last_error"]
    assert "check with the guardian" in row["last_error"]
    smtp.release_held()
    run_cli(school.database_url, "send-notices", env=env)
    assert len(smtp.messages) == 1


def test_list_notices_shows_each_notice_for_the_administrator(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    s = school.school
    smtp.refuse_next(1, 550)
    teacher_account(school, "bertil", "teacher:bertil").push(_bodil_absent(school))
    teacher_account(school, "anna", "teacher:anna").push(
        Mark(today_lesson(school, "ma7a"), s["pupil:axel"], s["activity:ma7a"], "absent")
    )
    _sent(school, "pupil:bodil")
    listing = run_cli(school.database_url, "list-notices").stdout
    header = listing.splitlines()[0].split()
    assert header[:5] == ["Date", "Pupil", "State", "Attempts", "Sent"]
    lines = {line.split("  ")[1].strip(): line for line in listing.splitlines()[2:] if "  " in line}
    assert "failed" in lines["Bodil Björk"]
    assert "550" in lines["Bodil Björk"]
    assert "failed" in lines["Axel Ås"]
    assert "No guardian" in lines["Axel Ås"]
    assert "@" not in listing

    sent_only = run_cli(school.database_url, "list-notices", "--state", "sent").stdout
    assert "Bodil" not in sent_only
    by_delivery = run_cli(school.database_url, "list-notices", "--deliveries").stdout
    assert "to Berit Björk" in by_delivery
    assert "@" not in by_delivery
    shown = run_cli(school.database_url, "list-notices", "--deliveries", "--show-addresses").stdout
    assert "<berit@hem.example>" in shown
    empty = run_cli(school.database_url, "list-notices", "--date", "2001-01-01").stdout
    assert empty.strip() == "No absence notices on 2001-01-01."

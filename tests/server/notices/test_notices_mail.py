"""The notice e-mail and its SMTP delivery, against a real SMTP server on loopback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from server.config import (
    NoticeSettings,
    SettingsError,
    load_notice_settings,
    load_settings,
)
from server.services.notices.notice_mailer import (
    DeliveryFailure,
    Outcome,
    scrub_contact_data,
    send_message,
)
from server.services.notices.notice_templates import NoticeText, build_notice_message, swedish_date
from tests.support.smtp_server import SENDER, CapturingSmtpServer

RECIPIENT = "gunnar.ahlberg@hem.example"


@pytest.fixture
def smtp() -> Iterator[CapturingSmtpServer]:
    with CapturingSmtpServer() as server:
        yield server


def _settings(smtp: CapturingSmtpServer, **changes: object) -> NoticeSettings:
    settings = NoticeSettings(
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_starttls=False,
        smtp_from=SENDER,
        smtp_timeout_seconds=5,
    )
    return dataclasses.replace(settings, **changes)  # type: ignore[arg-type]


def _message(pupil: str = "Alva Ahlberg") -> EmailMessage:
    return build_notice_message(
        NoticeText(pupil, "Ekbackens skola", dt.date(2026, 11, 30)),
        sender=SENDER,
        recipient=RECIPIENT,
        message_id="<test-1@ekbacken.example>",
        now=dt.datetime(2026, 11, 30, 9, 12, tzinfo=dt.UTC),
    )


def test_the_message_names_the_pupil_the_school_and_the_day(smtp: CapturingSmtpServer) -> None:
    send_message(_settings(smtp), _message(), RECIPIENT)
    [received] = smtp.wait_for_messages(1)
    assert received.recipients == (RECIPIENT,)
    assert received.message["Subject"] == "Frånvaro måndag 30 november 2026: Alva Ahlberg"
    assert received.message["Message-ID"] == "<test-1@ekbacken.example>"
    text = received.text
    assert "Alva Ahlberg har varit frånvarande" in text
    assert "Ekbackens skola måndag 30 november 2026" in text
    assert "In English: Alva Ahlberg was absent" in text
    assert "2026-11-30" in text


def test_a_line_break_in_a_name_cannot_add_a_header(smtp: CapturingSmtpServer) -> None:
    send_message(_settings(smtp), _message("Alva\r\nBcc: someone@evil.example"), RECIPIENT)
    [received] = smtp.wait_for_messages(1)
    assert received.message["Bcc"] is None
    assert received.recipients == (RECIPIENT,)


def test_refusals_are_retried_or_final_by_their_code(smtp: CapturingSmtpServer) -> None:
    smtp.refuse_next(1, 451)
    with pytest.raises(DeliveryFailure) as transient:
        send_message(_settings(smtp), _message(), RECIPIENT)
    assert transient.value.outcome is Outcome.RETRY

    smtp.refuse_next(1, 550)
    with pytest.raises(DeliveryFailure) as permanent:
        send_message(_settings(smtp), _message(), RECIPIENT)
    assert permanent.value.outcome is Outcome.PERMANENT
    reason = permanent.value.reason
    assert reason.startswith("The mail server answered 550 when giving the recipient")
    assert "@" not in reason
    assert "gunnar" not in reason.lower()
    assert "hem.example" not in reason
    assert smtp.messages == []


def test_an_unreachable_server_is_retried() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once closed
    settings = NoticeSettings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, smtp_from=SENDER
    )
    with pytest.raises(DeliveryFailure) as failure:
        send_message(settings, _message(), RECIPIENT)
    assert failure.value.outcome is Outcome.RETRY
    assert "connecting to the mail server" in failure.value.reason


def test_no_answer_after_the_text_was_handed_over_is_uncertain(
    smtp: CapturingSmtpServer,
) -> None:
    arrived = smtp.hold_next_message()
    with pytest.raises(DeliveryFailure) as failure:
        send_message(_settings(smtp, smtp_timeout_seconds=1), _message(), RECIPIENT)
    assert arrived.is_set()
    assert failure.value.outcome is Outcome.UNCERTAIN
    assert "may have been delivered" in failure.value.reason


def test_starttls_is_required_when_asked_for(smtp: CapturingSmtpServer) -> None:
    with pytest.raises(DeliveryFailure) as failure:
        send_message(_settings(smtp, smtp_starttls=True), _message(), RECIPIENT)
    assert failure.value.outcome is Outcome.RETRY
    assert "STARTTLS" in failure.value.reason
    assert smtp.messages == []


def test_scrubbing_removes_addresses_and_their_parts() -> None:
    said = "5.1.1 <Anna.Berg@Familjen.example>: user anna.berg unknown at familjen.example"
    assert scrub_contact_data(said, ["anna.berg@familjen.example"]) == (
        "5.1.1 <[address]>: user [address] unknown at [address]"
    )
    assert scrub_contact_data(b"bad\r\nline\x00 x@y.se", []) == "bad line [address]"
    assert len(scrub_contact_data("x" * 1000)) == 300


def test_swedish_dates_do_not_depend_on_the_locale() -> None:
    assert swedish_date(dt.date(2027, 3, 6)) == "lördag 6 mars 2027"


def test_mail_settings_come_from_the_environment() -> None:
    off = load_notice_settings({})
    assert not off.enabled
    on = load_notice_settings(
        {
            "KLASSBOK_SMTP_HOST": "smtp.skola.example",
            "KLASSBOK_SMTP_PORT": "2525",
            "KLASSBOK_SMTP_USER": "klassbok",
            "KLASSBOK_SMTP_PASSWORD": "hemligt lösen ",
            "KLASSBOK_SMTP_FROM": SENDER,
            "KLASSBOK_NOTICE_RETRY_SECONDS": "30",
            "KLASSBOK_NOTICE_MAX_ATTEMPTS": "4",
        }
    )
    assert on.enabled
    assert on.smtp_port == 2525
    assert on.smtp_starttls
    assert on.smtp_password == "hemligt lösen "
    assert (on.retry_seconds, on.max_attempts) == (30.0, 4)
    assert "hemligt" not in repr(on)
    settings = load_settings(database_url="sqlite://", env={"KLASSBOK_SMTP_HOST": ""})
    assert not settings.notices.enabled


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"KLASSBOK_SMTP_FROM": None}, "KLASSBOK_SMTP_FROM"),
        ({"KLASSBOK_SMTP_FROM": "not an address"}, "KLASSBOK_SMTP_FROM"),
        ({"KLASSBOK_SMTP_USER": "klassbok"}, "KLASSBOK_SMTP_PASSWORD"),
        (
            {
                "KLASSBOK_SMTP_USER": "u",
                "KLASSBOK_SMTP_PASSWORD": "p",
                "KLASSBOK_SMTP_STARTTLS": "0",
            },
            "without STARTTLS",
        ),
        ({"KLASSBOK_SMTP_STARTTLS": "kanske"}, "KLASSBOK_SMTP_STARTTLS"),
        ({"KLASSBOK_SMTP_PORT": "70000"}, "KLASSBOK_SMTP_PORT"),
        ({"KLASSBOK_NOTICE_MAX_ATTEMPTS": "0"}, "KLASSBOK_NOTICE_MAX_ATTEMPTS"),
        ({"KLASSBOK_NOTICE_RETRY_SECONDS": "soon"}, "KLASSBOK_NOTICE_RETRY_SECONDS"),
    ],
)
def test_unusable_mail_settings_say_what_is_wrong(env: dict[str, str | None], says: str) -> None:
    full = {"KLASSBOK_SMTP_HOST": "smtp.example", "KLASSBOK_SMTP_FROM": SENDER, **env}
    with pytest.raises(SettingsError, match=says):
        load_notice_settings({name: value for name, value in full.items() if value is not None})

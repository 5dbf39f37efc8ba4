"""The text of the absence notice e-mail.

One message per pupil and guardian: it names that pupil and the school,
nothing else. No lesson comment, no reason, no health details, no other
pupil (siblings each get their own message). Swedish, with a short English
line for guardians who read English better.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class NoticeText:
    """What the message may say."""

    pupil_name: str
    school_name: str | None
    notice_date: dt.date


def swedish_date(day: dt.date) -> str:
    """ "måndag 30 november 2026", the same whatever the server's locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _one_line(text: str) -> str:
    # Names come from imports; a line break in a header would start a new one.
    return " ".join(text.split())


def notice_subject(text: NoticeText) -> str:
    return f"Frånvaro {swedish_date(text.notice_date)}: {_one_line(text.pupil_name)}"


def notice_body(text: NoticeText) -> str:
    pupil = _one_line(text.pupil_name)
    school = _one_line(text.school_name) if text.school_name else "skolan"
    day = swedish_date(text.notice_date)
    return (
        "Hej!\n"
        "\n"
        f"{pupil} har varit frånvarande från en eller flera lektioner på {school} "
        f"{day}, utan att frånvaron har anmälts.\n"
        "\n"
        f"Om {pupil} var sjuk eller hade en annan giltig anledning, anmäl frånvaron "
        "på det sätt skolan har beskrivit eller kontakta skolan.\n"
        "\n"
        "Skolan meddelar vårdnadshavare samma dag när en elev är frånvarande utan "
        "giltig anledning (skollagen 7 kap. 17 §). Meddelandet är skickat automatiskt "
        "och går inte att svara på.\n"
        "\n"
        "Med vänliga hälsningar\n"
        f"{school}\n"
        "\n"
        f"In English: {pupil} was absent from one or more lessons at {school} on "
        f"{text.notice_date.isoformat()} without a reported reason. Please contact "
        "the school if this is wrong.\n"
    )


def build_notice_message(
    text: NoticeText,
    *,
    sender: str,
    recipient: str,
    message_id: str,
    now: dt.datetime,
) -> EmailMessage:
    """The e-mail to one guardian, with the Message-ID recorded before sending."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = notice_subject(text)
    message["Date"] = format_datetime(now.astimezone(dt.UTC))
    message["Message-ID"] = message_id
    # RFC 3834: no out-of-office replies, no auto-forwarding loops.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message["Content-Language"] = "sv"
    # Quoted-printable: å, ä and ö pass through servers without 8BITMIME.
    message.set_content(notice_body(text), charset="utf-8", cte="quoted-printable")
    return message

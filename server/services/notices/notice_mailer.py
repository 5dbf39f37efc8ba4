"""One e-mail to one guardian over SMTP, and what to do when it fails.

The SMTP transaction is spoken step by step (smtplib's mail/rcpt and our
own DATA) so the code knows whether the message text had left when
something broke:

- before it left (no connection, 4xx, a refused sign-in): safe to retry;
- refused outright (5xx for the recipient or the message): permanent;
- after it left, with no answer (timeout, dropped connection): the server
  may have taken it. Sending again could e-mail the guardian twice, so it is
  "uncertain" and a person checks.

Error texts from mail servers often quote the recipient's address. Every
reason leaving this module has been through `scrub_contact_data`: the
reasons end up in synced rows teachers see, in logs and on the CLI.
"""

from __future__ import annotations

import enum
import re
import smtplib
import ssl
from collections.abc import Iterable
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import parseaddr

from server.config import NoticeSettings

_ADDRESS_LIKE = re.compile(r"[^\s<>()\[\]\"',;:]+@[^\s<>()\[\]\"',;:]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_MAX_REASON = 300
#: Lines starting with a dot are doubled in DATA (RFC 5321 4.5.2).
_LEADING_DOT = re.compile(rb"(?m)^\.")


class Outcome(enum.Enum):
    RETRY = "retry"  # not delivered; try again later
    PERMANENT = "permanent"  # not delivered; trying again will not help
    UNCERTAIN = "uncertain"  # may have been delivered; never send again


class DeliveryFailure(Exception):
    """A delivery that did not succeed; `reason` is safe to store and show."""

    def __init__(self, outcome: Outcome, reason: str) -> None:
        super().__init__(reason)
        self.outcome = outcome
        self.reason = reason


def scrub_contact_data(text: str | bytes, recipients: Iterable[str] = ()) -> str:
    """`text` as one line without e-mail addresses, or the parts of the given ones."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = _ADDRESS_LIKE.sub("[address]", text)
    for recipient in recipients:
        local, _, domain = recipient.rpartition("@")
        # Servers also quote the mailbox or the domain alone ("user anna.b unknown").
        for part in (local, domain):
            if len(part) >= 3:
                text = re.sub(re.escape(part), "[address]", text, flags=re.IGNORECASE)
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def sender_domain(settings: NoticeSettings) -> str:
    """The domain of KLASSBOK_SMTP_FROM, for Message-IDs."""
    address = parseaddr(settings.smtp_from or "")[1]
    return address.rpartition("@")[2] or "klassbok.invalid"


_STAGES = {
    "connect": "connecting to the mail server",
    "hello": "greeting the mail server",
    "tls": "starting TLS with the mail server",
    "login": "signing in to the mail server (check KLASSBOK_SMTP_USER and _PASSWORD)",
    "sender": "giving the sender address (check KLASSBOK_SMTP_FROM)",
    "recipient": "giving the recipient",
    "data": "starting the message",
    "reply": "sending the message",
}
#: Stages where a 5xx is about this message or recipient, not the server's set-up.
_PERMANENT_STAGES = ("recipient", "data", "reply")


def _refused(stage: str, code: int, text: bytes | str, recipient: str) -> DeliveryFailure:
    # Only the server's words are scrubbed: a mailbox named "mail" must not
    # garble our own sentence.
    said = scrub_contact_data(text, [recipient])
    reason = f"The mail server answered {code} when {_STAGES[stage]}: {said}"[:_MAX_REASON]
    # A 5xx to the server's set-up (sign-in, sender) is the administrator's
    # to fix: keep retrying rather than fail every notice of the day.
    permanent = 500 <= code < 600 and stage in _PERMANENT_STAGES
    return DeliveryFailure(Outcome.PERMANENT if permanent else Outcome.RETRY, reason)


def _broken(stage: str, exc: BaseException, recipient: str) -> DeliveryFailure:
    detail = scrub_contact_data(str(exc) or type(exc).__name__, [recipient])
    if stage == "reply":
        return DeliveryFailure(
            Outcome.UNCERTAIN,
            f"The connection broke after the message was handed over ({detail}); "
            "it may have been delivered.",
        )
    return DeliveryFailure(Outcome.RETRY, f"Failed when {_STAGES[stage]}: {detail}")


class _Transaction:
    """One SMTP session, remembering how far it got (`stage`)."""

    def __init__(self, settings: NoticeSettings, recipient: str) -> None:
        self.settings = settings
        self.recipient = recipient
        self.stage = "connect"

    def open(self) -> smtplib.SMTP:
        assert self.settings.smtp_host is not None
        smtp = smtplib.SMTP(
            self.settings.smtp_host,
            self.settings.smtp_port,
            timeout=self.settings.smtp_timeout_seconds,
        )
        try:
            self.stage = "hello"
            smtp.ehlo()
            if self.settings.smtp_starttls:
                self.stage = "tls"
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            user, password = self.settings.smtp_user, self.settings.smtp_password
            if user is not None and password is not None:
                self.stage = "login"
                smtp.login(user, password)
        except BaseException:
            _close(smtp)
            raise
        return smtp

    def envelope(self, smtp: smtplib.SMTP, envelope_from: str, international: bool) -> None:
        self.stage = "sender"
        options: list[str] = []
        if international:
            if not smtp.has_extn("smtputf8"):
                raise DeliveryFailure(
                    Outcome.PERMANENT,
                    "The mail server cannot deliver to addresses with letters like å, ä or ö.",
                )
            options.append("SMTPUTF8")
        code, text = smtp.mail(envelope_from, options)
        if code != 250:
            raise _refused(self.stage, code, text, self.recipient)
        self.stage = "recipient"
        code, text = smtp.rcpt(self.recipient)
        if code not in (250, 251):
            raise _refused(self.stage, code, text, self.recipient)

    def data(self, smtp: smtplib.SMTP, payload: bytes) -> None:
        self.stage = "data"
        code, text = smtp.docmd("DATA")
        if code != 354:
            raise _refused(self.stage, code, text, self.recipient)
        # From here on the server may take the message whatever happens next.
        self.stage = "reply"
        body = _LEADING_DOT.sub(b"..", payload)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        smtp.send(body + b".\r\n")
        code, text = smtp.getreply()
        if code != 250:
            # An explicit answer: the server did not take it.
            raise _refused(self.stage, code, text, self.recipient)


def send_message(settings: NoticeSettings, message: EmailMessage, recipient: str) -> None:
    """Deliver `message` to `recipient` alone, or raise DeliveryFailure."""
    if settings.smtp_host is None:
        raise DeliveryFailure(Outcome.RETRY, "No mail server is configured (KLASSBOK_SMTP_HOST).")
    envelope_from = parseaddr(settings.smtp_from or "")[1]
    international = not (recipient.isascii() and envelope_from.isascii())
    payload = message.as_bytes(policy=SMTPUTF8 if international else SMTP)
    session = _Transaction(settings, recipient)
    try:
        smtp = session.open()
        try:
            session.envelope(smtp, envelope_from, international)
            session.data(smtp, payload)
        finally:
            _close(smtp)
    except DeliveryFailure:
        raise
    except smtplib.SMTPResponseException as exc:
        raise _refused(session.stage, exc.smtp_code, exc.smtp_error, recipient) from None
    except smtplib.SMTPNotSupportedError:
        raise DeliveryFailure(
            Outcome.RETRY,
            "The mail server does not offer STARTTLS; set KLASSBOK_SMTP_STARTTLS=0 only "
            "for a relay on this computer.",
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise _broken(session.stage, exc, recipient) from None


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()

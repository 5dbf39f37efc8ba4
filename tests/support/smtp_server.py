"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives.

    with CapturingSmtpServer() as smtp:
        server = server_factory(env=smtp.klassbok_env())
        ...
        messages = smtp.wait_for_messages(2)

It can refuse the next N recipients with a 4xx or 5xx answer (quoting the
address, as real servers do, so tests see that Klassbok scrubs it), and it
can hold the next message after its text arrived without answering, which
is the moment a crash makes a delivery uncertain.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller

SENDER = "Ekbackens skola <noreply@ekbacken.example>"


@dataclass(frozen=True)
class ReceivedMessage:
    envelope_from: str
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def text(self) -> str:
        """The decoded plain-text body."""
        body = self.message.get_body(("plain",))
        assert body is not None
        content: str = body.get_content()
        return content


class _Handler:
    def __init__(self, owner: CapturingSmtpServer) -> None:
        self._owner = owner

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        refusal = self._owner._take_refusal()
        if refusal is not None:
            code, text = refusal
            return f"{code} {text.format(address=address)}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        hold = self._owner._record(envelope)
        if hold is not None:
            hold_event = asyncio.Event()
            self._owner._held_events.append((asyncio.get_running_loop(), hold_event))
            hold.set()
            await hold_event.wait()
        return "250 Message accepted for delivery"


class CapturingSmtpServer:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._messages: list[ReceivedMessage] = []
        self._refusals: list[tuple[int, str]] = []
        self._hold_next: threading.Event | None = None
        self._held_events: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self.port = _free_port()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    # --- lifecycle ------------------------------------------------------------

    def start(self) -> CapturingSmtpServer:
        # The free port was free when asked for; another test process
        # (pytest-xdist) may take it before the controller binds it.
        for _attempt in range(5):
            try:
                self._controller.start()
            except OSError:
                self._controller.loop.close()  # the failed start's own loop
                self.port = _free_port()
                self._controller = Controller(
                    self._controller.handler, hostname="127.0.0.1", port=self.port
                )
            else:
                return self
        self._controller.start()
        return self

    def stop(self) -> None:
        self.release_held()
        self._controller.stop()

    def __enter__(self) -> CapturingSmtpServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def klassbok_env(self, **overrides: str) -> dict[str, str]:
        """Environment for a Klassbok server process sending through this server."""
        env = {
            "KLASSBOK_SMTP_HOST": "127.0.0.1",
            "KLASSBOK_SMTP_PORT": str(self.port),
            "KLASSBOK_SMTP_STARTTLS": "0",
            "KLASSBOK_SMTP_FROM": SENDER,
            "KLASSBOK_SMTP_TIMEOUT_SECONDS": "5",
            "KLASSBOK_NOTICE_RETRY_SECONDS": "0.2",
            "KLASSBOK_NOTICE_POLL_SECONDS": "0.2",
        }
        env.update(overrides)
        return env

    # --- behaviour --------------------------------------------------------------

    def refuse_next(self, count: int, code: int, text: str = "") -> None:
        """Answer the next `count` recipients with `code`; "{address}" in text is filled in."""
        default_text = (
            "4.3.0 <{address}>: Mailbox busy, try again later"
            if code < 500
            else "5.1.1 <{address}>: Recipient address rejected: User unknown"
        )
        with self._lock:
            self._refusals.extend([(code, text or default_text)] * count)

    def hold_next_message(self) -> threading.Event:
        """Keep the next message's final answer back; the event is set once its text arrived."""
        arrived = threading.Event()
        with self._lock:
            self._hold_next = arrived
        return arrived

    def release_held(self) -> None:
        with self._lock:
            held, self._held_events = self._held_events, []
        for loop, event in held:
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)

    # --- what arrived -----------------------------------------------------------

    @property
    def messages(self) -> list[ReceivedMessage]:
        with self._lock:
            return list(self._messages)

    def wait_for_messages(self, count: int, timeout: float = 30.0) -> list[ReceivedMessage]:
        """At least `count` messages, waiting for them; AssertionError on timeout."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._messages) >= count, timeout):
                raise AssertionError(
                    f"expected {count} message(s), got {len(self._messages)} in {timeout} s"
                )
            return list(self._messages)

    def _take_refusal(self) -> tuple[int, str] | None:
        with self._lock:
            return self._refusals.pop(0) if self._refusals else None

    def _record(self, envelope: Any) -> threading.Event | None:
        message = message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self._messages.append(
                ReceivedMessage(envelope.mail_from, tuple(envelope.rcpt_tos), message)
            )
            hold, self._hold_next = self._hold_next, None
            self._lock.notify_all()
        return hold


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port

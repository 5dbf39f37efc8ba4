"""What lets the suite run on several pytest-xdist workers at once: each
worker's ports, databases and folders are its own."""

from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage

import pytest

from tests.conftest import BackendDatabases
from tests.support import postgres
from tests.support.smtp_server import SENDER, CapturingSmtpServer


def test_an_smtp_port_another_worker_took_meanwhile_is_given_up_for_another() -> None:
    smtp = CapturingSmtpServer()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", smtp.port))
        taken.listen()
        with smtp:
            assert smtp.port != taken.getsockname()[1]
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = SENDER, "a@b.example", "Hej"
            message.set_content("Frånvaro")
            with smtplib.SMTP("127.0.0.1", smtp.port, timeout=10) as client:
                client.send_message(message)
            assert smtp.wait_for_messages(1)[0].text.strip() == "Frånvaro"


def test_databases_outlive_a_switch_of_backend_and_are_dropped_at_the_end(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    databases = BackendDatabases(tmp_path_factory)
    first, second = databases.make("sqlite"), databases.make("sqlite")
    assert first != second
    if postgres.admin_url():
        made = databases.make("postgresql")
        assert made.startswith("postgresql+psycopg://")
    databases.close()

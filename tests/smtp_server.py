"""A real SMTP server on 127.0.0.1 (aiosmtpd), keeping what it receives, for tests of the mail
backend."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """Keeps every message the server accepted; refuses recipients listed in `refuse` with a
    code."""

    def __init__(self):
        self.messages = []
        self.refuse = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """Start the server on a free port; `.url` is what ELDERRIDE_SMTP_URL would say, `.inbox` what
    arrived."""
    inbox = Inbox()
    # aiosmtpd checks that it started by connecting to its port, so it needs a real one, not 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    controller.inbox = inbox
    controller.url = f"smtp://127.0.0.1:{port}"
    yield controller
    controller.stop()

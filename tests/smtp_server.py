"""A real SMTP server on 127.0.0.1 (aiosmtpd), keeping what it receives, for tests of the mail
backend."""

import email
import email.policy
import re
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


class Mailbox:
    """The app's mail, sent by the worker's own delivery to the SMTP server, and the links in it."""

    def __init__(self, app, inbox):
        self.app = app
        self.inbox = inbox

    def deliver(self):
        """Send what the outbox holds, as the worker does."""
        from elderride.services import delivery
        from elderride.store import connect
        from elderride.worker import deliverer_from_config

        db = connect(self.app.config["DATABASE"])
        try:
            deliverer = deliverer_from_config(self.app.config)
            while delivery.run_once(db, deliverer, "test"):
                pass
        finally:
            db.close()

    def to(self, address):
        """Return the messages that reached `address`, oldest first."""
        self.deliver()
        return [message for message in self.inbox.messages if message["To"] == address]

    def link(self, address, path):
        """Return the newest link under `path` mailed to `address`, as a path on the public
        address."""
        base = self.app.config["PUBLIC_BASE_URL"].rstrip("/")
        for message in reversed(self.to(address)):
            found = re.search(re.escape(base + path) + r"\S+", message.get_content())
            if found:
                return found.group(0).removeprefix(base)
        raise AssertionError(f"no mail to {address} holds a link under {base}{path}")

"""The notifier seam: how texts and call-backs leave elderride, one interface, several backends."""

import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from elderride.services import clock, paging
from elderride.services.outgoing import outbox
from elderride.services.outgoing.mail import SmtpMailer
from elderride.store import writing


class Notifier:
    """Sends a text or places a call; `key` identifies the outbox entry so a retry is not sent
    twice."""

    name = "abstract"

    def send_text(
        self,
        db: Database,
        *,
        key: int,
        to: str,
        body: str,
        booking_id: int | None = None,
        shown: str | None = None,
    ) -> None:
        """Send a text message to `to`; the message log keeps `shown` instead of a secret body."""
        raise NotImplementedError

    def place_call(
        self,
        db: Database,
        *,
        key: int,
        to: str,
        say: str,
        language: str,
        booking_id: int | None = None,
        answer: str | None = None,
        shown: str | None = None,
    ) -> None:
        """Call `to` and say `say` in `language`; keys pressed go to the path `answer`, if any; the
        message log keeps `shown` instead of a secret in the words."""
        raise NotImplementedError

    def send_email(self, db: Database, *, key: int, to: str, subject: str, body: str) -> None:
        """Send an email to `to`."""
        raise NotImplementedError


class BuiltinNotifier(Notifier):
    """Keeps every message in the database, where the console shows it: the default, no account
    needed."""

    name = "builtin"

    def __init__(self, *, mailer: SmtpMailer | None = None, demo_mailbox: bool = False) -> None:
        # Mail goes through the SMTP mailer when there is one; in demo mode without one it stays
        # in the outbox for the demo's mailbox page; otherwise it cannot be sent at all.
        self.mailer = mailer
        self.demo_mailbox = demo_mailbox
        # The longest one delivery through this notifier may take (the outbox keeps it inside a
        # lease).
        self.timeout: float = getattr(mailer, "timeout", 0.0)

    def _record(
        self,
        db: Database,
        key: int,
        channel: str,
        recipient: str,
        body: str,
        booking_id: int | None,
    ) -> None:
        # The unique (outbox_id, recipient, channel) index makes a retried delivery a no-op.
        db.table("messages").insert(
            {
                "outbox_id": key,
                "booking_id": booking_id,
                "channel": channel,
                "recipient": recipient,
                "body": body,
                "created_at": clock.iso(),
            },
            ignore=True,
        )

    def send_text(
        self,
        db: Database,
        *,
        key: int,
        to: str,
        body: str,
        booking_id: int | None = None,
        shown: str | None = None,
    ) -> None:
        """Record a text message."""
        self._record(db, key, "text", to, shown or body, booking_id)

    def place_call(
        self,
        db: Database,
        *,
        key: int,
        to: str,
        say: str,
        language: str,
        booking_id: int | None = None,
        answer: str | None = None,
        shown: str | None = None,
    ) -> None:
        """Record what the call would say (keys cannot be pressed on a recorded call)."""
        self._record(db, key, "call", to, shown or say, booking_id)

    def send_email(self, db: Database, *, key: int, to: str, subject: str, body: str) -> None:
        """Send the email, and record that it went, to whom, about what (never its body: it holds a
        link)."""
        if self.mailer is not None:
            self.mailer.send(to, subject, body)
        elif not self.demo_mailbox:
            raise outbox.PermanentFailure(
                "mail is not set up: set ELDERRIDE_SMTP_URL and ELDERRIDE_MAIL_FROM"
            )
        self._record(db, key, "email", to, subject, None)


def messages(
    db: Database, *, booking_id: int | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Return the recorded messages, newest first."""
    if booking_id is not None:
        return list(
            db.table("messages").rows_where(
                "booking_id = ?", [booking_id], order_by="id desc", limit=limit
            )
        )
    return message_page(db, size=limit).rows


def message_page(db: Database, *, size: int = 100, before: int | None = None) -> paging.Page:
    """Return one page of recorded messages, newest first."""
    rows = paging.newest_first(
        db, "messages", [], [], order="created_at", limit=size + 1, before=before
    )
    return paging.page_of(rows, size)


def prune(db: Database, before: str, *, batch: int = 500) -> int:
    """Delete messages recorded before `before`, a batch per transaction; return how many."""
    deleted = 0
    while True:
        with writing(db):
            count: int = db.execute(
                "delete from messages where id in (select id from messages where created_at < ? "
                "limit ?)",
                [before, batch],
            ).rowcount
        deleted += count
        if count < batch:
            return deleted


def recipient(entry: Mapping[str, Any]) -> str | None:
    """Return who a text, call or mail in the outbox is for (never what it says), or None for other
    kinds."""
    if entry["kind"] not in ("text", "call", "email"):
        return None
    payload = entry["payload"]
    to: str | None = (json.loads(payload) if isinstance(payload, str) else payload).get("to")
    return to


def demo_mailbox(db: Database, *, limit: int = 50) -> list[dict[str, Any]]:
    """Return the mails queued, newest first, as the demo's mailbox shows them (demo mode only)."""
    rows = db.table("outbox").rows_where("kind = 'email'", order_by="id desc", limit=limit)
    return [
        dict(
            json.loads(row["payload"]),
            id=row["id"],
            created_at=row["created_at"],
            status=row["status"],
        )
        for row in rows
    ]


def queue_email(db: Database, *, to: str, subject: str, body: str) -> int:
    """Queue an email for the worker to send; nothing is sent from inside a request."""
    with writing(db):
        return outbox.enqueue(
            db, "email", {"to": to, "subject": subject, "body": body}, ordering_key=f"email:{to}"
        )

"""The background worker: delivers the outbox, in a thread beside the server or as its own
process."""

import logging
import os
import socket
import threading
import time
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from elderride import settings
from elderride.services import history
from elderride.services.delivery import Deliverer, Dispatch, lease_margin, run_once
from elderride.services.outgoing import outbox
from elderride.services.outgoing.dispatch import Webhook
from elderride.services.outgoing.mail import SmtpMailer, SmtpSettings
from elderride.services.outgoing.messages import BuiltinNotifier
from elderride.services.outgoing.tds import TdsAdapter
from elderride.services.scheduled import schedule
from elderride.store import connect

log = logging.getLogger(__name__)
# How often a worker tells the health check it is alive (a write, so not on every pass).
BEAT_SECONDS = 10
# How often a worker deletes delivered work older than the kept history.
PRUNE_SECONDS = 3600


class Worker:
    """Polls the outbox and delivers what is due until stopped."""

    def __init__(
        self,
        database: str,
        deliverer: Deliverer,
        *,
        poll_seconds: float = 0.5,
        lease_seconds: float = 60,
        name: str | None = None,
        keep_days: float | None = None,
        schedule_settings: schedule.Settings | None = None,
        schedule_seconds: float = 20.0,
    ) -> None:
        self.database = database
        # Scheduled work (occurrences, reminders, welfare checks); None: this worker only delivers.
        self.schedule_settings = schedule_settings
        self.schedule_seconds = schedule_seconds
        self.keep_days = keep_days
        self.deliverer = deliverer
        self.poll_seconds = poll_seconds
        self.lease_seconds = lease_seconds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        self.stopping = threading.Event()

    def run(self) -> None:
        """Deliver until `stop()` is called."""
        db = connect(self.database)
        last_beat: float | None = None
        last_prune: float | None = None
        last_schedule: float | None = None
        try:
            while not self.stopping.is_set():
                try:
                    if last_beat is None or time.monotonic() - last_beat >= BEAT_SECONDS:
                        outbox.beat(db, self.name)
                        last_beat = time.monotonic()
                    if self.keep_days and (
                        last_prune is None or time.monotonic() - last_prune >= PRUNE_SECONDS
                    ):
                        last_prune = time.monotonic()
                        pruned = history.prune(db, self.keep_days)
                        if any(pruned.values()):
                            log.info(
                                "pruned history older than %s days: %s", self.keep_days, pruned
                            )
                    if self.schedule_settings is not None and (
                        last_schedule is None
                        or time.monotonic() - last_schedule >= self.schedule_seconds
                    ):
                        last_schedule = time.monotonic()
                        try:
                            self.schedule_pass(db)
                        except Exception:  # noqa: BLE001 - the outbox is delivered regardless
                            log.exception("scheduled work failed")
                    busy = run_once(db, self.deliverer, self.name, lease_seconds=self.lease_seconds)
                except Exception:  # noqa: BLE001 - a bad moment must not end the worker
                    log.exception("outbox worker pass failed")
                    busy = 0
                if not busy:
                    self.stopping.wait(self.poll_seconds)
        finally:
            db.close()

    def schedule_pass(self, db: Database) -> dict[str, int]:
        """Do the scheduled work due on the clock now; return how much of each kind was done."""
        done = schedule.run_due(db, self.schedule_settings)
        if any(done.values()):
            log.info("scheduled work done: %s", done)
        return done

    def start_thread(self) -> threading.Thread:
        """Run in a daemon thread and return it."""
        thread = threading.Thread(target=self.run, name="elderride-worker", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """Ask the loop to finish after the current pass."""
        self.stopping.set()


def deliverer_from_config(config: Mapping[str, Any]) -> Deliverer:
    """Build the deliverer the configuration asks for (the built-in notifier by default)."""
    dispatch = dispatch_from_config(config)
    mailer, demo_mailbox = mailer_from_config(config), bool(config.get("DEMO"))
    notifier = BuiltinNotifier(mailer=mailer, demo_mailbox=demo_mailbox)
    if (
        config.get("TWILIO_ACCOUNT_SID")
        and config.get("TWILIO_AUTH_TOKEN")
        and config.get("TWILIO_NUMBER")
    ):
        from elderride.twilio_notifier import TwilioNotifier

        notifier = TwilioNotifier(
            config["TWILIO_ACCOUNT_SID"],
            config["TWILIO_AUTH_TOKEN"],
            config["TWILIO_NUMBER"],
            api_base=config["TWILIO_API_BASE"],
            public_base_url=config.get("PUBLIC_BASE_URL"),
            mailer=mailer,
            demo_mailbox=demo_mailbox,
        )
    return Deliverer(
        notifier,
        dispatch=dispatch,
        daily_message_cap=config.get("DAILY_MESSAGE_CAP"),
        daily_recipient_cap=config.get("DAILY_RECIPIENT_CAP"),
        allowed_regions=settings.allowed_regions(config),
        secret_key=config.get("SECRET_KEY"),
        overflow=overflow_from_config(config),
    )


def overflow_from_config(config: Mapping[str, Any]) -> Webhook | None:
    """Build the webhook to the overflow dispatch center, or None without one."""
    url = config.get("DISPATCH_OVERFLOW_URL")
    if not url:
        return None
    return Webhook(
        url,
        config.get("DISPATCH_OVERFLOW_SECRET"),
        settings=("ELDERRIDE_DISPATCH_OVERFLOW_URL", "ELDERRIDE_DISPATCH_OVERFLOW_SECRET"),
    )


def dispatch_from_config(config: Mapping[str, Any]) -> Dispatch | None:
    """Build the dispatch adapter ELDERRIDE_DISPATCH_ADAPTER names, or None without a URL (the
    console is the dispatch center)."""
    url = config.get("DISPATCH_WEBHOOK_URL")
    if not url:
        return None
    adapter = config.get("DISPATCH_ADAPTER") or "webhook"
    if adapter == "webhook":
        return Webhook(url, config.get("DISPATCH_WEBHOOK_SECRET"))
    if adapter == "tds":
        return TdsAdapter(
            url,
            config.get("DISPATCH_WEBHOOK_SECRET"),
            funding_entity=config.get("TDS_FUNDING_ENTITY") or "elderride",
        )
    raise ValueError(
        f"ELDERRIDE_DISPATCH_ADAPTER must be webhook or tds, not {str(adapter)[:40]!r}"
    )


def mailer_from_config(config: Mapping[str, Any]) -> SmtpMailer | None:
    """Build the SMTP mailer when ELDERRIDE_SMTP_URL is set, else None."""
    if not config.get("SMTP_URL"):
        return None
    if not config.get("MAIL_FROM"):
        raise ValueError(
            "ELDERRIDE_MAIL_FROM must be set with ELDERRIDE_SMTP_URL (the sender of elderride's "
            "mail)."
        )
    return SmtpMailer(SmtpSettings.from_url(config["SMTP_URL"]), config["MAIL_FROM"])


def worker_from_config(config: Mapping[str, Any]) -> Worker:
    """Build the outbox worker for an app's configuration."""
    deliverer = deliverer_from_config(config)
    lease = config["OUTBOX_LEASE_SECONDS"]
    usable = lease - lease_margin(lease)
    if usable < deliverer.notifier_timeout:
        raise ValueError(
            "ELDERRIDE_OUTBOX_LEASE_SECONDS must be at least "
            f"{deliverer.notifier_timeout * 1.5:g}: "
            f"a text or call may take {deliverer.notifier_timeout:g} s and must end well inside "
            "its lease"
        )
    return Worker(
        config["DATABASE"],
        deliverer,
        poll_seconds=config["WORKER_POLL_SECONDS"],
        lease_seconds=config["OUTBOX_LEASE_SECONDS"],
        keep_days=config["KEEP_DAYS"],
        schedule_settings=schedule.settings_from_config(config),
        schedule_seconds=config["SCHEDULE_SECONDS"],
    )

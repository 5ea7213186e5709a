"""Mail over SMTP: the third way messages leave elderride, configured by one URL."""

import dataclasses
import email.message
import email.utils
import smtplib
import ssl
from urllib.parse import parse_qs, unquote, urlsplit

from elderride.services.outgoing.outbox import PermanentFailure

SCHEMES = {"smtp": 25, "smtps": 465}
# Seconds a mail server may take per step; a delivery must end well inside its outbox lease.
TIMEOUT_SECONDS = 10.0


@dataclasses.dataclass(frozen=True)
class SmtpSettings:
    """Where and how to hand mail over: host, port, TLS, and the account to sign in with."""

    host: str
    port: int
    implicit_tls: bool = False
    starttls: bool = False
    username: str | None = None
    password: str | None = dataclasses.field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str) -> "SmtpSettings":
        """Read `smtp://user:password@host:587?starttls=1` (or `smtps://…` for TLS from the
        start)."""
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise ValueError(
                "ELDERRIDE_SMTP_URL must look like smtp://user:password@host:587?starttls=1 or smtps://host"
            )
        options = parse_qs(parts.query)
        return cls(
            host=parts.hostname,
            port=parts.port or SCHEMES[parts.scheme],
            implicit_tls=parts.scheme == "smtps",
            starttls=options.get("starttls", ["0"])[0].lower() in ("1", "true", "yes", "on"),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


class SmtpMailer:
    """Sends one message per connection (mail here is rare: password resets)."""

    def __init__(
        self, settings: SmtpSettings, sender: str, *, timeout: float = TIMEOUT_SECONDS
    ) -> None:
        self.settings = settings
        self.sender = sender
        self.timeout = timeout

    def message(self, to: str, subject: str, body: str) -> email.message.EmailMessage:
        """Build the message, refusing header values that would break lines."""
        if any(character in value for value in (to, subject, self.sender) for character in "\r\n"):
            raise PermanentFailure("a mail header may not contain a line break")
        message = email.message.EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = email.utils.formatdate(localtime=False)
        message["Message-ID"] = email.utils.make_msgid(
            domain=self.sender.rpartition("@")[2].strip("> ") or None
        )
        message.set_content(body)
        return message

    def send(self, to: str, subject: str, body: str) -> None:
        """Hand the message to the server; a refusal for good raises PermanentFailure, anything else
        retries."""
        settings = self.settings
        message = self.message(to, subject, body)
        context = ssl.create_default_context()
        try:
            connection: smtplib.SMTP
            if settings.implicit_tls:
                connection = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=self.timeout, context=context
                )
            else:
                connection = smtplib.SMTP(settings.host, settings.port, timeout=self.timeout)
            with connection:
                if settings.starttls:
                    connection.starttls(context=context)
                if settings.username:
                    connection.login(settings.username, settings.password or "")
                connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise PermanentFailure(f"the mail server refused {to}: {codes}") from None
            raise
        except smtplib.SMTPResponseException as error:
            # 5xx answers are final (RFC 5321 §4.2.1); 4xx ones are worth another try.
            if 500 <= error.smtp_code < 600:
                raise PermanentFailure(f"the mail server answered {error.smtp_code}") from None
            raise

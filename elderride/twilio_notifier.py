"""The Twilio notifier: texts to mobiles and call-backs that speak the car's details, landlines
included.

It sits beside the services, not among them: besides the ivr blueprint it is the one place that
knows Twilio.
"""

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from elderride.ivr import twiml
from elderride.ivr.prompts import prompts
from elderride.services.outgoing import call_attempts, outbox
from elderride.services.outgoing.mail import SmtpMailer
from elderride.services.outgoing.messages import BuiltinNotifier

# Twilio error codes that no retry can mend (https://www.twilio.com/docs/api/errors).
PERMANENT_ERRORS = {
    21211,  # invalid 'To' number
    21214,  # 'To' number cannot be reached
    21217,  # phone number does not appear to be valid
    21408,  # no permission to send to this region
    21610,  # the recipient replied STOP
    21612,  # 'To' cannot receive from this 'From'
    21614,  # 'To' is not a mobile number (a landline cannot take texts)
    13224,  # invalid number for a call
}


def callback_twiml(say: str, language: str, repeat_url: str | None = None) -> str:
    """TwiML for a call-back in `language`: the words, then "press 1 to hear this again"."""
    return str(twiml.call_back(prompts(language), say, repeat_url=repeat_url))


def keys_twiml(say: str, language: str, answer_url: str) -> str:
    """TwiML for a call that asks for a key (the reminder's keep or skip, the welfare check's
    "press 1"), the key posted to `answer_url`."""
    return str(twiml.ask_key(prompts(language), say, answer_url=answer_url))


class TwilioNotifier(BuiltinNotifier):
    """Sends through Twilio's REST API (at a configurable host) and keeps a record like the built-in
    one."""

    name = "twilio"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        *,
        api_base: str = "https://api.twilio.com",
        public_base_url: str | None = None,
        timeout: float = 10.0,
        mailer: SmtpMailer | None = None,
        demo_mailbox: bool = False,
    ) -> None:
        super().__init__(mailer=mailer, demo_mailbox=demo_mailbox)
        # The longest one text or call may take: the outbox keeps it well inside a delivery's lease.
        self.timeout = max(self.timeout, timeout)
        self.client = Client(account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout))
        # Tests and private deployments point the REST host elsewhere.
        self.client.api.base_url = api_base
        self.from_number = from_number
        self.public_base_url = (public_base_url or "").rstrip("/") or None

    def _send(self, create: Callable[..., Any], **arguments: Any) -> Any:
        try:
            return create(**arguments)
        except TwilioRestException as error:
            if error.code in PERMANENT_ERRORS or (
                400 <= error.status < 500 and error.status not in (408, 429)
            ):
                raise outbox.PermanentFailure(
                    f"Twilio {error.status} {error.code}: {error.msg}"
                ) from None
            raise

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
        """Send a text message through Twilio."""
        message = self._send(self.client.messages.create, to=to, from_=self.from_number, body=body)
        self._record(db, key, "text", to, f"{shown or body}\n[twilio {message.sid}]", booking_id)

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
        """Call the senior, say the car's details, and repeat them on key 1 (or, for a call that
        takes an answer, post the key pressed to `answer`)."""
        repeat_url = (
            f"{self.public_base_url}/voice/repeat?entry={key}" if self.public_base_url else None
        )
        if answer and self.public_base_url:
            document = keys_twiml(say, language, f"{self.public_base_url}{answer}")
        else:
            # Without a public URL no key can reach us: the words are said, the ride is kept.
            document = callback_twiml(say, language, repeat_url)
        known: dict[str, Any] = {}
        if self.public_base_url:
            # Who answered, and how the call ended, come back to us: a person hears the words at
            # once while detection runs alongside (async AMD, no silent pause for the senior); a
            # machine is moved to a short message after its greeting ends (DetectMessageEnd).
            known = {
                "machine_detection": "DetectMessageEnd",
                "async_amd": "true",
                "async_amd_status_callback": f"{self.public_base_url}/voice/placed/amd?entry={key}",
                "async_amd_status_callback_method": "POST",
                "status_callback": f"{self.public_base_url}/voice/placed/status?entry={key}",
                "status_callback_method": "POST",
                "status_callback_event": ["completed"],
            }
        call = self._send(
            self.client.calls.create, to=to, from_=self.from_number, twiml=document, **known
        )
        self._record(db, key, "call", to, f"{shown or say}\n[twilio {call.sid}]", booking_id)
        if known:
            call_attempts.placed(db, key, call.sid)

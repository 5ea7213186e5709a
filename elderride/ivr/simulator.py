"""A call simulator that plays Twilio's part: signs its requests, follows TwiML, presses keys,
speaks recordings."""

import itertools
import time
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from twilio.request_validator import RequestValidator

_numbers = itertools.count(1)

# How a request reaches elderride: post(url, params, headers) -> (status, body).
Post = Callable[[str, dict[str, str], dict[str, str]], tuple[int, str]]


class RecordingHost(Protocol):
    """Holds a recording's audio where elderride fetches it, as Twilio's API would."""

    def add(self, recording_sid: str, wav_bytes: bytes) -> str: ...


class CallEnded(AssertionError):
    """The call has ended; nothing more can be pressed or said."""


class Heard:
    """What the caller heard since their last input, and what the line now waits for."""

    def __init__(self) -> None:
        self.says: list[tuple[str, str | None]] = []  # (text, language)
        self.pauses = 0
        # Any: the TwiML elements as ElementTree parsed them, read by the attributes Twilio needs.
        self.gather: Any = None  # the <Gather> element waiting for keys
        self.record: Any = None  # the <Record> element waiting for speech
        self.after: list[Element] = []  # the verbs after the waiting one (what follows a silence)
        self.dial: str | None = None
        self.hung_up = False
        # The document ran out rather than saying <Hangup/>: on a dialled leg's whisper, that joins
        # the two calls.
        self.ran_out = False
        self.documents: list[Element] = []  # every TwiML document received, parsed
        # The Gather/Record verbs that waited out a silence to get here.
        self.silent_waits: list[Any] = []
        # The <Stream> elements <Start> forked the caller's audio to.
        self.streams: list[Element] = []

    @property
    def text(self) -> str:
        """Everything said, as one string."""
        return " ".join(text for text, _ in self.says)

    @property
    def ended(self) -> bool:
        return self.hung_up or self.dial is not None


class CallSimulator:
    """One phone call against elderride, as Twilio would place it."""

    def __init__(
        self,
        post: Post,
        *,
        base_url: str,
        auth_token: str,
        caller: str,
        called: str = "+15550109999",
        recording_host: RecordingHost | None = None,
        max_redirects: int = 100,
        pause_seconds: float = 1.0,
        attestation: str | None = "TN-Validation-Passed-A",
    ) -> None:
        self.post = post  # post(url, params, headers) -> (status, body)
        self.base_url = base_url.rstrip("/")
        self.validator = RequestValidator(auth_token)
        self.caller = caller
        self.called = called
        self.call_sid = "CA" + uuid.uuid4().hex
        self.recording_host = recording_host  # holds audio for <Record>, as Twilio's API would
        self.max_redirects = max_redirects
        # Real seconds one second of <Pause> takes: Twilio's pace is 1.0; tests may hurry it.
        self.pause_seconds = pause_seconds
        # What Twilio says the caller's carrier vouched for (StirVerstat); None: the call carries
        # none, as from a carrier that does not sign.
        self.attestation = attestation
        self.heard: Heard | None = None
        self.requests: list[tuple[str, dict[str, str], int]] = []  # (url, params, status)
        self.extra: dict[str, str] = {}  # parameters Twilio adds to every request of this call
        self.dialled_url: str | None = None  # the <Number url> of the last <Dial>, if any
        self.dialled_from: str | None = None
        self.whisper_url: str | None = None  # on a dialled call: its parent's <Number url>

    # Requests ---------------------------------------------------------------------------------

    def _params(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        params = {
            "CallSid": self.call_sid,
            "AccountSid": "AC" + "0" * 32,
            "From": self.caller,
            "To": self.called,
            "CallStatus": "in-progress",
            "Direction": "inbound",
        }
        if self.attestation is not None:
            params["StirVerstat"] = self.attestation
        params.update(self.extra)
        params.update(extra or {})
        return params

    def request(
        self,
        path_or_url: str,
        extra: Mapping[str, str] | None = None,
        *,
        signature: str | None = None,
    ) -> tuple[int, str]:
        """POST to elderride as Twilio does, signed; return (status, body)."""
        url = (
            urljoin(self.base_url + "/", path_or_url.lstrip("/"))
            if not path_or_url.startswith("http")
            else path_or_url
        )
        params = self._params(extra)
        headers = {
            "X-Twilio-Signature": signature
            if signature is not None
            else self.validator.compute_signature(url, params)
        }
        status, body = self.post(url, params, headers)
        self.requests.append((url, params, status))
        return status, body

    def _follow(self, path: str, extra: Mapping[str, str] | None = None) -> Heard:
        """Request `path` and follow redirects until the line waits for the caller or ends the
        call."""
        heard = Heard()
        for _ in range(self.max_redirects):
            status, body = self.request(path, extra)
            if status != 200:
                raise AssertionError(f"elderride answered {status} to {path}: {body[:200]}")
            document = ElementTree.fromstring(body)
            assert document.tag == "Response", body
            heard.documents.append(document)
            redirect = self._play(document, heard)
            if redirect is None:
                break
            path, extra = redirect, None
        else:
            raise AssertionError("too many redirects")
        self.heard = heard
        return heard

    def _play(self, document: Iterable[Any], heard: Heard) -> str | None:
        """Play one document's verbs; return the URL of a <Redirect> reached, or None when waiting
        or ended."""
        verbs = list(document)
        for index, verb in enumerate(verbs):
            if verb.tag == "Say":
                heard.says.append((verb.text or "", verb.get("language")))
            elif verb.tag == "Pause":
                heard.pauses += 1
                # The line is silent this long; a hold that polls for a transcript relies on it.
                time.sleep(int(verb.get("length", "1")) * self.pause_seconds)
            elif verb.tag == "Gather":
                for inner in verb:
                    if inner.tag == "Say":
                        heard.says.append((inner.text or "", inner.get("language")))
                    elif inner.tag == "Pause":
                        heard.pauses += 1
                heard.gather = verb
                heard.after = verbs[index + 1 :]
                return None
            elif verb.tag == "Record":
                heard.record = verb
                heard.after = verbs[index + 1 :]
                return None
            elif verb.tag == "Start":
                heard.streams.extend(verb.findall("Stream"))
            elif verb.tag == "Redirect":
                return verb.text
            elif verb.tag == "Dial":
                number = verb.find("Number")
                heard.dial = (verb.text or "").strip() or (
                    number.text if number is not None else ""
                )
                # What Twilio plays to the person dialled before joining them (<Number url>).
                self.dialled_url = number.get("url") if number is not None else None
                self.dialled_from = verb.get("callerId") or self.called
                return None
            elif verb.tag == "Hangup":
                heard.hung_up = True
                return None
        heard.hung_up = heard.ran_out = True  # a document that runs out ends the call
        return None

    # The caller -------------------------------------------------------------------------------

    def start(self) -> Heard:
        """Dial the line."""
        return self._follow("/voice/incoming")

    def pick_up(self, twiml: str | bytes) -> Heard:
        """Answer a call elderride placed (a reminder, a welfare check): play the TwiML it gave
        Twilio, and follow it as Twilio would."""
        heard = Heard()
        document = ElementTree.fromstring(twiml)
        assert document.tag == "Response", twiml
        heard.documents.append(document)
        redirect = self._play(document, heard)
        if redirect is not None:
            return self._follow(redirect)
        self.heard = heard
        return heard

    def dialled(self) -> "CallSimulator":
        """The call Twilio places to the number the line dialled, as its own simulated call: its
        caller ID is the line's, and it belongs to this call."""
        if self.heard is None or self.heard.dial is None or self.dialled_from is None:
            raise AssertionError("the line dialled no one")
        leg = CallSimulator(
            self.post,
            base_url=self.base_url,
            auth_token=self.validator.token.decode(),
            caller=self.dialled_from,
            called=self.heard.dial,
            pause_seconds=self.pause_seconds,
            attestation=None,
        )
        leg.extra = {"Direction": "outbound-dial", "ParentCallSid": self.call_sid}
        leg.whisper_url = self.dialled_url
        return leg

    def answer(self) -> Heard:
        """Pick up a dialled call: hear what Twilio plays before joining it (the <Number url>)."""
        if self.whisper_url is None:
            raise AssertionError("the line gave this call nothing to play first")
        return self._follow(self.whisper_url)

    def _waiting(self) -> Heard:
        if self.heard is None or self.heard.ended:
            raise CallEnded("the call has ended")
        return self.heard

    def press(self, key: str) -> Heard:
        """Press a key while the line asks or listens."""
        heard = self._waiting()
        if heard.gather is not None:
            return self._follow(heard.gather.get("action"), {"Digits": key})
        if heard.record is not None:
            # A key ends a recording; Twilio reports which one.
            return self._follow(
                heard.record.get("action"),
                {"Digits": key, "RecordingUrl": "", "RecordingDuration": "0"},
            )
        raise AssertionError("the line is not waiting for a key")

    def silence(self) -> Heard:
        """Say and press nothing until the line speaks again (or ends the call)."""
        heard = self._waiting()
        silent_waits = []
        for _ in range(self.max_redirects):
            if heard.gather is None and heard.record is None:
                raise AssertionError("the line is not waiting")
            # A Gather times out, and an empty recording is skipped (Twilio does not call its
            # action): either way Twilio goes on with the verbs that follow.
            silent_waits.append(heard.gather if heard.gather is not None else heard.record)
            heard = self._continue_after(heard)
            if heard.says or heard.ended:
                heard.silent_waits = silent_waits
                return heard
        raise AssertionError("the line never spoke again")

    def _continue_after(self, heard: Heard) -> Heard:
        follow = Heard()
        document = ElementTree.Element("Response")
        document.extend(heard.after)
        redirect = self._play(document, follow)
        if redirect is not None:
            return self._follow(redirect)
        self.heard = follow
        return follow

    def moved_to(self, url: str) -> Heard:
        """Twilio was told to move the live call to `url` (a call update): fetch its TwiML as Twilio
        would."""
        self._waiting()
        return self._follow(url)

    def say(self, wav_bytes: bytes, *, duration: float | None = None) -> Heard:
        """Let the prompt pass without a key, then speak `wav_bytes` after the tone."""
        heard = self._waiting()
        if heard.gather is not None:
            after = Heard()
            document = ElementTree.Element("Response")
            document.extend(heard.after)
            if self._play(document, after) is not None or after.record is None:
                raise AssertionError("the line does not listen for speech here")
            heard = after
        if heard.record is None:
            raise AssertionError("the line does not listen for speech here")
        if self.recording_host is None:
            raise AssertionError("speaking needs a recording host")
        recording_sid = f"RE{next(_numbers):032d}"
        url = self.recording_host.add(recording_sid, wav_bytes)
        return self._follow(
            heard.record.get("action"),
            {
                "RecordingUrl": url,
                "RecordingSid": recording_sid,
                "RecordingDuration": str(
                    duration if duration is not None else max(1, round(len(wav_bytes) / 16000))
                ),
                "Digits": "hangup",
            },
        )

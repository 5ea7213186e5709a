"""Turning a caller's recording, or what a live stream kept, into an utterance and what it means.

The views only submit a recording (`submit`) and take what was heard (`take`, `streamed`);
fetching, keeping, transcribing and parsing happen here, the slow part in the background
while Twilio holds the caller.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask

from elderride.intake import Intent, parse
from elderride.ivr import flow, recordings
from elderride.services import calls
from elderride.services.errors import NotFound
from elderride.speech import audio_decoding
from elderride.speech.transcript import (
    SpeechFailed,
    SpeechUnavailable,
    checked,
    probability,
    spoken,
)
from elderride.store import connect
from elderride.web import speech

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)

# How long a caller is held for a recording's transcript, in all.  Each hold is a second's
# <Pause> and a <Redirect> back, so no server thread waits (Twilio allows 15 s a request).
UNDERSTAND_WAIT = 10.0


@dataclasses.dataclass(frozen=True)
class Recording:
    """One answer recorded by Twilio, and everything needed to hear it away from the request."""

    call_sid: str
    step: str
    url: str
    name: str  # the file it is kept in, without ".wav"
    phrases: list[str] | None  # the step's phrase list (None: free speech)
    database: str
    folder: Path
    api_base: str
    account_sid: str | None
    auth_token: str | None
    engine: Any  # the speech engine, or None: the recording is only kept


@dataclasses.dataclass(frozen=True)
class Heard:
    """What came of an answer spoken: the kept utterance, whether a recognizer heard it, the
    words and how sure it was of them."""

    utterance_id: int | None  # None: nothing was kept
    transcribed: bool  # False: no recognizer, or it failed (the step goes on by keys)
    words: str = ""
    confidence: float = 0.0


NOTHING = Heard(utterance_id=None, transcribed=False)


def submit(app: Flask, turn: flow.Turn, step: str, *, url: str, sid: str) -> str:
    """Start hearing the recording at `url` in the background; return the key to `take` it by."""
    config = app.config
    job_key = f"{turn.call['call_sid']}:{(sid or url)[-64:]}"
    recording = Recording(
        call_sid=turn.call["call_sid"],
        step=step,
        url=url,
        name=job_key.replace(":", "-").replace("/", "-"),
        phrases=flow.phrases(step, turn),
        database=config["DATABASE"],
        folder=Path(config["RECORDINGS"]),
        api_base=config["TWILIO_API_BASE"],
        account_sid=config.get("TWILIO_ACCOUNT_SID"),
        auth_token=config.get("TWILIO_AUTH_TOKEN"),
        engine=speech.get_engine(app),
    )
    speech.submit(app, job_key, hear, recording)
    return job_key


def still_hearing(app: Flask, job_key: str) -> bool:
    """Return whether the caller should be held a little longer for this recording."""
    waited = speech.age(app, job_key)
    return waited is not None and waited < UNDERSTAND_WAIT and not speech.is_done(app, job_key)


def take(app: Flask, job_key: str) -> Heard:
    """Return what was heard of a submitted recording (nothing, if it failed or took too long)."""
    job: Future[Heard] | None = speech.take(app, job_key)
    if job is None:
        return NOTHING
    if not job.done():
        log.warning(
            "speech job %s took longer than %s s; the step goes on by keys",
            job_key,
            UNDERSTAND_WAIT,
        )
        return NOTHING
    try:
        return job.result(timeout=0)
    except Exception as error:  # noqa: BLE001 - a lost job costs one answer, never the call
        log.warning("speech job %s failed: %s", job_key, error)
        return NOTHING


def hear(recording: Recording) -> Heard:
    """Fetch a recording, keep it, transcribe it: runs in the background while the caller holds."""
    transcript = None
    audio_path = None
    try:
        data = recordings.fetch(
            recording.url,
            api_base=recording.api_base,
            account_sid=recording.account_sid,
            auth_token=recording.auth_token,
        )
        audio_path = recordings.keep(recording.folder, recording.name, data)
        if recording.engine is not None:
            transcript = checked(
                recording.engine.transcribe(
                    audio_decoding.decode(data, "audio/x-wav"), phrases=recording.phrases
                )
            )
            if transcript is None:
                raise SpeechFailed("the speech engine returned no transcript")
    except (
        recordings.RecordingRefused,
        audio_decoding.AudioError,
        SpeechFailed,
        SpeechUnavailable,
        OSError,
        ValueError,
    ) as error:
        # The caller never hears about this: the step goes on by keys.
        log.warning("speech for call %s failed: %s", recording.call_sid, error)
    db = connect(recording.database)
    try:
        utterance_id = calls.add_utterance(
            db,
            recording.call_sid,
            step=recording.step,
            recording_url=recording.url[:500],
            audio_path=str(audio_path) if audio_path else None,
            transcript=transcript,
        )
    finally:
        db.close()
    return Heard(
        utterance_id=utterance_id if audio_path else None,
        transcribed=transcript is not None,
        # Only one whole phrase of the list is an answer: "yes no" or "cancel yes", two phrases
        # strung together (`transcript.heard`), is asked again, never decided on.
        words=transcript.text if transcript is not None else "",
        confidence=transcript.confidence if transcript is not None else 0.0,
    )


def streamed(turn: flow.Turn, step: str, utterance_id: str) -> Heard | None:
    """Return what the live stream kept as `utterance_id` for this call's `step`, or None when the
    id names no such utterance (a forged or stale URL)."""
    if not (utterance_id.isascii() and utterance_id.isdigit() and len(utterance_id) <= 18):
        return None
    try:
        utterance = calls.get_utterance(turn.db, int(utterance_id))
    except NotFound:
        return None
    if utterance["call_sid"] != turn.call["call_sid"] or utterance["step"] != step:
        return None
    # Kept from a checked transcript, and read back through the same check: a row is not a proof.
    return Heard(
        utterance_id=utterance["id"],
        transcribed=True,
        words=spoken(utterance["transcript"]),
        confidence=probability(utterance["confidence"]),
    )


def answer(turn: flow.Turn, step: str, attempt: int, heard: Heard) -> flow.Reply:
    """Answer `step` with what was heard; when nothing could be heard, ask it again by keys."""
    if not heard.transcribed and not (turn.line.hears_free_speech(step) and heard.utterance_id):
        # Speech failed or was never heard: the same step again, by keys, without an error.
        turn.speech = False
        return flow.present(step, turn, max(attempt, flow.KEYS_ONLY_FROM))
    return flow.answer(
        step,
        turn,
        attempt,
        intent=meaning(turn, heard.words),
        utterance_id=heard.utterance_id,
        confidence=heard.confidence,
    )


def meaning(turn: flow.Turn, words: str | None) -> Intent | None:
    """What the caller meant by `words`, understood with their places and family (None: nothing
    said)."""
    if not words:
        return None
    places = turn.places()
    return parse(
        words,
        language=turn.language,
        places=places,
        contacts=turn.contacts(),
        timezone=turn.senior["timezone"] if turn.senior else "UTC",
        menu_size=len(places),
    )

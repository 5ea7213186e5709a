"""The Twilio voice webhooks: each reads the request, moves the call's conversation on, and answers TwiML."""

import functools
import logging
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, request, url_for
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse

from elderride.intake import parse
from elderride.ivr import flow, questions, recordings, twiml
from elderride.ivr.prompts import prompts
from elderride.services import calls, outbox, phones, seniors
from elderride.services.errors import NotFound
from elderride.speech import audio as audio_decoding
from elderride.speech.transcript import SpeechFailed, SpeechUnavailable
from elderride.store import connect
from elderride.store.files import write_private
from elderride.web import speech
from elderride.web.database import get_db
from elderride.web.security import csrf

log = logging.getLogger(__name__)
bp = Blueprint("ivr", __name__, url_prefix="/voice")
# Twilio signs its requests instead of carrying form tokens.
csrf.exempt(bp)

STEPS = set(questions.QUESTIONS)
# How long the "understand" step waits for a recording's transcript; Twilio allows 15 s a request.
UNDERSTAND_WAIT = 10.0


def twiml_response(voice_response):
    """Return TwiML with the content type Twilio expects."""
    return Response(str(voice_response), mimetype="text/xml")


def _public_url():
    """The URL of this request as Twilio sees it: behind a proxy, the public one."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    return base.rstrip("/") + request.full_path.rstrip("?") if base else request.url


def signed(view):
    """Refuse any request without a valid X-Twilio-Signature (403)."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        token = current_app.config.get("TWILIO_AUTH_TOKEN")
        signature = request.headers.get("X-Twilio-Signature", "")
        url = _public_url()
        if not token or not signature or not RequestValidator(token).validate(url, request.form.to_dict(), signature):
            abort(403)
        return view(**kwargs)

    return wrapped


def _urls(view, step, attempt):
    return url_for(f"ivr.{view}", step=step, attempt=attempt)


def _turn(call_sid=None):
    """Load the call this request belongs to (starting it if Twilio says it is new)."""
    db = get_db()
    form = request.form
    call_sid = (call_sid or form.get("CallSid", ""))[:64]
    if not call_sid:
        abort(400)
    caller = phones.caller_id(form.get("From", ""))
    try:
        call = calls.get_call(db, call_sid)
    except NotFound:
        senior = seniors.senior_by_phone(db, caller) if caller else None
        call = calls.start_call(
            db, call_sid, from_phone=caller or "", to_phone=form.get("To", "")[:40],
            senior_id=senior["id"] if senior else None, language=senior["language"] if senior else "en",
        )
    senior = seniors.get_senior(db, call["senior_id"]) if call["senior_id"] else None
    language = senior["language"] if senior else call["language"] or "en"
    return flow.Turn(
        db=db, call=call, senior=senior, prompts=prompts(language), urls=_urls,
        speech=speech.get_engine() is not None, config=current_app.config,
    )


def _finish(turn, response):
    # Most steps only ask again: write the context only when the conversation moved.
    if turn.context != turn.call["context"]:
        calls.save_context(turn.db, turn.call["call_sid"], turn.context)
    return twiml_response(response)


def _step_and_attempt():
    step = request.args.get("step", "")
    if step not in STEPS:
        abort(404)
    try:
        attempt = max(0, min(int(request.args.get("attempt", "0")), 9))
    except ValueError:
        attempt = 0
    return step, attempt


@bp.post("/incoming")
@signed
def incoming():
    """A call comes in: greet a known caller by name, or ask an unknown one where and whereto."""
    turn = _turn()
    step = flow.first_step(turn)
    turn.context.setdefault("started_step", step)
    return _finish(turn, flow.present(step, turn, 0))


@bp.post("/step")
@signed
def step():
    """Ask a step's question (again, after silence, at the attempt in the URL)."""
    step_name, attempt = _step_and_attempt()
    turn = _turn()
    if request.args.get("listen"):
        # An empty recording: keep listening a little before asking again (SENIOR-UX.md: ≥ 7 s).
        return _finish(turn, twiml.listen_more(turn.prompts, answer_url=_urls("answer", step_name, attempt), step_url_next=_urls("step", step_name, attempt + 1)))
    return _finish(turn, flow.present(step_name, turn, attempt))


@bp.post("/answer")
@signed
def answer():
    """A key pressed, or a recording made, in answer to a step."""
    step_name, attempt = _step_and_attempt()
    turn = _turn()
    digits = request.form.get("Digits", "")
    key = digits[:1] if digits and digits[:1] in twiml.ALL_KEYS else None
    if request.args.get("kind") != "speech" or key:
        # A recording ended by a key is a key press: keys work at every step.
        return _finish(turn, flow.answer(step_name, turn, attempt, key=key))
    recording_url = request.form.get("RecordingUrl", "")
    try:
        duration = float(request.form.get("RecordingDuration", "0") or 0)
    except ValueError:
        duration = 0.0
    if not recording_url or duration < 0.5:
        if request.args.get("more"):
            return _finish(turn, flow.present(step_name, turn, attempt + 1))
        return _finish(turn, twiml.listen_more(turn.prompts, answer_url=_urls("answer", step_name, attempt), step_url_next=_urls("step", step_name, attempt + 1)))
    job_key = f"{turn.call['call_sid']}:{request.form.get('RecordingSid', recording_url)[-64:]}"
    speech.submit(current_app._get_current_object(), job_key, _hear, _hear_arguments(turn, step_name, recording_url, job_key))
    next_url = url_for("ivr.understand", step=step_name, attempt=attempt, job=job_key)
    return _finish(turn, twiml.hold(turn.prompts, next_url=next_url))


def _hear_arguments(turn, step_name, recording_url, job_key):
    config = current_app.config
    return {
        "database": config["DATABASE"],
        "call_sid": turn.call["call_sid"],
        "step": step_name,
        "recording_url": recording_url,
        "folder": config["RECORDINGS"],
        "name": job_key.replace(":", "-").replace("/", "-"),
        "api_base": config["TWILIO_API_BASE"],
        "account_sid": config.get("TWILIO_ACCOUNT_SID"),
        "auth_token": config.get("TWILIO_AUTH_TOKEN"),
        "engine": speech.get_engine(),
        "phrases": questions.phrases(step_name, turn),
    }


def _hear(arguments):
    """Fetch a recording, keep it, transcribe it: runs in the background while the caller holds."""
    transcript = None
    audio_path = None
    try:
        data = recordings.fetch(
            arguments["recording_url"], api_base=arguments["api_base"],
            account_sid=arguments["account_sid"], auth_token=arguments["auth_token"],
        )
        audio_path = Path(arguments["folder"]) / f"{arguments['name']}.wav"
        write_private(audio_path, data)
        if arguments["engine"] is not None:
            transcript = arguments["engine"].transcribe(audio_decoding.decode(data, "audio/x-wav"), phrases=arguments["phrases"])
    except (recordings.RecordingRefused, audio_decoding.AudioError, SpeechFailed, SpeechUnavailable, OSError, ValueError) as error:
        # The caller never hears about this: the step goes on by keys.
        log.warning("speech for call %s failed: %s", arguments["call_sid"], error)
    db = connect(arguments["database"])
    try:
        utterance_id = calls.add_utterance(
            db, arguments["call_sid"], step=arguments["step"], recording_url=arguments["recording_url"][:500],
            audio_path=str(audio_path) if audio_path else None, transcript=transcript,
        )
    finally:
        db.close()
    return utterance_id if audio_path else None, transcript


@bp.post("/understand")
@signed
def understand():
    """After the hold: read what the caller said and answer the step with it."""
    step_name, attempt = _step_and_attempt()
    turn = _turn()
    job_key = request.args.get("job", "")[:200]
    job = speech.take(current_app._get_current_object(), job_key)
    utterance_id, transcript = (None, None)
    if job is not None:
        try:
            utterance_id, transcript = job.result(timeout=UNDERSTAND_WAIT)
        except Exception as error:  # noqa: BLE001 - a lost job costs one answer, never the call
            log.warning("speech job %s failed: %s", job_key, error)
    if transcript is None and not (step_name in questions.FREE_SPEECH_STEPS and utterance_id):
        # Speech failed or was never heard: the same step again, by keys, without an error.
        turn.speech = False
        return _finish(turn, flow.present(step_name, turn, max(attempt, flow.KEYS_ONLY_FROM)))
    intent = None
    if transcript is not None and (transcript.text or transcript.heard):
        places = turn.places()
        intent = parse(transcript.text or transcript.heard, language=turn.language, places=places,
                       timezone=turn.senior["timezone"] if turn.senior else "UTC", menu_size=len(places))
    return _finish(turn, flow.answer(step_name, turn, attempt, intent=intent, utterance_id=utterance_id))


@bp.post("/repeat")
@signed
def repeat():
    """A call-back's "press 1 to hear this again": say the same words again, or end the call."""
    from elderride.twilio_notifier import callback_twiml

    try:
        entry_id = int(request.args.get("entry", ""))
    except ValueError:
        abort(404)
    payload = outbox.call_payload(get_db(), entry_id)
    if payload is None:
        abort(404)
    if request.form.get("Digits") != "1":
        response = VoiceResponse()
        response.hangup()
        return twiml_response(response)
    return Response(callback_twiml(payload["say"], payload["language"], _public_url()), mimetype="text/xml")


@bp.post("/ping")
@signed
def ping():
    """An empty TwiML answer behind the same signature check: the benchmarks' baseline."""
    return twiml_response(VoiceResponse())


@bp.post("/status-callback")
@signed
def status_callback():
    """Twilio's call status callback: remember how the call ended."""
    call_sid = request.form.get("CallSid", "")[:64]
    status = request.form.get("CallStatus", "")
    try:
        calls.end_call(get_db(), call_sid, status)
    except NotFound:
        pass
    return Response("", status=204)

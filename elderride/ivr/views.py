"""The Twilio voice webhooks: each reads the request, moves the call's conversation on, and answers
TwiML."""

import functools
import logging
import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, request, url_for
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse
from werkzeug.exceptions import HTTPException

from elderride.ivr import (
    flow,
    hearing,
    steps,  # noqa: F401 - the steps are declared as the app starts, not mid-call
    streams,
    twiml,
)
from elderride.ivr.call_state import CallState
from elderride.ivr.prompts import prompts
from elderride.ivr.steps import LINE
from elderride.services import calls
from elderride.services.errors import NotFound
from elderride.services.outgoing import outbox
from elderride.services.people import caller_id, phones, seniors
from elderride.speech import engines
from elderride.store import writing
from elderride.store.health import is_storage_error
from elderride.web import speech
from elderride.web.database import get_db
from elderride.web.security import csrf

log = logging.getLogger(__name__)
bp = Blueprint("ivr", __name__, url_prefix="/voice")
# Twilio signs its requests instead of carrying form tokens.
csrf.exempt(bp)


@bp.errorhandler(Exception)
def trouble(error: Exception) -> HTTPException | Response:
    """Whatever fails, a caller hears a short apology and a person, never Twilio's application
    error."""
    if isinstance(error, HTTPException):
        return error
    if is_storage_error(error):
        log.warning("the phone line cannot use the database: %s", error)
    else:
        log.exception("the phone line failed")
    return twiml_response(
        flow.put_through(
            prompts(_caller_language()),
            current_app.config,
            first=(prompts(_caller_language())["trouble"],),
        )
    )


def _the_app() -> Flask:
    """The application behind `current_app`: a thread that outlives the request keeps it."""
    return current_app._get_current_object()  # type: ignore[attr-defined]


def _caller_language() -> str:
    """The caller's language if the database can still say it, else English."""
    try:
        senior = seniors.senior_by_phone(
            get_db(), phones.caller_id(request.form.get("From", "")) or ""
        )
    except Exception:  # noqa: BLE001 - this runs because something already failed
        return "en"
    return senior["language"] if senior else "en"


def twiml_response(voice_response: VoiceResponse) -> Response:
    """Return TwiML with the content type Twilio expects."""
    return Response(str(voice_response), mimetype="text/xml")


def _public_url() -> str:
    """The URL of this request as Twilio sees it: behind a proxy, the public one."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    return base.rstrip("/") + request.full_path.rstrip("?") if base else request.url


# Twilio's webhook posts are a few kilobytes of form fields; X-Twilio-Signature is the base64
# of an HMAC (28 characters for SHA-1, 44 for SHA-256).
MAX_WEBHOOK_BYTES = 64 * 1024
SIGNATURE_SHAPE = re.compile(r"[A-Za-z0-9+/]{27}=|[A-Za-z0-9+/]{43}=")


def signed(view: Callable[..., Response]) -> Callable[..., Response]:
    """Refuse any request without a valid X-Twilio-Signature (403)."""

    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> Response:
        token = current_app.config.get("TWILIO_AUTH_TOKEN")
        signature = request.headers.get("X-Twilio-Signature", "")
        # Checked before the body is read: anyone may post here, and the phone line's few
        # threads must not spend themselves parsing megabytes for a request that fails anyway.
        if not token or not SIGNATURE_SHAPE.fullmatch(signature):
            abort(403)
        if (request.content_length or 0) > MAX_WEBHOOK_BYTES:
            abort(413)
        request.max_content_length = MAX_WEBHOOK_BYTES  # a chunked body is cut off here too
        if not RequestValidator(token).validate(_public_url(), request.form.to_dict(), signature):
            abort(403)
        return view(**kwargs)

    return wrapped


def _hang_up() -> Response:
    response = VoiceResponse()
    response.hangup()
    return twiml_response(response)


def _turn(call_sid: str | None = None) -> flow.Turn:
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
        # Judged once, at the call's first request: a later request cannot talk its way in.
        attestation = caller_id.attestation(form.get("StirVerstat"))
        call = calls.start_call(
            db,
            call_sid,
            from_phone=caller or "",
            to_phone=form.get("To", "")[:40],
            senior_id=senior["id"] if senior else None,
            language=senior["language"] if senior else "en",
            attestation=attestation,
            caller_believed=senior is not None
            and caller_id.believed(
                attestation,
                senior_allows_unsigned=bool(senior["trust_unsigned_calls"]),
                unsigned_carrier=bool(current_app.config.get("UNSIGNED_CALLS_TRUSTED")),
            ),
        )
    senior = seniors.get_senior(db, call["senior_id"]) if call["senior_id"] else None
    language = senior["language"] if senior else call["language"] or "en"
    turn = flow.Turn(
        db=db,
        call=call,
        senior=senior,
        prompts=prompts(language),
        config=current_app.config,
        # No recognizer fit to hear (loading, or every one failing): keys only, and the
        # questions do not invite words until one is back.
        speech=speech.hears_now(),
        line=LINE,
        state=CallState.load(call),
    )

    def urls(view: str, step: str, attempt: int) -> str:
        # Every answer URL names the answer it expects (n): a replay of an older one is recognised.
        return url_for(f"ivr.{view}", step=step, attempt=attempt, n=turn.state.n)

    turn.urls = urls
    turn.whisper_url = url_for("ivr.whisper", call=call_sid)
    if engines.live(current_app.config):
        app = _the_app()
        public_root = current_app.config.get("PUBLIC_BASE_URL") or request.url_root

        def stream(step: str, attempt: int) -> dict[str, Any] | None:
            return streams.offer(
                app,
                turn,
                step,
                attempt,
                public_root=public_root,
                phrases=flow.phrases(step, turn),
                host=request.host,
            )

        turn.stream = stream
    return turn


def _stale(turn: flow.Turn) -> Response | None:
    """Return the line's last words when this request answers a question already answered, else
    None."""
    expected = turn.state.n
    try:
        # Every URL the line hands out names n, and the signature covers the URL: a request
        # without n was never captured from a call (a step URL written by hand, or from before n).
        given = int(request.args.get("n", expected))
    except ValueError:
        given = None
    if given == expected:
        return None
    last = turn.state.last_twiml
    if last:
        return Response(last, mimetype="text/xml")
    return _finish(turn, flow.present(flow.reachable(turn.state.started_step or "", turn), turn, 0))


def _apply(turn: flow.Turn, answer: Callable[[], flow.Reply]) -> Response:
    """Apply an answer once: count it first (the next question's URLs expect the next one), keep
    what was said.

    What the answer does (a booking, a cancel) and where the call now is are one
    transaction: if either cannot be written, neither is, and the caller's apology
    is true.
    """
    with writing(turn.db):
        turn.state.n += 1
        response = answer()
        turn.state.last_twiml = str(response)
        return _finish(turn, response)


def _finish(turn: flow.Turn, response: flow.Reply) -> Response:
    # Most steps only ask again: write the state only when the conversation moved.
    if turn.state != CallState.load(turn.call):
        turn.state.save(turn.db, turn.call["call_sid"])
    return twiml_response(response)


def _step_and_attempt() -> tuple[str, int]:
    step = request.args.get("step", "")
    if not LINE.is_step(step):
        abort(404)
    try:
        attempt = max(0, min(int(request.args.get("attempt", "0")), 9))
    except ValueError:
        attempt = 0
    return step, attempt


@bp.post("/incoming")
@signed
def incoming() -> Response:
    """A call comes in: greet a known caller by name, or ask an unknown one where and whereto."""
    turn = _turn()
    if calls.has_ended(turn.call):
        return _hang_up()
    if turn.state.started_step is not None:
        # Twilio starts a call once: a second start is a replay, and changes nothing.
        return _stale(turn) or _finish(
            turn, flow.present(flow.reachable(turn.state.started_step, turn), turn, 0)
        )
    step = flow.first_step(turn)
    turn.state.started_step = step
    return _finish(turn, flow.present(step, turn, 0))


# (turn, step, attempt, None), or (None, None, None, the response to give instead). Any: the
# caller reads the first three only when the last is None, which mypy cannot follow.
def _reached_turn() -> tuple[Any, Any, Any, Response | None]:
    """Load the call for a step's request; a hang-up or another step's question when it cannot be
    there."""
    step_name, attempt = _step_and_attempt()
    turn = _turn()
    if calls.has_ended(turn.call):
        return None, None, None, _hang_up()
    reachable = flow.reachable(step_name, turn)
    if reachable != step_name:
        return None, None, None, _finish(turn, flow.present(reachable, turn, 0))
    return turn, step_name, attempt, None


def _answering_turn() -> tuple[Any, Any, Any, Response | None]:
    """Load the call for an answer; an early response instead when it cannot be there or was
    answered already."""
    turn, step_name, attempt, early = _reached_turn()
    if early is None:
        early = _stale(turn)
    return turn, step_name, attempt, early


@bp.post("/step")
@signed
def step() -> Response:
    """Ask a step's question (again, after silence, at the attempt in the URL)."""
    turn, step_name, attempt, elsewhere = _reached_turn()
    if elsewhere:
        return elsewhere
    if request.args.get("listen"):
        live = streams.current(_the_app(), turn.call["call_sid"])
        if live is not None and (live.step, live.attempt, live.n) == (
            step_name,
            attempt,
            turn.state.n,
        ):
            return _after_live_silence(turn, step_name, attempt, live.verdict())
        if request.args.get("live") and LINE.hears_free_speech(step_name):
            # The stream this free-speech question heard is gone (the process that held it was
            # restarted): the answer is recorded instead, the question said again before the tone.
            return _finish(turn, flow.present(step_name, turn, attempt, live=False))
    if request.args.get("listen"):
        # An empty recording: keep listening a little before asking again (docs/accessibility.md: ≥
        # 7 s).
        return _finish(
            turn,
            twiml.listen_more(
                turn.prompts,
                answer_url=turn.urls("answer", step_name, attempt),
                step_url_next=turn.urls("step", step_name, attempt + 1),
            ),
        )
    return _finish(turn, flow.present(step_name, turn, attempt))


# While a live answer is being spoken or moved on, the question's silence timer holds this many
# times.
LIVE_HOLDS = 6


def _after_live_silence(turn: flow.Turn, step_name: str, attempt: int, verdict: str) -> Response:
    """The question's wait ran out while its answer streamed: hold, ask again, or go on by keys."""
    if verdict == "hold":
        given = request.args.get("held", "0")
        held = int(given) if given.isdigit() else LIVE_HOLDS
        if held < LIVE_HOLDS:
            return _finish(
                turn,
                twiml.hold_on(
                    next_url=turn.urls("step", step_name, attempt) + f"&listen=1&held={held + 1}"
                ),
            )
        verdict = "again"
    if verdict in ("keys", "record") and LINE.hears_free_speech(step_name):
        # An address cannot be keyed: with its stream failed or never come, it is recorded, the
        # question said again before the tone, and a person listens if no recognizer can.
        return _finish(turn, flow.present(step_name, turn, attempt, live=False))
    if verdict == "keys":
        # The recognizer fell behind or stopped: the same question by keys, without an error said.
        turn.speech = False
        return _finish(turn, flow.present(step_name, turn, max(attempt, flow.KEYS_ONLY_FROM)))
    if verdict == "again":
        # Silence, as after an empty recording: ask again, more simply.
        return _finish(turn, flow.present(step_name, turn, attempt + 1))
    # No stream ever came (a proxy that does not pass websockets): listen by recording instead.
    return _finish(
        turn,
        twiml.listen_more(
            turn.prompts,
            answer_url=turn.urls("answer", step_name, attempt),
            step_url_next=turn.urls("step", step_name, attempt + 1),
        ),
    )


def _heard_live(turn: flow.Turn, step_name: str, attempt: int) -> Response:
    """Answer a step with the utterance the live stream understood (Twilio was sent here by a call
    update)."""
    heard = hearing.streamed(turn, step_name, request.args.get("utterance", ""))
    if heard is None:
        abort(404)
    return _apply(turn, lambda: hearing.answer(turn, step_name, attempt, heard))


@bp.post("/answer")
@signed
def answer() -> Response:
    """A key pressed, or a recording made, in answer to a step."""
    turn, step_name, attempt, early = _answering_turn()
    if early:
        return early
    digits = request.form.get("Digits", "")
    key = digits[:1] if digits and digits[:1] in twiml.ALL_KEYS else None
    count = LINE.digits(step_name)
    if key and key.isdigit() and count > 1 and digits[:count].isdigit():
        # An hour is keyed as two digits; anything but digits stays the first key alone.
        key = digits[:count]
    if request.args.get("kind") == "stream" and not key:
        return _heard_live(turn, step_name, attempt)
    if request.args.get("kind") != "speech" or key:
        # A recording ended by a key is a key press: keys work at every step.
        return _apply(turn, lambda: flow.answer(step_name, turn, attempt, key=key))
    recording_url = request.form.get("RecordingUrl", "")
    try:
        duration = float(request.form.get("RecordingDuration", "0") or 0)
    except ValueError:
        duration = 0.0
    if not recording_url or duration < 0.5:
        if request.args.get("more"):
            return _finish(turn, flow.present(step_name, turn, attempt + 1))
        return _finish(
            turn,
            twiml.listen_more(
                turn.prompts,
                answer_url=turn.urls("answer", step_name, attempt),
                step_url_next=turn.urls("step", step_name, attempt + 1),
            ),
        )
    job_key = hearing.submit(
        _the_app(),
        turn,
        step_name,
        url=recording_url,
        sid=request.form.get("RecordingSid", ""),
    )
    next_url = url_for(
        "ivr.understand", step=step_name, attempt=attempt, job=job_key, n=turn.state.n
    )
    return _finish(turn, twiml.hold(turn.prompts, next_url=next_url))


@bp.post("/understand")
@signed
def understand() -> Response:
    """After the hold: read what the caller said and answer the step with it."""
    turn, step_name, attempt, early = _answering_turn()
    if early:
        return early
    job_key = request.args.get("job", "")[:200]
    app = _the_app()
    if hearing.still_hearing(app, job_key):
        return _finish(turn, twiml.hold_on(next_url=request.full_path.rstrip("?")))
    heard = hearing.take(app, job_key)
    return _apply(turn, lambda: hearing.answer(turn, step_name, attempt, heard))


@bp.post("/repeat")
@signed
def repeat() -> Response:
    """A call-back's "press 1 to hear this again": say the same words again, or end the call."""
    entry = request.args.get("entry", "")
    # Digits only, and few enough for SQLite's 64-bit integers.
    if not (entry.isascii() and entry.isdigit() and len(entry) <= 18):
        abort(404)
    payload = outbox.call_payload(get_db(), int(entry))
    if payload is None:
        abort(404)
    if request.form.get("Digits") != "1":
        response = VoiceResponse()
        response.hangup()
        return twiml_response(response)
    return twiml_response(
        twiml.call_back(prompts(payload["language"]), payload["say"], repeat_url=_public_url())
    )


@bp.post("/whisper")
@signed
def whisper() -> Response:
    """The family, called for a caller whose caller ID was not believed, hears whose number it
    shows and that it could not be checked; 1 joins them, anything else hangs up."""
    db = get_db()
    try:
        call = calls.get_call(db, request.args.get("call", "")[:64])
    except NotFound:
        return _hang_up()
    senior = seniors.get_senior(db, call["senior_id"]) if call["senior_id"] else None
    if senior is None or calls.has_ended(call):
        return _hang_up()
    if "answer" in request.args:
        return twiml_response(twiml.join_or_hang_up(request.form.get("Digits") == "1"))
    said = prompts(senior["language"])
    return twiml_response(
        twiml.whisper(
            said,
            [said["whisper"].format(name=senior["name"]), said["whisper_keys"]],
            answer_url=url_for("ivr.whisper", call=call["call_sid"], answer=1),
        )
    )


@bp.post("/ping")
@signed
def ping() -> Response:
    """An empty TwiML answer behind the same signature check: the benchmarks' baseline."""
    return twiml_response(VoiceResponse())


@bp.post("/status-callback")
@signed
def status_callback() -> Response:
    """Twilio's call status callback: remember how the call ended."""
    call_sid = request.form.get("CallSid", "")[:64]
    status = request.form.get("CallStatus", "")
    if status in calls.ENDED_STATES:
        try:
            calls.end_call(get_db(), call_sid, status)
        except NotFound:
            pass  # a call we never answered (or a forged SID): nothing to remember
    return Response("", status=204)

"""The /demo/phone page and the stand-in for Twilio's recording host it needs."""

import base64
import ipaddress
import os
import secrets
import threading
import uuid
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Flask, abort, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from elderride.demo import relay
from elderride.ivr.simulator import CallEnded, CallSimulator, Heard
from elderride.services import demo as demo_data
from elderride.services.outgoing import messages
from elderride.speech import audio_decoding
from elderride.web import links
from elderride.web.database import get_db
from elderride.web.security import csrf

bp = Blueprint("demo", __name__, url_prefix="/demo")
DEMO_ACCOUNT_SID = "AC" + "d" * 32
MAX_RECORDING_BYTES = 2 * 1024 * 1024


@bp.before_request
def demo_only() -> None:
    """Nothing here exists outside demo mode, nor with a real Twilio account (whose calls it could
    sign)."""
    if not current_app.config.get("DEMO") or current_app.config.get("TWILIO_ACCOUNT_SID") not in (
        None,
        DEMO_ACCOUNT_SID,
    ):
        abort(404)
    # Its mailbox holds every account's reset links and its phone dials as anyone: for the person
    # at this machine only, judged by the socket's own peer, not by a forwarded-for header that
    # ProxyFix believed (anyone who reaches the port directly can write one).
    peer = request.environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR")
    if not _from_this_machine(peer or request.remote_addr):
        abort(404)


def _from_this_machine(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def _state() -> dict[str, Any]:
    return current_app.extensions.setdefault(
        "elderride.demo", {"calls": {}, "recordings": {}, "lock": threading.Lock()}
    )


class RecordingHost:
    """Holds the browser's recordings where the phone line fetches them, as from Twilio's API."""

    def __init__(self, base_url: str, store: dict[str, bytes]) -> None:
        self.base_url = base_url
        self.store = store

    def add(self, recording_sid: str, wav_bytes: bytes) -> str:
        self.store[recording_sid] = wav_bytes
        return f"{self.base_url}/2010-04-01/Accounts/{DEMO_ACCOUNT_SID}/Recordings/{recording_sid}"


def _post_in_process(url: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
    """Carry the simulator's signed request to this same app, as Twilio would over the network."""
    client = current_app.test_client()
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.post(
        "/" + path, data=params, headers=headers, base_url=url.split("/voice")[0]
    )
    return response.status_code, response.get_data(as_text=True)


def _report(simulator: CallSimulator, heard: Heard) -> dict[str, Any]:
    report = {
        "call": simulator.call_sid,
        "says": [{"text": text, "lang": language} for text, language in heard.says],
        "listening": heard.record is not None
        or (heard.gather is not None and any(verb.tag == "Record" for verb in heard.after)),
        "keys": heard.gather is not None or heard.record is not None,
        "dialing": heard.dial,
        "ended": heard.ended,
    }
    if heard.streams and not heard.ended:
        # The line listens live: the page streams its microphone through the relay (see relay.py).
        parameters = {
            item.get("name"): item.get("value") for item in heard.streams[-1].findall("Parameter")
        }
        query = urlencode(
            {
                "call": simulator.call_sid,
                "key": relay.key(current_app.config["SECRET_KEY"], simulator.call_sid),
            }
        )
        host = urlsplit(request.host_url).hostname
        report["stream"] = {
            "url": f"ws://{host}:{current_app.config['MEDIA_PORT']}{relay.DEMO_MEDIA_PATH}?{query}",
            "parameters": parameters,
        }
        report["listening"] = True
    return report


@bp.get("/phone")
def phone() -> ResponseReturnValue:
    """The phone page: pick who is calling, then press keys or speak."""
    callers = [(spec["name"], spec["numbers"][0][0]) for spec in demo_data.SENIORS]
    return render_template("demo/phone.html", callers=callers)


@bp.post("/phone/calls")
def start_call() -> ResponseReturnValue:
    """Dial the line as the chosen caller."""
    caller = (request.form.get("caller") or "+15550100077")[:20]
    state = _state()
    simulator = CallSimulator(
        _post_in_process,
        base_url=links.site_url(),
        auth_token=current_app.config["TWILIO_AUTH_TOKEN"],
        caller=caller,
        recording_host=RecordingHost(current_app.config["TWILIO_API_BASE"], state["recordings"]),
    )
    with state["lock"]:
        state["calls"][simulator.call_sid] = simulator
        # A demo keeps the latest calls only, and their recordings with them.
        while len(state["calls"]) > 50:
            state["calls"].pop(next(iter(state["calls"])))
        while len(state["recordings"]) > 200:
            state["recordings"].pop(next(iter(state["recordings"])))
    return jsonify(_report(simulator, simulator.start()))


@bp.get("/mailbox")
def mailbox() -> ResponseReturnValue:
    """The mails the demo would have sent (no mail server needed to try a password reset)."""
    return render_template("demo/mailbox.html", mails=messages.demo_mailbox(get_db()))


def _simulator() -> CallSimulator:
    simulator = _state()["calls"].get(request.form.get("call", ""))
    if simulator is None:
        abort(404)
    return simulator


@bp.post("/phone/press")
def press() -> ResponseReturnValue:
    """Press a key."""
    simulator = _simulator()
    key = request.form.get("key", "")
    if len(key) != 1 or key not in "0123456789*#":
        return jsonify({"error": "Press one key: 0-9, * or #."}), 400
    try:
        return jsonify(_report(simulator, simulator.press(key)))
    except (CallEnded, AssertionError):
        return jsonify({"error": "The call has ended."}), 409


@bp.post("/phone/silence")
def silence() -> ResponseReturnValue:
    """Stay silent until the line gives up waiting."""
    simulator = _simulator()
    try:
        return jsonify(_report(simulator, simulator.silence()))
    except (CallEnded, AssertionError):
        return jsonify({"error": "The call has ended."}), 409


def _recording() -> bytes:
    """The browser's WAV: the request body itself (audio/wav), or an uploaded file."""
    if request.mimetype in ("audio/wav", "audio/x-wav", "audio/wave"):
        # A raw body is never parsed as a form, so the form size limit (which Werkzeug's multipart
        # parser also applies to a file's buffered chunks, refusing a few seconds of audio with 413)
        # does not apply; the request's own length limit does.
        return request.stream.read(MAX_RECORDING_BYTES + 1)
    upload = request.files.get("audio")
    return upload.read(MAX_RECORDING_BYTES + 1) if upload else b""


@bp.post("/phone/speak")
def speak() -> ResponseReturnValue:
    """Speak: the browser's recording (a WAV) is answered to the line's <Record>."""
    simulator = _state()["calls"].get(request.args.get("call") or request.form.get("call", ""))
    if simulator is None:
        abort(404)
    data = _recording()
    if not data or len(data) > MAX_RECORDING_BYTES:
        return jsonify({"error": "Send a short WAV recording."}), 400
    try:
        sound = audio_decoding.decode(data)
    except audio_decoding.AudioError as error:
        return jsonify({"error": str(error)}), 400
    try:
        return jsonify(
            _report(simulator, simulator.say(data, duration=max(1, round(sound.duration))))
        )
    except CallEnded:
        return jsonify({"error": "The call has ended."}), 409
    except AssertionError:
        return jsonify({"error": "The line is not listening for speech now: press a key."}), 409


@bp.get(f"/twilio/2010-04-01/Accounts/{DEMO_ACCOUNT_SID}/Recordings/<recording_sid>")
def recording(recording_sid: str) -> ResponseReturnValue:
    """Serve a recording to the phone line with the demo account's credentials, as Twilio would."""
    expected = (
        "Basic "
        + base64.b64encode(
            f"{DEMO_ACCOUNT_SID}:{current_app.config['TWILIO_AUTH_TOKEN']}".encode()
        ).decode()
    )
    if not secrets.compare_digest(request.headers.get("Authorization", ""), expected):
        abort(401)
    data = _state()["recordings"].get(recording_sid.removesuffix(".wav"))
    if data is None:
        abort(404)
    return data, 200, {"Content-Type": "audio/x-wav"}


@bp.post(f"/twilio/2010-04-01/Accounts/{DEMO_ACCOUNT_SID}/Calls/<call_sid>.json")
@csrf.exempt
def update_call(call_sid: str) -> ResponseReturnValue:
    """Move a demo call to the URL the line gives, as Twilio's live call update does; the page picks
    up what it says."""
    expected = (
        "Basic "
        + base64.b64encode(
            f"{DEMO_ACCOUNT_SID}:{current_app.config['TWILIO_AUTH_TOKEN']}".encode()
        ).decode()
    )
    if not secrets.compare_digest(request.headers.get("Authorization", ""), expected):
        abort(401)
    state = _state()
    simulator = state["calls"].get(call_sid)
    if simulator is None:
        abort(404)
    try:
        report = _report(simulator, simulator.moved_to(request.form.get("Url", "")))
    except (CallEnded, AssertionError):
        abort(409)
    with state["lock"]:
        state.setdefault("moved", {})[call_sid] = report
    return jsonify({"sid": call_sid, "status": "in-progress"})


@bp.get("/phone/moved")
def moved() -> ResponseReturnValue:
    """What the line said after it moved the call on by itself (an answer heard live), once; {}
    until then."""
    state = _state()
    with state["lock"]:
        report = state.setdefault("moved", {}).pop(request.args.get("call", ""), None)
    return jsonify(report or {})


DEMO_OPERATOR = "+15550100090"
DEMO_TAXI_CENTER = "+15550100099"
# The line's number on the demo's key cards: a fictional 555, the number the demo phone dials.
DEMO_LINE = "+15550109999"


def configure(app: Flask, base_url: str) -> None:
    """Point the phone line at this app's own stand-ins when no Twilio account is configured."""
    # Demo numbers (fictional 555s) so "press 0" and the taxi-center button lead somewhere.
    app.config["OPERATOR_NUMBER"] = app.config.get("OPERATOR_NUMBER") or DEMO_OPERATOR
    app.config["DISPATCH_PHONE"] = app.config.get("DISPATCH_PHONE") or DEMO_TAXI_CENTER
    app.config["LINE_NUMBER"] = app.config.get("LINE_NUMBER") or DEMO_LINE
    if not os.environ.get("ELDERRIDE_SPEECH_MODE"):
        # The demo phone hears answers live (through the media server `serve --demo` starts).
        app.config["SPEECH_MODE"] = "stream"
    if not app.config.get("TWILIO_AUTH_TOKEN"):
        app.config["TWILIO_AUTH_TOKEN"] = uuid.uuid4().hex
        app.config["TWILIO_ACCOUNT_SID"] = DEMO_ACCOUNT_SID
        app.config["TWILIO_API_BASE"] = base_url.rstrip("/") + "/demo/twilio"

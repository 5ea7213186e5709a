"""`elderride bench stream`: live answers over media streams beside the same answers through
<Record>, in one run, and the most live calls the line holds.

Each simulated call says the same word at the menu.  On the stream path the
caller's audio is played at real time into the media server and the line moves
the call on through a local stand-in for Twilio's REST host; on the record path
Twilio first waits out RECORD_SILENCE seconds of trailing silence, then the
recording is fetched, decoded and understood while the caller holds (at
Twilio's pace).  Both report the time from the end of speech to the next
question, and how much audio one core of the server hears per second.

The line is a real `elderride serve` process for each path, as deployed; the
callers and the Twilio stand-in run in a process of their own
(`python -m elderride.bench.stream`, one per round), so nothing of the
callers' work shares the server's interpreter.  Rounds alternate between the
paths, and a ratio is taken only within one repeat.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import http.client
import http.server
import json
import math
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from elderride.bench import rounds
from elderride.bench.deployment import HEALTH_TOKEN
from elderride.bench.measure import free_port, percentile, run_together

ACCOUNT_SID = "AC" + "5" * 32
AUTH_TOKEN = "bench-auth-token"
LEAD_IN = 0.5  # seconds of the prompt before the caller speaks
# Every call arrives within this many seconds of the first, so all of a round's callers speak at
# once: a sharper peak than a real line's, where calls are spread over minutes.
ARRIVAL_SECONDS = 1.0
WORD = "예약"  # what every simulated caller says at the menu: the name they gave their clinic
CLINIC = "Clinic"  # what the next question names once the word was understood
# With answer "address", every call presses 8 (somewhere else) and says an address in free speech;
# it is answered once the line reads it back (or books it for a person to listen to).
OTHER_KEY = "8"
ADDRESS_ANSWERED = ("A car from Home to", "A person will check the address")
# Calls each speech worker takes before the measured rounds, to build its phrase lists.
WARM_UP_CALLS_PER_WORKER = 2


def _answered(text: str, spec: Mapping[str, Any]) -> bool:
    """Whether what the caller heard next is the answer to their words."""
    if spec.get("answer") == "address":
        return any(words in text for words in ADDRESS_ANSWERED)
    return CLINIC in text


TICKS = os.sysconf("SC_CLK_TCK")

if TYPE_CHECKING:
    from elderride.bench.deployment import Deployment
    from elderride.ivr.simulator import CallSimulator

# A running line: its deployment, its media websocket URL and its callers' numbers.
Line = tuple["Deployment", str, list[str]]


class TwilioStandIn:
    """Twilio's REST host on 127.0.0.1: recordings behind Basic auth, and live call updates with
    when they came."""

    def __init__(self, port: int = 0) -> None:
        self.recordings: dict[str, bytes] = {}
        self.updates: dict[str, tuple[float, str]] = {}  # CallSid -> (monotonic time, Url)
        self.word = ""  # what every simulated call says at the menu
        self.arrived = threading.Condition()
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                match = re.fullmatch(
                    rf"/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/(RE\w+)\.wav", self.path
                )
                if (
                    self.headers.get("Authorization") != expected
                    or not match
                    or match.group(1) not in stand_in.recordings
                ):
                    return self._send(404, b"{}", "application/json")
                self._send(200, stand_in.recordings[match.group(1)], "audio/x-wav")

            def do_POST(self) -> None:
                form = dict(
                    urllib.parse.parse_qsl(
                        self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                    )
                )
                match = re.fullmatch(
                    rf"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/(CA\w+)\.json", self.path
                )
                if self.headers.get("Authorization") != expected or not match:
                    return self._send(404, b"{}", "application/json")
                with stand_in.arrived:
                    stand_in.updates[match.group(1)] = (time.monotonic(), form["Url"])
                    stand_in.arrived.notify_all()
                self._send(200, json.dumps({"sid": match.group(1)}).encode(), "application/json")

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, recording_sid: str, wav_bytes: bytes) -> str:
        """Hold a recording; return its RecordingUrl as Twilio reports it."""
        self.recordings[recording_sid] = wav_bytes
        return f"{self.url}/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{recording_sid}"

    def wait_update(self, call_sid: str, timeout: float) -> tuple[float, str] | None:
        """Return (time, Url) of the call's update once it came, or None."""
        with self.arrived:
            self.arrived.wait_for(lambda: call_sid in self.updates, timeout)
            return self.updates.get(call_sid)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def mulaw_wav(data: bytes) -> bytes:
    """Wrap raw 8 kHz mu-law in a WAV header, as Twilio's recordings come."""
    fmt = struct.pack("<HHIIHH", 7, 1, 8000, 8000, 1, 8)
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _tree_cpu_seconds(root: int) -> tuple[float, float]:
    """Return the CPU seconds process `root` has used so far, and those of everything it started
    (its page process and speech workers)."""
    own, started, waiting = None, 0.0, [root]
    while waiting:
        pid = waiting.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            for task in Path(f"/proc/{pid}/task").iterdir():
                waiting.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue  # it ended in the meantime
        seconds = (int(fields[11]) + int(fields[12])) / TICKS
        if own is None:
            own = seconds
        else:
            started += seconds
    return own or 0.0, started


def _seed(deployment: Deployment, count: int, word: str) -> list[str]:
    """Give the deployment `count` callers, each with a home and a clinic called `word`; return
    their numbers."""
    from elderride.services.people import places, seniors
    from elderride.store import connect, migrate, writing

    database = connect(deployment.database)
    try:
        migrate(database)
        numbers = []
        with writing(database):
            for index in range(count):
                number = f"+155504{index:05d}"  # room for every round's callers
                senior_id = seniors.create_senior(
                    database, name=f"Caller {index}", language="en", numbers=[(number, "mobile")]
                )
                places.add_place(database, senior_id, label="Home", address=f"{index} Home Street")
                places.add_place(
                    database, senior_id, label="Clinic", address="1 Clinic Road", aliases=[word]
                )
                numbers.append(number)
        return numbers
    finally:
        database.close()


@contextlib.contextmanager
def _line(
    folder: str,
    mode: str,
    *,
    model_path: str,
    workers: int,
    streams_per_worker: int | None,
    callers: int,
    word: str,
    host_port: int,
    warm_up: Callable[[Line], None],
    vosk_server: str | None = None,
    free_stream_cost: float | None = None,
) -> Iterator[Line]:
    """Run `elderride serve` as deployed, its speech in `mode` (on the `vosk_server` recognizers
    when given), for `callers` callers; yield (the deployment, its media URL, the callers'
    numbers) once its speech is ready and `warm_up(line)` has run."""
    from elderride.bench.deployment import Deployment

    deployment = Deployment(Path(folder) / ("remote" if vosk_server else mode))
    media_port = free_port()
    deployment.extra_env = {
        "ELDERRIDE_VOSK_MODEL": str(model_path),
        "ELDERRIDE_SPEECH_MODE": mode,
        "ELDERRIDE_SPEECH_WORKERS": str(workers),
        "ELDERRIDE_TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "ELDERRIDE_TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "ELDERRIDE_TWILIO_API_BASE": f"http://127.0.0.1:{host_port}",
        "ELDERRIDE_PUBLIC_BASE_URL": deployment.base_url,
        "ELDERRIDE_MEDIA_PORT": str(media_port),
        # Its outbox has nothing to send; polling it often would only take the callers' CPU.
        "ELDERRIDE_WORKER_POLL_SECONDS": "5",
    }
    if streams_per_worker is not None:
        deployment.extra_env["ELDERRIDE_SPEECH_STREAMS_PER_WORKER"] = str(streams_per_worker)
    if free_stream_cost is not None:
        deployment.extra_env["ELDERRIDE_SPEECH_FREE_STREAM_COST"] = str(free_stream_cost)
    if vosk_server:
        deployment.extra_env["ELDERRIDE_VOSK_SERVER"] = vosk_server
    deployment.instance.mkdir(parents=True)
    numbers = _seed(deployment, callers, word)
    try:
        server = deployment.start_server()
        _wait_for_speech(deployment.base_url, server)
        line = (deployment, f"ws://127.0.0.1:{media_port}/voice/media", numbers)
        warm_up(line)
        yield line
    finally:
        deployment.close()


def _wait_for_speech(
    base_url: str, server: subprocess.Popen[bytes], seconds: float = 300, ask_timeout: float = 10
) -> None:
    """Wait until `/healthz` says the server's speech is ready; fail if it says it cannot be."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            asked = urllib.request.Request(
                f"{base_url}/healthz", headers={"Authorization": f"Bearer {HEALTH_TOKEN}"}
            )
            with urllib.request.urlopen(asked, timeout=ask_timeout) as response:
                speech = json.loads(response.read())["speech"]
        except urllib.error.HTTPError as error:
            speech = json.loads(error.read())["speech"]
        except OSError:
            # A server still loading its model on a busy machine may answer after one request's
            # timeout: the deadline, not one slow answer, says when to give up.
            speech = {}
        if speech.get("reason") == "ready":
            return
        if speech.get("reason") not in ("loading", None):
            raise RuntimeError(f"the server's speech is not ready: {speech}")
        time.sleep(0.5)
    raise RuntimeError("the server's speech did not become ready")


def _warm_up(
    mode: str,
    line: Line,
    *,
    workers: int,
    figures: dict[str, Any],
    host_port: int,
    utterance_path: Path,
    answer: str = "place",
) -> None:
    """Place a few calls per worker, from the line's first callers, and keep their figures apart in
    `figures`: each worker builds a question's phrase list on its first stream (seconds on a busy
    machine), which only the first calls after a start pay."""
    figures[mode] = _round(
        line,
        mode,
        WARM_UP_CALLS_PER_WORKER * workers,
        host_port=host_port,
        utterance_path=utterance_path,
        answer=answer,
    )


def _round(
    line: Line,
    mode: str,
    calls: int,
    *,
    host_port: int,
    utterance_path: Path,
    answer: str = "place",
    first_caller: int = 0,
) -> dict[str, Any]:
    """Run `calls` calls, from the line's callers from `first_caller` on, against the running line
    from a caller process of their own; return the round's figures ("remote": a stream line on
    remote recognizers)."""
    deployment, media_url, numbers = line
    spec = {
        "mode": "record" if mode == "record" else "stream",
        "base_url": deployment.base_url,
        "media_url": media_url,
        "host_port": host_port,
        "numbers": numbers[first_caller : first_caller + calls],
        "utterance": str(utterance_path),
        "answer": answer,
    }
    server = deployment.processes["serve"]
    line_cpu, started_cpu = _tree_cpu_seconds(server.pid)
    finished = subprocess.run(
        [sys.executable, "-m", "elderride.bench.stream"],
        input=json.dumps(spec),
        env=deployment.environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    line_after, started_after = _tree_cpu_seconds(server.pid)
    if finished.returncode != 0:
        raise RuntimeError(f"the caller process failed: {finished.stderr[-2000:]}")
    heard = json.loads(finished.stdout)
    return _figures(
        mode, heard, line_cpu=line_after - line_cpu, started_cpu=started_after - started_cpu
    )


def _play_calls(spec: dict[str, Any]) -> dict[str, Any]:
    """In the caller process: place the spec's calls at once, as Twilio would, and time each
    reply."""
    host = TwilioStandIn(port=spec["host_port"])
    host.word = WORD
    utterance = Path(spec["utterance"]).read_bytes()
    spoken = (b"\xff" * int(8000 * LEAD_IN)) + utterance
    # The fixture ends with half a second of silence.
    speech_end = LEAD_IN + len(utterance) / 8000 - 0.5
    calls = len(spec["numbers"])
    heard: dict = {
        "latencies": [],
        "recorded": [],
        "failures": [],
        "audio_seconds": 0.0,
        "live": [],
    }
    place = _record_call if spec["mode"] == "record" else _stream_call

    async def all_calls() -> None:
        # Webhooks and the stand-in's waits block; each call gets a thread for them, so no call
        # waits for another's.
        executor = ThreadPoolExecutor(max_workers=calls)
        try:
            await asyncio.gather(
                *(
                    place(spec, index, host, spoken, speech_end, heard, executor)
                    for index in range(calls)
                )
            )
        finally:
            executor.shutdown(wait=False)

    cpu = time.process_time()
    started = time.perf_counter()
    try:
        asyncio.run(all_calls())
    finally:
        host.close()
    return {
        "latencies": heard["latencies"],
        "recorded": heard["recorded"],
        "failures": heard["failures"],
        "audio_seconds": heard["audio_seconds"],
        "peak_live_streams": rounds.most_at_once(heard["live"]),
        "to_update": heard.get("to_update", []),
        "to_twiml": heard.get("to_twiml", []),
        "wall_seconds": time.perf_counter() - started,
        "caller_cpu_seconds": time.process_time() - cpu,
    }


def _simulator(spec: dict[str, Any], number: str, host: TwilioStandIn) -> CallSimulator:
    from elderride.ivr.simulator import CallSimulator

    host_name, port = spec["base_url"].removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host_name, int(port), timeout=60)

    def post(url: str, params: Mapping[str, str], headers: Mapping[str, str]) -> Any:
        parts = urllib.parse.urlsplit(url)
        connection.request(
            "POST",
            parts.path + (f"?{parts.query}" if parts.query else ""),
            body=urllib.parse.urlencode(params),
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        return response.status, response.read().decode()

    return CallSimulator(
        post,
        base_url=spec["base_url"],
        auth_token=AUTH_TOKEN,
        caller=number,
        recording_host=host,
    )


async def _record_call(
    spec: dict[str, Any],
    index: int,
    host: TwilioStandIn,
    spoken: bytes,
    speech_end: float,
    heard: dict[str, Any],
    executor: ThreadPoolExecutor,
) -> None:
    """One call on the record path: the prompt, the word, Twilio's trailing silence, then the hold
    until the next question."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(index * ARRIVAL_SECONDS / len(spec["numbers"]))
    phone = _simulator(spec, spec["numbers"][index], host)
    await loop.run_in_executor(executor, phone.start)
    if spec.get("answer") == "address":
        await loop.run_in_executor(executor, phone.press, OTHER_KEY)
    await _recorded(phone, spec, spoken, speech_end, heard, heard["latencies"], executor)


async def _recorded(
    phone: CallSimulator,
    spec: dict[str, Any],
    spoken: bytes,
    speech_end: float,
    heard: dict[str, Any],
    latencies: list[float],
    executor: ThreadPoolExecutor,
) -> None:
    """The caller answers a <Record>: she speaks, Twilio waits for silence, then the line decodes
    the recording while she holds; her reply time goes to `latencies`."""
    from elderride.ivr import twiml

    loop = asyncio.get_running_loop()
    await asyncio.sleep(speech_end)  # she speaks
    ended = time.monotonic()
    await asyncio.sleep(twiml.RECORD_SILENCE)  # Twilio waits for silence to end the recording
    wav = mulaw_wav(spoken)
    said = await loop.run_in_executor(
        executor, lambda: phone.say(wav, duration=round(len(spoken) / 8000))
    )
    heard["audio_seconds"] += len(spoken) / 8000
    if _answered(said.text, spec) and (said.gather is not None or said.ended):
        latencies.append(time.monotonic() - ended)
    else:
        heard["failures"].append(said.text[:80])


async def _stream_call(
    spec: dict[str, Any],
    index: int,
    host: TwilioStandIn,
    spoken: bytes,
    speech_end: float,
    heard: dict[str, Any],
    executor: ThreadPoolExecutor,
) -> None:
    """One call on the stream path: the prompt with the caller's voice streaming at real time,
    until the line moves the call on."""
    from elderride.ivr import media_simulator

    loop = asyncio.get_running_loop()
    await asyncio.sleep(index * ARRIVAL_SECONDS / len(spec["numbers"]))
    phone = _simulator(spec, spec["numbers"][index], host)
    started = await loop.run_in_executor(executor, phone.start)
    if spec.get("answer") == "address":
        started = await loop.run_in_executor(executor, phone.press, OTHER_KEY)
    if not started.streams:
        if started.record is None:
            # What the caller heard instead, so a failure says which answer of the line it was.
            heard["failures"].append(f"no stream offered: {started.text[:60]}")
            return
        # No worker had room: the question records, as the line does past its cap.
        await _recorded(phone, spec, spoken, speech_end, heard, heard["recorded"], executor)
        return
    url, parameters = media_simulator.stream_parameters(started.streams[0])
    moments = {"opened": time.monotonic()}

    def on_frame(sent: float) -> None:
        if "ended" not in moments and sent >= speech_end:
            moments["ended"] = time.monotonic()

    result = await media_simulator.play(
        spec["media_url"],
        public_url=url,
        auth_token=AUTH_TOKEN,
        call_sid=phone.call_sid,
        parameters=parameters,
        audio=spoken + media_simulator.silence(3),
        on_frame=on_frame,
    )
    heard["live"].append((moments["opened"], time.monotonic()))
    heard["audio_seconds"] += result["sent"]
    update = await loop.run_in_executor(executor, host.wait_update, phone.call_sid, 10)
    if update is None or "ended" not in moments:
        # The line's close frame says why it gave the stream up (behind, crashed, stalled).
        why = f": {result['close_reason']}" if result.get("close_reason") else ""
        heard["failures"].append(
            f"no update (stream closed {result['close_code']}{why}), asked: {started.text[-50:]}"
        )
        return
    asked = time.monotonic()
    said = await loop.run_in_executor(executor, phone.moved_to, update[1])
    if _answered(said.text, spec):
        heard["latencies"].append(time.monotonic() - moments["ended"])
        # Where the time went: the recognizer's wait and backlog with the line's handling up to
        # Twilio's call update, then the next question's TwiML.
        heard.setdefault("to_update", []).append(update[0] - moments["ended"])
        heard.setdefault("to_twiml", []).append(time.monotonic() - asked)
    else:
        heard["failures"].append(said.text[:80])


def _plain_streaming(model_path: str, audio: bytes, streams: int) -> float:
    """Plain Vosk in this process: `streams` threads each feed a recognizer 20 ms at a time, as fast
    as it goes."""
    from elderride.speech.audio_decoding import decode_mulaw
    from elderride.speech.models import ELDER_TRAILING_SILENCE
    from elderride.speech.recognizer import load_model, new_recognizer

    model = load_model(model_path, trailing_silence=ELDER_TRAILING_SILENCE)
    pcm = decode_mulaw(audio).pcm_bytes()

    def one(_: int) -> None:
        recognizer = new_recognizer(model, 8000)
        for offset in range(0, len(pcm), 320):
            recognizer.AcceptWaveform(pcm[offset : offset + 320])
        recognizer.FinalResult()

    wall = run_together(streams, one)
    return len(audio) / 8000 * streams / wall


def _pool_streaming(model_path: str, audio: bytes, streams: int, workers: int) -> float:
    """The streaming pool: `streams` streams fed as fast as the workers take them, each to its
    end."""
    from elderride.speech.local import LocalVosk
    from elderride.speech.models import ELDER_TRAILING_SILENCE

    pool = LocalVosk(
        model_path,
        workers=workers,
        trailing_silence=ELDER_TRAILING_SILENCE,
        max_lag=float("inf"),
        streams_per_worker=streams,
    )
    try:
        pool.wait_ready()

        def one(_: int) -> None:
            done = threading.Event()
            stream = pool.open_stream(
                lambda kind, value: done.set() if kind in ("ended", "failed") else None
            )
            for offset in range(0, len(audio), 160):
                stream.feed(audio[offset : offset + 160])
            stream.finish()
            done.wait(300)

        wall = run_together(streams, one)
    finally:
        pool.close()
    return len(audio) / 8000 * streams / wall


def _figures(
    mode: str, heard: dict[str, Any], *, line_cpu: float, started_cpu: float
) -> dict[str, Any]:
    """Return one round's figures from what the caller process heard and the CPU the server's
    processes spent meanwhile."""
    server_cpu = line_cpu + started_cpu
    latencies, recorded = heard["latencies"], heard.get("recorded", [])
    failed = len(heard["failures"])
    # A call a stream line recorded instead (no worker had room) is no live answer: it counts as
    # never answered live, as it did before such calls went on to their <Record>.
    p99 = rounds.reply_p99(latencies, failed + len(recorded))
    live_p99 = rounds.reply_p99(latencies, failed)
    return {
        "mode": mode,
        "calls": len(latencies) + failed + len(recorded),
        "answered": len(latencies),
        "failed": failed + len(recorded),
        "failures": heard["failures"][:3],
        "end_of_speech_to_next_question_p50_ms": round(percentile(latencies, 0.5) * 1000)
        if latencies
        else None,
        "end_of_speech_to_next_question_p99_ms": None if math.isinf(p99) else round(p99 * 1000),
        # Stream rounds: the calls whose stream was admitted, and those given <Record> instead.
        "heard_live": len(latencies) if mode != "record" else 0,
        "live_p99_ms": None if math.isinf(live_p99) else round(live_p99 * 1000),
        "recorded_instead": len(recorded),
        "recorded_instead_answered_p50_ms": _median_ms(recorded),
        "peak_live_streams": heard["peak_live_streams"],
        # Stream rounds: from the end of speech to Twilio's call update (the endpointer's wait,
        # any decoding backlog, the final result and the line's handling), then the TwiML.
        "end_of_speech_to_call_update_p50_ms": _median_ms(heard.get("to_update")),
        "call_update_to_next_question_p50_ms": _median_ms(heard.get("to_twiml")),
        "server_cpu_seconds_per_call": round(server_cpu / (len(latencies) + failed), 3)
        if latencies or failed
        else None,
        "wall_seconds": round(heard["wall_seconds"], 2),
        "server_cpu_seconds": round(server_cpu, 2),
        # The phone line's own process (webhooks, media websockets, feeding the workers), and the
        # processes it started (the speech workers; the page process, idle here).
        "line_process_cpu_seconds": round(line_cpu, 2),
        "worker_and_page_cpu_seconds": round(started_cpu, 2),
        "caller_cpu_seconds": round(heard["caller_cpu_seconds"], 2),
        # Real-time streams one core of the server can hear: audio seconds per CPU second.
        "streams_per_core": round(heard["audio_seconds"] / server_cpu, 1) if server_cpu else None,
    }


def _median_ms(seconds: list[float] | None) -> int | None:
    return round(statistics.median(seconds) * 1000) if seconds else None


def _setting(name: str) -> Any:
    """Return the default of one of elderride's settings."""
    from elderride import settings

    return settings.DEFAULTS[name]


def bench_stream(
    model_path: str,
    *,
    calls: int,
    workers: int,
    repeats: int,
    streams_per_worker: int | None,
    utterance_path: Path,
    throughput_audio: bytes,
    answer: str = "place",
    vosk_server: str | None = None,
    free_stream_cost: float | None = None,
) -> dict[str, Any]:
    """Measure both paths on `calls` simultaneous calls in alternating rounds against two real
    servers (and a third streaming to the `vosk_server` recognizers, when given); return each
    round, the medians, the ratios' spread and goals."""
    result: dict[str, Any] = {
        "benchmark": "stream",
        "calls": calls,
        "pool_workers": workers,
        "streams_per_worker": streams_per_worker or _setting("SPEECH_STREAMS_PER_WORKER"),
        "free_stream_cost": free_stream_cost or _setting("SPEECH_FREE_STREAM_COST"),
        "repeats": repeats,
        "cpus": os.cpu_count(),
        "model": str(model_path),
        "answer": answer,
        "vosk_server": vosk_server,
        "load_average_before": [round(value, 2) for value in os.getloadavg()],
    }
    host_port = free_port()
    result["warm_up"] = {}
    # Each round calls from callers of its own, as new callers would: a ride the <Record> line
    # booked for review would otherwise greet the next round's caller with its status instead of
    # the question.  Every line seeds the same callers, so repeat N's rounds call from the same.
    warm_up_calls = WARM_UP_CALLS_PER_WORKER * workers
    line = functools.partial(
        _line,
        model_path=model_path,
        workers=workers,
        streams_per_worker=streams_per_worker,
        callers=warm_up_calls + repeats * calls,
        word=WORD,
        host_port=host_port,
        free_stream_cost=free_stream_cost,
    )
    warm_up = functools.partial(
        _warm_up,
        workers=workers,
        figures=result["warm_up"],
        host_port=host_port,
        utterance_path=utterance_path,
        answer=answer,
    )
    with tempfile.TemporaryDirectory(prefix="elderride-bench-stream-") as folder:
        # Every server stays up the whole run (an idle one takes no CPU), so no round pays a start.
        with contextlib.ExitStack() as running:
            lines = {
                mode: running.enter_context(
                    line(folder, mode, warm_up=functools.partial(warm_up, mode))
                )
                for mode in ("record", "stream")
            }
            if vosk_server:
                lines["remote"] = running.enter_context(
                    line(
                        folder,
                        "stream",
                        warm_up=functools.partial(warm_up, "remote"),
                        vosk_server=vosk_server,
                    )
                )
            result["rounds"] = [
                {
                    "repeat": repeat,
                    **_round(
                        lines[mode],
                        mode,
                        calls,
                        host_port=host_port,
                        utterance_path=utterance_path,
                        answer=answer,
                        first_caller=warm_up_calls + (repeat - 1) * calls,
                    ),
                }
                for mode, repeat in rounds.interleaved(tuple(lines), repeats)
            ]
    result["load_average_after"] = [round(value, 2) for value in os.getloadavg()]
    compared = ("end_of_speech_to_next_question_p50_ms", "end_of_speech_to_next_question_p99_ms")
    result.update(rounds.summarize(result["rounds"], "record", "stream", compared))
    if vosk_server:
        # The remote line beside <Record>, and beside local Vosk: its cost over local streaming.
        result.update(rounds.summarize(result["rounds"], "record", "remote", compared))
        result.update(rounds.summarize(result["rounds"], "remote", "stream", compared))
    plain = _plain_streaming(model_path, throughput_audio, workers)
    pooled = _pool_streaming(model_path, throughput_audio, workers, workers)
    result["throughput"] = {
        "streams": workers,
        "plain_vosk_audio_seconds_per_second": round(plain, 2),
        "pool_audio_seconds_per_second": round(pooled, 2),
        "pool_over_plain": round(pooled / plain, 3),
    }
    stream_rounds = [round_ for round_ in result["rounds"] if round_["mode"] == "stream"]
    hears = rounds.streams_one_core_hears(stream_rounds)
    result["streams_one_core_hears"] = None if hears is None else round(hears, 1)
    speedup = result["record_over_stream_end_of_speech_to_next_question_p50_ms"]
    result["goals"] = {
        "stream_p99_at_most_1500_ms": all(
            round_["end_of_speech_to_next_question_p99_ms"] is not None
            and round_["end_of_speech_to_next_question_p99_ms"] <= 1500
            for round_ in stream_rounds
        ),
        "stream_at_least_2x_faster_than_record": speedup is not None and speedup["median"] >= 2,
        "pool_streaming_within_0.9_of_plain": result["throughput"]["pool_over_plain"] >= 0.9,
    }
    return result


def find_capacity(
    model_path: str,
    *,
    workers: int,
    streams_per_worker: int | None,
    runs: int,
    start: int,
    limit: int,
    resolution: int,
    utterance_path: Path,
) -> dict[str, Any]:
    """Raise the number of live calls on a real server until the reply after the end of speech
    passes 1.5 s p99, `runs` times; return each search and the median of the most calls held."""
    result: dict[str, Any] = {
        "benchmark": "stream capacity",
        "goal": f"end of speech to next question p99 <= {rounds.REPLY_GOAL_SECONDS * 1000:.0f} ms",
        "pool_workers": workers,
        "streams_per_worker": streams_per_worker or _setting("SPEECH_STREAMS_PER_WORKER"),
        "cpus": os.cpu_count(),
        "model": str(model_path),
        "searches": [],
    }
    host_port = free_port()
    result["warm_up"] = {}
    with (
        tempfile.TemporaryDirectory(prefix="elderride-bench-capacity-") as folder,
        _line(
            folder,
            "stream",
            model_path=model_path,
            workers=workers,
            streams_per_worker=streams_per_worker,
            callers=max(limit, WARM_UP_CALLS_PER_WORKER * workers),
            word=WORD,
            host_port=host_port,
            warm_up=functools.partial(
                _warm_up,
                "stream",
                workers=workers,
                figures=result["warm_up"],
                host_port=host_port,
                utterance_path=utterance_path,
            ),
        ) as line,
    ):
        for _ in range(runs):
            levels: list[dict] = []
            measure = functools.partial(
                _capacity_level, line, levels, host_port=host_port, utterance_path=utterance_path
            )
            search = rounds.find_capacity(measure, start=start, limit=limit, resolution=resolution)
            result["searches"].append(
                {"held": search.held, "first_missed": search.first_missed, "levels": levels}
            )
    held = [search["held"] for search in result["searches"]]
    result["held_calls"] = held
    result["median_held_calls"] = statistics.median(held)
    result["streams_per_worker_held"] = rounds.streams_per_worker(held, workers)
    levels = [level for search in result["searches"] for level in search["levels"]]
    hears = rounds.streams_one_core_hears([*result["warm_up"].values(), *levels])
    result["streams_one_core_hears"] = None if hears is None else round(hears, 1)
    return result


def _capacity_level(
    line: Line, levels: list[dict[str, Any]], calls: int, *, host_port: int, utterance_path: Path
) -> float:
    """Run one round of `calls` live calls for the capacity search; keep its figures in `levels`
    and return its p99 in seconds."""
    figures = _round(line, "stream", calls, host_port=host_port, utterance_path=utterance_path)
    figures["load_average"] = round(os.getloadavg()[0], 2)
    levels.append(figures)
    print(
        f"{calls} calls: p99 {figures['end_of_speech_to_next_question_p99_ms']} ms, "
        f"{figures['failed']} failed, load {figures['load_average']}",
        file=sys.stderr,
    )
    p99 = figures["end_of_speech_to_next_question_p99_ms"]
    return math.inf if p99 is None else p99 / 1000


def main() -> None:
    """The caller process: read one round's spec on stdin, place its calls, print what was
    heard."""
    spec = json.loads(sys.stdin.read())
    print(json.dumps(_play_calls(spec)))


if __name__ == "__main__":
    main()

"""`elderride bench stream`: live answers over media streams beside the same answers through
<Record>, in one run.

Each simulated call says the same word at the menu.  On the stream path the
caller's audio is played at real time into the media server and the line moves
the call on through a local stand-in for Twilio's REST host; on the record path
Twilio first waits out RECORD_SILENCE seconds of trailing silence, then the
recording is fetched, decoded and understood while the caller holds (at
Twilio's pace).  Both report the time from the end of speech to the next
question, and how much audio one core of the pool hears per second.
"""

import asyncio
import base64
import http.server
import json
import os
import re
import struct
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from elderride.bench.measure import percentile, run_together

ACCOUNT_SID = "AC" + "5" * 32
AUTH_TOKEN = "bench-auth-token"
LEAD_IN = 0.5  # seconds of the prompt before the caller speaks
TICKS = os.sysconf("SC_CLK_TCK")
# With `address`, every call presses 8 (somewhere else) and says an address in free speech; it is
# answered once the line reads it back (or books it for a person to listen to).
OTHER_KEY = "8"
ADDRESS_ANSWERED = ("A car from Home to", "A person will check the address")


def _answered(text, address):
    """Whether what the caller heard next is the answer to their words."""
    return any(words in text for words in ADDRESS_ANSWERED) if address else "Clinic" in text


class TwilioStandIn:
    """Twilio's REST host on 127.0.0.1: recordings behind Basic auth, and live call updates with
    when they came."""

    def __init__(self):
        self.recordings: dict[str, bytes] = {}
        self.updates: dict[str, tuple[float, str]] = {}  # CallSid -> (monotonic time, Url)
        self.word = ""  # what every simulated call says at the menu
        self.arrived = threading.Condition()
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
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

            def do_POST(self):
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

            def _send(self, status, body, content_type):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, recording_sid, wav_bytes):
        """Hold a recording; return its RecordingUrl as Twilio reports it."""
        self.recordings[recording_sid] = wav_bytes
        return f"{self.url}/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{recording_sid}"

    def wait_update(self, call_sid, timeout):
        """Return (time, Url) of the call's update once it came, or None."""
        with self.arrived:
            self.arrived.wait_for(lambda: call_sid in self.updates, timeout)
            return self.updates.get(call_sid)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def mulaw_wav(data):
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


def _cpu_seconds(pids):
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def _build_app(instance, mode, model_path, workers, calls, host):
    from elderride import create_app
    from elderride.services.people import places, seniors
    from elderride.store import connect

    app = create_app(
        {
            "DATABASE": str(Path(instance) / f"{mode}.db"),
            "RECORDINGS": str(Path(instance) / f"{mode}-recordings"),
            "SECRET_KEY": "bench",
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_API_BASE": host.url,
            "OPERATOR_NUMBER": "+15550100090",
            "VOSK_MODEL": str(model_path),
            "SPEECH_WORKERS": workers,
            "SPEECH_TIMEOUT": 30.0,
            "SPEECH_MODE": mode,
            "PUBLIC_BASE_URL": "http://localhost",
            "SPEECH_STREAMS_PER_WORKER": max(6, -(-calls // workers) + 2),
        }
    )
    db = connect(app.config["DATABASE"])
    numbers = []
    try:
        for index in range(calls):
            number = f"+1555040{index:04d}"
            senior_id = seniors.create_senior(
                db, name=f"Caller {index}", language="en", numbers=[(number, "mobile")]
            )
            places.add_place(db, senior_id, label="Home", address=f"{index} Home Street")
            places.add_place(
                db, senior_id, label="Clinic", address="1 Clinic Road", aliases=[host.word]
            )
            numbers.append(number)
    finally:
        db.close()
    return app, numbers


def _simulator(app, number, host, pause_seconds=1.0):
    from elderride.ivr.simulator import CallSimulator

    client = app.test_client()

    def post(url, params, headers):
        response = client.post(url.replace("http://localhost", ""), data=params, headers=headers)
        return response.status_code, response.get_data(as_text=True)

    return CallSimulator(
        post,
        base_url="http://localhost",
        auth_token=AUTH_TOKEN,
        caller=number,
        recording_host=host,
        pause_seconds=pause_seconds,
    )


def _record_path(app, numbers, host, utterance, speech_end, address=False):
    """Each call: the prompt, the word, Twilio's trailing silence, then the hold until the next
    question."""
    from elderride.ivr import twiml
    from elderride.web import speech

    engine = speech.get_engine(app)
    engine.wait_ready()
    latencies, failures = [], []
    wav = mulaw_wav(utterance)

    def call(index):
        time.sleep(index * 0.05)  # calls arrive spread over a moment
        phone = _simulator(app, numbers[index], host)
        phone.start()
        if address:
            phone.press(OTHER_KEY)
        time.sleep(speech_end)  # she speaks
        ended = time.monotonic()
        time.sleep(twiml.RECORD_SILENCE)  # Twilio waits for silence before it ends the recording
        heard = phone.say(wav, duration=round(len(utterance) / 8000))
        if _answered(heard.text, address) and (heard.gather is not None or heard.ended):
            latencies.append(time.monotonic() - ended)
        else:
            failures.append(heard.text[:80])

    pids = [pid for pid, _ in engine.workers()]
    cpu = _cpu_seconds(pids)
    wall = run_together(len(numbers), call)
    cpu = _cpu_seconds(pids) - cpu
    return latencies, failures, wall, cpu, len(utterance) / 8000 * len(numbers)


def _stream_path(app, numbers, host, utterance, speech_end, address=False):
    """Each call: the prompt with the caller's voice streaming at real time; the line moves the call
    on."""
    from elderride.ivr import media_simulator
    from elderride.media_server import MediaServer
    from elderride.web import speech

    engine = speech.get_engine(app)
    engine.wait_ready()
    server = MediaServer(app).start()
    latencies, failures, streamed = [], [], []
    audio = utterance + media_simulator.silence(3)

    def call(index):
        time.sleep(index * 0.05)
        phone = _simulator(app, numbers[index], host)
        heard = phone.start()
        if address:
            heard = phone.press(OTHER_KEY)
        if not heard.streams:
            failures.append("no stream offered")
            return
        url, parameters = media_simulator.stream_parameters(heard.streams[0])
        moments = {}

        def on_frame(sent):
            if "ended" not in moments and sent >= speech_end:
                moments["ended"] = time.monotonic()

        result = asyncio.run(
            media_simulator.play(
                server.url + "/voice/media",
                public_url=url,
                auth_token=AUTH_TOKEN,
                call_sid=phone.call_sid,
                parameters=parameters,
                audio=audio,
                on_frame=on_frame,
            )
        )
        streamed.append(result["sent"])
        update = host.wait_update(phone.call_sid, timeout=10)
        if update is None or "ended" not in moments:
            failures.append(f"no update (stream closed {result['close_code']})")
            return
        heard = phone.moved_to(update[1])
        if _answered(heard.text, address):
            latencies.append(time.monotonic() - moments["ended"])
        else:
            failures.append(heard.text[:80])

    pids = [pid for pid, _ in engine.workers()]
    cpu = _cpu_seconds(pids)
    try:
        wall = run_together(len(numbers), call)
    finally:
        server.stop()
    cpu = _cpu_seconds(pids) - cpu
    return latencies, failures, wall, cpu, sum(streamed)


def _plain_streaming(model_path, audio, streams):
    """Plain Vosk in this process: `streams` threads each feed a recognizer 20 ms at a time, as fast
    as it goes."""
    from elderride.speech.audio_decoding import decode_mulaw
    from elderride.speech.models import ELDER_TRAILING_SILENCE
    from elderride.speech.recognizer import load_model, new_recognizer

    model = load_model(model_path, trailing_silence=ELDER_TRAILING_SILENCE)
    pcm = decode_mulaw(audio).pcm_bytes()

    def one(_):
        recognizer = new_recognizer(model, 8000)
        for offset in range(0, len(pcm), 320):
            recognizer.AcceptWaveform(pcm[offset : offset + 320])
        recognizer.FinalResult()

    wall = run_together(streams, one)
    return len(audio) / 8000 * streams / wall


def _pool_streaming(model_path, audio, streams, workers):
    """The streaming pool: `streams` streams fed as fast as the workers take them, each to its
    end."""
    from elderride.speech.models import ELDER_TRAILING_SILENCE
    from elderride.speech.streaming import StreamingPool

    pool = StreamingPool(
        model_path,
        workers=workers,
        trailing_silence=ELDER_TRAILING_SILENCE,
        max_lag=float("inf"),
        streams_per_worker=streams,
    )
    try:
        pool.wait_ready()

        def one(_):
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


def _figures(latencies, failures, wall, cpu, audio_seconds):
    return {
        "answered": len(latencies),
        "failed": len(failures),
        "failures": failures[:3],
        "end_of_speech_to_next_question_p50_ms": round(percentile(latencies, 0.5) * 1000)
        if latencies
        else None,
        "end_of_speech_to_next_question_p99_ms": round(percentile(latencies, 0.99) * 1000)
        if latencies
        else None,
        "wall_seconds": round(wall, 2),
        "worker_cpu_seconds": round(cpu, 2),
        # Real-time streams one core of the pool can hear: audio seconds per CPU second.
        "streams_per_core": round(audio_seconds / cpu, 1) if cpu else None,
    }


def bench_stream(model_path, *, calls, workers, word, utterance, throughput_audio, address=False):
    """Measure both paths on `calls` simultaneous calls saying `utterance` (at the menu, or with
    `address` as the address of somewhere else); return the figures, ratios and goals."""
    # The fixture ends with half a second of silence.
    speech_end = LEAD_IN + len(utterance) / 8000 - 0.5
    spoken = (b"\xff" * int(8000 * LEAD_IN)) + utterance
    result = {
        "benchmark": "stream",
        "calls": calls,
        "pool_workers": workers,
        "cpus": os.cpu_count(),
        "model": str(model_path),
        "answer": "address" if address else "place",
    }
    with tempfile.TemporaryDirectory(prefix="elderride-bench-stream-") as instance:
        host = TwilioStandIn()
        host.word = word
        try:
            for mode, path in (("record", _record_path), ("stream", _stream_path)):
                from elderride.web import speech

                app, numbers = _build_app(instance, mode, model_path, workers, calls, host)
                try:
                    latencies, failures, wall, cpu, audio_seconds = path(
                        app, numbers, host, spoken, speech_end, address
                    )
                finally:
                    engine = speech.get_engine(app)
                    if engine is not None:
                        engine.close()
                result[mode] = _figures(latencies, failures, wall, cpu, audio_seconds)
        finally:
            host.close()
    plain = _plain_streaming(model_path, throughput_audio, workers)
    pooled = _pool_streaming(model_path, throughput_audio, workers, workers)
    result["throughput"] = {
        "streams": workers,
        "plain_vosk_audio_seconds_per_second": round(plain, 2),
        "pool_audio_seconds_per_second": round(pooled, 2),
        "pool_over_plain": round(pooled / plain, 3),
    }
    stream_p99 = result["stream"]["end_of_speech_to_next_question_p99_ms"]
    stream_p50 = result["stream"]["end_of_speech_to_next_question_p50_ms"]
    record_p50 = result["record"]["end_of_speech_to_next_question_p50_ms"]
    result["stream_speedup_p50"] = (
        round(record_p50 / stream_p50, 2) if stream_p50 and record_p50 else None
    )
    result["goals"] = {
        "stream_p99_at_most_1500_ms": stream_p99 is not None
        and stream_p99 <= 1500
        and not result["stream"]["failed"],
        "stream_at_least_2x_faster_than_record": (result["stream_speedup_p50"] or 0) >= 2,
        "pool_streaming_within_0.9_of_plain": result["throughput"]["pool_over_plain"] >= 0.9,
    }
    return result

"""Speech workers share one loaded model: each is forked from a process that loaded it, so a second
worker costs its own decoding memory, not a second 500 MB copy. Checked from outside, on a pool
run in a process of its own."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

POOL = """
import json, sys
from elderride.speech.local import LocalVosk
from elderride.speech.audio_decoding import read_file
from elderride.speech.transcript import SpeechFailed

def main():
    kind, model, audio = sys.argv[1:4]
    options = {} if kind == "record" else {"streams_per_worker": 2}
    # The test is about memory, not speed: on a loaded machine a worker forked a moment ago may
    # take longer than the line's 10 s to answer, and its timeout message is no transcript.
    engine = LocalVosk(model, workers=2, timeout=120, **options)
    engine.wait_ready()
    print(json.dumps([pid for pid, _ in engine.workers()]), flush=True)
    for line in sys.stdin:  # each line: decode once more and print the workers again
        try:
            text = engine.transcribe(read_file(audio)).text
        except SpeechFailed as error:  # the job the killed worker held fails; the next succeeds
            text = str(error)
        workers = [pid for pid, _ in engine.workers()]
        print(json.dumps({"text": text, "workers": workers}), flush=True)
    engine.close()

if __name__ == "__main__":
    main()
"""

AUDIO = Path(__file__).parent / "fixtures" / "audio" / "ne-16k.wav"


def memory(pid):
    """Resident and private (not shared with another process) memory of `pid`, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":")
        fields[name] = int(value.split()[0]) // 1024
    return fields["Rss"], fields["Private_Clean"] + fields["Private_Dirty"]


def parent(pid):
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.fixture
def pool_process(tmp_path, model_path):
    started = []

    def start(kind):
        script = tmp_path / "pool.py"
        script.write_text(POOL)
        process = subprocess.Popen(
            [sys.executable, str(script), kind, model_path, str(AUDIO)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process, json.loads(process.stdout.readline())

    yield start
    for process in started:
        process.kill()
        process.wait(30)
        process.stdin.close()
        process.stdout.close()


@pytest.mark.parametrize("kind", ["record", "stream"])
def test_workers_share_the_model_one_process_loaded(pool_process, kind):
    process, workers = pool_process(kind)
    assert len(workers) == 2
    # Both are children of one process that is not the server: the one that loaded the model.
    loader = {parent(pid) for pid in workers}
    assert len(loader) == 1 and process.pid not in loader
    for pid in workers:
        resident, private = memory(pid)
        # Spawned, each worker held its own copy: private memory was nearly all of it (~520 MB).
        assert resident > 300 and private < resident / 3, (pid, resident, private)


def test_a_killed_worker_is_replaced_by_one_sharing_the_model(pool_process):
    process, workers = pool_process("record")
    process.stdin.write("first\n")
    process.stdin.flush()
    heard = json.loads(process.stdout.readline())["text"]
    os.kill(workers[0], signal.SIGKILL)  # what a Kaldi assertion does
    replaced = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        process.stdin.write("again\n")
        process.stdin.flush()
        reply = json.loads(process.stdout.readline())
        if workers[0] not in reply["workers"] and None not in reply["workers"]:
            replaced = reply
            break
    assert replaced is not None, "the killed worker was never replaced"
    new = next(pid for pid in replaced["workers"] if pid not in workers)
    process.stdin.write("again\n")
    process.stdin.flush()
    assert json.loads(process.stdout.readline())["text"] == heard
    resident, private = memory(new)
    assert parent(new) == parent(workers[1]) and private < resident / 3


def test_bench_memory_measures_both_ways_in_one_run(model_path):
    # Its own process: the forkserver is one per process, and this suite's may hold another model.
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "elderride",
            "bench",
            "memory",
            "--workers",
            "1",
            "--model",
            model_path,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    result = json.loads(finished.stdout)
    spawned, shared = result["spawned"], result["shared"]
    assert spawned["model_holder_mb"] == [] and len(shared["model_holder_mb"]) == 1
    assert shared["total_mb"] == sum(shared["workers_mb"]) + shared["model_holder_mb"][0]
    # One worker forked after the load: it and the model's holder share the model's pages.
    assert shared["workers_mb"][0] < spawned["workers_mb"][0] * 0.75
    ratio = round(shared["total_mb"] / spawned["total_mb"], 3)
    assert result["shared_over_spawned_memory"] == ratio


ONE_ENGINE = """
import json, sys, threading
from elderride import settings
from elderride.speech import engines
from elderride.speech.audio_decoding import read_file

def main():
    model, audio, stream_audio = sys.argv[1:4]
    config = dict(settings.DEFAULTS) | {
        "VOSK_MODEL": model, "SPEECH_MODE": "stream", "SPEECH_WORKERS": 2, "SPEECH_TIMEOUT": 60
    }
    engine = engines.build(config)
    engine.wait_ready()
    ended = threading.Event()
    stream = engine.open_stream(lambda kind, value: ended.set() if kind == "ended" else None)
    stream.feed(open(stream_audio, "rb").read())
    stream.finish()
    text = engine.transcribe(read_file(audio), phrases=["네", "아니요", "예약"]).text
    ended.wait(60)
    print(json.dumps({"text": text, "streamed": ended.is_set()}), flush=True)
    sys.stdin.readline()  # the test looks at the processes meanwhile
    engine.close()

if __name__ == "__main__":
    main()
"""


def test_recordings_and_streams_are_served_by_the_same_worker_processes(tmp_path, model_path):
    # The engine a stream-mode line builds, in a process of its own: every process its model's
    # loader forked is one of the two workers, after one of them has decoded a recording and one
    # a stream. A second pool would have forked workers of its own.
    script = tmp_path / "engine.py"
    script.write_text(ONE_ENGINE)
    process = subprocess.Popen(
        [sys.executable, str(script), model_path, str(AUDIO), str(AUDIO.parent / "ne-8k.ulaw")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert json.loads(process.stdout.readline()) == {"text": "네", "streamed": True}
        children = {
            int(entry.name)
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and _parent_or_none(int(entry.name)) == process.pid
        }
        loaders = [pid for pid in children if _children_of(pid)]
        assert len(loaders) == 1  # the forkserver that loaded the model
        assert len(_children_of(loaders[0])) == 2
    finally:
        process.kill()
        process.wait(30)
        process.stdin.close()
        process.stdout.close()


def _parent_or_none(pid):
    try:
        return parent(pid)
    except (FileNotFoundError, ProcessLookupError):
        return None


def _children_of(pid):
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _parent_or_none(int(entry.name)) == pid
    ]

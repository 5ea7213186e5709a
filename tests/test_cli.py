"""The `elderride` command line: help everywhere, clean errors, the demo and the server."""

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
    return {"ELDERRIDE_INSTANCE_PATH": str(tmp_path / "instance"), "ELDERRIDE_SECRET_KEY": "cli-test"}


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
    assert re.search(r"Margaret Chen \(\+15550100001\): http://127\.0\.0\.1:5000/s/\S+", result.output)
    assert "lily@example.com" in result.output and "dispatch@example.com" in result.output
    again = invoke(env, "seed-demo")
    assert again.exit_code == 1
    assert "already has seniors" in again.output
    assert "Traceback" not in again.output


def test_device_link_prints_the_current_link_and_can_renew_it(env):
    invoke(env, "seed-demo")
    first = invoke(env, "device-link", "+1 555 010 0001").output.strip()
    assert first == invoke(env, "device-link", "+15550100001").output.strip()
    renewed = invoke(env, "device-link", "+15550100001", "--new", "--base-url", "https://rides.example.org/").output.strip()
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
    environment = {key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")}
    environment["ELDERRIDE_INSTANCE_PATH"] = str(tmp_path / "fresh")
    server = subprocess.Popen(
        [sys.executable, "-m", "elderride", "serve", "--demo", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer /healthz")
        link = subprocess.run(
            [sys.executable, "-m", "elderride", "device-link", "+15550100001", "--base-url", base],
            env=environment, capture_output=True, text=True, check=True,
        ).stdout.strip()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(link, timeout=5) as response:
            page = response.read().decode()
        assert response.url == f"{base}/senior"
        assert "Margaret Chen" in page and "City Hospital" in page
    finally:
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=10)[0]
    assert f"{base}/s/" in output
    assert (tmp_path / "fresh" / "elderride.db").exists()
    assert (tmp_path / "fresh" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_bench_web_books_through_a_real_server_and_reports_ratios():
    result = subprocess.run(
        [sys.executable, "-m", "elderride", "bench", "web", "--concurrency", "2", "--bookings", "3"],
        capture_output=True, text=True, check=True, timeout=120,
    )
    import json

    report = json.loads(result.stdout)
    assert report["errors"] == []
    # Three runs of 2 devices x 3 bookings, each booking beside one /livez request in the same run.
    assert report["runs"] == 3 and report["bookings"]["count"] == 18 and report["trivial_endpoint"]["count"] == 18
    assert len(report["ratio_p99_each_run"]) == 3 and len(report["bookings"]["runs_p99_ms"]) == 3
    assert report["ratio_p50"] == round(report["bookings"]["p50_ms"] / report["trivial_endpoint"]["p50_ms"], 2)

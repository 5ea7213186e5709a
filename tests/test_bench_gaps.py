"""`elderride bench gaps`: how long recognizers keep an answer owed, measured side by side."""

import json
import signal
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from elderride.bench.gaps import PHRASES, bench_gaps
from elderride.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "audio"


def test_a_recognizer_frozen_for_a_second_shows_a_second_long_gap_beside_one_that_was_not(
    recognizer_processes,
):
    (frozen, frozen_url), (_, steady_url) = recognizer_processes
    spoken = (FIXTURES / "yeyak-8k.ulaw").read_bytes()

    def freeze_once_streaming():
        # Its round comes first and lasts about 3.5 s (0.5 s of silence, the word, 2 s of silence).
        time.sleep(1.2)
        frozen.send_signal(signal.SIGSTOP)
        time.sleep(1.0)
        frozen.send_signal(signal.SIGCONT)

    freezer = threading.Thread(target=freeze_once_streaming)
    freezer.start()
    result = bench_gaps(
        [frozen_url, steady_url], streams=1, repeats=1, spoken=spoken, phrases=PHRASES
    )
    freezer.join()
    stalled, steady = result["recognizers"]
    assert (stalled["url"], steady["url"]) == (frozen_url, steady_url)
    # Every message was answered, and none of the streams failed (1 s is under the stall bound).
    for measured in (steady, stalled):
        (round_,) = measured["rounds"]
        assert round_["answers"] > 100 and round_["failed"] == []
    assert stalled["longest_ms"] >= 900 > steady["longest_ms"]
    assert steady["p99_vs_first"] == round(steady["p99_ms_median"] / stalled["p99_ms_median"], 2)


def test_the_command_measures_each_recognizer_once_and_refuses_what_is_not_a_recognizer(
    recognizer_processes,
):
    (_, url), _ = recognizer_processes
    runner = CliRunner()
    refused = runner.invoke(cli, ["bench", "gaps", "http://127.0.0.1:2700"])
    assert refused.exit_code != 0 and "starts with ws://" in refused.output
    measured = runner.invoke(
        cli, ["bench", "gaps", url, url, "--streams", "1", "--repeats", "1", "--answer", "address"]
    )
    assert measured.exit_code == 0, measured.output
    result = json.loads(measured.output)
    (only,) = result["recognizers"]
    assert result["answer"] == "free speech" and len(only["rounds"]) == 1
    assert only["rounds"][0]["answers"] > 100 and only["p99_vs_first"] == 1.0

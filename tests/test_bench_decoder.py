"""`elderride bench decoder`: lighter decoder searches beside the model's own, on the real Korean
model and espeak-ng speech."""

import json
from pathlib import Path

import pytest

from elderride.bench import decoder
from elderride.speech import models
from tests.test_speech import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "audio"


def test_a_working_copy_takes_a_narrower_search_and_leaves_the_model_alone(model_path):
    original = (Path(model_path) / "conf" / "model.conf").read_bytes()
    own = models.decoder_of(model_path)
    assert own == {"max-active": 3000.0, "beam": 10.0, "lattice-beam": 2.0}
    copy = models.working_copy(model_path, decoder={"max-active": 1000, "beam": 8})
    assert models.decoder_of(copy) == {"max-active": 1000.0, "beam": 8.0, "lattice-beam": 2.0}
    conf = (copy / "conf" / "model.conf").read_text()
    assert conf.count("--max-active=") == 1 and conf.count("--beam=") == 1
    assert (Path(model_path) / "conf" / "model.conf").read_bytes() == original
    # Another search is another copy; the same one is found again.
    assert models.working_copy(model_path) != copy
    assert models.working_copy(model_path, decoder={"max-active": 1000, "beam": 8}) == copy
    with pytest.raises(ValueError, match="not a decoder option"):
        models.working_copy(model_path, decoder={"min-trailing-silence": 1})


@pytest.mark.parametrize(
    ("given", "wrong"),
    [
        ("max-active", "needs a number"),
        ("beam=wide", "needs a number"),
        ("beam=0", "above 0"),
        ("acoustic-scale=2", "not a decoder option"),
        ("max-active=1000,,beam=8", "not a decoder option"),
    ],
)
def test_a_setting_that_is_no_search_says_what_to_write(given, wrong):
    with pytest.raises(ValueError, match=wrong):
        decoder.parse_setting(given)


def test_character_error_rate_counts_edits_against_what_was_said_spaces_aside():
    assert decoder.edits("시장에", "시장에") == 0
    assert decoder.edits("시장에", "시장") == 1
    assert decoder.edits("시장에", "지장예") == 2
    assert decoder.edits("", "네") == 1
    # "시장에가요" against "시장 가요": one of five characters missing.
    assert decoder.error_rate([("시장에 가요", "시장 가요")]) == 0.2
    assert decoder.error_rate([("네", "네"), ("아니요", "")]) == 0.75


def test_every_recording_the_bench_reads_says_what_spoken_tsv_says():
    spoken = decoder.read_spoken(FIXTURES)
    assert {said.kind for said in spoken} == {"phrase", "address"}
    assert all(said.audio.rate == 8000 and said.audio.duration > 0.5 for said in spoken)
    assert [said.words for said in spoken if said.kind == "phrase"] == ["네", "아니요", "예약"]


def test_bench_decoder_measures_a_lighter_search_beside_the_models_own(model_path):
    result = run_cli(
        "bench", "decoder", "--model", model_path, "--setting", "max-active=1000", "--repeats", "1"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    own, lighter = report["runs"]
    assert own["decoder"] == models.decoder_of(model_path)
    assert lighter["decoder"] == {**own["decoder"], "max-active": 1000.0}
    assert own["free_cost_over_own"] == 1.0
    assert lighter["free_cost_over_own"] == round(
        lighter["free_cpu_seconds_per_audio_second"] / own["free_cpu_seconds_per_audio_second"], 3
    )
    # The model's own search agrees with itself; each heard every address and phrase it was given.
    assert own["address_character_error_rate_against_own"] == 0.0
    assert set(own["heard"]) == set(lighter["heard"]) and len(own["heard"]) == report["addresses"]
    assert own["phrases"] == lighter["phrases"] == 3
    for run in report["runs"]:
        assert run["free_cpu_seconds_per_audio_second"] > run["phrase_cpu_seconds_per_audio_second"]


def test_bench_decoder_refuses_a_setting_with_what_to_fix(model_path):
    result = run_cli("bench", "decoder", "--model", model_path, "--setting", "beam=")
    assert result.returncode != 0
    assert "beam needs a number" in result.stderr and "Traceback" not in result.stderr

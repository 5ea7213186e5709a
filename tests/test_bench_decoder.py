"""Lighter decoder searches: the live line's setting, and `elderride bench decoder` measuring them
beside the model's own on the real Korean model and espeak-ng speech."""

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


def test_the_live_line_decodes_with_the_search_its_setting_names(model_path, tmp_path):
    from elderride.speech import engines

    config = {
        "VOSK_MODEL": model_path,
        "SPEECH_MODE": "stream",
        "SPEECH_WORKERS": 1,
        "SPEECH_TIMEOUT": 8,
        "SPEECH_STREAMS_PER_WORKER": 4,
        "SPEECH_FREE_STREAM_COST": 0.4,
    }
    engine = engines.build({**config, "SPEECH_LIVE_DECODER": "max-active=1000, beam=8"})
    try:
        assert models.decoder_of(engine.model_path)["max-active"] == 1000
        assert models.decoder_of(engine.model_path)["beam"] == 8
        assert engine.free_stream_cost == 0.4
    finally:
        engine.close()
    engine = engines.build(config)  # unset: the model's own
    try:
        assert models.decoder_of(engine.model_path) == models.decoder_of(model_path)
    finally:
        engine.close()


def test_a_live_decoder_setting_that_is_no_search_stops_the_start_with_its_name(tmp_path):
    from elderride import create_app

    with pytest.raises(ValueError, match="ELDERRIDE_SPEECH_LIVE_DECODER: 'width' is not a"):
        create_app(
            {
                "DATABASE": str(tmp_path / "e.db"),
                "SECRET_KEY": "x",
                "SPEECH_LIVE_DECODER": "width=3",
            }
        )


@pytest.mark.parametrize(
    ("given", "wrong"),
    [
        ("max-active", "needs a number"),
        ("beam=wide", "needs a number"),
        ("beam=0", "above 0"),
        ("beam=nan", "above 0"),
        ("beam=inf", "above 0"),
        ("acoustic-scale=2", "not a decoder option"),
        ("max-active=1000,,beam=8", "not a decoder option"),
    ],
)
def test_a_setting_that_is_no_search_says_what_to_write(given, wrong):
    with pytest.raises(ValueError, match=wrong):
        models.parse_decoder(given)


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


def test_bench_decoder_measures_a_lighter_search_beside_the_models_own(model_path, tmp_path):
    # Two phrases and one address of the bench's own recordings, so it runs in a busy machine's
    # two minutes.
    rows = [line for line in (FIXTURES / "spoken.tsv").read_text().splitlines()]
    kept = [rows[0]] + [row for row in rows if row.startswith(("ne-", "aniyo-", "sijange-"))]
    (tmp_path / "spoken.tsv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    for row in kept[1:]:
        name = row.split("\t")[0]
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    result = run_cli(
        *("bench", "decoder", "--model", model_path, "--audio", str(tmp_path)),
        *("--setting", "max-active=1000", "--repeats", "1"),
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
    assert report["addresses"] == 1 and own["phrases"] == lighter["phrases"] == 2
    for run in report["runs"]:
        assert run["free_cpu_seconds_per_audio_second"] > run["phrase_cpu_seconds_per_audio_second"]


def test_bench_decoder_refuses_a_setting_with_what_to_fix(model_path):
    result = run_cli("bench", "decoder", "--model", model_path, "--setting", "beam=")
    assert result.returncode != 0
    assert "beam needs a number" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("table", "wrong"),
    [
        ("file\tkind\twords\nne-8k.ulaw\tword\t네\n", "line 2 of spoken.tsv needs"),
        ("file\twords\nne-8k.ulaw\t네\n", "line 2 of spoken.tsv needs"),
        ("file\tkind\twords\nmissing.ulaw\tphrase\t네\n", "missing.ulaw"),
        ("file\tkind\twords\nnot-audio.wav\taddress\t네\n", "not a WAV file"),
        ("file\tkind\twords\nne-8k.ulaw\tphrase\t네\n", "at least one phrase and one address"),
    ],
)
def test_bench_decoder_on_recordings_it_cannot_use_says_why(model_path, tmp_path, table, wrong):
    (tmp_path / "ne-8k.ulaw").write_bytes((FIXTURES / "ne-8k.ulaw").read_bytes())
    (tmp_path / "not-audio.wav").write_bytes(b"RIFF....nonsense")
    (tmp_path / "spoken.tsv").write_text(table, encoding="utf-8")
    result = run_cli("bench", "decoder", "--model", model_path, "--audio", str(tmp_path))
    assert result.returncode != 0 and wrong in result.stderr, result.stderr
    assert "Traceback" not in result.stderr

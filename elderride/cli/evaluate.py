"""`elderride eval …`: how well the phone line understands callers, measured on labelled
examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from elderride.cli.group import cli

if TYPE_CHECKING:
    from elderride.intake.evaluation import Report


@cli.group("eval")
def evaluate() -> None:
    """Measure understanding on labelled examples: the intake parser alone, or speech and parser
    together.

    Example:

        elderride eval intake tests/fixtures/intake/corpus.jsonl --min-accuracy 95
    """


def _percent(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}% ({right}/{total})" if total else "    - (0/0)"


def _print_intake(report: Report) -> None:
    figures = report.as_dict()
    click.echo(f"overall      {_percent(report.correct, report.total)}")
    negatives = figures["hard_negatives"]
    click.echo(
        f"hard negatives: {negatives['total']}, wrong places among them: "
        f"{negatives['wrong_places']}"
    )
    # A wrong place is read back to the caller as if understood: it comes first.
    click.echo(f"\nwrong places ({len(figures['wrong_places'])}):")
    for miss in figures["wrong_places"]:
        click.echo(
            f"  line {miss['line']} [{miss['senior']}] {miss['text']!r}: expected "
            f"{miss['expected']}, understood {miss['understood']}"
        )
    click.echo("\nper intent:")
    for name, value in figures["per_intent"].items():
        click.echo(f"  {name:16} {_percent(value['right'], value['total'])}")
    click.echo("per slot:")
    for name, value in figures["per_slot"].items():
        click.echo(f"  {name:16} {_percent(value['right'], value['total'])}")
    click.echo("\nconfusions (expected -> understood):")
    for confusion in figures["confusions"]:
        click.echo(
            f"  {confusion['count']:3} x {confusion['expected']} -> {confusion['understood']}"
        )
    click.echo(f"\nmisses ({len(figures['misses'])}):")
    for miss in figures["misses"]:
        click.echo(
            f"  line {miss['line']} [{miss['senior']}] {miss['text']!r}: expected "
            f"{miss['expected']}, understood {miss['understood']}"
        )


@evaluate.command("intake")
@click.argument(
    "corpus", metavar="FILE.jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--places",
    "places_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON with the seniors' places and contacts (default: places.json beside FILE).",
)
@click.option(
    "--min-accuracy",
    type=click.FloatRange(0, 100),
    default=0,
    show_default=True,
    help="Exit 1 when overall accuracy (percent) is below this.",
)
@click.option(
    "--max-wrong-places",
    type=click.IntRange(0),
    default=None,
    help="Exit 1 when more places than this are wrong.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def evaluate_intake(
    corpus: Path,
    places_file: Path | None,
    min_accuracy: float,
    max_wrong_places: int | None,
    as_json: bool,
) -> None:
    """Run the intake parser over a labelled JSONL corpus and print accuracy per intent and slot,
    and its confusions.

    Each line is {"senior": ..., "text": ..., "intent": ..., "place": ...} with optional "when",
    "choice"
    and "hard_negative"; the places file gives each senior's language, time zone, places and
    contacts.

    Example:

        elderride eval intake tests/fixtures/intake/corpus.jsonl --min-accuracy 95
        --max-wrong-places 0
    """
    from elderride.intake import evaluation

    places_file = places_file or corpus.with_name("places.json")
    try:
        now, seniors = evaluation.load_seniors(places_file)
        report = evaluation.evaluate(evaluation.load_cases(corpus), seniors, now=now)
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_intake(report)
    failed = 100 * report.accuracy < min_accuracy or (
        max_wrong_places is not None and len(report.wrong_places) > max_wrong_places
    )
    if failed:
        click.echo(
            f"Below the threshold: {100 * report.accuracy:.1f}% overall, "
            f"{len(report.wrong_places)} wrong places.",
            err=True,
        )
        raise SystemExit(1)


@evaluate.command("speech")
@click.argument(
    "folder", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--model",
    "model_dir",
    type=click.Path(file_okay=False),
    help="Vosk model folder (default: ELDERRIDE_VOSK_MODEL).",
)
@click.option(
    "--places",
    "places_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON with the seniors' places and contacts, for intent accuracy (default: places.json in "
    "DIR).",
)
@click.option(
    "--max-wer",
    type=click.FloatRange(0),
    default=None,
    help="Exit 1 when the word error rate (percent) is above this.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def evaluate_speech(
    folder: Path,
    model_dir: str | None,
    places_file: Path | None,
    max_wer: float | None,
    as_json: bool,
) -> None:
    """Transcribe a folder of recordings and print word and character error rates, and intent
    accuracy where labelled.

    DIR holds WAV (or .ulaw) files and a transcripts.jsonl, one {"audio": "a.wav", "text": "what was
    said"}
    per line, optionally with intake labels ("senior", "intent", "place", ...); or WAVs with a .txt
    beside each.

    Example:

        elderride eval speech recordings/ --model ~/models/vosk-model-small-en-us-0.15
    """
    from elderride.cli.speech import _model_path
    from elderride.intake import evaluation
    from elderride.speech import accuracy, audio_decoding
    from elderride.speech.in_process import InProcessEngine
    from elderride.speech.models import ModelError, verify

    path = _model_path(model_dir)
    try:
        verify(path)
        found = accuracy.recordings(folder)
        sounds = [audio_decoding.read_file(item.audio) for item in found]
    except (ModelError, audio_decoding.AudioError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    engine = InProcessEngine(path)
    heard = [engine.transcribe(sound).text for sound in sounds]
    figures: dict[str, Any] = {
        "recordings": len(found),
        **accuracy.error_rates((item.reference, text) for item, text in zip(found, heard)),
    }
    labelled = [(item, text) for item, text in zip(found, heard) if "intent" in item.labels]
    report = None
    if labelled:
        places_file = places_file or folder / "places.json"
        try:
            now, seniors = evaluation.load_seniors(places_file)
            cases = [
                evaluation.case({**item.labels, "text": text}, item.labels.get("line", 0))
                for item, text in labelled
            ]
            report = evaluation.evaluate(cases, seniors, now=now)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise click.ClickException(f"Intent labels: {error}") from None
        figures["intent"] = {
            key: report.as_dict()[key]
            for key in ("total", "correct", "accuracy", "per_intent", "wrong_places")
        }
    figures["transcripts"] = [
        {"audio": item.audio.name, "said": item.reference, "heard": text}
        for item, text in zip(found, heard)
    ]
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        click.echo(f"recordings   {figures['recordings']}")
        click.echo(
            f"WER          {100 * figures['wer']:5.1f}% "
            f"({figures['word_errors']}/{figures['words']} words)"
        )
        click.echo(
            f"CER          {100 * figures['cer']:5.1f}% "
            f"({figures['character_errors']}/{figures['characters']} characters)"
        )
        if report is not None:
            click.echo(
                f"intent       {_percent(report.correct, report.total)}, wrong places: "
                f"{len(report.wrong_places)}"
            )
        for row in figures["transcripts"]:
            click.echo(f"  {row['audio']}: said {row['said']!r}, heard {row['heard']!r}")
    if max_wer is not None and 100 * figures["wer"] > max_wer:
        click.echo(f"Above the threshold: WER {100 * figures['wer']:.1f}%.", err=True)
        raise SystemExit(1)

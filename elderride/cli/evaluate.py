"""`elderride eval …`: how well the phone line understands callers, measured on labelled examples."""

import json
from pathlib import Path

import click

from elderride.cli import cli


@cli.group("eval")
def evaluate():
    """Measure understanding on labelled examples: the intake parser alone, or speech and parser together.

    Example:

        elderride eval intake tests/fixtures/intake/corpus.jsonl --min-accuracy 95
    """


def _percent(right, total):
    return f"{100 * right / total:5.1f}% ({right}/{total})" if total else "    - (0/0)"


def _print_intake(report):
    figures = report.as_dict()
    click.echo(f"overall      {_percent(report.correct, report.total)}")
    negatives = figures["hard_negatives"]
    click.echo(f"hard negatives: {negatives['total']}, wrong places among them: {negatives['wrong_places']}")
    # A wrong place is read back to the caller as if understood: it comes first.
    click.echo(f"\nwrong places ({len(figures['wrong_places'])}):")
    for miss in figures["wrong_places"]:
        click.echo(f"  line {miss['line']} [{miss['senior']}] {miss['text']!r}: expected {miss['expected']}, understood {miss['understood']}")
    click.echo("\nper intent:")
    for name, value in figures["per_intent"].items():
        click.echo(f"  {name:16} {_percent(value['right'], value['total'])}")
    click.echo("per slot:")
    for name, value in figures["per_slot"].items():
        click.echo(f"  {name:16} {_percent(value['right'], value['total'])}")
    click.echo("\nconfusions (expected -> understood):")
    for confusion in figures["confusions"]:
        click.echo(f"  {confusion['count']:3} x {confusion['expected']} -> {confusion['understood']}")
    click.echo(f"\nmisses ({len(figures['misses'])}):")
    for miss in figures["misses"]:
        click.echo(f"  line {miss['line']} [{miss['senior']}] {miss['text']!r}: expected {miss['expected']}, understood {miss['understood']}")


@evaluate.command("intake")
@click.argument("corpus", metavar="FILE.jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--places", "places_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON with the seniors' places and contacts (default: places.json beside FILE).")
@click.option("--min-accuracy", type=click.FloatRange(0, 100), default=0, show_default=True, help="Exit 1 when overall accuracy (percent) is below this.")
@click.option("--max-wrong-places", type=click.IntRange(0), default=None, help="Exit 1 when more places than this are wrong.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def evaluate_intake(corpus, places_file, min_accuracy, max_wrong_places, as_json):
    """Run the intake parser over a labelled JSONL corpus and print accuracy per intent and slot, and its confusions.

    Each line is {"senior": ..., "text": ..., "intent": ..., "place": ...} with optional "when", "choice"
    and "hard_negative"; the places file gives each senior's language, time zone, places and contacts.

    Example:

        elderride eval intake tests/fixtures/intake/corpus.jsonl --min-accuracy 95 --max-wrong-places 0
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
    failed = 100 * report.accuracy < min_accuracy or (max_wrong_places is not None and len(report.wrong_places) > max_wrong_places)
    if failed:
        click.echo(f"Below the threshold: {100 * report.accuracy:.1f}% overall, {len(report.wrong_places)} wrong places.", err=True)
        raise SystemExit(1)

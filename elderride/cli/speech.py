"""Commands for offline speech and the intake parser."""

from typing import Any

import click

from elderride.cli.group import cli
from elderride.languages import CODES


def _model_path(option: str | None) -> str:
    """Return the model folder from --model, else ELDERRIDE_VOSK_MODEL, else fail with how to set
    one."""
    from elderride import settings

    path = option or settings.from_environment().get("VOSK_MODEL")
    if not path:
        raise click.ClickException("No speech model: pass --model DIR or set ELDERRIDE_VOSK_MODEL.")
    return path


@cli.command()
@click.argument("audio_file", metavar="AUDIO", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--model",
    "model_dir",
    type=click.Path(file_okay=False),
    help="Vosk model folder (default: ELDERRIDE_VOSK_MODEL).",
)
@click.option(
    "--phrases", help="Comma-separated phrases to restrict recognition to (a menu question)."
)
def transcribe(audio_file: str, model_dir: str | None, phrases: str | None) -> None:
    """Transcribe a WAV file or raw 8 kHz mu-law (.ulaw) file offline and print the transcript as
    JSON.

    Example:

        elderride transcribe answer.wav --model ~/models/vosk-model-small-en-us-0.15 --phrases
        yes,no
    """
    import json

    from elderride.speech import audio_decoding
    from elderride.speech.in_process import InProcessEngine
    from elderride.speech.models import ModelError, verify

    path = _model_path(model_dir)
    try:
        verify(path)
        sound = audio_decoding.read_file(audio_file)
    except (ModelError, audio_decoding.AudioError) as error:
        raise click.ClickException(str(error)) from None
    phrase_list = (
        [phrase.strip() for phrase in phrases.split(",") if phrase.strip()] if phrases else None
    )
    transcript = InProcessEngine(path).transcribe(sound, phrases=phrase_list)
    click.echo(json.dumps(transcript.as_dict(), ensure_ascii=False, indent=2))


def _place_option(value: str, shape: str = "LABEL=ADDRESS") -> tuple[str, str]:
    label, separator, address = value.partition("=")
    if not separator or not label.strip():
        raise click.BadParameter(f"{value!r} is not {shape}")
    return label.strip(), address.strip()


@cli.command("parse-request")
@click.argument("text")
@click.option(
    "--lang",
    "language",
    type=click.Choice(CODES),
    default="en",
    show_default=True,
    help="Language of the text.",
)
@click.option(
    "--place", "places", multiple=True, metavar="LABEL=ADDRESS", help="A preset place (repeatable)."
)
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    metavar="LABEL=ALIAS",
    help="Another name for a place (repeatable).",
)
@click.option(
    "--contact",
    "contacts",
    multiple=True,
    metavar="NAME=RELATION",
    help='A family contact, for "my son\'s place" (repeatable).',
)
@click.option(
    "--timezone",
    default="UTC",
    show_default=True,
    help="The caller's time zone, for times like 'tomorrow at nine'.",
)
def parse_request(
    text: str,
    language: str,
    places: tuple[str, ...],
    aliases: tuple[str, ...],
    contacts: tuple[str, ...],
    timezone: str,
) -> None:
    """Print what the intake parser understands from TEXT, as JSON.

    Example:

        elderride parse-request "well dear, to my daughter's please" --place "Lily's home=88 Oak
        Avenue" --alias "Lily's home=my daughter's"
    """
    import json
    import zoneinfo

    from elderride.intake import parse
    from elderride.intake.aliases import fault as alias_fault

    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise click.ClickException(f"Unknown time zone: {timezone}") from None
    preset: list[dict[str, Any]] = []
    for number, value in enumerate(places, start=1):
        label, address = _place_option(value)
        preset.append({"id": number, "label": label, "address": address, "aliases": []})
    for value in aliases:
        label, alias = _place_option(value)
        place = next((place for place in preset if place["label"] == label), None)
        if place is None:
            raise click.ClickException(f"--alias names {label!r}, which no --place gives.")
        place["aliases"].append(alias)
        fault = alias_fault(alias)
        if fault is not None:
            # As on the phone: the line reads the places without it (intake/aliases.py).
            click.echo(
                f"--alias {alias!r} is ignored: the phone line cannot listen for it ({fault}).",
                err=True,
            )
    family = [
        dict(zip(("name", "relation"), _place_option(value, "NAME=RELATION"))) for value in contacts
    ]
    intent = parse(text, language=language, places=preset, contacts=family, timezone=timezone)
    click.echo(json.dumps(intent.as_dict(), ensure_ascii=False, indent=2))


@cli.group()
def model() -> None:
    """Get and check offline speech models.

    Example:

        elderride model verify ~/models/vosk-model-small-en-us-0.15
    """


@model.command("download")
@click.argument("name")
@click.option(
    "--to",
    "destination",
    default="models",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder to unpack into.",
)
def model_download(name: str, destination: str) -> None:
    """Download an official Vosk model by NAME, check it, and unpack it.

    Example:

        elderride model download vosk-model-small-en-us-0.15 --to ~/models
    """
    from elderride.speech.models import ModelError, download

    try:
        result = download(name, destination)
    except ModelError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Model ready: {result['path']} (SHA-256 {result['sha256']})")
    if not result["checksum_pinned"]:
        click.echo("No checksum is pinned for this model yet; its structure was checked.", err=True)
    click.echo(f"Use it with: export ELDERRIDE_VOSK_MODEL={result['path']}")


@model.command("verify")
@click.argument("folder", type=click.Path())
@click.option(
    "--phrases",
    help="Comma-separated phrases to check the words of (default: the line's keywords, by "
    "language).",
)
def model_verify(folder: str, phrases: str | None) -> None:
    """Check a model folder: its files, its sample rate, whether it takes phrase lists, whether it
    has [unk], and which phrase words it lacks.

    A phrase with a word the model lacks is left out of the phrase list (Vosk would drop the word
    with only a log line, so the phrase could never match).  "unknown_word" is null when the
    folder has no word list to read.

    Example:

        elderride model verify ~/models/vosk-model-small-en-us-0.15 --phrases "yes,no,city hospital"
    """
    import json

    from elderride.intake.keywords import keyword_phrases
    from elderride.languages import CODES
    from elderride.speech import vocabulary
    from elderride.speech.models import ModelError, verify

    try:
        report = verify(folder)
    except ModelError as error:
        raise click.ClickException(str(error)) from None
    lists = (
        {"given": [phrase.strip() for phrase in phrases.split(",") if phrase.strip()]}
        if phrases
        else {language: keyword_phrases(language) for language in CODES}
    )
    report.update(vocabulary.model_report(folder, lists))
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))

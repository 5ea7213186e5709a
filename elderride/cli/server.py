"""Commands that run elderride: the web server with its worker, and the worker alone."""

import functools
import logging
import resource
import signal
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any

import click
from flask import Flask

from elderride import settings
from elderride.cli import common
from elderride.cli.data import print_demo
from elderride.cli.group import cli
from elderride.services import demo
from elderride.services.outgoing import outbox
from elderride.serving import GENERAL_AT_ONCE
from elderride.speech import engines
from elderride.store import in_use


def _raise_descriptor_limit() -> None:
    """Let this process open as many files and sockets as the system allows it.

    Waitress, the media websocket server and SQLite share one descriptor table; the usual
    soft limit of 1024 lets a stranger's idle connections to the media port exhaust it.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(
                resource.RLIMIT_NOFILE,
                (hard if hard != resource.RLIM_INFINITY else max(soft, 65536), hard),
            )
        except (ValueError, OSError):
            pass  # a container may refuse: the limit it gives is the one we run with


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _log_speech_model(config: Mapping[str, Any]) -> None:
    """Say at start-up whether the speech model tells stray speech from an answer, and which
    phrases it cannot hear (as /healthz reports)."""
    from elderride.speech import vocabulary
    from elderride.web import speech

    status = speech.status(config)
    if "vocabulary" in status:
        vocabulary.log_report(status["path"], status["vocabulary"])


def _stop_on_signals() -> None:
    """Stop cleanly on Ctrl-C and on a service manager's SIGTERM alike.

    A shell that starts a command in the background leaves SIGINT ignored, and
    Python then never turns it into KeyboardInterrupt: set both handlers here.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)


def _serving_app(**overrides: Any) -> Flask:
    """Build the app of a process that serves the database, holding it as served for as long as the
    process runs, so no restore can swap it."""
    try:
        return common.build_app(CLAIM_DATABASE=True, **overrides)
    except in_use.InUse as error:
        raise click.ClickException(str(error)) from None


def page_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """Return the settings the page process is built with: this process's own, as it settled them
    (the demo's stand-ins, the media port), so a page process started again later, after config.py
    was edited, still serves with the same database and keys."""
    return {
        key: value
        for key, value in config.items()
        if value is None or isinstance(value, (str, int, float, bool))
    }


def _page_app(settled: Mapping[str, Any], run_worker: bool) -> tuple[Flask, Callable[[], None]]:
    """Build the page process's app, with the background worker beside it (see `PageProcess`)."""
    from elderride.worker import worker_from_config

    app = common.build_app(**settled)
    if not run_worker:
        return app, lambda: None
    worker = worker_from_config(app.config)
    worker.start_thread()
    return app, worker.stop


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=common.DEFAULT_PORT,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Request threads."
)
@click.option(
    "--voice-threads",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Threads only the phone line's webhooks (/voice/) use.",
)
@click.option(
    "--at-once",
    default=GENERAL_AT_ONCE,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Pages and API requests that run at once; more only slow the phone line.",
)
@click.option(
    "--demo",
    "with_demo",
    is_flag=True,
    help="Load the demo data into an empty database and print the links to try.",
)
@click.option("--no-worker", is_flag=True, help="Do not run the background worker in this process.")
@click.option(
    "--one-process",
    is_flag=True,
    help="Serve pages and the API in the phone line's process too (by default they run in a "
    "process of their own, so no page can hold up a call).",
)
def serve(
    host: str,
    port: int,
    threads: int,
    voice_threads: int,
    at_once: int,
    with_demo: bool,
    no_worker: bool,
    one_process: bool,
) -> None:
    """Run the web server (waitress) with the background worker beside it.

    Example:

        elderride serve --demo --port 8000
    """
    try:
        _serve(host, port, threads, voice_threads, at_once, with_demo, no_worker, one_process)
    except KeyboardInterrupt:
        # Ctrl-C is how it is meant to stop, even while it starts: no "Aborted!", exit status 0.
        pass
    click.echo("elderride stopped.")


def _serve(
    host: str,
    port: int,
    threads: int,
    voice_threads: int,
    at_once: int,
    with_demo: bool,
    no_worker: bool,
    one_process: bool,
) -> None:
    """Start everything `serve` runs and serve until Ctrl-C or SIGTERM, then stop it all."""
    from elderride.serving import make_server, settle
    from elderride.worker import worker_from_config

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    _raise_descriptor_limit()
    if with_demo:
        # The demo's center keeps its first senior's time zone (unless told otherwise), so its
        # console shows Margaret's New York times and Wang's Beijing ones beside them.
        zone = settings.from_environment().get("TIMEZONE") or demo.CENTER_TIMEZONE
        app = _serving_app(DEMO=True, TIMEZONE=zone)
    else:
        app = _serving_app()
    if with_demo and app.config.get("TWILIO_ACCOUNT_SID"):
        # With a real account the demo would text and call real numbers on it, and its phone page,
        # open to anyone, would play the line as any caller. (A bare auth token, as the benchmarks
        # set, reaches no account: it only signs the demo's own simulated calls.)
        raise click.ClickException(
            "--demo does not run with real Twilio credentials (ELDERRIDE_TWILIO_ACCOUNT_SID is "
            "set). "
            "Unset them for the demo, or serve without --demo."
        )
    if with_demo:
        db = common.database(app)
        try:
            strangers = demo.strangers(db)
            if strangers:
                # Its pages are open to anyone who reaches them: a mailbox of every account's
                # reset links, a phone that dials as any number.
                raise click.ClickException(
                    "This database has accounts or seniors the demo did not make ("
                    + ", ".join(f"{count} {kind}" for kind, count in strangers.items())
                    + f"): {app.config['DATABASE']}. Serve it without --demo, or give the demo a "
                    "folder of its own: ELDERRIDE_INSTANCE_PATH=/tmp/elderride-demo elderride "
                    "serve --demo"
                )
            if not db.table("seniors").count:
                demo.seed(db, medical_clinics=True)
        finally:
            db.close()
    worker = None
    if not no_worker:
        try:
            worker = worker_from_config(app.config)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
        if one_process:
            worker.start_thread()
        else:
            worker = None  # the page process runs it, away from the phone line
    base_url = common.base_url(app, host, port)
    app.config["LISTENING_URL"] = base_url  # links without PUBLIC_BASE_URL: never the Host header
    if with_demo:
        from elderride.demo.views import configure

        configure(app, base_url)
    media = None
    if engines.live(app.config) or with_demo:
        from elderride.media_server import MediaServer

        # Twilio's media streams (and the demo phone) reach the same process on their own port.
        try:
            media = MediaServer(app, host=host, port=int(app.config["MEDIA_PORT"])).start()
        except OSError as error:
            if not with_demo:
                raise click.ClickException(
                    f"Cannot listen for media streams on port {app.config['MEDIA_PORT']}: {error}"
                ) from None
            # A demo on a busy machine takes any free port; the phone page is told which.
            media = MediaServer(app, host=host, port=0).start()
        app.config["MEDIA_PORT"] = media.port
    from elderride.intake import warming
    from elderride.web import speech

    # The intake's tables are built now, in the phone line's process, not during a caller's first
    # turn (half a second for the first Chinese one), and settle() then freezes them with the rest.
    warming.warm()
    # The workers load now, not on the first call (which would otherwise get no live speech).
    speech.start(app)
    pages = None
    if not one_process:
        from elderride.page_process import PageProcess, PageProcessDown
        from elderride.web.security import restarting

        try:
            pages = PageProcess(
                functools.partial(_page_app, page_settings(app.config), run_worker=not no_worker),
                at_once=at_once,
                max_body=app.config["MAX_CONTENT_LENGTH"],
                unavailable=restarting(app),
                carried=functools.partial(speech.carried_health, app),
            ).start()
        except PageProcessDown as error:
            if media is not None:
                media.stop()
            raise click.ClickException(str(error)) from None
    _log_speech_model(app.config)
    click.echo(f"elderride is running at {base_url}  (health: {base_url}/healthz)")
    if media is not None:
        click.echo(
            f"  media streams: {media.url}/voice/media (speech "
            f"{'live' if engines.live(app.config) else 'recorded'})"
        )
    if with_demo:
        print_demo(app, base_url)
        click.echo(f"  try the phone line: {base_url}/demo/phone")
    _stop_on_signals()
    try:
        server = make_server(
            app,
            host=host,
            port=port,
            threads=threads,
            voice_threads=voice_threads,
            at_once=at_once,
            pages=pages,
        )
        settle()
        server.run()  # Ctrl-C closes the server and its threads
    finally:
        # A second Ctrl-C while the page process and workers stop would leave them behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if pages is not None:
            pages.stop()
        if media is not None:
            media.stop()
        if worker:
            worker.stop()


@cli.command("worker")
@click.option("--once", is_flag=True, help="Deliver what is due now, then stop.")
def worker_command(once: bool) -> None:
    """Run the background worker alone: texts, call-backs and dispatch hand-offs from the outbox.

    Example:

        elderride worker
    """
    from elderride.services.delivery import run_once
    from elderride.worker import deliverer_from_config, worker_from_config

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = _serving_app()
    try:
        deliverer = deliverer_from_config(app.config)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if once:
        db = common.database(app)
        try:
            total = 0
            outbox.beat(db, "cli-once")
            while True:
                tried = run_once(db, deliverer, "cli-once")
                total += tried
                if not tried:
                    break
        finally:
            db.close()
        click.echo(f"Delivered or retried {total} outbox entries.")
        return
    try:
        worker = worker_from_config(app.config)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo("Worker running; Ctrl-C stops it.")
    _stop_on_signals()
    try:
        worker.run()
    except KeyboardInterrupt:
        worker.stop()


@cli.command("webhook-secret")
def webhook_secret() -> None:
    """Print a new signing secret for the dispatch webhook, in the Standard Webhooks whsec_ form.

    During a rotation, set ELDERRIDE_DISPATCH_WEBHOOK_SECRET to the current secret and then
    the new one, space-separated: every delivery is signed with both until receivers have the
    new one (X-ElderRide-Signature, for older receivers, is signed with the first).

    Example:

        elderride webhook-secret
    """
    from elderride.services.outgoing.dispatch import new_secret

    click.echo(new_secret())


@cli.command("settings")
def settings_command() -> None:
    """Print every setting with its meaning, as the README's configuration table.

    Example:

        elderride settings
    """
    from elderride.settings import configuration_table

    click.echo(configuration_table(), nl=False)

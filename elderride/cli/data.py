"""Commands for the database and the people in it."""

import os
import sys
from typing import Literal

import click
from flask import Flask, url_for
from sqlite_utils import Database

from elderride import settings
from elderride.api import openapi
from elderride.cli import common
from elderride.cli.group import cli
from elderride.services import demo
from elderride.services.errors import ServiceError
from elderride.services.people import accounts, phones, seniors, signups
from elderride.services.records import Row

# A new account's password: asked for twice, never echoed, when not given.
PASSWORD = click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 10 characters (asked for when not given).",
)


def _family_member(db: Database, email: str) -> Row:
    """The family account with this email, or a clean error naming it."""
    member = accounts.family_member_by_email(db, email)
    if member is None:
        raise click.ClickException(f"No family account has the email {email.strip().lower()}.")
    return member


@cli.command("init-db")
def init_db() -> None:
    """Create or update the database schema (safe to run again).

    Example:

        elderride init-db
    """
    app = common.build_app()
    click.echo(f"Database ready: {app.config['DATABASE']}")


@cli.command("write-contract")
def write_contract() -> None:
    """Write the declared place fields a ride carries into the dispatch contract,
    elderride/api/openapi.json (run after declaring one in services/people/place_fields.py).

    Example:

        elderride write-contract
    """
    openapi.write()
    click.echo(f"Written: {openapi.PATH}")


@cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo seniors, places, contacts and accounts into an empty database.

    Example:

        ELDERRIDE_DATABASE=/tmp/demo.db elderride seed-demo
    """
    app = common.build_app()
    db = common.database(app)
    try:
        demo.seed(db, medical_clinics=True)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    finally:
        db.close()
    print_demo(app, common.base_url(app, "127.0.0.1", common.DEFAULT_PORT))


def print_demo(app: Flask, base_url: str) -> None:
    db = common.database(app)
    try:
        click.echo("Demo data:")
        for spec in demo.SENIORS:
            senior = seniors.senior_by_phone(db, spec["numbers"][0][0])
            if senior is None:
                continue
            secret = app.config["SECRET_KEY"]
            token = seniors.device_token(senior, secret) or seniors.issue_device_token(
                db, senior["id"], secret
            )
            click.echo(
                f"  {senior['name']} ({spec['numbers'][0][0]}): "
                f"{common.device_url(base_url, token)}"
            )
        click.echo(f"  family member: {demo.FAMILY_EMAIL} / {demo.FAMILY_PASSWORD}")
        click.echo(f"  dispatcher:    {demo.DISPATCHER_EMAIL} / {demo.DISPATCHER_PASSWORD}")
    finally:
        db.close()


@cli.command("device-link")
@click.argument("phone")
@click.option(
    "--new", "renew", is_flag=True, help="Issue a new link, ending the old one on every device."
)
@click.option(
    "--base-url",
    help="Site address for the link (default: ELDERRIDE_PUBLIC_BASE_URL or the local server).",
)
def device_link(phone: str, renew: bool, base_url: str | None) -> None:
    """Print the senior page link for the senior with this phone number.

    Example:

        elderride device-link +15550100001
    """
    app = common.build_app()
    db = common.database(app)
    try:
        try:
            number = phones.normalise(phone, region=app.config["DEFAULT_REGION"])
        except ServiceError as error:
            raise click.ClickException(f"{phone}: {error}") from None
        senior = seniors.senior_by_phone(db, number)
        if senior is None:
            raise click.ClickException(f"No senior has the number {number}.")
        token = seniors.device_token(senior, app.config["SECRET_KEY"])
        if renew or not token:
            token = seniors.issue_device_token(db, senior["id"], app.config["SECRET_KEY"])
    finally:
        db.close()
    click.echo(
        common.device_url(
            base_url.rstrip("/")
            if base_url
            else common.base_url(app, "127.0.0.1", common.DEFAULT_PORT),
            token,
        )
    )


@cli.command("reset-link")
@click.argument("email")
@click.option(
    "--base-url",
    help="Site address for the link (default: ELDERRIDE_PUBLIC_BASE_URL or the local server).",
)
def reset_link(email: str, base_url: str | None) -> None:
    """Print a password reset link for a family account (for a site that cannot send mail).

    The link works for an hour, once. Give it only to the account's owner.

    Example:

        elderride reset-link lily@example.com
    """
    app = common.build_app()
    db = common.database(app)
    try:
        member = _family_member(db, email)
    finally:
        db.close()
    token = accounts.reset_token(app.config["SECRET_KEY"], member)
    site = (
        base_url.rstrip("/") if base_url else common.base_url(app, "127.0.0.1", common.DEFAULT_PORT)
    )
    with app.test_request_context():
        path = url_for("family.reset", token=token)
    click.echo(site + path)


@cli.command("create-staff")
@click.argument("email")
@click.option("--name", required=True, help="The dispatcher's name.")
@PASSWORD
@click.option(
    "--role", type=click.Choice(["dispatcher", "admin"]), default="dispatcher", show_default=True
)
@click.option(
    "--timezone",
    help="The dispatch center's time zone, an IANA name such as America/New_York (asked for "
    "with the first dispatcher when neither this nor ELDERRIDE_TIMEZONE says).",
)
def create_staff(email: str, name: str, password: str, role: str, timezone: str | None) -> None:
    """Create a staff account for the dispatch console; the first one also sets the center's
    time zone, which the console shows its times in.

    Example:

        elderride create-staff ana@taxi.example --name "Ana Ruiz" --timezone America/New_York
    """
    app = common.build_app()
    db = common.database(app)
    try:
        first = db.table("staff").count == 0
        accounts.create_staff(db, email=email, name=name, password=password, role=role)
    except ServiceError as error:
        raise click.ClickException(f"{getattr(error, 'field', '')}: {error}".lstrip(": ")) from None
    finally:
        db.close()
    click.echo(f"Staff account created: {email.strip().lower()} ({role}). Sign in at /console/.")
    _set_up_time_zone(app, timezone, asked=first)


def _set_up_time_zone(app: Flask, given: str | None, *, asked: bool) -> None:
    """Keep the center's time zone given, or ask for it at set-up (the first dispatcher, at a
    terminal, with none set yet); say which zone the console shows."""
    kept = settings.kept_at_setup(app.instance_path)
    from_environment = "TIMEZONE" in settings.from_environment()
    if given is None and asked and not kept and not from_environment and sys.stdin.isatty():
        given = click.prompt(
            "Which time zone is the dispatch center in? (an IANA name, e.g. America/New_York)",
            default=app.config["TIMEZONE"],
            value_proc=_time_zone_answer,
        )
    if given is not None:
        try:
            zone = settings.keep_time_zone(app.instance_path, given)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--timezone") from None
        if from_environment:
            click.echo(f"Kept {zone}, but ELDERRIDE_TIMEZONE is set and wins over it.")
        else:
            click.echo(f"The console shows times in {zone}.")


def _time_zone_answer(text: str) -> str:
    """Return a typed time zone, or ask again (click.BadParameter) for one that is not."""
    try:
        return settings.time_zone(text)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _operator(name: str | None = None) -> str:
    """Return how the record names the operator running a command: `operator:<name or $USER>`."""
    return f"operator:{name or os.environ.get('USER') or 'unknown'}"


@cli.command("create-family")
@click.argument("email")
@click.option("--name", required=True, help="The family member's (or organisation's) name.")
@PASSWORD
@click.option(
    "--seniors",
    "limit",
    type=click.IntRange(0, accounts.MAX_SENIORS_LIMIT),
    help=f"How many seniors it may look after (default {accounts.SENIORS_PER_ACCOUNT}).",
)
def create_family(email: str, name: str, password: str, limit: int | None) -> None:
    """Create a family account whose email counts as confirmed (you vouch for it).

    Example:

        elderride create-family care@home.example --name "Oak Care Home" --seniors 40
    """
    app = common.build_app()
    db = common.database(app)
    try:
        # An account an operator makes is one they vouch for: its rides are never held for review.
        accounts.create_family_member(
            db,
            email=email,
            name=name,
            password=password,
            email_confirmed=True,
            trusted_by=_operator(),
        )
        if limit is not None:
            accounts.set_seniors_limit(db, email, limit)
        member = accounts.family_member_by_email(db, email)
    except ServiceError as error:
        raise click.ClickException(f"{getattr(error, 'field', '')}: {error}".lstrip(": ")) from None
    finally:
        db.close()
    assert member is not None  # created just now
    click.echo(
        f"Family account created: {member['email']}, up to {accounts.seniors_limit(member)} "
        "seniors. Sign in at /family/."
    )


@cli.command("family-limit")
@click.argument("email")
@click.argument("limit", metavar="SENIORS", type=click.IntRange(0, accounts.MAX_SENIORS_LIMIT))
def family_limit(email: str, limit: int) -> None:
    """Let a family account look after up to SENIORS seniors (a care organisation needs more).

    Example:

        elderride family-limit care@home.example 40
    """
    app = common.build_app()
    db = common.database(app)
    try:
        member = accounts.set_seniors_limit(db, email, limit)
        count = len(accounts.seniors_of(db, member["id"]))
    except ServiceError as error:
        raise click.ClickException(f"{email.strip().lower()}: {error}") from None
    finally:
        db.close()
    click.echo(f"{member['email']} may look after up to {limit} seniors (now {count}).")


@cli.command("confirm-family")
@click.argument("email")
def confirm_family(email: str) -> None:
    """Confirm a family account's email yourself (for a site that cannot send mail, or a lost link).

    Do it only when you know the email is the account owner's.

    Example:

        elderride confirm-family ann@example.com
    """
    app = common.build_app()
    db = common.database(app)
    try:
        member = _family_member(db, email)
        signups.mark_email_confirmed(db, member["id"])
    finally:
        db.close()
    click.echo(f"Email confirmed: {member['email']}.")


@cli.command("text-consent")
@click.argument("phone")
@click.option(
    "--agreed",
    "event",
    flag_value="in",
    help="The number's owner told you they agree to ride texts (on the phone, in person).",
)
@click.option(
    "--stopped", "event", flag_value="out", help="The number's owner asked never to hear from us."
)
def text_consent(phone: str, event: Literal["in", "out"] | None) -> None:
    """Show whether a number agreed to texts, with every request and answer; or record an answer.

    A number that replied STOP is only ever given back by its own START: --agreed refuses it.

    Example:

        elderride text-consent +15550100002 --agreed
    """
    from elderride.services.outgoing import consent

    app = common.build_app()
    db = common.database(app)
    try:
        try:
            number = phones.normalise(phone, region=app.config["DEFAULT_REGION"])
        except ServiceError as error:
            raise click.ClickException(f"{phone}: {error}") from None
        if event == "in" and consent.consent_of(db, number).state == "out":
            raise click.ClickException(
                f"{number} replied STOP; only a START texted from it lets texts go again."
            )
        if event:
            consent.record(db, number, event, via="operator")
        click.echo(f"{number}: {consent.standings(db, [number])[number]}")
        for row in consent.history(db, number):
            click.echo(f"  {row['at']}  {row['event']:<6} {row['via']}  {row['detail'] or ''}")
    finally:
        db.close()


@cli.command("trust-family")
@click.argument("email")
@click.option("--by", help="Who vouches for the account, as the record keeps it (default: $USER).")
def trust_family(email: str, by: str | None) -> None:
    """Mark a family account trusted: its rides for now go straight to dispatch, never held.

    A new account's rides for now wait for a dispatcher's look until it is a day old and one of
    its rides has been completed (docs/booking-lifecycle.md). Trust only a family you know.

    Example:

        elderride trust-family lily@example.com
    """
    from elderride.services import trust

    app = common.build_app()
    db = common.database(app)
    try:
        member = _family_member(db, email)
        member = trust.trust_family(db, member["id"], by=_operator(by))
    finally:
        db.close()
    click.echo(f"Trusted: {member['email']} (by {member['trusted_by']}, {member['trusted_at']}).")

"""Family accounts: sign up, sign in and out, reset a forgotten password."""

from collections.abc import Mapping
from typing import Any

from flask import current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlite_utils import Database

from elderride.family.blueprint import bp, mail_ready, sign_in_required
from elderride.services import throttle
from elderride.services.errors import ValidationError
from elderride.services.outgoing import messages
from elderride.services.people import accounts, signups
from elderride.web import links, sessions
from elderride.web.database import get_db
from elderride.web.i18n import gettext as _
from elderride.web.security import next_or


def _next_page() -> str:
    """Where a family member goes once signed in: back where they were in the portal."""
    return next_or(request.args.get("next"), url_for("family.dashboard"), under="/family")


@bp.route("/signup", methods=["GET", "POST"])
def sign_up() -> ResponseReturnValue:
    """Create a family account, and mail it a link to confirm its email."""
    errors, values, status = {}, {}, 200
    if request.method == "POST":
        db = get_db()
        values = {"name": request.form.get("name", ""), "email": request.form.get("email", "")}
        # Whether an email has an account shows here, so asking it often waits like guessing
        # passwords.
        wait = throttle.sign_up_wait(db, values["email"], request.remote_addr)
        status = 400
        if wait:
            errors = {"form": (sessions.TOO_MANY_TRIES, {"wait": sessions.wait_words(wait)})}
            status = 429
        else:
            try:
                member_id = signups.sign_up(
                    db,
                    password=request.form.get("password", ""),
                    address=request.remote_addr,
                    per_address=current_app.config["SIGN_UPS_PER_ADDRESS"],
                    **values,
                )
            except signups.TooManySignUps as error:
                errors, status = error.errors, 429
            except accounts.EmailTaken as error:
                throttle.sign_up_refused(db, values["email"], request.remote_addr)
                errors = error.errors
            except ValidationError as error:
                errors = error.errors
            else:
                member = accounts.get_family_member(db, member_id)
                _mail_confirmation(db, member)
                sessions.start("family", member)
                return redirect(_next_page(), code=303)
    # What was typed stays in the form (never the password), whatever refused it.
    values = {key: value[:200] for key, value in values.items()}
    return render_template("family/sign_up.html", errors=errors, values=values), status


@bp.route("/signin", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    """Sign in with email and password; repeated failures make each next try wait longer."""
    tried = sessions.SignInTry()
    if request.method == "POST":
        tried = sessions.sign_in_posted(get_db(), "family")
        if tried.account is not None:
            return redirect(_next_page(), code=303)
    page = render_template("family/sign_in.html", error=tried.error, email=tried.email)
    return page, tried.status, tried.headers


@bp.post("/signout")
def sign_out() -> ResponseReturnValue:
    """End the session, on this device and every other."""
    sessions.end(get_db(), "family")
    return redirect(url_for("family.sign_in"), code=303)


@bp.route("/reset", methods=["GET", "POST"])
def reset_request() -> ResponseReturnValue:
    """Send a reset link to an account's email; say the same whether or not the account exists."""
    sent, ready = False, mail_ready()
    if request.method == "POST" and ready:
        db = get_db()
        email = request.form.get("email", "")
        # A few mails per account and per address an hour: past that the page says the same and
        # sends nothing.
        allowed = throttle.allow_account_mail(db, email, request.remote_addr)
        member = accounts.family_member_by_email(db, email) if allowed else None
        if member is not None:
            token = accounts.reset_token(current_app.config["SECRET_KEY"], member)
            link = links.external_url("family.reset", token=token)
            messages.queue_email(
                db,
                to=member["email"],
                subject=_("Reset your elderride password"),
                body=render_template("family/reset_email.txt", member=member, link=link),
            )
        sent = True
    return render_template(
        "family/reset_request.html", sent=sent, ready=ready, demo=current_app.config.get("DEMO")
    )


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str) -> ResponseReturnValue:
    """Choose a new password through a reset link (valid for an hour, once)."""
    db = get_db()
    try:
        member = accounts.member_from_reset_token(
            db,
            current_app.config["SECRET_KEY"],
            token,
            max_age=current_app.config["RESET_LINK_SECONDS"],
        )
    except ValidationError as error:
        return render_template(
            "family/reset.html", link_error=error.errors["token"], errors={}
        ), 400
    errors = {}
    if request.method == "POST":
        try:
            accounts.set_password(db, member["id"], request.form.get("password", ""))
        except ValidationError as error:
            errors = error.errors
        else:
            # The link came by mail: whoever used it reads that mailbox, as a confirmation proves.
            signups.mark_email_confirmed(db, member["id"])
            sessions.start("family", accounts.get_family_member(db, member["id"]))
            return redirect(url_for("family.dashboard"), code=303)
    return render_template(
        "family/reset.html", link_error=None, errors=errors
    ), 400 if errors else 200


def _mail_confirmation(db: Database, member: Mapping[str, Any]) -> bool:
    """Queue the mail with the link confirming the member's email; tell whether it went (mail is set
    up, and this is within the hour's few mails)."""
    if not mail_ready() or not throttle.allow_account_mail(
        db, member["email"], request.remote_addr
    ):
        return False
    token = signups.confirmation_token(current_app.config["SECRET_KEY"], member)
    link = links.external_url("family.confirm_email", token=token)
    messages.queue_email(
        db,
        to=member["email"],
        subject=_("Confirm your email for elderride"),
        body=render_template("family/confirm_email.txt", member=member, link=link),
    )
    return True


@bp.post("/confirm")
@sign_in_required
def confirm_again() -> ResponseReturnValue:
    """Send the link confirming the member's email again (a few an hour, like reset links)."""
    if signups.email_confirmed(g.member) or not mail_ready():
        return redirect(url_for("family.dashboard"), code=303)
    mailed = "sent" if _mail_confirmation(get_db(), g.member) else "wait"
    return redirect(url_for("family.dashboard", mailed=mailed), code=303)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str) -> ResponseReturnValue:
    """Confirm an account's email through its mailed link (three days, once), with a press of a
    button."""
    # The press, not the opening, confirms: mail scanners open links in mails they carry.
    db = get_db()
    key, max_age = current_app.config["SECRET_KEY"], current_app.config["CONFIRM_LINK_SECONDS"]
    try:
        if request.method == "POST":
            signups.confirm_email(db, key, token, max_age=max_age)
        else:
            signups.member_to_confirm(db, key, token, max_age=max_age)
    except ValidationError as error:
        return render_template("family/confirm.html", link_error=error.errors["token"]), 400
    return render_template(
        "family/confirm.html", link_error=None, confirmed=request.method == "POST"
    )


@bp.app_context_processor
def family_member() -> dict[str, Any]:
    return {"member": g.get("member"), "mail_ready": mail_ready()}

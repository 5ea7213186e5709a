"""Family accounts: sign up, sign in and out, reset a forgotten password."""

from flask import current_app, g, redirect, render_template, request, url_for

from elderride.family.blueprint import bp
from elderride.services import throttle
from elderride.services.errors import ValidationError
from elderride.services.outgoing import messages
from elderride.services.people import accounts
from elderride.web import links, sessions
from elderride.web.database import get_db
from elderride.web.i18n import gettext as _
from elderride.web.security import next_or


def _next_page():
    """Where a family member goes once signed in: back where they were in the portal."""
    return next_or(request.args.get("next"), url_for("family.dashboard"), under="/family")


@bp.route("/signup", methods=["GET", "POST"])
def sign_up():
    """Create a family account."""
    errors, values, wait = {}, {}, 0
    if request.method == "POST":
        db = get_db()
        values = {"name": request.form.get("name", ""), "email": request.form.get("email", "")}
        # Whether an email has an account shows here, so asking it often waits like guessing
        # passwords.
        wait = throttle.sign_up_wait(db, values["email"], request.remote_addr)
        if wait:
            errors = {"form": (sessions.TOO_MANY_TRIES, {"wait": sessions.wait_words(wait)})}
        else:
            try:
                member_id = accounts.create_family_member(
                    db, password=request.form.get("password", ""), **values
                )
            except accounts.EmailTaken as error:
                throttle.sign_up_refused(db, values["email"], request.remote_addr)
                errors = error.errors
            except ValidationError as error:
                errors = error.errors
            else:
                sessions.start("family", accounts.get_family_member(db, member_id))
                return redirect(_next_page(), code=303)
    status = 429 if wait else (400 if errors else 200)
    return render_template("family/sign_up.html", errors=errors, values=values), status


@bp.route("/signin", methods=["GET", "POST"])
def sign_in():
    """Sign in with email and password; repeated failures make each next try wait longer."""
    tried = sessions.SignInTry()
    if request.method == "POST":
        tried = sessions.sign_in_posted(get_db(), "family")
        if tried.account is not None:
            return redirect(_next_page(), code=303)
    page = render_template("family/sign_in.html", error=tried.error, email=tried.email)
    return page, tried.status, tried.headers


@bp.post("/signout")
def sign_out():
    """End the session, on this device and every other."""
    sessions.end(get_db(), "family")
    return redirect(url_for("family.sign_in"), code=303)


def _mail_ready():
    """Tell whether reset mails can go out: through SMTP with links on the public address, or to the
    demo's mailbox."""
    config = current_app.config
    return bool(config.get("DEMO") or (config.get("SMTP_URL") and config.get("PUBLIC_BASE_URL")))


@bp.route("/reset", methods=["GET", "POST"])
def reset_request():
    """Send a reset link to an account's email; say the same whether or not the account exists."""
    sent, ready = False, _mail_ready()
    if request.method == "POST" and ready:
        db = get_db()
        email = request.form.get("email", "")
        # A few mails per account and per address an hour: past that the page says the same and
        # sends nothing.
        allowed = throttle.allow_reset_request(db, email, request.remote_addr)
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
def reset(token):
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
            sessions.start("family", accounts.get_family_member(db, member["id"]))
            return redirect(url_for("family.dashboard"), code=303)
    return render_template(
        "family/reset.html", link_error=None, errors=errors
    ), 400 if errors else 200


@bp.app_context_processor
def family_member():
    return {"member": g.get("member")}

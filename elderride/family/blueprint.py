"""The family portal's blueprint and what every one of its pages shares."""

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from elderride.services.people import accounts, seniors, signups
from elderride.services.records import Senior
from elderride.web import sessions
from elderride.web.database import get_db
from elderride.web.lookups import found_or_404

bp = Blueprint("family", __name__, url_prefix="/family")
# A view function, as Flask routes it.
View = Callable[..., ResponseReturnValue]


@bp.before_request
def load_member() -> None:
    """Find the signed-in family member, if any."""
    g.member = sessions.current(get_db(), "family")


def sign_in_required(view: View) -> View:
    """Send visitors who are not signed in to the sign-in page, and back afterwards."""

    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> ResponseReturnValue:
        if g.member is None:
            return redirect(
                url_for(
                    "family.sign_in", next=request.full_path if request.method == "GET" else None
                )
            )
        return view(**kwargs)

    return wrapped


def confirm_first() -> ResponseReturnValue:
    """The page telling a member why something waits for their email to be confirmed (403)."""
    return render_template("family/confirm_first.html", mailed=None), 403


def confirmed_email_required(view: View) -> View:
    """Show a member whose email is not confirmed yet why this waits for it, instead of the view."""

    # Seniors, family numbers and rides reach people by phone and text: an account made by anyone
    # must first show that its email is someone's.
    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> ResponseReturnValue:
        if not signups.email_confirmed(g.member):
            return confirm_first()
        return view(**kwargs)

    return wrapped


def mail_ready() -> bool:
    """Tell whether mails with links can go out: through SMTP with links on the public address, or
    to the demo's mailbox."""
    config = current_app.config
    return bool(config.get("DEMO") or (config.get("SMTP_URL") and config.get("PUBLIC_BASE_URL")))


def own_senior(senior_id: int) -> Senior:
    """Return a senior this member looks after, or 404: another family's senior does not exist
    here."""
    db = get_db()
    found_or_404(accounts.check_family_access, db, g.member["id"], senior_id)
    return seniors.get_senior(db, senior_id)

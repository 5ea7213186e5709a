"""The family portal's blueprint and what every one of its pages shares."""

import functools

from flask import Blueprint, g, redirect, request, url_for

from elderride.services.people import accounts, seniors
from elderride.web import sessions
from elderride.web.database import get_db
from elderride.web.lookups import found_or_404

bp = Blueprint("family", __name__, url_prefix="/family")


@bp.before_request
def load_member():
    """Find the signed-in family member, if any."""
    g.member = sessions.current(get_db(), "family")


def sign_in_required(view):
    """Send visitors who are not signed in to the sign-in page, and back afterwards."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.member is None:
            return redirect(
                url_for(
                    "family.sign_in", next=request.full_path if request.method == "GET" else None
                )
            )
        return view(**kwargs)

    return wrapped


def own_senior(senior_id):
    """Return a senior this member looks after, or 404: another family's senior does not exist
    here."""
    db = get_db()
    found_or_404(accounts.check_family_access, db, g.member["id"], senior_id)
    return seniors.get_senior(db, senior_id)

"""The family's first page: each senior they look after, with the rides to come and where each
one is."""

from typing import Any, cast

from flask import g, render_template, request
from flask.typing import ResponseReturnValue

from elderride.family.blueprint import bp, sign_in_required
from elderride.services import bookings
from elderride.services.people import accounts, seniors, signups
from elderride.services.read_models import ride_lists
from elderride.services.records import Booking
from elderride.web.database import get_db


def _overview() -> list[dict[str, Any]]:
    """Each senior this member looks after, with their open rides, soonest first."""
    db = get_db()
    overview = []
    for senior_id in accounts.seniors_of(db, g.member["id"]):
        person = seniors.get_senior(db, senior_id)
        rides = [
            # An upcoming ride is a booking row, marked `later` or not.
            dict(ride, minutes_away=bookings.minutes_away(db, cast(Booking, ride)))
            for ride in ride_lists.upcoming(db, senior_id)
        ]
        overview.append({"senior": person, "rides": rides})
    return overview


@bp.get("/")
@sign_in_required
def dashboard() -> ResponseReturnValue:
    """The seniors this member looks after and their next rides, followed live."""
    mailed = request.args.get("mailed")
    return render_template(
        "family/dashboard.html",
        overview=_overview(),
        confirmed=signups.email_confirmed(g.member),
        # Which answer the "send the link again" button had: sent, or too many this hour.
        mailed=mailed if mailed in ("sent", "wait") else None,
    )


@bp.get("/panel")
@sign_in_required
def dashboard_panel() -> ResponseReturnValue:
    """Just the rides part of the dashboard, which the page's script swaps in without a reload."""
    return render_template("family/_dashboard_rides.html", overview=_overview())

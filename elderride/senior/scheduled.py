"""The senior page's scheduled parts: the trip back "when you call", and the coming week."""

import zoneinfo
from typing import Any

from flask import g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from sqlite_utils import Database

from elderride.senior.views import _own_booking, bp
from elderride.services import clock, returns, wording
from elderride.services.bookings import get_booking
from elderride.services.errors import NotFound, ValidationError
from elderride.services.records import Senior
from elderride.services.scheduled import recurring
from elderride.web.database import get_db
from elderride.web.i18n import current_language


@bp.post("/senior/rides/<int:booking_id>/return-on-call")
def return_on_call(booking_id: int) -> ResponseReturnValue:
    """Book the trip back, waiting until the senior taps or calls for it."""
    _own_booking(booking_id)
    try:
        back = returns.book_on_call(
            get_db(), booking_id, senior_id=g.senior["id"], channel="web", created_by="senior"
        )
    except (ValidationError, NotFound):
        # Three rides already open, or a ride that cannot have a trip back: its page says why not.
        return redirect(url_for("senior.ride", booking_id=booking_id, back="refused"), code=303)
    return redirect(url_for("senior.ride", booking_id=back["id"]), code=303)


@bp.post("/senior/rides/<int:booking_id>/call-now")
def call_now(booking_id: int) -> ResponseReturnValue:
    """The senior is ready: the waiting trip back goes to dispatch now."""
    _own_booking(booking_id)
    returns.call_for(get_db(), booking_id, actor="senior")
    return redirect(url_for("senior.ride", booking_id=booking_id), code=303)


def week_rows(db: Database, senior: Senior) -> list[dict[str, Any]]:
    """The senior's recurring rides in the coming week, with their local times."""
    zone = zoneinfo.ZoneInfo(senior["timezone"] or "UTC")
    return [
        dict(
            day,
            # As the rest of the page says a time: "8:30 AM" in English, "上午8点半" in Chinese.
            local_time=wording.clock_words(
                clock.parse(day["pickup_at"]).astimezone(zone).time(), current_language()
            ),
        )
        for day in recurring.week_ahead(db, senior["id"])
    ]


@bp.context_processor
def scheduled_context() -> dict[str, Any]:
    """The week on the home page, the trip back on a ride's page: added here, beside the views
    they belong to, so the page's own views stay as they are."""
    if g.get("senior") is None:
        return {}
    db = get_db()
    if request.endpoint == "senior.home":
        return {"week": week_rows(db, g.senior)}
    if request.endpoint in ("senior.ride", "senior.ride_panel"):
        # Never an abort here: this runs for the page's "not found" too.
        try:
            ride = get_booking(db, (request.view_args or {})["booking_id"])
        except (NotFound, KeyError, TypeError):
            return {}
        if ride["senior_id"] != g.senior["id"]:
            return {}
        return {
            "offer_return": returns.can_return(db, ride),
            "return_refused": request.args.get("back") == "refused",
        }
    return {}

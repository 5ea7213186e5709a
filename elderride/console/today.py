"""The supervisor's "today" page: the day's calls, bookings and trouble as charts and tables."""

from flask import current_app, render_template
from flask.typing import ResponseReturnValue

from elderride.console import charts, times
from elderride.console.views import bp, staff_required
from elderride.services.read_models import today
from elderride.web.database import get_db
from elderride.web.i18n import gettext as _


def _understood_names() -> dict[str, str]:
    return {
        "speech": _("Understood by speech"),
        "keys": _("Chosen with keys"),
        "person": _("Checked by a person"),
    }


def _bucket_names() -> dict[str, str]:
    return {
        "under_1": _("under 1 min"),
        "1_to_2": _("1–2 min"),
        "2_to_3": _("2–3 min"),
        "3_to_5": _("3–5 min"),
        "over_5": _("over 5 min"),
    }


@bp.get("/today")
@staff_required
def today_page() -> ResponseReturnValue:
    """Today's figures in the center's time zone, drawn on the server."""
    day = today.figures(get_db(), current_app.config["TIMEZONE"])
    hours = [f"{hour:02d}:00" for hour in range(24)]
    hour_labels = [f"{hour:02d}" for hour in range(24)]
    understood = _understood_names()
    buckets = _bucket_names()
    busiest = max(
        range(24), key=lambda hour: day.calls_per_hour[hour] + day.bookings_per_hour[hour]
    )
    pictures = {
        "per_hour": charts.per_hour(
            _("Calls and bookings per hour"),
            [(_("Calls"), day.calls_per_hour), (_("Bookings"), day.bookings_per_hour)],
            hour_labels,
        ),
        "understood": charts.shares(
            _("How phone bookings were understood"),
            [(understood[name], day.understood[name]) for name in today.UNDERSTOOD],
            _("No phone bookings yet today"),
        ),
        "call_to_booking": charts.buckets(
            _("Time from call to booking"),
            _("Phone bookings"),
            list(buckets.values()),
            [day.call_to_booking[name] for name in buckets],
        ),
    }
    return render_template(
        "console/today.html",
        day=day,
        date_words=times.date_words(day.date),
        hours=hours,
        busiest=hours[busiest] if day.calls or day.bookings else None,
        pictures=pictures,
        understood=understood,
        buckets=buckets,
    )

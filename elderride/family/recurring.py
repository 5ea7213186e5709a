"""Recurring rides the family sets for a senior (dialysis every Monday, Wednesday and Friday):
each day becomes an ordinary booking ahead of time."""

import datetime
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

from flask import abort, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from elderride.family.blueprint import bp, confirm_first, own_senior, sign_in_required
from elderride.services import clock
from elderride.services.errors import NotFound, ValidationError
from elderride.services.people import signups
from elderride.services.people.places import list_places
from elderride.services.records import Place, Senior
from elderride.services.scheduled import recurring
from elderride.web.database import get_db

# The times a ride may be set for, every quarter hour of the day.
TIMES = [f"{hour:02d}:{minute:02d}" for hour in range(5, 23) for minute in (0, 15, 30, 45)]
FORM_FIELDS = (
    "at_time",
    "time_kind",
    "pickup",
    "destination",
    "return_kind",
    "return_time",
    "start_date",
    "end_date",
    "skipped",
)


def _page(
    person: Senior, values: Mapping[str, Any], errors: Mapping[str, Any], status: int = 200
) -> ResponseReturnValue:
    db = get_db()
    preset = list_places(db, person["id"])
    rules = recurring.list_rules(db, person["id"])
    labels = {place["id"]: place["label"] for place in preset}
    zone = zoneinfo.ZoneInfo(person["timezone"] or "UTC")
    week = [
        dict(day, local_time=clock.parse(day["pickup_at"]).astimezone(zone).strftime("%H:%M"))
        for day in recurring.week_ahead(db, person["id"])
    ]
    return render_template(
        "family/recurring.html",
        senior=person,
        places=preset,
        labels=labels,
        rules=rules,
        week=week,
        values=values,
        errors=errors,
        times=TIMES,
        # Errors shown beside their fields; any other is shown at the top of the form.
        shown_fields=[*FORM_FIELDS, "weekdays", *(f"skip-{rule['id']}" for rule in rules)],
    ), status


def _blank(person: Senior, places: Sequence[Place]) -> dict[str, Any]:
    today = clock.now().astimezone(zoneinfo.ZoneInfo(person["timezone"] or "UTC")).date()
    return {
        "weekdays": [],
        "at_time": "08:30",
        "time_kind": "pickup",
        "pickup": str(places[0]["id"]) if places else "",
        "destination": str(places[1]["id"]) if len(places) > 1 else "",
        "return_kind": "none",
        "return_time": "12:00",
        "start_date": (today + datetime.timedelta(days=1)).isoformat(),
        "end_date": "",
        "skipped": "",
    }


@bp.route("/seniors/<int:senior_id>/recurring", methods=["GET", "POST"])
@sign_in_required
def recurring_rides(senior_id: int) -> ResponseReturnValue:
    """The senior's recurring rides, the coming week, and a form to set up another."""
    person = own_senior(senior_id)
    db = get_db()
    if request.method == "GET":
        return _page(person, _blank(person, list_places(db, senior_id)), {})
    if not signups.email_confirmed(g.member):
        return confirm_first()
    form = request.form
    values: dict[str, Any] = {name: form.get(name, "")[:200] for name in FORM_FIELDS}
    values["weekdays"] = form.getlist("weekdays")[:7]
    try:
        recurring.add_rule(db, senior_id, values, created_by=f"family:{g.member['id']}")
    except ValidationError as error:
        return _page(person, values, error.errors, 400)
    return redirect(url_for("family.recurring_rides", senior_id=senior_id), code=303)


def _own_rule(senior_id: int, rule_id: int) -> dict[str, Any]:
    try:
        return recurring.get_rule(get_db(), senior_id, rule_id)
    except NotFound:
        abort(404)


@bp.post("/seniors/<int:senior_id>/recurring/<int:rule_id>/skip")
@sign_in_required
def recurring_skip(senior_id: int, rule_id: int) -> ResponseReturnValue:
    """Skip one day of a recurring ride (a holiday, a visit)."""
    person = own_senior(senior_id)
    _own_rule(senior_id, rule_id)
    try:
        recurring.skip_date(get_db(), senior_id, rule_id, request.form.get("day", "")[:20])
    except ValidationError as error:
        errors = {f"skip-{rule_id}": error.errors[error.field]}
        blank = _blank(person, list_places(get_db(), senior_id))
        return _page(person, blank, errors, 400)
    return redirect(url_for("family.recurring_rides", senior_id=senior_id), code=303)


@bp.post("/seniors/<int:senior_id>/recurring/<int:rule_id>/stop")
@sign_in_required
def recurring_stop(senior_id: int, rule_id: int) -> ResponseReturnValue:
    """Stop a recurring ride: no more days are booked."""
    own_senior(senior_id)
    _own_rule(senior_id, rule_id)
    recurring.stop_rule(get_db(), senior_id, rule_id)
    return redirect(url_for("family.recurring_rides", senior_id=senior_id), code=303)

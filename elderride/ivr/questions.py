"""What each step of a call asks, in the caller's language, and the words it listens for."""

from elderride.intake.phrases import place_phrases
from elderride.intake.vocabulary import words
from elderride.services import bookings, clock, lifecycle, trips, wording


def _menu_sentences(turn, attempt, speech):
    """The menu: in full first; then a shorter "where to?"; then, simplest, the keys alone."""
    prompts = turn.prompts
    opening = {
        0: prompts["greeting"].format(name=turn.senior["name"]),
        1: prompts["reprompt_1"],
    }.get(attempt, prompts["reprompt_2"])
    template = prompts["menu_place"] if speech else prompts["menu_place_keys"]
    lines = [opening]
    lines += [
        template.format(label=place["label"], key=index)
        for index, place in enumerate(turn.places(), start=1)
    ]
    if attempt == 0:
        lines.append(prompts["menu_other"])
    lines.append(prompts["menu_operator"])
    if attempt == 0:
        lines.append(prompts["menu_family"])
    return lines


def _when(turn, at):
    return wording.when({"pickup_at": at}, turn.language, turn.senior["timezone"])


def _confirm_sentences(turn, attempt, speech):
    """The ride read back (with an appointment, when the car comes), then its keys."""
    choice = turn.context.get("choice", {})
    pickup = choice.get("pickup_label") or turn.prompts["where_you_are"]
    destination = choice.get("destination_label", "")
    if choice.get("appointment") and choice.get("pickup_at"):
        appointment = clock.parse(choice["pickup_at"])
        pickup_at = bookings.pickup_for_appointment(
            turn.db,
            turn.senior["id"],
            {"place_id": choice.get("destination_place_id")}
            if choice.get("destination_place_id")
            else None,
            appointment,
        )
        said = turn.prompts["confirm_arrive"].format(
            destination=destination,
            appointment=_when(turn, choice["pickup_at"]),
            pickup=pickup,
            when=_when(turn, clock.iso(pickup_at)),
        )
    else:
        said = turn.prompts["confirm"].format(
            pickup=pickup, destination=destination, when=_when(turn, choice.get("pickup_at"))
        )
    lines = [said, turn.prompts["confirm_keys"], turn.prompts["confirm_time_key"]]
    if offers_way_back(turn):
        lines.append(turn.prompts["confirm_way_back_key"])
    return lines


def offers_way_back(turn):
    """Whether the read-back offers "book it and a car back home": a ride out from home to one
    of the senior's other places, or an address."""
    choice = turn.context.get("choice", {})
    home = turn.home()
    return (
        home is not None
        and choice.get("destination_place_id") != home["id"]
        and choice.get("pickup_place_id") == home["id"]
        and not choice.get("review")
    )


def open_rides(turn):
    """The caller's rides still open among those the call started with, soonest first."""
    rides = []
    for booking_id in turn.context.get("open_rides", ()):
        booking = bookings.get_booking(turn.db, booking_id)
        if booking["state"] in lifecycle.OPEN_STATES:
            rides.append(booking)
    return rides


def may_book_another(turn, rides):
    """Whether the cap leaves room for one more ride (rides a person reviews do not count)."""
    counted = [ride for ride in rides if ride["state"] != "needs_review"]
    return len(counted) < bookings.MAX_OPEN_RIDES


STATE_WORDS = {
    "needs_review": "state_review",
    "assigned": "state_assigned",
    "arriving": "state_arriving",
    "picked_up": "state_riding",
    "no_car": "state_no_car",
}


def _status_sentences(turn, attempt, speech):
    """One ride in full; several as a count and a line each, soonest first; then the keys."""
    prompts = turn.prompts
    rides = open_rides(turn)
    if len(rides) <= 1:
        lines = [_status_sentence(turn), prompts["status_keys"]]
    else:
        lines = [prompts["status_count"].format(count=len(rides))]
        for ride in rides:
            lines.append(
                prompts["status_line"].format(
                    destination=ride["destination_label"]
                    or ride["destination_address"]
                    or wording.catalog(turn.language)["words"]["tell_driver"],
                    when=_when(turn, ride["pickup_at"]),
                    state=prompts[STATE_WORDS.get(ride["state"], "state_waiting")],
                )
            )
        lines.append(prompts["status_keys_many"])
    lines.append(prompts["status_another" if may_book_another(turn, rides) else "status_full"])
    return lines


def _cancel_which_sentences(turn, attempt, speech):
    rides = open_rides(turn)
    lines = [
        turn.prompts["cancel_which"].format(
            destination=ride["destination_label"] or ride["destination_address"] or "",
            when=_when(turn, ride["pickup_at"]),
            key=index,
        )
        for index, ride in enumerate(rides, start=1)
    ]
    lines.append(turn.prompts["cancel_which_keep"].format(key=len(rides) + 1))
    return lines


def _where_from_sentences(turn, attempt, speech):
    prompts = turn.prompts
    stops = trips.going_home_pickups(turn.db, turn.senior)[:7]
    return (
        [prompts["where_from"]]
        + [
            prompts["where_from_place"].format(label=stop["label"], key=index)
            for index, stop in enumerate(stops, start=1)
        ]
        + [prompts["where_from_other"]]
    )


def _when_sentences(turn, attempt, speech):
    prompts = turn.prompts
    said = turn.context.get("just_said") if attempt == 0 else None
    appointment = turn.context.get("choice", {}).get("appointment")
    lines = list(said or [])
    if speech:
        lines.append(prompts["when_arrive_ask" if appointment else "when_ask"])
    lines.append(prompts["when_day_keys"])
    if not appointment:
        lines.append(prompts["when_arrive_key"])
    return lines


def _when_minute_sentences(turn, attempt, speech):
    return [turn.prompts["when_minute"].format(hour=turn.context.get("when_hour", ""))]


def _status_sentence(turn):
    booking = bookings.get_booking(turn.db, turn.context["open_booking"])
    destination = (
        booking["destination_label"]
        or booking["destination_address"]
        or wording.catalog(turn.language)["words"]["tell_driver"]
    )
    key = {
        "needs_review": "status_review",
        "assigned": "status_assigned",
        "arriving": "status_arriving",
        "picked_up": "status_riding",
        "no_car": "status_no_car",
    }.get(booking["state"], "status_waiting")
    car = " ".join(part for part in (booking["car_colour"], booking["car_make"]) if part)
    eta = bookings.minutes_away(turn.db, booking)
    return turn.prompts[key].format(
        destination=destination,
        driver=booking["driver_name"] or "",
        car=car,
        plate=booking["plate"] or "",
        eta=eta if eta is not None else "",
    )


QUESTIONS = {
    "menu": _menu_sentences,
    "confirm": _confirm_sentences,
    "status": _status_sentences,
    "cancel_which": _cancel_which_sentences,
    "where_from": _where_from_sentences,
    "when": _when_sentences,
    "when_hour": lambda turn, attempt, speech: [turn.prompts["when_hour"]],
    "when_minute": _when_minute_sentences,
    "cancel": lambda turn, attempt, speech: [
        turn.prompts["cancel_confirm"].format(destination=turn.context.get("open_destination", ""))
    ],
    "other": lambda turn, attempt, speech: [turn.prompts["other_address"]],
    "unknown_pickup": lambda turn, attempt, speech: (
        ([turn.prompts["greeting_unknown"]] if attempt == 0 else [])
        + [turn.prompts["unknown_pickup"]]
    ),
    "unknown_destination": lambda turn, attempt, speech: [turn.prompts["unknown_destination"]],
}
FREE_SPEECH_STEPS = {"other", "unknown_pickup", "unknown_destination"}
# Steps answered by keys alone, and how many keys their answer has (an hour is two: 0 9, 1 4).
KEYS_ONLY_STEPS = {"when_hour", "when_minute", "cancel_which"}
KEY_COUNTS = {"when_hour": 2}
# Steps that listen to the whole language (a time said any way), not a phrase list.
OPEN_SPEECH_STEPS = {"when"}


def phrases(step, turn):
    """The phrase list the recognizer is restricted to at `step` (None: free speech)."""
    if step in FREE_SPEECH_STEPS or step in OPEN_SPEECH_STEPS:
        return None
    vocabulary = words(turn.language)
    spoken = [
        word
        for key in ("yes", "no", "cancel", "status", "operator", "family")
        for word in vocabulary[key]
    ]
    spoken += list(vocabulary.get("numbers", {}))
    # The places as the parser understands them: "pharmacy" alone, 二院, "my son's".
    spoken += place_phrases(turn.places(), turn.language, turn.contacts())
    return spoken

"""What each step of a call asks, in the caller's language, and the words it listens for."""

from elderride.intake.phrases import place_phrases
from elderride.intake.vocabulary import words
from elderride.services import bookings, wording


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


def _confirm_sentence(turn):
    choice = turn.context.get("choice", {})
    when = wording.when(
        {"pickup_at": choice.get("pickup_at")}, turn.language, turn.senior["timezone"]
    )
    pickup = choice.get("pickup_label") or turn.prompts["where_you_are"]
    return turn.prompts["confirm"].format(
        pickup=pickup, destination=choice.get("destination_label", ""), when=when
    )


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
        "awaiting_call": "status_awaiting_call",
    }.get(booking["state"], "status_waiting")
    car = " ".join(part for part in (booking["car_colour"], booking["car_make"]) if part)
    eta = bookings.minutes_away(turn.db, booking)
    return turn.prompts[key].format(
        pickup=booking["pickup_label"] or booking["pickup_address"],
        destination=destination,
        driver=booking["driver_name"] or "",
        car=car,
        plate=booking["plate"] or "",
        eta=eta if eta is not None else "",
    )


QUESTIONS = {
    "return_ready": lambda turn, attempt, speech: (
        ([turn.prompts["greeting"].format(name=turn.senior["name"])] if attempt == 0 else [])
        + [
            turn.prompts["return_ready"].format(pickup=turn.context.get("return_from", "")),
            turn.prompts["return_keys"],
        ]
    ),
    "menu": _menu_sentences,
    "confirm": lambda turn, attempt, speech: [
        _confirm_sentence(turn),
        turn.prompts["confirm_keys"],
    ],
    "status": lambda turn, attempt, speech: [_status_sentence(turn), turn.prompts["status_keys"]],
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


def phrases(step, turn):
    """The phrase list the recognizer is restricted to at `step` (None: free speech)."""
    if step in FREE_SPEECH_STEPS:
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

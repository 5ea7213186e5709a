"""The conversation of a call, step by step: what each step asks, and where each answer leads.

A step is asked with `present` and answered with `answer`; keys and spoken
intents both become a key through each step's table, with a fallback that
asks again more simply (twice), then by keys only, then puts a person on.
"""

import datetime
import zoneinfo

from elderride import settings
from elderride.intake import tidy
from elderride.intake.vocabulary import words
from elderride.ivr import questions, twiml
from elderride.services import bookings, clock, contacts, lifecycle, phones, places, trips
from elderride.services.errors import TransitionRefused, ValidationError

OTHER_KEY, OPERATOR_KEY, FAMILY_KEY = "8", "0", "9"
# Attempts 0 and 1 take speech; attempt 2 is keys only; after that, a person.
KEYS_ONLY_FROM = 2
OPERATOR_FROM = 3


class Turn:
    """One request of a call: its facts, its stored context, and how to reach the next steps."""

    def __init__(self, *, db, call, senior, prompts, urls, speech, config):
        self.db = db
        self.call = call
        self.senior = senior
        self.prompts = prompts
        self.urls = urls  # urls(view, step, attempt) -> path
        self.speech = speech  # whether a speech engine is there to listen
        self.config = config
        self.context = dict(call["context"])
        # stream(step, attempt) -> {"stream": (name, url, parameters), "stop": name} to hear the
        # answer live, or None.
        self.stream = None

    @property
    def language(self):
        return self.senior["language"] if self.senior else self.call["language"] or "en"

    def places(self):
        return places.list_places(self.db, self.senior["id"]) if self.senior else []

    def home(self):
        """The place the family marked home (never just the first in the list), or None."""
        return places.home_place(self.db, self.senior["id"]) if self.senior else None

    def contacts(self):
        """The senior's family contacts, so "my son's place" can be understood."""
        return contacts.list_contacts(self.db, self.senior["id"]) if self.senior else []

    def say_then(self, sentences, **kwargs):
        return twiml.say_then(self.prompts, sentences, **kwargs)


# Asking --------------------------------------------------------------------------------------


def present(step, turn, attempt):
    """Return the TwiML that asks `step` at this attempt."""
    if attempt >= OPERATOR_FROM:
        return operator(turn)
    speech = turn.speech and attempt < KEYS_ONLY_FROM and step not in questions.KEYS_ONLY_STEPS
    sentences = questions.QUESTIONS[step](turn, attempt, speech)
    keys = questions.KEY_COUNTS.get(step, 1)
    if step in questions.FREE_SPEECH_STEPS:
        # Addresses cannot be typed on a keypad: they are recorded even without a speech
        # engine, and a person listens to them.
        return twiml.record_free(
            turn.prompts,
            " ".join(sentences),
            answer_url=turn.urls("answer", step, attempt),
            step_url_next=turn.urls("step", step, attempt + 1),
            listen_url=turn.urls("step", step, attempt) + "&listen=1",
        )
    live = turn.stream(step, attempt) if speech and turn.stream is not None else None
    if live is not None:
        return twiml.ask_streaming(
            turn.prompts,
            sentences,
            answer_url=turn.urls("answer", step, attempt),
            listen_url=turn.urls("step", step, attempt) + "&listen=1",
            stream=live["stream"],
            stop_stream=live.get("stop"),
            keys=keys,
        )
    return twiml.ask(
        turn.prompts,
        sentences,
        answer_url=turn.urls("answer", step, attempt),
        step_url_next=turn.urls("step", step, attempt + 1),
        listen_url=turn.urls("step", step, attempt) + "&listen=1",
        speech=speech,
        keys=keys,
    )


# Answering -----------------------------------------------------------------------------------


def answer(step, turn, attempt, *, key=None, intent=None, utterance_id=None):
    """Return the TwiML for an answer to `step`: a pressed `key` or a spoken `intent`."""
    if step in questions.FREE_SPEECH_STEPS:
        return FREE_ANSWERS[step](turn, attempt, key, utterance_id, intent)
    if key is None and intent is not None:
        key = INTENT_KEYS.get(step, {}).get(intent["intent"])
        if step == "menu" and intent["intent"] == "place" and intent["place"]:
            return _choose(
                turn,
                intent["place"]["id"],
                when=intent.get("when"),
                appointment=arrives_by(intent.get("text"), turn.language),
            )
        if step == "menu" and intent["intent"] == "menu" and intent.get("choice") is not None:
            key = str(intent["choice"])
        if step == "menu" and intent["intent"] == "address":
            return present("other", turn, 0)
        if step == "when" and (intent.get("when") or {}).get("at"):
            if arrives_by(intent.get("text"), turn.language):
                turn.context["choice"]["appointment"] = True
            return _chosen_time(turn, clock.parse(intent["when"]["at"]))
        if step == "where_from" and intent["intent"] == "place" and intent["place"]:
            return _pickup_place(turn, intent["place"]["id"])
    if key == OPERATOR_KEY:
        return operator(turn)
    if key == FAMILY_KEY and turn.senior:
        return family(turn)
    handler = KEY_HANDLERS[step]
    response = handler(turn, key, attempt) if key else None
    if response is None:
        # Silence, a wrong key or words we did not understand: ask again, more simply.
        return present(step, turn, attempt + 1)
    return response


def _menu_key(turn, key, attempt):
    if key == OTHER_KEY:
        return present("other", turn, 0)
    preset = turn.places()
    if key.isdigit() and 1 <= int(key) <= len(preset):
        return _choose(turn, preset[int(key) - 1]["id"])
    return None


def arrives_by(said, language):
    """Tell whether a time was said as when to be there ("I must be there at ten", "十点前到")."""
    return bool(said) and tidy.has_phrase(said.casefold(), words(language)["arrive_by"], language)


def _choose(turn, place_id, when=None, appointment=False):
    """Remember the chosen place and read the ride back for a confirmation (going home, first
    ask where from)."""
    preset = turn.places()
    place = next((place for place in preset if place["id"] == place_id), None)
    if place is None:
        return present("menu", turn, 1)
    home = turn.home()
    choice = {"destination_place_id": place["id"], "destination_label": place["label"]}
    if home is not None and place["id"] != home["id"]:
        choice.update(pickup_place_id=home["id"], pickup_label=home["label"])
    if when and not when.get("now"):
        choice["pickup_at"] = when["at"]
        if appointment:
            choice["appointment"] = True
    turn.context["choice"] = choice
    if home is not None and place["id"] == home["id"] and _home_pickups(turn):
        return present("where_from", turn, 0)
    return present("confirm", turn, 0)


def _home_pickups(turn):
    """Where the car may come from on the way home, today's last destination first (keys 1..)."""
    return trips.going_home_pickups(turn.db, turn.senior)[: int(OTHER_KEY) - 1]


def _where_from_key(turn, key, attempt):
    stops = _home_pickups(turn)
    choice = turn.context["choice"]
    if key == OTHER_KEY:
        # Somewhere no place names: a person calls back to check where the car should go.
        for field in ("pickup_place_id", "pickup_label", "pickup_address"):
            choice.pop(field, None)
        return present("confirm", turn, 0)
    if key.isdigit() and 1 <= int(key) <= len(stops):
        stop = stops[int(key) - 1]
        if stop["place_id"] is not None:
            return _pickup_place(turn, stop["place_id"])
        choice.update(pickup_address=stop["address"], pickup_label=stop["label"])
        choice.pop("pickup_place_id", None)
        return present("confirm", turn, 0)
    return None


def _pickup_place(turn, place_id):
    """Take the car from one of the senior's places (not the destination) and read the ride back."""
    choice = turn.context["choice"]
    place = next((p for p in turn.places() if p["id"] == place_id), None)
    if place is None or place["id"] == choice.get("destination_place_id"):
        return present("where_from", turn, 1)
    choice.update(pickup_place_id=place["id"], pickup_label=place["label"])
    choice.pop("pickup_address", None)
    return present("confirm", turn, 0)


def _senior_zone(turn):
    return zoneinfo.ZoneInfo(turn.senior["timezone"] or "UTC")


def _chosen_time(turn, moment):
    """Set the ride's time (or appointment time) and read the ride back."""
    choice = turn.context["choice"]
    turn.context.pop("just_said", None)
    if moment < clock.now() - datetime.timedelta(minutes=5):
        return turn.say_then([turn.prompts["when_passed"]], next_url=turn.urls("step", "when", 0))
    choice["pickup_at"] = clock.iso(moment)
    return present("confirm", turn, 0)


def _when_key(turn, key, attempt):
    if key in ("1", "2", "3"):
        turn.context.pop("just_said", None)
    if key == "3":
        # "I must be there by then": the same day and hour keys, then the car comes earlier.
        turn.context["choice"]["appointment"] = True
        return present("when", turn, 0)
    if key not in ("1", "2"):
        return None
    today = clock.now().astimezone(_senior_zone(turn)).date()
    turn.context["when_day"] = (today + datetime.timedelta(days=int(key) - 1)).isoformat()
    return present("when_hour", turn, 0)


def _when_hour_key(turn, key, attempt):
    if not (key.isdigit() and len(key) == 2 and int(key) <= 23):
        return None
    turn.context["when_hour"] = int(key)
    return present("when_minute", turn, 0)


def _when_minute_key(turn, key, attempt):
    if key not in ("1", "2", "3", "4"):
        return None
    day = datetime.date.fromisoformat(turn.context["when_day"])
    moment = datetime.datetime.combine(
        day,
        datetime.time(turn.context["when_hour"], (int(key) - 1) * 15),
        tzinfo=_senior_zone(turn),
    )
    return _chosen_time(turn, moment)


def _confirm_key(turn, key, attempt):
    if key == "2":
        turn.context.pop("choice", None)
        return present("menu", turn, 0)
    if "choice" not in turn.context:
        return None
    if key == "3":
        return present("when", turn, 0)
    if key == "4" and questions.offers_way_back(turn):
        return _book(turn, attempt, then_way_back=True)
    if key != "1":
        return None
    return _book(turn, attempt)


def _book(turn, attempt, *, then_way_back=False):
    """Book the ride read back; then say goodbye, or, asked for, go on to the car back home."""
    choice = turn.context["choice"]
    going_home = "pickup_place_id" not in choice and "pickup_address" not in choice
    if "pickup_place_id" in choice:
        pickup = {"place_id": choice["pickup_place_id"]}
    else:
        pickup = {"address": choice.get("pickup_address") or turn.prompts["where_you_are"]}
    appointment = choice.get("pickup_at") if choice.get("appointment") else None
    booked = turn.context.get("booked", 0)
    try:
        booking, _ = bookings.create_booking(
            turn.db,
            # Twilio retries and replayed steps carry the same call and count: one booking each.
            idempotency_key=f"call:{turn.call['call_sid']}" + (f":{booked}" if booked else ""),
            channel="phone",
            created_by="caller",
            senior_id=turn.senior["id"],
            caller_phone=turn.call["from_phone"] or None,
            pickup=pickup,
            destination={"place_id": choice["destination_place_id"]}
            if choice.get("destination_place_id")
            else {"address": choice.get("destination_label", "")},
            pickup_at=None if appointment else choice.get("pickup_at"),
            appointment_at=appointment,
            # Going home, or to a spoken address: a person confirms where from or where to.
            needs_review=going_home or bool(choice.get("review")),
            call_sid=turn.call["call_sid"],
        )
    except ValidationError as error:
        if error.field == "senior":
            return turn.say_then(
                [turn.prompts["status_full"], turn.prompts["goodbye"]], hangup=True
            )
        return present("menu", turn, attempt + 1)
    turn.context["booking_id"] = booking["id"]
    turn.context["booked"] = booked + 1
    told = contacts.notified_contacts(turn.db, turn.senior["id"])
    said = turn.prompts["booked" if told else "booked_no_family"]
    if then_way_back:
        return _way_back(turn, booking, said)
    return turn.say_then([said, turn.prompts["goodbye"]], hangup=True)


def _way_back(turn, booking, said):
    """Go on from a ride out to the car back home: from where it went, at a time to choose."""
    home = turn.home()
    choice = {"destination_place_id": home["id"], "destination_label": home["label"]}
    if booking["destination_place_id"] is not None:
        choice.update(
            pickup_place_id=booking["destination_place_id"],
            pickup_label=booking["destination_label"],
        )
    else:
        choice.update(
            pickup_address=booking["destination_address"],
            pickup_label=booking["destination_address"],
        )
    turn.context["choice"] = choice
    turn.context["just_said"] = [
        said,
        turn.prompts["way_back"].format(pickup=choice["pickup_label"]),
    ]
    return present("when", turn, 0)


def _status_key(turn, key, attempt):
    if key == "1":
        return present("status", turn, 0)
    rides = questions.open_rides(turn)
    if key == "2" and questions.may_book_another(turn, rides):
        return present("menu", turn, 0)
    if key == "3" and len(rides) > 1:
        return present("cancel_which", turn, 0)
    if key == "3":
        return present("cancel", turn, 0)
    return None


def _cancel_which_key(turn, key, attempt):
    rides = questions.open_rides(turn)
    if not key.isdigit() or not 1 <= int(key) <= len(rides) + 1:
        return None
    if int(key) == len(rides) + 1:
        return turn.say_then([turn.prompts["kept"], turn.prompts["goodbye"]], hangup=True)
    ride = rides[int(key) - 1]
    turn.context["open_booking"] = ride["id"]
    turn.context["open_destination"] = (
        ride["destination_label"] or ride["destination_address"] or ""
    )
    return present("cancel", turn, 0)


def _cancel_key(turn, key, attempt):
    if key == "2":
        return turn.say_then([turn.prompts["kept"], turn.prompts["goodbye"]], hangup=True)
    if key != "1":
        return None
    try:
        bookings.transition(turn.db, turn.context["open_booking"], "cancelled", actor="caller")
    except TransitionRefused:
        pass  # already cancelled by a replayed request, or moved on: say what is true now
    return turn.say_then([turn.prompts["cancelled"], turn.prompts["goodbye"]], hangup=True)


KEY_HANDLERS = {
    "menu": _menu_key,
    "confirm": _confirm_key,
    "status": _status_key,
    "cancel": _cancel_key,
    "cancel_which": _cancel_which_key,
    "where_from": _where_from_key,
    "when": _when_key,
    "when_hour": _when_hour_key,
    "when_minute": _when_minute_key,
}
# Spoken intents that mean a key at each step.
INTENT_KEYS = {
    "menu": {"operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "confirm": {"yes": "1", "no": "2", "operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "status": {"cancel": "3", "status": "1", "operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "cancel_which": {"operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "where_from": {"operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "when": {"operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "when_hour": {"operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "when_minute": {"operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "cancel": {
        "yes": "1",
        "cancel": "1",
        "no": "2",
        "operator": OPERATOR_KEY,
        "family": FAMILY_KEY,
    },
}


def _other_answer(turn, attempt, key, utterance_id, intent):
    if key == OPERATOR_KEY:
        return operator(turn)
    address = (
        (intent or {}).get("address")
        or ((intent or {}).get("place") or {}).get("label")
        or (intent or {}).get("text")
    )
    if not address and utterance_id is not None:
        # Nobody understood the address yet: a person listens to the recording and calls back.
        home = turn.home()
        return _book_for_review(
            turn,
            pickup={"place_id": home["id"]} if home else {"address": turn.prompts["where_you_are"]},
            destination={"address": f"(recording {utterance_id})"},
            closing="other_review",
        )
    if not address:
        return present("other", turn, attempt + 1)
    home = turn.home()
    turn.context["choice"] = {
        "destination_label": address[:200],
        "review": True,  # a spoken address is checked by a person
        **({"pickup_place_id": home["id"], "pickup_label": home["label"]} if home else {}),
    }
    return present("confirm", turn, 0)


def _book_for_review(turn, *, pickup, destination, closing):
    """Book a ride a person must check (a recorded address, an unknown caller), and say so."""
    booking, _ = bookings.create_booking(
        turn.db,
        idempotency_key=f"call:{turn.call['call_sid']}",
        channel="phone",
        created_by="caller",
        senior_id=turn.senior["id"] if turn.senior else None,
        caller_phone=turn.call["from_phone"] or "withheld",
        pickup=pickup,
        destination=destination,
        needs_review=True,
        call_sid=turn.call["call_sid"],
    )
    turn.context["booking_id"] = booking["id"]
    return turn.say_then([turn.prompts[closing], turn.prompts["goodbye"]], hangup=True)


def _unknown_answer(turn, attempt, key, utterance_id, intent, *, part):
    if key == OPERATOR_KEY:
        return operator(turn)
    if utterance_id is None:
        return present(f"unknown_{part}", turn, attempt + 1)
    turn.context[part] = {"utterance": utterance_id, "text": (intent or {}).get("text") or ""}
    if part == "pickup":
        return present("unknown_destination", turn, 0)
    return _book_for_review(
        turn,
        pickup={
            "address": turn.context["pickup"]["text"]
            or f"(recording {turn.context['pickup']['utterance']})"
        },
        destination={
            "address": turn.context["destination"]["text"] or f"(recording {utterance_id})"
        },
        closing="unknown_thanks",
    )


FREE_ANSWERS = {
    "other": _other_answer,
    "unknown_pickup": lambda turn, attempt, key, utterance_id, intent: _unknown_answer(
        turn, attempt, key, utterance_id, intent, part="pickup"
    ),
    "unknown_destination": lambda turn, attempt, key, utterance_id, intent: _unknown_answer(
        turn, attempt, key, utterance_id, intent, part="destination"
    ),
}


# People ----------------------------------------------------------------------------------------


def operator(turn, *, first=()):
    """Put the caller through to a person (never hang up on a caller who needs one), after `first`
    sentences."""
    return put_through(turn.prompts, turn.config, first=first)


def put_through(prompts, config, *, first=()):
    """Say `first`, then connect the caller to the operator, or say no one can answer."""
    number = config.get("OPERATOR_NUMBER") or config.get("DISPATCH_PHONE")
    if not number:
        return twiml.say_then(prompts, [*first, prompts["no_one"]], hangup=True)
    return twiml.connect(
        prompts,
        " ".join([*first, prompts["operator"]]),
        number,
        caller_id=config.get("TWILIO_NUMBER"),
    )


def family(turn):
    """Call the first family contact for the senior (whose number elderride may call)."""
    allowed = settings.allowed_regions(turn.config)
    people = [
        person
        for person in contacts.list_contacts(turn.db, turn.senior["id"])
        if phones.reachable(person["phone"], allowed)
    ]
    if not people:
        return twiml.say_then(
            turn.prompts, [turn.prompts["no_family"]], next_url=turn.urls("step", "menu", 0)
        )
    first = people[0]
    return twiml.connect(
        turn.prompts,
        turn.prompts["family"].format(name=first["name"]),
        first["phone"],
        caller_id=turn.config.get("TWILIO_NUMBER"),
    )


UNKNOWN_CALLER_STEPS = ("unknown_pickup", "unknown_destination")


def reachable(step, turn):
    """Return `step` if this call can be there now, else where it can go (a forged or stale URL asks
    nothing odd)."""
    if turn.senior is None:
        if step == "unknown_destination" and "pickup" in turn.context:
            return step
        return "unknown_pickup"
    if step in UNKNOWN_CALLER_STEPS:
        return "menu"
    if step in ("status", "cancel") and "open_booking" not in turn.context:
        return "menu"
    if step == "cancel_which" and len(turn.context.get("open_rides", ())) < 2:
        return "menu"
    if step in ("confirm", "where_from", "when") and "choice" not in turn.context:
        return "menu"
    if step == "when_hour" and ("choice" not in turn.context or "when_day" not in turn.context):
        return "menu"
    if step == "when_minute" and ("choice" not in turn.context or "when_hour" not in turn.context):
        return "menu"
    return step


def first_step(turn):
    """Choose where a new call starts: its open ride, the menu, or the unknown caller's
    questions."""
    if turn.senior is None:
        return "unknown_pickup"
    open_booking = bookings.open_booking(turn.db, turn.senior["id"])
    turn.context["open_rides"] = [
        ride["id"] for ride in bookings.open_bookings(turn.db, turn.senior["id"])
    ]
    if open_booking and open_booking["state"] in lifecycle.OPEN_STATES:
        turn.context["open_booking"] = open_booking["id"]
        turn.context["open_destination"] = (
            open_booking["destination_label"] or open_booking["destination_address"] or ""
        )
        return "status"
    return "menu"

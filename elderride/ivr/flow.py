"""The conversation of a call, step by step: what each step asks, and where each answer leads.

A step is asked with `present` and answered with `answer`; keys and spoken
intents both become a key through each step's table, with a fallback that
asks again more simply (twice), then by keys only, then puts a person on.
"""

from elderride import settings
from elderride.ivr import questions, twiml
from elderride.services import bookings, contacts, lifecycle, phones, places, returns
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
    speech = turn.speech and attempt < KEYS_ONLY_FROM
    sentences = questions.QUESTIONS[step](turn, attempt, speech)
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
        )
    return twiml.ask(
        turn.prompts,
        sentences,
        answer_url=turn.urls("answer", step, attempt),
        step_url_next=turn.urls("step", step, attempt + 1),
        listen_url=turn.urls("step", step, attempt) + "&listen=1",
        speech=speech,
    )


# Answering -----------------------------------------------------------------------------------


def answer(step, turn, attempt, *, key=None, intent=None, utterance_id=None):
    """Return the TwiML for an answer to `step`: a pressed `key` or a spoken `intent`."""
    if step in questions.FREE_SPEECH_STEPS:
        return FREE_ANSWERS[step](turn, attempt, key, utterance_id, intent)
    if key is None and intent is not None:
        key = INTENT_KEYS.get(step, {}).get(intent["intent"])
        if step == "menu" and intent["intent"] == "place" and intent["place"]:
            return _choose(turn, intent["place"]["id"], when=intent.get("when"))
        if step == "menu" and intent["intent"] == "menu" and intent.get("choice") is not None:
            key = str(intent["choice"])
        if step == "menu" and intent["intent"] == "address":
            return present("other", turn, 0)
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


def _choose(turn, place_id, when=None):
    """Remember the chosen place and read the ride back for a confirmation."""
    preset = turn.places()
    place = next((place for place in preset if place["id"] == place_id), None)
    if place is None:
        return present("menu", turn, 1)
    home = preset[0]
    choice = {"destination_place_id": place["id"], "destination_label": place["label"]}
    if place["id"] != home["id"]:
        choice.update(pickup_place_id=home["id"], pickup_label=home["label"])
    if when and not when.get("now"):
        choice["pickup_at"] = when["at"]
    turn.context["choice"] = choice
    return present("confirm", turn, 0)


def _confirm_key(turn, key, attempt):
    if key == "2":
        turn.context.pop("choice", None)
        return present("menu", turn, 0)
    if key != "1" or "choice" not in turn.context:
        return None
    choice = turn.context["choice"]
    going_home = "pickup_place_id" not in choice
    try:
        booking, _ = bookings.create_booking(
            turn.db,
            # Twilio retries and replayed steps carry the same call: one booking per call.
            idempotency_key=f"call:{turn.call['call_sid']}",
            channel="phone",
            created_by="caller",
            senior_id=turn.senior["id"],
            caller_phone=turn.call["from_phone"] or None,
            pickup={"place_id": choice["pickup_place_id"]}
            if not going_home
            else {"address": turn.prompts["where_you_are"]},
            destination={"place_id": choice["destination_place_id"]}
            if choice.get("destination_place_id")
            else {"address": choice.get("destination_label", "")},
            pickup_at=choice.get("pickup_at"),
            # Going home, or to a spoken address: a person confirms where from or where to.
            needs_review=going_home or bool(choice.get("review")),
            call_sid=turn.call["call_sid"],
        )
    except ValidationError:
        return present("menu", turn, attempt + 1)
    turn.context["booking_id"] = booking["id"]
    told = contacts.notified_contacts(turn.db, turn.senior["id"])
    return turn.say_then(
        [turn.prompts["booked" if told else "booked_no_family"], turn.prompts["goodbye"]],
        hangup=True,
    )


def _status_key(turn, key, attempt):
    if key == "1":
        return present("status", turn, 0)
    if key == "3":
        return present("cancel", turn, 0)
    return None


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


def _return_key(turn, key, attempt):
    """Ready to go home? 1 sends the waiting trip back to dispatch; 2 goes on to the rest."""
    if key == "2":
        # Something else: a ride to book, most likely (the trip back keeps waiting).
        turn.context["return_declined"] = True
        turn.context.pop("return_ride", None)
        return present("menu", turn, 0)
    if key != "1" or "return_ride" not in turn.context:
        return None
    returns.call_for(turn.db, turn.context["return_ride"], actor="caller")
    turn.context["booking_id"] = turn.context["return_ride"]
    return turn.say_then([turn.prompts["return_booked"], turn.prompts["goodbye"]], hangup=True)


KEY_HANDLERS = {
    "return_ready": _return_key,
    "menu": _menu_key,
    "confirm": _confirm_key,
    "status": _status_key,
    "cancel": _cancel_key,
}
# Spoken intents that mean a key at each step.
INTENT_KEYS = {
    "return_ready": {"yes": "1", "no": "2", "operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "menu": {"operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "confirm": {"yes": "1", "no": "2", "operator": OPERATOR_KEY, "family": FAMILY_KEY},
    "status": {"cancel": "3", "status": "1", "operator": OPERATOR_KEY, "family": FAMILY_KEY},
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
        home = turn.places()[0] if turn.places() else None
        return _book_for_review(
            turn,
            pickup={"place_id": home["id"]} if home else {"address": turn.prompts["where_you_are"]},
            destination={"address": f"(recording {utterance_id})"},
            closing="other_review",
        )
    if not address:
        return present("other", turn, attempt + 1)
    home = turn.places()[0] if turn.places() else None
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
    if step == "confirm" and "choice" not in turn.context:
        return "menu"
    if step == "return_ready" and "return_ride" not in turn.context:
        return "menu"
    return step


def first_step(turn):
    """Choose where a new call starts: its open ride, the menu, or the unknown caller's
    questions."""
    if turn.senior is None:
        return "unknown_pickup"
    # A trip back waiting for this call comes first: "Ready to go home? Press 1."
    waiting = (
        None
        if turn.context.get("return_declined")
        else returns.ready_return(turn.db, turn.senior["id"])
    )
    if waiting is not None:
        turn.context["return_ride"] = waiting["id"]
        turn.context["return_from"] = waiting["pickup_label"] or waiting["pickup_address"]
        return "return_ready"
    open_booking = bookings.open_booking(turn.db, turn.senior["id"])
    if open_booking and open_booking["state"] in lifecycle.OPEN_STATES:
        turn.context["open_booking"] = open_booking["id"]
        turn.context["open_destination"] = (
            open_booking["destination_label"] or open_booking["destination_address"] or ""
        )
        return "status"
    return "menu"

"""The engine of a call's conversation: asks a step, takes its answer, goes where the answer leads.

It knows no step by name, and imports none: each step is declared once in
`elderride/ivr/steps/` (a `Step`: what it asks, its keys, the spoken intents it takes, whether
it hears free speech) and reaches the engine through the turn's `Line`.  The engine asks a
step, turns a spoken intent into a key through the step's table, runs the key's handler with
an `Answer`, and when nothing fits asks again more simply (twice), then by keys only, then
puts a person on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from twilio.twiml.voice_response import VoiceResponse

from elderride.intake import Intent
from elderride.ivr import twiml
from elderride.ivr.call_state import CallState
from elderride.services.people import contacts, places

if TYPE_CHECKING:
    from sqlite_utils import Database

    from elderride.services.records import Contact, Place, Senior

# Attempts 0 and 1 take speech; attempt 2 is keys only; after that, a person.
KEYS_ONLY_FROM = 2
OPERATOR_FROM = 3

Reply: TypeAlias = VoiceResponse
# What a key (or what was said) does at a step: the next TwiML, or None for "not understood"
# (the engine then asks the same step again, more simply).
Handler = Callable[["Answer"], Reply | None]


@dataclasses.dataclass
class Turn:
    """One request of a call: its facts, its stored state, the line's steps, and how to reach
    them."""

    db: Database
    call: dict[str, Any]
    senior: Senior | None
    prompts: Mapping[str, str]
    config: Mapping[str, Any]
    speech: bool  # whether a speech engine is there to listen
    line: Line
    urls: Callable[[str, str, int], str] = lambda view, step, attempt: ""
    state: CallState = dataclasses.field(default_factory=CallState)
    # stream(step, attempt) -> {"stream": (name, url, parameters), "stop": name} to hear the
    # answer live, or None.
    stream: Callable[[str, int], dict[str, Any] | None] | None = None
    # Where the family, called for a caller whose caller ID was not believed, hears so first.
    whisper_url: str | None = None

    @property
    def language(self) -> str:
        return self.senior["language"] if self.senior else self.call["language"] or "en"

    @property
    def believed(self) -> bool:
        """Whether the caller ID was believed (services.people.caller_id): the senior's rides are
        read out and changed only then."""
        return self.senior is not None and bool(self.call.get("caller_believed"))

    def places(self) -> list[Place]:
        return places.list_places(self.db, self.senior["id"]) if self.senior else []

    def home(self) -> Place | None:
        """The place the family marked home (never just the first in the list), or None."""
        return places.home_place(self.db, self.senior["id"]) if self.senior else None

    def contacts(self) -> list[Contact]:
        """The senior's family contacts, so "my son's place" can be understood."""
        return contacts.list_contacts(self.db, self.senior["id"]) if self.senior else []

    def say_then(self, sentences: list[str], **kwargs: Any) -> Reply:
        return twiml.say_then(self.prompts, sentences, **kwargs)


@dataclasses.dataclass(frozen=True)
class Question:
    """What a step's `asks` is given: the turn, the attempt, and whether speech is heard now."""

    turn: Turn
    attempt: int
    speech: bool
    # Whether the answer streams live (no tone, no recording): a free-speech question says so.
    live: bool = False

    @property
    def prompts(self) -> Mapping[str, str]:
        return self.turn.prompts


@dataclasses.dataclass(frozen=True)
class Answer:
    """What a step's handlers are given: the turn, the step and attempt, and what the caller did."""

    turn: Turn
    step: str
    attempt: int
    key: str | None = None
    intent: Intent | None = None
    utterance_id: int | None = None  # the recording kept for a person to listen to

    @property
    def prompts(self) -> Mapping[str, str]:
        return self.turn.prompts

    @property
    def state(self) -> CallState:
        return self.turn.state

    def ask(self, step: str, attempt: int = 0) -> Reply:
        """Go on to `step` (from its first, fullest question)."""
        return present(step, self.turn, attempt)

    def again(self) -> Reply:
        """Ask this step again, more simply: the answer was not understood."""
        return present(self.step, self.turn, self.attempt + 1)

    def repeat(self) -> Reply:
        """Ask this step again in the same words: the caller asked to hear it again."""
        return present(self.step, self.turn, self.attempt)

    def goodbye(self, *prompt_keys: str) -> Reply:
        """Say these prompts, then goodbye, and end the call."""
        sentences = [self.prompts[key] for key in prompt_keys]
        return self.turn.say_then([*sentences, self.prompts["goodbye"]], hangup=True)

    def operator(self) -> Reply:
        """Put the caller through to a person."""
        return operator(self.turn)


@dataclasses.dataclass(frozen=True)
class Key:
    """A key every step takes: what it does, and the prompt that announces it (if any)."""

    does: Handler
    says: str | None = None


@dataclasses.dataclass(frozen=True)
class Step:
    """One question of the phone line, declared once: everything the engine needs to ask and
    answer it."""

    name: str
    # The sentences of the question (prompt keys filled in), at this attempt.
    asks: Callable[[Question], list[str]]
    # What each key does; `any_key` takes the keys not listed (a menu's numbered places).
    keys: Mapping[str, Handler] = dataclasses.field(default_factory=dict)
    any_key: Handler | None = None
    # Spoken intents that mean a key here ("yes" is "1"), or the key an intent names.
    intents: Mapping[str, str | Callable[[Intent], str | None]] = dataclasses.field(
        default_factory=dict
    )
    # Spoken intents this step acts on itself (a place named at the menu).
    understands: Mapping[str, Handler] = dataclasses.field(default_factory=dict)
    # Free speech (an address): recorded even without a speech engine, for a person to listen
    # to, never restricted to a phrase list; `hears` takes what was said (or the recording).
    free_speech: bool = False
    hears: Handler | None = None
    # The phrase list the recognizer is restricted to here (None: the line's usual one).
    phrases: Callable[[Turn], list[str]] | None = None
    # Keys and the whole language, not a phrase list (a time said any way: "tomorrow at two").
    open_speech: bool = False
    # Keys alone, never speech (an hour keyed as 1 4), and how many keys make one answer.
    keys_only: bool = False
    digits: int = 1
    # Who can be at this step (a senior; a senior whose caller ID was believed, for steps that
    # read out or change their rides; a caller we do not know), and the `CallState` fields that
    # must be set.
    caller: Literal["known", "believed", "unknown"] = "known"
    needs: tuple[str, ...] = ()
    # Keys every step takes that this one does not, and those it takes without announcing them.
    without: frozenset[str] = frozenset()
    quiet: frozenset[str] = frozenset()
    # Keys that book or cancel, each with the prompt said when a spoken answer meant it but the
    # recognizer was less sure than YES_CONFIDENCE: the caller is asked to press it instead.
    sure: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        # A misspelt need would never be set, and the step never reached: say so at import.
        for need in self.needs:
            if not CallState.can_need(need):
                raise ValueError(f"the phone step {self.name!r} needs {need!r}, no call state")


@dataclasses.dataclass(frozen=True)
class Line:
    """The phone line's steps as the engine runs them: declared in `elderride/ivr/steps/`."""

    steps: Mapping[str, Step]
    # Keys and spoken intents every step takes, before its own.
    every_step_keys: Mapping[str, Key]
    every_step_intents: Mapping[str, str]
    # Spoken intents every step acts on itself when its own handlers do not ("start over").
    every_step_understands: Mapping[str, Handler]
    # Where a new call starts, and where a call goes that cannot be at the step it asked for.
    start: Callable[[Turn], str]
    home: Callable[[Turn], str]
    # The phrase list of a step that hears no free speech and declares none of its own.
    phrases: Callable[[Turn], list[str]]

    def is_step(self, name: str) -> bool:
        """Return whether `name` is a step of the line (a URL may name anything)."""
        return name in self.steps

    def digits(self, name: str) -> int:
        """Return how many keys make one answer at step `name` (1 unless it declares more)."""
        step = self.steps.get(name)
        return step.digits if step is not None else 1

    def hears_free_speech(self, name: str) -> bool:
        """Return whether step `name` records free speech (an address), not a key or a phrase."""
        return self.steps[name].free_speech


# Asking --------------------------------------------------------------------------------------


def _announced(line: Line, step: Step) -> list[str]:
    return [
        key.says
        for digit, key in line.every_step_keys.items()
        if key.says and digit not in step.without and digit not in step.quiet
    ]


def present(
    name: str, turn: Turn, attempt: int, *, first: tuple[str, ...] = (), live: bool = True
) -> Reply:
    """Return the TwiML that asks step `name` at this attempt, after the sentences `first` (`live`
    False: never over a stream, as after one failed)."""
    if attempt >= OPERATOR_FROM:
        return operator(turn)
    step = turn.line.steps[name]
    speech = turn.speech and attempt < KEYS_ONLY_FROM and not step.keys_only
    stream = turn.stream(name, attempt) if speech and live and turn.stream is not None else None
    sentences = [
        *first,
        *step.asks(Question(turn=turn, attempt=attempt, speech=speech, live=stream is not None)),
    ]
    announced = [turn.prompts[prompt] for prompt in _announced(turn.line, step)]
    # The keys are announced after a question, but before the instruction for the tone: what the
    # caller hears last is what to do next.
    if step.free_speech:
        sentences = sentences[:-1] + announced + sentences[-1:]
    else:
        sentences = sentences + announced
    if stream is not None:
        # Heard live, free speech too: the stream's audio is kept for a person to listen to.
        return twiml.ask_streaming(
            turn.prompts,
            sentences,
            answer_url=turn.urls("answer", name, attempt),
            listen_url=turn.urls("step", name, attempt) + "&listen=1&live=1",
            stream=stream["stream"],
            stop_stream=stream.get("stop"),
            keys=step.digits,
        )
    if step.free_speech:
        # Addresses cannot be typed on a keypad: they are recorded even without a speech
        # engine, and a person listens to them.
        return twiml.record_free(
            turn.prompts,
            " ".join(sentences),
            answer_url=turn.urls("answer", name, attempt),
            step_url_next=turn.urls("step", name, attempt + 1),
            listen_url=turn.urls("step", name, attempt) + "&listen=1",
        )
    return twiml.ask(
        turn.prompts,
        sentences,
        answer_url=turn.urls("answer", name, attempt),
        step_url_next=turn.urls("step", name, attempt + 1),
        listen_url=turn.urls("step", name, attempt) + "&listen=1",
        speech=speech,
        keys=step.digits,
    )


def phrases(name: str, turn: Turn) -> list[str] | None:
    """The phrase list the recognizer is restricted to at step `name` (None: free speech)."""
    step = turn.line.steps[name]
    if step.free_speech or step.open_speech:
        return None
    return (step.phrases or turn.line.phrases)(turn)


# Answering -----------------------------------------------------------------------------------


def _key_for(line: Line, step: Step, intent: Intent) -> str | None:
    """The key a spoken intent means at `step`, if any."""
    meaning = step.intents.get(intent.kind) or line.every_step_intents.get(intent.kind)
    return meaning(intent) if callable(meaning) else meaning


def _handlers(line: Line, step: Step, key: str) -> list[Handler]:
    """What `key` may do at `step`, in order: a key every step takes first, then the step's own."""
    every = line.every_step_keys.get(key) if key not in step.without else None
    own = step.keys.get(key) or step.any_key
    return [handler for handler in (every.does if every else None, own) if handler is not None]


def answer(
    name: str,
    turn: Turn,
    attempt: int,
    *,
    key: str | None = None,
    intent: Intent | None = None,
    utterance_id: int | None = None,
    confidence: float | None = None,
) -> Reply:
    """Return the TwiML for an answer to step `name`: a pressed `key` or what was said (with the
    recognizer's `confidence` in it, when one heard it)."""
    step = turn.line.steps[name]
    given = Answer(
        turn=turn, step=name, attempt=attempt, key=key, intent=intent, utterance_id=utterance_id
    )
    response = None
    if key is None and step.free_speech:
        # Free speech is taken as said: the words (or the recording) are the answer.
        response = step.hears(given) if step.hears else None
    else:
        if key is None and intent is not None:
            acts = [
                step.understands.get(intent.kind),
                turn.line.every_step_understands.get(intent.kind),
            ]
            response = next((reply for act in acts if act and (reply := act(given))), None)
            key = _key_for(turn.line, step, intent) if response is None else None
            if key is not None and key in step.sure and not _sure(turn, confidence):
                # A yes that books or cancels is taken from the keys when the ear was not sure.
                return present(
                    name, turn, max(attempt, KEYS_ONLY_FROM), first=(turn.prompts[step.sure[key]],)
                )
        for handler in _handlers(turn.line, step, key) if key else []:
            response = handler(dataclasses.replace(given, key=key))
            if response is not None:
                break
    if response is None:
        # Silence, a wrong key or words we did not understand: ask again, more simply; a trip
        # asked for someone else is told why it is not booked.
        others = intent is not None and intent.for_someone_else
        first = (turn.prompts["for_someone_else"],) if others else ()
        return present(name, turn, attempt + 1, first=first)
    return response


def _sure(turn: Turn, confidence: float | None) -> bool:
    """Whether the recognizer heard an answer surely enough to book or cancel by it (None: it
    gave no confidence, as words typed into the simulator)."""
    return confidence is None or confidence >= float(turn.config["YES_CONFIDENCE"])


# Where a call can be ---------------------------------------------------------------------------


def reachable(name: str, turn: Turn) -> str:
    """Return `name` if this call can be there now, else where it can go (a forged or stale URL
    asks nothing odd)."""
    step = turn.line.steps.get(name)
    if (
        step is None
        or not _may_be_at(step, turn)
        or not all(turn.state.holds(need) for need in step.needs)
    ):
        return turn.line.home(turn)
    return name


def _may_be_at(step: Step, turn: Turn) -> bool:
    """Whether this caller may be asked `step`: a senior's rides only for a believed caller ID."""
    if turn.senior is None:
        return step.caller == "unknown"
    return step.caller == "known" or (step.caller == "believed" and turn.believed)


def first_step(turn: Turn) -> str:
    """Choose where a new call starts (an open ride, the menu, an unknown caller's questions)."""
    return turn.line.start(turn)


# People ----------------------------------------------------------------------------------------


def operator(turn: Turn, *, first: tuple[str, ...] = ()) -> Reply:
    """Put the caller through to a person (never hang up on a caller who needs one), after `first`
    sentences."""
    return put_through(turn.prompts, turn.config, first=first)


def put_through(
    prompts: Mapping[str, str], config: Mapping[str, Any], *, first: tuple[str, ...] = ()
) -> Reply:
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

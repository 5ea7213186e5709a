"""TwiML for each step of a call, built by pure functions from the prompts and the call's facts."""

from collections.abc import Mapping, Sequence
from typing import TypeAlias

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import Gather, Start, Stop, VoiceResponse

ALL_KEYS = "0123456789*#"
# docs/accessibility.md: at least 7 s of silence before a re-prompt.  A recording ends after
# RECORD_SILENCE s of silence; an empty one is followed by LISTEN_MORE s more listening.
KEY_WAIT = 7
RECORD_SILENCE = 3
LISTEN_MORE = 4
MAX_ANSWER_SECONDS = 15

# What the line says, by prompt key (voice/prompts/*.toml), "language" included.
Prompts = Mapping[str, str]
# Where words are said: the response itself, or a <Gather> that hears keys while they play.
Spoken: TypeAlias = VoiceResponse | Gather
# A live stream to start: its name, its wss URL and the parameters Twilio hands it.
StreamStart = tuple[str, str, Mapping[str, str]]


def _say(target: Spoken, text: str, prompts: Prompts) -> None:
    target.say(text, language=prompts["language"])


def _record(response: VoiceResponse, action: str, *, timeout: int, beep: bool) -> None:
    """Listen for speech; any key ends the recording, so keys keep working."""
    response.record(
        action=action,
        method="POST",
        timeout=timeout,
        max_length=MAX_ANSWER_SECONDS,
        finish_on_key=ALL_KEYS,
        play_beep=beep,
        trim="trim-silence",
    )


def _sentences(target: Spoken, texts: Sequence[str], prompts: Prompts) -> None:
    """Say each sentence with a short pause between: clearer than slowed-down speech."""
    for index, text in enumerate(texts):
        if index:
            target.pause(length=1)
        _say(target, text, prompts)


def ask(
    prompts: Prompts,
    sentences: Sequence[str],
    *,
    answer_url: str,
    step_url_next: str,
    speech: bool,
    listen_url: str | None = None,
    keys: int = 1,
) -> VoiceResponse:
    """Ask a question: keys work while it is spoken; then, with speech, a tone and a recording.

    Twilio skips the action of an empty recording and goes on to the next verb, so
    after a silent answer the line first listens a little more (`listen_url`).
    """
    response = VoiceResponse()
    gather = Gather(
        input="dtmf",
        num_digits=keys,
        timeout=1 if speech else KEY_WAIT,
        action=answer_url,
        method="POST",
    )
    _sentences(gather, sentences, prompts)
    response.append(gather)
    if speech:
        _record(response, answer_url + "&kind=speech", timeout=RECORD_SILENCE, beep=True)
    # Nothing pressed or said (Twilio goes on to the next verb): listen more, or ask again more
    # simply.
    response.redirect(listen_url if speech and listen_url else step_url_next, method="POST")
    return response


def ask_streaming(
    prompts: Prompts,
    sentences: Sequence[str],
    *,
    answer_url: str,
    listen_url: str,
    stream: StreamStart,
    stop_stream: str | None = None,
    keys: int = 1,
) -> VoiceResponse:
    """Ask a question while the caller's voice streams to the recognizer: keys as always, words at
    any moment.

    `stream` is (name, wss URL, parameters).  An understood answer moves the call on
    through the REST API, cutting the prompt short; silence ends the <Gather> after
    KEY_WAIT seconds and goes to `listen_url`, which asks again as after a silent recording.
    """
    response = VoiceResponse()
    if stop_stream:
        # A stream runs until stopped (Twilio allows a few per call): end the last question's.
        stop = Stop()
        stop.stream(name=stop_stream)
        response.append(stop)
    name, url, parameters = stream
    start = Start()
    forked = start.stream(name=name, url=url, track="inbound_track")
    for key, value in parameters.items():
        forked.parameter(name=key, value=value)
    response.append(start)
    gather = Gather(
        input="dtmf", num_digits=keys, timeout=KEY_WAIT, action=answer_url, method="POST"
    )
    _sentences(gather, sentences, prompts)
    response.append(gather)
    response.redirect(listen_url, method="POST")
    return response


def listen_more(prompts: Prompts, *, answer_url: str, step_url_next: str) -> VoiceResponse:
    """Keep listening, silently, after an empty recording: a slow answer is not yet a silence."""
    response = VoiceResponse()
    _record(response, answer_url + "&kind=speech&more=1", timeout=LISTEN_MORE, beep=False)
    response.redirect(step_url_next, method="POST")
    return response


def record_free(
    prompts: Prompts,
    sentence: str,
    *,
    answer_url: str,
    step_url_next: str,
    listen_url: str | None = None,
) -> VoiceResponse:
    """Ask for free speech (an address): a sentence, a tone and a recording; 0 still reaches a
    person."""
    response = VoiceResponse()
    _say(response, sentence, prompts)
    _record(response, answer_url + "&kind=speech", timeout=RECORD_SILENCE, beep=True)
    response.redirect(listen_url or step_url_next, method="POST")
    return response


def hold(prompts: Prompts, *, next_url: str) -> VoiceResponse:
    """A short hold while the answer is understood, then on."""
    response = VoiceResponse()
    _say(response, prompts["hold"], prompts)
    response.redirect(next_url, method="POST")
    return response


def hold_on(*, next_url: str) -> VoiceResponse:
    """A second of silence, then ask again whether the answer is understood: Twilio waits, not a
    server thread."""
    response = VoiceResponse()
    response.pause(length=1)
    response.redirect(next_url, method="POST")
    return response


def say_then(
    prompts: Prompts,
    sentences: Sequence[str],
    *,
    next_url: str | None = None,
    hangup: bool = False,
) -> VoiceResponse:
    """Say something, then go to `next_url` or end the call."""
    response = VoiceResponse()
    _sentences(response, sentences, prompts)
    if next_url:
        response.redirect(next_url, method="POST")
    elif hangup:
        response.hangup()
    return response


# A call that asks for a key (a reminder, a welfare check) waits this long after its words.
ASK_KEY_WAIT = 7


def ask_key(prompts: Prompts, say: str, *, answer_url: str) -> VoiceResponse:
    """A call placed to ask for one key: the words twice, keys heard while they play, the key (or,
    after silence, nothing) posted to `answer_url`."""
    response = VoiceResponse()
    gather = response.gather(
        input="dtmf", num_digits=1, timeout=ASK_KEY_WAIT, action=answer_url, method="POST"
    )
    _say(gather, say, prompts)
    gather.pause(length=2)
    _say(gather, say, prompts)
    # Silence after both: Twilio posts no Digits, and the answer URL decides what that means.
    response.redirect(answer_url, method="POST")
    return response


def answer_then(prompts: Prompts, say: str, *, again_url: str | None = None) -> VoiceResponse:
    """The reply to a key on a placed call: say it and hang up, or with `again_url` ask once more
    for a key posted there."""
    response = VoiceResponse()
    if again_url:
        gather = response.gather(
            input="dtmf", num_digits=1, timeout=ASK_KEY_WAIT, action=again_url, method="POST"
        )
        _say(gather, say, prompts)
        response.redirect(again_url, method="POST")
        return response
    if say:
        _say(response, say, prompts)
    response.hangup()
    return response


def connect(
    prompts: Prompts,
    sentence: str,
    number: str,
    *,
    caller_id: str | None = None,
    whisper_url: str | None = None,
) -> VoiceResponse:
    """Say `sentence` and put the caller through to `number`; with `whisper_url`, the person
    answering hears that document first, and is joined only when it ends without hanging up."""
    response = VoiceResponse()
    _say(response, sentence, prompts)
    if whisper_url is None:
        response.dial(number, caller_id=caller_id)
    else:
        dial = response.dial(caller_id=caller_id)
        dial.number(number, url=whisper_url, method="POST")
    return response


def whisper(prompts: Prompts, sentences: Sequence[str], *, answer_url: str) -> VoiceResponse:
    """What the person dialled hears before being joined: the sentences, twice, while 1 is
    awaited; silence hangs up, so no one is joined by not answering (or by voicemail)."""
    response = VoiceResponse()
    gather = response.gather(
        input="dtmf", num_digits=1, timeout=KEY_WAIT, action=answer_url, method="POST"
    )
    _sentences(gather, sentences, prompts)
    gather.pause(length=1)
    _sentences(gather, sentences, prompts)
    response.hangup()
    return response


def join_or_hang_up(join: bool) -> VoiceResponse:
    """End a whisper: an empty document joins the two calls, <Hangup/> refuses."""
    response = VoiceResponse()
    if not join:
        response.hangup()
    return response


# A call-back waits this long for "1" after its words before the call ends.
CALLBACK_KEY_WAIT = 6


def call_back(prompts: Prompts, say: str, *, repeat_url: str | None = None) -> VoiceResponse:
    """A call-back: the words, then "press 1 to hear this again" (or, with no URL to come back to,
    the words twice)."""
    response = VoiceResponse()
    if repeat_url:
        gather = response.gather(
            input="dtmf", num_digits=1, timeout=CALLBACK_KEY_WAIT, action=repeat_url, method="POST"
        )
        _say(gather, say, prompts)
        gather.pause(length=1)
        _say(gather, prompts["callback_repeat"], prompts)
        return response
    # Twilio cannot reach back to us without a public URL, so the repeat is built in.
    for index in range(2):
        if index:
            response.pause(length=2)
        _say(response, say, prompts)
    return response


def text_reply(words: str | None) -> MessagingResponse:
    """The answer to a text: `words` texted back, or an empty response that sends nothing."""
    response = MessagingResponse()
    if words:
        response.message(words)
    return response

"""What vosk-server is told and answers over its websocket: the end of the audio, and its replies
checked once, for whole recordings and live streams alike."""

from __future__ import annotations

import json
import math
from typing import Any

from elderride.speech.transcript import MAX_TEXT, MAX_WORDS

# vosk-server compares the end-of-stream message as text, spaces and all.
EOF_MESSAGE = '{"eof" : 1}'
# ... and so this one: answered with the final result so far, the connection staying open for the
# next piece (after EOF_MESSAGE's answer the server closes it).
RESET_MESSAGE = '{"reset" : 1}'


def utterance(reply: str | bytes) -> dict[str, Any] | None:
    """Return the utterance a vosk-server reply ends, None for a partial; raise ValueError for a
    reply of any other shape."""
    # A recognizer is a machine elsewhere: whatever it sends is checked here, once, so a wrong
    # reply fails the job (the recognizer marked failed, the caller's recording kept) like a
    # dropped connection, never as a TypeError deep in the transcript.
    try:
        message = json.loads(reply)
    except RecursionError:
        raise ValueError("a reply nested too deeply") from None
    if not isinstance(message, dict):
        raise ValueError(f"a reply that is not an object but {type(message).__name__}")
    if "text" not in message:
        partial = message.get("partial", "")
        if not isinstance(partial, str):
            raise ValueError("a partial reply whose partial is not text")
        if len(partial) > MAX_TEXT:
            raise ValueError(f"a partial reply longer than {MAX_TEXT} characters")
        return None
    words = message.get("result", [])
    if not isinstance(message["text"], str) or not isinstance(words, list):
        raise ValueError("a reply whose text or result has the wrong type")
    if len(message["text"]) > MAX_TEXT or len(words) > MAX_WORDS:
        raise ValueError(f"a reply longer than {MAX_TEXT} characters or {MAX_WORDS} words")
    if not all(_is_word(word) for word in words):
        raise ValueError("a reply with a word that is not a word")
    return message


def _is_word(item: object) -> bool:
    """Return whether `item` is a word as Vosk writes one: text, and numbers for its times and
    confidence."""
    if not isinstance(item, dict) or not isinstance(item.get("word"), str):
        return False
    numbers = [item.get(key, 0.0) for key in ("conf", "start", "end")]
    # Python's json reads NaN and Infinity, which no recognizer means and SQLite keeps as NULL.
    return all(
        isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        for value in numbers
    )

"""The speech engine a deployment's settings ask for: the one place the speech settings are read."""

from collections.abc import Mapping
from typing import Any

from elderride.speech.models import (
    ELDER_TRAILING_SILENCE,
    TURN_PAUSE,
    model_status,
    parse_decoder,
    working_copy,
)
from elderride.speech.remote import parse_servers
from elderride.speech.transcript import SpeechEngine


def status(config: Mapping[str, Any]) -> dict[str, Any]:
    """Return whether speech is ready and why not: remote recognizers when configured, else the
    local model."""
    if config.get("VOSK_SERVER"):
        try:
            servers = parse_servers(config["VOSK_SERVER"])
        except ValueError as error:
            return {"available": False, "engine": "remote", "reason": str(error), "servers": []}
        return {
            "available": bool(servers),
            "engine": "remote",
            "reason": "ready" if servers else "No speech server is configured.",
            "servers": servers,
        }
    return model_status(config.get("VOSK_MODEL"))


def live_decoder(config: Mapping[str, Any]) -> dict[str, float] | None:
    """Return the decoder search live streams use (ELDERRIDE_SPEECH_LIVE_DECODER), None for the
    model's own; raise ValueError naming the setting when it is no search."""
    text = config.get("SPEECH_LIVE_DECODER")
    if not text:
        return None
    try:
        return parse_decoder(str(text))
    except ValueError as error:
        raise ValueError(f"ELDERRIDE_SPEECH_LIVE_DECODER: {error}") from None


def live(config: Mapping[str, Any]) -> bool:
    """Tell whether questions are heard live (Twilio media streams) rather than recorded."""
    return config.get("SPEECH_MODE") == "stream"


def build(config: Mapping[str, Any]) -> SpeechEngine | None:
    """Start the engine the settings ask for (its workers load in the background), or return None
    when speech is not usable (the line then works by keys)."""
    found = status(config)
    if not found["available"]:
        return None
    timeout = float(config["SPEECH_TIMEOUT"])
    if found.get("engine") == "remote":
        from elderride.speech.remote import RemoteVosk

        return RemoteVosk(found["servers"], timeout=timeout)
    from elderride.speech.local import LocalVosk

    # The same workers take live streams and whole recordings, whichever the line asks for.
    if live(config):
        # Live, a whole phrase ends after a short pause, anything else after the elder silence.
        return LocalVosk(
            working_copy(
                found["path"],
                trailing_silence=ELDER_TRAILING_SILENCE,
                pause=TURN_PAUSE,
                decoder=live_decoder(config),
            ),
            workers=int(config["SPEECH_WORKERS"]),
            timeout=timeout,
            streams_per_worker=int(config["SPEECH_STREAMS_PER_WORKER"]),
            free_stream_cost=float(config["SPEECH_FREE_STREAM_COST"]),
        )
    return LocalVosk(
        found["path"],
        workers=int(config["SPEECH_WORKERS"]),
        trailing_silence=ELDER_TRAILING_SILENCE,
        timeout=timeout,
        streams_per_worker=int(config["SPEECH_STREAMS_PER_WORKER"]),
    )

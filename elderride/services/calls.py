"""Phone calls: who is calling, where the conversation is, and what the caller said."""

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.errors import N_, NotFound
from elderride.services.outgoing import consent
from elderride.store import inserted_id, writing
from elderride.store.database import loads

if TYPE_CHECKING:
    from elderride.speech.transcript import Transcript

# A calls row, its context decoded: where the conversation is.
Call = dict[str, Any]


def _row(row: Mapping[str, Any]) -> Call:
    call = dict(row)
    call["context"] = loads(call.get("context"), {})
    return call


def start_call(
    db: Database,
    call_sid: str,
    *,
    from_phone: str | None,
    to_phone: str | None,
    senior_id: int | None,
    language: str,
    attestation: str = "",
    caller_believed: bool = False,
) -> Call:
    """Record a new call (a repeated start of the same call changes nothing) and return it."""
    stamp = clock.iso()
    with writing(db):
        db.table("calls").insert(
            {
                "call_sid": call_sid,
                "from_phone": from_phone or "",
                "to_phone": to_phone or "",
                "senior_id": senior_id,
                "language": language,
                "attestation": attestation,
                "caller_believed": int(caller_believed),
                "state": "in-progress",
                "started_at": stamp,
                "updated_at": stamp,
                "context": "{}",
            },
            ignore=True,
        )
        if caller_believed and from_phone and senior_id is not None:
            # The senior's own phone rang us and the line believed it: that is their word.
            consent.proved_by_call(db, from_phone)
    return get_call(db, call_sid)


def get_call(db: Database, call_sid: str) -> Call:
    """Return the call, or raise NotFound."""
    rows = list(db.table("calls").rows_where("call_sid = ?", [call_sid]))
    if not rows:
        raise NotFound(N_("There is no such call."))
    return _row(rows[0])


def save_context(db: Database, call_sid: str, context: Mapping[str, Any]) -> None:
    """Store where the conversation is."""
    with writing(db):
        db.table("calls").update(
            call_sid,
            {"context": json.dumps(context, ensure_ascii=False), "updated_at": clock.iso()},
        )


def family_called(db: Database, call_sid: str) -> None:
    """Note that this call was put through to the senior's family (now)."""
    db.execute("update calls set family_called_at = ? where call_sid = ?", [clock.iso(), call_sid])


def unbelieved_family_calls(db: Database, senior_id: int, since: datetime.datetime) -> int:
    """Count the calls from the senior's number the line could not believe that were put through
    to the family since `since`."""
    row = db.execute(
        "select count(*) from calls where senior_id = ? and caller_believed = 0"
        " and family_called_at >= ?",
        [senior_id, clock.iso(since)],
    ).fetchone()
    return int(row[0])


# Twilio's final call statuses: after one of these, nothing a request of that call asks is done.
ENDED_STATES = frozenset({"completed", "busy", "failed", "no-answer", "canceled"})


def end_call(db: Database, call_sid: str, status: str) -> None:
    """Record how the call ended (Twilio's status callback), or raise NotFound."""
    stamp = clock.iso()
    with writing(db):
        cursor = db.execute(
            "update calls set state = ?, ended_at = ?, updated_at = ? where call_sid = ?",
            [status[:40], stamp, stamp, call_sid],
        )
    if cursor.rowcount == 0:
        raise NotFound(N_("There is no such call."))


def has_ended(call: Mapping[str, Any]) -> bool:
    """Return whether Twilio has told us the call is over."""
    return call["state"] in ENDED_STATES


def add_utterance(
    db: Database,
    call_sid: str,
    *,
    step: str,
    recording_url: str | None,
    audio_path: str | None = None,
    transcript: "Transcript | None" = None,
) -> int:
    """Keep what the caller said at a step (the transcript may be None when speech failed)."""
    values: dict[str, Any] = {
        "call_sid": call_sid,
        "step": step,
        "recording_url": recording_url,
        "audio_path": audio_path,
        "created_at": clock.iso(),
    }
    if transcript is not None:
        values.update(
            transcript=transcript.text or transcript.heard,
            confidence=transcript.confidence,
            words=json.dumps(transcript.words, ensure_ascii=False),
            decode_ms=round(transcript.decode_seconds * 1000, 1),
        )
    with writing(db):
        return inserted_id(db.table("utterances").insert(values))


def utterances_of(db: Database, call_sid: str) -> list[dict[str, Any]]:
    """Return what the caller said in a call, in order."""
    return [
        dict(row)
        for row in db.table("utterances").rows_where("call_sid = ?", [call_sid], order_by="id")
    ]


def link_booking(db: Database, call_sid: str, booking_id: int) -> None:
    """Remember which booking a call made."""
    with writing(db):
        db.table("calls").update(call_sid, {"booking_id": booking_id, "updated_at": clock.iso()})


def get_utterance(db: Database, utterance_id: int) -> dict[str, Any]:
    """Return one utterance, or raise NotFound."""
    row = next(db.table("utterances").rows_where("id = ?", [utterance_id]), None)
    if row is None:
        raise NotFound(N_("There is no such recording."))
    return dict(row)

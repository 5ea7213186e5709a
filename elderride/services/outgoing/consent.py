"""Numbers that agreed to hear from us: the one opt-in request, the YES / STOP / HELP replies, and
the rule that nothing else goes to a number that has not said YES."""

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from sqlite_utils import Database

from elderride.services import clock, wording
from elderride.services.outgoing import outbox
from elderride.store import writing

State = Literal["unknown", "asked", "in", "out"]
Event = Literal["asked", "in", "out", "help"]

# Twilio's own opt-out and opt-in keywords, matched as Twilio does: the whole message, trimmed,
# in any case (https://help.twilio.com/articles/223134027). The Chinese words are ours.
OUT_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "退订"})
IN_WORDS = frozenset({"yes", "start", "unstop", "是", "是的"})
HELP_WORDS = frozenset({"help", "info", "帮助"})
# Twilio answers its own STOP words itself and drops any reply to them; ours it does not know.
TWILIO_ANSWERS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
CHINESE_WORDS = frozenset({"退订", "是", "是的", "帮助"})

# A number asked once is not asked again for a week, however many accounts list it: the
# request itself must not become the way to pester a stranger.
ASK_AGAIN_AFTER = datetime.timedelta(days=7)
CONSENT_KINDS = ("text", "call")

# Twilio's message ids: "SM" (or "MM" for a picture message) and 32 hexadecimal digits.
MESSAGE_SID = re.compile(r"[SM]M[0-9a-f]{32}")

NOT_YET = "not sent: this number has not replied YES to our request yet"
OPTED_OUT = "not sent: this number asked us to stop (it replied STOP)"


class MessageRefused(Exception):
    """A text or call not sent because its number has not agreed, or asked us to stop."""


@dataclasses.dataclass(frozen=True)
class Consent:
    """Where one number stands: asked, agreed, stopped, or never heard of, and since when."""

    phone: str
    state: State
    changed_at: str | None = None
    via: str | None = None


@dataclasses.dataclass(frozen=True)
class Reply:
    """What a text from a number meant (None: nothing we read) and what we text back (None:
    nothing)."""

    event: Event | None
    words: str | None


def _row(db: Database, phone: str) -> dict[str, Any] | None:
    return next(db.table("text_consents").rows_where("phone = ?", [phone]), None)


def _riders_own(db: Database, phone: str, booking_id: int | None = None) -> bool:
    """Tell whether `phone` is the number a ride was booked from."""
    # Whoever rang us from it asked for that ride and waits for its car: its call-backs and
    # welfare call go there. A number typed on the family page, even as the senior's own, is no
    # proof its holder agreed: it is asked like any other (docs/operations.md, "Who gets texts").
    if booking_id is None:
        return False
    row = db.execute("select caller_phone from bookings where id = ?", [booking_id]).fetchone()
    return bool(row and row[0] == phone)


def consent_of(db: Database, phone: str) -> Consent:
    """Return where `phone` stands."""
    row = _row(db, phone)
    if row is None:
        return Consent(phone, "unknown")
    return Consent(phone, row["state"], row["changed_at"], row["via"])


def standings(db: Database, numbers: Iterable[str]) -> dict[str, State]:
    """Return, for each number, whether texts to it go ("in"), wait for its YES, or are stopped."""
    result: dict[str, State] = {}
    for phone in numbers:
        state = consent_of(db, phone).state
        if state in ("unknown", "asked") and _riders_own(db, phone):
            state = "in"
        result[phone] = state
    return result


def record(db: Database, phone: str, event: Event, *, via: str, detail: str = "") -> None:
    """Record an answer (or a request, or a HELP) from or to `phone` with its time; YES and STOP
    change where the number stands."""
    stamp = clock.iso()
    with writing(db):
        db.table("text_consent_events").insert(
            {"phone": phone, "event": event, "via": via, "detail": detail[:200], "at": stamp}
        )
        if event == "help":
            return
        row = _row(db, phone)
        values: dict[str, Any] = {"phone": phone, "via": via, "changed_at": stamp}
        if event == "asked":
            # A request never undoes an answer already given.
            if row is not None and row["state"] in ("in", "out"):
                return
            values.update(state="asked", asked_at=stamp)
        else:
            values.update(state=event, asked_at=row["asked_at"] if row else None)
        db.table("text_consents").upsert(values, pk="phone")


def agree(db: Database, phone: str, *, via: str) -> None:
    """Count `phone` as having agreed without asking it (the demo's numbers, an operator's word),
    unless it asked us to stop."""
    if consent_of(db, phone).state != "out":
        record(db, phone, "in", via=via)


def proved_by_call(db: Database, phone: str) -> None:
    """Count a senior's number as agreed once a call from it was believed (its holder rang us),
    unless it already answered."""
    if consent_of(db, phone).state in ("unknown", "asked"):
        record(db, phone, "in", via="call")


def ask(
    db: Database,
    phone: str,
    *,
    senior: Mapping[str, Any],
    family_name: str | None = None,
    own: bool = False,
    language: str | None = None,
) -> int | None:
    """Queue the one opt-in request to `phone` for `senior`'s rides (`own`: the number is the
    senior's own), unless it answered or was asked lately; return its outbox id."""
    now = clock.now()
    with writing(db):
        row = _row(db, phone)
        if row is not None and row["state"] in ("in", "out"):
            return None
        if (
            row is not None
            and row["asked_at"]
            and clock.parse(row["asked_at"]) > now - (ASK_AGAIN_AFTER)
        ):
            return None
        # The contact's own language when the family chose one, else the senior's.
        words = wording.catalog(language or senior["language"])["consent"]
        fields = {"senior": wording.sendable(senior["name"], wording.NAME_LENGTH)}
        named = wording.sendable(family_name, wording.NAME_LENGTH) if family_name else ""
        key = "request_own" if own else "request"
        body = (
            words[key].format(family=named, **fields)
            if named
            else words[f"{key}_unnamed"].format(**fields)
        )
        record(db, phone, "asked", via="request", detail=f"senior {senior['id']}")
        return outbox.enqueue(
            db,
            "text",
            {"to": phone, "body": body, "state": "consent", "consent_request": True},
            ordering_key=f"consent:{phone}",
        )


def check(db: Database, entry: Mapping[str, Any]) -> None:
    """Raise MessageRefused when `entry` is a text or call to a number that said STOP, or that has
    not said YES and is no rider's own."""
    # The one place the rule lives: every text and call passes here on its way out, whoever
    # queued it, so no new kind of notice can forget it.
    if entry["kind"] not in CONSENT_KINDS:
        return
    phone = entry["payload"].get("to")
    if not phone:
        return
    state = consent_of(db, phone).state
    if state == "out":
        raise MessageRefused(OPTED_OUT)
    if state == "in" or entry["payload"].get("consent_request"):
        return
    if not _riders_own(db, phone, entry.get("booking_id")):
        raise MessageRefused(NOT_YET)


def refuse(db: Database, entry: Mapping[str, Any], reason: str) -> bool:
    """Set a claimed message aside as refused, saying why (False if its lease was lost)."""
    return outbox.set_aside(db, entry, "refused", reason)


def _keyword(body: str) -> str:
    """The reply as a keyword: folded, without spaces or invisible characters, trimmed of the
    punctuation people add."""
    # Lenient on purpose: a STOP a phone wrapped in a direction mark or a stray space must still
    # stop us, and a YES read the same way only lets through what the number asked for.
    text = unicodedata.normalize("NFKC", body).casefold()
    text = "".join(char for char in text if unicodedata.category(char)[0] not in "CZ")
    return text.strip(".!?。！？，,、~")


def first_reading(db: Database, message_sid: str, phone: str) -> bool:
    """Note that the text `message_sid` from `phone` was read; False if it was read before or is
    not a Twilio message id."""
    # A signed request replayed (or a retry) carries the same id: its YES or STOP was already
    # counted, and must not undo an answer given since. Kept in the database, so a restart or
    # another process of the line refuses it too.
    if not MESSAGE_SID.fullmatch(message_sid):
        return False
    with writing(db):
        db.execute(
            "insert or ignore into texts_read (message_sid, phone, received_at) values (?, ?, ?)",
            [message_sid, phone, clock.iso()],
        )
        return bool(db.execute("select changes()").fetchone()[0])


def answer(db: Database, phone: str, body: str, message_sid: str) -> Reply:
    """Read a text `phone` sent us (once per Twilio `message_sid`), record what it meant, and say
    what to text back."""
    # Answers count in the order we receive them: the latest YES or STOP is where a number stands.
    if not first_reading(db, message_sid, phone):
        return Reply(None, None)
    # A keyword is a word or two: a long text is never one, and is not read at all.
    keyword = _keyword(body) if len(body) <= 40 else ""
    language = "zh" if keyword in CHINESE_WORDS else "en"
    words = wording.catalog(language)["consent"]
    if keyword in OUT_WORDS:
        record(db, phone, "out", via="reply", detail=keyword)
        return Reply("out", None if keyword in TWILIO_ANSWERS else words["stopped"])
    if keyword in IN_WORDS:
        record(db, phone, "in", via="reply", detail=keyword)
        return Reply("in", words["agreed"])
    if keyword in HELP_WORDS:
        record(db, phone, "help", via="reply", detail=keyword)
        return Reply("help", words["help"])
    # Anything else gets no answer: every reply costs a text, and we only answer our keywords.
    return Reply(None, None)


def history(db: Database, phone: str) -> list[dict[str, Any]]:
    """Return every request and answer of `phone`, oldest first."""
    return list(db.table("text_consent_events").rows_where("phone = ?", [phone], order_by="id"))

"""The code word a senior's family sets for the driver to say at the door: what one may be, and who
is told it (docs/operations.md, "The code word")."""

import unicodedata

from sqlite_utils import Database

from elderride.services import clock, wording
from elderride.services.errors import N_, ValidationError
from elderride.services.people.seniors import get_senior
from elderride.services.records import Senior
from elderride.store import writing

# Said aloud by a driver and heard on a phone: a word or three, never a sentence.
MAX_LENGTH = 20
MAX_WORDS = 3
# Longer than this is not read at all: no word is, and nothing is normalised for nothing.
MAX_TYPED = 200
JOINERS = frozenset(" -'")
# A ride whose car is still to come: its driver may still need the word, and the senior listens
# for it. Before (a ride a person must check) or after (picked up, cancelled) nobody is told it.
TOLD_STATES = frozenset({"requested", "forwarded", "no_car", "assigned", "arriving"})


def clean(value: object) -> str | None:
    """Return a code word as it is kept and said (None when left empty), or raise
    ValidationError saying what to fix."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_TYPED:
        raise ValidationError(
            "code_word", N_("A code word is at most %(limit)s letters."), limit=MAX_LENGTH
        )
    value = value.strip()
    if any(unicodedata.category(char)[0] == "C" for char in value):
        # A hidden character would make a word the driver reads differ from the one the senior
        # hears: refused, never silently dropped.
        raise ValidationError(
            "code_word", N_("Please type the code word again: it has a hidden character in it.")
        )
    word = " ".join(unicodedata.normalize("NFKC", value).split())
    if not word:
        return None
    if len(word) > MAX_LENGTH:
        raise ValidationError(
            "code_word", N_("A code word is at most %(limit)s letters."), limit=MAX_LENGTH
        )
    letters = [char for char in word if char not in JOINERS]
    scripts = {_script(char) for char in letters}
    if not letters or None in scripts or len(scripts) > 1:
        # One script only: a Cyrillic "е" inside "bluеbird" looks the same and is another word.
        raise ValidationError(
            "code_word",
            N_("Please use only English letters, or only Chinese characters, in the code word."),
        )
    if len(word.split()) > MAX_WORDS:
        raise ValidationError(
            "code_word", N_("A code word is at most %(limit)s words."), limit=MAX_WORDS
        )
    return word


def _script(char: str) -> str | None:
    """Return "latin" or "han" for a letter the code word may hold, else None."""
    name = unicodedata.name(char, "")
    if name.startswith("LATIN ") and unicodedata.category(char).startswith("L"):
        return "latin"
    if name.startswith("CJK UNIFIED IDEOGRAPH"):
        return "han"
    return None


def set_code_word(db: Database, senior_id: int, value: object) -> str | None:
    """Save the senior's code word (empty: none) and return it as kept."""
    word = clean(value)
    get_senior(db, senior_id)
    with writing(db):
        db.table("seniors").update(senior_id, {"code_word": word, "updated_at": clock.iso()})
    return word


def code_word_of(db: Database, senior_id: int | None) -> str | None:
    """Return the code word of the senior a ride is for (None: none, or no senior)."""
    if senior_id is None:
        return None
    row = db.execute("select code_word from seniors where id = ?", [senior_id]).fetchone()
    return row[0] if row and row[0] else None


def for_the_ride(db: Database, senior_id: int | None, state: str) -> str | None:
    """Return the code word to show on one ride's page (the senior's, a dispatcher's) while its car
    is still to come, else None."""
    return code_word_of(db, senior_id) if state in TOLD_STATES else None


def said_with(senior: Senior, words: str) -> tuple[str, str | None]:
    """Return an arrival notice's `words` with the code word said after them, and what the message
    log keeps instead (the word left out; None when there is no word)."""
    word = senior.get("code_word")
    if not word:
        return words, None
    catalog = wording.catalog(senior["language"])["car"]
    return (
        f"{words} {catalog['code_word'].format(code_word=word)}",
        f"{words} {catalog['code_word_hidden']}",
    )

"""Places and rides a caller turns down ("not home, the hospital", "我不去银行", "no, i won't go"):
what is refused is never where to."""

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from elderride.intake import place_matching, tidy, times

# A caller takes a place back two or three times in a turn ("不去医院俺不去医院俺没事"); the last
# refusals are read, and a turn holding more names no place (each costs a reading of the places).
REFUSALS_READ = 6
# The most characters (Chinese) or words (English) a place refused is said in after its refusal
# ("不去苏大附一院十梓街院区了", "not the st peter's church in brooke, ...").
REFUSED_LONGEST = {"zh": 20, "en": 12}
# How many ways of ending a place refused are read, each with the rest of the turn after it.
REFUSED_READINGS = 4


def refuses_somewhere(after: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether the words `after` a refusal are a place refused: in Chinese anything said after
    不去; in English a thing ("the dentist") after "not going to", never "not going to be late"."""
    if language == "zh":
        return bool(tidy.strip_fillers(after, vocabulary["fillers"], language))
    said = after.split()
    return bool(said) and said[0] in vocabulary["refused_after_not"]


def later_markers(vocabulary: Mapping[str, Any], language: str) -> list[str]:
    """Return the words that ask for a place after one refused: 去, 到, 回 in Chinese, "take me
    to" in English ("to" alone also follows a verb)."""
    markers = vocabulary["destination_markers"]
    return markers if language == "zh" else [marker for marker in markers if " " in marker]


def refused_from(
    before: str,
    after: str,
    vocabulary: Mapping[str, Any],
    language: str,
    named_by: Callable[[str], Mapping[str, Any] | None],
) -> str | None:
    """Return what says where around one refusal (`before` and `after` it), or None when it
    refuses no place."""
    units, join = (list(after), "") if language == "zh" else (after.split(), " ")
    nowhere = tidy.without_phrases(after, vocabulary["nowhere"], language)
    if language != "zh":
        nowhere = " ".join(
            word for word in nowhere.split() if word not in vocabulary["function_words"]
        )
    if not tidy.strip_fillers(nowhere.strip(), vocabulary["fillers"], language):
        # "she says i ought to go to the clinic but i won't go", "the surgery, no, i don't want to
        # go anywhere": the refusal, said last, refuses every place before it.
        return ""

    def named(words_said: list[str]) -> Mapping[str, Any] | None:
        return named_by(join.join(words_said))

    if language == "zh":
        # "菜市场不去了，去附院": a place asked for after the refusal is where, before any split
        # of the words ("不去超市了去华润万家" is not 家).
        asked = tidy.spans(after, vocabulary["destination_markers"], language)
        if asked and named(list(after[asked[0][0] :])) is not None:
            return after[asked[0][0] :]
        # "寺里不去了，家里回俩": a refusal closed by 了 refuses the place said before it, and a
        # place said after it, with its go word after it or none, is asked for.
        closers = vocabulary["refusal_closers"]
        closer = next((word for word in closers if after.startswith(word)), "")
        refused = named(list(before)) if closer else None
        meant = named(list(after[len(closer) :])) if refused is not None else None
        if meant is not None and meant is not refused:
            return after[len(closer) :]
    # A place refused is named in the first words after its refusal, and what follows it is read
    # after the first few splits that name it ("协和医院", "协和医院那边"): reading the rest after
    # every word of a long turn would cost the square of its length.
    splits = [
        split
        for split in range(1, min(len(units), REFUSED_LONGEST[language]))
        if named(units[:split]) is not None and not _owner_said(units, split, vocabulary, language)
    ][:REFUSED_READINGS]
    for split in splits:
        refused, meant = named(units[:split]), named(units[split:])
        if meant is not None and refused is not meant:
            return join.join(units[split:])
    if named(units) is not None:
        return before
    if language != "zh" and any(named(units[split:]) is None for split in splits):
        # "not the church today father's away": the place said first is refused, with its
        # reason after it.
        return before
    if language == "zh" and named(list(before)) is not None:
        # "医院我不去，去了也木得用": the place said first and refused, with only a reason after
        # it, is refused.
        return ""
    if language != "zh" and set(units) & set(vocabulary["another_of_kind"]):
        # "the library in oak park, not the main one": another branch of a kind they have is
        # none of their places.
        return ""
    if refuses_somewhere(after, vocabulary, language):
        # "我不去银行了", "i'm not going to the dentist": a place that is none of theirs is refused
        # as well, never an address; an address asked for after it ("...去建设路二十号") still is.
        later = [
            start
            for start, _ in tidy.spans(after, later_markers(vocabulary, language), language)
            if start > 0
        ]
        return after[min(later) :] if later else before
    return None


def _owner_said(
    units: Sequence[str], split: int, vocabulary: Mapping[str, Any], language: str
) -> bool:
    """Tell whether English `units` split at `split` part someone's from the home that is theirs
    ("karen's | house"): the home word is the place refused, never the caller's own home."""
    return (
        language != "zh"
        and units[split - 1].endswith("'s")
        and units[split].strip(",.!?;:") in vocabulary["owned_homes"]
    )


def begins_with_no(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether `spoken` begins (after fillers) with a no that is not the start of a place
    refusal: "no, i'm not going there" does, "不去医院" and "not the chemist" do not."""
    said = tidy.strip_fillers(spoken, vocabulary["fillers"], language)
    # "哦呀不去了", "yeah no i'm not going": a yes word before the no only takes the turn.
    said = tidy.strip_fillers(
        said.removeprefix(_leading(said, vocabulary["yes"], language)),
        vocabulary["fillers"],
        language,
    )
    refusals = tidy.spans(said, vocabulary["place_refusals"], language)
    return any(
        start == 0 and not any(begin <= start < stop for begin, stop in refusals)
        for start, _ in tidy.spans(said, [*vocabulary["no"], *vocabulary["declines"]], language)
    )


def _leading(said: str, phrases: Sequence[str], language: str) -> str:
    """Return the longest of `phrases` that `said` begins with, as a whole word in English, or
    ""."""
    begun = [start_end for start_end in tidy.spans(said, phrases, language) if start_end[0] == 0]
    return said[: max(stop for _, stop in begun)] if begun else ""


def declined(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    now: datetime.datetime | None,
    timezone: str,
) -> bool:
    """Tell whether the caller declines without a no word ("not today thanks", 改天吧), and names
    no other time after it ("not today, tomorrow at ten")."""
    spans = tidy.spans(spoken, vocabulary["declines"], language)
    if not spans:
        return False
    after = tidy.strip_fillers(
        spoken[max(end for _, end in spans) :].strip(), vocabulary["fillers"], language
    )
    # "give it a miss today" names the day declined, not another.
    if not after or after in vocabulary["time"]["today"]:
        return True
    return times.parse(after, language, now=now, timezone=timezone)[0] is None


def after_last_refusal(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    named: Callable[[str], Mapping[str, Any] | None],
) -> str | None:
    """Return what says where once the last refusal that refuses a place is left out, or None when
    `spoken` refuses no place."""
    if language == "zh":
        found = [
            (spoken.rfind(marker), spoken.rfind(marker) + len(marker))
            for marker in vocabulary["place_refusals"]
            if marker in spoken
        ]
    else:
        # A bare "not" refuses only when it comes first or after a no ("the surgery, no, not the
        # surgery"); "i'm not sure, the hospital" refuses nothing.
        noes = "|".join(re.escape(word) for word in vocabulary["no"] if " " not in word)
        found = [
            match.span(1) for match in re.finditer(rf"(?:^|(?<![\w'])(?:{noes}) )(not)\b", spoken)
        ]
        # "the walgreens on camelback, not the cvs": "not" before a place's article refuses it
        # wherever it comes.
        articles = tidy.either(vocabulary["refused_after_not"])
        found += [
            match.span(1) for match in re.finditer(rf"(?<![\w'])(not) (?:{articles})\b", spoken)
        ]
        undone = tuple(f"{word} " for word in vocabulary["refusals_undone_after"])
        unable = vocabulary["unable_refusals"]
        remembering = tuple(f"{word} " for word in vocabulary["struck_alone_not_after"])
        found += [
            match.span()
            for marker in [*vocabulary["place_refusals"], *unable, *vocabulary["struck_alone"]]
            for match in tidy.whole(marker).finditer(spoken)
            # "don't forget the doctor", "i can't go to kroger on my own": no refusal.
            if not spoken[: match.start()].endswith(undone)
            and not (
                marker in vocabulary["struck_alone"]
                and spoken[: match.start()].endswith(remembering)
            )
            and not (
                marker in unable
                and tidy.has_phrase(spoken[match.end() :], vocabulary["unable_alone"], language)
            )
        ]
        # "no i don't want grady": not wanting refuses the name said right after it.
        found += [
            match.span()
            for marker in vocabulary["wants_refused"]
            for match in tidy.whole(marker).finditer(spoken)
            if spoken[match.end() :].split()[:1]
            and spoken[match.end() :].split()[0] not in vocabulary["wants_refused_not_before"]
        ]
    if not found:
        return None
    # The last refusal first: "not the chemist, i'm not going there, they get it wrong" refuses
    # the chemist with its first words.
    last = sorted(found, key=lambda span: span[1], reverse=True)
    for start, end in last[:REFUSALS_READ]:
        meant = refused_from(
            spoken[:start].strip(), spoken[end:].strip(), vocabulary, language, named
        )
        if meant is not None:
            return meant
    # More refusals than a caller says, none of the last refusing a place: one before them may
    # refuse what is said after it, so no place is taken as meant.
    return "" if len(last) > REFUSALS_READ else None


def after_refused_place(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    places: list[Mapping[str, Any]],
    family: list[Mapping[str, Any]],
) -> str | None:
    """Return what says where once a place refused is left out ("not home, the hospital" -> "the
    hospital"; "我不去银行" -> ""), or None when `spoken` refuses no place."""
    # Each refusal asks of the same words again and again (its place, what follows it): each is
    # matched against the senior's places once a turn.
    matched: dict[str, Mapping[str, Any] | None] = {}

    def named(said: str) -> Mapping[str, Any] | None:
        if said not in matched:
            matched[said] = place_matching.best_place(said, places, language, family)[0]
        return matched[said]

    meant = after_last_refusal(spoken, vocabulary, language, named)
    # "不去医院俺不去医院俺没事": what is left may refuse the same place again ("no i don't want to
    # go there i said the clinic" says where after its refusal). A loop, not a recursion: a turn
    # may hold as many refusals as words.
    for _ in range(REFUSALS_READ):
        if meant is None or language != "zh":
            return meant
        again = after_last_refusal(meant, vocabulary, language, named)
        if again is None:
            return meant
        meant = again
    # Refused more often than a caller does: which place is left is not read, and none is.
    return ""

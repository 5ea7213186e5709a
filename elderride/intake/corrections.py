"""What a caller takes back or puts right in one turn ("the market, no wait, the hospital",
"不去了, 还是去外孙女家"), and a time said again."""

import itertools
import re
from collections.abc import Callable, Mapping
from typing import Any

from elderride.intake import english_words, people, tidy

CHINESE_NUMERALS = "零〇一二两三四五六七八九十"


def time_corrected(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return `spoken` without a time the caller took back ("at ten no eleven" -> "at eleven",
    "十点不对十一点" -> "十一点"): "no" between two times corrects the first."""
    markers = "|".join(
        re.escape(marker)
        for marker in sorted({*vocabulary["corrections"], *vocabulary["no"]}, key=len, reverse=True)
    )
    if language == "zh":
        number = rf"[{CHINESE_NUMERALS}\d]"
        return re.sub(rf"{number}+点(?:半|{number}+分?)?(?:{markers})(?={number})", "", spoken)
    names = "|".join(
        re.escape(name) for name in sorted(vocabulary["numbers"], key=len, reverse=True)
    )
    number = rf"(?:\d{{1,2}}(?::\d\d)?|{names})"
    taken_back = rf"{number}(?: {number})?(?: o'clock| am| pm)? (?:{markers}) "
    return re.sub(rf"(?<![\w']){taken_back}(?={number}(?![\w']))", "", spoken)


def _which_one_put_right(spoken: str, vocabulary: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Return where Chinese `spoken`, after going somewhere is said, puts right which one it is
    by its name ("去医院不是湘雅是省人民医院", "去女儿家不是丽华是小女儿"): from 不是 to 是; what
    follows is meant. Not A but B said of what is done there ("不是看病是拿药") names no place."""
    markers = tidy.either(vocabulary["destination_markers"])
    contrast = tidy.either(vocabulary["contrast_words"])
    right = tidy.either(vocabulary["contrast_corrections"])
    doings = [
        *vocabulary["destination_markers"],
        *vocabulary["purposes"],
        *(phrase for errand in vocabulary["errands"] for phrase in errand["said"]),
    ]
    return [
        match.span(1)
        for match in tidy.compiled(
            rf"(?:{markers}).{{1,10}}?((?:{contrast})(.{{1,8}}?)(?:{right}))"
        ).finditer(spoken)
        if not tidy.has_phrase(match.group(2), doings, "zh")
    ]


def without_trailing(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return English `spoken` without the words that only order what was said, said last ("the
    library first"), and without what the caller will do after the place they go to first."""
    if language == "zh":
        return spoken
    # "the surgery first then i'll walk to boots myself": what comes later is not where to now.
    later = tidy.either(vocabulary["later"])
    spoken = re.sub(rf"(?<![\w'])(first) (?:{later})(?![\w']).*$", r"\1", spoken)
    ends = tidy.either(vocabulary["trailing"])
    return re.sub(rf"(?:^| )(?:{ends})$", "", spoken).strip() or spoken


def stays_in(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether the caller only says they stay in ("not going out in this wind", "哪儿也不去"),
    asking for no ride before or after it."""
    staying = tidy.spans(spoken, vocabulary["staying_in"], language)
    if not staying:
        return False
    first, last = min(start for start, _ in staying), max(end for _, end in staying)
    if tidy.spans(spoken[last:], vocabulary["asks"], language):
        return False
    if language == "zh":
        # "哪儿都不去就回民主西路": nowhere else, then where they turn to, asks for that.
        turned = tidy.either(vocabulary["turned_to"])
        markers = tidy.either(vocabulary["destination_markers"])
        if re.search(rf"(?:{turned})(?:{markers})", spoken[last:]):
            return False
    # "不去了，我不想出门": the refusal before it asks nothing; "take me home, i'm not going out
    # again" does.
    before = tidy.without_phrases(spoken[:first], vocabulary["place_refusals"], language)
    return not tidy.spans(
        before, [*vocabulary["asks"], *vocabulary["destination_markers"]], language
    )


def after_correction(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str | None:
    """Return what follows the caller's last correction ("the market no wait the hospital"), or
    None when they made none (or said nothing after it)."""
    ends = []
    if language == "zh":
        # "华西医院不对是文殊院我说错了": a correction said after the words it corrects ends them;
        # what is said last before it is what is meant.
        said = _corrections(spoken, vocabulary)
        # "永辉超市唔系啊系大慈寺", "华西不是，是文殊院": not A, it is B; but "不是看病是拿药" puts
        # right what is done there (看病 is a filler too), and names no place.
        errands = [phrase for errand in vocabulary["errands"] for phrase in errand["said"]]
        said += [
            match.span()
            for match in re.finditer(
                rf"(?:{tidy.either(vocabulary['contrast_words'])})"
                rf"(?:{tidy.either(vocabulary['fillers'])})*?"
                rf"(?:{tidy.either(vocabulary['contrast_corrections'])})",
                spoken,
            )
            if not tidy.has_phrase(match.group(), errands, language)
        ]
        # "不是老年大学，是社区那个活动室": not a place of some kind, it is another; "不是医院, 是我
        # 儿子来接我" names a relative, not another place, and turns the ride down.
        said += [
            match.span()
            for match in tidy.compiled(
                # Possessive: fillers that overlap (我要, 我, 要) tried every way round took
                # seconds on a stammer ("我 要 去" said twenty times).
                rf"^(?:{tidy.either(vocabulary['fillers'])})*+"
                rf"(?:{tidy.either(vocabulary['contrast_words'])})"
                rf"(.{{1,8}}?)(?:{tidy.either(vocabulary['contrast_corrections'])})"
            ).finditer(spoken)
            if tidy.has_phrase(match.group(1), vocabulary["kinds"], language)
            and not people.mentioned(
                _before_a_kind(spoken[match.end() :], vocabulary), language, ()
            )
        ]
        said += _which_one_put_right(spoken, vocabulary)
        for _, end in said:
            following = [start for start, _ in said if start >= end]
            meant = spoken[end : min(following, default=len(spoken))]
            if tidy.strip_fillers(meant, vocabulary["fillers"], language):
                ends.append(end)
        begin = max(ends, default=len(spoken))
        # The correction words said after it are taken out too, but for a pause between two nos.
        taken = {
            index for start, end in _corrections(spoken, vocabulary) for index in range(start, end)
        }
        rest = "".join(
            char for index, char in enumerate(spoken) if index >= begin and index not in taken
        )
        rest = rest.replace(" ", "")
        return rest or None
    # "that's not what i said at all": a correction word after "what" tells the line it got the
    # caller wrong, and corrects nothing said.
    told = tuple(f"{word} " for word in vocabulary["corrections_not_after"])
    said = [
        (match.start(), _hedge_turned(spoken, match.end(), vocabulary) if hedged else match.end())
        for marker in vocabulary["corrections"]
        for hedged in [marker in vocabulary["correction_hedges"]]
        for match in tidy.whole(marker).finditer(spoken)
        if not spoken[: match.start()].endswith(told)
    ]
    said += _struck_off(spoken, vocabulary)
    for _, end in said:
        # "not home the general sorry love": a correction followed only by fillers corrects
        # nothing, and what came before it stands.
        following = [start for start, _ in said if start >= end]
        meant = spoken[end : min(following, default=len(spoken))]
        if tidy.strip_fillers(meant.strip(), vocabulary["fillers"], language):
            ends.append(end)
    if not ends:
        return _named_before_last(spoken, vocabulary)
    last = max(ends)
    rest = spoken[last:].strip()
    begun = max(start for start, end in said if end == last)
    if tidy.strip_fillers(spoken[:begun].strip(), vocabulary["fillers"], language):
        # "auckland hospital sorry no no middlemore": the no said again after a correction of
        # something said is part of it; alone ("sorry no no i'm fine") it still answers.
        rest = re.sub(r"^(?:no )+", "", rest + " ").strip()
    return rest or None


def _struck_off(spoken: str, vocabulary: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Return where English `spoken` strikes off what it names before asking again ("scratch the
    hospital take me home", "forget kroger i want to go to linda's"): from the striking word to
    the ask that follows, whose words say what is meant."""
    struck = tidy.either(vocabulary["struck_off"])
    asks = tidy.either(vocabulary["struck_off_asks"])
    return [
        (found.start(), found.start(2))
        for found in tidy.compiled(
            rf"(?<![\w'])(?:{struck}) ((?:[\w']+ ){{1,4}}?)((?:{asks})(?![\w']))"
        ).finditer(spoken)
        # "scrap the car i need one tomorrow": the ride struck off is a cancel or a move.
        if not tidy.has_phrase(found.group(1), vocabulary["status_subjects"], "en")
    ]


def _named_before_last(spoken: str, vocabulary: Mapping[str, Any]) -> str | None:
    """Return the name English `spoken` puts right before a correction said last ("the shop on the
    broadway the co op i mean" -> "the co op"), from its last determiner, or None."""
    ending = tidy.compiled(
        rf"(?<![\w'])(?:{tidy.either(vocabulary['corrections_said_last'])})"
        rf"(?: (?:{tidy.either(vocabulary['fillers'])}))*$"
    ).search(spoken)
    if ending is None:
        return None
    tokens = spoken[: ending.start()].split()
    determiners = set(vocabulary["refused_after_not"])
    starts = [index for index, token in enumerate(tokens) if token in determiners]
    # Said first, the name is all there is, and nothing before it is corrected.
    if not starts or starts[-1] in (0, len(tokens) - 1):
        return None
    return " ".join(tokens[starts[-1] :])


def after_bare_no(
    spoken: str, vocabulary: Mapping[str, Any], names_a_place: Callable[[str], bool]
) -> str | None:
    """Return what follows a bare "no" said between two names ("basildon no southend hospital",
    "the market no boots") when `names_a_place` finds it begins with one of the senior's places,
    else None."""
    # Only the last few are read: a name is matched for each, and "no no no no…" may run on.
    for found in list(re.finditer(r"(?<![\w'])no (?=([\w']+))", spoken))[:-4:-1]:
        before = spoken[: found.start()]
        after = _past_orderings(_past_repeated(spoken[found.end() :], before), vocabulary)
        if after != spoken[found.end() :]:
            # "craig's no not craig's leanne's", "saint agnes no no first the cvs": the wrong
            # name said again, or the order, comes before the one meant, with its "the".
            named = " ".join(
                itertools.dropwhile(
                    lambda token: not english_words.is_content(token), after.split()
                )
            )
            if tidy.strip_fillers(before, vocabulary["fillers"], "en") and names_a_place(named):
                return after
            continue
        # "no later than ten", "grady no it's not an emergency": what follows says no name.
        if found.group(1) in vocabulary["bare_no_not_before"] or not english_words.is_content(
            found.group(1)
        ):
            continue
        if tidy.strip_fillers(before, vocabulary["fillers"], "en") and names_a_place(after):
            return after
    return None


def _past_repeated(after: str, before: str) -> str:
    """Return English `after`, said after a bare no, without "not" and the last words of `before`
    said again ("not craig's leanne's place" after "craig's" -> "leanne's place")."""
    if not after.startswith("not "):
        return after
    rest, said = after[len("not ") :].split(), before.split()
    for size in range(min(4, len(said), len(rest) - 1), 0, -1):
        if rest[:size] == said[-size:] and any(english_words.is_content(t) for t in rest[:size]):
            return " ".join(rest[size:])
    return after


def _past_orderings(after: str, vocabulary: Mapping[str, Any]) -> str:
    """Return English `after`, said after a bare no, without the words that only put it first
    ("first the cvs" -> "the cvs")."""
    ordering = tidy.compiled(rf"^(?:(?:{tidy.either(vocabulary['correction_orderings'])}) )+")
    return ordering.sub("", after)


def _before_a_kind(spoken: str, vocabulary: Mapping[str, Any]) -> str:
    """Return `spoken` up to the first kind of place it says: "是那个基督教堂我妹妹信那个" names a
    church, and the sister who goes there comes after it."""
    found = [start for start, _ in tidy.spans(spoken, vocabulary["kinds"], "zh")]
    return spoken[: min(found)] if found else spoken


def _corrections(spoken: str, vocabulary: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` says a correction word, but for a pause between two no words
    ("不对哦不是那个地方": 哦不 is a pause and 不是 the no) and the caller telling the line it got
    them wrong ("你说的不对")."""
    told = tidy.spans(spoken, vocabulary["told_wrong"], "zh")
    return [
        (start, end)
        for start, end in tidy.spans(spoken, vocabulary["corrections"], "zh")
        if not _ends_in_a_no(spoken, start, end, vocabulary)
        and not any(begin <= start and end <= stop for begin, stop in told)
    ]


def told_wrong(spoken: str, vocabulary: Mapping[str, Any], language: str) -> bool:
    """Tell whether Chinese `spoken` tells the line it got the caller wrong ("你说的不对", "我没说去
    那里"): that is a no, whatever place it refuses."""
    return language == "zh" and tidy.has_phrase(spoken, vocabulary["told_wrong"], language)


def _ends_in_a_no(spoken: str, start: int, end: int, vocabulary: Mapping[str, Any]) -> bool:
    """Tell whether the correction from `start` to `end` is a pause between two no words: said
    after one, its last character begins a longer one ("不对哦不是", not "药房哦不是医院")."""
    return spoken[:start].endswith(tuple(vocabulary["no"])) and any(
        len(word) > 1 and spoken.startswith(word, end - 1) for word in vocabulary["no"]
    )


def _hedge_turned(spoken: str, end: int, vocabulary: Mapping[str, Any]) -> int:
    """Return where the name meant begins after a hedge ending at `end` ("i was going to say the
    market but no it's our karen's"): after the turn that follows it, or at `end` when none does."""
    turn = tidy.compiled(rf"(?<![\w'])(?:{tidy.either(vocabulary['hedge_turns'])})(?![\w'])")
    found = turn.search(spoken, end)
    return found.end() if found else end


def without_muddles(spoken: str, vocabulary: Mapping[str, Any], language: str) -> str:
    """Return English `spoken` (tidied) without the caller owning up to a muddle ("sorry love i'm
    all over the shop today"), with its apology and its day: it names no place and corrects
    nothing."""
    if language == "zh":
        return spoken
    fillers = tidy.either(vocabulary["fillers"])
    days = tidy.either(vocabulary["remark_days"])
    leads = tidy.either(vocabulary["muddle_leads"])
    muddle = (
        rf"(?<![\w'])(?:sorry )?(?:(?:{fillers}) )*(?:(?:{leads}) )*"
        rf"(?:{tidy.either(vocabulary['muddles'])})(?: (?:{days}))?(?![\w'])"
    )
    return " ".join(tidy.compiled(muddle).sub(" ", spoken).split())

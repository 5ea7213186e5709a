"""A menu choice said by its number ("the second one", "i'll go for number three", "那就按五吧")."""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from elderride.intake import tidy
from elderride.intake.intent import Kind


def menu_choice(
    spoken: str, vocabulary: Mapping[str, Any], language: str, menu_size: int | None
) -> int | None:
    """Return the number of a menu choice when that is all the caller chose, with only words around
    it that choose nothing else ("i'll go for number three", "那就按五吧"), else None."""
    choice: int | None = None
    if language == "zh":
        # "那就按五吧": the words around the number pick nothing.
        fillers = [*vocabulary["fillers"], *vocabulary["menu_fillers"]]
        rest = tidy.strip_fillers(spoken, fillers, language)
        # "第二个中", "三号行": a yes after the one counted confirms it, as "the third one
        # yeah" does; "二院中" is the hospital said with a yes.
        yeses = tidy.either([*vocabulary["yes"], *vocabulary.get("yes_alone", ())])
        rest = tidy.strip_fillers(
            re.sub(rf"(?<=[个号项])(?:{yeses})$", "", rest), fillers, language
        )
        # "三号三号", "三第三个", "二嘛二号", "头一个吧一": the same number said again, in any
        # form and with fillers between, is one choice.
        ordinals = tidy.either(vocabulary["menu_ordinals"])
        # A number ends where its digits do: "1111" split every way it could be would take for ever.
        # "二号的": the one numbered two, pointed at with 的.
        unit = rf"(?:按|选)?(?:的是)?(?:{ordinals})?(\d{{1,2}})(?!\d)(?:(?:号|个|下|项)的?)?"
        between = tidy.either([*vocabulary["fillers"], *vocabulary["menu_fillers"]])
        # "一一第一个": a digit said twice running is said again, not eleven; said on and on
        # ("九九九九九…"), it is no choice.
        digits = "".join(tidy.CHINESE_DIGITS)
        said = tidy.chinese_digits(re.sub(rf"([{digits}])\1{{1,2}}", r"\1", rest))
        # "第三只", "第二间": after an ordinal a regional measure word counts as 个 does; without
        # one, "三只" or "两间" may be how many.
        measures = tidy.either(vocabulary["menu_ordinal_measures"])
        said = re.sub(rf"((?:{ordinals})\d{{1,2}})(?:{measures})", r"\1个", said)
        whole = re.fullmatch(rf"{unit}(?:(?:{between})*{unit})*", said)
        chosen = {found.group(1) for found in re.finditer(unit, said)} if whole else set()
        choice = int(chosen.pop()) if len(chosen) == 1 else None
    else:
        choice = english_menu_number(spoken, vocabulary)
    if choice is None or menu_size is not None and not 0 <= choice <= 9:
        return None
    return choice


def english_menu_number(spoken: str, vocabulary: Mapping[str, Any]) -> int | None:
    """Return the one menu number said in English ("number two", "the second option") when every
    other word only chooses ("i'll go for", "i guess"), else None."""
    prefixes = tidy.either(vocabulary["menu_prefixes"])
    numbers = {**{str(value): value for value in range(10)}, **vocabulary["numbers"]}
    names = tidy.either(numbers)
    ordinals = tidy.either(vocabulary["ordinals"])
    nouns = tidy.either(vocabulary["menu_nouns"])
    # The ordinal first: "the third one" is three, not one.
    said = list(
        re.finditer(
            rf"(?<![\w'])(?:({ordinals})(?: (?:{nouns}))?"
            rf"|(?:(?:{prefixes}) )?(?:number )?({names}))(?![\w'])",
            spoken,
        )
    )
    # "oh" is a zero and a filler: "oh i'll try number three" says one number, "oh" alone none.
    said = [found for found in said if found.group(0) not in vocabulary["fillers"]]
    if not said:
        return None
    around = (
        tidy.compiled("|".join(re.escape(found.group(0)) for found in said))
        .sub(" ", spoken)
        .split()
    )
    # "the third one yeah": a yes said with the number confirms the choice.
    choosing = {
        *vocabulary["menu_words"],
        *(word for word in [*vocabulary["fillers"], *vocabulary["yes"]] if " " not in word),
    }
    if any(word not in choosing for word in around):
        return None
    # "yes that's the one" points at what was read out, not at the first choice; "the last one,
    # number four" says which with its number.
    pointing = [
        found
        for found in said
        if found.group(2) == "one"
        and set(spoken[: found.start()].split()[-1:]) & set(vocabulary["one_as_pronoun_after"])
    ]
    if len(pointing) == len(said):
        return None
    chosen = set()
    for found in said:
        ordinal, number = found.group(1), found.group(2)
        if found in pointing:
            continue
        chosen.add(int(vocabulary["ordinals"][ordinal]) if ordinal else int(numbers[number]))
    # "two, i think, two" says one number twice; "two or three" says two.
    return chosen.pop() if len(chosen) == 1 else None


def judged(
    spoken: str,
    vocabulary: Mapping[str, Any],
    language: str,
    names: Iterable[str],
) -> Kind | None:
    """Return "no" when Chinese `spoken` is a menu number or one of `names` refused ("第二个不中",
    "二院不对"), "unknown" when it is a menu number questioned ("第二个对不对"), else None."""
    if language != "zh":
        return None
    endings: list[tuple[str, Kind]] = sorted(
        [
            *((ending, "unknown") for ending in vocabulary["judged_question_after"]),
            *((ending, "no") for ending in vocabulary["judged_no_after"]),
        ],
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    for ending, kind in endings:
        if not spoken.endswith(ending) or spoken == ending:
            continue
        said = spoken[: -len(ending)]
        if menu_choice(said, vocabulary, language, None) is not None:
            return kind
        # "二院中不中" asks for the hospital; "二院不中" refuses it.
        named = tidy.strip_fillers(said, vocabulary["menu_fillers"], language)
        return kind if kind == "no" and named in set(names) else None
    return None

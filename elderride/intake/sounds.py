"""A preset's name that a recognizer wrote with the right sound and other characters (鞋 和 医院
for 协和医院, 雷 云 上 for 雷允上), found by its pinyin: the last way a Chinese place is found."""

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pypinyin import Style, lazy_pinyin, pinyin
from pypinyin.constants import PHRASES_DICT

from elderride.intake import chinese_names, dialects, people, tidy
from elderride.intake.vocabulary import words

Place = Mapping[str, Any]
_HANZI = re.compile(r"[\u4e00-\u9fff]+")
TONELESS_ALONE_MIN = 3
# Two syllables say little: their tones must match as well (西苑 xī yuàn is not 西园 xī yuán);
# from three on, not counting a kind word (虎洞路 is not 湖东路), the syllables are enough (雷云上
# léi yún for 雷允上 léi yǔn).


@dataclasses.dataclass(frozen=True)
class Sound:
    """One way of saying a preset by sound: its characters, their syllables with and without tones,
    and whether it ends with its kind word (协和医院) or is the part before it (协和)."""

    place: int
    written: str
    toneless: tuple[str, ...]
    toned: tuple[str, ...]
    # Each with one character read its other way (单 shàn of a surname, not dān): heard only with
    # its tones, never two characters at once, which would sound like too much.
    other_readings: frozenset[tuple[str, ...]]
    with_kind: bool


@dataclasses.dataclass(frozen=True)
class Respelling:
    """What was heard with a preset's name written its own way, and which place that is."""

    text: str
    place: Place


def _sound(index: int, name: str, *, with_kind: bool) -> Sound:
    """Return how `name` sounds, its usual reading and each with one character read otherwise."""
    usual = [reading[0] for reading in pinyin(name, style=Style.TONE3)]
    others = {
        tuple(usual[:position] + [other] + usual[position + 1 :])
        for position, readings in enumerate(pinyin(name, style=Style.TONE3, heteronym=True))
        for other in readings
    }
    return Sound(
        index, name, tuple(lazy_pinyin(name)), tuple(usual), frozenset(others), with_kind=with_kind
    )


@functools.cache
def _kinds() -> tuple[str, ...]:
    """Return the kind words that end a name (医院, 药房, 寺, 菜市场, 路), the longest first."""
    vocabulary = words("zh")
    kinds = {*vocabulary["kinds"], *vocabulary["named_kinds"], *vocabulary["road_words"]}
    return tuple(sorted(kinds, key=len, reverse=True))


@functools.cache
def _not_names() -> tuple[str, ...]:
    """Return the words that make a preset's name a phrase ("买菜", "打麻将那块") or a person's home
    ("儿子家", "阿明屋里"): never looked for by sound, as 小李家 is another person's than 小丽家."""
    vocabulary = words("zh")
    regional = dialects.lexicon("zh").get("dialect_words", {})
    return (
        *vocabulary["pointers"],
        *vocabulary["areas"],
        *(said for errand in vocabulary["errands"] for said in errand["said"]),
        *(word for said in vocabulary["relations"].values() for word in said),
        *(said for said, meant in regional.items() if meant in vocabulary["home_labels"]),
    )


def _sounds_of(index: int, name: str) -> list[Sound]:
    """Return the ways of saying one name of a preset by sound: whole, and without its kind word
    when two characters or more are left (协和 of 协和医院)."""
    # An alias that is a kind word (医院, 超市) names no one place by its sound.
    if not _HANZI.fullmatch(name) or _numbered(name) or name in _kinds():
        return []
    if any(word in name for word in _not_names()):
        return []
    kind = next((kind for kind in _kinds() if name.endswith(kind) and name != kind), "")
    distinctive = name[: len(name) - len(kind)]
    if len(distinctive) < 2 or kind in words("zh")["home_labels"]:
        return []
    return [
        _sound(index, said, with_kind=said != distinctive)
        for said in dict.fromkeys([name, distinctive])
    ]


def _numbered(said: str) -> bool:
    """Tell whether `said` holds a numeral: one is never taken for a sound (一院 is not 医院, 附一
    not 附二)."""
    return bool(set(said) & (chinese_names.NUMERALS | set(tidy.CHINESE_DIGITS)))


@functools.lru_cache(maxsize=64)
def _preset_sounds(names: tuple[tuple[str, ...], ...]) -> tuple[Sound, ...]:
    """Return the sounds of each preset's names, kept for the senior's next turn."""
    return tuple(
        sound
        for index, said in enumerate(names)
        for name in said
        for sound in _sounds_of(index, name)
    )


def _heard(text: str) -> tuple[str, list[int], list[bool]]:
    """Return `text` tidied, where its words begin and end (every character when it has no word
    spaces), and which characters the recognizer wrote as a word of their own."""
    tokens = [token for token in (tidy.chinese(word) for word in text.split()) if token]
    joined = "".join(tokens)
    if len(tokens) < 2:
        return joined, list(range(len(joined) + 1)), [False] * len(joined)
    cuts, alone = [0], []
    for token in tokens:
        cuts.append(cuts[-1] + len(token))
        alone += [len(token) == 1] * len(token)
    return joined, cuts, alone


def _readings(joined: str) -> tuple[list[str], list[str]]:
    """Return each character's syllable without and with its tone ("" for what is no hanzi)."""
    toneless, toned = [""] * len(joined), [""] * len(joined)
    for run in _HANZI.finditer(joined):
        plain = lazy_pinyin(run.group())
        marked = [reading[0] for reading in pinyin(run.group(), style=Style.TONE3)]
        if len(plain) == len(marked) == len(run.group()):
            toneless[run.start() : run.end()] = plain
            toned[run.start() : run.end()] = marked
    return toneless, toned


@functools.cache
def _known_words() -> frozenset[str]:
    """Return every word of the parser's Chinese word lists and dialect lexicon."""

    def flat(value: Any) -> Iterable[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            for key, item in value.items():
                yield from flat(key)
                yield from flat(item)
        elif isinstance(value, list):
            for item in value:
                yield from flat(item)

    return frozenset(tidy.chinese(word) for word in flat([words("zh"), dialects.lexicon("zh")]))


@functools.cache
def _edges() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the words a name may follow ("去", "那个", "明天") and those it may be followed by
    ("那边", "买", "看病"): a name heard by sound must stand between words, not inside one."""
    vocabulary = words("zh")
    times = [word for said in vocabulary["time"].values() for word in said]
    shared = [
        *vocabulary["fillers"],
        *vocabulary["pointers"],
        *vocabulary["hesitations"],
        *vocabulary["destination_markers"],
        *vocabulary["place_verbs"],
        *vocabulary["linking_words"],
        *times,
    ]
    before = [
        *shared,
        *vocabulary["described_by"],
        *dialects.lexicon("zh").get("dialect_verbs", {}),
    ]
    after = [
        *shared,
        *vocabulary["areas"],
        *vocabulary["purposes"],
        *vocabulary["landmarks"],
        *(said for errand in vocabulary["errands"] for said in errand["said"]),
    ]
    return tuple(before), tuple(after)


def _own_kind(written: str, kind: str, place: Place) -> bool:
    """Tell whether a kind word said after a name (大召 寺, 鹭燕 药店) is the place's own: in one of
    its names, right after that name when it is a street word (协和 路 is a street)."""
    own = chinese_names.names(place)
    if kind in words("zh")["road_words"]:
        return any(written + kind in name for name in own)
    return any(same in name for name in own for same in chinese_names.same_kinds(kind))


def _fits(
    sound: Sound,
    start: int,
    end: int,
    heard: tuple[str, list[bool], list[str], list[str]],
    place: Place,
) -> bool:
    """Tell whether the characters heard from `start` to `end` are the sound's name: the same
    syllables, standing between words, and said as a name rather than as words of the language."""
    joined, alone, toneless, toned = heard
    tones = tuple(toned[start:end])
    syllables = tuple(toneless[start:end]) == sound.toneless
    otherwise = tones in sound.other_readings
    if not (syllables or otherwise):
        return False
    said = joined[start:end]
    before, after = _edges()
    rest = joined[end:]
    kind = next((kind for kind in _kinds() if rest.startswith(kind)), "")
    if said == sound.written or _numbered(said) or (start and not joined[:start].endswith(before)):
        return False
    if kind and not _own_kind(sound.written, kind, place):
        return False  # 鞋和药店 is a pharmacy, 大赵家 someone's home: not 协和医院, not 大召
    if rest and not kind and not rest.startswith(after):
        return False  # 大赵庄 is a village, 父东路 of 新父东路 another street
    # A name is heard by sound only when the recognizer did not know it: it spells it out one
    # character at a time ("鞋 和", "大 赵") with the name's own tones. A word it knew ("谐和",
    # "西苑", words run together) or one the parser reads ("那 个") is that word, and other tones
    # ("永 惠" for 永辉, "虎 洞" for 福东) another name, even before a kind word.
    return (
        all(alone[start:end])
        and said not in PHRASES_DICT
        and said not in _known_words()
        and (
            tones == sound.toned
            or otherwise
            or (len(said) >= TONELESS_ALONE_MIN and not sound.with_kind)
        )
    )


def _heard_with_tones(entry: tuple[Sound, int, int], toned: list[str]) -> bool:
    """Tell whether a name found was heard with its own tones too."""
    sound, start, end = entry
    tones = tuple(toned[start:end])
    return tones == sound.toned or tones in sound.other_readings


def respelled(
    text: str, places: Sequence[Place], contacts: Iterable[Mapping[str, Any]] = ()
) -> Respelling | None:
    """Return Chinese `text` (as heard) with the one preset name it says by sound written that
    preset's way ("去 鞋 和 医院" -> "去 协和医院"), or None when it says none or several."""
    names = tuple(tuple(chinese_names.names(place)) for place in places)
    sounds = _preset_sounds(names)
    if not sounds:
        return None
    joined, cuts, alone = _heard(text)
    toneless, toned = _readings(joined)
    heard = (joined, alone, toneless, toned)
    starts = set(cuts)
    found = [
        (sound, start, start + len(sound.written))
        for sound in sounds
        for start in cuts
        if start + len(sound.written) in starts
        and _fits(sound, start, start + len(sound.written), heard, places[sound.place])
    ]
    if len({sound.place for sound, _, _ in found}) > 1:
        # Two presets of one sound (协和, 谢河): the one whose tones were heard, if only one.
        found = [entry for entry in found if _heard_with_tones(entry, toned)]
    if len({sound.place for sound, _, _ in found}) != 1:
        return None
    sound, start, end = max(found, key=lambda entry: entry[2] - entry[1])
    place = places[sound.place]
    persons = people.people(contacts)
    others = [name for index, own in enumerate(names) if index != sound.place for name in own]
    # A name said as it is written decides, and a person is no place: "大赵" may be a friend.
    if people.mentioned(joined[start:end], "zh", persons) or any(
        len(name) >= 2 and (name in joined[:start] or name in joined[end:]) for name in others
    ):
        return None
    return Respelling(f"{joined[:start]} {sound.written} {joined[end:]}".strip(), place)

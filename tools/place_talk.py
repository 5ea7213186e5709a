"""Build the ways an older caller talks about one of their own presets without asking to go (a
question about it, news of it, it as a landmark, a trip in doubt, a car already booked there,
someone from it, being there or just back), in English and Chinese from every development
senior's presets, and list those the parser answers wrongly: any place, or no status for a car
booked."""

import argparse
import collections
import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from elderride.intake import tidy
from tools import generated_lines
from tools.generated_lines import Senior, spaced

# The right answer of each class: no place at all, or the status of a ride already booked.
RIGHT = {
    "question": None,
    "news": None,
    "landmark": None,
    "in doubt": None,
    "booked": "status",
    "from there": None,
    "there or back": None,
}
# Each class's lines, "{}" where the preset's name goes; a relative's home is said only where a
# home can be (in doubt, there or back).
ENGLISH = {
    "question": [
        "is {} open on sunday",
        "what time does {} shut",
        "is {} still doing the pensioners' discount",
        "do you know if {} is open on boxing day",
        "how late is {} open tonight",
        "is {} closed for the bank holiday",
    ],
    "news": [
        "{} lost my letter",
        "they've shut {}",
        "{} has put its prices up again",
        "they're doing up {} it's all scaffolding",
        "{} was ever so busy yesterday",
        "i had a letter from {} this morning",
    ],
    "landmark": [
        "she lives near {}",
        "the bus stops by {}",
        "my friend's flat is just behind {}",
        "there's a new cafe opposite {}",
        "they're digging the road up outside {}",
    ],
    "in doubt": [
        "if it rains i won't go to {}",
        "i might go to {} later i'll ring back",
        "i'm not sure i'll bother with {} this week",
        "i'll let you know about {} tomorrow",
        "i don't know if i'm up to going to {} today",
    ],
    "booked": [
        "is my car for {} coming",
        "where's my taxi to {}",
        "has the driver for {} left yet",
        "i'm still waiting for the car to {}",
    ],
    "from there": [
        "the nurse from {} is coming round",
        "someone from {} rang me this morning",
        "a lady from {} is popping in later",
        "{} are sending someone out to see me",
    ],
    "there or back": [
        "i'm at {} now",
        "just got back from {}",
        "i've just come out of {}",
        "i'm sat in {} waiting",
    ],
}
CHINESE = {
    "question": [
        "{} 今天 开门 吗",
        "{} 几 点 下班",
        "{} 礼拜天 开 不 开 门",
        "{} 几 点 关门 啊",
        "{} 过年 放 不 放假",
    ],
    "news": [
        "{} 把 我 的 单子 弄丢 了",
        "{} 的 鸡蛋 又 涨价 了",
        "{} 关门 了",
        "{} 在 装修 乱七八糟 的",
        "{} 人 太 多 了 排 了 半天 队",
    ],
    "landmark": [
        "她 家 就 在 {} 后面",
        "公交车 在 {} 门口 停",
        "我 家 离 {} 不 远",
        "{} 对面 新 开 了 一 家 饭店",
    ],
    "in doubt": [
        "要是 下雨 我 就 不 去 {} 了",
        "我 可能 晚 点 去 {} 再 打 电话",
        "还 不 晓得 去 不 去 {}",
        "去 不 去 {} 我 明天 再 说",
    ],
    "booked": [
        "去 {} 的 车 来 了 没有",
        "去 {} 的 车 怎么 还 没 到",
        "我 订 的 去 {} 的 车 到 哪 了",
    ],
    "from there": [
        "{} 的 护士 要 来",
        "{} 的 人 打 电话 来 了",
        "{} 的 医生 下午 来 家里",
    ],
    "there or back": [
        "我 刚 从 {} 回来",
        "我 现在 在 {}",
        "我 在 {} 这边 等 着",
    ],
}
HOMES = ("in doubt", "there or back")
HOME_WORDS = {"house", "home", "flat", "place", "bungalow"}


@dataclasses.dataclass(frozen=True)
class Said:
    """One line built and how the parser answered it."""

    language: str
    kind: str
    senior: str
    text: str
    intent: str
    place: str | None

    @property
    def wrong(self) -> bool:
        """Tell whether the answer is not the class's right one."""
        return self.place is not None or (RIGHT[self.kind] or self.intent) != self.intent


def _english_names(place: Mapping[str, Any]) -> list[str]:
    """Return how a caller names the preset: its label, and its shortest alias said with "the"."""
    names = [tidy.english(name) for name in [place["label"], *(place.get("aliases") or ())]]
    the = sorted((name for name in names if name.startswith("the ")), key=len)
    return [names[0], *the[:1]]


def _is_home(place: Mapping[str, Any], contacts: list[Mapping[str, Any]]) -> bool:
    """Tell whether the preset is a home, the caller's or a relative's."""
    words = set(tidy.english(place["label"]).split())
    firsts = {tidy.english(contact["name"]).split()[0] for contact in contacts}
    return bool(words & (HOME_WORDS | firsts)) or any(
        tidy.english(alias).startswith("my ") for alias in place.get("aliases") or ()
    )


def lines(senior: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Yield (class, text) for each way the senior may talk about one of their presets."""
    contacts = senior.get("contacts") or []
    for place in senior["places"]:
        if senior["language"] == "en":
            if tidy.english(place["label"]) == "home":
                continue
            home, names, forms = _is_home(place, contacts), _english_names(place), ENGLISH
        else:
            if place["label"] in ("家", "屋里", "屋头", "屋头里"):
                continue
            home = "家" in place["label"] or "屋" in place["label"]
            short = min([place["label"], *(place.get("aliases") or ())], key=len)
            names, forms = sorted({spaced(place["label"]), spaced(short)}), CHINESE
        for kind, texts in forms.items():
            if home and kind not in HOMES:
                continue
            for text in texts:
                for name in names:
                    yield kind, text.format(name)


def _drawn_by(senior: Senior) -> str:
    """Return what names the senior in the hash of this tool's sample, as when its check was
    measured: their set's last letter as the check names it ("heldout-set-x/places.json" -> "x",
    the corpus's "places.json" -> "n") and their name."""
    named = "places.json" if senior.where == generated_lines.FIXTURES.name else senior.where
    return f"{named[-1]} {senior.name}"


def said(sets: list[str | Path], every: int = 1) -> Iterator[Said]:
    """Yield each line built from the seniors of `sets` (places files, under the fixtures when
    relative), parsed; with `every` above one, only about one line in `every`, chosen by a hash of
    the senior and the text, so that a line or a senior added leaves whether every other line is
    parsed as it was."""
    paths = [generated_lines.FIXTURES / name for name in sets]
    for language in ("en", "zh"):
        for senior in generated_lines.seniors(paths, language):
            key = _drawn_by(senior)
            for kind, text in dict.fromkeys(lines(senior.details)):
                if not generated_lines.sampled(senior, text, every, key=key):
                    continue
                intent = generated_lines.understood(senior, text)
                label = intent.place.label if intent.place else None
                yield Said(language, kind, key, text, intent.kind, label)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    generated_lines.add_sets_option(parser, corpus=True)
    parser.add_argument("--every", type=int, default=1, help="parse only about one line in n")
    parser.add_argument("--all", action="store_true", help="print every line, not only wrong")
    options = parser.parse_args()
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for line in said(options.sets, options.every):
        count = counts[line.language, line.kind]
        count[0] += 1
        count[1] += line.place is not None
        count[2] += line.wrong
        if line.wrong or options.all:
            print(
                f"{line.language} {line.kind:14} {line.senior:12} {line.text!r:55} "
                f"-> {line.intent} {line.place or '-'}"
            )
    for (language, kind), (total, placed, wrong) in sorted(counts.items()):
        print(f"# {language} {kind:14} placed {placed:4} wrong {wrong:4} / {total}")


if __name__ == "__main__":
    main()

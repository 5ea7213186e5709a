"""Chinese deliveries sent on to a home: a shop or its goods sent there asks no ride."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from elderride.intake import tidy


def sent_on(
    spoken: str, vocabulary: Mapping[str, Any], language: str, names: Sequence[str]
) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` (tidied) says a place or its goods are sent somewhere
    ("步步高送到建国家", "超市的米送到女儿家了"): the shop delivers, and no one is driven."""
    if language != "zh" or not names:
        return []
    senders = tidy.either([*names, *vocabulary["delivered_goods"]])
    goods = tidy.either(vocabulary["delivered_goods"])
    sending = tidy.either(vocabulary["sent_to"])
    # "送我到", "把我送到" take the caller: only what is sent with no one named is a delivery.
    pattern = rf"(?:{senders})(?:的(?:{goods}))?(?:{sending})"
    return [match.span() for match in re.finditer(pattern, spoken)]

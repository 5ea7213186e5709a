"""Who a caller means by "my son", "our Karen" or "闺女": the senior's contacts, by relation and by
name."""

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from elderride.intake import aliases, tidy
from elderride.intake.vocabulary import words
from elderride.languages import CODES


@dataclasses.dataclass(frozen=True)
class Person:
    """One of the senior's contacts, with the ways a caller names them."""

    name: str
    # A key of [relations] in voice/intake/*.toml ("son", "daughter", ...), whatever language it
    # was typed in.
    relation: str | None
    names: tuple[str, ...]  # "tom" for Tom Walker; 王强, 强强, 小强, 阿强 for 王强


@dataclasses.dataclass(frozen=True)
class Mention:
    """The relations and contacts named in one utterance."""

    relations: frozenset[str] = frozenset()
    people: tuple[Person, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.relations or self.people)


@functools.cache
def _relation_words() -> dict[str, str]:
    """Return {tidied word: relation key} across every language, longest words first."""
    table: dict[str, str] = {}
    for language in CODES:
        tidy_one = tidy.chinese if language == "zh" else tidy.english
        for key, spoken in words(language).get("relations", {}).items():
            for word in spoken:
                table.setdefault(tidy_one(word), key)
            table.setdefault(tidy.english(key.replace("_", " ")), key)
    return dict(sorted(table.items(), key=lambda item: len(item[0]), reverse=True))


def relation_key(relation: str | None) -> str | None:
    """Return the relation key for what a family typed in a contact's relation ("Son", "女儿",
    "son-in-law")."""
    if not relation:
        return None
    table = _relation_words()
    for value in (tidy.english(relation), tidy.chinese(relation)):
        if value in table:
            return table[value]
    return None


def relation_words_all(language: str) -> list[str]:
    """Return every way callers say a relation in `language`, tidied."""
    return [
        word
        for key in words(language).get("relations", {})
        for word in relation_words(key, language)
    ]


def relation_words(key: str, language: str) -> list[str]:
    """Return how callers say relation `key` in `language`, tidied."""
    tidy_one = tidy.chinese if language == "zh" else tidy.english
    return [tidy_one(word) for word in words(language).get("relations", {}).get(key, [])]


def _ways_of_naming(name: str) -> tuple[str, ...]:
    """Return how a caller names a contact: an English first name; a Chinese full name or its given
    name said fondly."""
    name = name.strip()
    if re.search(r"[\u4e00-\u9fff]", name):
        whole = tidy.chinese(name)
        # Chinese names are family name first; callers say the given name doubled
        # (强强) or with 小 / 阿 (依 in Fuzhou), and a given name of two by its last character
        # after 阿 or 依 (黄丽梅 is 阿梅, 陈丽丽 阿丽 or 小丽).
        given = whole[1:] if len(whole) >= 2 else whole
        ways = [whole]
        if len(given) == 1:
            ways += [given * 2, "小" + given, "阿" + given, "依" + given]
        elif given:
            ways += [given, "阿" + given[-1], "依" + given[-1]]
            if given[0] == given[-1]:
                ways += ["小" + given[-1]]
        return tuple(dict.fromkeys(ways))
    parts = tidy.english(name).split()
    return tuple(parts[:1])


def people(contacts: Iterable[Mapping[str, Any]]) -> list[Person]:
    """Return the senior's contacts as Persons, without a way of naming one that a caller says in
    passing ("To" of To Nguyen, "Me" of Me Lin): said in any sentence, it would name them there."""
    return [
        Person(
            name=contact["name"],
            relation=relation_key(contact.get("relation")),
            names=tuple(
                name for name in _ways_of_naming(contact["name"]) if aliases.fault(name) is None
            ),
        )
        for contact in contacts
        if contact.get("name")
    ]


def mentioned(spoken: str, language: str, persons: Iterable[Person]) -> Mention:
    """Return the relations and contacts `spoken` (tidied) names; longer words first, so 外孙 is not
    孙子 and grandson is not son."""
    relations = set()
    named = []
    # "my other daughter", "her daughter", 她婆婆: a relative of someone else, or not the one
    # the senior's places are for.
    not_own = tidy.either(words(language)["not_own_relatives"])
    if language == "zh":
        # "老大爷" holds 老大 and is no eldest child.
        rest = spoken = without_lookalikes(spoken)
        for word, key in _relation_words().items():
            if word and re.search(r"[\u4e00-\u9fff]", word) and word in rest:
                if not re.search(rf"(?:{not_own})(?:的)?{re.escape(word)}", rest):
                    relations.add(key)
                rest = rest.replace(word, "|")
        for person in persons:
            if any(way in spoken for way in person.names if len(way) >= 2):
                named.append(person)
        return Mention(frozenset(relations), tuple(named))
    tokens = [_base(token) for token in spoken.split()]
    text = " " + " ".join(tokens) + " "
    for word, key in _relation_words().items():
        if word and not re.search(r"[\u4e00-\u9fff]", word) and f" {word} " in text:
            if not re.search(rf" (?:{not_own}) {re.escape(word)} ", text):
                relations.add(key)
            text = text.replace(f" {word} ", " | ")
    for person in persons:
        # "karens": a recognizer or a typist may drop the possessive's apostrophe.
        if any(way in tokens or way + "s" in tokens for way in person.names):
            named.append(person)
    return Mention(frozenset(relations), tuple(named))


def without_lookalikes(spoken: str) -> str:
    """Return Chinese `spoken` with each word that holds a relation word but names no relative
    ("老大爷", "老大远") blanked out."""
    return tidy.compiled(tidy.either(words("zh")["relation_lookalikes"])).sub("|", spoken)


def told_apart(spoken: str, language: str) -> set[str]:
    """Return the words `spoken` (tidied) says before a relation word to tell that relative from
    the one the senior's places are for ("my other daughter", "my eldest son", 小闺女)."""
    vocabulary = words(language)
    relations_said = [word for word in _relation_words() if word]
    relations = tidy.either(relations_said)
    ordered = tidy.either(vocabulary.get("birth_order_relations", ()))
    if language == "zh":
        spoken = without_lookalikes(spoken)
        # 她闺女 is someone else's daughter; 小闺女 one of the caller's, told apart.
        others = tidy.either(vocabulary["not_own_relatives"])
        orders = tidy.either(vocabulary["birth_orders"])
        # 老二, 老三 are a child by birth order on their own: "去老二家" is no 大儿子家.
        alone = tidy.either(word for word in vocabulary["birth_orders"] if word in relations_said)
        # "老大病了 送我去儿子家": the child who lies ill is why, told apart from no one.
        states = tidy.either(vocabulary["others_states"])
        pattern = rf"({others})(?:的)?(?:{relations})|({orders})(?:{ordered})|({alone})(?!{states})"
    else:
        qualifiers = tidy.either([*vocabulary["not_own_relatives"], *vocabulary["birth_orders"]])
        pattern = rf"(?<![\w'])({qualifiers}) (?:{relations})(?![\w])"
    return {match.group(match.lastindex or 0) for match in tidy.compiled(pattern).finditer(spoken)}


@functools.cache
def _others_by_kind(language: str) -> tuple[str, ...]:
    """Return one of [others], titled_others or a relation word in `language`, tidied once (asked
    every turn)."""
    vocabulary = words(language)
    relations = [word for key in vocabulary["relations"] for word in relation_words(key, language)]
    return (*vocabulary["others"], *vocabulary.get("titled_others", ()), *relations)


def others(language: str, family: Iterable[Mapping[str, Any]]) -> list[str]:
    """Return the words that name someone other than the caller: a relation, a contact's name and
    one of [others] ("他", "her")."""
    # A Chinese given name of one character is only a name with 小 or 阿 before it.
    names = [
        name
        for person in people(family)
        for name in person.names
        if language != "zh" or len(name) > 1
    ]
    return [*_others_by_kind(language), *names]


# Kept per senior (their people), bounded as together._patterns is.
@functools.lru_cache(maxsize=1024)
def someone(language: str, others: tuple[str, ...]) -> str:
    """Return a pattern for one of `others` (see others()) and, in Chinese, a neighbour by title or
    fond name with where they live and their surname ("王阿姨", "隔壁李奶奶", "隔壁老王")."""
    named = f"(?:{tidy.either(others)})"
    if language != "zh":
        return named
    vocabulary = words(language)
    titles = tidy.either(vocabulary["titled_others"])
    near = f"(?:{tidy.either(vocabulary['neighbourhood'])})的?"
    fond = f"(?:{tidy.either(vocabulary['fond_prefixes'])})[\u4e00-\u9fff]"
    # "俺老伴儿明儿个上医院": a northern 儿 after the word is the same person.
    return f"(?:(?:{near})?(?:[\u4e00-\u9fff](?=(?:{titles})))?{named}儿?|{near}{fond})"


def takers(
    spoken: str, language: str, family: Iterable[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Return where Chinese `spoken` says someone else takes the caller ("女儿送我", "丽华陪我",
    "闺女说她明天开车来接我"): who drives is no place to go, and asks no car of the line."""
    if language != "zh":
        return []
    vocabulary = words(language)
    who = someone(language, tuple(others(language, family)))
    # What they say, when, and that they drive may come between who and the taking.
    days = [word for key in vocabulary["time"] for word in vocabulary["time"][key]]
    said = [*vocabulary["takers_say"], *vocabulary["others_intend"], *vocabulary["others_drive"]]
    between = tidy.either([*said, *days])
    taking = f"(?:{who})(?:(?:{between})|(?:{who}))*(?:{tidy.either(vocabulary['driven_me'])})"
    return [match.span() for match in tidy.compiled(taking).finditer(spoken)]


def without_subjects(spoken: str, persons: Iterable[Person]) -> str:
    """Return English `spoken` (tidied) without each relative or contact named as the one who
    speaks, wishes or comes ("my daughter said i should" -> "my i should")."""
    named = [
        *(word for word in _relation_words() if word and not re.search(r"[\u4e00-\u9fff]", word)),
        *(name for person in persons for name in person.names),
    ]
    if not named:
        return spoken
    does = tidy.either(words("en")["subject_verbs"])
    # "my son said to come over" asks the caller to theirs: that one is the host, not a speaker.
    invited = tidy.either(words("en")["invitations"])
    # "my son tunde says", "my son is coming", "my son's coming": a name, or the "is" of an -ing,
    # may come between, never a verb of theirs ("my daughter says come round" is an invitation).
    # "linda can't take me to her house": the house is hers, so she is the host.
    hers = tidy.either(words("en")["their_homes"])
    deals = tidy.either(words("en")["house_deals"])
    again = tidy.either(words("en")["subjects_again"])
    spoken = tidy.compiled(
        rf"(?<![\w'])(?:{tidy.either(named)})(?: (?!(?:{does})(?![\w']))[\w]+)?"
        rf"(?: (?:{again}))?(?: is | |'s )"
        rf"(?:(?:{deals})(?![\w'])|(?:{does})(?![\w'])"
        rf"(?! (?:to |over to |round to )?(?:{hers})(?![\w'])))"
        rf"(?! (?:{invited})(?![\w']))"
    ).sub(" ", spoken)
    # "can linda cancel it", "let me ask linda": whom a question is about or put to is no host.
    owners = tidy.either(words("en")["owner_words"])
    asks = tidy.either([*words("en")["subject_questions"], *words("en")["persons_asked"]])
    spoken = tidy.compiled(
        rf"(?<![\w'])((?:{asks}) )(?:(?:{owners}) )?(?:{tidy.either(named)})(?![\w'])"
    ).sub(r"\1", spoken)
    # "the wharf where dwayne keeps the boat": whoever does something at a place described is its
    # subject, whatever they do, unless they live there ("the flat where my son lives").
    clauses = tidy.either(words("en")["describing_words"])
    dwells = tidy.either(words("en")["dwelling_verbs"])
    return tidy.compiled(
        rf"(?<![\w'])((?:{clauses}) )(?:(?:{owners}) )?(?:{tidy.either(named)})"
        rf"(?= (?!(?:{dwells})(?![\w']))[a-z])"
    ).sub(r"\1", spoken)


def _base(token: str) -> str:
    """Drop a possessive: "son's" is said of the son."""
    return token[:-2] if token.endswith("'s") else token


def without(spoken: str, mention: Mention, language: str) -> str:
    """Return Chinese `spoken` without the relations and contacts `mention` names ("去医院看女儿"
    -> "去医院看")."""
    named = [word for key in mention.relations for word in relation_words(key, language)]
    named += [name for person in mention.people for name in person.names]
    return tidy.without_phrases(spoken, named, language).replace(" ", "")


def hosts_named(spoken: str, persons: Iterable[Person]) -> str:
    """Return Chinese `spoken` (tidied) with a host said by pronoun ("闺女让我去她那") said by the
    one relative or contact named before it ("闺女让我去闺女那"): whose place it is."""
    vocabulary = words("zh")
    pronouns = tidy.either(vocabulary["host_pronouns"])
    homes = tidy.either(vocabulary["host_places"])
    markers = tidy.either(vocabulary["destination_markers"])
    found = re.search(rf"(?:{markers})({pronouns})(?:{homes})", spoken)
    if found is None:
        return spoken
    before = spoken[: found.start()]
    mention = mentioned(before, "zh", persons)
    relations = {*mention.relations, *(relation_key(person.relation) for person in mention.people)}
    # Two people named leave "her" unknown.
    if len(relations) != 1 or len(mention.people) > 1:
        return spoken
    # The longest word names them (外孙女, not 孙女).
    named = [
        word
        for word in [
            *_relation_words(),
            *(name for person in mention.people for name in person.names),
        ]
        if len(word) >= 2 and re.search(r"[\u4e00-\u9fff]", word) and word in before
    ]
    longest = max(named, key=len, default="")
    if not longest:
        return spoken
    return spoken[: found.start(1)] + longest + spoken[found.end(1) :]

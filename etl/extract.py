"""extract: passages -> observations.

The extractor reads a document sentence by sentence. In each sentence it finds *facts*: counts of
weapons (a number, the weapon noun it counts, whether the weapons were launched, destroyed or merely hit
something), casualties, temperatures, places hit and weapon models. Each fact is tied to an attacker and
to the time cue of its sentence; facts of the same attacker and time are one strike wave, and every wave
becomes one observation with the spans of text that each field came from.

All words live in the per-language lexicons (``data/lang/*.yaml``), the weapon models in
``data/weapons.csv`` and the places in ``data/regions.csv`` and the gazetteer; this module holds only the
reading logic, the same for every language.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from etl import __version__
from etl.dates import DATELINE, Cue, day_range, find_cues, has_cue, month_names, reference_date, sentence_cue
from etl.gazetteer import CAPITAL, CITY_REGION, Place, find_places, held_by
from etl.lexicon import FoldedPattern, Lexicon, Match, Pattern, Weapon, fold, lexicon, weapon_hint, weapon_of, weapon_pattern
from etl.numbers import Number, find_numbers, parse_words, word_pattern
from schemas import Observation, empty_frame
from schemas.tables import CASUALTY_FIELDS, COUNT_FIELDS

EXTRACTOR = f"strikelog-rules {__version__}"
SOURCES = ("extract.py", "segment.py", "lexicon.py", "needles.py", "numbers.py", "dates.py", "gazetteer.py", "prefilter.py")
WINDOW = 90
MAX_NP_WORDS = 6
MAX_WORD_TEMPERATURE = 60  # degrees: "minus seven degrees"; "ninety degrees" is an angle
JUST_BEFORE = 80
ADDITION_OPENING = 20  # "A further ", "Ще "
CLASS_WINDOW = 25
STRUCK_WINDOW = 30  # characters around a count that hit, where its verb of hitting is
PLACE_CONTEXT = 80
CLASS_FIELD = {"ballistic": "ballistic_missiles", "cruise": "cruise_missiles", "other": "other_missiles"}
DESTROYED_FIELD = {"drone": "drones_destroyed", "missile": "missiles_destroyed"}
LAUNCHED_FIELDS = tuple(f for f in COUNT_FIELDS if f not in DESTROYED_FIELD.values())
ATTACKER_OF = {"RU": "UA", "UA": "RU"}  # the side that strikes land held by a country
ENEMY = "enemy"  # the side of "the enemy" in Russian ("вражеские дроны"): the attacker the places imply
READING: ContextVar["DocumentReading | None"] = ContextVar("reading", default=None)  # the document being read
HIT = "hit:"  # a count of weapons that hit ("Sumy was hit by two missiles"): launched, when nothing else says
CONJUNCTION = fold(r"(?<!\w)(?:and|or|та|і|й|и|або|или)(?!\w)")
RANGE_GAP = re.compile(r"(?:[^\d,;.]|\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|\d{1,2}[:.]\d{2}){1,25}")  # "Saturday and 7 a.m. on Sunday"
CLAUSE_BREAK = fold(r"[,;]|:\s|(?<!\w)(?:and|but|та|і|й|и|а|але|но)(?!\w)")
CLAUSE_PUNCTUATION = re.compile(r"[,;:—–]")
GAP_BREAK = re.compile(r"[,;]|\d| [-–—] ")
OPEN_BRACKET = re.compile(r"[»”\"']?\s*\(\s*")  # between "Shahed drones" and a number alone in brackets
CLOSE_BRACKET = re.compile(r"\s*\)")
DASH_BEFORE_COUNT = re.compile(r"[^\d;:()–—]{0,40}?(?:[–—]|\s-)\s*")  # between "Kh-101 cruise missiles" ("drones and decoys") and the number of a listed line
LINE_END_AFTER_COUNT = re.compile(r"\s*(?:[;,.(]|$)")
NP_BREAK = fold(r"[,;:()]|(?<!\w)(?:and|та|і|й|и)(?!\w)")
MAX_DATELINE_TAIL = 40  # characters from the place of a dateline to its dash: ", June 16 (Reuters) -"
PERSON_AFTER = re.compile(r" [A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’]+")
LIST_JOINER = re.compile(r"(?:,\s*|\s+(?:and|та|і|и|й)\s+|,\s+(?:and|та|і|и)\s+)(?:the\s+)?")
YEAR = re.compile(r"\d{4}")
LIST_COLON = re.compile(r"[^\d:.;]{0,20}:")
ENUMERATION_GAP = re.compile(r"[»”'’)]*\s*(?:,|;|and|та|і|й|и)?\s*(?:(?:and|та|і|й|и)\s+)?")  # closing quotes of a model name too
SECTION_HEADING = re.compile(r"\s*[^\W\d][^\d.!?:;,\n]{0,60}[^\W\d]\s*")  # a line of a few words, no figure and no sentence end
MAX_SENTENCE = 2000  # characters: a longer run without a sentence end is read in pieces
FORECAST_WINDOW = 50  # characters either side of a temperature that may say it is a forecast
SENTENCE_END = re.compile(r"[.!?…](?P<gap>[\"”»’)]*\s+(?=[\"“«(]?[A-ZА-ЯІЇЄҐ0-9]))|(?<![;:,])\n+")  # a sentence ends at "gap"; a listed line at a line end not after ";", ":" or ","


@dataclass
class Sentence:
    text: str
    start: int
    index: int


@dataclass
class Fact:
    """One thing a sentence states about a wave."""

    field: str
    value: object
    start: int
    end: int
    text: str
    sentence: int
    attacker: str | None = None
    cue: str | None = None
    vague: bool = False
    subordinate: bool = False
    models: tuple[str, ...] = ()
    added: bool = False  # "six more", "another six": added to the count before it, not a restatement


@dataclass
class Item:
    """A count of weapons in a sentence."""

    number: Number
    family: str  # drone or missile
    weapon_class: str | None
    models: tuple[str, ...]
    role: str  # launched, destroyed or hit
    total: bool
    subordinate: bool
    attacker: str | None
    end: int
    added: bool = False
    carried: bool = False  # adds to the counts of the sentence before ("... destroyed 85. Eleven more were suppressed.")
    struck: bool = False  # a count that hit ("Sumy was hit by two missiles"), not one lost or seen


@dataclass
class Wave:
    attacker: str
    cue: str | None
    facts: list[Fact] = field(default_factory=list)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A hash of the extractor's code and data files: cached results are valid only for the same one."""
    here = Path(__file__).parent
    digest = hashlib.sha256(EXTRACTOR.encode())
    for path in [here / name for name in SOURCES] + sorted((here / "data").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# ------------------------------------------------------------------------------------------ sentences


def split_sentences(text: str, offset: int, lex: Lexicon, first_index: int = 0) -> list[Sentence]:
    """Sentences with their offsets; abbreviations ("Dec. 1", "Gen.") do not end a sentence."""
    abbreviations = _abbreviations(lex)
    sentences: list[Sentence] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.group("gap") is None:
            end = match.start()
        elif text.endswith(abbreviations, start, end := match.start("gap")):
            continue
        _append_sentence(sentences, text, start, end, offset, first_index)
        start = match.end()
    _append_sentence(sentences, text, start, len(text), offset, first_index)
    return sentences


@lru_cache(maxsize=None)
def _abbreviations(lex: Lexicon) -> tuple[str, ...]:
    return tuple(f"{a}." for a in lex.raw["sentence_abbreviations"])


def _append_sentence(sentences: list[Sentence], text: str, start: int, end: int, offset: int, first: int) -> None:
    """Add a sentence; one longer than ``MAX_SENTENCE`` (no report writes one: a text without punctuation)
    is cut at spaces into pieces of at most that length, as reading a sentence costs more than its length."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _append_sentence(sentences, text, start, cut, offset, first)
        start = cut
    if text[start:end].strip():
        sentences.append(Sentence(text[start:end], offset + start, first + len(sentences)))


# -------------------------------------------------------------------------------------------- counts


@lru_cache(maxsize=64)
def _weapons_in(text: str) -> list[tuple[Match, Weapon]]:
    """The weapon models a text names: read once per sentence for its counts, its side and its models."""
    if not weapon_hint().search(text):
        return []
    return [(m, weapon_of(m)) for m in weapon_pattern().finditer(text)]


def _noun_heads(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    heads = [(m.start(), m.end(), "drone") for m in lex["drone_nouns"].finditer(text)]
    heads += [(m.start(), m.end(), "missile") for m in lex["missile_nouns"].finditer(text)]
    return sorted(heads)


def _weapon_heads(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Weapon nouns and weapon models of a text, each with its family (drone or missile)."""
    models = [(m.start(), m.end(), "drone" if w.weapon_class == "drone" else "missile") for m, w in _weapons_in(text)]
    return _noun_heads(text, lex) + models


@lru_cache(maxsize=64)
def _sentence_heads(sentence: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """The weapon nouns, models and air attack assets of a sentence, in order: read once per sentence,
    asked for the phrase after each number."""
    return sorted(_weapon_heads(sentence, lex) + [(m.start(), m.end(), "assets") for m in lex["asset_nouns"].finditer(sentence)])


def _np_head(sentence: str, start: int, lex: Lexicon) -> tuple[int, int, str, str] | None:
    """The weapon noun phrase right after a number: (np_end, head_end, family, np_text), or None.

    The head is the last weapon word of the phrase ("17 Shahed attack drones" -> drones), so a model used
    as a modifier still counts, and a weapon word that modifies another noun ("drone attacks") does not.
    """
    in_reach = [head for head in _sentence_heads(sentence, lex) if start <= head[0] < start + WINDOW]
    if not in_reach:
        return None
    window = sentence[start:start + WINDOW]
    brk = lex["clause_break"].search(window)
    if brk:
        window = window[:brk.start()]
    end = start + len(window)
    heads = [(s - start, e - start, family) for s, e, family in in_reach if e <= end]
    chosen = None
    for head_start, head_end, family in heads:
        gap = window[chosen[1]:head_start] if chosen else window[:head_start]
        limit = 3 if chosen else MAX_NP_WORDS
        joined = chosen is not None and CONJUNCTION.search(gap)
        if joined or len(gap.split()) > limit or GAP_BREAK.search(gap) or lex["np_gap_stop"].search(gap) or _number_joined(gap, lex) \
                or (chosen is None and lex["part_nouns"].search(gap)):
            if chosen:
                break
            continue
        if chosen is None or head_start >= chosen[1] or (head_start == chosen[0] and head_end > chosen[1]):
            chosen = (head_start, head_end, family)  # the longer of two heads at one place: "Geran-3" over "Geran"
    if chosen is None:
        return None
    head_start, head_end, family = chosen
    if lex["mixed_heads"].match(window[:head_start]):
        return None
    rest = window[head_end:]
    if lex["compound_after"].match(rest):
        return None
    qualifier = lex["np_qualifier"].match(rest)
    np_end = head_end + (qualifier.end() if qualifier else 0)
    return start + np_end, start + head_end, family, window[:np_end]


def _number_joined(gap: str, lex: Lexicon) -> bool:
    """Whether a number is joined on before the next weapon word: in "17 guided bombs and two drones" the
    drones are the two."""
    joiner = CONJUNCTION.search(gap)
    return joiner is not None and bool(find_numbers(gap[joiner.end():], lex))


def _family_of(text: str, lex: Lexicon) -> str | None:
    if lex["missile_nouns"].search(text):
        return "missile"
    if lex["drone_nouns"].search(text):
        return "drone"
    return None


def _sole_family(sentence: str, lex: Lexicon) -> str | None:
    """drone or missile when a sentence names weapons of only that family, so that its "87 air attack
    assets" are 87 drones; None when it names both or neither."""
    families = {family for _, _, family in _sentence_heads(sentence, lex) if family != "assets"}
    return families.pop() if len(families) == 1 else None


def _weapon_class(np_text: str, models: list[Weapon], lex: Lexicon) -> str | None:
    for weapon_class, pattern in lex["class_words"].items():
        if pattern.search(np_text):
            return weapon_class
    classes = [w.weapon_class for w in models if w.weapon_class != "drone"]
    return classes[0] if classes else None


def _role(sentence: str, number: Number, np_end: int, previous: Item | None, lex: Lexicon) -> str:
    """launched, destroyed or hit: what the sentence says happened to the counted weapons."""
    if lex["reference_set_before"].search(sentence, 0, number.start):
        return "launched"
    after = sentence[np_end:]
    if lex["passive_destroyed"].match(after):
        return "destroyed"
    if lex["passive_hit"].match(after):
        return "hit"
    if np_end == number.end and lex["launched_after"].match(after):
        return "launched"  # "..., out of a total of 86 launched"; in "14 drones launched by Russia" the verb is the noun's
    if lex["with_before"].search(sentence[max(0, number.start - 40):number.start]):
        return "destroyed" if lex["with_destroyed_after"].match(after) else "launched"
    verbs = _role_verbs(sentence, lex)
    clause_start = max((m.end() for m in lex["contrast_break"].finditer(sentence, 0, number.start)), default=0)
    asides = _asides(sentence, lex)
    before = [(end, role) for start, end, role in verbs if clause_start <= start and end <= number.start and _aside_at(asides, start) is None]
    if before:
        return max(before)[1]
    clause_end = sentence.find(";", np_end)  # "113 drones; 97 were shot down": the verb of another clause
    clause_end = len(sentence) if clause_end < 0 else clause_end
    after_verbs = [(start, role) for start, _, role in verbs if np_end <= start < clause_end]
    own = [role for start, role in after_verbs if _own_aside(sentence, np_end, _aside_at(asides, start))]
    if own and previous is None:
        return own[0]  # "Of 40 drones that attacked overnight, 30 were shot down"
    outside = [role for start, role in after_verbs if _aside_at(asides, start) is None]
    if outside:
        return outside[0]
    return previous.role if previous else (own or ["launched"])[0]


@lru_cache(maxsize=64)
def _asides(sentence: str, lex: Lexicon) -> list[tuple[int, int]]:
    """The relative clauses of a sentence (", all of which were shot down,", "a missile that struck Lviv,"):
    their verbs tell of the weapons they follow, not of the counts around them; in a list ("18 Iskanders, an
    Oreshnik that struck Lviv, 13 Kalibrs") not even of those."""
    return [m.span() for m in lex["relative_clause"].finditer(sentence)]


def _aside_at(asides: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    return next((span for span in asides if span[0] <= position < span[1]), None)


def _own_aside(sentence: str, np_end: int, aside: tuple[int, int] | None) -> bool:
    """Whether a relative clause follows the counted weapons straight after their noun."""
    return aside is not None and not sentence[np_end:aside[0]].strip()


@lru_cache(maxsize=64)
def _role_verbs(sentence: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, role) of every verb of launching, destroying or hitting in a sentence, in order."""
    found = [(m.start(), m.end(), role) for role in ("launched", "destroyed", "hit") for m in lex["role_verbs"][role].finditer(sentence)]
    return sorted(found)


def _np_side(np_text: str, lex: Lexicon) -> str | None:
    """The side a count's own words name: "Ukrainian drones", or the side of its weapon models
    (``data/weapons.csv``)."""
    if lex["ukrainian_weapon"].search(np_text):
        return "UA"
    if lex["russian_weapon"].search(np_text):
        return "RU"
    sides = {w.side for _, w in _weapons_in(np_text) if w.side}
    return sides.pop() if len(sides) == 1 else None


def sentence_attacker(sentence: str, position: int, lex: Lexicon) -> str | None:
    """The side a sentence names as attacking: an agent ("Russia launched", "Ukraine's army struck") wins
    over a mere mention ("Russian drones"); the cue nearest before ``position`` wins, else the first after.
    "The enemy" is either side, told by the places of the sentence (a Russian governor's enemy drones over
    Kursk are Ukrainian), else by those of the document (a village the gazetteer does not know, in a post
    about the Belgorod region), and Russia where they tell none."""
    for cues in _attacker_cues(sentence, lex):
        if cues:
            before = [c for c in cues if c[0] <= position]
            side = max(before)[1] if before else min(cues)[1]
            return (_attacker_by_places(sentence, lex) or _document_side()) if side == ENEMY else side
    return None


def _sides_named(sentence: str, lex: Lexicon) -> list[str]:
    """Every side a sentence names as attacking: "Ukraine launched drones overnight, while Russian missiles
    hit Odesa" dates the waves of both."""
    for cues in _attacker_cues(sentence, lex):
        if cues:
            return [side for side in dict.fromkeys(sentence_attacker(sentence, position, lex) for position, _ in cues) if side]
    return []


def _document_side() -> str:
    reading = READING.get()
    return reading.attacker_by_places if reading is not None else "RU"


@lru_cache(maxsize=64)
def _attacker_cues(sentence: str, lex: Lexicon) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Positions and sides of the agents, then of the mere mentions, of a sentence."""
    agents, mentions = (
        [(m.start(), side) for side, pattern in lex[key].items() for m in pattern.finditer(sentence)]
        for key in ("attacker_agents", "attacker_cues")
    )
    return agents, mentions


def count_items(sentence: str, lex: Lexicon, previous_items: list[Item]) -> list[Item]:
    """Every count of weapons in a sentence, with its role and class; ``previous_items`` are those of the
    sentence before, which elliptic counts ("43 of them") and "all but five" refer back to."""
    previous = previous_items[-1] if previous_items else None
    items: list[Item] = []
    numbers = find_numbers(sentence, lex) + _singular_numbers(sentence, lex)
    numbers.sort(key=lambda n: n.start)
    consumed: set[int] = set()
    for i, number in enumerate(numbers):
        if number.start in consumed or _not_a_count(sentence, number, lex) or (items and number.start < items[-1].end):
            continue  # a number inside the phrase of the count before it ("одну балістичну ракету") is that count
        pair = _pair_partner(sentence, number, numbers[i + 1:], lex)
        if pair is not None:
            consumed.add(pair.start)
            items.extend(_pair_items(sentence, number, pair, lex, items[-1] if items else previous))
            continue
        item = _item(sentence, number, lex, items[-1] if items else previous)
        if item is not None:
            item.number = _all_but(sentence, item, previous_items, items, lex)
            item.carried = not items and previous is not None and _opens_with_addition(sentence, number, lex)
            item.added = item.carried or (bool(items) and not item.subordinate
                                          and (_added(sentence, items[-1], number, lex) or _next_place_part(sentence, items, number, lex)))
            if items and ENUMERATION_GAP.fullmatch(sentence, items[-1].end, number.start):
                item.subordinate = item.subordinate or items[-1].subordinate
                if _np_side(sentence[number.start:item.end], lex) is None:
                    item.attacker = items[-1].attacker  # "52 of 56 Russian drones and both missiles"
            items.append(item)
            items.extend(_all_of_one_class(sentence, item, lex))
            launched = _launched_after(sentence, item, numbers[i + 1:], lex)
            if launched is not None:
                consumed.add(launched.number.start)
                items.append(launched)
    return items


def _launched_after(sentence: str, item: Item, later: list[Number], lex: Lexicon) -> Item | None:
    """In "downed 37 drones out of 40 launched", the count after the destroyed one is the launched count
    of the same weapons."""
    joiner = lex["pair_joiner"].match(sentence, item.end) if item.role == "destroyed" else None
    if joiner is None:
        return None
    partner = next((n for n in later if n.start == joiner.end()), None)
    if partner is None or partner.vague or partner.value < item.number.value:
        return None
    return Item(partner, item.family, item.weapon_class, item.models, "launched", False, False, item.attacker, partner.end)


def _all_of_one_class(sentence: str, item: Item, lex: Lexicon) -> list[Item]:
    """"9 missiles, all of them ballistic": the untyped count stands, and the same count is typed too."""
    all_of_them = lex["all_of_them"].match(sentence, item.end) if item.family == "missile" and item.weapon_class is None else None
    weapon_class = _class_after(sentence, all_of_them.end(), lex) if all_of_them else None
    return [replace(item, weapon_class=weapon_class)] if weapon_class else []


def _added(sentence: str, previous: Item, number: Number, lex: Lexicon) -> bool:
    """Whether a count is joined to the count before it as an addition ("... and another 12", "... and six
    more", "...; another 14 were suppressed") rather than restating it or naming a part."""
    addition = lex["addition_before"].search(sentence[max(0, number.start - 20):number.start]) or lex["addition_after"].match(sentence, number.end)
    return bool(addition and (CONJUNCTION.search(sentence, previous.end, number.start) or ";" in sentence[previous.end:number.start]))


def _next_place_part(sentence: str, items: list[Item], number: Number, lex: Lexicon) -> bool:
    """Whether a count is the next part of a list by place, each part with its own place: "11 drones over
    Kursk and one over Crimea", "40 drones at Kharkiv and 30 at Sumy", "над Белгородской — 12, над
    Курской — 5". Only a list that starts with the sentence's first count adds up, and never a list of
    parts of a total ("49 drones, including 25 in Rostov and eight in Volgograd")."""
    previous = items[-1]
    if previous.subordinate or not (len(items) == 1 or previous.added):
        return False
    starts = [p.start for p in find_places(sentence, lex.lang)
              if not (_launch_site(sentence, p, lex) or _dateline_place(sentence, p) or _official_place(sentence, p, lex))]
    starts += [m.start() for m in lex["sea_areas"].finditer(sentence)]  # "20 over the Black Sea and 6 over Crimea"
    if not any(previous.end <= start < number.start for start in starts):
        return False
    clause_start = max(0, previous.number.start - PLACE_CONTEXT)
    return any(number.end <= start < number.end + PLACE_CONTEXT for start in starts) or any(clause_start <= start < previous.number.start for start in starts)


def _opens_with_addition(sentence: str, number: Number, lex: Lexicon) -> bool:
    """Whether a sentence opens with a count added to the sentence before ("Eleven more were suppressed",
    "Another 20 were lost", "Ще 5 подавлено")."""
    head = sentence[:number.start]
    return len(head) <= ADDITION_OPENING and bool(lex["addition_before"].search(head) or (not head.strip() and lex["addition_after"].match(sentence, number.end)))


def _plural_head(np_text: str, lex: Lexicon) -> bool:
    """Whether the head of a phrase is plural ("drones", "Kh-59s"); a model whose name ends in s ("an
    Oniks") is one weapon."""
    if not lex["plural_head"].search(np_text):
        return False
    word = np_text.split()[-1].rstrip(".,;:!?”’\"'»)")
    return not (weapon_pattern().fullmatch(word) and not weapon_pattern().fullmatch(word[:-1]))


def _singular_numbers(sentence: str, lex: Lexicon) -> list[Number]:
    """"a Zircon", "an attack drone", "a single Kinzhal": typed singular mentions count as one."""
    found: list[Number] = []
    if not _sentence_heads(sentence, lex):
        return found
    for match in lex["singular"].finditer(sentence):
        head = _np_head(sentence, match.end(), lex)
        if head is None:
            continue
        np_text = head[3]
        typed = head[2] == "drone" or lex["class_words"]["ballistic"].search(np_text) or lex["class_words"]["cruise"].search(np_text) or _weapons_in(np_text)
        plural = _plural_head(sentence[match.end():head[1]], lex)
        if typed and not plural and not lex["singular_blocker"].search(np_text) and not lex["singular_blocker"].match(sentence, head[0]) \
                and _stated_role(sentence, match.start(), head[0], lex):
            found.append(Number(1, match.start(), match.end(), False, True))
    return found


def _stated_role(sentence: str, start: int, np_end: int, lex: Lexicon) -> bool:
    """Whether a verb of launching, destroying or hitting governs the phrase (a singular mention needs one)."""
    around = sentence[:start] + " " + sentence[np_end:np_end + 40]
    verbs = lex["role_verbs"]
    return bool(verbs["launched"].search(around) or verbs["destroyed"].search(around) or lex["struck_verbs"].search(around))


def _not_a_count(sentence: str, number: Number, lex: Lexicon) -> bool:
    """Units, money, signed numbers (temperatures), ages, years and the day of a date are not counts."""
    before = sentence[max(0, number.start - 16):number.start]
    if lex["unit_after"].match(sentence, number.end) or lex["not_a_count_before"].search(before):
        return True
    if not number.word and lex["age_before"].search(before):
        return True
    if not number.word and 1900 <= number.value <= 2100 and YEAR.fullmatch(sentence[number.start:number.end]):
        return True
    before, after = _month_patterns(lex)
    return bool(before.search(sentence[max(0, number.start - 15):number.start]) or after.match(sentence, number.end))


@lru_cache(maxsize=None)
def _month_patterns(lex: Lexicon) -> tuple[Pattern, Pattern]:
    """The words before and after the day of a date ("June 14 to 15", "14-15 June")."""
    months, to = month_names(lex), day_range(lex)
    return (
        fold(r"\b(?:" + months + r")\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?\s*" + to + r"\s*)?$"),
        fold(r"(?:st|nd|rd|th)?\s*(?:" + to + r"\s*\d{1,2}(?:st|nd|rd|th)?\s*)?(?:of\s+)?(?:" + months + r")\b"),
    )


def _pair_partner(sentence: str, number: Number, later: list[Number], lex: Lexicon) -> Number | None:
    """In "29 of 30 missiles" / "seven out of 13", the second number."""
    joiner = lex["pair_joiner"].match(sentence, number.end)
    if joiner is None:
        return None
    for candidate in later:
        gap = sentence[joiner.end():candidate.start]
        if candidate.start == joiner.end() or (candidate.vague and len(gap) <= 20 and lex.vague_before.search(" " + gap)):
            return candidate
    return None


def _pair_items(sentence: str, first: Number, second: Number, lex: Lexicon, previous: Item | None) -> list[Item]:
    """"29 of 30 missiles": 29 destroyed of 30 launched; "all but two of 31": 29 destroyed of 31."""
    launched = _item(sentence, second, lex, previous, role="launched")
    if launched is None:
        return []
    launched.role = "launched"  # "intercepted nine of the 11": the 11 left without its noun were launched all the same
    before = _just_before(sentence, first.start)
    role = "hit" if re.search(lex["role_verbs"]["hit"].pattern + r"\s*$", before, re.I) else "destroyed"
    if lex["all_but"].search(before):
        first = Number(second.value - first.value, first.start, first.end, first.vague or second.vague, first.word)
    destroyed = Item(first, launched.family, launched.weapon_class, launched.models, role, False, False, launched.attacker, launched.end)
    return [destroyed, launched]


def _just_before(sentence: str, position: int) -> str:
    """The words just before a position, for the patterns that end where a number starts ("a total of",
    "all", "all but"): reading only them keeps each search short in a long sentence."""
    return sentence[max(0, position - JUST_BEFORE):position]


def _item(sentence: str, number: Number, lex: Lexicon, previous: Item | None, role: str | None = None) -> Item | None:
    bracketed = _bracketed_count(sentence, number, lex)
    if bracketed is not None:
        return bracketed
    head = _np_head(sentence, number.end, lex)
    before = sentence[:number.start]
    in_brackets = before.count("(") > before.count(")")
    subordinate = in_brackets or bool(lex["subordinate_before"].search(sentence[max(0, number.start - 30):number.start])
                                      or lex["subordinate_after"].match(sentence, number.end))
    if head is None:
        return _elliptic_item(sentence, number, lex, previous, subordinate)
    np_end, head_end, family, np_text = head
    if family == "assets":
        family = _sole_family(sentence, lex)
    if family is None or lex["excluded_modifiers"].search(np_text):
        return None
    mixed = lex["mixed_after"].match(sentence, np_end)
    if mixed and _family_of(mixed.group(0), lex) not in (None, family) and not find_numbers(mixed.group(0), lex):
        return None
    models = [w for _, w in _weapons_in(np_text)]
    total = bool(lex["total_before"].search(_just_before(sentence, number.start)) or lex["total_after"].match(sentence, np_end))
    if lex["all_destroyed_after"].match(sentence, np_end):
        role = "launched+destroyed"
    elif role is None and lex["role_verbs"]["destroyed"].search(sentence, number.end, head_end):
        role = "destroyed"  # "debris from five downed drones hit houses"
    elif lex["none_of"].search(_just_before(sentence, number.start)):
        role = "launched"  # "none of the five Kh-22s were downed"
    role = role or _role(sentence, number, np_end, previous, lex)
    if _all_of(sentence, number, lex) and (
        role == "destroyed" or (role == "launched" and lex["role_verbs"]["destroyed"].search(sentence, np_end))
    ):
        role = "launched+destroyed"
    elif role == "hit" and _all_of(sentence, number, lex):
        role = "launched"  # "both ballistic missiles hit targets": all that were launched
    attacker = _np_side(np_text, lex) or sentence_attacker(sentence, number.start, lex)
    struck = role == "hit" and bool(lex["struck_verbs"].search(sentence, max(0, number.start - STRUCK_WINDOW), np_end + STRUCK_WINDOW))
    return Item(number, family, _weapon_class(np_text, models, lex), tuple(w.model for w in models), role, total, subordinate, attacker, np_end,
                struck=struck)


def _bracketed_count(sentence: str, number: Number, lex: Lexicon) -> Item | None:
    """A number alone in brackets right after a weapon noun counts that weapon: "Shahed drones (82) and
    missiles (5)", "cruise missiles Kh-101 (12)"; so does one after a dash that ends a listed line
    ("Kh-101 cruise missiles – 12 (from the Saratov region);")."""
    if CLOSE_BRACKET.match(sentence, number.end):
        lead = OPEN_BRACKET
    elif LINE_END_AFTER_COUNT.match(sentence, number.end):
        lead = DASH_BEFORE_COUNT
    else:
        return None
    heads = reversed(_sentence_heads(sentence, lex))  # the nearest: "Kh-101 cruise missiles – 9" counts the missiles
    head = next((h for h in heads if h[2] != "assets" and lead.fullmatch(sentence, _qualified_end(sentence, h[1], lex), number.start)), None)
    if head is None:
        return None
    np_start = max((m.end() for m in NP_BREAK.finditer(sentence, 0, head[0])), default=0)
    implied = _implied_item(sentence[np_start:head[1]], lex)
    if implied is None:
        return None
    role = _role(sentence, number, number.end, implied, lex)
    return replace(implied, number=number, role=role, attacker=sentence_attacker(sentence, number.start, lex), end=number.end)


def _qualified_end(sentence: str, end: int, lex: Lexicon) -> int:
    """Where a weapon noun's phrase ends with its qualifier ("drones of various types")."""
    qualifier = lex["np_qualifier"].match(sentence, end)
    return qualifier.end() if qualifier else end


def _all_of(sentence: str, number: Number, lex: Lexicon) -> bool:
    """Whether a count is all of the weapons it counts ("all 24", "both missiles"): launched and destroyed alike."""
    return bool(lex["all_before"].search(_just_before(sentence, number.start)) or lex["all_number"].fullmatch(sentence, number.start, number.end))


def _elliptic_item(sentence: str, number: Number, lex: Lexicon, previous: Item | None, subordinate: bool) -> Item | None:
    """A number whose noun is left out ("shot down 54", "28 over the Voronezh region", "43 of them"); it
    counts what the previous count counted, or the weapon the sentence names before it, in the class it
    names ("71 missiles, 32 of them ballistic")."""
    around = sentence[max(0, number.start - 20):number.start] + " " + sentence[number.end:number.end + 25]
    named_class = _class_after(sentence, number.end, lex)
    elliptic = lex["elliptic_after"].match(sentence, number.end) or lex["addition_after"].match(sentence, number.end) or named_class
    if not elliptic or lex["casualty_cue"].search(around):
        return None
    if _casualty_figure(sentence, number, lex) or _mixed_total(sentence, number, lex) or _after_mixed_count(sentence, number, lex):
        return None
    if previous is None:
        previous = _implied_item(sentence[:number.start], lex)
    if previous is None:
        return None
    end = number.end
    role = _role(sentence, number, end, previous, lex)
    if role == "destroyed" and _all_of(sentence, number, lex):
        role = "launched+destroyed"
    family, weapon_class = ("missile", named_class) if named_class else (previous.family, previous.weapon_class)
    if lex["total_after"].match(sentence, end):
        return Item(number, family, weapon_class, previous.models, role, True, False, previous.attacker, end)
    return Item(number, family, weapon_class, previous.models, role, False, subordinate, previous.attacker, end)


def _all_but(sentence: str, item: Item, previous_items: list[Item], items: list[Item], lex: Lexicon) -> Number:
    """The number of weapons downed "all but five (of the drones)": the last count launched of the same
    family before it (in the sentence, else in the one before), less five ("88 drones and six missiles ...
    All but five of the drones were downed")."""
    number = item.number
    if item.role != "destroyed" or not lex["all_but"].search(_just_before(sentence, number.start)):
        return number
    launched = next((b for b in reversed(previous_items + items) if "launched" in b.role and b.family == item.family), None)
    if launched is None or launched.number.value <= number.value:
        return number
    return replace(number, value=launched.number.value - number.value)


def _mixed_total(sentence: str, number: Number, lex: Lexicon) -> bool:
    """Whether a bare number is a total that a colon breaks down into drones and missiles ("neutralised
    585 of them: 577 drones and 8 missiles"): it counts both kinds, so it is no count of either."""
    colon = LIST_COLON.match(sentence, number.end)
    return colon is not None and len({family for start, _, family in _sentence_heads(sentence, lex) if start >= colon.end() and family != "assets"}) > 1


def _after_mixed_count(sentence: str, number: Number, lex: Lexicon) -> bool:
    """Whether the count nearest before a bare number counts drones and missiles together ("475 aerial
    targets were neutralised: 211 were shot down and 225 lost"): the number is a part of both kinds."""
    before = [n for n in find_numbers(sentence[:number.start], lex) if not n.vague]
    return bool(before) and bool(lex["mixed_heads"].match(sentence, before[-1].end))


def _class_after(sentence: str, end: int, lex: Lexicon) -> str | None:
    """ballistic or cruise when the words right after a bare number name that class alone ("two of them
    ballistic", "з них 32 балістичні")."""
    window = sentence[end:end + CLASS_WINDOW]
    clause_end = lex["clause_break"].search(window)
    window = window[:clause_end.start()] if clause_end else window
    named = [name for name in ("ballistic", "cruise") if lex["class_words"][name].search(window)]
    return named[0] if len(named) == 1 else None


def _implied_item(before: str, lex: Lexicon) -> Item | None:
    """The weapon a sentence names before an elliptic number ("Russia sent drones; all 24 were downed")."""
    heads = _noun_heads(before, lex)
    if not heads:
        return None
    family = heads[-1][2]
    weapons = [w for _, w in _weapons_in(before)]
    return Item(Number(0, 0, 0, False, False), family, _weapon_class(before, weapons, lex), tuple(w.model for w in weapons), "launched", False, False, None, 0)


def item_facts(item: Item, sentence: Sentence) -> list[Fact]:
    """The observation fields one count fills."""
    roles = item.role.split("+")
    if roles == ["hit"]:
        fields = [HIT + f for f in _launched_fields(item)] if _may_stand_for_launched(item) else []
    else:
        fields = _launched_fields(item) if "launched" in roles else []
        fields += [DESTROYED_FIELD[item.family]] if "destroyed" in roles else []
    number = item.number
    text = sentence.text[number.start:item.end]
    return [
        Fact(f, number.value, sentence.start + number.start, sentence.start + item.end, text, sentence.index - 1 if item.carried else sentence.index, item.attacker,
             vague=number.vague, subordinate=item.subordinate, models=item.models or ((item.weapon_class,) if item.weapon_class else ()),
             added=item.added)
        for f in fields
    ]


def _may_stand_for_launched(item: Item) -> bool:
    """Whether a count that hit may stand for the launched count: it hit something (not "lost", "seen"),
    and it is more than one or a typed missile (a singular typed mention counts as one)."""
    return item.struck and (item.number.value > 1 or (item.family == "missile" and item.weapon_class is not None))


def _launched_fields(item: Item) -> list[str]:
    """The fields a count of launched weapons fills: its class, and the total when it is one or untyped."""
    if item.family == "drone":
        return ["drones"]
    fields = [CLASS_FIELD[item.weapon_class]] if item.weapon_class else []
    return fields + ["missiles_total"] if item.total or not item.weapon_class else fields


def all_destroyed_facts(sentence: Sentence, items: list[Item], previous: list[Item], lex: Lexicon) -> list[Fact]:
    """"All were shot down" at the start of a sentence: the previous sentence's launched counts were all
    destroyed; "all the missiles were intercepted", "shot down all the missiles", "downed all of them" later
    in a sentence: its own launched counts were (else the previous sentence's). A phrase that names a family
    or class ("all the cruise missiles") applies to those only; "the rest were shot down" is the launched
    count less the hits."""
    pattern = lex["all_destroyed_sentence"]
    opening = pattern.match(sentence.text)
    if opening is not None and not items:
        return _all_destroyed(opening, previous, sentence, lex)
    facts = []
    told = []  # the spans read already: "all the missiles were shot down" is one phrase
    for match in pattern.finditer(sentence.text, 1):
        if _family_of(match.group(0), lex) is not None:
            facts += _all_destroyed(match, [i for i in items if i.end <= match.start()], sentence, lex)
            told.append(match.span())
    for match in lex["destroyed_them_all"].finditer(sentence.text):  # "...; Ukraine said it downed all of them"
        facts += _all_destroyed(match, _counts_before(match.start(), items, previous), sentence, lex)
    for match in lex["all_of_family"].finditer(sentence.text):
        family = _family_of(match.group(0), lex)
        counted = any(match.start() <= i.number.start < match.end() for i in items)  # "all four ballistic missiles" is a count
        told_already = any(a < match.end() and match.start() < b for a, b in told)
        if family is None or counted or told_already or not _destroyed_phrase(sentence.text, match, lex):
            continue
        weapon_class = _weapon_class(match.group(0), [], lex)
        launched = [i for i in _counts_before(match.start(), items, previous, family) if weapon_class in (None, i.weapon_class)]
        facts += _all_destroyed(match, launched, sentence, lex)
    for match in lex["rest_destroyed"].finditer(sentence.text):
        facts += _rest_destroyed(match, _counts_before(match.start(), items, previous), sentence)
    return facts


def _counts_before(position: int, items: list[Item], previous: list[Item], family: str | None = None) -> list[Item]:
    """The counts a phrase at ``position`` refers back to: the sentence's own before it when one of them (of
    ``family``, when named) was launched, else the previous sentence's too."""
    own = [i for i in items if i.end <= position]
    return own if any("launched" in i.role and family in (None, i.family) for i in own) else previous + own


def _destroyed_phrase(sentence: str, match: Match, lex: Lexicon) -> bool:
    """Whether "all the missiles" (a family and no number) is what the sentence says was destroyed, read as
    a count at its place would be: "shot down all the missiles", "all missiles and 20 drones were downed"."""
    return _role(sentence, Number(0, match.start(), match.end(), False, False), match.end(), None, lex) == "destroyed"


def _rest_destroyed(match: Match, before: list[Item], sentence: Sentence) -> list[Fact]:
    """"10 missiles ...; two hit Kharkiv and the rest were shot down": the launched count less the hits, when
    one launched count of one family and the hits of that family are all stated."""
    launched = [i for i in before if "launched" in i.role]
    hits = [i for i in before if i.role == "hit"]
    if len(launched) != 1 or not hits or launched[0].number.vague or any(h.number.vague or h.family != launched[0].family for h in hits):
        return []
    rest = launched[0].number.value - sum(h.number.value for h in hits)
    if rest <= 0:
        return []
    return [Fact(DESTROYED_FIELD[launched[0].family], rest, sentence.start + match.start(), sentence.start + match.end(), match.group(0),
                 sentence.index, launched[0].attacker)]


def _all_destroyed(match: Match, launched: list[Item], sentence: Sentence, lex: Lexicon) -> list[Fact]:
    """The destroyed counts that "all ... were shot down" gives the launched counts before it: one per
    launched count, with its models and class, so that the wave's figure adds up parts of different models
    ("4 Kinzhal and 2 Kalibr ...; all were downed" is 6) and takes a total once ("40 missiles, including 20
    cruise ... all were downed" is 40), as for the counts themselves."""
    family = _family_of(match.group(0), lex)
    return [
        Fact(DESTROYED_FIELD[item.family], item.number.value, sentence.start + match.start(), sentence.start + match.end(), match.group(0),
             sentence.index, item.attacker, subordinate=item.subordinate,
             models=item.models or ((item.weapon_class,) if item.weapon_class else ()))
        for item in launched
        if "launched" in item.role and not item.number.vague and family in (None, item.family)
    ]


# ------------------------------------------------------------------------------ casualties, weather


def casualty_facts(sentence: Sentence, lex: Lexicon, attacker: str | None) -> list[Fact]:
    """Killed and injured figures, with hedged and unnumbered mentions kept as vague markers."""
    facts: list[Fact] = []
    text = sentence.text
    numbers = {n.start: n for n in find_numbers(text, lex)}
    patterns = _casualty_patterns(lex)
    for field_name in CASUALTY_FIELDS:
        for pattern in patterns[field_name]:
            facts += _casualty_figures(pattern, sentence, numbers, field_name, attacker, lex)
        for pattern in patterns[f"{field_name}_added"]:
            facts += _casualty_figures(pattern, sentence, numbers, field_name, attacker, lex, added=True)
        facts += _single_casualties(patterns[f"{field_name}_singular"][0], sentence, field_name, attacker, added=False)
        facts += _single_casualties(patterns[f"{field_name}_added_one"][0], sentence, field_name, attacker, added=True)
    for match in patterns["vague"][0].finditer(text):
        word = match.group(0).lower()
        for field_name, stem in (("killed", r"kill|dead|died|загин|вбит|убит|погиб"), ("injured", r"injur|wound|hurt|поран|травм|ранен|постражд|пострадав")):
            if re.search(stem, word):
                facts.append(Fact(field_name, None, sentence.start + match.start(), sentence.start + match.end(), match.group(0), sentence.index, attacker, vague=True))
    return _dedupe(facts)


def _casualty_figures(pattern: Pattern, sentence: Sentence, numbers: dict[int, Number], field_name: str, attacker: str | None,
                      lex: Lexicon, added: bool = False) -> list[Fact]:
    """The figures one casualty template finds; ``added`` for those that add to the sentence's others ("a
    woman and her two children")."""
    facts = []
    for match in _matches_from_each_number(pattern, sentence.text):
        number = _number_at(numbers, match.start("num"), match.end("num"))
        if number is not None and not _not_a_count(sentence.text, number, lex):
            facts.append(Fact(field_name, number.value, sentence.start + match.start(), sentence.start + match.end(),
                              match.group(0), sentence.index, attacker, vague=number.vague, added=added))
    return facts


def _single_casualties(pattern: Pattern, sentence: Sentence, field_name: str, attacker: str | None, added: bool) -> list[Fact]:
    """One person each: "a woman was killed"; ``added`` for one more after another mention ("killing a boy
    and his mother")."""
    return [Fact(field_name, 1, sentence.start + m.start(), sentence.start + m.end(), m.group(0), sentence.index, attacker, added=added)
            for m in pattern.finditer(sentence.text)]


def _casualty_figure(text: str, number: Number, lex: Lexicon) -> bool:
    """Whether a number is the figure of a casualty phrase ("the death toll ... rose to 19")."""
    return any(start <= number.start < end for start, end in _casualty_number_spans(text, lex))


@lru_cache(maxsize=64)
def _casualty_number_spans(text: str, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    """Where a sentence's casualty phrases put their figures (read once per sentence, asked per number)."""
    if not lex["casualty_cue"].search(text):
        return ()
    patterns = _casualty_patterns(lex)
    return tuple(match.span("num") for name in CASUALTY_FIELDS for kind in (name, f"{name}_added") for pattern in patterns[kind]
                 for match in _matches_from_each_number(pattern, text))


def _matches_from_each_number(pattern: Pattern, text: str) -> list[Match]:
    """Matches of a casualty pattern, searching again right after a match's number, so that a number
    that is not a casualty figure ("12 degrees, four people were killed") does not hide the next one."""
    found = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        found.append(match)
        position = max(match.end("num"), match.start() + 1)
    return found


@lru_cache(maxsize=None)
def _casualty_patterns(lex: Lexicon) -> dict[str, list[Pattern]]:
    """The casualty templates of a language with NUM standing for a (possibly hedged) number and PLACE for
    where one part of a list by place was ("in Kharkiv")."""
    hedge = "|".join(sorted(lex.raw["vague_before"], key=len, reverse=True))
    number = r"(?:(?:" + hedge + r")\s+)?(?:\d+(?:,\d{3})*|" + word_pattern(lex).pattern + ")"
    place = lex.casualties.get("place", "")

    def compiled(template: str) -> Pattern:
        return fold(template.replace("NUM", number).replace("PLACE", place))

    patterns = {name: [compiled(t) for t in lex.casualties[name]] for name in CASUALTY_FIELDS}
    for name in CASUALTY_FIELDS:
        patterns[f"{name}_singular"] = [fold(lex.casualties["singular"][name])]
        patterns[f"{name}_added"] = [compiled(t) for t in lex.casualties["added"][name]]
        patterns[f"{name}_added_one"] = [fold(lex.casualties["added_one"][name])]
    patterns["vague"] = [fold(lex.casualties["vague"])]
    return patterns


def _number_at(numbers: dict[int, Number], start: int, end: int) -> Number | None:
    for position, number in numbers.items():
        if start <= position < end and number.end <= end:
            return number
    return None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple[str, int, object, bool]] = set()
    unique = []
    for fact in facts:
        key = (fact.field, fact.start, fact.value, fact.added)
        if key not in seen:
            seen.add(key)
            unique.append(fact)
    return unique


def temperature_facts(sentence: Sentence, lex: Lexicon, attacker: str | None) -> list[Fact]:
    if not lex["temperature_context"].search(sentence.text):
        return []
    facts = []
    for match in lex["temperature"].finditer(sentence.text):
        if _forecast(sentence.text, match, lex):
            continue
        value = float(match.group("value").replace(",", "."))
        if match.group("sign") or match.groupdict().get("frost"):
            value = -value
        facts.append(Fact("temperature_c", value, sentence.start + match.start(), sentence.start + match.end(), match.group(0), sentence.index, attacker))
    return facts + _temperatures_in_words(sentence, lex, attacker)


def _temperatures_in_words(sentence: Sentence, lex: Lexicon, attacker: str | None) -> list[Fact]:
    """Temperatures written in words before "degrees": "minus seven degrees Celsius", "мінус сім градусів"."""
    text = sentence.text
    if not lex["temperature_word_unit"].search(text):
        return []
    facts = []
    for match in word_pattern(lex).finditer(text):
        unit = lex["temperature_word_unit"].match(text, match.end())
        value = parse_words(match.group(0), lex) if unit else None
        if value is None or value > MAX_WORD_TEMPERATURE or _forecast(text, match, lex):
            continue
        sign = lex["temperature_word_sign"].search(text, max(0, match.start() - 12), match.start())
        start = sign.start() if sign else match.start()
        facts.append(Fact("temperature_c", float(-value if sign or unit.group("frost") else value), sentence.start + start, sentence.start + unit.end(),
                          text[start:unit.end()], sentence.index, attacker))
    return facts


def _forecast(text: str, match: Match, lex: Lexicon) -> bool:
    """Whether a temperature's clause says it is forecast ("expected to fall to -20C later this week"),
    not the weather of the night."""
    before = text[max(0, match.start() - FORECAST_WINDOW):match.start()]
    after = text[match.end():match.end() + FORECAST_WINDOW]
    before = before[max((m.end() for m in lex["clause_break"].finditer(before)), default=0):]
    cut = lex["clause_break"].search(after)
    return bool(lex["temperature_forecast"].search(before + " " + (after[:cut.start()] if cut else after)))


# ----------------------------------------------------------------------------------------------- places


def place_facts(sentence: Sentence, lex: Lexicon, attacker: str | None, items: list[Item], antecedent: Sentence | None = None) -> list[Fact]:
    """Regions hit: places named in a sentence about strikes, without launch sites, officials' titles or
    places that only lost power; an official's place when the sentence names no other and refers back to
    it ("the governor of the Voronezh region said debris damaged homes in the city") or tells its
    casualties and counts no weapons launched or destroyed ("the Kharkiv mayor said two people were
    killed", "officials in Belgorod said a drone hit a minibus"): an official counting a whole wave may
    speak for a place the wave did not hit. A sentence that names no place and refers back to one ("15
    drones hit the city") is read with the place of the sentence before it."""
    text = sentence.text
    if not (items or lex["concrete_hit"].search(text)):
        return []
    counts_wave = any(item.role != "hit" for item in items)
    hit_part = _hit_part(text, lex)
    if hit_part == 0:
        return []
    places = [p for p in find_places(text, lex.lang) if p.end <= hit_part and not _excluded_place(text, p, lex) and not _launch_site(text, p, lex)]
    anaphora = lex["place_anaphora"].search(text, 0, hit_part)
    if not places and (anaphora or (not counts_wave and lex["casualty_cue"].search(text))):
        places = [p for p in find_places(text, lex.lang) if p.end <= hit_part and _official_place(text, p, lex) and not _not_hit_place(text, p, lex)]
    if not places and anaphora and antecedent is not None:
        facts = _place_hit_facts(antecedent, _antecedent_place(antecedent, lex), lex, sentence.index)
    else:
        facts = _place_hit_facts(sentence, places, lex)
    for match in lex["capital_words"].finditer(text, 0, hit_part):
        side = attacker or "RU"
        iso = CAPITAL["RU" if side == "UA" else "UA"]
        facts.append(Fact("regions", iso, sentence.start + match.start(), sentence.start + match.end(), match.group(0), sentence.index, side))
        suburbs = lex["region_and_suburbs"].match(text, match.end())
        if suburbs:  # "the capital and the surrounding region"
            facts.append(Fact("regions", CITY_REGION[iso], sentence.start + match.start(), sentence.start + suburbs.end(), text[match.start():suburbs.end()],
                              sentence.index, side))
    return facts


def _antecedent_place(sentence: Sentence, lex: Lexicon) -> list[Place]:
    """The one place a sentence names, however it names it (an official's office, a city left without
    power), when a next sentence refers back to it; nothing when it names places of two regions."""
    places = [p for p in find_places(sentence.text, lex.lang) if not _launch_site(sentence.text, p, lex)
              and not PERSON_AFTER.match(sentence.text, p.end) and not _dateline_place(sentence.text, p)]
    return places[:1] if len({p.iso for p in places}) == 1 else []


def _place_hit_facts(sentence: Sentence, places: list[Place], lex: Lexicon, index: int | None = None) -> list[Fact]:
    """The regions (and towns) of places hit named in a sentence, each with the side that struck it; the
    facts belong to sentence ``index`` (the sentence itself unless it refers back to this one)."""
    text = sentence.text
    index = sentence.index if index is None else index
    facts = []
    for place in _as_regions_in_lists(text, places, lex):
        named = sentence_attacker(text, place.start, lex)
        held = held_by().get(place.iso, place.iso[:2])
        if named and (place.iso == CAPITAL[named] or _own_ground(text, place, named, held, lex)):
            continue
        side = "UA" if held == "RU" else (named or "RU")
        label = place.name if place.lat is None else f"{place.name} ({place.lat:.4f}, {place.lon:.4f})"
        facts.append(Fact("regions", place.iso, sentence.start + place.start, sentence.start + place.end, text[place.start:place.end], index, side))
        if place.lat is not None:
            facts.append(Fact("settlements", label, sentence.start + place.start, sentence.start + place.end, text[place.start:place.end], index, side))
        suburbs = lex["region_and_suburbs"].match(text, place.end)
        if suburbs and place.as_region().iso != place.iso:
            facts.append(Fact("regions", place.as_region().iso, sentence.start + place.start, sentence.start + suburbs.end(), text[place.start:suburbs.end()], index, side))
    return facts


def _own_ground(text: str, place: Place, named: str, held: str, lex: Lexicon) -> bool:
    """Whether a place lies in Russia, or land Russia holds, in a clause where Russia is the agent ("the
    enemy attacked with 157 drones launched out of Kursk"): a launch area the launch pattern did not catch,
    not a place hit by Ukraine. Ukraine's own strikes on Ukrainian land (occupied Zaporizhzhia) are hits."""
    return held == named == "RU" and any(side == named for position, side in _attacker_cues(text, lex)[0] if position <= place.start)


def _hit_part(text: str, lex: Lexicon) -> int:
    """Where the part of a sentence that may name places hit ends: a place that only lost power was not
    hit, unless the sentence says it was ("damaged", "shot down"); in "Russia attacked Kyiv, leaving homes
    without power" the clause before the one with the power cut names a place attacked, and in "In Sumy
    Oblast, a substation was attacked and homes lost power" so does the part before its verb."""
    power = lex["power_cue"].search(text)
    if power is None or lex["power_hit_cue"].search(text):
        return len(text)
    clause_start = _clause_start(text, power.start())
    verb = lex["power_attack_verb"].search(text, 0, power.start())
    if verb is None:
        return 0
    return clause_start if verb.start() < clause_start else verb.start()


def _clause_start(text: str, position: int) -> int:
    """Where the clause holding a position starts: at the last comma, semicolon, colon or dash before it."""
    return max((m.start() for m in CLAUSE_PUNCTUATION.finditer(text, 0, position)), default=0)


def _attacker_by_places(text: str, lex: Lexicon) -> str | None:
    """The attacker a sentence implies by where things happened: only places held by Russia (Russian
    regions, Crimea) mean a Ukrainian attack, only places held by Ukraine a Russian attack; None when it
    names both or neither. A place in an official's title counts ("Moscow Mayor ... said 10 drones were
    downed"), a launch site does not; a sentence with no place may name the country ("across Ukraine")."""
    sides = {
        _attacker_of(p) for p in find_places(text, lex.lang)
        if (_official_place(text, p, lex) or not _not_hit_place(text, p, lex)) and not _launch_site(text, p, lex)
    } or {ATTACKER_OF[country] for country, pattern in lex["country_location"].items() if pattern.search(text)}
    return sides.pop() if len(sides) == 1 else None


def _attacker_implied(text: str, lex: Lexicon) -> str | None:
    """The attacker a sentence that names none implies: the side of the weapon models it names ("The
    Kh-101s were launched from bombers over the Saratov region"), else the side its places imply."""
    sides = {w.side for _, w in _weapons_in(text) if w.side}
    return sides.pop() if len(sides) == 1 else _attacker_by_places(text, lex)


def _attacker_of(place: Place) -> str | None:
    """The side that strikes a place: the other side than the one holding it."""
    return ATTACKER_OF.get(held_by().get(place.iso, place.iso[:2]))


def _sided_by_nearest_place(facts: list[Fact], sentence: Sentence, lex: Lexicon) -> list[Fact]:
    """Casualties in a sentence that names places held by both sides go to the side that attacked the place
    named nearest before them (else the first after): "In Kyiv, two people were injured, and in Voronezh a
    woman was injured" tells a Russian and a Ukrainian strike."""
    text = sentence.text
    places = [p for p in find_places(text, lex.lang) if not _launch_site(text, p, lex)]
    attacked_by = {p.start: _attacker_of(p) for p in places}
    if len(set(attacked_by.values())) < 2:
        return facts
    for fact in facts:
        position = fact.start - sentence.start
        before = [start for start in attacked_by if start < position]
        nearest = max(before) if before else min(attacked_by)
        fact.attacker = attacked_by[nearest] or fact.attacker
    return facts


def _launch_site(text: str, place: Place, lex: Lexicon) -> bool:
    """Whether a place is named as where weapons were launched from ("from Kursk and Primorsko-Akhtarsk")."""
    return any(start <= place.start < end for start, end in _launch_spans(text, lex))


@lru_cache(maxsize=64)
def _launch_spans(text: str, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in lex["launch_span"].finditer(text))


def _excluded_place(text: str, place: Place, lex: Lexicon) -> bool:
    """Places named for something other than being hit: an official's office, or see ``_not_hit_place``."""
    return _official_place(text, place, lex) or _not_hit_place(text, place, lex)


def _not_hit_place(text: str, place: Place, lex: Lexicon) -> bool:
    """Places that only lost power or lie near the border, rivers and city districts named like towns
    ("the right bank of the Dnipro", "Kharkiv's Kyivskyi district"), places speaking for a government
    ("Moscow said", but not "officials in Kharkiv said": the officials speak), town names that are a
    person's first name ("Volodymyr Zelenskyy", but not "Новомосковск Тульской области"), and the places
    of a sentence that says none was hit ("no strikes were reported in Odesa")."""
    person = place.kind == "town" and PERSON_AFTER.match(text, place.end) and not _region_at(text, place.end + 1, lex)
    context = _place_context(text, place)
    river = lex["river_before"].search(context) and not lex["region_words_after"].match(text, place.end)
    district = lex["city_district_after"].match(text, place.end)
    speaking = lex["place_exclusion_after"].match(text, place.end) and not lex["official_before"].search(context)
    return bool(person or river or district or lex["place_exclusion_before"].search(context) or speaking or _dateline_place(text, place) or _says_nothing_hit(text, lex))


def _region_at(text: str, position: int, lex: Lexicon) -> bool:
    return any(p.start == position and p.kind == "region" for p in find_places(text, lex.lang))


@lru_cache(maxsize=64)
def _says_nothing_hit(text: str, lex: Lexicon) -> bool:
    """Whether a sentence says no strike hit ("no strikes were reported in Odesa"): read once per sentence,
    asked for each of its places."""
    return bool(lex["negated_hit"].search(text))


def _dateline_place(text: str, place: Place) -> bool:
    """Whether a place is where a report was filed: "KYIV, June 16 (Reuters) -", "Kyiv (AFP) -"."""
    dateline = DATELINE.match(text)
    return bool(dateline) and not text[:place.start].strip() and place.end < dateline.end() <= place.end + MAX_DATELINE_TAIL


def _official_place(text: str, place: Place, lex: Lexicon) -> bool:
    """Whether a place names an official's office ("Belgorod governor", "the mayor of Kharkiv")."""
    return bool(lex["official_before"].search(_place_context(text, place)) or lex["official_after"].match(text, place.end))


def _place_context(text: str, place: Place) -> str:
    """The words before a place that may say what it is named for."""
    return text[max(0, place.start - PLACE_CONTEXT):place.start]


def _as_regions_in_lists(text: str, places: list[Place], lex: Lexicon) -> list[Place]:
    """A city name in a list that ends in "regions" ("Kyiv, Cherkasy and Poltava regions") or follows "the
    oblasts of" is its region; before one "Oblast" only the last name is ("Kyiv and Kyiv Oblast")."""
    result = list(places)
    run: list[int] = []
    for i, place in enumerate(places):
        run.append(i)
        following = text[place.end:place.end + 40]
        if i + 1 < len(places) and LIST_JOINER.fullmatch(text, place.end, places[i + 1].start):
            continue
        first = places[run[0]]
        if lex["region_word_singular"].match(following):
            run = run[-1:]
        if lex["region_words_after"].match(following) or lex["region_words_before"].search(text, max(0, first.start - 40), first.start):
            for j in run:
                if text[places[j].start:places[j].end].isascii():
                    result[j] = places[j].as_region()
        run = []
    return result


# ------------------------------------------------------------------------------------------ documents


@dataclass
class DocumentReading:
    """What the extractor read in a document: facts, the day of every time cue, and the first cue of each
    attacker's strike sentences (the date of its wave when its facts carry none)."""

    facts: list[Fact]
    days: dict[str, date | None]
    text: str
    reference: date | None
    lang: str
    strike_cues: dict[str, str]

    @cached_property
    def any_cue(self) -> bool:
        """Whether the document has any time cue at all (read only when a wave has none of its own); a
        strike sentence already dated answers without reading the document again."""
        return bool(self.strike_cues) or has_cue(self.text, self.reference, lexicon(self.lang))

    @cached_property
    def attacker_by_places(self) -> str:
        """The attacker the document's places imply (Russia when they imply none): the side of an enemy a
        sentence names without a place of its own."""
        return _attacker_by_places(self.text, lexicon(self.lang)) or "RU"

    @cached_property
    def counting_attackers(self) -> set[str | None]:
        """The sides whose weapons the document counts as launched or destroyed anywhere: a count of
        weapons that hit stands for the launched count only in a document that gives no such count."""
        return {f.attacker for f in self.facts if f.field in COUNT_FIELDS}


def document_facts(text_parts: list[tuple[str, int]], lang: str, published: date | None) -> DocumentReading:
    """Read every sentence of a document; sentences with no word of weapons, strikes or weather are skipped."""
    lex = lexicon(lang)
    sentences: list[Sentence] = []
    passages: list[int] = []  # the passage of each sentence: an explicit date dates the rest of its passage
    for passage, (text, offset) in enumerate(text_parts):
        sentences.extend(split_sentences(text, offset, lex, len(sentences)))
        passages.extend([passage] * (len(sentences) - len(passages)))
    whole = " ".join(t for t, _ in text_parts)
    reference = reference_date(published, whole, lex)
    reading = DocumentReading([], {}, whole, reference, lang, {})
    token = READING.set(reading)
    try:
        _read_sentences(reading, sentences, passages, lex)
    finally:
        READING.reset(token)
    return reading


def _read_sentences(reading: DocumentReading, sentences: list[Sentence], passages: list[int], lex: Lexicon) -> None:
    """Add the facts of every sentence of a document to its reading."""
    reference = reading.reference
    previous_items: list[Item] = []
    last_attacker: str | None = None
    carried: tuple[Cue, int] | None = None  # a date or weekday goes on dating the sentences after it in its passage
    before: tuple[Sentence, int] | None = None  # the sentence read before, and its passage
    gap = False  # whether the strike sentence before counted nothing
    for sentence, passage in zip(sentences, passages):
        sentence = _before_past_period(sentence, lex)
        antecedent = before[0] if before is not None and before[1] == passage else None
        before = (sentence, passage)
        text = sentence.text
        strike = lex["strike_cue"].search(text) or (weapon_hint().search(text) and weapon_pattern().search(text))
        if not text or not (strike or lex["temperature_context"].search(text)):
            previous_items = []
            continue
        cues = find_cues(text, reference, lex)
        cue = sentence_cue(cues, text, lex)
        if SECTION_HEADING.fullmatch(text):
            carried = None  # "Russian strikes on Ukraine": a new section of an article tells of another wave
        if cue is None and carried is not None and carried[1] == passage:
            cue = carried[0]
        elif cue is not None and cue.kind in ("explicit", "weekday") and len({c.key for c in cues}) == 1:
            carried = (cue, passage)
        else:
            carried = None
        if _distractor(text, lex):
            reading.facts.extend(_with_cue(temperature_facts(sentence, lex, last_attacker), cue, last_attacker))
            previous_items = []
            continue
        named = sentence_attacker(text, len(text), lex)
        if cue is not None:
            reading.days[cue.key] = cue.day
            if strike:
                sides = _sides_named(text, lex) if cue in cues else []  # a date carried from before dates one wave only
                for side in sides or [named or last_attacker or "RU"]:
                    reading.strike_cues.setdefault(side, cue.key)
        items = count_items(text, lex, previous_items) if strike else []
        facts: list[Fact] = []
        implied = _attacker_implied(text, lex) if strike and (named is None or any(i.attacker is None for i in items)) else None
        for item in items:
            item.attacker = item.attacker or implied or last_attacker
            last_attacker = item.attacker or last_attacker
            facts.extend(item_facts(item, sentence))
        facts.extend(all_destroyed_facts(sentence, items, previous_items, lex))
        attacker = named or implied or last_attacker
        facts.extend(temperature_facts(sentence, lex, attacker))
        if strike:
            if lex["casualty_cue"].search(text):
                facts.extend(_sided_by_nearest_place(casualty_facts(sentence, lex, attacker), sentence, lex))
            facts.extend(place_facts(sentence, lex, attacker, items, antecedent))
            facts.extend(model_facts(sentence, attacker))
        reading.facts.extend(_with_cue(facts, cue, attacker))
        _date_by_clause(facts, sentence, cues, cue, reading)
        previous_items = items or (previous_items if not gap else [])
        gap = not items  # one sentence without counts between ("40 drones. They came from Kursk. 35 of them were downed")
        last_attacker = attacker or last_attacker


def _before_past_period(sentence: Sentence, lex: Lexicon) -> Sentence:
    """A sentence without the clause that tells of an earlier period, and what follows it: "479 drones
    overnight, breaking the record of 472 set last week" is read up to the comma; a sentence whose wave is
    not named before that clause ("Last week, Russia launched 1,200 drones") is left empty."""
    past = lex["past_period"].search(sentence.text)
    if past is None:
        return sentence
    cut = _clause_start(sentence.text, past.start())
    if not lex["wave_cue"].search(sentence.text, 0, cut):
        cut = 0
    return replace(sentence, text=sentence.text[:cut])


def _distractor(text: str, lex: Lexicon) -> bool:
    """Whether a sentence is about something other than a strike wave: sums of money, production figures
    or army sizes; or aid, trade, production and totals over a period or the whole war, unless it also
    names a night's wave ("the largest attack since July" does not make "500 drones overnight" a total)."""
    if lex["distractor"].search(text):
        return True
    return bool(lex["context_distractor"].search(text)) and not lex["wave_cue"].search(text)


def _with_cue(facts: list[Fact], cue: Cue | None, attacker: str | None) -> list[Fact]:
    """Tie a sentence's facts to its time cue and, where they name none, to its attacker."""
    for fact in facts:
        fact.attacker = fact.attacker or attacker or "RU"
        fact.cue = cue.key if cue else None
    return facts


def _date_by_clause(facts: list[Fact], sentence: Sentence, cues: list[Cue], cue: Cue | None, reading: DocumentReading) -> None:
    """In a sentence that dates two waves ("50 drones on Monday night and 60 more on Tuesday night"), a
    fact whose clause (or part of a list) holds exactly one of the dates takes that date instead of the
    sentence's ``cue``; a fact told after "a day after" in its clause takes the day before the sentence's."""
    explicit = [c for c in cues if c.kind == "explicit" and c.day is not None]
    dated = explicit or [c for c in cues if c.kind in ("weekday", "relative") and c.day is not None]  # "Wednesday, August 31" is one date
    after = [_earlier(c, cue, reading.reference) for c in cues if c.kind == "after"]
    if _date_range(sentence.text, dated, lexicon(reading.lang)):
        dated = []  # "late Sunday and early Monday" is one night
    if len({c.key for c in dated}) < 2 and not after:
        return
    told_after = [(c.start, c.end) for c in cues if c.kind == "after"]  # "після того, як": its comma breaks no clause
    breaks = [m.span() for m in CLAUSE_BREAK.finditer(sentence.text) if not any(a <= m.start() < b for a, b in told_after)]
    for fact in facts:
        position = fact.start - sentence.start
        start = max((end for _, end in breaks if end <= position), default=0)
        end = min((begin for begin, _ in breaks if begin >= fact.end - sentence.start), default=len(sentence.text))
        own = {c.key: c for c in dated if start <= c.start and c.end <= end}
        own = own or _opening_date_of_part(sentence.text, position, dated)
        told = [c for c in after if start <= c.start and c.end <= position]
        if told and not any(told[-1].start < c.start for c in own.values()):
            chosen = told[-1]  # "the attack on June 18 came a day after Russia fired 20 missiles": the 20 are of June 17
        elif len(own) == 1 and len({c.key for c in dated}) > 1:
            chosen = next(iter(own.values()))
        else:
            continue
        fact.cue = chosen.key
        reading.days[chosen.key] = chosen.day


def _opening_date_of_part(text: str, position: int, dated: list[Cue]) -> dict[str, Cue]:
    """The one date of the part of a list cut by semicolons that holds a position, when it comes before the
    position: "On Monday, Russia launched 50 drones; on Tuesday, 80" (the comma after a date cuts it off
    from the clause it dates)."""
    part_start = text.rfind(";", 0, position) + 1
    part_end = text.find(";", position)
    part_end = len(text) if part_end < 0 else part_end
    part = {c.key: c for c in dated if part_start <= c.start and c.end <= part_end}
    return part if all(c.end <= position for c in part.values()) else {}


def _date_range(text: str, dated: list[Cue], lex: Lexicon) -> bool:
    """Whether two of a sentence's dates are the ends of one span: a few words apart with no number, clause
    break or word of a strike between them ("late Sunday and early Monday", "from Sunday into Monday", not
    "killed two on Sunday and injured five overnight")."""
    ordered = sorted(dated, key=lambda c: c.start)
    return any(a.key != b.key and RANGE_GAP.fullmatch(text, a.end, b.start) and not lex["strike_cue"].search(text, a.end, b.start)
               for a, b in zip(ordered, ordered[1:]))


def _earlier(after: Cue, cue: Cue | None, reference: date | None) -> Cue:
    """An "a day after" cue counted back from the sentence's own date rather than from the reference."""
    if cue is None or cue.day is None or reference is None or after.day is None:
        return after
    day = cue.day + (after.day - reference)
    return Cue(after.start, after.end, day.isoformat(), day, after.kind)


def model_facts(sentence: Sentence, attacker: str | None) -> list[Fact]:
    return [
        Fact("weapon_models", weapon.model, sentence.start + m.start(), sentence.start + m.end(), m.group(0), sentence.index,
             weapon.side or attacker)
        for m, weapon in _weapons_in(sentence.text)
    ]


def group_waves(facts: list[Fact], strike_cues: dict[str, str]) -> list[Wave]:
    """Facts of one attacker and time cue are one wave; facts without a cue join the attacker's first cued
    wave, or the wave of the attacker's first dated strike sentence, or, when the document dates all its
    strike sentences to one time, that time."""
    fact_cues: dict[str, str | None] = {}
    for fact in facts:
        if fact.cue is not None and fact.field != "weapon_models":
            fact_cues.setdefault(str(fact.attacker), fact.cue)
    main_cue: dict[str, str | None] = {**fact_cues, **strike_cues}
    only_cue = next(iter(set(strike_cues.values()))) if len(set(strike_cues.values())) == 1 else None
    waves: dict[tuple[str, str | None], Wave] = {}
    for fact in facts:
        attacker = str(fact.attacker)
        cue = fact.cue if fact.cue is not None else main_cue.get(attacker, only_cue)
        waves.setdefault((attacker, cue), Wave(attacker, cue)).facts.append(fact)
    return list(waves.values())


def reconcile_count(facts: list[Fact]) -> tuple[int | None, list[Fact]]:
    """A wave's figure for one field: parts of one enumeration add up, repeated mentions do not, a count
    added in the same sentence ("17 over Saratov and six more over the Black Sea") adds up, and an exact
    figure below a hedged one ("more than 30 ... 9 in Odesa") is a part, not the figure."""
    exact = [f for f in facts if not f.vague and f.value is not None]
    vague_values = [f.value for f in facts if f.vague and f.value is not None]
    if any(f.vague and f.value is None for f in facts):
        return None, []
    by_sentence: dict[int, list[Fact]] = defaultdict(list)
    for fact in exact:
        by_sentence[fact.sentence].append(fact)
    candidates = [_sentence_figure(sentence_facts) for sentence_facts in by_sentence.values()]
    best = max(candidates, key=lambda c: c[0], default=None)
    if best is None or (vague_values and max(vague_values) >= best[0]):
        return None, []
    return best


def _sentence_figure(facts: list[Fact]) -> tuple[int, list[Fact]]:
    """The figure one sentence states: its main count, or the sum of its parts by model, plus what it adds."""
    stated = [f for f in facts if not f.added] or facts
    added = _distinct([f for f in facts if f.added and f not in stated])
    main = _distinct([f for f in stated if not f.subordinate] or stated)
    classes = [f for f in main if set(f.models) <= CLASS_FIELD.keys()]  # "11 ballistic missiles": a count of a class, no model
    parts = [f for f in main if f not in classes]
    whole = max(classes, key=_value, default=None)
    if whole is not None and len(parts) > 1 and _one_per_model(parts) and _value(whole) >= sum(map(_value, parts)):
        used = [whole]  # "11 ballistic missiles – six Iskander-M and five Kinzhal": the parts of the class count
    elif len(main) > 1 and all(f.models for f in main) and _one_per_model(main):
        used = main
    else:
        used = [max(main, key=_value)]
    used += added
    return sum(map(_value, used)), used


def _value(fact: Fact) -> int:
    return int(fact.value)


def _one_per_model(facts: list[Fact]) -> bool:
    """Whether each fact counts other models than the rest: parts that add up."""
    return len({f.models for f in facts}) == len(facts)


def _distinct(facts: list[Fact]) -> list[Fact]:
    """Facts of one sentence without repeats of the same count of the same models ("3 Kh-59 ... all three
    Kh-59s were intercepted" states the three launched twice)."""
    seen: dict[tuple[tuple[str, ...], object], Fact] = {}
    for fact in facts:
        seen.setdefault((fact.models, fact.value), fact)
    return list(seen.values())


def wave_row(wave: Wave, doc: dict[str, object], reading: DocumentReading) -> dict[str, object] | None:
    """The observation of a wave, or None when the wave holds nothing worth recording."""
    by_field: dict[str, list[Fact]] = defaultdict(list)
    for fact in wave.facts:
        by_field[fact.field].append(fact)
    row: dict[str, object] = {}
    evidence: list[dict[str, object]] = []
    for name in (*COUNT_FIELDS, *CASUALTY_FIELDS):
        value, used = reconcile_count(by_field.get(name, []))
        row[name] = value
        evidence += [_span(name, f) for f in used]
    if wave.attacker not in reading.counting_attackers:  # a local report: the weapons that hit were launched
        for name in LAUNCHED_FIELDS:
            row[name], used = reconcile_count(by_field.get(HIT + name, []))
            evidence += [_span(name, f) for f in used]
    regions = sorted({str(f.value) for f in by_field.get("regions", [])})
    if not any(row[n] is not None for n in (*COUNT_FIELDS, *CASUALTY_FIELDS)) and not regions:
        return None
    evidence += [_span("regions", f) for f in by_field.get("regions", [])]
    temperatures = by_field.get("temperature_c", [])
    coldest = min(temperatures, key=lambda f: float(f.value)) if temperatures else None
    if coldest is not None:
        evidence.append(_span("temperature_c", coldest))
    day = reading.days.get(wave.cue) if wave.cue else None
    if wave.cue is None and pd.notna(doc["published_at"]) and not reading.any_cue:
        day = pd.Timestamp(doc["published_at"]).date()
    target = "UA" if wave.attacker == "RU" or (regions and all(r.startswith("UA-") for r in regions)) else "RU"
    first = wave.facts[0]
    evidence.append(_span("attacker", first))
    wave_key = f"{wave.attacker}|{wave.cue or ''}"
    row.update(
        {
            "obs_id": "ob_" + hashlib.sha256(f"{doc['doc_id']}|{wave_key}".encode()).hexdigest()[:16],
            "doc_id": doc["doc_id"],
            "source_id": doc["source_id"],
            "attacker": wave.attacker,
            "target_country": target,
            "attack_date": pd.Timestamp(day) if day else None,
            "wave": wave.cue.split("|", 1)[1] if wave.cue and "|" in wave.cue else None,
            "regions": regions,
            "settlements": sorted({str(f.value) for f in by_field.get("settlements", [])}),
            "weapon_models": sorted({str(f.value) for f in by_field.get("weapon_models", [])}),
            "temperature_c": float(coldest.value) if coldest is not None else None,
            "evidence": evidence,
            "lang": doc["lang"],
            "extractor": EXTRACTOR,
        }
    )
    return row


def _span(name: str, fact: Fact) -> dict[str, object]:
    return {"field": name, "start": fact.start, "end": fact.end, "text": fact.text}


def extract_document(passages: list[dict[str, object]]) -> list[dict[str, object]]:
    """Observations of one document, from its passages (records of the Passage table, in text order)."""
    doc = passages[0]
    parts = [(str(p["text"]), int(p["start"])) for p in passages if not p["duplicate"]]
    published = pd.Timestamp(doc["published_at"]).date() if pd.notna(doc["published_at"]) else None
    lang = doc["lang"] if isinstance(doc["lang"], str) else "en"
    reading = document_facts(parts, lang, published)
    rows = [wave_row(wave, doc, reading) for wave in group_waves(reading.facts, reading.strike_cues)]
    return _without_retold_windows([r for r in rows if r is not None])


def _without_retold_windows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """A time window of a day that tells the same counts as another wave of that day is that wave told
    again ("over the past three hours ... 16 drones"; "between 08:00 and 11:00 ... 16 drones"), and joins it.
    Windows that tell other counts stay apart: the defence ministry reports consecutive windows."""
    kept: list[dict[str, object]] = []
    for row in rows:
        same = next((k for k in kept if (row["wave"] or k["wave"]) and _retold(k, row)), None)
        if same is None:
            kept.append(row)
            continue
        for name in (*COUNT_FIELDS, *CASUALTY_FIELDS, "temperature_c"):
            if same[name] is None:
                same[name] = row[name]
        for name in ("regions", "settlements", "weapon_models"):
            same[name] = sorted(set(same[name]) | set(row[name]))
        same["evidence"] = same["evidence"] + row["evidence"]
    return kept


def _retold(first: dict[str, object], second: dict[str, object]) -> bool:
    """Whether two rows of a document are one wave: same side and day, and the same value in every count
    field both fill (at least one)."""
    if (first["attacker"], first["attack_date"]) != (second["attacker"], second["attack_date"]) or first["attack_date"] is None:
        return False
    shared = [n for n in COUNT_FIELDS if first[n] is not None and second[n] is not None]
    return bool(shared) and all(first[n] == second[n] for n in shared)


def extract(passages: pd.DataFrame) -> pd.DataFrame:
    """Observations of every document in a batch of passages."""
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in passages.sort_values(["doc_id", "start"], kind="stable").to_dict("records"):
        by_doc[record["doc_id"]].append(record)
    rows = [row for doc_passages in by_doc.values() for row in extract_document(doc_passages)]
    return pd.DataFrame(rows) if rows else empty_frame(Observation)

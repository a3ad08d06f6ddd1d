"""Numbers in text: digits with separators ("1,000", "1 000", "1.000") and number words of a language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.lexicon import FoldedPattern, Lexicon, fold

DIGITS = re.compile(  # not the number of a model name ("Kh-101", "Kh–101"), a decimal, a time or a date
    r"(?<![\w.,:/-])(?<![^\W\d_][\u2010\u2011–—])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d+)(?![\d,.:/-]\d|[\w-]*[A-Za-zА-Яа-я]\d)(?!\w)"
)
DECIMAL_AFTER = re.compile(r"^[.,]\d")
MAX_COUNT = 10**7


@dataclass(frozen=True)
class Number:
    value: int
    start: int
    end: int
    vague: bool
    word: bool


APOSTROPHES = ("'", "’", "ʼ")


@lru_cache(maxsize=None)
def word_values(lex: Lexicon) -> dict[str, int]:
    """Every number word of a language with its value; ``a|b: 5`` lists inflected forms of one number,
    and a form with an apostrophe is known with each of the apostrophes in use."""
    numbers = lex.raw["numbers"]
    values: dict[str, int] = {}
    for group in ("units", "tens", "hundreds", "scales"):
        for key, value in (numbers.get(group) or {}).items():
            for form in str(key).lower().split("|"):
                for apostrophe in APOSTROPHES:
                    values[form.replace("'", apostrophe)] = int(value)
    return values


@lru_cache(maxsize=None)
def scale_words(lex: Lexicon) -> frozenset[str]:
    """The forms of the words that multiply ("hundred", "тисячі"): ``a|b`` keys list inflected forms."""
    return frozenset(form for key in (lex.raw["numbers"].get("scales") or {}) for form in str(key).lower().split("|"))


@lru_cache(maxsize=None)
def word_pattern(lex: Lexicon) -> FoldedPattern:
    words = sorted(word_values(lex), key=len, reverse=True)
    one = r"(?:" + "|".join(re.escape(w) for w in words) + r")"
    joiner = lex.raw["numbers"].get("joiner", "and")
    return fold(r"(?<![\w'’ʼ-])" + one + r"(?:(?:[\s-]+|\s+" + joiner + r"\s+)" + one + r")*(?![\w'’ʼ-])")


def parse_words(text: str, lex: Lexicon) -> int | None:
    """Value of a run of number words ("forty-eight", "one hundred and twenty", "двадцять п'ять")."""
    values = word_values(lex)
    scales = scale_words(lex)
    total = current = 0
    joiner = lex.raw["numbers"].get("joiner", "and")
    for token in re.split(r"[\s-]+", text.lower()):
        if token in (joiner, ""):
            continue
        value = values.get(token)
        if value is None:
            return None
        if token in scales and value >= 1000:
            total += (current or 1) * value
            current = 0
        elif token in scales:
            current = (current or 1) * value
        else:
            current += value
    return total + current


def parse_digits(text: str) -> int | None:
    digits = re.sub(r"[,.\u00a0\u202f ]", "", text)
    return int(digits) if digits.isdigit() and len(digits) <= 9 else None


def find_numbers(text: str, lex: Lexicon) -> list[Number]:
    """Every exact or hedged whole number of a text, in order (decimals, times and model numbers left out)."""
    found = _scaled_numbers(text, lex)
    taken = [(n.start, n.end) for n in found]
    for match in DIGITS.finditer(text):
        if DECIMAL_AFTER.match(text, match.end()) or _inside(match.start(), taken):
            continue
        value = parse_digits(match.group(1))
        if value is not None and value <= MAX_COUNT:
            found.append(Number(value, match.start(), match.end(), _is_vague(text, match.start(), match.end(), lex), False))
    for match in word_pattern(lex).finditer(text):
        value = parse_words(match.group(0), lex)
        if value is not None and value <= MAX_COUNT and not _inside(match.start(), taken):
            found.append(Number(value, match.start(), match.end(), _is_vague(text, match.start(), match.end(), lex), True))
    return sorted(found, key=lambda n: n.start)


def _scaled_numbers(text: str, lex: Lexicon) -> list[Number]:
    """Digits times a scale word: "2 thousand" is 2,000, "1,5 тисячі" 1,500."""
    found = []
    for match in _scaled_pattern(lex).finditer(text):
        value = float(match.group("digits").replace(",", ".")) * word_values(lex)[match.group("scale").lower()]
        if value == int(value) and value <= MAX_COUNT:
            found.append(Number(int(value), match.start(), match.end(), _is_vague(text, match.start(), match.end(), lex), False))
    return found


@lru_cache(maxsize=None)
def _scaled_pattern(lex: Lexicon) -> FoldedPattern:
    """Digits, a decimal part perhaps, and a scale word of a thousand or more."""
    values = word_values(lex)
    scales = sorted((w for w in scale_words(lex) if values[w] >= 1000), key=len, reverse=True)
    return fold(r"(?<![\w.,:/-])(?P<digits>\d{1,3}(?:[.,]\d{1,2})?)\s+(?P<scale>" + "|".join(re.escape(w) for w in scales) + r")(?![\w'’ʼ-])")


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _is_vague(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Hedged ("more than 200", "понад 50") or a multiplier of a vague unit ("five dozen", "п'ятьма десятками")."""
    return bool(lex.vague_before.search(text[max(0, start - 40):start]) or lex["vague_after"].match(text, end))

"""Per-language lexicons of the extractor (``data/lang/<lang>.yaml``), compiled once per process."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from re import _compiler as sre_compile, _constants as sre, _parser as sre_parse

from etl.needles import NEEDLES, needles_of

DATA = Path(__file__).parent / "data"
FLAGS = re.I | re.U
LANGUAGES = ("en", "uk", "ru")


@dataclass(frozen=True)
class Weapon:
    model: str
    weapon_class: str  # ballistic, cruise, other, drone
    side: str  # the country whose forces use it (RU, UA), or "" for a generic drone


class FoldedMatch:
    """A match found in the lower-cased text, read back from the original one (same offsets)."""

    __slots__ = ("_match", "string")

    def __init__(self, match: re.Match[str], string: str) -> None:
        self._match = match
        self.string = string

    def group(self, *names: int | str) -> Any:
        if len(names) > 1:
            return tuple(self.group(name) for name in names)
        start, end = self._match.span(*names)
        return None if start < 0 else self.string[start:end]

    def __getitem__(self, name: int | str) -> str | None:
        return self.group(name)

    def groupdict(self) -> dict[str, str | None]:
        return {name: self.group(name) for name in self._match.re.groupindex}

    def start(self, name: int | str = 0) -> int:
        return self._match.start(name)

    def end(self, name: int | str = 0) -> int:
        return self._match.end(name)

    def span(self, name: int | str = 0) -> tuple[int, int]:
        return self._match.span(name)

    @property
    def lastgroup(self) -> str | None:
        return self._match.lastgroup


Match = FoldedMatch | re.Match[str]
CASED_PART = "(?-i:"


class FoldedPattern:
    """A case-insensitive pattern, run as a case-sensitive one over the lower-cased text.

    Python's engine can skip straight to the letters a case-sensitive pattern may start with, which it
    cannot do under IGNORECASE: word-list patterns run about three times faster. Matches report the
    original text. A text whose lower-cased form has another length (a rare dotted capital I) is matched
    with the case-insensitive pattern itself.
    """

    __slots__ = ("pattern", "flags", "_plain", "_folded", "_gate")

    def __init__(self, source: str) -> None:
        self.pattern = source
        self.flags = FLAGS
        self._plain = re.compile(source, FLAGS)
        lowered = _lowered(source)
        self._folded = by_first_letter(lowered, FLAGS & ~re.I)
        needles = needles_of(lowered, FLAGS & ~re.I)
        self._gate = NEEDLES.UNGATED if needles is None else NEEDLES.register(needles)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._run(self._plain.search, self._folded.search, text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._run(self._plain.match, self._folded.match, text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self._run(self._plain.fullmatch, self._folded.fullmatch, text, pos, endpos)

    def _run(self, plain: Callable[..., Any], folded: Callable[..., Any], text: str, pos: int, endpos: int) -> Match | None:
        """One search of the pattern: skipped when none of its needles is in the text."""
        lowered, bits = NEEDLES.read(text)
        if lowered is None:
            return plain(text, pos, endpos)
        if not bits & self._gate:
            return None
        match = folded(lowered, pos, endpos)
        return None if match is None else FoldedMatch(match, text)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        lowered, bits = NEEDLES.read(text)
        if lowered is None:
            return self._plain.finditer(text, pos, endpos)
        if not bits & self._gate:
            return iter(())
        return (FoldedMatch(m, text) for m in self._folded.finditer(lowered, pos, endpos))


Pattern = FoldedPattern | re.Pattern[str]


def _lowered(source: str) -> str:
    """A pattern's source with its letters lower-cased, except the letter of an escape (\\W, \\S, \\B...)
    and the P of a named group."""
    out = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")


def by_first_letter(source: str, flags: int) -> re.Pattern[str]:
    """A pattern compiled with every alternation's branches that start with a letter grouped by that letter
    (``hit|hits|harm`` runs as ``h(?:it|its|arm)``): the engine then tests one branch per letter at each
    position instead of every word of a long list. Branches that start otherwise keep their place, and
    grouping joins only neighbouring branches, so the first branch that matches is the same one."""
    parsed = sre_parse.parse(source, flags)
    _group_branches(parsed.data, parsed.state)
    return sre_compile.compile(parsed, flags)


def _group_branches(items: list[Any], state: Any) -> None:
    for i, (op, av) in enumerate(items):
        if op is sre.BRANCH:
            branches = [list(branch.data) for branch in av[1]]
            for branch in branches:
                _group_branches(branch, state)
            items[i] = (sre.BRANCH, (None, [sre_parse.SubPattern(state, b) for b in _grouped(branches, state)]))
        elif op is sre.SUBPATTERN or op in (sre.ASSERT, sre.ASSERT_NOT):
            _group_branches(av[-1].data, state)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _group_branches(av[2].data, state)
        elif op is sre.ATOMIC_GROUP:
            _group_branches(av.data, state)


def _grouped(branches: list[list[Any]], state: Any) -> list[list[Any]]:
    """Neighbouring branches that start with the same character, merged into one (recursively)."""
    out: list[list[Any]] = []
    run: dict[int, list[list[Any]]] = {}  # first character -> the rests of the branches, in order
    for branch in branches + [[]]:
        if branch and branch[0][0] is sre.LITERAL:
            run.setdefault(branch[0][1], []).append(branch[1:])
            continue
        for char, rests in run.items():
            if len(rests) == 1:
                out.append([(sre.LITERAL, char), *rests[0]])
            else:
                inner = [sre_parse.SubPattern(state, rest) for rest in _grouped(rests, state)]
                out.append([(sre.LITERAL, char), (sre.BRANCH, (None, inner))])
        run = {}
        out.append(branch)
    return out[:-1]


def fold(source: str) -> Pattern:
    """A case-insensitive pattern of the extractor (see ``FoldedPattern``). A pattern with a part that
    must keep its case (``(?-i:[A-Z][a-z]+)``, a capitalised name) cannot run on lower-cased text and is
    compiled as it is."""
    return re.compile(source, FLAGS) if CASED_PART in source else FoldedPattern(source)


def _compile(value: Any) -> Any:
    """Compile every string of a nested lexicon entry as a case-insensitive pattern."""
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, dict):
        return {k: _compile(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compile(v) for v in value]
    return value


class Lexicon:
    """Word lists and patterns of one language."""

    RAW_KEYS = {"numbers", "dates", "vague_before", "sentence_abbreviations", "casualties"}

    def __init__(self, lang: str, raw: dict[str, Any]) -> None:
        self.lang = lang
        self.raw = raw
        self.patterns = {k: _compile(v) for k, v in raw.items() if k not in self.RAW_KEYS}
        vague = sorted(raw["vague_before"], key=len, reverse=True)
        self.vague_before = fold(r"(?:^|[\s(“\"'«])(?:" + "|".join(vague) + r")\s*$")
        self.casualties = raw["casualties"]
        self.dates = raw["dates"]

    def __getitem__(self, key: str) -> Any:
        return self.patterns[key]


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    """The lexicon of a language; languages without one are read with the English lexicon."""
    path = DATA / "lang" / f"{lang}.yaml"
    if lang not in LANGUAGES or not path.exists():
        return lexicon("en")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Lexicon(lang, raw)


@lru_cache(maxsize=1)
def weapon_rows() -> list[dict[str, str]]:
    """Weapon models (``data/weapons.csv``): spelling pattern, canonical model, class and the side using it."""
    with open(DATA / "weapons.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def weapon_pattern() -> FoldedPattern:
    """One pattern matching any weapon model (Latin or Cyrillic), in the plural too ("Kh-59s"); the group
    name says which row matched."""
    parts = [f"(?P<w{i}>{row['pattern']})" for i, row in enumerate(weapon_rows())]
    return fold(r"(?<![\w-])(?:" + "|".join(parts) + r")s?(?![\w-]*\d)(?!\w)")


@lru_cache(maxsize=1)
def weapon_hint() -> FoldedPattern:
    """A cheap pattern that any text naming a weapon model matches (the first letters of every spelling,
    grouped by their first letter so the engine tries one branch per position); texts that miss it skip
    the full weapon pattern."""
    stems: dict[str, set[str]] = {}
    for row in weapon_rows():
        for spelling in row["pattern"].split("|"):
            stem = re.sub(r"[\\?*+()\[\]{}]", "", spelling)[:4].lower()
            stems.setdefault(stem[0], set()).add(re.escape(stem[1:]))
    branches = [re.escape(first) + "(?:" + "|".join(sorted(rests)) + ")" for first, rests in sorted(stems.items())]
    return fold(r"(?<!\w)(?:" + "|".join(branches) + ")")


def weapon_of(match: Match) -> Weapon:
    """The weapon a match of ``weapon_pattern`` names."""
    row = weapon_rows()[int(match.lastgroup[1:]) if match.lastgroup else 0]
    return Weapon(row["model"], row["class"], row["side"])

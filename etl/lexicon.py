"""Per-language lexicons of the extractor (``data/lang/<lang>.yaml``), compiled once per process."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
FLAGS = re.I | re.U
LANGUAGES = ("en", "uk", "ru")


@dataclass(frozen=True)
class Weapon:
    model: str
    weapon_class: str  # ballistic, cruise, other, drone


def _compile(value: Any) -> Any:
    """Compile every string of a nested lexicon entry as a case-insensitive pattern."""
    if isinstance(value, str):
        return re.compile(value, FLAGS)
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
        self.vague_before = re.compile(r"(?:^|[\s(“\"'«])(?:" + "|".join(vague) + r")\s*$", FLAGS)
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
    """Weapon models (``data/weapons.csv``): spelling pattern, canonical model and class."""
    with open(DATA / "weapons.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def weapon_pattern() -> re.Pattern[str]:
    """One pattern matching any weapon model (Latin or Cyrillic); the group name says which row matched."""
    parts = [f"(?P<w{i}>{row['pattern']})" for i, row in enumerate(weapon_rows())]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-]*\d)(?!\w)", FLAGS)


@lru_cache(maxsize=1)
def weapon_hint() -> re.Pattern[str]:
    """A cheap pattern that any text naming a weapon model matches (the first letters of every spelling,
    grouped by their first letter so the engine tries one branch per position); texts that miss it skip
    the full weapon pattern."""
    stems: dict[str, set[str]] = {}
    for row in weapon_rows():
        for spelling in row["pattern"].split("|"):
            stem = re.sub(r"[\\?*+()\[\]{}]", "", spelling)[:4].lower()
            stems.setdefault(stem[0], set()).add(re.escape(stem[1:]))
    branches = [re.escape(first) + "(?:" + "|".join(sorted(rests)) + ")" for first, rests in sorted(stems.items())]
    return re.compile(r"(?<!\w)(?:" + "|".join(branches) + ")", FLAGS)


def weapon_of(match: re.Match[str]) -> Weapon:
    """The weapon a match of ``weapon_pattern`` names."""
    row = weapon_rows()[int(match.lastgroup[1:]) if match.lastgroup else 0]
    return Weapon(row["model"], row["class"])

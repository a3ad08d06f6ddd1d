"""Time cues of a sentence, resolved against a reference date (the publication date, or failing that the
first full date the document prints).

A wave is dated by the morning it ended: "on the night of 3 February" and "overnight into 3 February"
give 3 February; "from 18:00 on 2 February" alone gives 3 February; "overnight" and "last night" give the
reference date, or the day the sentence says its statement was made ("said on Saturday ... overnight");
"on Tuesday" the latest Tuesday not after it. A reporting window ("over the past eight hours", "с 8:00 до
14:00") dates a wave to the reference day but keeps it apart from the night's wave.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from etl.lexicon import FoldedPattern, Lexicon, Match, fold


DIGIT = re.compile(r"\d")
CLOCK_HOUR = re.compile(r"(?<!\d)(\d{1,2})[:.]\d{2}")
TWELVE_HOUR = re.compile(r"(\d)\s*([ap])\.?m\b", re.I)  # "8 p.m.": hours that do not compare as written
MAX_SPEECH_LAG = 5  # days between a statement and the report of it
DATELINE = re.compile(
    r"[^\n()/]{0,60}(?:\([^()\n]{2,30}\)\s*[-–—]|\.?\s*/[^/\n]{2,20}/\.?)"  # "KYIV, June 16 (Reuters) -", "MOSCOW, August 24. /TASS/."
    r"|[A-ZА-ЯІЇЄҐ][A-ZА-ЯІЇЄҐ'’ .-]+,(?:\s*[A-Z][a-z]+,)?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*[-–—]"  # "BELGOROD, Jan 8 -"
)  # the date of the report


@dataclass(frozen=True)
class Cue:
    """A time cue: its resolved date when the reference allows, and a key that tells waves apart."""

    start: int
    end: int
    key: str
    day: date | None
    kind: str  # explicit, weekday, window, relative, speech (a day that dates a statement, not the attack) or
    # after (the day of an earlier event the clause goes on to tell: "a day after a strike killed 20")


def month_names(lex: Lexicon) -> str:
    """An alternation of a language's month names and abbreviations, longest first."""
    return "|".join(re.escape(m) for m in sorted((str(m) for m in lex.dates["months"]), key=len, reverse=True))


def day_range(lex: Lexicon) -> str:
    """What joins the two days of a range: "14-15 June", "June 14 to 15"."""
    return "(?:" + lex.dates.get("day_range", "[-–]") + ")"


@lru_cache(maxsize=None)
def _patterns(lex: Lexicon) -> dict[str, FoldedPattern]:
    weekdays = sorted((str(w) for w in lex.dates["weekdays"]), key=len, reverse=True)
    month = r"(?P<month>" + month_names(lex) + r")(?![^\W\d_])\.?"  # "30 decoys" is no "30 Dec"
    month2 = month.replace("?P<month>", "?P<month2>")
    to = day_range(lex)
    day_first = r"(?:(?P<d0>\d{1,2})(?:st|nd|rd|th)?\s*" + to + r"\s*)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + month
    month_first = month2 + r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?(?:\s*" + to + r"\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?(?!\d)"
    year = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
    return {
        "explicit": fold(r"(?<!\d)(?:" + day_first + "|" + month_first + r")" + year + r"(?!\d)"),
        "weekday": fold(r"\b(?P<weekday>" + "|".join(weekdays) + r")\b"),
        "last": fold("(?:" + lex.dates["last_weekday"] + r")$"),
        "weekday_night": fold(lex.dates.get("weekday_night", r"(?!x)x")),
        "weekday_of_strike": fold(lex.dates.get("weekday_of_strike", r"(?!x)x")),
        "night_of": fold(lex.dates["night_of"] + r"$"),
        "night_range": fold(lex.dates.get("night_range", r"(?!x)x")),
        "from_time": fold(lex.dates.get("from_time", r"(?!x)x") + r"$"),
        "month_hint": fold(r"\b(?:" + month_names(lex) + r")"),
        "window": fold(lex.dates.get("window", r"(?!x)x")),
        "full_date": fold(r"(?<!\d)(?:" + day_first + "|" + month_first + r"),?\s+(?P<fyear>(?:19|20)\d{2})(?!\d)"),
        **{f"relative{offset}": fold(pattern) for offset, pattern in lex.dates["relative"].items()},
        **{f"after{offset}": fold(pattern) for offset, pattern in lex.dates.get("after", {}).items()},
    }


def _month(lex: Lexicon, name: str) -> int:
    months = {str(k).lower(): v for k, v in lex.dates["months"].items()}
    return months[name.lower().rstrip(".")]


def reference_date(published: date | None, text: str, lex: Lexicon) -> date | None:
    """The date relative cues are read against: the publication date, else the first full date in the text."""
    if published is not None:
        return published
    match = _patterns(lex)["full_date"].search(text)
    if match is None:
        return None
    return _safe_date(int(match.group("fyear")), _month(lex, match.group("month") or match.group("month2")), int(match.group("day") or match.group("day2")))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_cues(sentence: str, reference: date | None, lex: Lexicon) -> list[Cue]:
    """The time cues of one sentence, explicit dates first. A relative cue of a sentence that names the day
    of its statement is read against that day: in "the ministry said on Saturday it downed 41 drones
    overnight", published on Monday, the night is Saturday's."""
    cues = _without_leads_into_days(_outermost(list(_cues(sentence, reference, lex))), sentence, lex)
    spoken = [c.day for c in cues if c.kind == "speech" and c.day is not None]
    if not spoken or reference is None or not reference - timedelta(days=MAX_SPEECH_LAG) <= max(spoken) < reference:
        return cues  # a statement "on Sunday" six days back: a Sunday not yet begun where the date was stamped
    shift = max(spoken) - reference
    return [replace(c, key=(c.day + shift).isoformat(), day=c.day + shift) if c.kind == "relative" and c.day else c for c in cues]


def _outermost(cues: list[Cue]) -> list[Cue]:
    """Cues without those that are part of a longer one: "the night" of "the night before"."""
    return [c for c in cues if not any(o is not c and o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in cues)]


def _without_leads_into_days(cues: list[Cue], sentence: str, lex: Lexicon) -> list[Cue]:
    """Cues without the relative ones that lead into a date or weekday: "on the night" of "on the night of 14
    to 15 February", "the early hours" of "the early hours of Tuesday" is that day, not the night just ended
    (which would keep the sentence from dating the ones after it)."""
    night_of = _patterns(lex)["night_of"]
    days = [c.start for c in cues if c.kind in ("explicit", "weekday")]
    return [c for c in cues if c.kind != "relative" or not any(c.end <= start and night_of.search(sentence, c.start, start) for start in days)]


def has_cue(text: str, reference: date | None, lex: Lexicon) -> bool:
    """Whether a text has a time cue of its own ("a day after ..." dates an earlier event, not the text),
    cheap on a whole document: the word patterns are asked first, and the date pattern, which tries every
    position, stops at its first cue."""
    patterns = _patterns(lex)
    named = ["weekday"] + (["window"] + [n for n in patterns if n.startswith("relative")] if reference is not None else [])
    if any(patterns[name].search(text) for name in named):
        return True
    dateline = DATELINE.match(text)
    filed = dateline.end() if dateline else 0  # the date a report was filed on is no cue of what it tells
    return any(cue.kind != "after" and cue.end > filed for cue in _cues(text, reference, lex))


def _cues(sentence: str, reference: date | None, lex: Lexicon) -> Iterator[Cue]:
    patterns = _patterns(lex)
    explicit = patterns["explicit"].finditer(sentence) if DIGIT.search(sentence) and patterns["month_hint"].search(sentence) else ()
    for match in explicit:
        cue = _explicit_cue(match, sentence, reference, lex)
        if cue is not None:
            yield cue
    for match in patterns["weekday"].finditer(sentence):
        yield _weekday_cue(match, sentence, reference, lex)
    if reference is None:
        return
    for match in patterns["window"].finditer(sentence):
        if _overnight(match.group(0)):
            yield Cue(match.start(), match.end(), reference.isoformat(), reference, "relative")
            continue
        label = re.sub(r"\W+", "-", match.group(0).lower()).strip("-")
        yield Cue(match.start(), match.end(), f"{reference.isoformat()}|{label}", reference, "window")
    for name, pattern in patterns.items():
        kind = name.rstrip("-0123456789")
        if kind in ("relative", "after"):
            offset = int(name[len(kind):])
            for match in pattern.finditer(sentence):
                # "since 18:00 yesterday": an evening start ends the next morning, as "from 18:00 on 2 February"
                evening = offset < 0 and kind == "relative" and patterns["from_time"].search(sentence[max(0, match.start() - 40):match.start()])
                day = reference + timedelta(days=offset + (1 if evening else 0))
                yield Cue(match.start(), match.end(), day.isoformat(), day, kind)


def _explicit_cue(match: Match, sentence: str, reference: date | None, lex: Lexicon) -> Cue | None:
    name = match.group("month") or match.group("month2")
    if name.islower() and name in lex.dates.get("capitalised_months", ()):
        return None  # "another 10 may have been jammed"
    month = _month(lex, name)
    day = int(match.group("day") or match.group("day2"))
    range_end = match.group("d2")
    if range_end:
        day = int(range_end)
    if not 1 <= day <= 31:
        return None
    before = sentence[max(0, match.start() - 60):match.start()]
    shift = 1 if _patterns(lex)["from_time"].search(before) else 0
    year = match.group("year")
    if year:
        resolved = _safe_date(int(year), month, day)
    elif reference is not None:
        resolved = _safe_date(reference.year, month, day)
        if resolved is not None and resolved > reference + timedelta(days=1):
            resolved = _safe_date(reference.year - 1, month, day)
    else:
        resolved = None
    if resolved is not None and shift:
        resolved += timedelta(days=shift)
    key = _key(resolved, f"{month:02d}-{day + shift:02d}")
    dateline = DATELINE.match(sentence)
    speech = lex["speech_verbs"].search(sentence[max(0, match.start() - 15):match.start()]) or (dateline and match.end() <= dateline.end())
    return Cue(match.start(), match.end(), key, resolved, "speech" if speech else "explicit")


def _weekday_cue(match: Match, sentence: str, reference: date | None, lex: Lexicon) -> Cue:
    weekdays = {str(k).lower(): v for k, v in lex.dates["weekdays"].items()}
    weekday = weekdays[match.group("weekday").lower()]
    kind = "speech" if lex["speech_verbs"].search(sentence[max(0, match.start() - 15):match.start()]) else "weekday"
    if reference is None:
        return Cue(match.start(), match.end(), f"wd{weekday}", None, kind)
    back = (reference.weekday() - weekday) % 7
    if back == 0 and _patterns(lex)["last"].search(sentence[max(0, match.start() - 12):match.start()]):
        back = 7
    day = reference - timedelta(days=back)
    if _patterns(lex)["weekday_night"].match(sentence, match.end()) and day < reference:
        day += timedelta(days=1)  # "Wednesday night" ends on Thursday morning; told on that Wednesday, it is the night just ended
    return Cue(match.start(), match.end(), _key(day, f"wd{weekday}"), day, kind)


def _overnight(window: str) -> bool:
    """Whether a window of clock times runs across midnight ("с 23:00 до 07:00", "between 8 p.m. and 7
    a.m."): it is the night's wave, not a window of the day beside it."""
    twelve = TWELVE_HOUR.findall(window)
    if len(twelve) == 2:
        return twelve[0][1].lower() == "p" and twelve[1][1].lower() == "a"
    hours = [int(h) for h in CLOCK_HOUR.findall(window)]
    return len(hours) == 2 and hours[0] > hours[1] and not twelve


def _key(day: date | None, fallback: str) -> str:
    return day.isoformat() if day is not None else fallback


def sentence_cue(cues: list[Cue], sentence: str, lex: Lexicon) -> Cue | None:
    """The cue that dates a sentence: an explicit date after "night of" (the second of "the night of 28
    February to 1 March"), else the latest explicit date, else a weekday (one named as the day of an attack
    first: "rescuers on Wednesday ... the attack on Tuesday"), else a relative cue, else the day a statement
    was made."""
    night_of, night_range = _patterns(lex)["night_of"], _patterns(lex)["night_range"]
    explicit = [c for c in cues if c.kind == "explicit"]
    for i, cue in enumerate(explicit):
        if night_of.search(sentence[max(0, cue.start - 40):cue.start]):
            following = explicit[i + 1] if i + 1 < len(explicit) else None
            return following if following is not None and night_range.fullmatch(sentence, cue.end, following.start) else cue
    dated = [c for c in explicit if c.day is not None]
    if dated:
        return max(dated, key=lambda c: c.day)
    of_strike = _patterns(lex)["weekday_of_strike"]
    struck = [c for c in cues if c.kind == "weekday" and c.day is not None and of_strike.search(sentence, max(0, c.start - 30), c.start)]
    if struck:
        return max(struck, key=lambda c: c.day)
    for kind in ("explicit", "weekday", "window", "relative", "speech"):
        of_kind = [c for c in cues if c.kind == kind]
        resolved = [c for c in of_kind if c.day is not None]
        if resolved:
            return max(resolved, key=lambda c: c.day)
        if of_kind:
            return of_kind[0]
    return None

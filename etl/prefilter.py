"""prefilter: a fast test of whether a passage can hold a strike report at all.

Most text in a large news corpus says nothing about strikes. One compiled regular expression over the
word starts in ``data/strike_words.txt`` (weapons, strike verbs and their results in English, Ukrainian
and Russian) decides which passages go to the full extractor; a passage without any of those words
cannot yield an observation, so skipping it changes no output and saves the extractor's time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path


WORDS_FILE = Path(__file__).resolve().parent / "data" / "strike_words.txt"


def strike_words(path: Path = WORDS_FILE) -> list[str]:
    """The word-start fragments of the word list (comments and blank lines skipped)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    words = [line for line in lines if line and not line.startswith("#")]
    unusable = [w for w in words if w != w.lower() or not w[0].isalpha()]
    if unusable:
        raise ValueError(f"{path}: word starts must be lower case and begin with a letter: {unusable}")
    return words


@lru_cache(maxsize=1)
def strike_pattern() -> re.Pattern[str]:
    """One pattern over lower-cased text: any listed word start at a word boundary.

    Fragments are grouped by their first letter (``a(?:ttack|ir defen[cs]e)|b(?:omb|...)``): the regex
    engine then tries one branch per position instead of every word, which makes the common case (no
    match at all) about ten times faster.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for word in sorted(set(strike_words()), key=len, reverse=True):
        groups[word[0]].append(word[1:])
    branches = [f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return re.compile(r"\b(?:" + "|".join(branches) + ")")


def may_report_strike(text: str) -> bool:
    """False only when the text holds none of the strike words, so it cannot report a strike."""
    return strike_pattern().search(text.lower()) is not None

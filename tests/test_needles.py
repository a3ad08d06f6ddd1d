"""Needles: a pattern is skipped only where it could not have matched."""

from __future__ import annotations

import gc
import re
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import extract_document
from etl.lexicon import LANGUAGES, FoldedPattern, _lowered, by_first_letter, lexicon, weapon_hint, weapon_pattern
from etl.needles import NEEDLES, needles_of

SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "sample" / "reports.jsonl"


@pytest.mark.parametrize(
    ("source", "needles"),
    [
        (r"\b(?:temperatures?|frosts?)\b", {"temperature", "frost"}),
        (r"\brussia(?:n|'s)?\s+(?:\w+\s+){0,2}?(?:launched|fired)", {"russia"}),
        (r"(?<!\w)(?:3(?:m14|m\-1)|g(?:era|erb))", {"3m14", "3m-1", "gera", "gerb"}),
        (r"(?:attack |strike )*(?:drones?|uavs?)", {"drone", "uav"}),
        (r"shot down|downed", {"shot down", "downed"}),
        (r"[$€£]\s?\d", {"$", "€", "£"}),
        (r"\b(?:cold|°)\b|°c|[0-9]c\b", {"cold", "°", *(f"{d}c" for d in range(10))}),
    ],
)
def test_needles_every_match_must_contain(source, needles):
    assert needles_of(source) == needles


@pytest.mark.parametrize("source", [r"\s*(?:out of|of)\s+", r"x?", r"\b(?:a|an)\s+", r"\w+\s+(?:of|in)", r"[^\W\d]+", r"[a-z]c", r"[0-9]{2}"])
def test_no_needles_where_a_match_needs_no_rare_string(source):
    assert needles_of(source) is None


@cache
def extractor_patterns() -> list[FoldedPattern]:
    """Every case-folded pattern the extractor has compiled (reading the sample compiles the lazy ones)."""
    for lang in LANGUAGES:
        lexicon(lang)
    weapon_hint(), weapon_pattern()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        extract_document([{"published_at": None, "lang": "en", **record, "doc_id": "d", "source_id": "s", "start": 0, "duplicate": False}])
    return [o for o in gc.get_objects() if isinstance(o, FoldedPattern)]


def spans(pattern: FoldedPattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def unfiltered_spans(pattern: FoldedPattern, text: str) -> list[tuple[int, int]]:
    """The spans of the pattern as Python compiles it, with no needles and no grouping of branches."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [m.span() for m in pattern._plain.finditer(text)]
    return [m.span() for m in re.finditer(_lowered(pattern.pattern), lowered)]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\b(?:hit|hits|harm|\w+ed|hitch)\b", "hits harmed hitched hitch harm hit"),  # \w+ed stays between hits and hitch
        (r"(?:ab|ac|a|)x", "acx abx ax x"),
        (r"(?:ax|\w+|ab)", "abc ax ab"),  # ab may not join ax ahead of \w+: "abc" is one match
        (r"(?P<w0>kh-101|kh-55)|(?P<w1>kalibr|kh-59)", "kh-59 kalibr kh-55 kh-101"),
        (r"(?:a|an|a single)\s+(?=\S)", "a single drone, an hour, a day"),
    ],
)
def test_grouped_branches_find_what_the_plain_pattern_finds(source, text):
    grouped = by_first_letter(source, re.U)
    assert [(m.span(), m.groupdict()) for m in grouped.finditer(text)] == [(m.span(), m.groupdict()) for m in re.finditer(source, text)]


def test_a_pattern_without_needles_runs_on_a_long_text_with_no_needle_at_all():
    source = r"\s*(?:of them|were|,|$)"
    pattern, text = FoldedPattern(source), "zz " * 30
    assert pattern._gate == NEEDLES.UNGATED
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(source, text)] != []
    assert pattern.search(text, 5) is not None


def test_sample_sentences_match_as_without_needles():
    patterns = extractor_patterns()
    assert sum(p._gate != NEEDLES.UNGATED for p in patterns) > 50  # patterns that have needles
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    pieces = [piece for text in texts for piece in text.split(". ")]
    for pattern in patterns:
        for piece in pieces:
            assert spans(pattern, piece) == unfiltered_spans(pattern, piece), (pattern.pattern, piece)


WORDS = st.sampled_from(
    ["Russia", "launched", "drones", "Kh-101", "Shahed", "shot down", "overnight", "Kyiv region", "killed", "minus 20C", "$5",
     "БпЛА", "збито", "ракети", "Iskander-M", "on the night of", "3M14", "Tuesday", "°", "of", "and", "İstanbul", " ", ",", "."]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(max_size=8)), min_size=8, max_size=40))
def test_arbitrary_texts_match_as_without_needles(words):
    text = " ".join(words)
    for pattern in extractor_patterns():
        assert spans(pattern, text) == unfiltered_spans(pattern, text), pattern.pattern


@pytest.mark.parametrize("key", ["distractor", "context_distractor", "strike_cue", "casualty_cue", "temperature_context"])
def test_the_vetoes_and_cues_read_in_every_sentence_are_skipped_where_their_needles_are_absent(key):
    """These run on every sentence of a report: a pattern with no needles (one branch like \\d+\\s?bn is
    enough) would run on all of them."""
    for lang in LANGUAGES:
        assert lexicon(lang)[key]._gate != NEEDLES.UNGATED, (lang, key)

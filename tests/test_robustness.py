"""The extractor never raises, whatever the text."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract import extract
from etl.segment import segment
from schemas import Observation, validate


def run(text: str, lang: str = "en") -> pd.DataFrame:
    documents = pd.DataFrame(
        [{"doc_id": "d", "source_id": "s", "text": text, "lang": lang, "published_at": pd.Timestamp("2026-02-03", tz="UTC")}]
    )
    observations = extract(segment(documents))
    valid, rejects = validate(observations, Observation)
    assert len(rejects) == 0
    return valid


WORDS = st.sampled_from(
    ["Russia", "launched", "drones", "missiles", "Kh-101", "Shahed", "shot", "down", "of", "all", "Kyiv", "region",
     "overnight", "Iskander-M", "ballistic", "cruise", "killed", "injured", "minus", "20C", "Belgorod", "Ukrainian",
     "ракет", "БпЛА", "збито", "над", "областю", "1,000", "9" * 40, "forty-eight", "—", ",", ".", "\n", "°C", "$"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(WORDS, st.integers(min_value=-10**30, max_value=10**30).map(str), st.text(max_size=12)), max_size=60), st.sampled_from(["en", "uk", "ru", "xx"]))
def test_never_raises_on_word_salad(words, lang):
    run(" ".join(words), lang)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_arbitrary_text(text):
    run(text)


def test_huge_inputs():
    run("drones " * 150_000)
    run("Russia launched " + "9" * 5000 + " drones at Kyiv overnight.")
    run(("Росія атакувала 12 БпЛА. " * 2000) + "Ukraine 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e mixed", "uk")


@pytest.mark.parametrize("phrase", ["all the missiles and ", "with 5 drones and ", "20 drones over the Black Sea and "])
def test_a_run_without_sentence_ends_is_read_in_pieces_of_bounded_length(phrase):
    """Reading a sentence costs more than its length (each count looks back over its clause), so a text
    without sentence ends is cut into pieces: every piece is bounded and the pieces cover the text."""
    from etl.extract import MAX_SENTENCE, split_sentences
    from etl.lexicon import lexicon

    text = phrase * 5000
    pieces = split_sentences(text, 100, lexicon("en"))
    assert max(len(p.text) for p in pieces) <= MAX_SENTENCE
    assert "".join(p.text for p in pieces) == text
    assert all(text[p.start - 100:p.start - 100 + len(p.text)] == p.text for p in pieces)
    assert [p.index for p in pieces] == list(range(len(pieces)))
    run(text)

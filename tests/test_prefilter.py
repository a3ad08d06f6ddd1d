"""The prefilter sends every passage that can hold a strike report to the extractor, and only those."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from etl.extract import extract_document
from etl.ingest import ingest
from etl.prefilter import may_report_strike, strike_words
from etl.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "datasets" / "sample"


def labelled(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_no_labelled_report_of_the_dev_set_or_the_seeds_is_dropped(shared: Path):
    positives = [item for item in labelled(shared / "corpus" / "dev.jsonl") if item["attacks"]]
    seeds = labelled(shared / "seeds" / "seeds.jsonl")
    assert len(positives) > 40 and seeds
    assert [item["id"] for item in positives + seeds if not may_report_strike(item["text"])] == []


def test_extraction_of_the_passages_kept_equals_extraction_of_all(shared: Path):
    documents = pd.concat([b.documents for b in ingest([SAMPLE, shared / "corpus" / "dev.jsonl", shared / "seeds"])], ignore_index=True)
    passages = segment(documents)
    passages = passages[~passages["duplicate"]].sort_values(["doc_id", "start"])
    passages["kept"] = passages["text"].map(may_report_strike)
    assert not passages["kept"].all()
    every, kept = {}, {}
    for doc_id, group in passages.groupby("doc_id"):
        records = group.to_dict("records")
        every[doc_id] = extract_document(records)
        if group["kept"].any():
            kept[doc_id] = extract_document([r for r in records if r["kept"]])
    observed = {doc_id: rows for doc_id, rows in every.items() if rows}
    assert observed and {doc_id: rows for doc_id, rows in kept.items() if rows} == observed


@pytest.mark.parametrize(
    "text",
    [
        "The central bank kept its key rate unchanged on Thursday, citing slowing inflation.",
        "Кабінет міністрів ухвалив бюджет на наступний рік; завантажте застосунок.",
        "Правительство обсудило цены на хлеб и молоко. Download the app.",
    ],
)
def test_unrelated_text_is_skipped(text: str):
    assert not may_report_strike(text)


@pytest.mark.parametrize(
    "text",
    ["Air defence downed 40 of 52 UAVs.", "ППО знешкодила 12 БпЛА над Сумщиною.", "Над Белгородом сбиты 3 ракеты Х-59.", "A Kh-101 fell near Lviv."],
)
def test_strike_words_are_found_in_any_language_and_case(text: str):
    assert may_report_strike(text)


def test_the_word_list_is_lower_case_word_starts(tmp_path: Path):
    assert "drone" in strike_words() and "ракет" in strike_words()
    (tmp_path / "words.txt").write_text("# comment\ndrone\nShahed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lower case"):
        strike_words(tmp_path / "words.txt")

"""Extract-stage speed on one core: MB of report text per second.

usage: python benchmarks/extract_speed.py [SOURCE ...] [--mb 20] [--lang en]

Documents are generated as by make_corpus.py (paragraphs of two source documents of one language in a
random order, every number shifted), so no two texts are the same and no cache of earlier results helps;
none is marked a near-duplicate, so every text is extracted.
Sources default to the embedded sample corpus and, when present, ../shared/corpus/dev.jsonl and the seeds.
Only segment + extract are timed: reading and writing are measured by benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import pandas as pd

from etl.extract import extract
from etl.ingest import ingest
from etl.segment import segment
from make_corpus import DEFAULT_SOURCES, document, paragraphs_by_language


def generated_documents(sources: list[Path], megabytes: float, lang: str) -> pd.DataFrame:
    """Distinct report-sized documents of one language, ``megabytes`` of text in all."""
    pool = paragraphs_by_language(sources)[lang]
    rng = random.Random(0)
    records, size = [], 0
    while size < megabytes * 1e6:
        record = document(len(records), lang, pool, rng)
        records.append(record)
        size += len(record["text"].encode("utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "generated.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        documents = pd.concat([batch.documents for batch in ingest([path])], ignore_index=True)
    return documents.assign(duplicate_of=None)  # near-duplicates by construction: extract every text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    documents = generated_documents(args.sources or DEFAULT_SOURCES, args.mb, args.lang)
    megabytes = documents["text"].str.encode("utf-8").str.len().sum() / 1e6
    extract(segment(documents.head(50)))  # load lexicons and the gazetteer before timing
    started = time.perf_counter()
    observations = 0
    for start in range(0, len(documents), 500):
        observations += len(extract(segment(documents.iloc[start:start + 500])))
    seconds = time.perf_counter() - started
    print(json.dumps({"lang": args.lang, "documents": len(documents), "megabytes": round(megabytes, 1), "seconds": round(seconds, 2),
                      "mb_per_second_per_core": round(megabytes / seconds, 2), "observations": observations}))


if __name__ == "__main__":
    main()

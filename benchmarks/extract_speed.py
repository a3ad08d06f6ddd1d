"""Extract-stage speed on one core: MB of report text per second.

usage: python benchmarks/extract_speed.py [CORPUS.jsonl ...] [--mb 20]

Texts come from the given JSONL files (default: the embedded sample corpus and, when present,
../shared/corpus/dev.jsonl and the seeds), repeated with distinct ids until the target size is reached.
Only segment + extract are timed: reading and writing are measured by benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

from etl.extract import extract
from etl.ingest import ingest
from etl.segment import segment

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [ROOT / "datasets" / "sample", ROOT.parent / "shared" / "corpus" / "dev.jsonl", ROOT.parent / "shared" / "seeds" / "seeds.jsonl"]


def documents_of(paths: list[Path]) -> pd.DataFrame:
    frames = [batch.documents for batch in ingest([p for p in paths if p.exists()])]
    return pd.concat(frames, ignore_index=True)


def scaled(documents: pd.DataFrame, megabytes: float) -> pd.DataFrame:
    size = documents["text"].str.len().sum()
    copies = max(1, int(megabytes * 1e6 / size) + 1)
    frames = []
    for copy in range(copies):
        frame = documents.copy()
        frame["doc_id"] = frame["doc_id"] + f"-{copy}"
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--mb", type=float, default=20.0)
    args = parser.parse_args()
    documents = scaled(documents_of(args.inputs or DEFAULT_INPUTS), args.mb)
    megabytes = documents["text"].str.encode("utf-8").str.len().sum() / 1e6
    extract(segment(documents.head(50)))  # load lexicons and the gazetteer before timing
    started = time.perf_counter()
    observations = 0
    for start in range(0, len(documents), 500):
        observations += len(extract(segment(documents.iloc[start:start + 500])))
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": len(documents), "megabytes": round(megabytes, 1), "seconds": round(seconds, 2),
                      "mb_per_second_per_core": round(megabytes / seconds, 2), "observations": observations}))


if __name__ == "__main__":
    main()

"""Synthetic corpora for benchmarks: report-sized documents made from the sample corpus and any labelled
JSONL, each copy with its own id, date and numbers so that no two texts are the same."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from etl.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "datasets" / "sample", ROOT.parent / "shared" / "corpus" / "dev.jsonl", ROOT.parent / "shared" / "seeds" / "seeds.jsonl"]


def templates(paths: list[Path] | None = None) -> list[dict[str, str]]:
    """Texts and languages of the source documents."""
    found = [p for p in (paths or SOURCES) if p.exists()]
    return [
        {"text": str(row.text), "lang": str(row.lang or "en")}
        for batch in ingest(found)
        for row in batch.documents.itertuples(index=False)
    ]


def documents(megabytes: float, paths: list[Path] | None = None, seed: int = 7) -> Iterator[dict[str, object]]:
    """Documents until about ``megabytes`` of JSONL have been produced."""
    rng = random.Random(seed)
    sources = templates(paths)
    produced = 0
    number = 0
    start = date(2024, 1, 1)
    while produced < megabytes * 1e6:
        template = sources[number % len(sources)]
        text = re.sub(r"\d+", lambda m: str(int(m.group(0)) + rng.randint(0, 9)), template["text"])
        record = {"id": f"bench-{number}", "text": f"{text}\n(ref {number})", "lang": template["lang"],
                  "published_at": (start + timedelta(days=number % 900)).isoformat(), "source": f"Outlet {number % 37}"}
        line = json.dumps(record, ensure_ascii=False)
        produced += len(line.encode("utf-8")) + 1
        number += 1
        yield record


def write_corpus(path: Path, megabytes: float, paths: list[Path] | None = None) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in documents(megabytes, paths):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path

"""Make a benchmark corpus of report-sized documents: N MB of JSONL with distinct ids, dates and texts.

usage: python benchmarks/make_corpus.py OUT.jsonl --mb 200 [SOURCE ...]

Sources are any inputs strikelog reads (default: the embedded sample corpus and, when present,
../shared/corpus/dev.jsonl and the seed reports). Every generated document joins the paragraphs of two
source documents of the same language in a random order and shifts every number in them, so no two
documents are the same text or near-duplicates of each other (the build would otherwise skip them).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from etl.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = [ROOT / "datasets" / "sample", ROOT.parent / "shared" / "corpus" / "dev.jsonl", ROOT.parent / "shared" / "seeds" / "seeds.jsonl"]
NUMBER = re.compile(r"\b\d{1,4}\b")
FIRST_DAY = date(2023, 1, 1)


def paragraphs_by_language(sources: list[Path]) -> dict[str, list[list[str]]]:
    """The paragraphs of every source document, grouped by language."""
    found: dict[str, list[list[str]]] = defaultdict(list)
    for batch in ingest([s for s in sources if s.exists()]):
        for text, lang in zip(batch.documents["text"], batch.documents["lang"]):
            paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
            found[lang if isinstance(lang, str) else "en"].append(paragraphs)
    return found


def shifted(text: str, offset: int) -> str:
    return NUMBER.sub(lambda m: str(int(m.group()) + offset), text)


def document(index: int, lang: str, pool: list[list[str]], rng: random.Random) -> dict[str, str]:
    first, second = rng.sample(pool, 2) if len(pool) > 1 else (pool[0], pool[0])
    paragraphs = first + second
    rng.shuffle(paragraphs)
    day = FIRST_DAY + timedelta(days=rng.randrange(3 * 365))
    return {
        "id": f"bench-{index:08d}",
        "published_at": day.isoformat(),
        "lang": lang,
        "source": f"bench-source-{index % 50}",
        "text": shifted("\n\n".join(paragraphs), rng.randrange(1, 400)) + f"\n\nReport {index}.",
    }


def write_corpus(out: Path, megabytes: float, sources: list[Path], seed: int = 0) -> int:
    """Write documents until the file holds ``megabytes``; returns the number of documents."""
    pools = paragraphs_by_language(sources)
    languages = sorted(pools)
    weights = [len(pools[lang]) for lang in languages]
    rng = random.Random(seed)
    target = int(megabytes * 1e6)
    written = count = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as sink:
        while written < target:
            lang = rng.choices(languages, weights)[0]
            line = json.dumps(document(count, lang, pools[lang], rng), ensure_ascii=False) + "\n"
            sink.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    count = write_corpus(args.out, args.mb, args.sources or DEFAULT_SOURCES, args.seed)
    print(json.dumps({"corpus": str(args.out), "documents": count, "megabytes": round(args.out.stat().st_size / 1e6, 1)}))


if __name__ == "__main__":
    main()

"""Ingest of a large JSONL corpus: throughput and peak memory at two corpus sizes.

usage: python benchmarks/ingest_memory.py [--sizes 50 200]

Each size runs in its own process so that its peak resident memory is its own. Memory that does not grow
with the corpus shows as the same peak at both sizes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(corpus: Path) -> dict[str, float]:
    """Run in a child process: ingest every batch, keep nothing, report speed and peak memory."""
    from etl.ingest import ingest

    started = time.perf_counter()
    documents = rejects = 0
    for batch in ingest([corpus]):
        documents += len(batch.documents)
        rejects += len(batch.rejects)
    seconds = time.perf_counter() - started
    megabytes = corpus.stat().st_size / 1e6
    return {"megabytes": round(megabytes, 1), "documents": documents, "rejects": rejects, "seconds": round(seconds, 1),
            "mb_per_second": round(megabytes / seconds, 2), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=float, default=[50, 200])
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    sys.path.insert(0, str(HERE))
    from make_corpus import DEFAULT_SOURCES, write_corpus

    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            corpus = Path(scratch) / f"corpus-{size:g}.jsonl"
            write_corpus(corpus, size, [s for s in DEFAULT_SOURCES if s.exists()])
            out = subprocess.run([sys.executable, __file__, "--child", str(corpus)], capture_output=True, text=True, check=True)
            print(out.stdout.strip())
            corpus.unlink()


if __name__ == "__main__":
    main()

"""Build speed against the I/O floor, peak memory, and the time of an incremental rebuild.

usage: python benchmarks/run.py CORPUS.jsonl [--jobs N] [--incremental]
       python benchmarks/run.py --mb 50 [...]          (makes the corpus first, with make_corpus.py)

(a) I/O floor: pyarrow reads the JSONL and writes its text column to Parquet (zstd).
(b) ``strikelog build CORPUS --no-cache``, in a child process: MB/s, ratio b/a, and peak resident memory
    of the build with all its worker processes (sampled every 0.1 s).
(c) with --incremental: a full build that fills the cache, then one new document in a second file and a
    rebuild from the cache, timed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow.json as pa_json
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
NEW_REPORT = {"id": "bench-new", "text": "Overnight Russia launched 17 Shahed drones at Kharkiv; air defence downed 15.", "published_at": "2026-03-02", "lang": "en"}


def io_floor(corpus: Path, scratch: Path) -> float:
    """Seconds to read the JSONL with pyarrow and write its text to Parquet."""
    started = time.perf_counter()
    table = pa_json.read_json(corpus)
    pq.write_table(table.select(["id", "text"]), scratch / "floor.parquet", compression="zstd")
    return time.perf_counter() - started


def run_measured(command: list[str]) -> tuple[float, int]:
    """Run a command; its wall time and the peak summed RSS of it and its children, in bytes."""
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()[-2000:]}")
    return seconds, peak


def tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        for member in [process, *process.children(recursive=True)]:
            try:
                total += member.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


def build_command(inputs: list[Path], out: Path, jobs: int | None, cache: bool) -> list[str]:
    command = [sys.executable, "-m", "etl.cli", "build", *map(str, inputs), "--out", str(out), "--quiet"]
    if jobs:
        command += ["--jobs", str(jobs)]
    if not cache:
        command.append("--no-cache")
    return command


def incremental(corpus: Path, scratch: Path, jobs: int | None) -> dict[str, float]:
    """A full build filling the cache, then a rebuild after adding one document."""
    out = scratch / "incremental"
    full, _ = run_measured(build_command([corpus], out, jobs, cache=True))
    extra = scratch / "new.jsonl"
    extra.write_text(json.dumps(NEW_REPORT) + "\n", encoding="utf-8")
    rebuild, peak = run_measured(build_command([corpus, extra], out, jobs, cache=True))
    return {"full_build_s": round(full, 1), "rebuild_after_one_new_document_s": round(rebuild, 2), "rebuild_peak_rss_mb": round(peak / 1e6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--mb", type=float, help="make a corpus of this size first")
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--incremental", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="strikelog-bench-") as tmp:
        scratch = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            if args.mb is None:
                raise SystemExit("give a corpus or --mb N")
            corpus = scratch / "corpus.jsonl"
            subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--mb", str(args.mb)], check=True, stdout=subprocess.DEVNULL)
        megabytes = corpus.stat().st_size / 1e6
        documents = sum(1 for _ in corpus.open("rb"))
        floor = io_floor(corpus, scratch)
        seconds, peak = run_measured(build_command([corpus], scratch / "build", args.jobs, cache=False))
        result = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}",
            "corpus_mb": round(megabytes, 1),
            "documents": documents,
            "io_floor_s": round(floor, 2),
            "io_floor_mb_s": round(megabytes / floor, 1),
            "build_s": round(seconds, 1),
            "build_mb_s": round(megabytes / seconds, 2),
            "ratio_build_to_floor": round(seconds / floor, 1),
            "build_peak_rss_mb": round(peak / 1e6),
        }
        if args.incremental:
            result |= incremental(corpus, scratch, args.jobs)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

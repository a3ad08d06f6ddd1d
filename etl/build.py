"""The build: ingest -> segment -> extract -> consolidate -> write, in batches over a pool of workers.

Documents stream through in batches: a bounded window of batches is in flight at once, and each batch's
tables are written as soon as it is done, so memory does not grow with the corpus. Workers are local
processes (``engine="local"``) or a Dask cluster (``engine="dask"``). Per-document extraction results are
cached by content hash and extractor fingerprint, so a rebuild re-extracts only new or changed documents.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import __version__
from etl.cache import ExtractionCache, cache_path
from etl.consolidate import consolidate
from etl.extract import extract_document, extractor_fingerprint
from etl.ingest import Batch, ingest
from etl.prefilter import may_report_strike
from etl.segment import segment
from etl.store import atomic_directory, read_table, write_part, write_views
from schemas import SCHEMA_VERSION, Document, Event, EventClaim, Observation, Reject, empty_frame, validate

SAMPLE = Path(__file__).resolve().parent.parent / "datasets" / "sample"
DEFAULT_OUT = Path("datasets") / "build"
ENGINES = ("local", "dask")

Extracted = dict[str, tuple[list[dict[str, object]], int]]  # doc_id -> (observation rows, passages)


@dataclass
class Summary:
    """What a build read and wrote."""

    out: Path
    inputs: int = 0
    documents: int = 0
    duplicates: int = 0
    passages: int = 0
    observations: int = 0
    events: int = 0
    rejects: int = 0
    input_rejects: int = 0
    extracted: int = 0
    from_cache: int = 0
    seconds: float = 0.0

    @property
    def balanced(self) -> bool:
        return self.inputs == self.documents + self.duplicates + self.input_rejects

    def accounting(self) -> str:
        return (
            f"inputs {self.inputs} = documents {self.documents} + duplicates {self.duplicates}"
            f" + rejects {self.input_rejects}"
        )


def extract_documents(documents: pd.DataFrame) -> Extracted:
    """segment and extract a batch of documents (in a worker): observation rows and passages per document."""
    passages = segment(documents)
    results: Extracted = {doc_id: ([], 0) for doc_id in documents["doc_id"]}
    if passages.empty:
        return results
    records = passages.sort_values(["doc_id", "start"], kind="stable").to_dict("records")
    by_doc: dict[str, list[dict[str, object]]] = {}
    for record in records:
        by_doc.setdefault(str(record["doc_id"]), []).append(record)
    for doc_id, doc_passages in by_doc.items():
        readable = [p for p in doc_passages if not p["duplicate"] and may_report_strike(str(p["text"]))]
        rows = extract_document(readable) if readable else []
        results[doc_id] = (rows, len(doc_passages))
    return results


def cache_keys(documents: pd.DataFrame) -> list[str]:
    """Cache keys: the content hash and the metadata extraction reads (id, publication time, language)."""
    return [
        f"{row.doc_id}:" + hashlib.sha1(f"{row.source_id}|{row.published_at}|{row.lang}".encode()).hexdigest()[:12]
        for row in documents.itertuples(index=False)
    ]


def _stamp() -> dict[str, str]:
    return {"strikelog_version": __version__, "schema_version": SCHEMA_VERSION}


def build(
    paths: Iterable[Path],
    out: Path = DEFAULT_OUT,
    jobs: int | None = None,
    batch_size: int = 200,
    on_progress: Callable[[Summary], None] | None = None,
    cache: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
) -> Summary:
    """Build documents, observations, events, event_claims and rejects from the inputs into ``out``.

    The output directory is replaced in one rename at the end, so an interrupted build leaves the
    previous one intact. ``cache=False`` re-extracts every document.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    summary = Summary(out=Path(out))
    store = ExtractionCache(cache_path(Path(out)), extractor_fingerprint(), enabled=cache)
    parts = {"documents": 0, "observations": 0, "rejects": 0}
    with atomic_directory(Path(out)) as scratch, store:
        with _workers(engine, jobs or os.cpu_count() or 1, scheduler) as submit:
            for batch, documents, doc_rejects, extracted in _stream(ingest(paths, batch_size=batch_size), store, submit, summary):
                observations = [row for rows, _ in extracted.values() for row in rows]
                frame = pd.DataFrame(observations) if observations else empty_frame(Observation)
                frame, obs_rejects = validate(frame, Observation)
                rejects = pd.concat([batch.rejects, doc_rejects, obs_rejects], ignore_index=True)
                for name, table, model in (("documents", documents, Document), ("observations", frame, Observation), ("rejects", rejects, Reject)):
                    if len(table):
                        write_part(table, model, scratch / name, parts[name], **_stamp())
                        parts[name] += 1
                summary.inputs += batch.inputs
                summary.duplicates += batch.duplicates
                summary.input_rejects += len(batch.rejects)
                summary.documents += len(documents)
                summary.passages += sum(n for _, n in extracted.values())
                summary.observations += len(frame)
                summary.rejects += len(rejects)
                if on_progress:
                    on_progress(summary)
        for name, model in (("documents", Document), ("observations", Observation), ("rejects", Reject)):
            if parts[name] == 0:
                write_part(empty_frame(model), model, scratch / name, 0, **_stamp())
        summary.events += _write_events(scratch, parts["rejects"], summary)
        if not summary.balanced:
            raise RuntimeError(f"input accounting does not hold: {summary.accounting()}")
    write_views(Path(out))
    summary.seconds = time.perf_counter() - started
    return summary


def _write_events(scratch: Path, reject_part: int, summary: Summary) -> int:
    """Consolidate the written observations into events and claims; returns the number of events."""
    events, claims = consolidate(read_table(scratch, "observations"), read_table(scratch, "documents"))
    events, event_rejects = validate(events, Event)
    claims, claim_rejects = validate(claims, EventClaim)
    write_part(events, Event, scratch / "events", 0, **_stamp())
    write_part(claims, EventClaim, scratch / "event_claims", 0, **_stamp())
    late = pd.concat([event_rejects, claim_rejects], ignore_index=True)
    if len(late):
        write_part(late, Reject, scratch / "rejects", reject_part, **_stamp())
        summary.rejects += len(late)
    return len(events)


def _stream(batches: Iterator[Batch], store: ExtractionCache, submit: Callable, summary: Summary):
    """Batches with their valid documents, document rejects and extraction results, in input order.

    Cached documents are answered from the cache; the rest go to the workers, with at most a window of
    batches in flight."""
    window: list[tuple] = []
    for batch in batches:
        documents, doc_rejects = validate(batch.documents, Document)
        keys = dict(zip(documents["doc_id"], cache_keys(documents)))
        hits = store.get(list(keys.values()))
        cached = {doc_id: hits[key] for doc_id, key in keys.items() if key in hits}
        to_extract = documents[~documents["doc_id"].isin(cached)]
        summary.from_cache += len(cached)
        summary.extracted += len(to_extract)
        window.append((batch, documents, doc_rejects, cached, keys, submit(to_extract) if len(to_extract) else None))
        if len(window) >= 4:
            yield _finish(window.pop(0), store)
    for pending in window:
        yield _finish(pending, store)


def _finish(pending, store: ExtractionCache):
    batch, documents, doc_rejects, cached, keys, future = pending
    fresh = future.result() if future is not None else {}
    store.put({keys[doc_id]: result for doc_id, result in fresh.items()})
    extracted = {doc_id: cached.get(doc_id) or fresh[doc_id] for doc_id in documents["doc_id"]}
    return batch, documents, doc_rejects, extracted


class _Inline:
    """The result of work done in this process, shaped like a future."""

    def __init__(self, value: Extracted) -> None:
        self.value = value

    def result(self) -> Extracted:
        return self.value


class _workers:
    """A ``submit(documents) -> future`` for the chosen engine, open for the duration of a build."""

    def __init__(self, engine: str, jobs: int, scheduler: str | None) -> None:
        self.engine, self.jobs, self.scheduler = engine, jobs, scheduler
        self.pool = self.client = self.cluster = None

    def __enter__(self) -> Callable[[pd.DataFrame], object]:
        if self.engine == "dask":
            from dask.distributed import Client, LocalCluster

            if self.scheduler:
                self.client = Client(self.scheduler)
            else:
                self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
            return lambda documents: self.client.submit(extract_documents, documents, pure=False)
        if self.jobs <= 1:
            return lambda documents: _Inline(extract_documents(documents))
        self.pool = ProcessPoolExecutor(max_workers=self.jobs)
        return lambda documents: self.pool.submit(extract_documents, documents)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl import __version__
from etl.cache import ExtractionCache, cache_path
from etl.consolidate import RECONCILE_COLUMNS, event_fingerprints, event_ids, reconciled, records_of, with_documents
from etl.extract import extract_document, extractor_fingerprint
from etl.incremental import (
    BuildState,
    ChunkRecorder,
    load_state,
    observation_records,
    resume,
    save_index,
    save_state,
)
from etl.ingest import Batch, ingest_items, item_key, iter_files
from etl.prefilter import may_report_strike
from etl.segment import segment
from etl.store import atomic_directory, read_arrow, read_table, to_arrow, write_part, write_sorted_part, write_views
from schemas import SCHEMA_VERSION, Document, Event, EventClaim, Observation, Reject, empty_frame, validate

SAMPLE = Path(__file__).resolve().parent.parent / "datasets" / "sample"
DEFAULT_OUT = Path("datasets") / "build"
ENGINES = ("local", "dask")
INLINE_DOCUMENTS = 10
RECONCILE_SLICE = 10_000  # observations consolidated at a time (a part of events and claims each)

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
    reused: int = 0
    seconds: float = 0.0

    def add(self, counts: dict[str, int]) -> None:
        for name, value in counts.items():
            setattr(self, name, getattr(self, name) + value)

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
    previous one intact. Unless ``cache=False``, the leading inputs that are unchanged since the last
    build into ``out`` are not read again (``etl.incremental``), events whose observations are unchanged
    are carried over, and documents extracted before are answered from the extraction cache.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    out = Path(out)
    summary = Summary(out=out)
    items = list(iter_files(paths))
    keys = [item_key(item) for item in items]
    fingerprint = f"{extractor_fingerprint()}|{__version__}|{SCHEMA_VERSION}|{batch_size}"
    previous = load_state(out, fingerprint) if cache else None
    state = BuildState(fingerprint)
    store = ExtractionCache(cache_path(out), extractor_fingerprint(), enabled=cache)
    with atomic_directory(out) as scratch, store:
        state.chunks, next_part, reading, records = resume(previous, keys, out, scratch)
        parts = {"documents": 0, "observations": 0, "rejects": 0} | next_part
        for chunk in state.chunks:
            summary.add(chunk.counts)
            summary.reused += chunk.counts["documents"]
        reused, first = len(state.chunks), sum(chunk.inputs for chunk in state.chunks)
        recorder = ChunkRecorder(keys, first, reused, scratch)
        batches = ingest_items(items, batch_size, reading, first) if first < len(items) else iter(())
        with _workers(engine, jobs or os.cpu_count() or 1, scheduler) as submit:
            for batch, documents, doc_rejects, extracted in _stream(batches, store, submit, summary):
                frame, written, counts = _write_batch(batch, documents, doc_rejects, extracted, scratch, parts)
                summary.add(counts)
                recorder.add(batch, written, counts, frame, documents)
                if batch.at_item_end:
                    state.chunks.append(recorder.close(batch.items_done))
                if on_progress:
                    on_progress(summary)
        recorder.discard()
        for name, model in (("documents", Document), ("observations", Observation), ("rejects", Reject)):
            if parts[name] == 0:
                write_part(empty_frame(model), model, scratch / name, 0, **_stamp())
        records = pd.concat([records, observation_records(state.chunks[reused:], scratch)], ignore_index=True)
        state.events = _write_events(scratch, parts["rejects"], summary, out if previous else None, previous.events if previous else {}, records)
        if not summary.balanced:
            raise RuntimeError(f"input accounting does not hold: {summary.accounting()}")
        save_index(reading, len(state.chunks), scratch)
        save_state(state, scratch)
    write_views(out)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_batch(
    batch: Batch, documents: pd.DataFrame, doc_rejects: pd.DataFrame, extracted: Extracted, scratch: Path, parts: dict[str, int]
) -> tuple[pd.DataFrame, dict[str, str], dict[str, int]]:
    """Write a batch's documents, observations and rejects as the next part of each table; the valid
    observations, the part file written per table, and the counts the batch adds to the summary."""
    observations = [row for rows, _ in extracted.values() for row in rows]
    frame = pd.DataFrame(observations) if observations else empty_frame(Observation)
    frame, obs_rejects = validate(frame, Observation)
    rejects = pd.concat([batch.rejects, doc_rejects, obs_rejects], ignore_index=True)
    written = {}
    for name, table, model in (("documents", documents, Document), ("observations", frame, Observation), ("rejects", rejects, Reject)):
        if len(table):
            written[name] = write_part(table, model, scratch / name, parts[name], **_stamp()).name
            parts[name] += 1
    counts = {
        "inputs": batch.inputs,
        "duplicates": batch.duplicates,
        "input_rejects": len(batch.rejects),
        "documents": len(documents),
        "passages": sum(n for _, n in extracted.values()),
        "observations": len(frame),
        "rejects": len(rejects),
    }
    return frame, written, counts


def _write_events(scratch: Path, reject_part: int, summary: Summary, previous_dir: Path | None, previous: dict[str, str], records: pd.DataFrame) -> dict[str, str]:
    """Consolidate the written observations into events and claims, a slice of events at a time, one
    part per slice. ``records`` has a record of every observation (``etl.incremental.observation_records``).
    Events whose fingerprint is unchanged are copied from ``previous_dir``; only the observations of the
    others are read whole. Returns the fingerprints of the events written whole."""
    ids = event_ids(records)
    fingerprints = event_fingerprints(ids, records["content"])
    kept = {eid for eid, value in fingerprints.items() if previous.get(eid) == value}
    late: list[pd.DataFrame] = []
    whole = set(kept)
    previous_tables = {name: read_arrow(previous_dir, name, rows=("event_id", sorted(kept))) for name in ("events", "event_claims")} if previous_dir is not None and kept else {}
    for number, rows in enumerate(_event_slices(ids) or [np.arange(0)]):
        group, group_ids = records.iloc[rows], ids.iloc[rows]
        carried_ids = sorted(set(group_ids) & kept)
        fresh = ~group_ids.isin(kept).to_numpy()
        events, claims, rejects, valid = _reconciled_slice(scratch, group[fresh], group_ids[fresh])
        whole |= valid
        late.append(rejects)
        for name, frame, model in (("events", events, Event), ("event_claims", claims, EventClaim)):
            carried = previous_tables[name].filter(pc.is_in(previous_tables[name]["event_id"], pa.array(carried_ids, pa.string()))) if carried_ids else None
            write_sorted_part([carried, to_arrow(frame, model)], model, scratch / name, number, "event_id", **_stamp())
        summary.events += len(carried_ids) + len(events)
    rejects = pd.concat(late, ignore_index=True)
    if len(rejects):
        write_part(rejects, Reject, scratch / "rejects", reject_part, **_stamp())
        summary.rejects += len(rejects)
    return {eid: fingerprints[eid] for eid in whole}


def _reconciled_slice(scratch: Path, changed: pd.DataFrame, changed_ids: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, set[str]]:
    """Events and claims of the observations ``changed`` (records, with their event ids), validated; the
    rejects, and the ids of the events whose row and claims are all valid."""
    if changed.empty:
        return empty_frame(Event), empty_frame(EventClaim), empty_frame(Reject), set()
    full = read_table(scratch, "observations", columns=list(RECONCILE_COLUMNS), rows=("obs_id", changed["obs_id"].tolist()), parts=sorted(set(changed["part"])))
    documents = changed[["doc_id", "source", "url", "published_at"]].drop_duplicates("doc_id")
    events, claims = reconciled(records_of(with_documents(full, documents)), dict(zip(changed["obs_id"], changed_ids)))
    expected = claims["event_id"].value_counts()
    events, event_rejects = validate(events, Event)
    claims, claim_rejects = validate(claims, EventClaim)
    written = claims["event_id"].value_counts()
    valid = {eid for eid in events["event_id"] if written.get(eid, 0) == expected.get(eid, 0)}
    return events, claims, pd.concat([event_rejects, claim_rejects], ignore_index=True), valid


def _event_slices(ids: pd.Series) -> list[np.ndarray]:
    """Row positions of whole events at a time, in event_id order, about ``RECONCILE_SLICE`` rows a slice."""
    if ids.empty:
        return []
    order = np.argsort(ids.to_numpy(dtype=str), kind="stable")
    ordered = ids.to_numpy()[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    slice_of_event = (np.r_[starts[1:], len(ordered)] - 1) // RECONCILE_SLICE
    return np.split(order, starts[1:][slice_of_event[1:] != slice_of_event[:-1]])


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
            try:
                from dask.distributed import Client, LocalCluster
            except ImportError:
                raise RuntimeError("the dask engine needs Dask: pip install 'strikelog[dask]'") from None

            if self.scheduler:
                self.client = Client(self.scheduler)
            else:
                self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
            return lambda documents: self.client.submit(extract_documents, documents, pure=False)
        return self._submit_local

    def _submit_local(self, documents: pd.DataFrame) -> object:
        """Work goes to a process pool, started at the first batch worth it: a rebuild that extracts a
        handful of documents does them in this process rather than wait for workers to start."""
        if self.pool is None and (self.jobs <= 1 or len(documents) < INLINE_DOCUMENTS):
            return _Inline(extract_documents(documents))
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs)
        return self.pool.submit(extract_documents, documents)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

"""The build: ingest -> segment -> extract -> consolidate -> write, in batches over a process pool."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl import __version__
from etl.consolidate import consolidate
from etl.extract import extract
from etl.ingest import Batch, ingest
from etl.segment import segment
from schemas import SCHEMA_VERSION, Document, Event, EventClaim, Observation, Reject, empty_frame, validate
from etl.store import atomic_directory, read_table, write_part, write_views

SAMPLE = Path(__file__).resolve().parent.parent / "datasets" / "sample"
DEFAULT_OUT = Path("datasets") / "build"


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
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return self.inputs == self.documents + self.duplicates + self.input_rejects

    def accounting(self) -> str:
        return (
            f"inputs {self.inputs} = documents {self.documents} + duplicates {self.duplicates}"
            f" + rejects {self.input_rejects}"
        )


@dataclass
class _Extracted:
    documents: pd.DataFrame
    observations: pd.DataFrame
    rejects: pd.DataFrame
    passages: int


def process_batch(documents: pd.DataFrame) -> _Extracted:
    """segment and extract one batch of documents; runs in a worker process."""
    documents, doc_rejects = validate(documents, Document)
    passages = segment(documents)
    observations = extract(passages)
    observations, obs_rejects = validate(observations, Observation)
    return _Extracted(documents, observations, pd.concat([doc_rejects, obs_rejects], ignore_index=True), len(passages))


def _stamp() -> dict[str, str]:
    return {"strikelog_version": __version__, "schema_version": SCHEMA_VERSION}


def build(
    paths: Iterable[Path],
    out: Path = DEFAULT_OUT,
    jobs: int | None = None,
    batch_size: int = 200,
    on_progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Build the four tables (and event_claims) from the inputs into ``out``, atomically."""
    started = time.perf_counter()
    summary = Summary(out=Path(out))
    jobs = jobs or os.cpu_count() or 1
    with atomic_directory(Path(out)) as scratch:
        parts = {"documents": 0, "observations": 0, "rejects": 0}
        for batch, result in _run(ingest(paths, batch_size=batch_size), jobs):
            summary.inputs += batch.inputs
            summary.duplicates += batch.duplicates
            summary.input_rejects += len(batch.rejects)
            rejects = pd.concat([batch.rejects, result.rejects], ignore_index=True)
            for name, frame, model in (
                ("documents", result.documents, Document),
                ("observations", result.observations, Observation),
                ("rejects", rejects, Reject),
            ):
                if len(frame):
                    write_part(frame, model, scratch / name, parts[name], **_stamp())
                    parts[name] += 1
            summary.documents += len(result.documents)
            summary.passages += result.passages
            summary.observations += len(result.observations)
            summary.rejects += len(rejects)
            if on_progress:
                on_progress(summary)
        for name, model in (("documents", Document), ("observations", Observation), ("rejects", Reject)):
            if parts[name] == 0:
                write_part(empty_frame(model), model, scratch / name, 0, **_stamp())
        observations = read_table(scratch, "observations")
        documents = read_table(scratch, "documents")
        events, claims = consolidate(observations, documents)
        events, event_rejects = validate(events, Event)
        claims, claim_rejects = validate(claims, EventClaim)
        write_part(events, Event, scratch / "events", 0, **_stamp())
        write_part(claims, EventClaim, scratch / "event_claims", 0, **_stamp())
        late_rejects = pd.concat([event_rejects, claim_rejects], ignore_index=True)
        if len(late_rejects):
            write_part(late_rejects, Reject, scratch / "rejects", parts["rejects"], **_stamp())
            summary.rejects += len(late_rejects)
        summary.events = len(events)
        if not summary.balanced:
            raise RuntimeError(f"input accounting does not hold: {summary.accounting()}")
    write_views(Path(out))
    summary.seconds = time.perf_counter() - started
    return summary


def _run(batches: Iterator[Batch], jobs: int) -> Iterator[tuple[Batch, _Extracted]]:
    """Process batches in order, over a process pool when jobs > 1 (a bounded window keeps memory flat)."""
    if jobs <= 1:
        for batch in batches:
            yield batch, process_batch(batch.documents)
        return
    window: list[tuple[Batch, Future[_Extracted]]] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch in batches:
            window.append((batch, pool.submit(process_batch, batch.documents)))
            if len(window) >= 2 * jobs:
                done, future = window.pop(0)
                yield done, future.result()
        for done, future in window:
            yield done, future.result()

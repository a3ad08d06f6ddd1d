"""What a build leaves for the next one, so that a rebuild redoes only what changed.

A build reads its inputs (files, and paths rejected whole) in order and writes its tables in numbered
parts. It records them in *chunks*: runs of whole inputs (kept as a digest of their keys) with the parts
they produced, the counts they added, what reading them added to the reading state (document ids met,
near-duplicate signatures), and a record of every observation they yielded (what places it in an event,
and a content hash). The record lives in the build directory (``.state/``), so it is replaced together
with the tables it describes.

The next build with the same extractor reuses the longest run of leading chunks whose inputs are
unchanged (same path, size and modification time): their parts are hard-linked into the new build, the
reading state is restored from their records, and reading goes on from the first changed input. Events
whose member observations are unchanged are carried over too (see ``etl.build``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.ingest import Batch, NearDuplicates, ReadingState

STATE_DIR = ".state"
STATE_FILE = "state.json"
INDEX_FILE = "near_duplicates.pickle"
FORMAT = 4
EVENT_KEYS = ("obs_id", "doc_id", "source_id", "attacker", "target_country", "attack_date", "wave")
DOCUMENT_KEYS = ("doc_id", "source", "url", "published_at")
RECORD_COLUMNS = (*EVENT_KEYS, *DOCUMENT_KEYS[1:], "content", "part")
RECORD_TYPES = {"attack_date": pa.date32(), "published_at": pa.timestamp("us", tz="UTC"), "content": pa.uint64()}
RECORD_SCHEMA = pa.schema([(name, RECORD_TYPES.get(name, pa.string())) for name in RECORD_COLUMNS])
COUNTS = ("inputs", "documents", "duplicates", "input_rejects", "passages", "observations", "rejects")


@dataclass
class Chunk:
    """A run of whole inputs and what the build made of them."""

    inputs: int  # how many inputs
    digest: str  # a hash of their keys (``etl.ingest.item_key``)
    parts: dict[str, list[str]]
    counts: dict[str, int]
    record: str  # file name of the chunk's reading state and observation hashes, in .state/


@dataclass
class BuildState:
    fingerprint: str
    chunks: list[Chunk] = field(default_factory=list)
    events: dict[str, str] = field(default_factory=dict)  # event_id -> fingerprint of its members


def load_state(build_dir: Path, fingerprint: str) -> BuildState | None:
    """The state an earlier build left in ``build_dir``, if it was made by the same extractor and schema."""
    path = Path(build_dir) / STATE_DIR / STATE_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("fingerprint") != fingerprint:
        return None
    try:
        return BuildState(fingerprint, [Chunk(**c) for c in raw["chunks"]], dict(raw["events"]))
    except (KeyError, TypeError, ValueError):
        return None


def save_state(state: BuildState, scratch: Path) -> None:
    directory = scratch / STATE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "fingerprint": state.fingerprint, "chunks": [asdict(c) for c in state.chunks], "events": state.events}
    (directory / STATE_FILE).write_text(json.dumps(payload), encoding="utf-8")


def reusable_chunks(state: BuildState | None, keys: list[str], build_dir: Path) -> list[Chunk]:
    """The leading chunks of an earlier build whose inputs are the leading inputs now, unchanged."""
    if state is None:
        return []
    reused: list[Chunk] = []
    position = 0
    for chunk in state.chunks:
        if keys_digest(keys[position:position + chunk.inputs]) != chunk.digest or not _files_present(chunk, Path(build_dir)):
            break
        reused.append(chunk)
        position += chunk.inputs
    return reused


def resume(previous: BuildState | None, keys: list[str], build_dir: Path, scratch: Path) -> tuple[list[Chunk], dict[str, int], ReadingState, pd.DataFrame]:
    """Take over the reusable chunks of the last build: the chunks, the next free part number of each
    table, the reading state they leave, and their observation records. A damaged record means nothing
    is taken over (everything is read again), never a failed build."""
    chunks = reusable_chunks(previous, keys, build_dir)
    try:
        next_part = link_chunks(chunks, build_dir, scratch)
        return chunks, next_part, reading_state(chunks, build_dir, scratch), observation_records(chunks, scratch)
    except (OSError, ValueError, KeyError, pa.ArrowException):
        for child in scratch.iterdir():
            shutil.rmtree(child)
        return [], {}, ReadingState(), observation_records([], scratch)


def keys_digest(keys: list[str]) -> str:
    return hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()


def _files_present(chunk: Chunk, build_dir: Path) -> bool:
    paths = [build_dir / table / name for table, names in chunk.parts.items() for name in names]
    return all(p.is_file() for p in [*paths, *(build_dir / STATE_DIR / name for name in _records(chunk))])


def _records(chunk: Chunk) -> tuple[str, str]:
    return chunk.record, f"{chunk.record}.observations"


def link_chunks(chunks: list[Chunk], build_dir: Path, scratch: Path) -> dict[str, int]:
    """Hard-link (or copy) the parts and records of reused chunks into the new build; the next free part
    number of every table."""
    next_part: dict[str, int] = {}
    for chunk in chunks:
        for table, names in chunk.parts.items():
            for name in names:
                _link(build_dir / table / name, scratch / table / name)
                next_part[table] = max(next_part.get(table, 0), part_number(name) + 1)
        for name in _records(chunk):
            _link(build_dir / STATE_DIR / name, scratch / STATE_DIR / name)
    return next_part


def part_number(name: str) -> int:
    return int(name.split("-")[1].split(".")[0])


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def reading_state(chunks: list[Chunk], build_dir: Path, scratch: Path) -> ReadingState:
    """The reading state that reading the inputs of ``chunks`` left: the ids met, and the near-duplicate
    index (the one the last build kept, when it ends where these chunks end; else rebuilt from the
    signatures of the latest documents, read from the last chunks back only as far as needed)."""
    saved = _saved_index(build_dir, len(chunks))
    state = ReadingState(near=saved or NearDuplicates())
    restored = saved is not None
    indexed: list[tuple[str, np.ndarray]] = []
    for chunk in reversed(chunks):
        record = pq.read_table(scratch / STATE_DIR / chunk.record, columns=None if not restored else ["doc_id"])
        doc_ids = record.column("doc_id").to_pylist()
        state.seen.update(doc_ids)
        if not restored and len(indexed) < NearDuplicates.WINDOW:
            indexed[:0] = _signatures(doc_ids, record.column("signature"))
    if not restored:
        state.near.restore(indexed[-NearDuplicates.WINDOW:])
    return state


def _signatures(doc_ids: list[str], column: pa.ChunkedArray) -> list[tuple[str, np.ndarray]]:
    """(doc_id, MinHash values) of the documents of a chunk record that were indexed."""
    valid = column.is_valid().to_numpy(zero_copy_only=False)
    flat = column.combine_chunks().flatten().to_numpy()
    rows = flat.reshape(-1, NearDuplicates.PERMUTATIONS) if len(flat) else []
    return list(zip([d for d, v in zip(doc_ids, valid) if v], rows))


def observation_records(chunks: list[Chunk], scratch: Path) -> pd.DataFrame:
    """One record per observation of the chunks: what assigns it to an event (``EVENT_KEYS``), its
    document's source, url and publication time, the ``content_hash`` of both, and its part file."""
    tables = [pq.read_table(scratch / STATE_DIR / f"{chunk.record}.observations", schema=RECORD_SCHEMA) for chunk in chunks]
    return (pa.concat_tables(tables) if tables else RECORD_SCHEMA.empty_table()).to_pandas()


def save_index(reading: ReadingState, chunks: int, scratch: Path) -> None:
    """Keep the near-duplicate index as reading left it after ``chunks`` chunks: restoring it from its
    signatures takes seconds, loading it a fraction of one."""
    directory = scratch / STATE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    (directory / INDEX_FILE).write_bytes(pickle.dumps((chunks, reading.near), protocol=5))


def _saved_index(build_dir: Path, chunks: int) -> NearDuplicates | None:
    try:
        saved_chunks, near = pickle.loads((build_dir / STATE_DIR / INDEX_FILE).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
        return None
    return near if saved_chunks == chunks and isinstance(near, NearDuplicates) else None


def content_hash(row: dict[str, object]) -> int:
    """A hash of an observation's whole row and its document's source, url and publication time: all an
    event is made of (two builds agree on it when they agree on those)."""
    return int.from_bytes(hashlib.sha1(json.dumps(row, sort_keys=True, default=str).encode("utf-8")).digest()[:8], "little")


class ChunkRecorder:
    """Collects what the batches of the current chunk wrote, and closes the chunk where an input ends.

    Observation records are written as they come and only the latest ``NearDuplicates.WINDOW``
    signatures are kept (no restore needs older ones), so a chunk of any size takes little memory."""

    def __init__(self, keys: list[str], first_item: int, number: int, scratch: Path) -> None:
        self.keys, self.first, self.number = keys, first_item, number
        self.directory = scratch / STATE_DIR
        self.directory.mkdir(parents=True, exist_ok=True)
        self._reset()

    def _reset(self) -> None:
        self.record = f"chunk-{self.number:05d}.parquet"
        self.parts: dict[str, list[str]] = {}
        self.counts = dict.fromkeys(COUNTS, 0)
        self.doc_ids: list[str] = []
        self.indexed: deque[tuple[str, np.ndarray]] = deque(maxlen=NearDuplicates.WINDOW)
        self.writer = pq.ParquetWriter(self.directory / f"{self.record}.observations", RECORD_SCHEMA)

    def add(self, batch: Batch, parts: dict[str, str], counts: dict[str, int], observations: pd.DataFrame, documents: pd.DataFrame) -> None:
        for table, name in parts.items():
            self.parts.setdefault(table, []).append(name)
        for name, value in counts.items():
            self.counts[name] += value
        self.doc_ids.extend(batch.seen)
        self.indexed.extend(batch.indexed)
        if len(observations):
            meta = documents[list(DOCUMENT_KEYS)].drop_duplicates("doc_id")
            records = observations[list(EVENT_KEYS)].merge(meta, on="doc_id", how="left")
            documents_of = records[list(DOCUMENT_KEYS[1:])].to_dict("records")
            records["content"] = [content_hash({**row, **document}) for row, document in zip(observations.to_dict("records"), documents_of)]
            records["part"] = parts["observations"]
            self.writer.write_table(pa.Table.from_pandas(records[list(RECORD_COLUMNS)], schema=RECORD_SCHEMA, preserve_index=False))

    def close(self, items_done: int) -> Chunk:
        """Finish the chunk's records and return the chunk (inputs ``first_item`` .. ``items_done``)."""
        self.writer.close()
        latest = dict(self.indexed)
        signatures = [latest[d].tolist() if d in latest else None for d in self.doc_ids]
        reading = pa.table({"doc_id": pa.array(self.doc_ids, pa.string()), "signature": pa.array(signatures, pa.list_(pa.uint64()))})
        pq.write_table(reading, self.directory / self.record)
        chunk = Chunk(items_done - self.first, keys_digest(self.keys[self.first:items_done]), self.parts, self.counts, self.record)
        self.first, self.number = items_done, self.number + 1
        self._reset()
        return chunk

    def discard(self) -> None:
        """Close the records of the chunk left open when the inputs ran out (they describe no chunk)."""
        self.writer.close()
        for name in (self.record, f"{self.record}.observations"):
            (self.directory / name).unlink(missing_ok=True)

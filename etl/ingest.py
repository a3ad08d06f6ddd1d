"""ingest: input files -> documents (and rejects).

Files and directories are walked in a stable order; each file is read by the reader for its format
(``etl/readers.py``), which yields one raw record per document (or a reject). Records are normalised,
hashed and batched so that memory stays flat whatever the size of the corpus. The same text twice is one
document and a counted duplicate; a republished story with small edits is kept, linked to the first copy
by ``duplicate_of`` and not extracted again. Every input ends as a document, a duplicate or a reject:
``inputs = documents + duplicates + rejects``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from etl.readers import Raw, Reader, Rejected, reader_for
from schemas import Document, Reject, empty_frame

KNOWN_KEYS = ("id", "text", "html", "url", "source", "published_at", "title", "lang")


@dataclass
class Batch:
    """A batch of documents with the rejects and counts met while reading it.

    ``items_done`` counts the input items (files, or paths rejected whole) read to their end once this
    batch is out; ``at_item_end`` says the batch ends exactly where an item ends, so the build can record
    everything before it as reusable. ``seen`` and ``indexed`` are what the batch added to the reading
    state (document ids, and MinHash signatures of the documents indexed for near-duplicates).
    """

    documents: pd.DataFrame
    rejects: pd.DataFrame
    inputs: int
    duplicates: int
    items_done: int = 0
    at_item_end: bool = True
    seen: list[str] = field(default_factory=list)
    indexed: list[tuple[str, np.ndarray]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- files


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Every file under the given paths, sorted, each directory visited once (symlink loops are cut)."""
    for root in paths:
        root = Path(root)
        if not root.exists():
            yield Rejected(str(root), "path does not exist")
        elif root.is_dir():
            yield from _walk(root, set())
        else:
            yield root


def _walk(directory: Path, visited: set[tuple[int, int]]) -> Iterator[Path | Rejected]:
    try:
        stat = directory.stat()
    except OSError as exc:
        yield Rejected(str(directory), "directory cannot be read", str(exc))
        return
    key = (stat.st_dev, stat.st_ino)
    if key in visited:
        yield Rejected(str(directory), "directory link loop: already visited")
        return
    visited.add(key)
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield Rejected(str(directory), "directory cannot be listed", str(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield Rejected(str(entry), "path cannot be read", str(exc))
            continue
        if is_dir:
            yield from _walk(entry, visited)
        elif entry.is_file():
            yield entry
        else:
            yield Rejected(str(entry), "not a regular file (broken link or special file)")


def item_key(item: Path | Rejected) -> str:
    """What identifies an input item between builds: a file by its path, size and modification time."""
    if isinstance(item, Rejected):
        return f"rejected|{item.input_path}|{item.reason}"
    try:
        stat = item.stat()
    except OSError:
        return f"unreadable|{item.resolve()}"
    return f"file|{item.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def records_of(item: Path | Rejected) -> Iterator[Raw | Rejected]:
    """Raw documents and rejects of one input item."""
    if isinstance(item, Rejected):
        yield item
        return
    reader = reader_for(item)
    if reader is None:
        yield Rejected(str(item), f"unknown file type {item.suffix or '(no extension)'!r}")
    elif not os.access(item, os.R_OK):
        yield Rejected(str(item), "file cannot be read (permission denied)")
    else:
        yield from _read(item, reader)


def _read(path: Path, reader: Reader) -> Iterator[Raw | Rejected]:
    """Everything a reader finds in a file; a file with nothing in it, or one the reader cannot open,
    is one reject."""
    found = False
    try:
        for record in reader(path):
            found = True
            yield record
    except (OSError, EOFError, ValueError) as exc:
        yield Rejected(str(path), "file cannot be read", f"{type(exc).__name__}: {exc}"[:300])
        return
    if not found:
        yield Rejected(str(path), "file holds no documents (empty)")


# ------------------------------------------------------------------------------------- normalisation


TYPOGRAPHY = str.maketrans({"\u00a0": " ", "\u2010": "-", "\u2011": "-", "\u00ad": None, "\u200b": None, "\ufeff": None})


MODEL_DASH = re.compile(r"(?<=[^\W\d_])[–—](?=\d)")  # "Kh–101" as a model is written


def normalise_text(text: str) -> str:
    """Unix line ends; no-break spaces and typographic hyphens as plain ones, and so a dash between the letters
    and the number of a model name ("Kh–101"); soft hyphens and zero-width spaces, which HTML leaves inside
    words, removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(TYPOGRAPHY)
    text = MODEL_DASH.sub("-", text)
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def content_hash(text: str) -> str:
    canonical = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def parse_published(value: object) -> pd.Timestamp | None:
    """Parse a publication date (ISO date, RFC 3339, or a looser form); raise ValueError if impossible."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError):
        import dateparser

        parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC"})
        if parsed is None:
            raise ValueError(f"unparseable date {text[:60]!r}") from None
        stamp = pd.Timestamp(parsed)
    if pd.isna(stamp):
        return None
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def to_document(raw: Raw) -> dict[str, object] | Rejected:
    """Normalise a raw record into a documents row, or say why it cannot be one."""
    fields = raw.fields
    source_id = _text_or_none(fields.get("id"))
    text = fields.get("text")
    if not text and fields.get("html"):
        text = html_to_text(str(fields["html"]))
    if not isinstance(text, str) or not text.strip():
        return Rejected(raw.input_path, "document has no usable text", None, source_id)
    text = normalise_text(text)
    try:
        published = parse_published(fields.get("published_at"))
    except ValueError as exc:
        return Rejected(raw.input_path, "publication date cannot be parsed", str(exc), source_id)
    meta = {k: v for k, v in fields.items() if k not in KNOWN_KEYS}
    return {
        "doc_id": content_hash(text),
        "source_id": source_id,
        "url": _text_or_none(fields.get("url")),
        "source": _text_or_none(fields.get("source")),
        "title": _text_or_none(fields.get("title")),
        "published_at": published,
        "lang": _text_or_none(fields.get("lang")) or detect_language(text),
        "n_chars": len(text),
        "input_path": raw.input_path,
        "input_format": raw.input_format,
        "meta": json.dumps(meta, ensure_ascii=False, default=str, sort_keys=True) if meta else None,
        "duplicate_of": None,
        "text": text,
    }


def html_to_text(html: str) -> str | None:
    from trafilatura import extract

    return extract(html, include_comments=False, include_tables=True)


def detect_language(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text[:2000])
    except LangDetectException:
        return None


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# ---------------------------------------------------------------------------------------------- batches


WORD = re.compile(r"\w+")


class NearDuplicates:
    """MinHash signatures of word shingles in an LSH index: finds an earlier document that says nearly the
    same thing (a wire story republished with small edits). The index keeps the latest ``WINDOW``
    documents, so its memory is bounded; a republished story follows its original closely.

    An index restored from an earlier build (``restore``, or unpickled) is kept as a matrix of signatures
    and asked band by band with numpy, the same question the LSH asks; it goes into the LSH only once
    ``LAZY_LIMIT`` documents have been added, so a rebuild that adds a few documents does not rebuild the
    index. Pickling keeps the window's signatures, not the LSH's tables: it loads in milliseconds."""

    THRESHOLD = 0.8
    PERMUTATIONS = 64
    SHINGLE = 4
    WINDOW = 20_000
    LAZY_LIMIT = 500

    def __init__(self) -> None:
        from datasketch import MinHash, MinHashLSH

        self.index = MinHashLSH(threshold=self.THRESHOLD, num_perm=self.PERMUTATIONS)
        self.window: deque[tuple[str, np.ndarray]] = deque()  # (doc_id, signature) oldest first
        self.indexed: list[tuple[str, np.ndarray]] = []  # indexed since last drained, for the build's state
        self.lazy_ids: list[str] = []  # restored documents not yet in the LSH: the oldest of the window
        self.lazy_rows = np.zeros((0, self.PERMUTATIONS), dtype=np.uint64)
        self.lazy_start = 0  # lazy rows before this one have left the window
        template = MinHash(num_perm=self.PERMUTATIONS, seed=1)
        self.permutations, self.scheme = template.permutations, template.scheme

    def signature(self, text: str):
        """MinHash of the text's word shingles (CRC-32 as the base hash: fast, and good enough here)."""
        from datasketch import MinHash

        words = WORD.findall(text.lower())
        shingles = {" ".join(words[i:i + self.SHINGLE]) for i in range(max(1, len(words) - self.SHINGLE + 1))}
        signature = MinHash(num_perm=self.PERMUTATIONS, seed=1, hashfunc=zlib.crc32, permutations=self.permutations, scheme=self.scheme)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        return signature

    def original_of(self, doc_id: str, text: str) -> str | None:
        """The doc_id of an earlier near-duplicate, else None (and the text is indexed)."""
        signature = self.signature(text)
        matches = sorted(set(self.index.query(signature)) | set(self._lazy_matches(signature.hashvalues)))
        if matches:
            return matches[0]
        self._add(doc_id, signature)
        self.indexed.append((doc_id, signature.hashvalues))
        return None

    def _lazy_matches(self, hashvalues: np.ndarray) -> list[str]:
        """The restored documents that share a whole band of the LSH with a signature."""
        rows = self.lazy_rows[self.lazy_start:]
        if not len(rows):
            return []
        same = rows == hashvalues
        shared = np.zeros(len(rows), dtype=bool)
        for start, end in self.index.hashranges:
            shared |= same[:, start:end].all(axis=1)
        return [self.lazy_ids[self.lazy_start + i] for i in np.flatnonzero(shared)]

    def _add(self, doc_id: str, signature) -> None:
        self.index.insert(doc_id, signature)
        self.window.append((doc_id, signature.hashvalues))
        if len(self.window) > self.WINDOW:
            oldest, _ = self.window.popleft()
            if self.lazy_start < len(self.lazy_ids):
                self.lazy_start += 1  # the oldest documents are the restored ones
            else:
                self.index.remove(oldest)
        restored = len(self.lazy_ids) - self.lazy_start  # restored documents still in the window
        if restored and len(self.window) - restored > self.LAZY_LIMIT:
            self._index_restored()

    def _index_restored(self) -> None:
        """Put the restored documents still in the window into the LSH."""
        from datasketch import MinHash

        for doc_id, hashvalues in zip(self.lazy_ids[self.lazy_start:], self.lazy_rows[self.lazy_start:]):
            self.index.insert(doc_id, MinHash(num_perm=self.PERMUTATIONS, seed=1, hashvalues=hashvalues, permutations=self.permutations, scheme=self.scheme))
        self.lazy_ids, self.lazy_rows, self.lazy_start = [], self.lazy_rows[:0], 0

    def restore(self, indexed: list[tuple[str, np.ndarray]]) -> None:
        """Take the signatures an earlier build indexed, oldest first, as the window it left (on an empty index)."""
        latest = indexed[-self.WINDOW:]
        self.lazy_ids = [doc_id for doc_id, _ in latest]
        self.lazy_rows = np.array([hashvalues for _, hashvalues in latest], dtype=np.uint64).reshape(-1, self.PERMUTATIONS)
        self.lazy_start = 0
        self.window = deque(latest)

    def __getstate__(self) -> dict[str, object]:
        return {"window": list(self.window), "indexed": self.indexed}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]
        self.restore(state["window"])  # type: ignore[arg-type]
        self.indexed = state["indexed"]  # type: ignore[assignment]


@dataclass
class ReadingState:
    """What reading remembers across inputs: the ids of documents met, and the near-duplicate index."""

    seen: set[str] = field(default_factory=set)
    near: NearDuplicates = field(default_factory=NearDuplicates)


def ingest(paths: Iterable[Path], batch_size: int = 500) -> Iterator[Batch]:
    """Read every input into batches of distinct documents; duplicates (same content hash) are counted."""
    return ingest_items(list(iter_files(paths)), batch_size)


def ingest_items(items: list[Path | Rejected], batch_size: int = 500, state: ReadingState | None = None, first: int = 0) -> Iterator[Batch]:
    """Read ``items[first:]`` in batches, continuing from ``state`` (what reading ``items[:first]`` left).

    A batch closes when it holds ``batch_size`` documents, or at the end of an item once it holds a
    quarter of that (so batches often end where an item ends), and always at the end of the last item."""
    state = state or ReadingState()
    docs: list[dict[str, object]] = []
    rejects: list[Rejected] = []
    seen: list[str] = []
    inputs = duplicates = 0

    def close(done: int, at_item_end: bool) -> Batch:
        nonlocal docs, rejects, seen, inputs, duplicates
        batch = _batch(docs, rejects, inputs, duplicates)
        batch.items_done, batch.at_item_end, batch.seen, batch.indexed = done, at_item_end, seen, state.near.indexed
        state.near.indexed = []
        docs, rejects, seen, inputs, duplicates = [], [], [], 0, 0
        return batch

    for index in range(first, len(items)):
        for record in records_of(items[index]):
            inputs += 1
            result = to_document(record) if isinstance(record, Raw) else record
            if isinstance(result, Rejected):
                rejects.append(result)
            elif result["doc_id"] in state.seen:
                duplicates += 1
            else:
                state.seen.add(str(result["doc_id"]))
                seen.append(str(result["doc_id"]))
                result["duplicate_of"] = state.near.original_of(str(result["doc_id"]), str(result["text"]))
                docs.append(result)
            if len(docs) >= batch_size:
                yield close(index, False)
        if len(docs) >= max(1, batch_size // 4) or index == len(items) - 1:
            yield close(index + 1, True)


def _batch(docs: list[dict[str, object]], rejects: list[Rejected], inputs: int, duplicates: int) -> Batch:
    documents = pd.DataFrame(docs) if docs else empty_frame(Document)
    reject_frame = (
        pd.DataFrame([{"input_path": r.input_path, "source_id": r.source_id, "stage": r.stage, "reason": r.reason, "detail": r.detail} for r in rejects])
        if rejects
        else empty_frame(Reject)
    )
    return Batch(documents, reject_frame, inputs, duplicates)

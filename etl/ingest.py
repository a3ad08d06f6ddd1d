"""ingest: input files -> documents (and rejects).

Files and directories are walked in a stable order; each file is read by the reader for its format,
which yields one raw record per document (or a reject). Records are normalised, hashed and batched so
that memory stays flat whatever the size of the corpus.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from schemas import Document, Reject, empty_frame

KNOWN_KEYS = ("id", "text", "html", "url", "source", "published_at", "title", "lang")


@dataclass
class Raw:
    """One document as read from its input, before normalisation."""

    input_path: str
    input_format: str
    fields: dict[str, object]


@dataclass
class Rejected:
    """One input that cannot become a document."""

    input_path: str
    reason: str
    detail: str | None = None
    source_id: str | None = None
    stage: str = "ingest"


@dataclass
class Batch:
    """A batch of documents with the rejects and counts met while reading it."""

    documents: pd.DataFrame
    rejects: pd.DataFrame
    inputs: int
    duplicates: int


@dataclass
class _Seen:
    doc_ids: set[str] = field(default_factory=set)


Reader = Callable[[Path], Iterator["Raw | Rejected"]]


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


# -------------------------------------------------------------------------------------------- readers


def read_jsonl(path: Path) -> Iterator[Raw | Rejected]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Rejected(where, "line is not valid JSON", str(exc)[:200])
                continue
            if not isinstance(record, dict):
                yield Rejected(where, "line is JSON but not an object", type(record).__name__)
                continue
            yield Raw(where, "jsonl", record)


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)


def read_text(path: Path) -> Iterator[Raw | Rejected]:
    import yaml

    text = decode(path.read_bytes())
    if text is None:
        yield Rejected(str(path), "file is not text (binary or unknown encoding)")
        return
    fields: dict[str, object] = {}
    match = FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            yield Rejected(str(path), "front matter is not valid YAML", str(exc)[:200])
            return
        if not isinstance(loaded, dict):
            yield Rejected(str(path), "front matter is not a mapping")
            return
        fields.update(loaded)
        text = text[match.end():]
    fields["text"] = text
    fields.setdefault("id", path.stem)
    yield Raw(str(path), "text", fields)


def decode(data: bytes) -> str | None:
    """Decode bytes as UTF-8 (with or without BOM), else as the detected encoding; None for binary."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".txt": read_text,
    ".md": read_text,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def iter_records(paths: Iterable[Path]) -> Iterator[Raw | Rejected]:
    """Raw documents and rejects from every input, in a stable order."""
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        reader = reader_for(item)
        if reader is None:
            yield Rejected(str(item), f"unknown file type {item.suffix or '(no extension)'!r}")
            continue
        if not os.access(item, os.R_OK):
            yield Rejected(str(item), "file cannot be read (permission denied)")
            continue
        try:
            yield from reader(item)
        except OSError as exc:
            yield Rejected(str(item), "file cannot be read", str(exc))


# ------------------------------------------------------------------------------------- normalisation


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
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
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True)


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


def ingest(paths: Iterable[Path], batch_size: int = 500) -> Iterator[Batch]:
    """Read every input into batches of distinct documents; duplicates (same content hash) are counted."""
    seen = _Seen()
    docs: list[dict[str, object]] = []
    rejects: list[Rejected] = []
    inputs = duplicates = 0
    for item in iter_records(paths):
        inputs += 1
        result = to_document(item) if isinstance(item, Raw) else item
        if isinstance(result, Rejected):
            rejects.append(result)
        elif result["doc_id"] in seen.doc_ids:
            duplicates += 1
        else:
            seen.doc_ids.add(str(result["doc_id"]))
            docs.append(result)
        if len(docs) >= batch_size:
            yield _batch(docs, rejects, inputs, duplicates)
            docs, rejects, inputs, duplicates = [], [], 0, 0
    if docs or rejects or inputs:
        yield _batch(docs, rejects, inputs, duplicates)


def _batch(docs: list[dict[str, object]], rejects: list[Rejected], inputs: int, duplicates: int) -> Batch:
    documents = pd.DataFrame(docs) if docs else empty_frame(Document)
    reject_frame = (
        pd.DataFrame([{"input_path": r.input_path, "source_id": r.source_id, "stage": r.stage, "reason": r.reason, "detail": r.detail} for r in rejects])
        if rejects
        else empty_frame(Reject)
    )
    return Batch(documents, reject_frame, inputs, duplicates)

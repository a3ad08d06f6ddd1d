"""Readers: one per input format, each turning a file into raw documents (or rejects).

A reader yields ``Raw`` records (the contract's keys: id, text or html, url, source, published_at, title,
lang, and any others) or ``Rejected`` ones with a reason a person understands.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
UTF8_PUNCTUATION = re.compile(rb"\xe2\x80[\x80-\xbf]")
MAX_REPORT_BYTES = 10_000_000


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


Reader = Callable[[Path], Iterator[Raw | Rejected]]


# ------------------------------------------------------------------------------------------ encodings


def decode(data: bytes) -> tuple[str | None, str]:
    """Text of a file and how it was decoded, or None and why not.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; bytes that are not UTF-8 but hold
    no UTF-8 sequence at all are a legacy single-byte encoding (cp1251 for Cyrillic, cp1252, ...) and are
    detected with charset-normalizer; UTF-8 with broken bytes and binary files are refused.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "binary content, not text"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            return None, f"broken UTF-16: {exc.reason} at byte {exc.start}"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        broken = f"invalid UTF-8 bytes (byte {exc.start}: {data[exc.start:exc.start + 4]!r})"
        if _mostly_utf8(data):
            return None, broken
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp1252"]).best()
        if best is None or not _plausible_legacy(str(best)):
            return None, broken
        text = str(best)
        encoding = best.encoding
    else:
        encoding = "utf-8"
    if len(CONTROL.findall(text[:100_000])) > MAX_CONTROL_SHARE * min(len(text), 100_000):
        return None, "binary content, not text"
    return text, encoding


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII bytes look like UTF-8 with some bytes broken, rather than a legacy
    single-byte encoding such as cp1251: UTF-8 punctuation (dashes, quotes: E2 80 xx, which cp1251 text
    never holds), or more valid multi-byte characters than broken bytes."""
    if UTF8_PUNCTUATION.search(data):
        return True
    decoded = data.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    fine = sum(1 for ch in decoded if ord(ch) > 127) - broken
    return fine > 2 * broken


def _plausible_legacy(text: str) -> bool:
    """A legacy-encoded report has Cyrillic letters or typographic punctuation beyond ASCII, not stray
    symbols: anything else is a UTF-8 file with broken bytes."""
    extra = [ch for ch in text if ord(ch) > 127]
    expected = sum(1 for ch in extra if "\u0400" <= ch <= "\u04ff" or ch in "“”‘’–—…«»№°")
    return bool(extra) and expected >= 0.9 * len(extra)


def _read_text_file(path: Path) -> tuple[str | None, str]:
    """A single report's text; a file far larger than any report is refused before it is read."""
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        return None, f"{size / 1e6:.1f} MB is too large for one report (limit {MAX_REPORT_BYTES / 1e6:.0f} MB)"
    return decode(path.read_bytes())


# -------------------------------------------------------------------------------------------- readers


def read_jsonl(path: Path) -> Iterator[Raw | Rejected]:
    """One document per line of a JSONL (or gzipped JSONL) file."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except UnicodeDecodeError as exc:
                yield Rejected(where, "line is not UTF-8", f"byte {exc.start}: {exc.reason}")
                continue
            except json.JSONDecodeError as exc:
                yield Rejected(where, "line is not valid JSON (truncated or not JSON)", str(exc)[:200])
                continue
            if not isinstance(record, dict):
                yield Rejected(where, "line is JSON but not an object", type(record).__name__)
                continue
            yield Raw(where, "jsonl", record)


def read_text(path: Path) -> Iterator[Raw | Rejected]:
    """A text or Markdown file, with optional YAML front matter holding the contract's keys."""
    text, how = _read_text_file(path)
    if text is None:
        yield Rejected(str(path), "file is not readable text", how)
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
            yield Rejected(str(path), "front matter is not a mapping of keys")
            return
        fields.update(loaded)
        text = text[match.end():]
    fields["text"] = text
    fields.setdefault("id", path.stem)
    if how != "utf-8":
        fields.setdefault("encoding", how)
    yield Raw(str(path), "text", fields)


def read_html(path: Path) -> Iterator[Raw | Rejected]:
    """A saved web page: main text, title, date and address through trafilatura."""
    from trafilatura import bare_extraction

    html, how = _read_text_file(path)
    if html is None:
        yield Rejected(str(path), "file is not readable text", how)
        return
    document = bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    if document is None:
        yield Rejected(str(path), "page has no main text (scripts, navigation or empty)")
        return
    found = document.as_dict()
    yield Raw(
        str(path),
        "html",
        {"id": path.stem, "text": found.get("text"), "title": found.get("title"), "url": found.get("url"),
         "published_at": found.get("date"), "source": found.get("sitename") or found.get("hostname")},
    )


def read_feed(path: Path) -> Iterator[Raw | Rejected]:
    """An RSS or Atom feed file: one document per entry, through feedparser."""
    import feedparser

    feed = feedparser.parse(path.read_bytes())
    if not feed.entries:
        reason = f"not a feed: {feed.bozo_exception}" if feed.bozo else "feed has no entries"
        yield Rejected(str(path), reason)
        return
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}#{number}"
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
        text = fragment_text(body) if body else None
        stamp = entry.get("published") or entry.get("updated")
        yield Raw(where, "feed", {"id": entry.get("id") or entry.get("link") or where, "text": text, "title": entry.get("title"),
                                  "url": entry.get("link"), "published_at": stamp, "source": source})


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's summary), paragraphs kept apart."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for block in root.iter("p", "br", "li", "div", "h1", "h2", "h3"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content().strip()


def read_json(path: Path) -> Iterator[Raw | Rejected]:
    """A JSON file: a Telegram Desktop channel export (``result.json``), one document per message.

    Service messages (pins, joins, title changes) are not reports and are passed over; every other
    message becomes a document or a reject.
    """
    text, how = _read_text_file(path)
    if text is None:
        yield Rejected(str(path), "file is not readable text", how)
        return
    try:
        export = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(str(path), "file is not valid JSON", str(exc)[:200])
        return
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        yield Rejected(str(path), "JSON file is not a Telegram export (no list of messages)")
        return
    channel = str(export.get("name") or export.get("id") or path.parent.name)
    for number, message in enumerate(export["messages"]):
        where = f"{path}#message{number}"
        if isinstance(message, dict) and message.get("type") == "service":
            continue
        yield telegram_message(message, channel, where)


def telegram_message(message: object, channel: str, where: str) -> Raw | Rejected:
    """One Telegram message as a document; its text may be a string or a list of strings and entities."""
    if not isinstance(message, dict) or "id" not in message:
        return Rejected(where, "malformed Telegram message (no message id)", repr(message)[:200])
    source_id = f"{channel}:{message['id']}"
    body = message.get("text")
    if isinstance(body, list):
        parts = [part if isinstance(part, str) else part.get("text", "") if isinstance(part, dict) else None for part in body]
        if any(part is None for part in parts):
            return Rejected(where, "malformed Telegram message text", repr(body)[:200], source_id)
        body = "".join(parts)
    if not isinstance(body, str):
        return Rejected(where, "malformed Telegram message text", repr(body)[:200], source_id)
    return Raw(where, "telegram", {"id": source_id, "text": body, "published_at": message.get("date"), "source": channel,
                                   "telegram_message_id": message["id"]})


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
    ".json": read_json,
}


def reader_for(path: Path) -> Reader | None:
    """The reader of a file by its name's ending, or None for an unknown kind of file."""
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None

"""segment: documents -> passages.

A plain report is one passage. A live blog is cut into its entries at the markers live blogs print
between them (``Updated at 10.11 EST``, ``Key events``, a ``Share`` button glued to the next headline),
and an entry that repeats an earlier one word for word is marked ``duplicate`` so it is extracted once.
Every passage keeps its offsets into the document text.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from schemas import Passage, empty_frame

LINE_MARKERS = re.compile(
    r"(?im)^(?:updated at \d{1,2}[.:]\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?|key events|show key events only"
    r"|please turn on javascript to use this feature)\s*$"
)
LINE_MARKER_WORDS = ("updated at", "key events", "javascript")  # a text without them has no line marker
SHARE_MARKER = re.compile(r"Share(?=[A-Z‘“'\"])")  # case-sensitive: "shared on Telegram" is no marker
MIN_PASSAGE_CHARS = 20
ASCII_NON_WORD = bytes(c for c in range(128) if not chr(c).isalnum())


def entry_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the entries of a text (the whole text when it has no markers)."""
    cuts = [0]
    for match in _markers(text):
        cuts.extend((match.start(), match.end()))
    cuts.append(len(text))
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start >= MIN_PASSAGE_CHARS:
            spans.append((start, end))
    return spans or [(0, len(text))]


def _markers(text: str) -> list[re.Match[str]]:
    """The entry markers of a text in order. The line markers are looked for only in a text holding one of
    their words: a line-anchored case-insensitive pattern tries every position of the text."""
    found = list(SHARE_MARKER.finditer(text))
    lowered = text.lower()
    if any(word in lowered for word in LINE_MARKER_WORDS):
        found.extend(LINE_MARKERS.finditer(text))
    return sorted(found, key=lambda match: match.start())


def _block_key(text: str) -> str:
    """A block's letters and digits, lower-cased: blocks that differ only in spacing or ASCII punctuation
    are one block (one byte-level pass, several times faster than a pattern over the text)."""
    return hashlib.sha1(text.lower().encode("utf-8").translate(None, ASCII_NON_WORD)).hexdigest()


def segment(documents: pd.DataFrame) -> pd.DataFrame:
    """Cut every document into passages, marking repeated blocks; every passage of a near-duplicate of an
    earlier document is marked too, so a republished story is not extracted twice."""
    rows = []
    for doc in documents.itertuples(index=False):
        republished = isinstance(getattr(doc, "duplicate_of", None), str)
        seen: set[str] = set()
        spans = entry_spans(doc.text)
        for start, end in spans:
            passage = doc.text[start:end]
            key = _block_key(passage) if len(spans) > 1 else ""  # a lone passage repeats nothing before it
            rows.append(
                {
                    "passage_id": f"{doc.doc_id}:{start}",
                    "doc_id": doc.doc_id,
                    "source_id": doc.source_id,
                    "start": start,
                    "end": end,
                    "text": passage,
                    "lang": doc.lang,
                    "published_at": doc.published_at,
                    "duplicate": republished or key in seen,
                }
            )
            seen.add(key)
    return pd.DataFrame(rows) if rows else empty_frame(Passage)

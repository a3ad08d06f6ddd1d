"""A per-document cache of extraction results, keyed by document content hash and extractor fingerprint.

The cache is a SQLite file beside the build directory (``.<build>.cache.sqlite``). Opening it with a new
extractor fingerprint drops every older result, so a change of extractor re-extracts everything.
"""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

Results = dict[str, tuple[list[dict[str, object]], int]]
TABLE = "extraction_results"


def cache_path(out: Path) -> Path:
    out = Path(out).resolve()
    return out.parent / f".{out.name}.cache.sqlite"


class ExtractionCache:
    """Extraction results of earlier builds; ``enabled=False`` reads nothing but still records results."""

    def __init__(self, path: Path, fingerprint: str, enabled: bool = True) -> None:
        self.path, self.fingerprint, self.enabled = Path(path), fingerprint, enabled
        self.con: sqlite3.Connection | None = None

    def __enter__(self) -> "ExtractionCache":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = self._open()
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)  # a damaged or foreign file: start an empty cache
            self.con = self._open()
        return self

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path)
        try:
            con.execute(f"create table if not exists {TABLE} (fingerprint text, doc_id text, payload blob, primary key (fingerprint, doc_id))")
            con.execute(f"delete from {TABLE} where fingerprint != ?", (self.fingerprint,))
            con.commit()
        except sqlite3.DatabaseError:
            con.close()
            raise
        return con

    def __exit__(self, *exc: object) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def get(self, keys: list[str]) -> Results:
        """Cached results of those keys that have one."""
        if not self.enabled or not keys or self.con is None:
            return {}
        found: Results = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"select doc_id, payload from {TABLE} where fingerprint = ? and doc_id in ({marks})"
            for key, payload in self.con.execute(query, (self.fingerprint, *chunk)):
                found[key] = pickle.loads(payload)
        return found

    def put(self, results: Results) -> None:
        if self.con is None or not results:
            return
        rows = [(self.fingerprint, key, pickle.dumps(value, protocol=5)) for key, value in results.items()]
        self.con.executemany(f"insert or replace into {TABLE} values (?, ?, ?)", rows)
        self.con.commit()

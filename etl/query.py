"""Read-only SQL over a build's views."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from etl.store import DUCKDB_FILE


def connect(build_dir: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a build's ``strikelog.duckdb``."""
    path = Path(build_dir) / DUCKDB_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `strikelog build --out {build_dir}` first")
    return duckdb.connect(str(path), read_only=True)


def run_query(build_dir: Path, query: str) -> pd.DataFrame:
    """Run one read-only query; errors come back as ValueError with DuckDB's message."""
    con = connect(build_dir)
    try:
        relation = con.sql(query)
        return relation.df() if relation is not None else pd.DataFrame()
    except duckdb.Error as exc:
        raise ValueError(str(exc).splitlines()[0]) from exc
    finally:
        con.close()

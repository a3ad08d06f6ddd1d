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
    """Run one read-only query; errors come back as ValueError with DuckDB's message.

    Values keep their Python types (dates as dates, lists as lists, NULL as None), so printing them shows
    what DuckDB holds."""
    con = connect(build_dir)
    try:
        relation = con.sql(query)
        if relation is None:
            return pd.DataFrame()
        return pd.DataFrame(relation.fetchall(), columns=relation.columns, dtype=object)
    except duckdb.Error as exc:
        raise ValueError(str(exc).splitlines()[0]) from exc
    finally:
        con.close()

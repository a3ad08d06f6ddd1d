"""Reading and writing tables: typed Parquet parts, atomic directory swaps and DuckDB views."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas import TABLES, arrow_schema

DUCKDB_FILE = "strikelog.duckdb"


def to_arrow(frame: pd.DataFrame, model: type, **metadata: str) -> pa.Table:
    """Convert a validated frame to an Arrow table with exactly the model's storage schema."""
    schema = arrow_schema(model, **metadata)
    arrays = []
    for field in schema:
        column = frame[field.name] if field.name in frame else pd.Series([None] * len(frame), dtype=object)
        arrays.append(_to_array(column, field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _to_array(column: pd.Series, kind: pa.DataType) -> pa.Array:
    if pa.types.is_date32(kind):
        values = pd.to_datetime(column, errors="coerce")
        return pa.array([None if pd.isna(v) else v.date() for v in values], type=kind)
    if pa.types.is_list(kind):
        return pa.array([_plain_list(v) for v in column], type=kind)
    values = column.astype(object).where(column.notna(), None)
    return pa.array(values.tolist(), type=kind, from_pandas=True)


def _plain_list(value: object) -> list:
    if value is None:
        return []
    return [dict(v) if isinstance(v, dict) else v for v in list(value)]


def write_part(frame: pd.DataFrame, model: type, table_dir: Path, part: int, **metadata: str) -> Path:
    """Write one Parquet part of a table; parts are numbered so a table can be written as it streams."""
    table_dir.mkdir(parents=True, exist_ok=True)
    path = table_dir / f"part-{part:05d}.parquet"
    pq.write_table(to_arrow(frame, model, **metadata), path, compression="zstd")
    return path


def write_sorted_part(tables: list[pa.Table | None], model: type, table_dir: Path, part: int, key: str, **metadata: str) -> Path:
    """Write the rows of several Arrow tables as one part of a table, in a stable order of ``key``."""
    schema = arrow_schema(model, **metadata)
    table = pa.concat_tables([schema.empty_table(), *(t.select(schema.names).cast(schema) for t in tables if t is not None)])
    table_dir.mkdir(parents=True, exist_ok=True)
    path = table_dir / f"part-{part:05d}.parquet"
    pq.write_table(table.take(pc.sort_indices(table, [(key, "ascending")])), path, compression="zstd")
    return path


def read_arrow(build_dir: Path, name: str, columns: list[str] | None = None, rows: tuple[str, list[str]] | None = None, parts: list[str] | None = None) -> pa.Table:
    """A table of a build as Arrow (its parts read on all cores, in order): optionally only some columns,
    only the rows whose ``rows[0]`` is in ``rows[1]``, only the named part files."""
    schema = arrow_schema(TABLES[name])
    files = sorted((build_dir / name).glob("*.parquet")) if parts is None else [build_dir / name / p for p in sorted(parts)]
    if not files:
        return schema.empty_table().select(columns or schema.names)
    dataset = ds.dataset([str(f) for f in files], schema=schema, format="parquet")
    condition = None if rows is None else ds.field(rows[0]).isin(pa.array(rows[1], pa.string()))
    return dataset.to_table(columns=columns, filter=condition)


def read_table(
    build_dir: Path, name: str, columns: list[str] | None = None, rows: tuple[str, list[str]] | None = None, parts: list[str] | None = None
) -> pd.DataFrame:
    """Read a whole table of a build back into pandas (or some of it: see ``read_arrow``)."""
    return read_arrow(build_dir, name, columns=columns, rows=rows, parts=parts).to_pandas()


def parquet_glob(build_dir: Path, name: str) -> str:
    return str((build_dir / name).resolve() / "*.parquet")


def write_views(build_dir: Path) -> Path:
    """(Re)create ``strikelog.duckdb`` with one view per table, by absolute path, written atomically."""
    build_dir = build_dir.resolve()
    target = build_dir / DUCKDB_FILE
    fd, tmp_name = tempfile.mkstemp(prefix=".views-", suffix=".duckdb", dir=build_dir)
    os.close(fd)
    os.unlink(tmp_name)
    con = duckdb.connect(tmp_name)
    try:
        for name, model in TABLES.items():
            con.execute(f"CREATE VIEW {name} AS {view_sql(build_dir, name, model)}")
    finally:
        con.close()
    os.replace(tmp_name, target)
    return target


def view_sql(build_dir: Path, name: str, model: type) -> str:
    """SELECT over a table's Parquet files; an empty table still has its typed columns."""
    if any((build_dir / name).glob("*.parquet")):
        return f"SELECT * FROM read_parquet('{parquet_glob(build_dir, name)}', union_by_name = true)"
    columns = ", ".join(f"CAST(NULL AS {duck_type(f.type)}) AS \"{f.name}\"" for f in arrow_schema(model))
    return f"SELECT {columns} WHERE false"


def duck_type(kind: pa.DataType) -> str:
    """The DuckDB type of an Arrow type (for typed empty views)."""
    empty = pa.table({"x": pa.array([], type=kind)})
    return str(duckdb.connect().from_arrow(empty).types[0])


@contextlib.contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield a scratch directory beside ``target``; on success it replaces ``target`` in one rename.

    An exception or a killed process leaves ``target`` as it was (the scratch directory is removed or,
    after a kill, left under a ``.partial-`` name that the next run clears).
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
    try:
        yield scratch
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        os.replace(target, old)
    os.replace(scratch, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

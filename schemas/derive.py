"""Everything that is derived from the pandera models: Arrow, Frictionless and DuckDB schemas, docs, validation."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow

EVIDENCE_TYPE = pa_arrow.list_(
    pa_arrow.struct(
        [
            ("field", pa_arrow.string()),
            ("start", pa_arrow.int64()),
            ("end", pa_arrow.int64()),
            ("text", pa_arrow.string()),
        ]
    )
)

_ARROW = {
    "string": pa_arrow.string(),
    "int64": pa_arrow.int64(),
    "float64": pa_arrow.float64(),
    "bool": pa_arrow.bool_(),
    "date32": pa_arrow.date32(),
    "timestamp": pa_arrow.timestamp("us", tz="UTC"),
    "list<string>": pa_arrow.list_(pa_arrow.string()),
    "evidence": EVIDENCE_TYPE,
}
_FRICTIONLESS = {
    "string": "string",
    "int64": "integer",
    "float64": "number",
    "bool": "boolean",
    "date32": "date",
    "timestamp": "datetime",
    "list<string>": "array",
    "evidence": "array",
}
_LIST_TYPES = {"list<string>", "evidence"}


@lru_cache(maxsize=None)
def _storage_types(model: type[pa.DataFrameModel]) -> dict[str, str]:
    schema = model.to_schema()
    return {name: col.metadata["arrow"] for name, col in schema.columns.items()}


def arrow_schema(model: type[pa.DataFrameModel], **metadata: str) -> pa_arrow.Schema:
    """The Parquet/Arrow schema of a table, optionally stamped with key-value metadata."""
    fields = [pa_arrow.field(name, _ARROW[kind]) for name, kind in _storage_types(model).items()]
    return pa_arrow.schema(fields, metadata={k: str(v) for k, v in metadata.items()} or None)


def field_docs(model: type[pa.DataFrameModel]) -> list[dict[str, object]]:
    """Name, storage type, nullability and description of every column."""
    schema = model.to_schema()
    return [
        {
            "name": name,
            "type": col.metadata["arrow"],
            "nullable": bool(col.nullable),
            "description": col.description or "",
        }
        for name, col in schema.columns.items()
    ]


def frictionless_schema(model: type[pa.DataFrameModel]) -> dict[str, object]:
    """A Frictionless Table Schema for the table."""
    fields = []
    for doc in field_docs(model):
        field = {"name": doc["name"], "type": _FRICTIONLESS[str(doc["type"])], "description": doc["description"]}
        if not doc["nullable"]:
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields}


def empty_frame(model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """A zero-row frame with the table's columns, already valid."""
    return arrow_schema(model).empty_table().to_pandas()


def _list_problems(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> pd.Series:
    """Per row, the first list column that does not hold a list (pandera cannot type those)."""
    problems = pd.Series("", index=frame.index, dtype=object)
    for name, kind in _storage_types(model).items():
        if kind not in _LIST_TYPES or name not in frame:
            continue
        bad = ~frame[name].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "__array__") or v is None)
        problems[bad & (problems == "")] = f"{name} is not a list"
    return problems


def validate(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate lazily; return the valid rows (coerced) and a rejects frame for the failing ones.

    A row that fails any check is removed from the table and reported with the check and value, so a
    bad row is never written and never silently dropped.
    """
    frame = frame.reindex(columns=list(_storage_types(model)))
    list_problems = _list_problems(frame, model)
    bad_rows: dict[object, str] = {i: p for i, p in list_problems.items() if p}
    candidate = frame.drop(index=list(bad_rows))
    try:
        valid = model.validate(candidate, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        whole_frame = cases["index"].isna()
        if whole_frame.any():
            raise ValueError(f"{model.__name__}: table-level schema failure: {cases[whole_frame].to_dict('records')}") from exc
        for row in cases.itertuples():
            bad_rows.setdefault(row.index, f"{row.column}: {row.check} (value {row.failure_case!r})")
        valid = model.validate(frame.drop(index=list(bad_rows)), lazy=True)
    rejects = pd.DataFrame(
        {
            "input_path": [_row_value(frame, i, "input_path") for i in bad_rows],
            "source_id": [_row_value(frame, i, "source_id") for i in bad_rows],
            "stage": "validate",
            "reason": f"{model.__name__} row failed schema validation",
            "detail": [f"{detail}; row {_row_id(frame, i)}" for i, detail in bad_rows.items()],
        }
    )
    return valid, rejects


def _row_value(frame: pd.DataFrame, index: object, column: str) -> str | None:
    if column not in frame:
        return None
    value = frame.at[index, column]
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _row_id(frame: pd.DataFrame, index: object) -> str:
    first = frame.columns[0]
    return json.dumps(str(frame.at[index, first]))

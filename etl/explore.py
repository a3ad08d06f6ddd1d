"""Exploration: open a release or a build with DuckDB and compute the summaries analysts look at first.

Every summary is a pandas DataFrame computed in SQL over the views of ``open_dataset``; an empty table
gives an empty frame with the same columns, never an error.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl.store import view_sql
from schemas import TABLES
from schemas.tables import CASUALTY_FIELDS, COUNT_FIELDS

DATASETS = Path("datasets")
RELEASE_FILES = {name: Path(f"{name}.parquet") for name in TABLES} | {"rejects": Path("qa") / "rejects.parquet"}
FILLED_FIELDS = ("attack_date", *COUNT_FIELDS, "temperature_c", *CASUALTY_FIELDS)
WEAPON_CLASSES = {
    "ballistic": "ballistic missiles",
    "cruise": "cruise missiles",
    "other": "other missiles",
    "unclassed": "missiles of no stated class",
    "drones": "drones",
}

# One row per event with the derived figures every summary shares: the month, the missiles launched (the
# stated total, or the sum of the classes when that is larger or no total is stated), the missiles the
# reports give no class for, and all weapons launched.
WAVES_SQL = """
CREATE VIEW waves AS
WITH sized AS (
    SELECT *, date_trunc('month', attack_date)::date AS month,
           CASE WHEN ballistic_missiles IS NULL AND cruise_missiles IS NULL AND other_missiles IS NULL
                THEN missiles_total
                ELSE greatest(coalesce(missiles_total, 0),
                              coalesce(ballistic_missiles, 0) + coalesce(cruise_missiles, 0) + coalesce(other_missiles, 0))
           END AS missiles
    FROM events)
SELECT *,
       nullif(missiles - coalesce(ballistic_missiles, 0) - coalesce(cruise_missiles, 0) - coalesce(other_missiles, 0), 0)
           AS unclassed_missiles,
       CASE WHEN drones IS NULL AND missiles IS NULL THEN NULL ELSE coalesce(drones, 0) + coalesce(missiles, 0) END
           AS weapons
FROM sized
"""


def dataset_path(path: str | Path | None = None, datasets: Path = DATASETS) -> Path:
    """The folder to explore: a release name, a release or build folder, or by default the latest release
    under ``datasets/releases`` and else ``datasets/build``."""
    if path is not None:
        for candidate in (Path(path), datasets / "releases" / str(path)):
            if candidate.is_dir():
                return candidate.resolve()
        raise FileNotFoundError(f"no release or build at {path} (nor a release of that name in {datasets / 'releases'})")
    for default in (datasets / "releases" / "latest", datasets / "build"):
        if default.is_dir():
            return default.resolve()
    raise FileNotFoundError(f"no release in {datasets / 'releases'} and no build in {datasets / 'build'}: run `strikelog build`")


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _release_file(folder: Path, name: str) -> Path:
    return folder / RELEASE_FILES[name]


def _holds(folder: Path, name: str) -> bool:
    """True when the folder has the table, as a release file or as a build's part directory."""
    return _release_file(folder, name).is_file() or (folder / name).is_dir()


def _table_sql(folder: Path, name: str) -> str:
    """SELECT over one table of a release (``<table>.parquet``) or a build (``<table>/*.parquet``); a table
    the folder lacks is an empty SELECT with the table's typed columns."""
    release_file = _release_file(folder, name)
    if release_file.is_file():
        return f"SELECT * FROM read_parquet({_quoted(release_file)})"
    return view_sql(folder, name, TABLES[name])


def open_dataset(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of a release or a build, plus ``waves``.

    A table the folder lacks becomes an empty view with its typed columns; a folder with none of the
    tables is an error.
    """
    folder = dataset_path(path)
    if not any(_holds(folder, name) for name in TABLES):
        expected = ", ".join(str(p) for p in RELEASE_FILES.values())
        raise FileNotFoundError(f"{folder} is neither a release ({expected}) nor a build (<table>/*.parquet)")
    con = duckdb.connect()
    for name in TABLES:
        con.execute(f"CREATE VIEW {name} AS {_table_sql(folder, name)}")
    con.execute(WAVES_SQL)
    return con


def frame(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    """A query's result as pandas, integers kept as nullable integers."""
    return con.sql(sql).to_arrow_table().to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


def monthly(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Waves and weapons launched per month and attacker; one column per weapon class."""
    classes = ", ".join(
        f"sum({column})::BIGINT AS {name}"
        for name, column in zip(WEAPON_CLASSES, ("ballistic_missiles", "cruise_missiles", "other_missiles", "unclassed_missiles", "drones"))
    )
    return frame(
        con,
        f"""SELECT month, attacker, count(*) AS waves, {classes}, sum(missiles)::BIGINT AS missiles, sum(weapons)::BIGINT AS weapons
            FROM waves WHERE month IS NOT NULL GROUP BY ALL ORDER BY month, attacker""",
    )


def launched_by_class(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Weapons launched per month, attacker and class (long form; months without a figure left out)."""
    wide = monthly(con)
    long = wide.melt(id_vars=["month", "attacker"], value_vars=list(WEAPON_CLASSES), var_name="class", value_name="launched")
    long["class"] = long["class"].map(WEAPON_CLASSES)
    return long.dropna(subset=["launched"]).reset_index(drop=True)


def interception(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Share of launched drones and missiles reported destroyed, per month, attacker and class.

    Only waves whose reports give both the launched and the destroyed figure of a class count.
    """
    return frame(
        con,
        """
        WITH pairs AS (
            SELECT month, attacker, 'drones' AS class, drones AS launched, drones_destroyed AS destroyed FROM waves
            UNION ALL
            SELECT month, attacker, 'missiles', missiles, missiles_destroyed FROM waves)
        SELECT month, attacker, class, count(*) AS waves, sum(launched)::BIGINT AS launched, sum(destroyed)::BIGINT AS destroyed,
               sum(destroyed) / sum(launched) AS rate
        FROM pairs WHERE month IS NOT NULL AND launched > 0 AND destroyed IS NOT NULL
        GROUP BY ALL ORDER BY month, attacker, class
        """,
    )


def top_regions(con: duckdb.DuckDBPyConnection, limit: int = 15) -> pd.DataFrame:
    """Regions hit in the most waves (a wave counts once per region)."""
    return frame(
        con,
        f"""SELECT region, count(*) AS waves, sum(weapons)::BIGINT AS weapons
            FROM (SELECT DISTINCT event_id, unnest(regions) AS region, weapons FROM waves)
            GROUP BY region ORDER BY waves DESC, region LIMIT {int(limit)}""",
    )


def biggest_waves(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pd.DataFrame:
    """The waves with the most weapons launched."""
    return frame(
        con,
        f"""SELECT attack_date, attacker, target_country, drones, missiles, weapons, n_sources, regions
            FROM waves WHERE weapons IS NOT NULL ORDER BY weapons DESC, attack_date, event_id LIMIT {int(limit)}""",
    )


def by_temperature(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Waves whose reports state the air temperature: how cold it was and how large the wave."""
    return frame(
        con,
        """SELECT attack_date, attacker, temperature_c, drones, missiles, weapons, regions
           FROM waves WHERE temperature_c IS NOT NULL ORDER BY temperature_c, attack_date, event_id""",
    )


def conflicts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Fields sources disagree on (and failed consistency checks), with how many events have each."""
    return frame(
        con,
        """SELECT field, count(*) AS events FROM (SELECT unnest(conflicts) AS field FROM events)
           GROUP BY field ORDER BY events DESC, field""",
    )


def disagreements(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every claim on a field that the sources of its event disagree on; ``chosen`` marks the event's value."""
    return frame(
        con,
        """SELECT e.attack_date, e.attacker, c.field, c.value, c.source, c.published_at, c.chosen, e.event_id
           FROM events e JOIN event_claims c USING (event_id)
           WHERE list_contains(e.conflicts, c.field)
           ORDER BY e.attack_date, e.event_id, c.field, c.value, c.published_at""",
    )


def quality(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Data quality: rows per table, documents, rejects by reason, observations per document, fields filled
    and conflicts."""
    counts = " UNION ALL ".join(f"SELECT '{name}' AS table_name, count(*) AS rows FROM {name}" for name in TABLES)
    shares = " UNION ALL ".join(
        f"SELECT '{field}' AS field, (SELECT avg(({field} IS NOT NULL)::int) FROM observations) AS observations, "
        f"(SELECT avg(({field} IS NOT NULL)::int) FROM events) AS events"
        for field in FILLED_FIELDS
    )
    return {
        "tables": frame(con, counts),
        "documents": frame(
            con,
            """SELECT input_format, lang, count(*) AS documents, count(duplicate_of) AS near_duplicates,
                      sum(n_chars)::BIGINT AS characters
               FROM documents GROUP BY ALL ORDER BY documents DESC, input_format, lang""",
        ),
        "rejects": frame(con, "SELECT stage, reason, count(*) AS inputs FROM rejects GROUP BY ALL ORDER BY inputs DESC, stage, reason"),
        "observations_per_document": frame(
            con,
            """SELECT observations, count(*) AS documents FROM (
                   SELECT d.doc_id, count(o.obs_id) AS observations FROM documents d
                   LEFT JOIN observations o USING (doc_id) GROUP BY d.doc_id)
               GROUP BY observations ORDER BY observations""",
        ),
        "fields_filled": frame(con, shares),
        "conflicts": conflicts(con),
    }

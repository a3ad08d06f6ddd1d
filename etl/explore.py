"""Exploration: open a release or a build with DuckDB and compute the summaries analysts look at first."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from schemas import TABLES
from schemas.tables import CASUALTY_FIELDS, COUNT_FIELDS

RELEASE_FILES = {name: Path(f"{name}.parquet") for name in ("events", "observations", "documents", "event_claims")} | {
    "rejects": Path("qa") / "rejects.parquet"
}


def dataset_path(path: str | Path | None = None) -> Path:
    """A release folder, a build folder, or by default the latest release (else the default build)."""
    if path is not None:
        candidate = Path(path)
        if not candidate.exists() and (Path("datasets") / "releases" / str(path)).exists():
            candidate = Path("datasets") / "releases" / str(path)
        if not candidate.exists():
            raise FileNotFoundError(f"no release or build at {path}")
        return candidate.resolve()
    for default in (Path("datasets") / "releases" / "latest", Path("datasets") / "build"):
        if default.exists():
            return default.resolve()
    raise FileNotFoundError("no release in datasets/releases and no build in datasets/build: run `strikelog build`")


def open_dataset(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table over a release or a build."""
    folder = dataset_path(path)
    con = duckdb.connect()
    for name in TABLES:
        release_file = folder / RELEASE_FILES.get(name, Path(f"{name}.parquet"))
        build_files = folder / name
        if release_file.exists():
            source = f"read_parquet('{release_file}')"
        elif build_files.is_dir() and any(build_files.glob("*.parquet")):
            source = f"read_parquet('{build_files}/*.parquet', union_by_name = true)"
        else:
            continue
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM {source}")
    return con


def monthly(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Waves and launched weapons per month, by attacker and class."""
    return con.execute(
        """
        select date_trunc('month', attack_date)::date as month, attacker, count(*) as waves,
               sum(ballistic_missiles) as ballistic, sum(cruise_missiles) as cruise, sum(other_missiles) as other,
               sum(coalesce(missiles_total, coalesce(ballistic_missiles, 0) + coalesce(cruise_missiles, 0) + coalesce(other_missiles, 0))) as missiles,
               sum(drones) as drones
        from events where attack_date is not null group by 1, 2 order by 1, 2
        """
    ).df()


def interception(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Share of launched missiles and drones reported destroyed, per month (waves that give both figures)."""
    return con.execute(
        """
        with launched as (
            select date_trunc('month', attack_date)::date as month, drones, drones_destroyed, missiles_destroyed,
                   coalesce(missiles_total, ballistic_missiles + cruise_missiles + other_missiles) as missiles
            from events where attack_date is not null and attacker = 'RU')
        select month,
               sum(drones_destroyed) filter (where drones is not null and drones_destroyed is not null)
                 / nullif(sum(drones) filter (where drones is not null and drones_destroyed is not null), 0) as drones_rate,
               sum(missiles_destroyed) filter (where missiles is not null and missiles_destroyed is not null)
                 / nullif(sum(missiles) filter (where missiles is not null and missiles_destroyed is not null), 0) as missiles_rate
        from launched group by 1 order by 1
        """
    ).df()


def top_regions(con: duckdb.DuckDBPyConnection, limit: int = 15) -> pd.DataFrame:
    """Regions hit in the most waves."""
    return con.execute(
        f"select region, count(*) as waves from (select unnest(regions) as region from events) group by 1 order by 2 desc, 1 limit {int(limit)}"
    ).df()


def biggest_waves(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pd.DataFrame:
    """The largest waves by weapons launched."""
    return con.execute(
        f"""
        select attack_date, attacker, target_country, drones,
               coalesce(missiles_total, ballistic_missiles + cruise_missiles + other_missiles) as missiles,
               coalesce(drones, 0) + coalesce(missiles_total, coalesce(ballistic_missiles, 0) + coalesce(cruise_missiles, 0) + coalesce(other_missiles, 0)) as weapons,
               n_sources, regions
        from events order by weapons desc, attack_date limit {int(limit)}
        """
    ).df()


def by_temperature(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Waves with a stated temperature: how cold, and how large."""
    return con.execute(
        """
        select attack_date, temperature_c, drones,
               coalesce(missiles_total, ballistic_missiles + cruise_missiles + other_missiles) as missiles, regions
        from events where temperature_c is not null order by temperature_c
        """
    ).df()


def disagreements(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every claim on a field that sources disagree on."""
    return con.execute(
        """
        select e.attack_date, e.attacker, c.field, c.value, c.source, c.published_at, c.chosen
        from events e join event_claims c using (event_id)
        where list_contains(e.conflicts, c.field) order by e.attack_date, c.field, c.value
        """
    ).df()


def quality(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Data quality: table sizes, rejects by reason, observations per document, fields filled, conflicts."""
    filled = ", ".join(f"avg(({f} is not null)::int) as {f}" for f in (*COUNT_FIELDS, "temperature_c", *CASUALTY_FIELDS, "attack_date"))
    return {
        "tables": con.execute(
            "select 'documents' as table_name, count(*) as rows from documents union all select 'observations', count(*) from observations "
            "union all select 'events', count(*) from events union all select 'rejects', count(*) from rejects"
        ).df(),
        "rejects": con.execute("select stage, reason, count(*) as inputs from rejects group by 1, 2 order by 3 desc").df(),
        "observations_per_document": con.execute(
            "select n as observations, count(*) as documents from (select d.doc_id, count(o.obs_id) as n from documents d "
            "left join observations o using (doc_id) group by 1) group by 1 order by 1"
        ).df(),
        "fields_filled": con.execute(f"select {filled} from observations").df().T.rename(columns={0: "share"}),
        "conflicts": con.execute(
            "select c as field, count(*) as events from (select unnest(conflicts) as c from events) group by 1 order by 2 desc"
        ).df(),
    }

"""release: a build -> a named, immutable, verifiable release that DuckDB can query in place.

A release ``datasets/releases/<VERSION>/`` holds one Parquet file per table (``qa/rejects.parquet`` apart),
each stamped with the data version and the schema version; ``manifest.json`` with the rows, bytes and
sha256 of every file; a Frictionless data package (``datapackage.json`` over CSV exports in ``csv/``,
table schemas derived from the pandera models); a dataset card ``README.md``; ``changes.parquet`` and
``CHANGELOG.md`` against the previous release. A release is written beside its final place and renamed
into it when complete: releasing a version twice fails, and a release killed midway leaves nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from etl import __version__
from etl.consolidate import __doc__ as RECONCILIATION
from etl.store import read_table, to_arrow
from schemas import SCHEMA_VERSION, TABLES, field_docs, frictionless_schema, validate
from schemas.tables import CASUALTY_FIELDS, COUNT_FIELDS

RELEASES = Path("datasets") / "releases"
CATALOG = Path("datasets") / "strikelog.duckdb"
LATEST = "latest"
VERSION_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")
PUBLISHED = {"events": "event_id", "observations": "obs_id", "documents": "doc_id", "event_claims": ("event_id", "field", "obs_id")}
QA = {"rejects": ("input_path", "stage", "reason", "detail", "source_id")}
EVENT_FIELDS = ("attacker", "target_country", "attack_date", *COUNT_FIELDS, "temperature_c", *CASUALTY_FIELDS, "regions")
STEP_DELAY = "STRIKELOG_RELEASE_STEP_DELAY"  # seconds to wait between files: lets tests interrupt a release
CARD_QUERIES = (
    ("The ten largest drone waves",
     "select attack_date, attacker, drones, drones_destroyed, regions from read_parquet('events.parquet') "
     "order by drones desc nulls last limit 10"),
    ("Launched weapons per month and class",
     "select date_trunc('month', attack_date) as month, sum(ballistic_missiles) as ballistic, sum(cruise_missiles) as cruise, "
     "sum(other_missiles) as other, sum(drones) as drones from read_parquet('events.parquet') group by 1 order by 1"),
    ("Where sources disagree",
     "select e.attack_date, c.field, c.value, c.source, c.chosen from read_parquet('events.parquet') e "
     "join read_parquet('event_claims.parquet') c using (event_id) where len(e.conflicts) > 0 order by 1, 2"),
)


class ReleaseError(Exception):
    """A release cannot be made or read; the message says why."""


@dataclass
class Diff:
    """What changed between two releases, per event."""

    changes: pd.DataFrame  # event_id, change (added, removed, data_changed, unchanged), fields

    def counts(self) -> dict[str, int]:
        counted = self.changes["change"].value_counts()
        return {kind: int(counted.get(kind, 0)) for kind in ("added", "removed", "data_changed", "unchanged")}


# ------------------------------------------------------------------------------------------- writing


def release(version: str, build_dir: Path = Path("datasets/build"), root: Path = RELEASES) -> Path:
    """Turn a build into release ``version`` under ``root``; returns the release folder."""
    if not VERSION_NAME.fullmatch(version) or version == LATEST:
        raise ReleaseError(f"bad version name {version!r}: letters, digits, '.', '_' and '-' (e.g. 2026.02.0)")
    if not (Path(build_dir) / "events").is_dir():
        raise ReleaseError(f"{build_dir} is not a build (no events table): run `strikelog build` first")
    root = Path(root).resolve()
    target = root / version
    if target.exists():
        raise ReleaseError(f"release {version} already exists in {root}: releases are immutable, choose a new version")
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob(".*.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    previous = latest_version(root)
    scratch = Path(tempfile.mkdtemp(prefix=f".{version}.partial-", dir=root))
    try:
        files = _write_tables(Path(build_dir), scratch, version)
        documents = pd.read_parquet(scratch / "documents.parquet", columns=["doc_id"])
        diff = diff_releases(root / previous, scratch) if previous else None
        if diff is not None:
            diff.changes.to_parquet(scratch / "changes.parquet", index=False)
        files += _write_frictionless(scratch, version)
        manifest = _manifest(scratch, version, files, documents)
        _write_json(scratch / "manifest.json", manifest)
        (scratch / "README.md").write_text(dataset_card(scratch, manifest), encoding="utf-8")
        (scratch / "CHANGELOG.md").write_text(changelog(version, previous, diff), encoding="utf-8")
        if target.exists():
            raise ReleaseError(f"release {version} appeared while it was being written")
        scratch.chmod(0o755)
        os.replace(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    point_latest(root, version)
    write_catalog(root)
    return target


def _pause() -> None:
    delay = float(os.environ.get(STEP_DELAY, "0") or 0)
    if delay:
        time.sleep(delay)


def _write_tables(build_dir: Path, out: Path, version: str) -> list[str]:
    stamp = {"data_version": version, "schema_version": SCHEMA_VERSION, "strikelog_version": __version__}
    written = []
    for group, folder in ((PUBLISHED, out), (QA, out / "qa")):
        folder.mkdir(parents=True, exist_ok=True)
        for name, key in group.items():
            frame = read_table(build_dir, name)
            keys = [key] if isinstance(key, str) else list(key)
            frame = frame.sort_values(keys, kind="stable", na_position="first").reset_index(drop=True)
            path = folder / f"{name}.parquet"
            pq.write_table(to_arrow(frame, TABLES[name], **stamp), path, compression="zstd")
            written.append(str(path.relative_to(out)))
            _pause()
    return written


def _write_frictionless(out: Path, version: str) -> list[str]:
    """CSV exports of the published tables and a Frictionless data package describing them."""
    (out / "csv").mkdir()
    resources = []
    for name in PUBLISHED:
        frame = pd.read_parquet(out / f"{name}.parquet", dtype_backend="numpy_nullable")
        path = out / "csv" / f"{name}.csv"
        _csv_ready(frame).to_csv(path, index=False, lineterminator="\n")
        resources.append(
            {
                "name": name.replace("_", "-"),
                "path": f"csv/{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": path.stat().st_size,
                "hash": f"sha256:{sha256(path)}",
                "schema": frictionless_schema(TABLES[name]),
                "description": TABLES[name].__doc__,
            }
        )
    package = {
        "name": "strikelog",
        "title": "strikelog: missile and drone strike waves",
        "version": version,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }
    _write_json(out / "datapackage.json", package)
    return [f"csv/{name}.csv" for name in PUBLISHED]


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and structs as JSON, times as ISO 8601, for CSV readers and Frictionless types."""
    ready = frame.copy()
    for column in ready.columns:
        values = ready[column]
        if values.dtype == object and values.map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
            ready[column] = values.map(lambda v: json.dumps(_plain(v), ensure_ascii=False))
        elif isinstance(values.dtype, pd.DatetimeTZDtype):
            ready[column] = values.map(lambda v: v.strftime("%Y-%m-%dT%H:%M:%SZ") if pd.notna(v) else None)
    return ready


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _manifest(out: Path, version: str, files: list[str], documents: pd.DataFrame) -> dict[str, object]:
    fingerprint = hashlib.sha256("\n".join(sorted(documents["doc_id"])).encode()).hexdigest()
    entries = []
    for relative in files:
        path = out / relative
        entry = {"path": relative, "bytes": path.stat().st_size, "sha256": sha256(path)}
        entry["rows"] = pq.ParquetFile(path).metadata.num_rows if relative.endswith(".parquet") else sum(1 for _ in open(path, encoding="utf-8")) - 1
        entries.append(entry)
    return {
        "data_version": version,
        "schema_version": SCHEMA_VERSION,
        "strikelog_version": __version__,
        "created_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "inputs_fingerprint": fingerprint,
        "files": entries,
    }


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------- latest and catalog


def versions(root: Path = RELEASES) -> list[str]:
    """Release names under root, oldest first (by creation time in their manifests)."""
    found = []
    for folder in Path(root).glob("*/manifest.json"):
        if folder.parent.name != LATEST and not folder.parent.is_symlink():
            found.append((json.loads(folder.read_text(encoding="utf-8"))["created_at"], folder.parent.name))
    return [name for _, name in sorted(found)]


def latest_version(root: Path = RELEASES) -> str | None:
    link = Path(root) / LATEST
    if link.is_symlink() or link.exists():
        return Path(os.readlink(link)).name if link.is_symlink() else None
    known = versions(root)
    return known[-1] if known else None


def resolve(version: str | None, root: Path = RELEASES) -> Path:
    """The folder of a release: a version name, ``latest`` or None, or a path to a release folder."""
    if version and Path(version).is_dir() and (Path(version) / "manifest.json").exists():
        return Path(version).resolve()
    name = latest_version(root) if version in (None, LATEST) else version
    folder = Path(root) / str(name)
    if name is None or not (folder / "manifest.json").exists():
        raise ReleaseError(f"no release {version or 'latest'!r} in {root}")
    return folder.resolve()


def point_latest(root: Path, version: str) -> None:
    """Make ``root/latest`` point at ``version``, replacing the link in one rename."""
    temporary = root / f".{LATEST}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(version, temporary)
    os.replace(temporary, root / LATEST)


def write_catalog(root: Path = RELEASES, catalog: Path | None = None) -> Path:
    """``datasets/strikelog.duckdb``: views over the latest release and ``<table>_v<version>`` per release."""
    root = Path(root).resolve()
    catalog = Path(catalog) if catalog else root.parent / CATALOG.name
    fd, scratch = tempfile.mkstemp(prefix=".catalog-", suffix=".duckdb", dir=root.parent)
    os.close(fd)
    os.unlink(scratch)
    con = duckdb.connect(scratch)
    try:
        for version in versions(root):
            suffix = re.sub(r"\W", "_", version)
            for name in PUBLISHED:
                con.execute(f"CREATE VIEW {name}_v{suffix} AS SELECT * FROM read_parquet('{root / version / (name + '.parquet')}')")
        if latest_version(root):
            for name in PUBLISHED:
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{root / LATEST / (name + '.parquet')}')")
            con.execute(f"CREATE VIEW rejects AS SELECT * FROM read_parquet('{root / LATEST / 'qa' / 'rejects.parquet'}')")
    finally:
        con.close()
    os.replace(scratch, catalog)
    return catalog


# -------------------------------------------------------------------------------------------- checks


def verify(folder: Path) -> list[str]:
    """Problems of a release: missing or changed files, wrong row counts, rows that break the schema."""
    manifest_path = Path(folder) / "manifest.json"
    if not manifest_path.exists():
        return [f"{folder}: no manifest.json"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems = []
    for entry in manifest["files"]:
        path = Path(folder) / entry["path"]
        if not path.exists():
            problems.append(f"{entry['path']}: missing")
            continue
        if path.stat().st_size != entry["bytes"] or sha256(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: content differs from the manifest (sha256 or size)")
            continue
        if entry["path"].endswith(".parquet"):
            problems += _table_problems(path, entry, manifest)
    return problems


def _table_problems(path: Path, entry: dict[str, object], manifest: dict[str, object]) -> list[str]:
    parquet = pq.ParquetFile(path)
    metadata = {k.decode(): v.decode() for k, v in (parquet.schema_arrow.metadata or {}).items()}
    problems = []
    if parquet.metadata.num_rows != entry["rows"]:
        problems.append(f"{entry['path']}: {parquet.metadata.num_rows} rows, manifest says {entry['rows']}")
    if metadata.get("schema_version") != manifest["schema_version"] or metadata.get("data_version") != manifest["data_version"]:
        problems.append(f"{entry['path']}: version stamps differ from the manifest")
    name = path.stem
    _, rejects = validate(parquet.read().to_pandas(), TABLES[name])
    if len(rejects):
        problems.append(f"{entry['path']}: {len(rejects)} rows break the {TABLES[name].__name__} schema, e.g. {rejects.iloc[0]['detail']}")
    return problems


def diff_releases(a: Path, b: Path) -> Diff:
    """Per event_id: added, removed, data_changed (with the fields) or unchanged, from release a to b."""
    old = pd.read_parquet(Path(a) / "events.parquet").set_index("event_id")
    new = pd.read_parquet(Path(b) / "events.parquet").set_index("event_id")
    rows = []
    for event in sorted(set(old.index) | set(new.index)):
        if event not in old.index:
            rows.append((event, "added", []))
        elif event not in new.index:
            rows.append((event, "removed", []))
        else:
            changed = [f for f in EVENT_FIELDS if _value(old.at[event, f]) != _value(new.at[event, f])]
            rows.append((event, "data_changed" if changed else "unchanged", changed))
    return Diff(pd.DataFrame(rows, columns=["event_id", "change", "fields"]))


def _value(value: object) -> object:
    """A comparable form of a cell: lists as tuples, every kind of null as None."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and getattr(value, "ndim", 0) > 0):
        return tuple(value.tolist() if hasattr(value, "tolist") else value)
    return None if value is None or pd.isna(value) else value


# -------------------------------------------------------------------------------------------- texts


def changelog(version: str, previous: str | None, diff: Diff | None) -> str:
    lines = [f"# {version}", ""]
    if diff is None:
        lines.append("First release.")
    else:
        counts = diff.counts()
        lines.append(f"Against {previous}: " + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items()) + " events.")
        for row in diff.changes[diff.changes["change"] == "data_changed"].itertuples():
            lines.append(f"- {row.event_id}: {', '.join(row.fields)} changed")
    return "\n".join(lines) + "\n"


def dataset_card(folder: Path, manifest: dict[str, object]) -> str:
    """The release's README: what it is, coverage, counts, fields, rules, licence, citation, queries."""
    events = pd.read_parquet(folder / "events.parquet", columns=["attack_date"])
    dates = events["attack_date"].dropna()
    coverage = f"{dates.min()} to {dates.max()}" if len(dates) else "no dated events"
    rows = {Path(e["path"]).stem: e["rows"] for e in manifest["files"] if e["path"].endswith(".parquet")}
    version = manifest["data_version"]
    parts = [
        f"# strikelog {version}",
        "",
        "Missile and drone strike waves read from strike reports, one row per wave (`events.parquet`), with what "
        "each document said (`observations.parquet`), every source's figure (`event_claims.parquet`), the documents "
        "(`documents.parquet`) and the inputs that could not be read (`qa/rejects.parquet`).",
        "",
        f"- data version {version}, schema version {manifest['schema_version']}, strikelog {manifest['strikelog_version']}",
        f"- created {manifest['created_at']}; inputs fingerprint `{manifest['inputs_fingerprint'][:16]}`",
        f"- coverage: {coverage}",
        "- rows: " + ", ".join(f"{name} {n}" for name, n in rows.items()),
        "",
        "## Fields",
    ]
    for name, model in TABLES.items():
        if name not in rows:
            continue
        parts += ["", f"### {name}", "", "| column | type | description |", "|---|---|---|"]
        parts += [f"| `{d['name']}` | {d['type']} | {d['description']} |" for d in field_docs(model)]
    parts += ["", "## How events are reconciled", "", RECONCILIATION.split("\n\n", 1)[1].strip(), ""]
    parts += [
        "## Licence and citation",
        "",
        "The data are released under CC BY 4.0; the figures are those the cited sources state. Cite as: "
        f"strikelog {version} (schema {manifest['schema_version']}), a dataset of missile and drone strike waves built with "
        "strikelog; the `source_id` and `url` of every document lead back to the reports.",
        "",
        "## Query it with DuckDB",
        "",
        "From this folder:",
    ]
    for title, sql in CARD_QUERIES:
        parts += ["", f"{title}:", "", "```sql", sql + ";", "```"]
    parts += ["", "Check the files against the manifest with `strikelog verify`.", ""]
    return "\n".join(parts)

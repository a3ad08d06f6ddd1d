"""Releases: named, immutable, verifiable, diffable, reproducible, queryable in place."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.release import CARD_QUERIES, ReleaseError, diff_releases, release, sha256, verify

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "datasets" / "sample"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder with two releases of the sample: v1, then v2 after one report changed."""
    folder = tmp_path_factory.mktemp("project")
    corpus = folder / "corpus"
    shutil.copytree(SAMPLE, corpus)
    build([corpus], folder / "datasets" / "build", jobs=1)
    release("2026.01.0", folder / "datasets" / "build", folder / "datasets" / "releases")
    report = corpus / "reports.jsonl"
    report.write_text(report.read_text(encoding="utf-8").replace("All 14 drones", "All 16 drones"), encoding="utf-8")
    build([corpus], folder / "datasets" / "build", jobs=1)
    release("2026.02.0", folder / "datasets" / "build", folder / "datasets" / "releases")
    return folder


def releases(project: Path) -> Path:
    return project / "datasets" / "releases"


def test_release_layout_and_stamps(project: Path):
    folder = releases(project) / "2026.02.0"
    for name in ("events.parquet", "observations.parquet", "documents.parquet", "event_claims.parquet", "qa/rejects.parquet",
                 "manifest.json", "datapackage.json", "README.md", "CHANGELOG.md", "changes.parquet"):
        assert (folder / name).exists(), name
    import pyarrow.parquet as pq

    metadata = pq.read_schema(folder / "events.parquet").metadata
    assert metadata[b"data_version"] == b"2026.02.0" and metadata[b"schema_version"]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {f["path"] for f in manifest["files"]} >= {"events.parquet", "qa/rejects.parquet"}
    assert os.readlink(releases(project) / "latest") == "2026.02.0"


def test_diff_reports_exactly_the_change(project: Path):
    result = diff_releases(releases(project) / "2026.01.0", releases(project) / "2026.02.0")
    counts = result.counts()
    assert counts["added"] == counts["removed"] == 0
    assert counts["data_changed"] == 1 and counts["unchanged"] > 5
    changed = result.changes[result.changes["change"] == "data_changed"].iloc[0]
    assert list(changed["fields"]) == ["drones", "drones_destroyed"]
    out = subprocess.run([sys.executable, "-m", "etl.cli", "diff", "2026.01.0", "2026.02.0", "--releases", str(releases(project))],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "data_changed  1" in out.stdout
    assert "drones_destroyed changed" in (releases(project) / "2026.02.0" / "CHANGELOG.md").read_text()


def test_verify_passes_and_catches_a_flipped_byte(project: Path, tmp_path: Path):
    for version in ("2026.01.0", "2026.02.0"):
        assert verify(releases(project) / version) == []
    copy = tmp_path / "copy"
    shutil.copytree(releases(project) / "2026.02.0", copy)
    target = copy / "events.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    problems = verify(copy)
    assert problems and "events.parquet" in problems[0]
    out = subprocess.run([sys.executable, "-m", "etl.cli", "verify", str(copy)], capture_output=True, text=True)
    assert out.returncode != 0 and "mismatch" in out.stderr


def test_a_version_is_released_once(project: Path):
    with pytest.raises(ReleaseError, match="already exists"):
        release("2026.02.0", project / "datasets" / "build", releases(project))


def test_killed_release_leaves_releases_as_they_were(project: Path):
    before = sorted(p.name for p in releases(project).iterdir())
    hashes = {p: sha256(p) for p in releases(project).rglob("*.parquet")}
    process = subprocess.Popen(
        [sys.executable, "-m", "etl.cli", "release", "2026.03.0", "--from", str(project / "datasets" / "build"), "--releases", str(releases(project))],
        env={**os.environ, "STRIKELOG_RELEASE_STEP_DELAY": "2"},
    )
    deadline = time.time() + 60
    while not list(releases(project).glob(".2026.03.0.partial-*/*.parquet")) and time.time() < deadline:
        time.sleep(0.1)
    assert list(releases(project).glob(".2026.03.0.partial-*/*.parquet")), "the release never started writing"
    process.send_signal(signal.SIGKILL)
    process.wait()
    visible = sorted(p.name for p in releases(project).iterdir() if not p.name.startswith("."))
    assert visible == before
    assert os.readlink(releases(project) / "latest") == "2026.02.0"
    assert {p: sha256(p) for p in releases(project).rglob("*.parquet") if ".partial-" not in str(p)} == hashes
    release("2026.03.0", project / "datasets" / "build", releases(project))
    assert not list(releases(project).glob(".*.partial-*"))


def test_same_inputs_give_identical_tables(tmp_path: Path):
    paths = []
    for name in ("a", "b"):
        build([SAMPLE], tmp_path / name / "build", jobs=1)
        paths.append(release("1.0.0", tmp_path / name / "build", tmp_path / name / "releases"))
    for table in ("events", "observations", "documents", "event_claims"):
        assert sha256(paths[0] / f"{table}.parquet") == sha256(paths[1] / f"{table}.parquet"), table


def test_duckdb_reads_latest_in_place(project: Path):
    code = "import duckdb; print(duckdb.sql(\"select count(*) from read_parquet('datasets/releases/latest/events.parquet')\").fetchall()[0][0])"
    out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    assert int(out.stdout) > 5


def test_catalog_attaches_from_anywhere(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect()
    con.execute(f"ATTACH '{project / 'datasets' / 'strikelog.duckdb'}' AS sl (READ_ONLY)")
    latest = con.execute("select count(*) from sl.events").fetchall()[0][0]
    first = con.execute("select count(*) from sl.events_v2026_01_0").fetchall()[0][0]
    assert latest == first > 5


def test_dataset_card_queries_run(project: Path, monkeypatch: pytest.MonkeyPatch):
    folder = releases(project) / "2026.02.0"
    card = (folder / "README.md").read_text()
    monkeypatch.chdir(folder)
    for title, sql in CARD_QUERIES:
        assert sql in card and title in card
        assert duckdb.connect().execute(sql).fetchall()
    assert "| `drones` |" in card and "CC BY 4.0" in card


def test_frictionless_validates_the_data_package(project: Path):
    frictionless = Path(sys.executable).parent / "frictionless"
    if not frictionless.exists():
        pytest.skip("the frictionless command is not installed (it comes with the test extra)")
    out = subprocess.run([str(frictionless), "validate", str(releases(project) / "2026.02.0" / "datapackage.json")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]

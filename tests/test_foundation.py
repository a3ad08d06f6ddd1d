"""The build's contract: tables, views usable from anywhere, validation into rejects, a CLI that explains itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.store import read_table
from schemas import TABLES, Observation, arrow_schema, validate

CLI = [sys.executable, "-m", "etl.cli"]


def test_every_table_written_with_its_schema(seeds_build: Path):
    for name, model in TABLES.items():
        files = list((seeds_build / name).glob("*.parquet"))
        assert files, name
        frame = read_table(seeds_build, name)
        valid, rejects = validate(frame, model)
        assert len(rejects) == 0 and len(valid) == len(frame)
        import pyarrow.parquet as pq

        schema = pq.read_schema(files[0])
        assert schema.names == arrow_schema(model).names
        assert schema.metadata[b"schema_version"]


def test_views_open_from_another_directory(seeds_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect(str(seeds_build / "strikelog.duckdb"), read_only=True)
    assert con.execute("select count(*) from events").fetchall()[0][0] >= 2
    assert con.execute("select count(*) from documents").fetchall()[0][0] == 2


def test_bad_row_goes_to_rejects_with_its_reason():
    good = {
        "obs_id": "ob_1", "doc_id": "d1", "source_id": "s1", "attacker": "RU", "target_country": "UA",
        "attack_date": pd.Timestamp("2026-02-03"), "drones": 10, "regions": ["UA-30"], "settlements": [],
        "weapon_models": [], "evidence": [], "lang": "en", "extractor": "test",
    }
    bad = {**good, "obs_id": "ob_2", "attacker": "XX", "drones": -5}
    valid, rejects = validate(pd.DataFrame([good, bad]), Observation)
    assert list(valid["obs_id"]) == ["ob_1"]
    assert len(rejects) == 1
    assert rejects.iloc[0]["stage"] == "validate"
    assert "attacker" in rejects.iloc[0]["detail"] or "drones" in rejects.iloc[0]["detail"]


def test_a_failing_row_in_a_build_lands_in_rejects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A row the extractor gets wrong is reported, not written and not lost."""
    import etl.build as build_module

    real_extract = build_module.extract_document

    def corrupt(passages: list[dict]) -> list[dict]:
        rows = real_extract(passages)
        rows[0]["drones"] = -1
        return rows

    monkeypatch.setattr(build_module, "extract_document", corrupt)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"id": "x1", "text": "Russia launched 40 drones at Odesa overnight.", "published_at": "2026-01-05"}\n')
    summary = build_module.build([corpus], tmp_path / "out", jobs=1, cache=False)
    rejects = read_table(tmp_path / "out", "rejects")
    assert summary.observations == 0
    assert list(rejects["stage"]) == ["validate"]
    assert "drones" in rejects.iloc[0]["detail"]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + list(args), capture_output=True, text=True, cwd=cwd, env={**os.environ, "COLUMNS": "200"})


def test_cli_help_and_errors(tmp_path: Path):
    help_text = run_cli("--help")
    assert help_text.returncode == 0 and "build" in help_text.stdout and "sql" in help_text.stdout
    for command in ("build", "sql", "schema", "eval"):
        assert run_cli(command, "--help").returncode == 0
    missing = run_cli("build", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o"))
    assert missing.returncode != 0
    assert "Traceback" not in missing.stderr and "no such file" in missing.stderr
    no_build = run_cli("sql", "select 1", "--out", str(tmp_path / "none"))
    assert no_build.returncode != 0 and "Traceback" not in no_build.stderr
    for wrong in (("frobnicate",), ("build", "--jobs", "many"), ("sql",)):
        out = run_cli(*wrong)
        assert out.returncode == 2
        assert [line for line in out.stderr.splitlines() if line.strip()] == [out.stderr.strip()]
        assert out.stderr.startswith("error:") and "--help" in out.stderr


def test_cli_sql_formats(seeds_build: Path):
    out = run_cli("sql", "select drones from observations where attacker = 'RU'", "--out", str(seeds_build), "--format", "csv")
    assert out.returncode == 0 and out.stdout.split() == ["drones", "450"]
    bad = run_cli("sql", "select nonsense from nowhere", "--out", str(seeds_build))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


def test_schema_command_lists_every_table():
    out = run_cli("schema")
    assert out.returncode == 0
    for name in TABLES:
        assert name in out.stdout

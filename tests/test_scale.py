"""Scale: parallel and Dask builds equal the single-process build; the cache re-extracts only what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import etl.build as build_module
from etl.build import build
from etl.store import read_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "datasets" / "sample"
TABLES = ("documents", "observations", "events", "event_claims", "rejects")


def tables(out: Path) -> dict[str, pd.DataFrame]:
    frames = {}
    for name in TABLES:
        frame = read_table(out, name)
        frames[name] = frame.sort_values(list(frame.columns[:3])).reset_index(drop=True).astype(str)
    return frames


def assert_same_tables(a: Path, b: Path) -> None:
    left, right = tables(a), tables(b)
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def test_two_processes_give_the_same_tables(tmp_path: Path):
    one = build([SAMPLE], tmp_path / "one", jobs=1, batch_size=5, cache=False)
    two = build([SAMPLE], tmp_path / "two", jobs=2, batch_size=5, cache=False)
    assert one.balanced and two.balanced and one.observations == two.observations
    assert_same_tables(tmp_path / "one", tmp_path / "two")


def test_dask_engine_gives_the_same_tables(tmp_path: Path):
    pytest.importorskip("dask.distributed")
    build([SAMPLE], tmp_path / "local", jobs=1, cache=False)
    summary = build([SAMPLE], tmp_path / "dask", jobs=2, batch_size=5, cache=False, engine="dask")
    assert summary.balanced
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


def test_rebuild_extracts_only_new_or_changed_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    first = build([corpus], tmp_path / "out", jobs=1)
    assert first.from_cache == 0 and first.extracted == first.documents
    (corpus / "extra.jsonl").write_text(json.dumps({"id": "new", "text": "Russia launched 12 drones at Sumy overnight.", "published_at": "2026-03-02"}) + "\n")
    second = build([corpus], tmp_path / "out", jobs=1)
    assert (second.extracted, second.from_cache) == (1, first.documents)
    assert_tables_equal_to_fresh = build([corpus], tmp_path / "fresh", jobs=1, cache=False)
    assert assert_tables_equal_to_fresh.extracted == second.documents
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")
    monkeypatch.setattr(build_module, "extractor_fingerprint", lambda: "another-extractor")
    third = build([corpus], tmp_path / "out", jobs=1)
    assert third.from_cache == 0 and third.extracted == third.documents


def test_changed_metadata_is_extracted_again(tmp_path: Path):
    report = {"id": "a", "text": "Russia launched 12 drones at Sumy overnight.", "published_at": "2026-03-02"}
    (tmp_path / "in.jsonl").write_text(json.dumps(report) + "\n")
    build([tmp_path / "in.jsonl"], tmp_path / "out", jobs=1)
    (tmp_path / "in.jsonl").write_text(json.dumps({**report, "published_at": "2026-03-05"}) + "\n")
    summary = build([tmp_path / "in.jsonl"], tmp_path / "out", jobs=1)
    assert summary.extracted == 1
    assert str(read_table(tmp_path / "out", "observations").iloc[0]["attack_date"])[:10] == "2026-03-05"


def test_a_damaged_cache_is_replaced(tmp_path: Path):
    (tmp_path / ".out.cache.sqlite").write_bytes(b"not a database at all" * 100)
    summary = build([SAMPLE], tmp_path / "out", jobs=1)
    assert summary.extracted == summary.documents
    assert build([SAMPLE], tmp_path / "out", jobs=1).from_cache == summary.documents

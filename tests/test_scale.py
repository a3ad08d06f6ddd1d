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
    shutil.rmtree(tmp_path / "out" / ".state")  # forget the inputs read, so documents go to the cache
    assert build([SAMPLE], tmp_path / "out", jobs=1).from_cache == summary.documents


def sample_reports() -> list[dict[str, object]]:
    return [json.loads(line) for line in (SAMPLE / "reports.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_a_new_input_is_the_only_one_read_again(tmp_path: Path):
    """Unchanged leading inputs are not read again; a republished story and an exact copy in the new
    input are still recognised; the tables equal a fresh build's."""
    first = build([SAMPLE], tmp_path / "out", jobs=1)
    original = sample_reports()[0]
    new = [
        {"id": "new", "text": "Russia launched 12 drones at Sumy overnight; air defence shot down 9.", "published_at": "2026-03-02"},
        {"id": "late", "text": "On the night of 3 February Russia sent 440 drones against Ukraine.", "published_at": "2026-02-03T12:00:00+00:00"},
        {**original, "id": "relay", "text": str(original["text"]).replace("Energy facilities", "Power facilities")},
        {**original, "id": "copy"},
    ]
    (tmp_path / "new.jsonl").write_text("".join(json.dumps(r) + "\n" for r in new), encoding="utf-8")
    second = build([SAMPLE, tmp_path / "new.jsonl"], tmp_path / "out", jobs=1)
    assert (second.reused, second.extracted, second.from_cache) == (first.documents, 3, 0)
    assert (second.documents, second.duplicates) == (first.documents + 3, 1)
    documents = read_table(tmp_path / "out", "documents").set_index("source_id")
    assert documents.loc["relay", "duplicate_of"] == documents.loc[original["id"], "doc_id"]
    build([SAMPLE, tmp_path / "new.jsonl"], tmp_path / "fresh", jobs=1, cache=False)
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")


def test_a_changed_input_is_read_again_from_there(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    first = build([corpus], tmp_path / "out", jobs=1, batch_size=4)
    changed = corpus / "2025-07-09-lutsk.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Lutsk", "Rivne"), encoding="utf-8")
    second = build([corpus], tmp_path / "out", jobs=1, batch_size=4)
    assert second.extracted == 1 and second.reused > 0
    assert second.reused + second.from_cache + second.extracted == first.documents
    build([corpus], tmp_path / "fresh", jobs=1, batch_size=4, cache=False)
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")
    assert "UA-56" in set(read_table(tmp_path / "out", "events")["regions"].explode())


def test_a_damaged_build_state_means_reading_everything_again(tmp_path: Path):
    first = build([SAMPLE], tmp_path / "out", jobs=1)
    for record in (tmp_path / "out" / ".state").glob("chunk-*"):
        record.write_bytes(b"damaged")
    second = build([SAMPLE], tmp_path / "out", jobs=1)
    assert (second.reused, second.from_cache) == (0, first.documents)
    build([SAMPLE], tmp_path / "fresh", jobs=1, cache=False)
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")


def test_events_reconciled_a_slice_at_a_time_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    build([SAMPLE], tmp_path / "whole", jobs=1, cache=False)
    monkeypatch.setattr(build_module, "RECONCILE_SLICE", 2)
    build([SAMPLE], tmp_path / "sliced", jobs=1, cache=False)
    assert_same_tables(tmp_path / "whole", tmp_path / "sliced")


def test_a_foreign_build_state_is_ignored(tmp_path: Path):
    first = build([SAMPLE], tmp_path / "out", jobs=1)
    state = tmp_path / "out" / ".state" / "state.json"
    raw = json.loads(state.read_text(encoding="utf-8"))
    state.write_text(json.dumps({**raw, "chunks": [{"unexpected": 1}]}), encoding="utf-8")
    second = build([SAMPLE], tmp_path / "out", jobs=1)
    assert (second.reused, second.from_cache, second.documents) == (0, first.documents, first.documents)

"""Shared fixtures: the ../shared folder (skipped when absent) and small builds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "datasets" / "sample"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "DATA-CONTRACT.md").exists():
        pytest.skip(f"{SHARED} is absent: the real seed reports and the dev set live there")
    return SHARED


@pytest.fixture(scope="session")
def seeds_build(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.build import build

    out = tmp_path_factory.mktemp("seeds") / "build"
    build([shared / "seeds" / "seeds.jsonl"], out, jobs=1)
    return out


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.build import build

    out = tmp_path_factory.mktemp("sample") / "build"
    build([SAMPLE], out, jobs=1)
    return out

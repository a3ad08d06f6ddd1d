"""Exploration summaries over releases and builds, and the HTML report, drawn in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl.build import build
from etl.explore import (
    biggest_waves,
    by_temperature,
    disagreements,
    interception,
    launched_by_class,
    monthly,
    open_dataset,
    quality,
    top_regions,
)
from etl.release import release
from etl.report import NO_DATA, figures, render, write_report

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SUMMARIES = (monthly, launched_by_class, interception, top_regions, biggest_waves, by_temperature, disagreements)


@pytest.fixture(scope="module")
def sample_release(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return release("2026.02.0", sample_build, tmp_path_factory.mktemp("releases"))


@pytest.fixture(scope="module")
def quiet_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of one document that reports no strike: every table but documents is empty."""
    corpus = tmp_path_factory.mktemp("quiet")
    (corpus / "council.txt").write_text("The city council met on Tuesday and approved the new library budget.\n", encoding="utf-8")
    out = corpus / "build"
    build([corpus / "council.txt"], out, jobs=1)
    return out


def test_a_release_and_its_build_give_the_same_summaries(sample_release: Path, sample_build: Path):
    of_release, of_build = open_dataset(sample_release), open_dataset(sample_build)
    for summary in SUMMARIES:
        pd.testing.assert_frame_equal(summary(of_release), summary(of_build), obj=summary.__name__)
    for name, table in quality(of_build).items():
        pd.testing.assert_frame_equal(quality(of_release)[name], table, obj=name)


def test_summaries_of_the_sample_add_up(sample_build: Path):
    con = open_dataset(sample_build)
    months = monthly(con)
    assert months["waves"].sum() == con.sql("select count(*) from events where attack_date is not null").fetchall()[0][0]
    by_class = launched_by_class(con).groupby(["month", "attacker"])["launched"].sum()
    stated = months.set_index(["month", "attacker"])["weapons"].dropna()
    assert by_class.loc[stated.index].tolist() == stated.tolist()
    rates = interception(con)
    assert len(rates) and (rates["rate"] == rates["destroyed"] / rates["launched"]).all()
    largest = biggest_waves(con)
    assert largest["weapons"].is_monotonic_decreasing and largest.iloc[0]["weapons"] >= 700
    cold = by_temperature(con).set_index("temperature_c")
    assert cold.loc[-20.0, ["drones", "missiles"]].tolist() == [450, 71]
    claims = disagreements(con)
    assert set(claims.loc[claims["field"] == "drones", "value"]) == {"440", "450"}
    assert set(claims.loc[claims["chosen"], "value"]) == {"450"}


def test_quality_accounts_for_every_document(sample_build: Path):
    con = open_dataset(sample_build)
    checks = quality(con)
    tables = dict(zip(checks["tables"]["table_name"], checks["tables"]["rows"]))
    assert checks["documents"]["documents"].sum() == tables["documents"] == checks["observations_per_document"]["documents"].sum()
    per_document = checks["observations_per_document"]
    assert (per_document["observations"] * per_document["documents"]).sum() == tables["observations"]
    filled = checks["fields_filled"].set_index("field")
    assert filled.loc["attack_date", "events"] == 1.0 and filled["observations"].between(0, 1).all()


def test_a_dataset_without_events_gives_empty_summaries(quiet_build: Path):
    con = open_dataset(quiet_build)
    for summary in SUMMARIES:
        assert summary(con).empty, summary.__name__
    assert quality(con)["documents"]["documents"].sum() == 1


def test_a_table_the_folder_lacks_is_an_empty_view(sample_release: Path, tmp_path: Path):
    shutil.copy(sample_release / "events.parquet", tmp_path / "events.parquet")
    con = open_dataset(tmp_path)
    assert len(biggest_waves(con)) == 10
    assert disagreements(con).empty and quality(con)["documents"].empty


def test_a_folder_that_is_no_dataset_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="neither a release"):
        open_dataset(tmp_path)
    cli = subprocess.run([sys.executable, "-m", "etl.cli", "report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html")],
                         capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert cli.returncode == 2 and cli.stderr.startswith("error: no release or build at") and len(cli.stderr.splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def test_report_command_writes_a_self_contained_page(sample_release: Path, tmp_path: Path):
    out = tmp_path / "site" / "report.html"
    cli = subprocess.run([sys.executable, "-m", "etl.cli", "report", str(sample_release), "--out", str(out)], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page), "the page loads something from elsewhere"
    assert page.count("plotly.js v") == 1
    assert page.count('<div class="chart">') == len(figures(open_dataset(sample_release))) == 10
    assert "<h1>strikelog: 2026.02.0</h1>" in page and "Rejected inputs by reason" in page


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("no Chromium binary on PATH (chromium, chromium-browser or google-chrome): install Debian's chromium package")


def open_in_chromium(page: Path, scratch: Path) -> tuple[str, list[str], Path]:
    """The page's DOM after scripts ran, the console messages it logged, and a screenshot."""
    browser = chromium()
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={scratch / 'profile'}", "--virtual-time-budget=15000"]
    dom = subprocess.run([browser, *flags, "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=180)
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    shot = scratch / "report.png"
    subprocess.run([browser, *flags, "--window-size=1200,7500", f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=180)
    return dom.stdout, console, shot


@pytest.mark.parametrize("dataset", ["sample_build", "quiet_build"])
def test_report_draws_every_chart_in_chromium(dataset: str, request: pytest.FixtureRequest, tmp_path: Path):
    folder = request.getfixturevalue(dataset)
    page = write_report(folder, tmp_path / "report.html")
    dom, console, shot = open_in_chromium(page, tmp_path)
    assert not console, console
    charts = dom.split('<div class="chart">')[1:]
    assert len(charts) == len(figures(open_dataset(folder))) == 10
    for chart in charts:
        assert 'class="main-svg"' in chart, "a chart was not drawn"
        assert re.search(r'<g class="trace (bars|scatter)', chart) or NO_DATA in chart, "a chart has neither data nor a note"
    empty = sum(NO_DATA in chart for chart in charts)
    # the sample has no rejects; the quiet build has nothing but one document without observations
    assert empty == (9 if dataset == "quiet_build" else 1)
    assert shot.stat().st_size > 100_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rejected_inputs_are_counted_and_charted(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.jsonl").write_text('{"id": "a", "text": "The council approved the <b>budget</b>."}\nnot json\n', encoding="utf-8")
    build([corpus], tmp_path / "build", jobs=1)
    con = open_dataset(tmp_path / "build")
    rejects = quality(con)["rejects"]
    assert rejects["inputs"].sum() == 1 and rejects["stage"].tolist() == ["ingest"]
    chart = next(f for f in figures(con) if f.layout.title.text == "Rejected inputs by reason")
    assert [list(trace.x) for trace in chart.data] == [[1]]
    assert rejects["reason"].iloc[0] in render(tmp_path / "build")

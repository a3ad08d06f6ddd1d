"""Exploration: the notebook runs top to bottom, and the HTML report draws every chart in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from etl.explore import biggest_waves, monthly, open_dataset, quality
from etl.release import release
from etl.report import figures, write_report

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def sample_release(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return release("2026.02.0", sample_build, tmp_path_factory.mktemp("releases"))


def test_summaries_of_a_release_and_of_a_build_agree(sample_release: Path, sample_build: Path):
    for folder in (sample_release, sample_build):
        con = open_dataset(folder)
        assert monthly(con)["waves"].sum() == con.execute("select count(*) from events where attack_date is not null").fetchall()[0][0]
        assert biggest_waves(con).iloc[0]["weapons"] >= 700
        assert set(quality(con)) == {"tables", "rejects", "observations_per_document", "fields_filled", "conflicts"}


def test_notebook_runs_top_to_bottom(sample_release: Path):
    notebook = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    parameters[0].source = f"DATASET = {str(sample_release)!r}"
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    charts = [o for o in outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert len(charts) == 6


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("no Chromium on this machine (CI installs Debian's chromium package)")


def test_report_draws_every_chart_in_chromium(sample_release: Path, tmp_path: Path):
    browser = chromium()
    report = write_report(sample_release, tmp_path / "report.html")
    expected = len(figures(open_dataset(sample_release)))
    flags = CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run([browser, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120)
    drawn = len(re.findall(r'class="main-svg"', dom.stdout))
    assert drawn >= expected, f"{drawn} chart layers drawn for {expected} charts"
    assert len(re.findall(r'class="plot-container plotly"', dom.stdout)) == expected
    console_errors = [line for line in dom.stderr.splitlines() if "CONSOLE" in line and ("Error" in line or "Uncaught" in line)]
    assert not console_errors, console_errors
    shot = tmp_path / "report.png"
    subprocess.run([browser, *flags, "--window-size=1200,3000", f"--screenshot={shot}", report.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 50_000


def test_report_needs_no_network(sample_release: Path, tmp_path: Path):
    html = write_report(sample_release, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link " not in html
    assert "Plotly.newPlot" in html and html.count("plotly.js v") == 1

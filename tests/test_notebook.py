"""The exploration notebook runs top to bottom on a fresh build, with its dataset injected papermill-style."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from etl.build import build
from etl.explore import open_dataset
from etl.report import NO_DATA, figures

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"
PLOTLY = "application/vnd.plotly.v1+json"


def parameters_at(notebook: nbformat.NotebookNode) -> int:
    tagged = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    return tagged[0]


def execute(dataset: Path) -> nbformat.NotebookNode:
    """Run the notebook as papermill would: a cell setting DATASET right after the parameters cell."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    injected = nbformat.v4.new_code_cell(f"DATASET = {str(dataset)!r}", metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(parameters_at(notebook) + 1, injected)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def charts(notebook: nbformat.NotebookNode) -> list[dict]:
    return [output["data"][PLOTLY] for output in outputs(notebook) if PLOTLY in output.get("data", {})]


def test_committed_notebook_has_no_outputs_and_defaults_to_the_latest_release():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert not outputs(notebook) and all(cell.get("execution_count") is None for cell in notebook.cells if cell.cell_type == "code")
    source = notebook.cells[parameters_at(notebook)].source
    assert "../datasets/releases/latest" in source and "../datasets/build" in source


def test_notebook_runs_top_to_bottom_on_the_sample(sample_build: Path):
    notebook = execute(sample_build)
    assert not [o for o in outputs(notebook) if o.output_type == "error"]
    printed = "".join(o.get("text", "") for o in outputs(notebook) if o.output_type == "stream")
    assert f"exploring {sample_build.resolve()}" in printed
    drawn = charts(notebook)
    assert len(drawn) == len(figures(open_dataset(sample_build)))
    titles = [chart["layout"]["title"]["text"] for chart in drawn]
    assert "Waves by stated temperature" in titles and "Share of launched weapons reported destroyed" in titles
    assert sum(bool(chart["data"]) for chart in drawn) == len(drawn) - 1  # the sample has no rejects


@pytest.fixture(scope="module")
def quiet_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("quiet")
    (corpus / "notice.txt").write_text("The museum opens a new wing on Saturday; entry is free for children.\n", encoding="utf-8")
    build([corpus / "notice.txt"], corpus / "build", jobs=1)
    return corpus / "build"


def test_notebook_runs_on_a_dataset_without_events(quiet_build: Path):
    notebook = execute(quiet_build)
    assert not [o for o in outputs(notebook) if o.output_type == "error"]
    drawn = charts(notebook)
    assert len(drawn) == len(figures(open_dataset(quiet_build)))
    empty = [chart for chart in drawn if NO_DATA in json.dumps(chart["layout"].get("annotations", []))]
    assert len(empty) == len(drawn) - 1  # only observations per document has something: one document, none

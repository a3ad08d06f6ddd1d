"""The ``strikelog`` command: parses arguments and calls the library; nothing more."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from etl import __version__

app = typer.Typer(
    help="Build a typed, versioned event log of missile and drone strike waves from strike reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Build directory.")]


def fail(message: str) -> None:
    """Print a one-line error and exit non-zero (no traceback)."""
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(2)


def _print_version(value: bool) -> None:
    if value:
        console.print(f"strikelog {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True)] = False,
) -> None:
    """Build a typed, versioned event log of missile and drone strike waves from strike reports."""


@app.command()
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or directories (default: the embedded sample corpus).")] = None,
    out: OutOption = Path("datasets/build"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read and extract everything again instead of reusing the last build and cached results.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (a process pool) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Address of a Dask scheduler (default: a local cluster).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Build documents, observations, events, event_claims and rejects as Parquet, with DuckDB views."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from etl.build import SAMPLE, build as run_build

    inputs = paths or [SAMPLE]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err, disable=quiet) as progress:
        task = progress.add_task("building", total=None)

        def report(summary) -> None:
            progress.update(task, description=f"{summary.documents} documents, {summary.observations} observations, {summary.rejects} rejects")

        try:
            summary = run_build(inputs, out, jobs=jobs or None, on_progress=report, cache=not no_cache, engine=engine, scheduler=scheduler)
        except (OSError, RuntimeError, ValueError) as exc:
            fail(str(exc))
    table = Table(title=f"strikelog build -> {out}", show_header=False)
    for label, value in (
        ("documents", summary.documents),
        ("duplicates", summary.duplicates),
        ("passages", summary.passages),
        ("extracted / from cache / reused", f"{summary.extracted} / {summary.from_cache} / {summary.reused}"),
        ("observations", summary.observations),
        ("events", summary.events),
        ("rejects", summary.rejects),
        ("seconds", f"{summary.seconds:.2f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    console.print(summary.accounting())


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A read-only SQL query over the views (documents, observations, events, event_claims, rejects).")],
    out: OutOption = Path("datasets/build"),
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run read-only SQL against a build and print the result."""
    from etl.query import run_query

    if format not in ("table", "csv", "json"):
        fail(f"unknown format {format!r}: use table, csv or json")
    try:
        frame = run_query(out, query)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    if format == "csv":
        typer.echo(frame.map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v).to_csv(index=False), nl=False)
    elif format == "json":
        typer.echo(json.dumps(frame.to_dict("records"), ensure_ascii=False, default=str))
    else:
        table = Table(*[str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            table.add_row(*[_cell(v) for v in row])
        console.print(table)


def _cell(value: object) -> str:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


@app.command()
def schema(
    table: Annotated[Optional[str], typer.Argument(help="One table (default: all).")] = None,
) -> None:
    """Print the tables and their columns with descriptions."""
    from schemas import SCHEMA_VERSION, TABLES, field_docs

    if table is not None and table not in TABLES:
        fail(f"unknown table {table!r}: one of {', '.join(TABLES)}")
    console.print(f"schema version {SCHEMA_VERSION}")
    for name, model in TABLES.items():
        if table and name != table:
            continue
        out = Table("column", "type", "null", "description", title=f"{name}: {model.__doc__}", title_justify="left")
        for doc in field_docs(model):
            out.add_row(str(doc["name"]), str(doc["type"]), "yes" if doc["nullable"] else "no", str(doc["description"]))
        console.print(out)


@app.command("eval")
def eval_(
    labelled: Annotated[Path, typer.Argument(help="Labelled JSONL (DATA-CONTRACT.md section 3).")],
    documents: Annotated[Optional[Path], typer.Option("--documents", "-d", help="Build these inputs instead of the labelled file (their ids must match).")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the full report as JSON.")] = None,
    min_f1: Annotated[Optional[float], typer.Option("--min-f1", help="Exit non-zero when records, counts or regions F1 is below this.")] = None,
    show: Annotated[int, typer.Option("--show", help="How many disagreements to list.")] = 30,
) -> None:
    """Score the extractor against a labelled file: precision, recall and F1 per field and language."""
    from etl.evaluate import evaluate

    for path in (labelled, documents):
        if path is not None and not path.exists():
            fail(f"no such file: {path}")
    try:
        report = evaluate(labelled, documents)
    except (OSError, ValueError, KeyError) as exc:
        fail(f"cannot evaluate {labelled}: {exc}")
    for group in sorted(report.tallies, key=lambda g: (g != "all", g)):
        table = Table("field", "precision", "recall", "F1", "support", title=f"{group}", title_justify="left")
        for name, row in report.summary(group).items():
            table.add_row(name, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["support"]))
        console.print(table)
    for item in report.disagreements[:show]:
        console.print(f"  {item['id']}  {item['field']}: expected {item['expected']!r}, extracted {item['extracted']!r}")
    if len(report.disagreements) > show:
        console.print(f"  ... {len(report.disagreements) - show} more disagreements (--show N)")
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), indent=1, default=str), encoding="utf-8")
    if min_f1 is not None:
        overall = report.summary("all")
        low = {k: overall[k]["f1"] for k in ("record", "counts", "regions") if overall[k]["f1"] < min_f1}
        if low:
            fail("F1 below " + f"{min_f1}: " + ", ".join(f"{k} {v:.3f}" for k, v in low.items()))


@app.command("release")
def release_(
    version: Annotated[str, typer.Argument(help="Data version of the release, e.g. 2026.02.0.")],
    from_dir: Annotated[Path, typer.Option("--from", help="Build to release.")] = Path("datasets/build"),
    releases: Annotated[Path, typer.Option("--releases", help="Folder of releases.")] = Path("datasets/releases"),
) -> None:
    """Turn a build into an immutable, verifiable release (Parquet, manifest, data package, dataset card)."""
    from etl.release import ReleaseError, release

    try:
        folder = release(version, from_dir, releases)
    except ReleaseError as exc:
        fail(str(exc))
    console.print(f"released {version} -> {folder}")


@app.command()
def verify(
    version: Annotated[Optional[str], typer.Argument(help="Release name or folder (default: latest).")] = None,
    releases: Annotated[Path, typer.Option("--releases", help="Folder of releases.")] = Path("datasets/releases"),
) -> None:
    """Recompute hashes and row counts of a release and validate its tables; non-zero exit on any mismatch."""
    from etl.release import ReleaseError, resolve, verify as check

    try:
        folder = resolve(version, releases)
    except ReleaseError as exc:
        fail(str(exc))
    problems = check(folder)
    for problem in problems:
        err.print(f"[red]mismatch:[/red] {problem}")
    if problems:
        raise typer.Exit(1)
    console.print(f"{folder.name}: every file matches its manifest and its schema")


@app.command()
def diff(
    a: Annotated[str, typer.Argument(help="Older release.")],
    b: Annotated[str, typer.Argument(help="Newer release.")],
    releases: Annotated[Path, typer.Option("--releases", help="Folder of releases.")] = Path("datasets/releases"),
    out: Annotated[Optional[Path], typer.Option("--out", help="Also write the per-event changes as Parquet here.")] = None,
) -> None:
    """Per event: added, removed, data_changed (with the fields) and unchanged, from release A to B."""
    from etl.release import ReleaseError, diff_releases, resolve

    try:
        result = diff_releases(resolve(a, releases), resolve(b, releases))
    except ReleaseError as exc:
        fail(str(exc))
    for kind, count in result.counts().items():
        console.print(f"{kind:13s} {count}")
    for row in result.changes[result.changes["change"] == "data_changed"].itertuples():
        console.print(f"  {row.event_id}: {', '.join(row.fields)}")
    if out is not None:
        result.changes.to_parquet(out, index=False)


@app.command()
def report(
    dataset: Annotated[Optional[str], typer.Argument(help="Release name, release folder or build folder (default: latest release, else datasets/build).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a self-contained HTML report: charts of waves, weapons, interceptions, regions, and data quality."""
    import duckdb

    from etl.report import write_report

    try:
        written = write_report(dataset, out)
    except (OSError, duckdb.Error) as exc:
        fail(str(exc).splitlines()[0])
    console.print(f"report -> {written}")


def run() -> None:
    """The console script: a usage mistake is one line on stderr and exit code 2, never a traceback."""
    try:
        result = app(standalone_mode=False)
    except typer.Exit as done:
        raise SystemExit(done.exit_code) from None
    except typer.Abort:
        err.print("aborted")
        raise SystemExit(130) from None
    except Exception as exc:  # typer's command-line errors (bad value, missing argument, unknown command)
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        context = getattr(exc, "ctx", None)
        command = context.command_path.split(" ", 1)[1] if context is not None and " " in context.command_path else ""
        hint = f"strikelog {command} --help".replace("  ", " ")
        err.print(f"error: {exc.format_message()} (see {hint})", highlight=False, markup=False, soft_wrap=True)
        raise SystemExit(exc.exit_code) from None
    if isinstance(result, int) and result:
        raise SystemExit(result)


if __name__ == "__main__":
    run()

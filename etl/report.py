"""report: one self-contained HTML file with the exploration charts, tables and data quality.

plotly.js is inlined once in the page head, so the file opens without a network. The chart builders are
public: the notebook draws the same figures.
"""

from __future__ import annotations

import functools
import html
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from etl import __version__
from etl.explore import (
    biggest_waves,
    by_temperature,
    dataset_path,
    disagreements,
    interception,
    launched_by_class,
    monthly,
    open_dataset,
    quality,
    top_regions,
)

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2329;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d8dde3;padding-bottom:.3rem}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}td,th{border:1px solid #d8dde3;padding:.25rem .5rem;text-align:left}
th{background:#f3f5f7}.note{color:#5a6570;font-size:.9rem}.chart{min-height:400px}
"""
NO_DATA = "no data in this dataset"
TABLE_ROWS = 40


def empty_figure(title: str) -> go.Figure:
    """A chart that says it has nothing to draw."""
    figure = go.Figure()
    figure.update_layout(
        title=title,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": NO_DATA, "showarrow": False, "font": {"size": 16}, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}],
    )
    return figure


def _styled(figure: go.Figure) -> go.Figure:
    return figure.update_layout(height=400, margin={"l": 60, "r": 20, "t": 60, "b": 50}, template="plotly_white")


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable integers as floats (NaN for missing), which every plotly trace type accepts."""
    return frame.astype({c: "float64" for c in frame.columns if isinstance(frame[c].dtype, pd.Int64Dtype)})


def chart(title: str) -> Callable[[Callable[[pd.DataFrame, str], go.Figure]], Callable[[pd.DataFrame], go.Figure]]:
    """Make a chart function: an empty frame gives the "no data" chart, and every chart gets one style."""

    def wrap(draw: Callable[[pd.DataFrame, str], go.Figure]) -> Callable[[pd.DataFrame], go.Figure]:
        @functools.wraps(draw)
        def drawn(frame: pd.DataFrame) -> go.Figure:
            return _styled(empty_figure(title) if frame.empty else draw(_plain(frame), title))

        return drawn

    return wrap


@chart("Waves per month")
def waves_per_month(months: pd.DataFrame, title: str) -> go.Figure:
    return px.bar(months, x="month", y="waves", color="attacker", title=title, labels={"waves": "waves"})


@chart("Weapons launched per month, by class")
def launched_per_month(launched: pd.DataFrame, title: str) -> go.Figure:
    return px.bar(launched, x="month", y="launched", color="class", facet_col="attacker", title=title)


@chart("Share of launched weapons reported destroyed")
def interception_rate(rates: pd.DataFrame, title: str) -> go.Figure:
    figure = px.line(
        rates, x="month", y="rate", color="class", line_dash="attacker", markers=True, title=title,
        hover_data=["launched", "destroyed", "waves"], labels={"rate": "share destroyed"},
    )
    return figure.update_yaxes(tickformat=".0%", range=[0, 1.05])


@chart("Regions hit most often")
def regions_hit(regions: pd.DataFrame, title: str) -> go.Figure:
    figure = px.bar(regions, x="waves", y="region", orientation="h", hover_data=["weapons"], title=title)
    return figure.update_yaxes(autorange="reversed")


@chart("Biggest waves: weapons launched")
def biggest(waves: pd.DataFrame, title: str) -> go.Figure:
    labelled = waves.assign(wave=waves["attack_date"].astype(str) + " " + waves["attacker"].fillna("?"))
    return px.bar(labelled, x="wave", y=["drones", "missiles"], title=title, labels={"value": "launched", "variable": "weapon"})


@chart("Waves by stated temperature")
def temperature(waves: pd.DataFrame, title: str) -> go.Figure:
    figure = px.scatter(
        waves.assign(attack_date=waves["attack_date"].astype(str)), x="temperature_c", y="weapons", color="attacker",
        hover_data=["attack_date", "drones", "missiles"], title=title,
        labels={"temperature_c": "temperature (°C)", "weapons": "weapons launched"},
    )
    return figure.update_traces(marker={"size": 12})


@chart("Fields the sources disagree on")
def conflicting_fields(fields: pd.DataFrame, title: str) -> go.Figure:
    return px.bar(fields, x="field", y="events", title=title)


@chart("Rejected inputs by reason")
def rejects_by_reason(rejects: pd.DataFrame, title: str) -> go.Figure:
    return px.bar(rejects, x="inputs", y="reason", color="stage", orientation="h", title=title)


@chart("Observations per document")
def observations_per_document(counts: pd.DataFrame, title: str) -> go.Figure:
    return px.bar(counts, x="observations", y="documents", title=title).update_xaxes(dtick=1)


@chart("Share of rows with each field filled")
def _filled(long: pd.DataFrame, title: str) -> go.Figure:
    figure = px.bar(long, x="field", y="share", color="table", barmode="group", title=title)
    return figure.update_yaxes(tickformat=".0%", range=[0, 1.05])


def fields_filled(shares: pd.DataFrame) -> go.Figure:
    return _filled(shares.melt(id_vars="field", var_name="table", value_name="share").dropna(subset=["share"]))


@dataclass(frozen=True)
class Section:
    """One part of the report: a heading, a sentence, a chart and, when useful, the rows behind it."""

    title: str
    sentence: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None


def sections(con: duckdb.DuckDBPyConnection) -> list[Section]:
    """Every section of the report, in order."""
    checks, largest, cold = quality(con), biggest_waves(con), by_temperature(con)
    return [
        Section("Waves per month", "How many strike waves each side launched per month.", waves_per_month(monthly(con))),
        Section("Weapons launched per month, by class",
                "Ballistic, cruise, other and unclassed missiles and drones launched, as the reports state them.",
                launched_per_month(launched_by_class(con))),
        Section("Interception rate over time",
                "Share of launched drones and missiles reported destroyed, counting waves whose reports give both figures.",
                interception_rate(interception(con))),
        Section("Regions hit most often", "Regions named as hit or with weapons downed over them, counted once per wave.",
                regions_hit(top_regions(con))),
        Section("Biggest waves", "The waves with the most weapons launched.", biggest(largest), largest),
        Section("Waves by temperature", "Waves whose reports state the air temperature: the cold-weather attacks on energy.",
                temperature(cold), cold),
        Section("Where sources disagree",
                "Fields on which the sources of a wave give different values; every claim on them, and the one the event keeps.",
                conflicting_fields(checks["conflicts"]), disagreements(con)),
        Section("Data quality: tables", "Rows in each table.", table=checks["tables"]),
        Section("Data quality: documents", "Documents by reader and language, with near-duplicates of earlier documents.",
                table=checks["documents"]),
        Section("Data quality: rejects", "Inputs that could not be used, by stage and reason.",
                rejects_by_reason(checks["rejects"]), checks["rejects"]),
        Section("Data quality: observations per document",
                "How many waves each document reports; documents with none are not about a strike wave, or were missed.",
                observations_per_document(checks["observations_per_document"])),
        Section("Data quality: fields filled", "Share of observations and of events with each field filled.",
                fields_filled(checks["fields_filled"]), checks["fields_filled"].dropna(subset=["observations", "events"], how="all")),
    ]


def figures(con: duckdb.DuckDBPyConnection) -> list[go.Figure]:
    """The charts of the report, in order."""
    return [s.figure for s in sections(con) if s.figure is not None]


def _cell(value: object) -> object:
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if pd.isna(value):
        return ""
    return round(value, 3) if isinstance(value, float) else value


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return f'<p class="note">{NO_DATA}</p>'
    shown = frame.head(TABLE_ROWS).astype(object).map(_cell)
    more = f'<p class="note">{len(frame) - TABLE_ROWS} more rows not shown</p>' if len(frame) > TABLE_ROWS else ""
    return shown.to_html(index=False, na_rep="", border=0, escape=True) + more


def _chart(figure: go.Figure) -> str:
    config = {"displaylogo": False, "responsive": True}
    return '<div class="chart">' + pio.to_html(figure, full_html=False, include_plotlyjs=False, config=config) + "</div>"


def render(path: str | Path | None = None) -> str:
    """The report's HTML for a release or a build."""
    folder = dataset_path(path)
    con = open_dataset(folder)
    made = f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>strikelog report</title>",
        f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>",
        f"<h1>strikelog: {html.escape(folder.name)}</h1>",
        f"<p class='note'>{html.escape(str(folder))} · made {made} by strikelog {__version__}</p>",
    ]
    for section in sections(con):
        parts += [f"<h2>{html.escape(section.title)}</h2>", f"<p>{html.escape(section.sentence)}</p>"]
        if section.figure is not None:
            parts.append(_chart(section.figure))
        if section.table is not None and not (section.figure is not None and section.table.empty):
            parts.append(_table(section.table))
    parts.append("</body></html>")
    return "\n".join(parts)


def _umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    current = os.umask(0o22)
    os.umask(current)
    return current


def write_report(path: str | Path | None, out: Path) -> Path:
    """Write the report for a release or build to ``out`` (atomically: a reader never sees half a file)."""
    page = render(path)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(page)
    os.chmod(scratch, 0o666 & ~_umask())
    os.replace(scratch, out)
    return out

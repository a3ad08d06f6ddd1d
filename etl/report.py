"""report: one self-contained HTML file (plotly.js inlined once) with the exploration charts and data quality."""

from __future__ import annotations

import html
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio

from etl import __version__
from etl.explore import (
    biggest_waves,
    by_temperature,
    dataset_path,
    disagreements,
    interception,
    monthly,
    open_dataset,
    quality,
    top_regions,
)

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2329;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #d8dde3;padding-bottom:.3rem}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}td,th{border:1px solid #d8dde3;padding:.25rem .5rem;text-align:left}
th{background:#f3f5f7}.note{color:#5a6570;font-size:.9rem}.chart{min-height:380px}
"""


def _chart(figure: go.Figure, first: bool) -> str:
    figure.update_layout(height=380, margin={"l": 50, "r": 20, "t": 50, "b": 40}, template="plotly_white")
    return '<div class="chart">' + pio.to_html(figure, full_html=False, include_plotlyjs="inline" if first else False) + "</div>"


def _empty(title: str) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(title=title, annotations=[{"text": "no data in this dataset", "showarrow": False, "font": {"size": 16}}])
    return figure


def _table(frame: pd.DataFrame, limit: int = 30) -> str:
    if frame.empty:
        return '<p class="note">nothing to show</p>'
    return frame.head(limit).to_html(index=False, na_rep="", border=0, escape=True)


def figures(con) -> list[tuple[str, str, go.Figure]]:
    """(section title, sentence, chart) for every question of the report."""
    months = monthly(con)
    classes = months.melt(id_vars=["month", "attacker"], value_vars=["ballistic", "cruise", "other", "drones"], var_name="class", value_name="launched")
    rates = interception(con).melt(id_vars="month", value_vars=["drones_rate", "missiles_rate"], var_name="class", value_name="share destroyed").dropna()
    regions = top_regions(con)
    biggest = biggest_waves(con)
    cold = by_temperature(con)
    conflicts = quality(con)["conflicts"]
    return [
        ("Waves per month", "How many strike waves each side launched per month.",
         px.bar(months, x="month", y="waves", color="attacker", title="Waves per month") if len(months) else _empty("Waves per month")),
        ("Launched weapons per month by class", "Ballistic, cruise and other missiles and drones launched, as the reports state them.",
         px.bar(classes.dropna(), x="month", y="launched", color="class", title="Launched weapons per month") if classes["launched"].notna().any() else _empty("Launched weapons per month")),
        ("Interception rate over time", "Share of launched drones and missiles reported destroyed (waves that give both figures).",
         px.line(rates, x="month", y="share destroyed", color="class", markers=True, title="Interception rate") if len(rates) else _empty("Interception rate")),
        ("Regions hit most often", "Regions named as hit, or with weapons downed over them, counted once per wave.",
         px.bar(regions, x="waves", y="region", orientation="h", title="Regions hit most often") if len(regions) else _empty("Regions hit most often")),
        ("Biggest waves", "The waves with the most weapons launched.",
         px.bar(biggest.assign(wave=biggest["attack_date"].astype(str) + " " + biggest["attacker"]), x="wave", y="weapons", title="Biggest waves") if len(biggest) else _empty("Biggest waves")),
        ("Waves by temperature", "Waves whose reports state the air temperature: the cold-weather attacks on energy.",
         px.scatter(cold, x="temperature_c", y="drones", size=cold["missiles"].fillna(0) + 1, hover_data=["attack_date"], title="Drones launched against temperature") if len(cold) else _empty("Waves by temperature")),
        ("Where sources disagree", "Fields on which sources give different figures for the same wave.",
         px.bar(conflicts, x="field", y="events", title="Conflicting fields") if len(conflicts) else _empty("Conflicting fields")),
    ]


def render(path: str | Path | None = None) -> str:
    """The report's HTML for a release or a build."""
    folder = dataset_path(path)
    con = open_dataset(folder)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>strikelog report</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>strikelog: {html.escape(folder.name)}</h1>",
        f"<p class='note'>{html.escape(str(folder))} · made {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by strikelog {__version__}</p>",
    ]
    for i, (title, sentence, figure) in enumerate(figures(con)):
        parts += [f"<h2>{html.escape(title)}</h2>", f"<p>{html.escape(sentence)}</p>", _chart(figure, first=i == 0)]
    parts += ["<h2>Biggest waves</h2>", _table(biggest_waves(con)), "<h2>Claims that disagree</h2>", _table(disagreements(con))]
    checks = quality(con)
    parts += ["<h2>Data quality</h2>", "<h3>Tables</h3>", _table(checks["tables"]), "<h3>Rejected inputs by reason</h3>", _table(checks["rejects"]),
              "<h3>Observations per document</h3>", _table(checks["observations_per_document"]),
              "<h3>Share of observations with each field filled</h3>", _table(checks["fields_filled"].reset_index(names="field").round(3)),
              "<h3>Conflicts</h3>", _table(checks["conflicts"]), "</body></html>"]
    return "\n".join(parts)


def write_report(path: str | Path | None, out: Path) -> Path:
    """Write the report atomically to ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(render(path))
    os.replace(scratch, out)
    return out

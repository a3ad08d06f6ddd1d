"""Scoring the extractor against a labelled file (DATA-CONTRACT.md, section 3).

Each labelled document lists its strike waves. The build's observations of that document are matched
one to one with the labelled waves (greedily, by how many fields agree, attacker and date counting
double), then every field is scored: a predicted value equal to the label is a true positive, any other
predicted value a false positive, a label not predicted a false negative. Regions are scored code by code.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.build import build
from etl.store import read_table
from schemas.tables import CASUALTY_FIELDS, COUNT_FIELDS

SCALARS = ("attacker", "target_country", "attack_date", *COUNT_FIELDS, "temperature_c", *CASUALTY_FIELDS)
DOUBLE_WEIGHT = ("attacker", "attack_date")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "support": self.tp + self.fn}


@dataclass
class Report:
    """Tallies per group ("all" and each language) and field, and the disagreements found."""

    tallies: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))
    disagreements: list[dict[str, object]] = field(default_factory=list)
    false_positive_documents: list[str] = field(default_factory=list)

    def summary(self, group: str = "all") -> dict[str, dict[str, float | int]]:
        rows = {name: tally.as_dict() for name, tally in self.tallies[group].items()}
        rows["counts"] = _combined(self.tallies[group], COUNT_FIELDS).as_dict()
        rows["all_fields"] = _combined(self.tallies[group], (*SCALARS, "regions")).as_dict()
        return rows

    def as_dict(self) -> dict[str, object]:
        return {
            "groups": {group: self.summary(group) for group in self.tallies},
            "disagreements": self.disagreements,
            "false_positive_documents": self.false_positive_documents,
        }


def _combined(tallies: dict[str, Tally], names: tuple[str, ...]) -> Tally:
    total = Tally()
    for name in names:
        tally = tallies.get(name, Tally())
        total.add(tally.tp, tally.fp, tally.fn)
    return total


def normalise(name: str, value: object) -> object:
    """Comparable form of a field value (dates as ISO days, counts as ints, temperatures rounded)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if name == "attack_date":
        return str(pd.Timestamp(value).date()) if not isinstance(value, str) else value[:10]
    if name == "temperature_c":
        return round(float(value))
    if name in COUNT_FIELDS or name in CASUALTY_FIELDS:
        return int(value)
    return str(value)


def agreement(gold: dict[str, object], pred: dict[str, object]) -> float:
    score = 0.0
    for name in SCALARS:
        g, p = normalise(name, gold.get(name)), normalise(name, pred.get(name))
        if g is not None and g == p:
            score += 2 if name in DOUBLE_WEIGHT else 1
    gr, pr = set(gold.get("regions") or []), set(pred.get("regions") or [])
    if gr or pr:
        score += len(gr & pr) / len(gr | pr)
    return score


def match(gold: list[dict[str, object]], pred: list[dict[str, object]]) -> list[tuple[dict, dict]]:
    """Pairs of (gold, predicted) waves, unmatched ones paired with an empty dict."""
    candidates = sorted(((agreement(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if score > 0 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    pairs += [(g, {}) for i, g in enumerate(gold) if i not in used_g]
    pairs += [({}, p) for j, p in enumerate(pred) if j not in used_p]
    return pairs


def score(labelled: list[dict[str, object]], predictions: dict[str, list[dict[str, object]]]) -> Report:
    """Score predictions (observations by source_id) against labelled documents."""
    report = Report()
    for item in labelled:
        doc_id = str(item["id"])
        groups = ("all", str(item.get("lang") or "?"))
        gold = list(item.get("attacks") or [])
        pred = predictions.get(doc_id, [])
        if not gold and pred:
            report.false_positive_documents.append(doc_id)
        pairs = match(gold, pred)
        matched = sum(1 for g, p in pairs if g and p)
        for group in groups:
            report.tallies[group]["record"].add(matched, len(pred) - matched, len(gold) - matched)
        for g, p in pairs:
            _score_pair(report, doc_id, groups, g, p)
    return report


def _score_pair(report: Report, doc_id: str, groups: tuple[str, ...], gold: dict, pred: dict) -> None:
    for name in SCALARS:
        g, p = normalise(name, gold.get(name)), normalise(name, pred.get(name))
        for group in groups:
            report.tallies[group][name].add(tp=int(p is not None and p == g), fp=int(p is not None and p != g), fn=int(g is not None and p != g))
        if g != p:
            report.disagreements.append({"id": doc_id, "field": name, "expected": g, "extracted": p})
    gr, pr = set(gold.get("regions") or []), set(pred.get("regions") or [])
    for group in groups:
        report.tallies[group]["regions"].add(len(gr & pr), len(pr - gr), len(gr - pr))
    if gr != pr:
        report.disagreements.append({"id": doc_id, "field": "regions", "expected": sorted(gr), "extracted": sorted(pr)})


def load_labelled(path: Path) -> list[dict[str, object]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def predictions_of(build_dir: Path) -> dict[str, list[dict[str, object]]]:
    observations = read_table(build_dir, "observations")
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in observations.to_dict("records"):
        row["regions"] = list(row["regions"]) if row["regions"] is not None else []
        by_doc[str(row["source_id"])].append(row)
    return by_doc


def evaluate(labelled_path: Path, documents_path: Path | None = None, jobs: int | None = 1) -> Report:
    """Build the labelled file's documents and score the observations against its labels.

    ``documents_path`` builds another input holding the same ids (the seeds' texts and their separate
    expected file, for example); by default the labelled file is itself the corpus.
    """
    labelled = load_labelled(labelled_path)
    with tempfile.TemporaryDirectory(prefix="strikelog-eval-") as scratch:
        out = Path(scratch) / "build"
        build([documents_path or labelled_path], out, jobs=jobs)
        return score(labelled, predictions_of(out))

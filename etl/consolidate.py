"""consolidate: observations -> events (one row per strike wave) and event_claims (every source's figure).

Grouping: observations of the same attacker, target country and attack date are one wave. An
observation without a date joins the wave of the same attacker and target dated on its document's
publication day (or the day before), when there is exactly one such wave; otherwise it stays a wave of
its own. ``event_id`` is a hash of the wave's identity, never of row or file order.

Reconciliation of a field when sources differ (documented in README and the dataset card):
1. claims from official primary sources (``data/official_sources.csv``) win over relays;
2. when the remaining claims all come from one source, its latest update wins;
3. otherwise the most conservative value wins: the smallest count, the temperature closest to zero.
Every field with more than one distinct claim is named in ``conflicts``; failed consistency checks
(a stated total below its typed parts, more destroyed than launched) are named there too.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd

from schemas import Event, EventClaim, empty_frame
from schemas.tables import CASUALTY_FIELDS, COUNT_FIELDS

DATA = Path(__file__).parent / "data"
RECONCILED = (*COUNT_FIELDS, "temperature_c", *CASUALTY_FIELDS)
TYPED_PARTS = ("ballistic_missiles", "cruise_missiles", "other_missiles")


@lru_cache(maxsize=1)
def official_markers() -> tuple[str, ...]:
    """Lower-case fragments of publisher names and URLs that mark an official primary source."""
    with open(DATA / "official_sources.csv", encoding="utf-8") as handle:
        return tuple(row["marker"].lower() for row in csv.DictReader(handle))


def is_official(source: object, url: object) -> bool:
    haystack = f"{source or ''} {url or ''}".lower()
    return any(marker in haystack for marker in official_markers())


def event_id(attacker: object, target: object, date: object, wave: str = "") -> str:
    """Deterministic id of a wave from its identity."""
    day = "" if date is None or pd.isna(date) else pd.Timestamp(date).strftime("%Y-%m-%d")
    key = "|".join([str(attacker or ""), str(target or ""), day, wave])
    return "ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def assign_events(obs: pd.DataFrame) -> pd.Series:
    """The event_id of every observation."""
    dated = obs["attack_date"].notna()
    ids = pd.Series("", index=obs.index, dtype=object)
    for i, row in obs[dated].iterrows():
        ids[i] = event_id(row.attacker, row.target_country, row.attack_date)
    waves = {
        (row.attacker, row.target_country, pd.Timestamp(row.attack_date).date()): ids[i]
        for i, row in obs[dated].iterrows()
    }
    for i, row in obs[~dated].iterrows():
        candidates = set()
        if pd.notna(row.published_at):
            day = pd.Timestamp(row.published_at).date()
            for offset in (0, 1):
                key = (row.attacker, row.target_country, day - timedelta(days=offset))
                if key in waves:
                    candidates.add(waves[key])
        ids[i] = candidates.pop() if len(candidates) == 1 else event_id(row.attacker, row.target_country, None, row.obs_id)
    return ids


def choose(claims: pd.DataFrame, field: str) -> object:
    """The value an event carries for a field, by the reconciliation rules of this module."""
    official = claims[claims["official"]]
    pool = official if len(official) else claims
    if pool["source_key"].nunique() == 1:
        latest = pool.sort_values("published_at", na_position="first").iloc[-1]
        return latest["value"]
    values = pool["value"]
    if field == "temperature_c":
        return min(values, key=lambda v: (abs(v), v))
    return values.min()


def consistency_problems(event: dict[str, object]) -> list[str]:
    """Consistency checks derived from the reconciled figures (never stored twice)."""
    problems = []
    parts = [event[f] for f in TYPED_PARTS if not _missing(event[f])]
    if not _missing(event["missiles_total"]) and parts and sum(parts) > event["missiles_total"]:
        problems.append("missiles_total<typed_parts")
    launched_missiles = event["missiles_total"] if not _missing(event["missiles_total"]) else (sum(parts) if parts else None)
    for destroyed, launched in (("missiles_destroyed", launched_missiles), ("drones_destroyed", event["drones"])):
        if not _missing(event[destroyed]) and not _missing(launched) and event[destroyed] > launched:
            problems.append(f"{destroyed}>launched")
    return problems


def _missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def consolidate(observations: pd.DataFrame, documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group observations into events and list every claim; both frames follow their schemas."""
    if observations.empty:
        return empty_frame(Event), empty_frame(EventClaim)
    meta = documents[["doc_id", "source", "url", "published_at"]].drop_duplicates("doc_id")
    obs = observations.merge(meta, on="doc_id", how="left")
    obs["official"] = [is_official(s, u) for s, u in zip(obs["source"], obs["url"])]
    obs["source_key"] = obs["source"].fillna(obs["source_id"]).fillna(obs["doc_id"])
    obs["event_id"] = assign_events(obs)
    events, claims = [], []
    for eid, group in obs.sort_values("obs_id").groupby("event_id", sort=True):
        event, event_claims = _reconcile(eid, group)
        events.append(event)
        claims.extend(event_claims)
    event_frame = pd.DataFrame(events)
    claim_frame = pd.DataFrame(claims) if claims else empty_frame(EventClaim)
    return event_frame, claim_frame


def _reconcile(eid: str, group: pd.DataFrame) -> tuple[dict[str, object], list[dict[str, object]]]:
    first = group.iloc[0]
    dates = group["attack_date"].dropna()
    event: dict[str, object] = {
        "event_id": eid,
        "attacker": first["attacker"],
        "target_country": first["target_country"],
        "attack_date": dates.min() if len(dates) else None,
    }
    conflicts: list[str] = []
    claims: list[dict[str, object]] = []
    for field in RECONCILED:
        present = group[group[field].notna()]
        if present.empty:
            event[field] = None
            continue
        pool = present.assign(value=present[field])
        value = choose(pool, field)
        event[field] = value
        if pool["value"].nunique() > 1:
            conflicts.append(field)
        for row in pool.itertuples(index=False):
            claims.append(
                {
                    "event_id": eid,
                    "field": field,
                    "value": _text(row.value),
                    "obs_id": row.obs_id,
                    "source_id": row.source_id,
                    "source": row.source,
                    "published_at": row.published_at,
                    "chosen": bool(row.value == value),
                }
            )
    conflicts.extend(consistency_problems(event))
    published = group["published_at"].dropna()
    event.update(
        {
            "regions": sorted({r for regions in group["regions"] for r in regions}),
            "n_observations": len(group),
            "n_sources": int(group["source_key"].nunique()),
            "source_ids": sorted({str(s) for s in group["source_id"].dropna()}),
            "obs_ids": sorted(group["obs_id"]),
            "first_reported_at": published.min() if len(published) else None,
            "conflicts": conflicts,
        }
    )
    return event, claims


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

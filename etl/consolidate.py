"""consolidate: observations -> events (one row per strike wave) and event_claims (every source's figure).

Grouping: observations of the same attacker, target country and attack date are one wave, unless a
report keeps two waves of one date apart (a reporting window: the observation's ``wave``). An
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
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from schemas import Event, EventClaim, empty_frame
from schemas.tables import CASUALTY_FIELDS, COUNT_FIELDS

DATA = Path(__file__).parent / "data"
RECONCILED = (*COUNT_FIELDS, "temperature_c", *CASUALTY_FIELDS)
TYPED_PARTS = ("ballistic_missiles", "cruise_missiles", "other_missiles")
RECONCILE_COLUMNS = ("obs_id", "doc_id", "source_id", "attacker", "target_country", "attack_date", "regions", *RECONCILED)


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


def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def event_ids(frame: pd.DataFrame) -> pd.Series:
    """The event_id of every observation (a frame with obs_id, attacker, target_country, attack_date,
    wave and published_at). Ids are made once per distinct wave; undated rows are placed one by one."""
    keys = pd.DataFrame(
        {
            "attacker": frame["attacker"],
            "target": frame["target_country"],
            "day": pd.to_datetime(frame["attack_date"]),
            "label": frame["wave"].where(frame["wave"].map(lambda v: isinstance(v, str)), ""),
        }
    )
    number = keys.groupby(list(keys.columns), dropna=False, sort=False).ngroup().to_numpy()
    first_rows = pd.Series(np.arange(len(keys))).groupby(number).first().sort_index().to_numpy()
    distinct = keys.iloc[first_rows]  # one row per group, in group number order
    names = np.array([event_id(a, t, d.date(), lab) if pd.notna(d) else "" for a, t, d, lab in distinct.itertuples(index=False)], dtype=object)
    ids = pd.Series(names[number], index=frame.index, dtype=object)
    waves = {(a, t, d.date()): name for (a, t, d, lab), name in zip(distinct.itertuples(index=False), names) if name and not lab}
    undated = frame.loc[keys["day"].isna().to_numpy(), ["obs_id", "attacker", "target_country", "published_at"]]
    placed = []
    for obs_id, attacker, target, published_at in undated.itertuples(index=False):
        published = _day(published_at)
        candidates = {
            waves[key] for offset in (0, 1) if published and (key := (attacker, target, published - timedelta(days=offset))) in waves
        }
        placed.append(candidates.pop() if len(candidates) == 1 else event_id(attacker, target, None, str(obs_id)))
    ids[undated.index] = placed
    return ids


def choose(claims: list[dict[str, object]], field: str) -> object:
    """The value an event carries for a field, by the reconciliation rules of this module."""
    official = [c for c in claims if c["official"]]
    pool = official or claims
    if len({c["source_key"] for c in pool}) == 1:
        dated = [c for c in pool if c["published_at"] is not None]
        return (max(dated, key=lambda c: c["published_at"]) if dated else pool[-1])["value"]
    values = [c["value"] for c in pool]
    if field == "temperature_c":
        return min(values, key=lambda v: (abs(v), v))
    return min(values)


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
    frame = with_documents(observations, documents)
    return reconciled(records_of(frame), dict(zip(frame["obs_id"], event_ids(frame))))


def with_documents(observations: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Observations in obs_id order with their document's source, url and publication time."""
    meta = documents[["doc_id", "source", "url", "published_at"]].drop_duplicates("doc_id")
    return observations.sort_values("obs_id").merge(meta, on="doc_id", how="left").reset_index(drop=True)


def records_of(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Records of observations joined to their documents, as reconciliation reads them."""
    records = frame.to_dict("records")
    for row in records:
        row.update(source=_text_or_none(row["source"]), url=_text_or_none(row["url"]), published_at=None if pd.isna(row["published_at"]) else row["published_at"])
        row["official"] = is_official(row["source"], row["url"])
        row["source_key"] = row["source"] or row["source_id"] or row["doc_id"]
    return records


def reconciled(records: list[dict[str, object]], event_of: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and claims of prepared records, grouped by ``event_of`` (obs_id -> event_id)."""
    if not records:
        return empty_frame(Event), empty_frame(EventClaim)
    groups: dict[str, list[dict[str, object]]] = {}
    for row in records:
        groups.setdefault(event_of[row["obs_id"]], []).append(row)
    events, claims = [], []
    for eid in sorted(groups):
        event, event_claims = _reconcile(eid, groups[eid])
        events.append(event)
        claims.extend(event_claims)
    return pd.DataFrame(events), (pd.DataFrame(claims) if claims else empty_frame(EventClaim))


def event_fingerprints(ids: pd.Series, contents: pd.Series) -> dict[str, str]:
    """event_id -> the number and the sum (modulo 2**64) of the 64-bit content hashes of its member
    observations: it changes when any member, or the membership, does (and needs no sorting)."""
    members = pd.DataFrame({"event_id": ids.to_numpy(), "content": contents.to_numpy(dtype=np.uint64)})
    grouped = members.groupby("event_id", sort=False)["content"]
    counts, sums = grouped.size(), grouped.agg(lambda values: int(np.add.reduce(values.to_numpy(), dtype=np.uint64)))
    return {eid: f"{counts[eid]}-{sums[eid]:016x}" for eid in counts.index}


def _text_or_none(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _reconcile(eid: str, group: list[dict[str, object]]) -> tuple[dict[str, object], list[dict[str, object]]]:
    first = group[0]
    dates = [_day(r["attack_date"]) for r in group if _day(r["attack_date"])]
    event: dict[str, object] = {
        "event_id": eid,
        "attacker": first["attacker"],
        "target_country": first["target_country"],
        "attack_date": min(dates) if dates else None,
    }
    conflicts: list[str] = []
    claims: list[dict[str, object]] = []
    for field in RECONCILED:
        pool = [{**r, "value": r[field]} for r in group if not _missing(r[field])]
        if not pool:
            event[field] = None
            continue
        value = choose(pool, field)
        event[field] = value
        if len({c["value"] for c in pool}) > 1:
            conflicts.append(field)
        claims.extend(
            {
                "event_id": eid,
                "field": field,
                "value": _text(c["value"]),
                "obs_id": c["obs_id"],
                "source_id": c["source_id"],
                "source": c["source"],
                "published_at": c["published_at"],
                "chosen": bool(c["value"] == value),
            }
            for c in pool
        )
    conflicts.extend(consistency_problems(event))
    published = [r["published_at"] for r in group if r["published_at"] is not None]
    event.update(
        {
            "regions": sorted({str(region) for r in group for region in (r["regions"] if r["regions"] is not None else [])}),
            "n_observations": len(group),
            "n_sources": len({r["source_key"] for r in group}),
            "source_ids": sorted({str(r["source_id"]) for r in group if r["source_id"] is not None and not pd.isna(r["source_id"])}),
            "obs_ids": sorted(str(r["obs_id"]) for r in group),
            "first_reported_at": min(published) if published else None,
            "conflicts": conflicts,
        }
    )
    return event, claims


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

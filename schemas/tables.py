"""The tables of the data contract as pandera ``DataFrameModel`` classes.

Every column carries its description and its storage type (``metadata={"arrow": ...}``); the Parquet
schema, the Frictionless table schema, the DuckDB views and the dataset card are all derived from here.
Storage types use a small vocabulary: ``string``, ``int64``, ``float64``, ``bool``, ``date32``,
``timestamp``, ``list<string>`` and ``evidence`` (a list of ``{field, start, end, text}`` structs).
"""

from __future__ import annotations


import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

SCHEMA_VERSION = "1.0.0"

COUNT_FIELDS = (
    "ballistic_missiles",
    "cruise_missiles",
    "other_missiles",
    "missiles_total",
    "drones",
    "missiles_destroyed",
    "drones_destroyed",
)
CASUALTY_FIELDS = ("killed", "injured")


def _col(arrow: str, description: str, nullable: bool = True, **checks) -> object:
    return pa.Field(nullable=nullable, description=description, metadata={"arrow": arrow}, **checks)


def _count(description: str) -> object:
    return _col("int64", description, ge=0)


class _Model(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class Document(_Model):
    """One row per distinct input document."""

    doc_id: Series[str] = _col("string", "Content hash of the normalised text (sha256, 16 hex digits).", False)
    source_id: Series[str] = _col("string", "The caller's id of the document (JSONL `id`, Telegram `<channel>:<message id>`).")
    url: Series[str] = _col("string", "Address of the original page, when known.")
    source: Series[str] = _col("string", "Publisher or channel.")
    title: Series[str] = _col("string", "Headline, when known.")
    published_at: Series[pd.DatetimeTZDtype(tz="UTC")] = _col("timestamp", "Publication time (UTC); a bare date is midnight UTC.")
    lang: Series[str] = _col("string", "ISO 639-1 language code, given or detected.")
    n_chars: Series[pd.Int64Dtype] = _col("int64", "Characters of text.", False, ge=0)
    input_path: Series[str] = _col("string", "File the document was read from.", False)
    input_format: Series[str] = _col("string", "Reader that produced it: jsonl, text, html, telegram, feed.", False)
    meta: Series[str] = _col("string", "Unknown input keys, as a JSON object.")
    duplicate_of: Series[str] = _col("string", "doc_id of an earlier near-identical document (a republished story), else null.")
    text: Series[str] = _col("string", "The document text that evidence offsets point into.", False)


class Passage(_Model):
    """A span of a document handed to the extractor: the whole text, or one live-blog entry."""

    passage_id: Series[str] = _col("string", "doc_id and the passage's start offset.", False)
    doc_id: Series[str] = _col("string", "Document the passage belongs to.", False)
    source_id: Series[str] = _col("string", "The caller's id of the document.")
    start: Series[pd.Int64Dtype] = _col("int64", "Offset of the passage's first character in the document text.", False, ge=0)
    end: Series[pd.Int64Dtype] = _col("int64", "Offset just past the passage's last character.", False, ge=0)
    text: Series[str] = _col("string", "The passage text.", False)
    lang: Series[str] = _col("string", "Language of the document.")
    published_at: Series[pd.DatetimeTZDtype(tz="UTC")] = _col("timestamp", "Publication time of the document.")
    duplicate: Series[bool] = _col("bool", "True when the same block already appeared earlier in the document.", False)


class Observation(_Model):
    """What one document says about one strike wave."""

    obs_id: Series[str] = _col("string", "Stable id, derived from doc_id and the wave.", False)
    doc_id: Series[str] = _col("string", "Document the observation came from.", False)
    source_id: Series[str] = _col("string", "The caller's id of that document.")
    attacker: Series[str] = _col("string", "ISO 3166-1 alpha-2 code of the side that launched (RU or UA).", isin=["RU", "UA"])
    target_country: Series[str] = _col("string", "Country whose internationally recognised territory was hit or aimed at.")
    attack_date: Series[pd.Timestamp] = _col("date32", "Date of the morning the wave ended.")
    wave: Series[str] = _col("string", "What keeps this wave apart from another of the same date in the report (a reporting window such as 'over the past eight hours'), else null.")
    ballistic_missiles: Series[pd.Int64Dtype] = _count("Launched ballistic and aeroballistic missiles.")
    cruise_missiles: Series[pd.Int64Dtype] = _count("Launched cruise missiles.")
    other_missiles: Series[pd.Int64Dtype] = _count("Launched missiles of other or unclassed types.")
    missiles_total: Series[pd.Int64Dtype] = _count("Launched missiles in total, only where the text states a total or an untyped count.")
    drones: Series[pd.Int64Dtype] = _count("Launched attack drones (Shahed, Geran, Gerbera, decoys counted with them).")
    missiles_destroyed: Series[pd.Int64Dtype] = _count("Missiles shot down or intercepted, as stated.")
    drones_destroyed: Series[pd.Int64Dtype] = _count("Drones shot down, intercepted or suppressed, as stated.")
    regions: Series[object] = _col("list<string>", "ISO 3166-2 codes of the regions hit, sorted and unique.", False)
    settlements: Series[object] = _col("list<string>", "Places named as hit, in English, with `name (lat, lon)` where the gazetteer knows them.", False)
    weapon_models: Series[object] = _col("list<string>", "Canonical weapon model names mentioned.", False)
    temperature_c: Series[float] = _col("float64", "Air temperature in degrees Celsius stated with the attack.")
    killed: Series[pd.Int64Dtype] = _count("People killed by this wave, as stated.")
    injured: Series[pd.Int64Dtype] = _count("People injured by this wave, as stated.")
    evidence: Series[object] = _col("evidence", "Character spans of the document text that every filled field came from.", False)
    lang: Series[str] = _col("string", "Language of the document.")
    extractor: Series[str] = _col("string", "Name and version of the code that produced the row.", False)


class Event(_Model):
    """One strike wave across all documents, reconciled."""

    event_id: Series[str] = _col("string", "Stable id of the wave: a hash of attacker, target country, date and wave key.", False)
    attacker: Series[str] = _col("string", "Side that launched (RU or UA).")
    target_country: Series[str] = _col("string", "Country whose territory was hit or aimed at.")
    attack_date: Series[pd.Timestamp] = _col("date32", "Date of the morning the wave ended.")
    ballistic_missiles: Series[pd.Int64Dtype] = _count("Reconciled launched ballistic missiles.")
    cruise_missiles: Series[pd.Int64Dtype] = _count("Reconciled launched cruise missiles.")
    other_missiles: Series[pd.Int64Dtype] = _count("Reconciled launched missiles of other types.")
    missiles_total: Series[pd.Int64Dtype] = _count("Reconciled stated missile total.")
    drones: Series[pd.Int64Dtype] = _count("Reconciled launched drones.")
    missiles_destroyed: Series[pd.Int64Dtype] = _count("Reconciled missiles destroyed.")
    drones_destroyed: Series[pd.Int64Dtype] = _count("Reconciled drones destroyed.")
    temperature_c: Series[float] = _col("float64", "Reconciled stated temperature (degrees Celsius).")
    killed: Series[pd.Int64Dtype] = _count("Reconciled killed.")
    injured: Series[pd.Int64Dtype] = _count("Reconciled injured.")
    regions: Series[object] = _col("list<string>", "Union of the regions of all observations.", False)
    n_observations: Series[pd.Int64Dtype] = _col("int64", "Observations merged into the event.", False, ge=1)
    n_sources: Series[pd.Int64Dtype] = _col("int64", "Distinct publishers among them.", False, ge=0)
    source_ids: Series[object] = _col("list<string>", "Ids of the documents that reported the wave.", False)
    obs_ids: Series[object] = _col("list<string>", "Ids of the merged observations.", False)
    first_reported_at: Series[pd.DatetimeTZDtype(tz="UTC")] = _col("timestamp", "Earliest publication time among the reports.")
    conflicts: Series[object] = _col("list<string>", "Fields on which the sources disagree, and failed consistency checks.", False)


class EventClaim(_Model):
    """Every source's figure for every field of every event."""

    event_id: Series[str] = _col("string", "Event the claim belongs to.", False)
    field: Series[str] = _col("string", "Observation column the claim is about.", False)
    value: Series[str] = _col("string", "The claimed value, as text.", False)
    obs_id: Series[str] = _col("string", "Observation that carries the claim.", False)
    source_id: Series[str] = _col("string", "Document id of the claim.")
    source: Series[str] = _col("string", "Publisher of the claim.")
    published_at: Series[pd.DatetimeTZDtype(tz="UTC")] = _col("timestamp", "When the claim was published.")
    chosen: Series[bool] = _col("bool", "True when the event carries this claim's value.", False)


class Reject(_Model):
    """Every input that did not become a document, and every row that failed validation."""

    input_path: Series[str] = _col("string", "File (and line or message) the input came from.")
    source_id: Series[str] = _col("string", "The caller's id, when one was readable.")
    stage: Series[str] = _col("string", "Stage that rejected it: ingest, segment, extract, validate, consolidate.", False)
    reason: Series[str] = _col("string", "Short reason a person understands.", False)
    detail: Series[str] = _col("string", "More detail: the error, the offending value.")


TABLES: dict[str, type[_Model]] = {
    "documents": Document,
    "observations": Observation,
    "events": Event,
    "event_claims": EventClaim,
    "rejects": Reject,
}

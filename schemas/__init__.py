"""pandera models of strikelog's tables: the single source of their schema."""

from schemas.tables import (
    SCHEMA_VERSION,
    TABLES,
    Document,
    Event,
    EventClaim,
    Observation,
    Passage,
    Reject,
)
from schemas.derive import arrow_schema, empty_frame, field_docs, frictionless_schema, validate

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "Document",
    "Event",
    "EventClaim",
    "Observation",
    "Passage",
    "Reject",
    "arrow_schema",
    "empty_frame",
    "field_docs",
    "frictionless_schema",
    "validate",
]

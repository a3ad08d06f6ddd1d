"""strikelog: turn strike reports into a typed, versioned event log of attack waves."""

__version__ = "0.1.0"

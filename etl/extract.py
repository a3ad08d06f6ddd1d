"""extract: passages -> observations (placeholder until the extractor lands)."""

import pandas as pd

from schemas import Observation, empty_frame


def extract(passages: pd.DataFrame) -> pd.DataFrame:
    return empty_frame(Observation)

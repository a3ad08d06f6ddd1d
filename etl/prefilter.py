"""A fast first look: can a passage hold a strike report at all? Passages that name no strike, weapon
or casualty in any of the extractor's languages are not sent to the full extractor.

The words are the lexicons' own (``strike_cue``, ``casualty_cue`` and the weapon models' spellings), so
the prefilter can never be stricter than the extractor it guards.
"""

from __future__ import annotations

import re
from functools import lru_cache

from etl.lexicon import FLAGS, LANGUAGES, lexicon, weapon_hint


@lru_cache(maxsize=1)
def strike_words() -> re.Pattern[str]:
    patterns = [lexicon(lang)[key].pattern for lang in LANGUAGES for key in ("strike_cue", "casualty_cue")]
    return re.compile("|".join(f"(?:{p})" for p in [*patterns, weapon_hint().pattern]), FLAGS)


def may_report_strike(text: str) -> bool:
    """False only for text that names no strike, weapon or casualty in any known language."""
    return strike_words().search(text) is not None

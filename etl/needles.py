"""Needles: literal strings that every match of a pattern must contain, found for all patterns at once.

Most of the extractor's patterns find nothing in most sentences, yet Python's regular-expression engine
pays for every position of the text it tries. A pattern's *needles* are the strings one of which every
match must contain (``\\b(?:killed|injured)\\b`` needs "killed" or "injured"); they are read from the
parsed pattern. One Aho-Corasick automaton (``pyahocorasick``) finds the needles of every pattern in a text
in a single pass, and a pattern whose needles are all absent is not run: its answer is known to be "no
match". The test is only ever a necessary condition, so it changes no result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache

import ahocorasick

from re import _constants as sre, _parser as sre_parse

Needles = frozenset[str]
MAX_CLASS_LITERALS = 10  # [0-9] is still a few fixed strings
MAX_EXACT = 64
MIN_NEEDLE = 3
COMMON_PUNCTUATION = ".,;:!?-'\"()"
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def needles_of(source: str, flags: int = 0) -> Needles | None:
    """Strings one of which every match of the pattern contains, or None when no such set is known
    (a pattern that may match the empty string, or one that starts anywhere with any character)."""
    found = _sequence_needles(list(sre_parse.parse(source, flags)))
    if found is None or not all(map(_usable, found)):
        return None
    return frozenset(n for n in found if not any(other in n for other in found if other != n))


def _sequence_needles(items: list[tuple[object, object]]) -> Needles | None:
    """The most selective needle set among the parts of a sequence; a run of parts that each match one of
    a few fixed strings ("russia" then "n", "'s" or nothing) counts as one part with their products."""
    candidates: list[Needles] = []
    run: Needles | None = None
    for op, av in items:
        exact = _exact(op, av)
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_EXACT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        if run is not None:
            candidates.append(run)
        run = exact
        if exact is None:
            found = _item_needles(op, av)
            if found is not None:
                candidates.append(found)
    if run is not None:
        candidates.append(run)
    return max((c for c in candidates if "" not in c), key=_selectivity, default=None)


def _exact(op: object, av: object) -> Needles | None:
    """The few strings a part of a pattern can match, when it can match only fixed strings."""
    if op is sre.LITERAL:
        return frozenset([chr(av)])  # type: ignore[arg-type]
    if op is sre.IN:
        return _class_literals(av)  # type: ignore[arg-type]
    if op is sre.SUBPATTERN:
        return _exact_sequence(list(av[-1]))  # type: ignore[index]
    if op is sre.BRANCH:
        branches = [_exact_sequence(list(branch)) for branch in av[1]]  # type: ignore[index]
        if any(b is None for b in branches):
            return None
        union = frozenset().union(*branches)  # type: ignore[arg-type]
        return union if len(union) <= MAX_EXACT else None
    if op in REPEATS and av[:2] == (0, 1):  # type: ignore[index]
        body = _exact_sequence(list(av[2]))  # type: ignore[index]
        return None if body is None else body | {""}
    return None


def _class_literals(items: list[tuple[object, object]]) -> Needles | None:
    """The characters of a small class of literals and ranges ("[0-9]", "[’']"), else None."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))  # type: ignore[arg-type]
        elif op is sre.RANGE and av[1] - av[0] < MAX_CLASS_LITERALS:  # type: ignore[index]
            chars.update(map(chr, range(av[0], av[1] + 1)))  # type: ignore[index]
        else:
            return None
    return frozenset(chars) if len(chars) <= MAX_CLASS_LITERALS else None


def _exact_sequence(items: list[tuple[object, object]]) -> Needles | None:
    strings: Needles = frozenset([""])
    for op, av in items:
        exact = _exact(op, av)
        if exact is None or len(strings) * len(exact) > MAX_EXACT:
            return None
        strings = frozenset(a + b for a in strings for b in exact)
    return strings


def _item_needles(op: object, av: object) -> Needles | None:
    """The needles of a part that can match more than a few fixed strings."""
    if op is sre.SUBPATTERN:
        return _sequence_needles(list(av[-1]))  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return _sequence_needles(list(av))  # type: ignore[call-overload]
    if op is sre.BRANCH:
        branches = [_sequence_needles(list(branch)) for branch in av[1]]  # type: ignore[index]
        return None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
    if op in REPEATS:
        low, _, body = av  # type: ignore[misc]
        return _sequence_needles(list(body)) if low >= 1 else None
    return None


def _selectivity(needles: Needles) -> tuple[bool, int, int]:
    """Sets of usable needles first, then the longer shortest needle, then fewer needles."""
    return all(map(_usable, needles)), min(map(len, needles)), -len(needles)


def _usable(needle: str) -> bool:
    """Whether a needle is rare enough to tell texts apart: three characters or more, one with a sign
    outside letters, digits, spaces and common punctuation ("°c", "$"), or a digit joined to a letter
    ("5c"); "a" or "," would be found in every text."""
    return (len(needle) >= MIN_NEEDLE or any(not (c.isalnum() or c.isspace() or c in COMMON_PUNCTUATION) for c in needle)
            or (len(needle) == 2 and any(c.isdigit() for c in needle) and any(c.isalpha() for c in needle)))


class NeedleIndex:
    """The needles of every registered pattern, with one automaton that finds them all in a text.

    Every pattern registers as it is compiled and gets one bit; the automaton maps each needle to the bits
    of the patterns that need it, so reading a text gives one integer: the patterns that may match it.
    The automaton is rebuilt on the first reading after a registration; readings are cached, and the
    cache belongs to one automaton, so a text read before a pattern registered is read again.
    Texts shorter than ``MIN_TEXT`` are not searched: running the pattern itself costs less there.
    """

    MIN_TEXT = 48
    UNGATED = 1  # the bit of every pattern without needles: set in every reading

    def __init__(self) -> None:
        self._owners: dict[str, int] = {}
        self._patterns = 1  # bit 0 is UNGATED
        self._lock = threading.Lock()
        self.read = self._reader()

    def register(self, needles: Needles) -> int:
        """The bit of a new pattern that needs one of ``needles``."""
        with self._lock:
            bit = 1 << self._patterns
            self._patterns += 1
            for needle in needles:
                self._owners[needle] = self._owners.get(needle, 0) | bit
            self.read = self._reader()
            return bit

    def _reader(self) -> Callable[[str], tuple[str | None, int]]:
        """A cached reader of texts; it builds its automaton from the needles known at its first call."""
        state: list[ahocorasick.Automaton | None] = [None]

        @lru_cache(maxsize=256)
        def read(text: str) -> tuple[str | None, int]:
            """A text lower-cased (None when that changes its length: a rare dotted capital I) and the bits
            of the patterns that may match it: those whose needles occur in it and the ungated ones (all
            bits for a short text)."""
            lowered = text.lower()
            if len(lowered) != len(text):
                return None, -1
            if len(lowered) < self.MIN_TEXT:
                return lowered, -1
            if not self._owners:
                return lowered, self.UNGATED
            if state[0] is None:
                state[0] = self._automaton()
            bits = self.UNGATED
            for _, owners in state[0].iter(lowered):
                bits |= owners
            return lowered, bits

        return read

    def _automaton(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        with self._lock:
            for needle, owners in self._owners.items():
                automaton.add_word(needle, owners)
        automaton.make_automaton()
        return automaton


NEEDLES = NeedleIndex()

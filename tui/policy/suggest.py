"""Nearest suggestions for a misspelt name: "did you mean "summary"?".

One place decides what counts as near (difflib's ratio, the same cutoff everywhere), so a field, an
enum value, an id and a file name are all suggested the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# difflib's default: "summery" -> "summary" is 0.86, "volunteers" -> "PCSOs" is 0.27.
CUTOFF = 0.6
# Every choice is compared; past this many, a hint would be slow, not better.
MAX_CHOICES = 5_000


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word` (a case-only difference first), or None if none is close."""
    pool = [choice for choice in dict.fromkeys(choices) if choice != word][:MAX_CHOICES]
    folded = word.casefold()
    for choice in pool:
        if choice.casefold() == folded:
            return choice
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=CUTOFF)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint for Problem.hint, or None when nothing is near enough to be worth saying."""
    best = nearest(word, choices)
    return None if best is None else f'did you mean "{best}"?'

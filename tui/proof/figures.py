"""Reading the figures a source states in its own words: "around 1,300", "£200m", "fewer than".

A quote being in its source proves the words; this proves the number typed into the policy file is
the one those words state, with the same "around" or "fewer than". Forms read: 1,300 · 1300 ·
13,000 · 1.5 million · £200m · £200 million · £1.2bn · £1.5 billion · number words up to the
thousands ("two thousand", "thirteen hundred"). Money is a figure written with £ or "pounds";
everything else is a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that make a figure approximate, and qualifiers that bound it. Longest first, so "more
# than" is read before "more".
HEDGES: tuple[str, ...] = (
    "approximately",
    "roughly",
    "around",
    "nearly",
    "almost",
    "about",
    "some",
)
QUALIFIERS: tuple[str, ...] = ("fewer than", "more than", "up to", "at least", "over", "under")

_SCALE_WORDS = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))

# A written number: digits with thousands commas (or none), an optional decimal part, and an
# optional scale ("m", "bn", "million"); "£" before or "pounds" after makes it money.
_DIGITS = re.compile(
    r"(?P<pound>£\s?)?"
    r"(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"(?:\s?(?P<scale>thousand|million|billion|bn|m|k)\b)?"
    r"(?P<pounds>\s+pounds\b)?"
    # Not a figure when a letter or digit follows at once: "2nd", "10am", "13,000th".
    r"(?![^\W_]|[.,]\d)",
    re.IGNORECASE,
)
_WORDS = re.compile(
    rf"(?<![\w-])(?:a|{_NUMBER_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_NUMBER_WORD}|hundred|thousand))*"
    r"(?:\s+(?P<scale>million|billion))?(?P<pounds>\s+pounds\b)?(?![\w-])",
    re.IGNORECASE,
)
_QUOTE_CHARS = "\"'“”‘’«»"


@dataclass(frozen=True, slots=True)
class StatedFigure:
    """One figure as the source states it, with the words around it that change its meaning."""

    value: int
    money: bool
    words: str  # exactly as written, hedge or qualifier included: "around 1,300"
    hedge: str | None  # "around", "about", ...
    qualifier: str | None  # "fewer than", "more than", ...
    # Where `words` are in the text read: the hedge's start, the figure's end. Drafting claims
    # reads the sentence and the nouns around a figure from them.
    start: int = 0
    end: int = 0

    @property
    def approximate(self) -> bool:
        return self.hedge is not None


def _words_value(text: str) -> int | None:
    """'thirteen thousand' -> 13000, 'two hundred and fifty' -> 250; None if not a number."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.casefold()):
        if word == "and":
            continue
        if word == "a":
            current = 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_PHRASES: tuple[str, ...] = (*QUALIFIERS, *HEDGES)


def hedge_before(text: str, start: int) -> tuple[str | None, str | None, int]:
    """The hedge or qualifier directly before `start` (quote marks may stand between them).

    Only the few characters before the figure are looked at (the longest phrase, its quote
    marks and spaces), so a quote with many figures is still read in linear time.
    """
    head = text[max(0, start - 32) : start].rstrip().rstrip(_QUOTE_CHARS).rstrip().casefold()
    for phrase in _PHRASES:
        at = len(head) - len(phrase)
        if head.endswith(phrase) and (at == 0 or not head[at - 1].isalnum()):
            begins = start - 32 + at if start > 32 else at
            if phrase in QUALIFIERS:
                return None, phrase, begins
            return phrase, None, begins
    return None, None, start


def read_figures(text: str, *, words: bool = True) -> list[StatedFigure]:
    """Every figure stated in `text`, in order, with its hedge or qualifier.

    `words=False` reads only figures written with digits: the common case, and much cheaper,
    so a proof tries it first and reads number words only when the digits do not prove it.
    """
    found: list[tuple[int, StatedFigure]] = []
    for match in _DIGITS.finditer(text):
        number = int(match["number"].replace(",", ""))
        scale = _SCALE_WORDS.get((match["scale"] or "").casefold(), 1)
        money = bool(match["pound"] or match["pounds"])
        if match["scale"] and match["scale"].casefold() in ("m", "k") and not money:
            continue  # "5m" alone is a distance or a typo, not a count
        fraction = match["fraction"]
        if fraction is not None and scale == 1:
            continue  # 1.5 of something: not a whole figure
        value = number * scale
        if fraction:
            value += round(int(fraction) * scale / 10 ** len(fraction))
        found.append((match.start(), _figure(text, match.start(), match.end(), value, money)))
    for match in _WORDS.finditer(text) if words else ():
        spoken = _words_value(
            re.sub(r"\s+(million|billion)$", "", match.group().split(" pounds")[0])
        )
        if spoken is None or match.group().casefold() in ("a", "one", "some"):
            continue
        scale = _SCALE_WORDS.get((match["scale"] or "").casefold(), 1)
        found.append(
            (
                match.start(),
                _figure(text, match.start(), match.end(), spoken * scale, bool(match["pounds"])),
            )
        )
    return [figure for _, figure in sorted(found, key=lambda pair: pair[0])]


def _figure(text: str, start: int, end: int, value: int, money: bool) -> StatedFigure:
    hedge, qualifier, begins = hedge_before(text, start)
    words = " ".join(text[begins:end].split())
    return StatedFigure(value, money, words, hedge, qualifier, begins, end)
